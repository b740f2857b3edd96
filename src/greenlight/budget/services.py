"""Budget actions: versions from a chart or a file, the calculated budget with its globals
bound to the schedule, editing lines, globals and fringes, locking, copying, variance.

The money belongs to the executive producer: every read needs ``view_budget`` and every write
``edit_budget`` (locking ``approve_budget``), which no other role holds by default.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import Conflict, InvalidInput, NotFound
from greenlight.projects.models import Project

from . import charts, formulas, model, store
from .binding import ScheduleFacts, bind, known_binding
from .models import (
    Account,
    Budget,
    BudgetCurrency,
    BudgetGlobal,
    BudgetStatus,
    Contractual,
    Fringe,
    Incentive,
    Line,
)
from .schedule_link import facts_for_board, facts_for_project, facts_for_schedule
from .totals import Computed, compute
from .variance import compare

LINE_FIELDS = (
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


# --- reading -------------------------------------------------------------------------------


def budgets(actor: Any, project: Project) -> QuerySet[Budget]:
    require(actor, project, Capability.VIEW_BUDGET)
    return project.budgets.all()


def get_budget(actor: Any, project: Project, budget_id: int) -> Budget:
    require(actor, project, Capability.VIEW_BUDGET)
    found = project.budgets.select_related("project", "based_on").filter(pk=budget_id).first()
    if found is None:
        raise NotFound(f"No budget #{budget_id} on {project}.")
    return found


@dataclass(frozen=True)
class Sheet:
    """A budget version as read: its data (globals bound), the figures, the schedule facts."""

    budget: Budget
    doc: model.Budget
    computed: Computed
    facts: ScheduleFacts | None


def sheet(actor: Any, budget: Budget, *, facts: ScheduleFacts | None = None) -> Sheet:
    """The calculated budget; bound globals take the current schedule's values (or ``facts``)."""
    require(actor, budget.project, Capability.VIEW_BUDGET)
    doc = store.to_model(budget)
    if budget.status == BudgetStatus.LOCKED and facts is None:
        # An approved version never moves: its bound globals were frozen when it was locked.
        return Sheet(budget, doc, compute(doc), None)
    facts = facts if facts is not None else facts_for_project(budget.project)
    doc = bind(doc, facts)
    return Sheet(budget, doc, compute(doc), facts)


def current_budget(project: Project) -> Budget | None:
    """The newest locked version, or else the newest draft."""
    versions = Budget.objects.filter(project=project)
    return (
        versions.filter(status=BudgetStatus.LOCKED).order_by("-locked_at").first()
        or versions.order_by("-created_at").first()
    )


def variance(actor: Any, budget: Budget) -> Any:
    """Line-by-line differences against the version this one is based on."""
    require(actor, budget.project, Capability.VIEW_BUDGET)
    if budget.based_on is None:
        raise NotFound(f"{budget} is not based on a locked version.")
    before = sheet(actor, budget.based_on)
    after = sheet(actor, budget)
    return compare(before.doc, after.doc)


# --- versions ------------------------------------------------------------------------------


def create_budget(
    actor: Any,
    project: Project,
    *,
    name: str,
    at: datetime,
    chart: str | None = None,
    doc: model.Budget | None = None,
) -> Budget:
    """A new draft from a chart of accounts template or from an imported document."""
    require(actor, project, Capability.EDIT_BUDGET)
    if doc is None:
        if chart not in dict(charts.available()):
            raise InvalidInput.single("chart", f"Choose a chart of accounts, not {chart!r}.")
        # A chart's rates are examples: the new budget is in the project's currency.
        doc = replace(charts.load(chart or ""), currency=project.currency)
    compute(bind(doc, facts_for_project(project)))  # refuse a document that does not add up
    with transaction.atomic():
        budget = _new_version(project, name, doc.currency or project.currency, actor, at)
        budget.info = dict(doc.info)
        budget.save(update_fields=["info"])
        store.save_model(budget, doc)
    return budget


def _new_version(project: Project, name: str, currency: str, actor: Any, at: datetime) -> Budget:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput.single("name", "Give the budget a name.")
    if project.budgets.filter(name=name).exists():
        raise InvalidInput.single("name", f"{project} already has a budget called {name!r}.")
    return Budget.objects.create(
        project=project, name=name, currency=currency, created_by=actor, created_at=at
    )


