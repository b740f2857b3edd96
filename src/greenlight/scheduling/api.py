"""The scheduling API: schedule versions with their figures, the board, drag saves, the
optimiser and its proposal. Cost figures appear only for roles that may see costs."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from greenlight.jobs.api import JobOut
from greenlight.projects import services as projects
from greenlight.projects.models import Project

from . import proposals, services, tasks
from .board import BoardView, StripRow
from .models import Schedule

router = Router(tags=["schedules"])
P = "/projects/{int:project_id}"
S = P + "/schedules/{int:schedule_id}"


class ScheduleOut(Schema):
    id: int
    name: str
    status: str
    script_id: int
    start_date: date
    version: int
    days: int
    pages: str
    company_moves: int
    unscheduled: int
    broken_rules: int
    holding_cost: Decimal | None = None


class NewSchedule(Schema):
    script_id: int
    name: str
    start_date: date


class StripOut(Schema):
    id: int
    kind: str
    label: str
    text: str
    heading: str
    int_ext: str
    time_of_day: str
    colour: str
    eighths: int
    pages: str
    minutes: int
    cast: list[int]
    pinned_date: date | None


class DayOut(Schema):
    number: int
    break_id: int | None  # the day-break strip that ends the day: send it back in an order
    date: date | None
    eighths: int
    pages: str
    minutes: int
    strips: list[StripOut]
    broken_rules: list[str]


class BoardOut(Schema):
    schedule: ScheduleOut
    days: list[DayOut]
    unfinished_day: list[StripOut]
    boneyard: list[StripOut]
    broken_rules: list[str]


class OrderIn(Schema):
    board: list[int]
    boneyard: list[int]
    version: int


class ProposalOut(Schema):
    status: str
    message: str
    days: int
    company_moves: int
    holding_cost: Decimal | None = None
    objective: int | None
    bound: int | None
    gap: float | None
    seconds: float
    conflicts: list[dict[str, str]]
    board: list[list[int]]


def _project(request: HttpRequest, project_id: int) -> Project:
    return projects.get_project(request.user, project_id)


def _schedule(request: HttpRequest, project_id: int, schedule_id: int) -> Schedule:
    return services.get_schedule(request.user, _project(request, project_id), schedule_id)


def _figures(request: HttpRequest, figure: proposals.VersionFigures) -> ScheduleOut:
    schedule = figure.schedule
    costs = services.sees_costs(request.user, schedule.project)
    return ScheduleOut(
        id=schedule.pk,
        name=schedule.name,
        status=schedule.status,
        script_id=schedule.script_id,
        start_date=schedule.start_date,
        version=schedule.version,
        days=figure.days,
        pages=figure.pages,
        company_moves=figure.company_moves,
        unscheduled=figure.unscheduled,
        broken_rules=figure.problems,
        holding_cost=figure.holding if costs else None,
    )


def _strip(row: StripRow) -> StripOut:
    return StripOut(
        id=row.id,
        kind=row.kind,
        label=row.label if row.kind == "scene" else "",
        text=row.text,
        heading=row.heading,
        int_ext=row.int_ext,
        time_of_day=row.time_of_day,
        colour=row.colour.value,
        eighths=row.eighths,
        pages=row.pages,
        minutes=row.minutes,
        cast=list(row.cast),
        pinned_date=row.pinned_date,
    )


def _board(request: HttpRequest, view: BoardView) -> BoardOut:
    figure = proposals.figures_of(view)
    return BoardOut(
        schedule=_figures(request, figure),
        days=[
            DayOut(
                number=d.number,
                break_id=d.break_id,
                date=d.date,
                eighths=d.eighths,
                pages=d.pages,
                minutes=d.minutes,
                strips=[_strip(s) for s in d.strips],
                broken_rules=[v.message for v in d.violations],
            )
            for d in view.days
        ],
        unfinished_day=[_strip(s) for s in view.open_day],
        boneyard=[_strip(s) for s in view.boneyard],
        broken_rules=[v.message for v in view.violations],
    )


@router.get(P + "/schedules", response=list[ScheduleOut], summary="Schedule versions compared")
def list_schedules(request: HttpRequest, project_id: int) -> Any:
    figures = proposals.compare(request.user, _project(request, project_id))
    return [_figures(request, f) for f in figures]


@router.post(P + "/schedules", response={201: BoardOut}, summary="A new schedule of a script")
def create_schedule(request: HttpRequest, project_id: int, payload: NewSchedule) -> Any:
    schedule = services.create_schedule(
        request.user,
        _project(request, project_id),
        script_id=payload.script_id,
        name=payload.name,
        start_date=payload.start_date,
        at=timezone.now(),
    )
    return Status(201, _board(request, services.board(request.user, schedule)))


@router.get(S, response=BoardOut, summary="The stripboard: shoot days, boneyard, broken rules")
def get_board(request: HttpRequest, project_id: int, schedule_id: int) -> Any:
    schedule = _schedule(request, project_id, schedule_id)
    return _board(request, services.board(request.user, schedule))


@router.put(S + "/order", response=BoardOut, summary="Save the board's order (a drag)")
def put_order(request: HttpRequest, project_id: int, schedule_id: int, payload: OrderIn) -> Any:
    schedule = _schedule(request, project_id, schedule_id)
    order = services.BoardOrder(board=payload.board, boneyard=payload.boneyard)
    saved = services.reorder(request.user, schedule, order, version=payload.version)
    return _board(request, services.board(request.user, saved))


@router.post(S + "/optimise", response={202: JobOut}, summary="Optimise in the background")
def optimise(request: HttpRequest, project_id: int, schedule_id: int) -> Any:
    schedule = _schedule(request, project_id, schedule_id)
    return Status(202, tasks.start_optimise(request.user, schedule, at=timezone.now()))


@router.get(S + "/proposal", response={200: ProposalOut, 204: None}, summary="The proposal")
def get_proposal(request: HttpRequest, project_id: int, schedule_id: int) -> Any:
    schedule = _schedule(request, project_id, schedule_id)
    proposal = proposals.proposal_of(schedule)
    if proposal is None:
        return Status(204, None)
    costs = services.sees_costs(request.user, schedule.project)
    return ProposalOut(
        status=proposal.status,
        message=proposal.message,
        days=proposal.days,
        company_moves=proposal.company_moves,
        holding_cost=proposal.holding if costs else None,
        objective=proposal.objective if costs else None,
        bound=proposal.bound if costs else None,
        gap=proposal.gap,
        seconds=proposal.seconds,
        conflicts=proposal.conflicts,
        board=proposal.board,
    )


@router.post(S + "/proposal/accept", response=BoardOut, summary="Accept the proposal")
def accept(request: HttpRequest, project_id: int, schedule_id: int, version: int) -> Any:
    schedule = _schedule(request, project_id, schedule_id)
    saved = proposals.accept_proposal(request.user, schedule, version=version)
    return _board(request, services.board(request.user, saved))


@router.delete(S + "/proposal", response={204: None}, summary="Discard the proposal")
def discard(request: HttpRequest, project_id: int, schedule_id: int) -> Any:
    proposals.discard_proposal(request.user, _schedule(request, project_id, schedule_id))
    return Status(204, None)
