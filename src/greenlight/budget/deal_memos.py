"""Crew and cast deal memos: drafting them, the approval rule, the memo document, and the
labour lines they generate into a budget. The pay maths is in :mod:`.deals`.

Who may do what (accounts' matrix): ``manage_deals`` (executive and associate producers)
drafts, edits, submits and reads deal memos with their rates; ``approve_budget`` (the
executive producer) approves or rejects the deals waiting for approval and sets the
threshold; ``edit_budget`` generates labour lines into a draft budget. Nobody else sees a
deal memo or a rate.

Decisions:

* Submitting routes a deal through the rule: above the project's threshold (weekly-equivalent
  pay or contract value, :func:`deals.needs_approval`) it waits for the executive producer;
  otherwise it is approved at once. When the executive producer submits it, it is approved at
  once either way: they are the approver. Changing the terms of a pending or approved deal
  (its person or any field the money depends on) routes it again.
* The threshold is kept in the budget's ``info`` (``deal_approval_weekly``,
  ``deal_approval_total``) in the budget's currency, read from the current budget (defaults
  5,000 a week and 50,000 a contract without one). Setting it writes it to every version of
  the project's budget, so whichever version becomes current keeps it; it is hiring policy,
  not a figure of the budget, so a locked version takes it too.
* A decision's note is kept as the history record's change reason (100 characters).
* Labour lines from deals: see :mod:`.deal_lines`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import can, require
from greenlight.core.errors import Conflict, InvalidInput, NotFound
from greenlight.projects.models import Project
from greenlight.web.validation import save_validated

from . import deal_checks, deal_pdf, deals, services
from .models import Account, Budget, BudgetCurrency, DealMemo, DealStatus, Fringe

DEAL_FIELDS = (
    "person",
    "position",
    "department",
    "account_code",
    "rate",
    "rate_type",
    "guaranteed_hours",
    "overtime_rule",
    "kit_rental",
    "start",
    "end",
    "union",
    "fringes",
    "currency",
)
# The terms the approval was given for: changing one routes the deal through the rule again.
TERMS = frozenset(
    {"person", "rate", "rate_type", "guaranteed_hours", "overtime_rule", "kit_rental"}
    | {"start", "end", "currency"}
)
WEEKLY_KEY = "deal_approval_weekly"
TOTAL_KEY = "deal_approval_total"
DEFAULT_WEEKLY = Decimal(5000)
DEFAULT_TOTAL = Decimal(50000)
NOTE_LENGTH = 100  # the history record's change reason holds 100 characters


# --- reading -------------------------------------------------------------------------------


def deals_of(actor: Any, project: Project) -> QuerySet[DealMemo]:
    require(actor, project, Capability.MANAGE_DEALS)
    return project.deal_memos.select_related("project", "person", "department", "approved_by")


def get_deal(actor: Any, project: Project, deal_id: int) -> DealMemo:
    found = deals_of(actor, project).filter(pk=deal_id).first()
    if found is None:
        raise NotFound(f"No deal memo #{deal_id} on {project}.")
    return found


def waiting_for(actor: Any, project: Project) -> list[DealMemo]:
    """The deals waiting for ``actor``'s approval: none unless they may approve."""
    if not can(actor, project, Capability.APPROVE_BUDGET):
        return []
    return list(deals_of(actor, project).filter(status=DealStatus.PENDING))


@dataclass(frozen=True)
class Threshold:
    """Deals above either figure wait for the executive producer."""

    weekly: Decimal
    total: Decimal
    currency: str
    budget: str | None  # the budget version it is read from; None: the defaults

    def limit(self) -> deals.ApprovalThreshold:
        return deals.ApprovalThreshold(self.weekly, self.total)


def approval_threshold(actor: Any, project: Project) -> Threshold:
    require(actor, project, Capability.MANAGE_DEALS)
    return _threshold(project)


def _threshold(project: Project) -> Threshold:
    budget = services.current_budget(project)
    if budget is None:
        return Threshold(DEFAULT_WEEKLY, DEFAULT_TOTAL, project.currency, None)
    info = budget.info or {}
    return Threshold(
        _stored(info.get(WEEKLY_KEY), DEFAULT_WEEKLY),
        _stored(info.get(TOTAL_KEY), DEFAULT_TOTAL),
        budget.currency,
        budget.name,
    )


