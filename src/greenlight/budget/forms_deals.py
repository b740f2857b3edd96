"""Forms of the deal memo pages. The service checks everything again; these only shape input."""

from decimal import Decimal
from typing import Any

from django import forms

from greenlight.projects.models import Project
from greenlight.web.forms import DateInput, VersionedForm

from .deal_memos import DEAL_FIELDS, Choices
from .deals import OVERTIME_RULES, RateType
from .models import Budget, DealMemo

RATE_TYPES = [
    (RateType.HOURLY.value, "Hourly"),
    (RateType.DAILY.value, "Daily (buys the guaranteed hours of a day)"),
    (RateType.WEEKLY.value, "Weekly (five days of the guaranteed hours)"),
    (RateType.FLAT.value, "Flat fee (no overtime)"),
]


class DealForm(VersionedForm):
    """A deal memo's terms; account and fringes are picked from the current budget if any."""

    rate_type = forms.ChoiceField(choices=RATE_TYPES, initial=RateType.DAILY.value)
    overtime_rule = forms.ChoiceField(
        choices=[(key, rule.name) for key, rule in OVERTIME_RULES.items()],
        initial="ca_daily",
        help_text="Hours beyond a shoot day's guarantee are budgeted under this rule.",
    )

    class Meta:
        model = DealMemo
        fields = list(DEAL_FIELDS)
        widgets = {"start": DateInput, "end": DateInput}
        labels = {
            "account_code": "Budget account",
            "guaranteed_hours": "Guaranteed hours a day",
            "kit_rental": "Kit or box rental a week",
            "end": "End (estimated)",
        }
        help_texts = {
            "guaranteed_hours": "A daily or weekly rate buys these hours of a day: $500/10 → 10.",
            "kit_rental": "Not payroll and never fringed; budgeted to the department's xx-85 "
            "account when the budget has it.",
            "union": "Local or guild, e.g. IATSE 600; blank for non-union.",
        }

    def __init__(self, *args: Any, project: Project, choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = project.people.all()  # type: ignore[attr-defined]
        self.fields["department"].queryset = project.departments.all()  # type: ignore[attr-defined]
        self.fields["rate"].help_text = "In the deal's currency."
        if choices.accounts is not None:
            self.fields["account_code"] = forms.ChoiceField(
                label="Budget account",
                choices=[("", "---------"), *choices.accounts],
                help_text=f"An account of {choices.budget}, the current budget.",
            )
        if choices.fringes is not None:
            self.fields["fringes"] = forms.MultipleChoiceField(
                choices=choices.fringes,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Applied to the pay lines, never to the kit rental.",
            )
        else:
            self.fields["fringes"] = forms.CharField(
                required=False, help_text="Fringe codes, separated by commas (e.g. FICA, MEDI)."
            )
            if self.instance.pk and not self.is_bound:
                self.initial["fringes"] = ", ".join(self.instance.fringes)
        currencies = list(dict.fromkeys([*choices.currencies, self.instance.currency or ""]))
        self.fields["currency"] = forms.ChoiceField(
            choices=[(c, c) for c in currencies if c], initial=project.currency
        )
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("currency", project.currency)


class ThresholdForm(forms.Form):
    """The executive producer's approval threshold, with the values it was read at."""

    weekly = forms.DecimalField(
        label="Weekly pay above", min_value=0, max_digits=14, decimal_places=2
    )
    total = forms.DecimalField(
        label="Contract value above", min_value=0, max_digits=14, decimal_places=2
    )
    was_weekly = forms.DecimalField(widget=forms.HiddenInput, required=False)
    was_total = forms.DecimalField(widget=forms.HiddenInput, required=False)

    def was(self) -> tuple[Decimal, Decimal] | None:
        weekly, total = self.cleaned_data.get("was_weekly"), self.cleaned_data.get("was_total")
        return (weekly, total) if weekly is not None and total is not None else None


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        required=False,
        max_length=100,
        help_text="Required to reject: say why (100 characters at most).",
    )


class LinesForm(forms.Form):
    """Which draft budget to generate the deal's labour lines into, and the shoot day."""

    budget = forms.ModelChoiceField(queryset=Budget.objects.none(), empty_label=None)
    shoot_hours = forms.DecimalField(
        label="Hours a shoot day",
        min_value=Decimal("0.25"),
        max_value=24,
        decimal_places=2,
        initial=12,
        help_text="Hours beyond the guarantee become the overtime line.",
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drafts = project.budgets.filter(status="draft").order_by("-created_at")
        self.fields["budget"].queryset = drafts  # type: ignore[attr-defined]