def copy_budget(actor: Any, budget: Budget, *, name: str, at: datetime) -> Budget:
    """A draft copy; a copy of a locked version is compared with it (variance)."""
    require(actor, budget.project, Capability.EDIT_BUDGET)
    doc = store.to_model(budget)
    with transaction.atomic():
        copy = _new_version(budget.project, name, budget.currency, actor, at)
        copy.based_on = budget if budget.status == BudgetStatus.LOCKED else budget.based_on
        copy.info = dict(budget.info)
        copy.save(update_fields=["based_on", "info"])
        store.save_model(copy, doc)
        # Generated labour lines stay their deal's, so regenerating replaces them in the copy.
        deals = {
            line.key or str(line.pk): line.deal_id
            for line in Line.objects.filter(budget=budget, deal__isnull=False)
        }
        copied = list(Line.objects.filter(budget=copy, key__in=list(deals)))
        for line in copied:
            line.deal_id = deals[line.key]
        Line.objects.bulk_update(copied, ["deal"])
    return copy


def lock_budget(actor: Any, budget: Budget, *, version: int, at: datetime) -> Budget:
    """Approve and lock a version: it never changes again; later versions compare with it."""
    require(actor, budget.project, Capability.APPROVE_BUDGET)
    with transaction.atomic():
        row = editable(budget, version)
        bound = bind(store.to_model(row), facts_for_project(row.project))
        compute(bound)
        _freeze_globals(row, bound)
        row.status, row.locked_by, row.locked_at = BudgetStatus.LOCKED, actor, at
        row.version += 1
        row.save()
    return row


def _freeze_globals(budget: Budget, bound: model.Budget) -> None:
    """Write the values bound globals have now into their formulas (the binding is kept, so
    a copy follows the schedule again)."""
    values = {g.name: g.expression for g in bound.globals if g.binding}
    for row in BudgetGlobal.objects.filter(budget=budget, name__in=list(values)):
        row.expression = values[row.name]
        row.save(update_fields=["expression"])


def delete_budget(actor: Any, budget: Budget) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    if budget.status == BudgetStatus.LOCKED:
        raise Conflict(f"{budget} is locked (approved); it cannot be deleted.")
    budget.delete()


def editable(budget: Budget, version: int | None) -> Budget:
    row = Budget.objects.select_for_update().get(pk=budget.pk)
    if row.status == BudgetStatus.LOCKED:
        raise Conflict(f"{row} is locked (approved). Copy it to a new version to change it.")
    if version is not None and row.version != version:
        raise Conflict(
            f"{row} was changed by someone else (version {row.version}, you had version "
            f"{version}). Reload to see their change; nothing was saved."
        )
    return row


def _recheck(row: Budget) -> None:
    """Refuse a change that leaves the budget unable to add up (raises, rolling back)."""
    compute(bind(store.to_model(row), facts_for_project(row.project)))


# --- lines ---------------------------------------------------------------------------------


def update_line(
    actor: Any, budget: Budget, line_id: int, changes: Mapping[str, Any], *, version: int
) -> Line:
    """Change a detail line; the budget must still add up, or nothing is saved."""
    require(actor, budget.project, Capability.EDIT_BUDGET)
    unknown = set(changes) - set(LINE_FIELDS)
    if unknown:
        raise InvalidInput({n: ["This field cannot be changed here."] for n in sorted(unknown)})
    with transaction.atomic():
        row = editable(budget, None)
        line = Line.objects.select_for_update().filter(budget=row, pk=line_id).first()
        if line is None:
            raise NotFound(f"No line #{line_id} in {row}.")
        if line.version != version:
            raise Conflict(
                f"'{line.description}' was changed by someone else; reload. Nothing was saved."
            )
        for name, value in _clean_line(changes).items():
            setattr(line, name, value)
        line.version += 1
        line.save()
        _recheck(row)
        touch(row)
    return line


def add_line(actor: Any, budget: Budget, account_id: int, fields: Mapping[str, Any]) -> Line:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        row = editable(budget, None)
        account = Account.objects.filter(budget=row, pk=account_id).first()
        if account is None:
            raise NotFound(f"No account #{account_id} in {row}.")
        last = Line.objects.filter(account=account).aggregate(m=Max("position"))["m"]
        data = {"description": "New line", **_clean_line(fields)}
        line = Line.objects.create(budget=row, account=account, position=(last or 0) + 1, **data)
        _recheck(row)
        touch(row)
    return line