def _stored(value: Any, default: Decimal) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else default
    except InvalidOperation:
        return default


@dataclass(frozen=True)
class Choices:
    """What a deal may be coded to: the current budget's accounts and fringes (None: any)."""

    accounts: list[tuple[str, str]] | None
    fringes: list[tuple[str, str]] | None
    currencies: list[str]
    budget: str | None


def choices(actor: Any, project: Project) -> Choices:
    require(actor, project, Capability.MANAGE_DEALS)
    budget = services.current_budget(project)
    if budget is None:
        return Choices(None, None, [project.currency], None)
    accounts = Account.objects.filter(budget=budget).order_by("position", "pk")
    fringes = Fringe.objects.filter(budget=budget).order_by("position", "pk")
    others = BudgetCurrency.objects.filter(budget=budget).values_list("code", flat=True)
    return Choices(
        [(a.code, f"{a.code} {a.name}") for a in accounts],
        [(f.code, f"{f.code}: {f.name}") for f in fringes],
        list(dict.fromkeys([project.currency, budget.currency, *others])),
        budget.name,
    )


# --- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """A deal's money as the deal memo shows it, in the deal's currency."""

    hourly: Decimal | None  # straight-time hourly rate, to the cent; None for a flat fee
    weekly: Decimal
    contract: Decimal
    working_days: int
    overtime: str  # the rule in words
    needs_approval: bool  # by the current threshold


def figures(deal: DealMemo) -> Figures:
    pure = pure_deal(deal)
    rule = deals.rule_for(deal.overtime_rule)
    hourly = None
    if pure.rate_type is not deals.RateType.FLAT:
        hourly = deals.straight_hourly(pure).quantize(deals.CENT)
    limit = _limit_in(deal.project, deal.currency)
    return Figures(
        hourly,
        deals.weekly_equivalent(pure),
        deals.contract_value(pure),
        deals.working_days(deal.start, deal.end),
        rule.name,
        limit is None or deals.needs_approval(pure, limit),
    )


def pure_deal(deal: DealMemo, *, person_key: str = "", base_currency: str = "") -> deals.Deal:
    """The pay terms of a deal memo; ``person_key`` groups fringe caps (default: the name)."""
    return deals.Deal(
        person=person_key or deal.person.name,
        name=deal.person.name,
        position=deal.position,
        department=deal.department.name if deal.department else "",
        account_code=deal.account_code,
        rate=Decimal(deal.rate),
        rate_type=deals.RateType(deal.rate_type),
        start=deal.start,
        end=deal.end,
        guaranteed_hours=Decimal(deal.guaranteed_hours),
        overtime=deal.overtime_rule,
        kit_rental=Decimal(deal.kit_rental),
        union=deal.union,
        fringes=tuple(deal.fringes),
        currency="" if deal.currency == base_currency else deal.currency,
    )


def _limit_in(project: Project, currency: str) -> deals.ApprovalThreshold | None:
    """The threshold in ``currency``; None when the budget has no rate for it."""
    threshold = _threshold(project)
    if currency == threshold.currency:
        return threshold.limit()
    budget = services.current_budget(project)
    found = BudgetCurrency.objects.filter(budget=budget, code=currency).first() if budget else None
    if found is None or not found.rate:
        return None
    rate = Decimal(found.rate)  # base units per one unit of ``currency``
    return deals.ApprovalThreshold(threshold.weekly / rate, threshold.total / rate)


# --- writing -------------------------------------------------------------------------------


def create_deal(
    actor: Any, project: Project, fields: Mapping[str, Any], *, at: datetime, submit: bool = False
) -> DealMemo:
    """A new deal memo: a draft, or submitted at once (see the module's decisions).

    Without a department it takes the person's.
    """
    require(actor, project, Capability.MANAGE_DEALS)
    _only(fields)
    data = deal_checks.clean(project, {"currency": project.currency, **fields})
    if data["department"] is None and data["person"] is not None:
        data["department"] = data["person"].department
    with transaction.atomic():
        row = DealMemo(project=project, created_at=at, **data)
        if submit:
            _route(row, actor, project, at)
        return save_validated(row, actor)


