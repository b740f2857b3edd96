"""The day out of days of a schedule: the board's shoot days, the calendar between them, and
each cast member's (and each other element's) work, travel, rehearsal and fitting days."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from greenlight.screenplay.categories import CAST
from greenlight.screenplay.models import Tag, TagStatus

from .board import BoardView, calendar_of, read_board
from .calendar import DateKind
from .dood import Column, Dood, ElementRowInput, build
from .models import CastMember, ElementDayKind, Schedule

# Rented things are paid from first to last use, so they are held between; props, wardrobe
# and the like are simply on hand and show only their work days.
HELD_CATEGORIES = frozenset({"vehicles", "animals", "special_equipment", "background"})
CAST_KEY = "cast:{}"
ELEMENT_KEY = "element:{}"


@dataclass(frozen=True)
class ScheduleDood:
    view: BoardView
    dood: Dood
    cast: dict[str, CastMember]  # row key -> cast member, for cast rows
    categories: dict[str, str]  # row key -> category name, for the other rows


def dood_for(schedule: Schedule, *, with_elements: bool = True) -> ScheduleDood:
    """The grid for the board as it stands; rows for cast first (by cast number)."""
    view = read_board(schedule)
    work = _work_by_element(view)
    members = list(
        CastMember.objects.filter(project_id=schedule.project_id)
        .select_related("element", "person")
        .prefetch_related("days")
    )
    rows: list[ElementRowInput] = []
    cast: dict[str, CastMember] = {}
    for member in members:
        days = list(member.days.all())
        extra = {k: frozenset(d.date for d in days if d.kind == k) for k in ElementDayKind}
        if not work.get(member.element_id) and not any(extra.values()):
            continue
        key = CAST_KEY.format(member.element_id)
        cast[key] = member
        rows.append(_cast_row(key, member, work.get(member.element_id, set()), extra))
    categories: dict[str, str] = {}
    if with_elements:
        rows += _element_rows(view, categories)
    columns = _columns(view, rows)
    return ScheduleDood(view, build(columns, rows), cast, categories)


def _cast_row(
    key: str, member: CastMember, work: set[date], extra: dict[ElementDayKind, frozenset[date]]
) -> ElementRowInput:
    performer = f" ({member.person.name})" if member.person else ""
    return ElementRowInput(
        key=key,
        label=f"{member.number}. {member.element.name}{performer}",
        work=frozenset(work),
        allow_hold=member.allow_hold,
        drop_pickup_days=member.drop_pickup_days,
        travel=extra[ElementDayKind.TRAVEL],
        rehearsal=extra[ElementDayKind.REHEARSAL],
        fitting=extra[ElementDayKind.FITTING],
    )


def _work_by_element(view: BoardView) -> dict[int, set[date]]:
    """Cast element id -> the shoot dates they work, from the scenes on each day."""
    work: dict[int, set[date]] = defaultdict(set)
    for day in view.days:
        if day.date is None:
            continue
        for strip in day.scenes:
            for element in strip.cast_elements:
                work[element].add(day.date)
    return work


def _element_rows(view: BoardView, categories: dict[str, str]) -> list[ElementRowInput]:
    """Rows for tagged elements other than cast, grouped by category."""
    date_of = {s.scene_id: d.date for d in view.days for s in d.scenes if d.date is not None}
    tags = (
        Tag.objects.filter(scene_id__in=list(date_of), status=TagStatus.CONFIRMED)
        .exclude(element__category__key=CAST)
        .select_related("element__category")
        .order_by("element__category__sort_order", "element__name")
    )
    work: dict[int, set[date]] = defaultdict(set)
    names: dict[int, tuple[str, str, str]] = {}
    for tag in tags:
        work[tag.element_id].add(date_of[tag.scene_id])
        group = tag.element.category
        names[tag.element_id] = (tag.element.name, group.name, group.key)
    rows = []
    for element_id, (name, category_name, key) in names.items():
        row_key = ELEMENT_KEY.format(element_id)
        categories[row_key] = category_name
        rows.append(
            ElementRowInput(
                key=row_key,
                label=name,
                work=frozenset(work[element_id]),
                allow_hold=key in HELD_CATEGORIES,
            )
        )
    return rows


def _columns(view: BoardView, rows: list[ElementRowInput]) -> list[Column]:
    calendar = calendar_of(view.schedule)
    numbers = {d.date: d.number for d in view.days if d.date is not None}
    dates = set(numbers)
    for row in rows:
        dates |= row.travel | row.rehearsal | row.fitting
    if not dates:
        return []
    first, last = min(dates), max(dates)
    return [
        Column(
            day,
            numbers.get(day),
            holiday=calendar.kind(day) is DateKind.HOLIDAY and day not in numbers,
        )
        for day in (first + timedelta(days=i) for i in range((last - first).days + 1))
    ]