def delete_line(actor: Any, budget: Budget, line_id: int) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        row = editable(budget, None)
        deleted, _ = Line.objects.filter(budget=row, pk=line_id).delete()
        if not deleted:
            raise NotFound(f"No line #{line_id} in {row}.")
        touch(row)


def _clean_line(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Field values as stored, each formula parsed now so a typo is refused by name."""
    cleaned = dict(fields)
    errors: dict[str, list[str]] = {}
    for name in ("amount", "multiplier", "rate"):
        if name in cleaned:
            text = str(cleaned[name]).strip() or ("0" if name == "rate" else "1")
            try:
                formulas.parse(text)
            except formulas.BudgetError as error:
                errors[name] = [error.summary()]
            cleaned[name] = text
    if "unit" in cleaned and cleaned["unit"] not in model.Unit.__members__.values():
        errors["unit"] = [f"Choose a unit: {', '.join(u.value for u in model.Unit)}."]
    if "fringes" in cleaned:
        cleaned["fringes"] = fringe_codes(cleaned["fringes"])
    if "currency" in cleaned:
        cleaned["currency"] = str(cleaned["currency"] or "").strip().upper()
    if errors:
        raise InvalidInput(errors)
    return cleaned


def fringe_codes(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    return [str(code).strip().upper() for code in items if str(code).strip()]


def touch(budget: Budget) -> None:
    Budget.objects.filter(pk=budget.pk).update(version=budget.version + 1)


# --- globals, fringes, currencies -----------------------------------------------------------


def set_global(
    actor: Any,
    budget: Budget,
    *,
    name: str,
    expression: str,
    description: str = "",
    binding: str = "",
    version: int,
) -> BudgetGlobal:
    """Create or change a global; bound ones follow the schedule and keep ``expression`` as
    the value used without a schedule."""
    require(actor, budget.project, Capability.EDIT_BUDGET)
    name = name.strip().upper()
    if not formulas.NAME.fullmatch(name):
        raise InvalidInput.single("name", f"{name!r} is not a name (letters, digits, _).")
    if not known_binding(binding.strip()):
        raise InvalidInput.single("binding", f"{binding!r} is not something a global can follow.")
    with transaction.atomic():
        row = editable(budget, version)
        last = BudgetGlobal.objects.filter(budget=row).aggregate(m=Max("position"))["m"] or 0
        item, _ = BudgetGlobal.objects.update_or_create(
            budget=row,
            name=name,
            defaults={
                "expression": expression.strip(),
                "description": description.strip()[:200],
                "binding": binding.strip(),
            },
            create_defaults={
                "expression": expression.strip(),
                "description": description.strip()[:200],
                "binding": binding.strip(),
                "position": last + 1,
            },
        )
        _recheck(row)
        touch(row)
    return item


def delete_global(actor: Any, budget: Budget, name: str, *, version: int) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        row = editable(budget, version)
        BudgetGlobal.objects.filter(budget=row, name=name).delete()
        _recheck(row)  # refuses while a line or another global still uses it
        touch(row)


def save_fringe(actor: Any, budget: Budget, fields: Mapping[str, Any], *, version: int) -> Fringe:
    """Create or change a fringe (matched by code)."""
    require(actor, budget.project, Capability.EDIT_BUDGET)
    data = dict(fields)
    code = str(data.pop("code", "")).strip().upper()
    if not code:
        raise InvalidInput.single("code", "Give the fringe a code, e.g. FICA.")
    with transaction.atomic():
        row = editable(budget, version)
        last = Fringe.objects.filter(budget=row).aggregate(m=Max("position"))["m"] or 0
        item, _ = Fringe.objects.update_or_create(
            budget=row, code=code, defaults=data, create_defaults={**data, "position": last + 1}
        )
        _recheck(row)
        touch(row)
    return item


def delete_fringe(actor: Any, budget: Budget, code: str, *, version: int) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        row = editable(budget, version)
        Fringe.objects.filter(budget=row, code=code).delete()
        _recheck(row)  # refuses while a line still carries it
        touch(row)


def set_currency(actor: Any, budget: Budget, code: str, rate: str, *, version: int) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    code = code.strip().upper()
    try:
        value = Decimal(rate)
    except InvalidOperation:
        raise InvalidInput.single("rate", f"{rate!r} is not a number.") from None
    if len(code) != 3 or not code.isalpha() or value <= 0:
        raise InvalidInput.single("rate", "A currency needs a 3-letter code and a positive rate.")
    with transaction.atomic():
        row = editable(budget, version)
        BudgetCurrency.objects.update_or_create(budget=row, code=code, defaults={"rate": value})
        _recheck(row)
        touch(row)


# --- the schedule's cost -------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleImpact:
    budget: Budget
    before: Sheet  # with the schedule's board as it is
    after: Sheet  # with the optimiser's proposal
    variance: Any

    @property
    def difference(self) -> Decimal:
        return self.after.computed.grand_total - self.before.computed.grand_total


def schedule_impact(actor: Any, schedule: Any) -> ScheduleImpact | None:
    """What the schedule's waiting proposal would do to the current budget, before accepting."""
    require(actor, schedule.project, Capability.VIEW_BUDGET)
    board = (schedule.proposal or {}).get("board")
    budget = current_budget(schedule.project)
    if budget is None or not board:
        return None
    before = sheet(actor, budget, facts=facts_for_schedule(schedule))
    after = sheet(actor, budget, facts=facts_for_board(schedule, board))
    return ScheduleImpact(budget, before, after, compare(before.computed, after.computed))


# --- contractuals and incentives ------------------------------------------------------------

SECTION_CODES = tuple(s.value for s in model.Section)


def save_contractual(
    actor: Any,
    budget: Budget,
    *,
    code: str,
    name: str,
    percent: Decimal,
    base: list[str],
    version: int,
) -> Contractual:
    """Create or change a topsheet percentage (matched by code); its base is sections and
    earlier contractuals' codes."""
    require(actor, budget.project, Capability.EDIT_BUDGET)
    code = code.strip().upper()
    if not code or percent < 0:
        raise InvalidInput.single("percent", "Give a code and a percentage of zero or more.")
    with transaction.atomic():
        row = editable(budget, version)
        others = Contractual.objects.filter(budget=row).exclude(code=code)
        existing = Contractual.objects.filter(budget=row, code=code).first()
        earlier = others.filter(position__lt=existing.position) if existing else others
        allowed = {*SECTION_CODES, *earlier.values_list("code", flat=True)}
        if not base or set(base) - allowed:
            raise InvalidInput.single(
                "base",
                f"Take it on sections or earlier contractuals: {', '.join(sorted(allowed))}.",
            )
        last = Contractual.objects.filter(budget=row).aggregate(m=Max("position"))["m"] or 0
        fields = {"name": name.strip()[:120], "percent": percent, "base": base}
        item, _ = Contractual.objects.update_or_create(
            budget=row, code=code, defaults=fields, create_defaults={**fields, "position": last + 1}
        )
        _recheck(row)  # an unknown base code is refused here
        touch(row)
    return item


def delete_contractual(actor: Any, budget: Budget, code: str, *, version: int) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        row = editable(budget, version)
        users = [c.code for c in Contractual.objects.filter(budget=row) if code in c.base]
        if users:
            raise InvalidInput.single(
                "base", f"{', '.join(users)} is taken on {code}; change it first."
            )
        Contractual.objects.filter(budget=row, code=code).delete()
        touch(row)


def save_incentive(
    actor: Any,
    budget: Budget,
    *,
    name: str,
    percent: Decimal,
    sections: list[str],
    sale_price: Decimal,
    expected: Any,
    version: int,
) -> Incentive:
    """Create or change a tax incentive (matched by name): financing, never a cost cut."""
    require(actor, budget.project, Capability.EDIT_BUDGET)
    name = " ".join(name.split())
    unknown = [s for s in sections if s not in SECTION_CODES]
    if not name or percent < 0 or sale_price < 0 or unknown or not sections:
        raise InvalidInput.single(
            "sections", f"Name it, and choose qualifying sections from {', '.join(SECTION_CODES)}."
        )
    with transaction.atomic():
        row = editable(budget, version)
        last = Incentive.objects.filter(budget=row).aggregate(m=Max("position"))["m"] or 0
        fields = {
            "percent": percent,
            "sections": sections,
            "sale_price": sale_price,
            "expected": expected,
        }
        item, _ = Incentive.objects.update_or_create(
            budget=row, name=name, defaults=fields, create_defaults={**fields, "position": last + 1}
        )
        _recheck(row)
        touch(row)
    return item


def delete_incentive(actor: Any, budget: Budget, name: str, *, version: int) -> None:
    require(actor, budget.project, Capability.EDIT_BUDGET)
    with transaction.atomic():
        row = editable(budget, version)
        Incentive.objects.filter(budget=row, name=name).delete()
        touch(row)
