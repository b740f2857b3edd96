"""Forms of the budget pages."""

from typing import Any

from django import forms

from greenlight.web.forms import DateInput

from .binding import CAST_PREFIX, SHOOT_DAYS
from .model import FringeKind
from .models import Line


class NewBudgetForm(forms.Form):
    name = forms.CharField(max_length=120)
    chart = forms.ChoiceField(choices=(), label="Chart of accounts")

    def __init__(self, *args: Any, charts: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["chart"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(charts)


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=(
            "A Greenlight budget file (.json), a workbook exported from Greenlight (.xlsx), or"
            " detail lines as CSV (.csv: lines only, so no globals, fringes or currencies)."
        )
    )
    name = forms.CharField(max_length=120, required=False, help_text="Blank: the file's title.")


class LineForm(forms.ModelForm):  # type: ignore[type-arg]
    fringes = forms.CharField(
        required=False, help_text="Fringe codes, separated by commas (e.g. FICA, MEDI)."
    )
    tags = forms.CharField(
        required=False,
        help_text="Breakouts as name=value; name=value (group=prep; location=Bridge; episode=1).",
    )

    class Meta:
        model = Line
        fields = (
            "description",
            "amount",
            "unit",
            "multiplier",
            "rate",
            "currency",
            "fringes",
            "person",
            "paid_on",
            "tags",
        )
        widgets = {"paid_on": DateInput}
        help_texts = {
            "amount": "How many units: a number or a formula over globals (SHOOT_DAYS + 2).",
            "multiplier": "e.g. the number of people.",
            "rate": "Money per unit, in the line's currency.",
            "currency": "Blank: the budget's currency.",
            "person": "Fringe caps apply across all of one person's lines (prep, shoot, wrap).",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["fringes"] = ", ".join(self.instance.fringes)
            self.initial["tags"] = "; ".join(f"{k}={v}" for k, v in self.instance.tags.items())

    def clean_tags(self) -> dict[str, str]:
        tags: dict[str, str] = {}
        for part in str(self.cleaned_data.get("tags") or "").split(";"):
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            if not sep or not name.strip():
                raise forms.ValidationError(f"{part.strip()!r} is not name=value.")
            tags[name.strip().lower()] = value.strip()
        return tags

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class GlobalForm(forms.Form):
    name = forms.CharField(max_length=60, help_text="UPPER_SNAKE, e.g. SHOOT_DAYS.")
    expression = forms.CharField(max_length=500, help_text="A number or a formula.")
    description = forms.CharField(max_length=200, required=False)
    binding = forms.CharField(
        max_length=100,
        required=False,
        help_text=(
            f"Follow the schedule: {SHOOT_DAYS}, or {CAST_PREFIX}NAME.work / .hold / .paid "
            "for a cast member's days. Blank: typed in."
        ),
    )


SECTION_CHOICES = [
    ("atl", "Above the line"),
    ("btl", "Below the line: production"),
    ("post", "Below the line: post-production"),
    ("other", "Other"),
]


class ContractualForm(forms.Form):
    code = forms.CharField(max_length=20, help_text="e.g. CONT, BOND, INS.")
    name = forms.CharField(max_length=120)
    percent = forms.DecimalField(max_digits=18, decimal_places=6, min_value=0)
    base = forms.CharField(
        max_length=200,
        help_text="What it is a percentage of: atl, btl, post, other and earlier codes, "
        "separated by commas (a bond on direct cost and contingency: atl, btl, post, other, CONT).",
    )

    def clean_base(self) -> list[str]:
        parts = [p.strip() for p in str(self.cleaned_data["base"]).split(",") if p.strip()]
        return [p.lower() if p.lower() in dict(SECTION_CHOICES) else p.upper() for p in parts]


class IncentiveForm(forms.Form):
    name = forms.CharField(max_length=120)
    percent = forms.DecimalField(max_digits=18, decimal_places=6, min_value=0)
    sections = forms.MultipleChoiceField(
        choices=SECTION_CHOICES, widget=forms.CheckboxSelectMultiple, label="Qualifying spend"
    )
    sale_price = forms.DecimalField(
        max_digits=18, decimal_places=6, min_value=0, initial=1, help_text="Cash per 1 of credit."
    )
    expected = forms.DateField(required=False, widget=DateInput, help_text="When the cash comes.")


class FringeForm(forms.Form):
    code = forms.CharField(max_length=20)
    name = forms.CharField(max_length=100)
    kind = forms.ChoiceField(choices=[(k.value, k.value.title()) for k in FringeKind])
    rate = forms.DecimalField(max_digits=18, decimal_places=6, help_text="Percent, or per hour.")
    cap = forms.DecimalField(
        max_digits=16, decimal_places=2, required=False, help_text="Wage base per person."
    )
    effective_from = forms.DateField(required=False, widget=DateInput)
    effective_to = forms.DateField(required=False, widget=DateInput)
