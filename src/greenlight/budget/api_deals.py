"""The deal memo API: deals with their rates (for the roles that manage deals), submitting,
the executive producer's approval and threshold, and labour lines into a draft budget."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from greenlight.accounts.capabilities import Capability
from greenlight.projects import services as projects
from greenlight.projects.models import Project

from . import deal_lines, deal_memos
from .models import DealMemo

router = Router(tags=["deal memos"])
P = "/projects/{int:project_id}"
D = P + "/deals/{int:deal_id}"


class DealOut(Schema):
    id: int
    person_id: int
    person: str
    position: str
    department_id: int | None
    department: str | None
    account_code: str
    rate: Decimal
    rate_type: str
    guaranteed_hours: Decimal
    overtime_rule: str
    kit_rental: Decimal
    start: date
    end: date
    union: str
    fringes: list[str]
    currency: str
    status: str
    approved_by: str | None
    approved_at: datetime | None
    version: int
    weekly_equivalent: Decimal
    contract_value: Decimal


class DealIn(Schema):
    person_id: int
    position: str
    department_id: int | None = None  # default: the person's department
    account_code: str
    rate: Decimal
    rate_type: str  # hourly | daily | weekly | flat
    guaranteed_hours: Decimal = Decimal(10)
    overtime_rule: str = "ca_daily"
    kit_rental: Decimal = Decimal(0)
    start: date
    end: date
    union: str = ""
    fringes: list[str] = []
    currency: str | None = None  # default: the project's currency
    submit: bool = False  # submit at once (see POST .../submit)


class DealPatch(Schema):
    """Only the fields sent change; ``version`` is the one you read."""

    version: int
    person_id: int | None = None
    position: str | None = None
    department_id: int | None = None
    account_code: str | None = None
    rate: Decimal | None = None
    rate_type: str | None = None
    guaranteed_hours: Decimal | None = None
    overtime_rule: str | None = None
    kit_rental: Decimal | None = None
    start: date | None = None
    end: date | None = None
    union: str | None = None
    fringes: list[str] | None = None
    currency: str | None = None


class VersionIn(Schema):
    version: int


class DecisionIn(Schema):
    version: int
    note: str = ""  # required to reject


class LinesIn(Schema):
    budget_id: int
    shoot_hours: Decimal = Decimal(12)


class LineOut(Schema):
    id: int
    account: str
    description: str
    amount: str
    unit: str
    rate: str
    currency: str
    fringes: list[str]
    person: str
    phase: str


class GeneratedOut(Schema):
    budget_id: int
    currency: str
    prep_days: int
    shoot_days: int
    wrap_days: int
    days_from: str
    total_before: Decimal
    total_after: Decimal
    change: Decimal
    lines: list[LineOut]


class ThresholdOut(Schema):
    weekly: Decimal
    total: Decimal
    currency: str
    budget: str | None


class ThresholdIn(Schema):
    weekly: Decimal
    total: Decimal
    was_weekly: Decimal | None = None  # the values you read, to refuse a lost update
    was_total: Decimal | None = None


def _project(request: HttpRequest, project_id: int) -> Project:
    return projects.get_project(request.user, project_id, Capability.MANAGE_DEALS)


def _out(deal: DealMemo) -> DealOut:
    found = deal_memos.figures(deal)
    approver = deal.approved_by
    return DealOut(
        id=deal.pk,
        person_id=deal.person_id,
        person=deal.person.name,
        position=deal.position,
        department_id=deal.department_id,
        department=deal.department.name if deal.department else None,
        account_code=deal.account_code,
        rate=deal.rate,
        rate_type=deal.rate_type,
        guaranteed_hours=deal.guaranteed_hours,
        overtime_rule=deal.overtime_rule,
        kit_rental=deal.kit_rental,
        start=deal.start,
        end=deal.end,
        union=deal.union,
        fringes=list(deal.fringes),
        currency=deal.currency,
        status=deal.status,
        approved_by=approver.get_username() if approver else None,
        approved_at=deal.approved_at,
        version=deal.version,
        weekly_equivalent=found.weekly,
        contract_value=found.contract,
    )


def _fields(data: dict[str, Any]) -> dict[str, Any]:
    """API names to the service's: ``person_id`` → ``person``, ``department_id`` → ..."""
    renamed = {"person_id": "person", "department_id": "department"}
    return {renamed.get(name, name): value for name, value in data.items()}


@router.get(P + "/deals", response=list[DealOut], summary="Deal memos, with their rates")
def list_deals(request: HttpRequest, project_id: int) -> Any:
    return [_out(d) for d in deal_memos.deals_of(request.user, _project(request, project_id))]


