"""Forms of the cost-tracking pages. They parse types; the services check the rules."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from greenlight.core.eighths import parse_eighths
from greenlight.web.forms import DateInput

from .costreport import ActualKind
from .costs import MAX_IMPORT_BYTES, Basis, Entry
from .costs_cash import HotEntry, ShootDay
from .costs_report import Period
from .models import PurchaseOrder


def iso_date() -> DateInput:
    """A date picker whose value the browser understands (it needs YYYY-MM-DD)."""
    return DateInput(format="%Y-%m-%d")


def _account_choices(basis: Basis | None, blank: str = "Choose an account") -> list[Any]:
    accounts = basis.accounts.items() if basis else []
    return [("", blank), *((code, f"{code} {name}") for code, name in accounts)]


def _choose(form: forms.Form, name: str, choices: list[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class PeriodForm(forms.Form):
    """A week (any day of it) or a date range; nothing given means the current week."""

    week = forms.DateField(required=False, widget=iso_date(), help_text="Any day of the week.")
    start = forms.DateField(required=False, widget=iso_date(), label="or from")
    end = forms.DateField(required=False, widget=iso_date(), label="to")

    def period(self, today: date) -> Period:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("start") or data.get("end"):
            start = data.get("start") or data.get("end")
            end = data.get("end") or data.get("start")
            assert start is not None and end is not None
            if start > end:
                self.add_error("end", "The period ends before it starts.")
                return Period.week_of(today)
            return Period(start, end)
        return Period.week_of(data.get("week") or today)


class EntryForm(forms.Form):
    account_code = forms.ChoiceField(label="Account")
    on = forms.DateField(label="Date", widget=iso_date())
    vendor = forms.CharField(max_length=200)
    description = forms.CharField(max_length=300, required=False)
    amount = forms.DecimalField(max_digits=16, decimal_places=2)
    currency = forms.ChoiceField()

    def __init__(self, *args: Any, basis: Basis | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "account_code", _account_choices(basis))
        _choose(self, "currency", [(c, c) for c in (basis.currencies if basis else [])])

    def entry(self) -> Entry:
        data = self.cleaned_data
        return Entry(
            account_code=data["account_code"],
            on=data["on"],
            vendor=data["vendor"],
            amount=data["amount"],
            currency=data["currency"],
            description=data.get("description", ""),
            kind=data.get("kind", ""),
            po=data.get("po", "") or "",
        )


class PurchaseOrderForm(EntryForm):
    po = forms.CharField(label="PO number", max_length=40)
    field_order = ["po", "account_code", "on", "vendor", "description", "amount", "currency"]


class ActualForm(EntryForm):
    kind = forms.ChoiceField(
        choices=[(k.value, k.value.title()) for k in ActualKind],
        help_text="A credit note or refund is a negative amount.",
    )
    po = forms.ChoiceField(label="Against PO", required=False)

    def __init__(self, *args: Any, orders: list[PurchaseOrder], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        open_orders = [
            (o.number, f"{o.number} · {o.account_code} · {o.vendor}")
            for o in orders
            if not o.closed
        ]
        _choose(self, "po", [("", "No purchase order"), *open_orders])


class ImportForm(forms.Form):
    what = forms.ChoiceField(
        label="The file holds",
        choices=[("actuals", "Actuals"), ("purchase_orders", "Purchase orders")],
    )
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8 CSV with a header row, at most {MAX_IMPORT_BYTES // 1024 // 1024} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {upload.size:,} bytes; the limit is {MAX_IMPORT_BYTES:,}."
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".tsv")):
            raise forms.ValidationError("Choose a CSV file (.csv).")
        return upload


class LedgerFilterForm(forms.Form):
    account = forms.ChoiceField(required=False)
    vendor = forms.CharField(required=False, max_length=200)
    start = forms.DateField(required=False, widget=iso_date(), label="From")
    end = forms.DateField(required=False, widget=iso_date(), label="To")

    def __init__(self, *args: Any, basis: Basis | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "account", _account_choices(basis, "All accounts"))


class EtcForm(forms.Form):
    account_code = forms.ChoiceField(label="Account")
    amount = forms.DecimalField(
        label="Estimate to complete", min_value=Decimal(0), max_digits=16, decimal_places=2
    )
    note = forms.CharField(max_length=300, help_text="Why: it is kept with every change.")

    def __init__(self, *args: Any, basis: Basis | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "account_code", _account_choices(basis))


class HotCostForm(forms.Form):
    on = forms.DateField(label="Shoot day", widget=iso_date())
    description = forms.CharField(max_length=300, help_text="e.g. Crew overtime: 1.5 hours.")
    account_code = forms.ChoiceField(label="Account", required=False)
    budgeted = forms.DecimalField(initial=0, max_digits=16, decimal_places=2)
    actual = forms.DecimalField(max_digits=16, decimal_places=2)
    pages_scheduled = forms.CharField(
        required=False, max_length=20, help_text="e.g. 4 2/8; blank: the day's pages on the board."
    )
    pages_shot = forms.CharField(required=False, max_length=20, help_text="e.g. 3 5/8.")

    def __init__(
        self, *args: Any, basis: Basis | None, days: tuple[ShootDay, ...], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choose(self, "account_code", _account_choices(basis, "No account"))
        if days:
            self.fields["on"] = forms.TypedChoiceField(
                label="Shoot day",
                choices=[(d.on.isoformat(), d.label) for d in days],
                coerce=date.fromisoformat,
            )

    def _pages(self, name: str) -> str:
        text = str(self.cleaned_data.get(name) or "").strip()
        if text:
            try:
                parse_eighths(text)
            except ValueError as error:
                raise forms.ValidationError(f"{error}.") from None
        return text

    def clean_pages_scheduled(self) -> str:
        return self._pages("pages_scheduled")

    def clean_pages_shot(self) -> str:
        return self._pages("pages_shot")

    def entry(self) -> HotEntry:
        data = self.cleaned_data
        return HotEntry(
            on=data["on"],
            description=data["description"],
            actual=data["actual"],
            budgeted=data["budgeted"],
            account_code=data.get("account_code", ""),
            pages_scheduled=data.get("pages_scheduled", ""),
            pages_shot=data.get("pages_shot", ""),
        )


class FundingForm(forms.Form):
    on = forms.DateField(label="Date", widget=iso_date())
    amount = forms.DecimalField(min_value=Decimal("0.01"), max_digits=16, decimal_places=2)
    source = forms.CharField(max_length=200, help_text="e.g. Signing (30%).")


class TermsForm(forms.Form):
    days = forms.IntegerField(
        label="Payment terms (days)",
        min_value=0,
        max_value=365,
        help_text="Each cost is paid this many days after it falls due (net-30: 30).",
    )
