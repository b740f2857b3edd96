"""The schedule's facts for the budget's bound globals: the current schedule's shoot days and
cast days (from its day out of days), or a proposed board's, to price a change first."""

from collections import defaultdict

from greenlight.projects.models import Project
from greenlight.scheduling.board import read_board
from greenlight.scheduling.dood_data import dood_for
from greenlight.scheduling.models import CastMember, Schedule
from greenlight.scheduling.services import current_schedule

from .binding import CastDays, ScheduleFacts, planned_facts


def facts_for_project(project: Project) -> ScheduleFacts | None:
    """From the locked (else newest) schedule; from the planned shoot dates without one."""
    schedule = current_schedule(project)
    if schedule is None:
        return planned_facts(project.shoot_start, project.shoot_end)
    return facts_for_schedule(schedule)


def facts_for_schedule(schedule: Schedule) -> ScheduleFacts:
    found = dood_for(schedule, with_elements=False)
    cast = {}
    for key, member in found.cast.items():
        totals = found.dood.row(key).totals
        cast[member.element.name.upper()] = CastDays(totals.work, totals.hold)
    return ScheduleFacts(schedule.name, len(found.view.days), cast)


def facts_for_board(schedule: Schedule, board: list[list[int]]) -> ScheduleFacts:
    """For a proposed board (strip ids per day): days, and each performer's work days and
    the shoot days between their first and last held (where holds are allowed)."""
    view = read_board(schedule)
    strips = {s.id: s for d in view.days for s in d.scenes}
    strips.update({s.id: s for s in view.open_day + view.boneyard})
    worked: dict[int, set[int]] = defaultdict(set)
    for index, day in enumerate(board):
        for strip_id in day:
            row = strips.get(strip_id)
            for element in row.cast_elements if row else ():
                worked[element].add(index)
    members = CastMember.objects.filter(project_id=schedule.project_id).select_related("element")
    cast = {}
    for member in members:
        days = worked.get(member.element_id)
        if not days:
            continue
        span = max(days) - min(days) + 1
        hold = span - len(days) if member.allow_hold else 0
        cast[member.element.name.upper()] = CastDays(len(days), hold)
    return ScheduleFacts(f"{schedule.name} (proposal)", len(board), cast)