@router.post(P + "/deals", response={201: DealOut}, summary="A new deal memo")
def create_deal(request: HttpRequest, project_id: int, payload: DealIn) -> Any:
    data = payload.dict()
    submit = data.pop("submit")
    if data["currency"] is None:
        del data["currency"]
    project = _project(request, project_id)
    deal = deal_memos.create_deal(
        request.user, project, _fields(data), at=timezone.now(), submit=submit
    )
    return Status(201, _out(deal_memos.get_deal(request.user, project, deal.pk)))


@router.get(D, response=DealOut, summary="One deal memo")
def get_deal(request: HttpRequest, project_id: int, deal_id: int) -> Any:
    return _out(deal_memos.get_deal(request.user, _project(request, project_id), deal_id))


@router.patch(D, response=DealOut, summary="Change a deal memo (new terms are approved again)")
def update_deal(request: HttpRequest, project_id: int, deal_id: int, payload: DealPatch) -> Any:
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    project = _project(request, project_id)
    deal_memos.update_deal(
        request.user, project, deal_id, _fields(data), version=version, at=timezone.now()
    )
    return _out(deal_memos.get_deal(request.user, project, deal_id))


@router.delete(D, response={204: None}, summary="Delete a deal memo that is not approved")
def delete_deal(request: HttpRequest, project_id: int, deal_id: int, version: int) -> Any:
    project = _project(request, project_id)
    deal_memos.delete_deal(request.user, project, deal_id, version=version)
    return Status(204, None)


@router.post(D + "/submit", response=DealOut, summary="Submit: approved, or waiting for the EP")
def submit_deal(request: HttpRequest, project_id: int, deal_id: int, payload: VersionIn) -> Any:
    project = _project(request, project_id)
    deal_memos.submit_deal(
        request.user, project, deal_id, version=payload.version, at=timezone.now()
    )
    return _out(deal_memos.get_deal(request.user, project, deal_id))


@router.post(D + "/approve", response=DealOut, summary="Approve a waiting deal (EP)")
def approve_deal(request: HttpRequest, project_id: int, deal_id: int, payload: DecisionIn) -> Any:
    return _decide(request, project_id, deal_id, payload, deal_memos.approve_deal)


@router.post(D + "/reject", response=DealOut, summary="Reject a waiting deal, saying why (EP)")
def reject_deal(request: HttpRequest, project_id: int, deal_id: int, payload: DecisionIn) -> Any:
    return _decide(request, project_id, deal_id, payload, deal_memos.reject_deal)


def _decide(
    request: HttpRequest, project_id: int, deal_id: int, payload: DecisionIn, action: Any
) -> Any:
    project = _project(request, project_id)
    action(
        request.user,
        project,
        deal_id,
        version=payload.version,
        at=timezone.now(),
        note=payload.note,
    )
    return _out(deal_memos.get_deal(request.user, project, deal_id))


@router.post(D + "/lines", response=GeneratedOut, summary="Generate labour lines into a budget")
def generate_lines(request: HttpRequest, project_id: int, deal_id: int, payload: LinesIn) -> Any:
    made = deal_lines.generate_lines(
        request.user,
        _project(request, project_id),
        deal_id,
        payload.budget_id,
        shoot_hours=payload.shoot_hours,
    )
    return GeneratedOut(
        budget_id=made.budget.pk,
        currency=made.currency,
        prep_days=made.days.prep,
        shoot_days=made.days.shoot,
        wrap_days=made.days.wrap,
        days_from=made.days.how,
        total_before=made.before,
        total_after=made.after,
        change=made.change,
        lines=[
            LineOut(
                id=line.pk,
                account=line.account.code,
                description=line.description,
                amount=line.amount,
                unit=line.unit,
                rate=line.rate,
                currency=line.currency,
                fringes=list(line.fringes),
                person=line.person,
                phase=line.tags.get("group", ""),
            )
            for line in made.lines
        ],
    )


@router.get(P + "/deal-threshold", response=ThresholdOut, summary="The approval threshold")
def get_threshold(request: HttpRequest, project_id: int) -> Any:
    return deal_memos.approval_threshold(request.user, _project(request, project_id))


@router.put(P + "/deal-threshold", response=ThresholdOut, summary="Set the threshold (EP)")
def put_threshold(request: HttpRequest, project_id: int, payload: ThresholdIn) -> Any:
    was = None
    if payload.was_weekly is not None and payload.was_total is not None:
        was = (payload.was_weekly, payload.was_total)
    return deal_memos.set_approval_threshold(
        request.user,
        _project(request, project_id),
        weekly=payload.weekly,
        total=payload.total,
        was=was,
    )
