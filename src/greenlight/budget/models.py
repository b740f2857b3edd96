"""Budget storage: versions of a project's budget (the tree of categories, accounts and detail
lines with its globals, fringes, currencies, contractuals and incentives), and the cost
tracking of the project (purchase orders, actuals, estimates to complete, hot costs, funding)
and crew deal memos. The maths is in the pure modules."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .model import FringeKind, Section, Unit


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(m.value, m.value.replace("_", " ").title()) for m in enum]  # type: ignore[attr-defined]


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    LOCKED = "locked", "Locked (approved)"


class Budget(models.Model):
    """One version of a project's budget."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="budgets"
    )
    name = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=BudgetStatus.choices, default="draft")
    currency = models.CharField(max_length=3, help_text="Base currency: totals are in it.")
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The locked version this one is compared with.",
    )
    info = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="budget_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class BudgetPart(models.Model):
    """Something that belongs to one budget version."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["budget", "position"]


class BudgetCurrency(BudgetPart):
    code = models.CharField(max_length=3)
    rate = models.DecimalField(
        max_digits=18, decimal_places=6, help_text="Base currency units per one of this currency."
    )

    class Meta(BudgetPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["budget", "code"], name="budget_currency_unique")
        ]

    def __str__(self) -> str:
        return self.code


class BudgetGlobal(BudgetPart):
    name = models.CharField(max_length=60)
    expression = models.CharField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    binding = models.CharField(
        max_length=100, blank=True, help_text="What keeps it up to date, e.g. the schedule."
    )
    history = HistoricalRecords()

    class Meta(BudgetPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["budget", "name"], name="budget_global_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Fringe(BudgetPart):
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=8, choices=_choices(FringeKind))
    rate = models.DecimalField(max_digits=18, decimal_places=6)
    cap = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta(BudgetPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["budget", "code"], name="budget_fringe_unique")
        ]

    def __str__(self) -> str:
        return self.code


class Category(BudgetPart):
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    section = models.CharField(max_length=8, choices=_choices(Section))

    class Meta(BudgetPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["budget", "code"], name="budget_category_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Account(BudgetPart):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="accounts")
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)

    class Meta(BudgetPart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["budget", "code"], name="budget_account_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Line(BudgetPart):
    """A detail line: amount × multiplier × rate, each an expression over the globals."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(max_length=300)
    amount = models.CharField(max_length=300, default="1")
    unit = models.CharField(max_length=8, choices=_choices(Unit), default="flat")
    multiplier = models.CharField(max_length=300, default="1")
    rate = models.CharField(max_length=300, default="0")
    currency = models.CharField(max_length=3, blank=True)
    fringes = models.JSONField(default=list, blank=True)  # fringe codes
    person = models.CharField(max_length=120, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    tags = models.JSONField(default=dict, blank=True)
    deal = models.ForeignKey(
        "DealMemo", null=True, blank=True, on_delete=models.SET_NULL, related_name="lines"
    )
    key = models.CharField(max_length=40, blank=True)  # identity across versions
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.description


class Contractual(BudgetPart):
    code = models.CharField(max_length=20)
    name = models.CharField(max_length=120)
    percent = models.DecimalField(max_digits=18, decimal_places=6)
    base = models.JSONField(default=list)

    def __str__(self) -> str:
        return self.code


class Incentive(BudgetPart):
    name = models.CharField(max_length=120)
    percent = models.DecimalField(max_digits=18, decimal_places=6)
    sections = models.JSONField(default=list)
    sale_price = models.DecimalField(max_digits=18, decimal_places=6, default=1)
    expected = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


# --- cost tracking (per project, coded to account codes) -----------------------------------


class LedgerKind(models.TextChoices):
    INVOICE = "invoice", "Invoice"
    EXPENSE = "expense", "Expense"
    PAYROLL = "payroll", "Payroll"
    CREDIT = "credit", "Credit (refund)"


class PurchaseOrder(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="purchase_orders"
    )
    number = models.CharField(max_length=40)
    account_code = models.CharField(max_length=20)
    vendor = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    on = models.DateField()
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    base_amount = models.DecimalField(
        max_digits=16, decimal_places=2
    )  # in the project's currency at entry
    closed = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="po_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class ActualCost(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="actual_costs"
    )
    account_code = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=LedgerKind.choices)
    vendor = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    on = models.DateField()
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    base_amount = models.DecimalField(max_digits=16, decimal_places=2)
    purchase_order = models.ForeignKey(
        PurchaseOrder, null=True, blank=True, on_delete=models.SET_NULL, related_name="actuals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "on", "pk"]
        indexes = [models.Index(fields=["project", "account_code"])]

    def __str__(self) -> str:
        return f"{self.vendor} {self.amount}"


class EstimateToComplete(models.Model):
    """A producer's override of an account's estimate to complete, with the reason."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    account_code = models.CharField(max_length=20)
    amount = models.DecimalField(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    note = models.CharField(max_length=300)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "account_code"], name="etc_unique")
        ]

    def __str__(self) -> str:
        return f"ETC {self.account_code}"


class HotCost(models.Model):
    """A daily overrun (overtime, meal penalties ...) entered for one shoot day."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    account_code = models.CharField(max_length=20, blank=True)
    description = models.CharField(max_length=300)
    budgeted = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    actual = models.DecimalField(max_digits=16, decimal_places=2)
    pages_scheduled = models.PositiveIntegerField(null=True, blank=True)  # eighths
    pages_shot = models.PositiveIntegerField(null=True, blank=True)  # eighths
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.description}"


class FundingDrop(models.Model):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    on = models.DateField()
    amount = models.DecimalField(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    source = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.source}"


# --- deal memos ------------------------------------------------------------------------------


class DealStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING = "pending", "Waiting for the executive producer"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class DealMemo(models.Model):
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="deal_memos"
    )
    person = models.ForeignKey("projects.Person", on_delete=models.CASCADE, related_name="deals")
    position = models.CharField(max_length=200)
    department = models.ForeignKey(
        "projects.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    account_code = models.CharField(max_length=20, help_text="Budget account for the pay.")
    rate = models.DecimalField(max_digits=16, decimal_places=2, validators=[MinValueValidator(0)])
    rate_type = models.CharField(max_length=8)  # hourly | daily | weekly | flat
    guaranteed_hours = models.DecimalField(max_digits=5, decimal_places=2, default=10)
    overtime_rule = models.CharField(max_length=20, default="ca_daily")
    kit_rental = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        default=0,
        help_text="Kit or box rental per week (not payroll).",
    )
    start = models.DateField()
    end = models.DateField()
    union = models.CharField(max_length=60, blank=True)
    fringes = models.JSONField(default=list, blank=True)
    currency = models.CharField(max_length=3)
    status = models.CharField(max_length=10, choices=DealStatus.choices, default="draft")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "person__name"]

    def __str__(self) -> str:
        return f"{self.person} – {self.position}"