def update_deal(
    actor: Any,
    project: Project,
    deal_id: int,
    changes: Mapping[str, Any],
    *,
    version: int | None,
    at: datetime,
) -> DealMemo:
    """Change a deal; new terms on a pending or approved deal route it through the rule."""
    require(actor, project, Capability.MANAGE_DEALS)
    _only(changes)
    with transaction.atomic():
        row = locked_deal(project, deal_id, version)
        current = {name: getattr(row, name) for name in DEAL_FIELDS}
        data = deal_checks.clean(project, {**current, **changes})
        moved = {name for name, value in data.items() if value != current[name]}
        for name, value in data.items():
            setattr(row, name, value)
        if moved & TERMS and row.status in (DealStatus.PENDING, DealStatus.APPROVED):
            _route(row, actor, project, at)
        return _save(row, actor)


def submit_deal(
    actor: Any, project: Project, deal_id: int, *, version: int | None, at: datetime
) -> DealMemo:
    """Send a draft (or a rejected deal) for approval; within the threshold it is approved."""
    require(actor, project, Capability.MANAGE_DEALS)
    with transaction.atomic():
        row = locked_deal(project, deal_id, version)
        if row.status not in (DealStatus.DRAFT, DealStatus.REJECTED):
            raise Conflict(f"{row} is {row.get_status_display().lower()}; nothing to submit.")
        deal_checks.clean(
            project, {name: getattr(row, name) for name in DEAL_FIELDS}
        )  # still codes right
        _route(row, actor, project, at)
        return _save(row, actor)


def approve_deal(
    actor: Any,
    project: Project,
    deal_id: int,
    *,
    version: int | None,
    at: datetime,
    note: str = "",
) -> DealMemo:
    """The executive producer approves a deal waiting for them."""
    return _decide(actor, project, deal_id, DealStatus.APPROVED, version, at, note)


def reject_deal(
    actor: Any, project: Project, deal_id: int, *, version: int | None, at: datetime, note: str
) -> DealMemo:
    """The executive producer turns a waiting deal down, saying why."""
    if not note.strip():
        require(actor, project, Capability.APPROVE_BUDGET)
        raise InvalidInput.single("note", "Say why the deal is rejected.")
    return _decide(actor, project, deal_id, DealStatus.REJECTED, version, at, note)


def _decide(
    actor: Any,
    project: Project,
    deal_id: int,
    status: DealStatus,
    version: int | None,
    at: datetime,
    note: str,
) -> DealMemo:
    require(actor, project, Capability.APPROVE_BUDGET)
    note = " ".join(note.split())
    if len(note) > NOTE_LENGTH:
        raise InvalidInput.single("note", f"Keep the note to {NOTE_LENGTH} characters.")
    with transaction.atomic():
        row = locked_deal(project, deal_id, version)
        if row.status != DealStatus.PENDING:
            raise Conflict(f"{row} is not waiting for approval (it is {row.status}).")
        row.status = status
        approved = status == DealStatus.APPROVED
        row.approved_by, row.approved_at = (actor, at) if approved else (None, None)
        row._change_reason = note or ("Approved." if approved else "Rejected.")  # type: ignore[attr-defined]
        return _save(row, actor)


def delete_deal(actor: Any, project: Project, deal_id: int, *, version: int | None) -> None:
    """Delete a deal that is not approved; an approved one is a contract: change it instead."""
    require(actor, project, Capability.MANAGE_DEALS)
    with transaction.atomic():
        row = locked_deal(project, deal_id, version)
        if row.status == DealStatus.APPROVED:
            raise Conflict(f"{row} is approved: edit its terms instead of deleting it.")
        row._history_user = actor  # type: ignore[attr-defined]
        row.delete()


def set_approval_threshold(
    actor: Any,
    project: Project,
    *,
    weekly: Decimal,
    total: Decimal,
    was: tuple[Decimal, Decimal] | None = None,
) -> Threshold:
    """Set the threshold (in the budget's currency); ``was`` refuses a lost concurrent change."""
    require(actor, project, Capability.APPROVE_BUDGET)
    errors = {
        name: [f"Give a {name} threshold of 0 or more."]
        for name, value in (("weekly", weekly), ("total", total))
        if not Decimal(value).is_finite() or value < 0
    }
    if errors:
        raise InvalidInput(errors)
    with transaction.atomic():
        versions = list(Budget.objects.select_for_update().filter(project=project))
        before = _threshold(project)
        if before.budget is None:
            raise InvalidInput.single(
                "__all__", "Create a budget first: the threshold is kept with the budget."
            )
        if was is not None and (before.weekly, before.total) != tuple(map(Decimal, was)):
            raise Conflict(
                "The threshold was changed by someone else; reload to see it. Nothing was saved."
            )
        for budget in versions:
            budget.info = {**(budget.info or {}), WEEKLY_KEY: str(weekly), TOTAL_KEY: str(total)}
            budget._history_user = actor  # type: ignore[attr-defined]
            budget.save(update_fields=["info"])
    return _threshold(project)


