"""Department day sheets: for each shoot day, what each department needs from the breakdown,
and in which of the day's scenes. Pure.

A department here is a breakdown category (props, wardrobe, vehicles, background ...). Cast is
left out by default: performers are on the call sheet. Each need also says whether the day is
the element's first day on the schedule (it must be ready) or its last (it can be wrapped or
returned), and every day it is needed on, so departments can prepare together.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

CAST_KEY = "cast"


@dataclass(frozen=True)
class Department:
    """A breakdown category as the day sheets group by it."""

    key: str
    name: str
    colour: str = "#9e9e9e"
    order: int = 0


@dataclass(frozen=True)
class Element:
    """A tagged breakdown element; ``id`` tells apart elements of the same name."""

    id: int
    name: str
    department: Department


@dataclass(frozen=True)
class SceneInput:
    number: str
    heading: str
    elements: tuple[Element, ...] = ()


@dataclass(frozen=True)
class DayInput:
    number: int
    date: date | None  # None when the calendar ran out of shoot dates
    scenes: tuple[SceneInput, ...] = ()


@dataclass(frozen=True)
class Need:
    """One element needed on a day: the day's scenes it is in, in board order."""

    element_id: int
    name: str
    scenes: tuple[str, ...]
    days: tuple[int, ...]  # every shoot day the element is needed on
    first: bool  # the first of those days: have it ready
    last: bool  # the last of those days: it can be wrapped or returned


@dataclass(frozen=True)
class DepartmentNeeds:
    department: Department
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class DaySheet:
    number: int
    date: date | None
    scenes: tuple[SceneInput, ...]
    departments: tuple[DepartmentNeeds, ...]

    @property
    def item_count(self) -> int:
        return sum(len(d.needs) for d in self.departments)


def build(
    days: Sequence[DayInput],
    *,
    only: Collection[str] | None = None,
    exclude: Collection[str] = (CAST_KEY,),
) -> tuple[DaySheet, ...]:
    """One sheet per day, departments in category order, elements by name.

    ``only`` keeps the departments with those keys (all when None); ``exclude`` drops some
    (cast by default). First, last and every-day facts look at the whole schedule, whatever
    the filter.
    """
    days_of = _days_of(days)
    return tuple(
        DaySheet(
            day.number,
            day.date,
            day.scenes,
            _departments(day, days_of, only=only, exclude=exclude),
        )
        for day in days
    )


def departments_of(
    days: Iterable[DayInput], exclude: Collection[str] = (CAST_KEY,)
) -> list[Department]:
    """Every department with a need somewhere on the schedule, in category order."""
    found = {
        e.department.key: e.department
        for day in days
        for scene in day.scenes
        for e in scene.elements
        if e.department.key not in exclude
    }
    return sorted(found.values(), key=_department_order)


def _department_order(department: Department) -> tuple[int, str]:
    return department.order, department.name


def _days_of(days: Iterable[DayInput]) -> dict[int, tuple[int, ...]]:
    """Element id -> the day numbers it is needed on, ascending."""
    found: dict[int, set[int]] = {}
    for day in days:
        for scene in day.scenes:
            for element in scene.elements:
                found.setdefault(element.id, set()).add(day.number)
    return {element: tuple(sorted(numbers)) for element, numbers in found.items()}


def _departments(
    day: DayInput,
    days_of: dict[int, tuple[int, ...]],
    *,
    only: Collection[str] | None,
    exclude: Collection[str],
) -> tuple[DepartmentNeeds, ...]:
    scenes: dict[int, list[str]] = {}  # element id -> scene numbers, board order
    elements: dict[int, Element] = {}
    for scene in day.scenes:
        for element in scene.elements:
            key = element.department.key
            if key in exclude or (only is not None and key not in only):
                continue
            elements[element.id] = element
            numbers = scenes.setdefault(element.id, [])
            if scene.number not in numbers:
                numbers.append(scene.number)
    grouped: dict[str, list[Need]] = {}
    departments: dict[str, Department] = {}
    for element_id, element in elements.items():
        on = days_of[element_id]
        departments[element.department.key] = element.department
        grouped.setdefault(element.department.key, []).append(
            Need(
                element_id,
                element.name,
                tuple(scenes[element_id]),
                on,
                first=on[0] == day.number,
                last=on[-1] == day.number,
            )
        )
    ordered = sorted(departments.values(), key=_department_order)
    return tuple(
        DepartmentNeeds(d, tuple(sorted(grouped[d.key], key=lambda n: (n.name, n.element_id))))
        for d in ordered
    )
