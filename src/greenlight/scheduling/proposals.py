"""Optimising a schedule: run the solver on the board's scenes, keep its proposal, and accept
(rewrite the board) or discard it. Comparing schedule versions."""

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.eighths import format_eighths
from greenlight.core.errors import Conflict, NotFound
from greenlight.projects.models import Project

from .board import CENTS, BoardView, build_problem, calendar_of, read_board
from .models import Schedule, ScheduleStatus, Strip, StripKind
from .problem import Problem
from .services import bump_version, lock_for_edit
from .shooting import Progress, Solution, solve


def horizon_for(view: BoardView) -> int:
    """Shoot dates the optimiser may use: room to spread the work, since day/night splits,
    location limits and availability often need more days than the pages alone."""
    scenes = [s for d in view.days for s in d.scenes] + [
        s for s in view.open_day if s.kind == StripKind.SCENE
    ]
    schedule = view.schedule
    by_time = math.ceil(sum(s.minutes for s in scenes) / max(schedule.day_minutes, 1))
    by_pages = math.ceil(sum(s.eighths for s in scenes) / (schedule.max_eighths_per_day or 10**6))
    # Each day shoots by day or by night, at a limited number of sites.
    light_sites = {(s.site, s.night) for s in scenes}
    by_sites = math.ceil(len(light_sites) / max(schedule.max_locations_per_day, 1))
    need = max(len(view.days), by_time, by_pages, by_sites, 1)
    return min(max(len(scenes), 1), need + max(5, need // 2))


def problem_for_optimising(schedule: Schedule) -> Problem:
    view = read_board(schedule)
    scenes = [s for d in view.days for s in d.scenes]
    scenes += [s for s in view.open_day if s.kind == StripKind.SCENE]
    calendar = calendar_of(schedule)
    return build_problem(schedule, scenes, view.cast, calendar, horizon_for(view))


def optimise(
    schedule_id: int, *, at: datetime, progress: Callable[[Progress], None] | None = None
) -> Solution:
    """Solve the schedule's board and store the result as its proposal (the job calls this)."""
    schedule = Schedule.objects.select_related("project").get(pk=schedule_id)
    problem = problem_for_optimising(schedule)
    solution = solve(
        problem,
        time_limit=float(schedule.time_limit),
        seed=schedule.seed,
        on_progress=progress,
    )
    proposal = {
        "status": solution.status.value,
        "message": solution.message,
        "board": [[int(s) for s in day] for day in solution.board],
        "costs": asdict(solution.costs) if solution.costs else None,
        "objective": solution.objective,
        "bound": solution.bound,
        "gap": solution.gap,
        "seconds": round(solution.seconds, 2),
        "conflicts": [asdict(c) for c in solution.conflicts],
        "based_on": schedule.version,
        "created_at": at.isoformat(),
        "seed": schedule.seed,
    }
    Schedule.objects.filter(pk=schedule.pk).update(proposal=proposal)
    return solution


@dataclass(frozen=True)
class ProposalView:
    status: str
    message: str
    days: int
    holding: Decimal
    company_moves: int
    objective: int | None
    bound: int | None
    gap: float | None
    seconds: float
    conflicts: list[dict[str, str]]
    board: list[list[int]]
    usable: bool

    @property
    def bound_money(self) -> Decimal | None:
        return Decimal(self.bound) / CENTS if self.bound is not None else None

    @property
    def gap_percent(self) -> str:
        return f"{100 * self.gap:.1f}%" if self.gap is not None else "n/a"


def proposal_of(schedule: Schedule) -> ProposalView | None:
    data = schedule.proposal
    if not data:
        return None
    costs = data.get("costs") or {}
    return ProposalView(
        status=data["status"],
        message=data.get("message", ""),
        days=int(costs.get("days", 0)),
        holding=Decimal(costs.get("holding", 0)) / CENTS,
        company_moves=int(costs.get("company_moves", 0)),
        objective=data.get("objective"),
        bound=data.get("bound"),
        gap=data.get("gap"),
        seconds=float(data.get("seconds", 0)),
        conflicts=list(data.get("conflicts", [])),
        board=data.get("board", []),
        usable=data["status"] in ("optimal", "feasible") and bool(data.get("board")),
    )


def discard_proposal(actor: Any, schedule: Schedule) -> None:
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    Schedule.objects.filter(pk=schedule.pk).update(proposal=None)


def accept_proposal(actor: Any, schedule: Schedule, *, version: int) -> Schedule:
    """Rewrite the board as the proposal has it; banners stay at the start of their day."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    with transaction.atomic():
        row = lock_for_edit(schedule, version)
        proposal = proposal_of(row)
        if proposal is None or not proposal.usable:
            raise NotFound("There is no usable proposal to accept; optimise first.")
        strips = list(row.strips.filter(boneyard=False).order_by("position"))
        scene_ids = {s.pk for s in strips if s.kind == StripKind.SCENE}
        proposed = [sid for day in proposal.board for sid in day]
        if sorted(proposed) != sorted(scene_ids):
            raise Conflict("The board changed since this proposal was made. Optimise again.")
        _rewrite(row, strips, proposal.board)
        row.proposal = None
        row.save(update_fields=["proposal"])
        return bump_version(row)


def _rewrite(schedule: Schedule, strips: list[Strip], days: list[list[int]]) -> None:
    by_id = {s.pk: s for s in strips}
    breaks = [s for s in strips if s.kind == StripKind.DAY_BREAK]
    banners: dict[int, list[Strip]] = {}
    day = 0
    for strip in strips:
        if strip.kind == StripKind.DAY_BREAK:
            day += 1
        elif strip.kind == StripKind.BANNER:
            banners.setdefault(min(day, len(days) - 1), []).append(strip)
    ordered: list[Strip] = []
    for index, scenes in enumerate(days):
        ordered += banners.get(index, [])
        ordered += [by_id[sid] for sid in scenes]
        ordered.append(
            breaks[index]
            if index < len(breaks)
            else Strip.objects.create(schedule=schedule, kind=StripKind.DAY_BREAK, position=0)
        )
    Strip.objects.filter(pk__in=[b.pk for b in breaks[len(days) :]]).delete()
    for position, strip in enumerate(ordered):
        strip.position = position
    Strip.objects.bulk_update(ordered, ["position"])


@dataclass(frozen=True)
class VersionFigures:
    schedule: Schedule
    days: int
    eighths: int
    holding: Decimal
    company_moves: int
    unscheduled: int
    problems: int

    @property
    def pages(self) -> str:
        return format_eighths(self.eighths)

    @property
    def locked(self) -> bool:
        return self.schedule.status == ScheduleStatus.LOCKED


def figures_of(view: BoardView) -> VersionFigures:
    unscheduled = [s for s in view.boneyard + view.open_day if s.kind == StripKind.SCENE]
    return VersionFigures(
        schedule=view.schedule,
        days=len(view.days),
        eighths=view.scheduled_eighths,
        holding=view.holding_cost,
        company_moves=view.costs.company_moves,
        unscheduled=len(unscheduled),
        problems=len(view.violations),
    )


def compare(actor: Any, project: Project) -> list[VersionFigures]:
    """Every schedule of the project with its headline figures, side by side."""
    require(actor, project, Capability.VIEW_SCHEDULE)
    schedules = project.schedules.select_related("project").order_by("-status", "-created_at")
    return [figures_of(read_board(schedule)) for schedule in schedules]