def _only(fields: Mapping[str, Any]) -> None:
    unknown = set(fields) - set(DEAL_FIELDS)
    if unknown:
        raise InvalidInput({n: ["This field cannot be set here."] for n in sorted(unknown)})


def locked_deal(project: Project, deal_id: int, version: int | None) -> DealMemo:
    row = (
        DealMemo.objects.select_for_update(of=("self",))
        .select_related("person", "department", "project")
        .filter(project=project, pk=deal_id)
        .first()
    )
    if row is None:
        raise NotFound(f"No deal memo #{deal_id} on {project}.")
    if version is not None and row.version != version:
        raise Conflict(
            f"{row} was changed by someone else (version {row.version}, you had version "
            f"{version}). Reload to see their change; nothing was saved."
        )
    return row


def _save(row: DealMemo, actor: Any) -> DealMemo:
    row.version += 1
    return save_validated(row, actor)


def _route(row: DealMemo, actor: Any, project: Project, at: datetime) -> None:
    """Approve within the threshold (or when the approver submits); else wait for them."""
    limit = _limit_in(project, row.currency)
    needs = limit is None or deals.needs_approval(pure_deal(row), limit)
    if needs and not can(actor, project, Capability.APPROVE_BUDGET):
        row.status, row.approved_by, row.approved_at = DealStatus.PENDING, None, None
        reason = (
            f"No exchange rate for {row.currency} in the budget: waiting for approval."
            if limit is None
            else "Above the approval threshold: waiting for the executive producer."
        )
    else:
        row.status, row.approved_by, row.approved_at = DealStatus.APPROVED, actor, at
        reason = (
            "Approved by the executive producer on submission."
            if needs
            else "Within the approval threshold: approved on submission."
        )
    row._change_reason = reason  # type: ignore[attr-defined]


# --- the memo document ---------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    status: str
    by: str
    at: datetime
    note: str


def decision_of(deal: DealMemo) -> Decision | None:
    """The last routing or decision on the deal, from its history, with the note."""
    record = (
        deal.history.filter(history_change_reason__isnull=False)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    if record is None:
        return None
    user = record.history_user
    by = (user.get_full_name() or user.get_username()) if user else "system"
    return Decision(record.status, by, record.history_date, record.history_change_reason or "")


def memo_document(
    actor: Any, project: Project, deal_id: int, *, today: date
) -> deal_pdf.DealMemoDoc:
    deal = get_deal(actor, project, deal_id)
    found = figures(deal)
    fringe_names = dict(choices(actor, project).fringes or [])
    decision = decision_of(deal)
    approval = deal_pdf.Approval(deal.get_status_display())
    if decision is not None and deal.status != DealStatus.DRAFT:
        by = "" if deal.status == DealStatus.PENDING else decision.by
        approval = deal_pdf.Approval(approval.status, by, decision.at.date(), decision.note)
    return deal_pdf.DealMemoDoc(
        production=project.title,
        project_code=project.code,
        number=f"DM-{deal.pk:04d}",
        person=deal.person.name,
        person_kind=deal.person.get_kind_display(),
        position=deal.position,
        department=deal.department.name if deal.department else "",
        account_code=deal.account_code,
        start=deal.start,
        end=deal.end,
        working_days=found.working_days,
        currency=deal.currency,
        rate=Decimal(deal.rate),
        rate_type=deal.rate_type,
        guaranteed_hours=Decimal(deal.guaranteed_hours),
        overtime=found.overtime,
        hourly=found.hourly,
        weekly=found.weekly,
        contract=found.contract,
        kit_rental=Decimal(deal.kit_rental),
        kit_account=deals.kit_account(deal.account_code),
        union=deal.union,
        fringes=tuple(fringe_names.get(code, code) for code in deal.fringes),
        approval=approval,
        prepared=today,
        version=deal.version,
    )
