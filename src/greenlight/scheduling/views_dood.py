"""Pages of the day out of days and its exports, the department day sheets, and the set-up pages
behind them: cast, locations and the shooting calendar."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from greenlight.core.errors import NotFound
from greenlight.projects.models import Project
from greenlight.web.forms import run_action

from . import setup
from .board import date_label
from .dood import CODE_MEANINGS, Code, Column, Totals
from .dood_data import ScheduleDood
from .dood_export import CODE_COLOURS, DAY_OFF_COLOUR, to_csv, to_pdf, to_xlsx
from .forms_setup import (
    CalendarDayForm,
    CastMemberForm,
    ElementDayForm,
    LocationForm,
    NewLocationForm,
)
from .models import CastMember, Schedule
from .views import context, project_of, schedule_of

EXPORTS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


# --- day out of days -----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    code: Code
    column: Column


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list[Cell]
    totals: Totals
    drop_used: bool
    member: CastMember | None = None


@dataclass(frozen=True)
class GridGroup:
    name: str
    rows: list[GridRow]


def _groups(result: ScheduleDood) -> list[GridGroup]:
    """Cast first (the grid's order: by number), then each other category in its order."""
    groups: list[GridGroup] = []
    for row in result.dood.rows:
        member = result.cast.get(row.key)
        name = "Cast" if member else result.categories.get(row.key, "Other")
        if not groups or groups[-1].name != name:
            groups.append(GridGroup(name, []))
        cells = [Cell(c, col) for c, col in zip(row.codes, result.dood.columns, strict=True)]
        groups[-1].rows.append(GridRow(row.label, cells, row.totals, row.drop_used, member))
    return groups


def _legend() -> list[tuple[str, str, str]]:
    keys = [(str(code), CODE_COLOURS[code], meaning) for code, meaning in CODE_MEANINGS.items()]
    return [*keys, ("", DAY_OFF_COLOUR, "Day off (weekend or company day off)")]


def _cast_only(request: HttpRequest) -> bool:
    return request.GET.get("rows") == "cast"


def dood(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id)
    cast_only = _cast_only(request)
    result = setup.dood(request.user, schedule, with_elements=not cast_only)
    return render(
        request,
        "scheduling/dood.html",
        context(
            request,
            schedule.project,
            schedule=schedule,
            tab="dood",
            columns=result.dood.columns,
            groups=_groups(result),
            legend=_legend(),
            colours={str(code): colour for code, colour in CODE_COLOURS.items()},
            day_off_colour=DAY_OFF_COLOUR,
            cast_only=cast_only,
            query="?rows=cast" if cast_only else "",
            shoot_days=sum(1 for c in result.dood.columns if c.shoot_day),
            first_date=result.dood.columns[0].date if result.dood.columns else None,
            last_date=result.dood.columns[-1].date if result.dood.columns else None,
        ),
    )


def dood_export(request: HttpRequest, project_id: int, schedule_id: int, fmt: str) -> HttpResponse:
    """The grid as a CSV, XLSX or PDF download."""
    if fmt not in EXPORTS:
        raise NotFound(f"No {fmt!r} export; choose CSV, XLSX or PDF.")
    schedule = schedule_of(request, project_id, schedule_id)
    result = setup.dood(request.user, schedule, with_elements=not _cast_only(request))
    title = f"{schedule.project.title}: {schedule.name}"
    content: bytes
    if fmt == "csv":
        content = ("\ufeff" + to_csv(result.dood)).encode()  # the BOM tells Excel it is UTF-8
    elif fmt == "xlsx":
        content = to_xlsx(result.dood, title)
    else:
        content = to_pdf(result.dood, title, _subtitle(schedule, result))
    response = HttpResponse(content, content_type=EXPORTS[fmt])
    name = _filename(schedule) + ("-cast" if _cast_only(request) else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _filename(schedule: Schedule) -> str:
    return f"{slugify(schedule.project.code)}-{slugify(schedule.name) or 'schedule'}-dood"


def _subtitle(schedule: Schedule, result: ScheduleDood) -> str:
    """The title already names the schedule: say its status and where its days fall."""
    days = [c for c in result.dood.columns if c.shoot_day]
    status = f"{schedule.get_status_display()} schedule"
    if not days:
        return f"{status} · no shoot days yet"
    return (
        f"{status} · {len(days)} shoot days, "
        f"{date_label(days[0].date)} to {date_label(days[-1].date)}"
    )


# --- department day sheets -----------------------------------------------------------------


def daysheets(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id)
    chosen = frozenset(k for k in request.GET.getlist("category") if k)
    found = setup.day_sheets(request.user, schedule, only=chosen or None)
    return render(
        request,
        "scheduling/daysheets.html",
        context(
            request,
            schedule.project,
            schedule=schedule,
            tab="daysheets",
            found=found,
            chosen=chosen,
            chosen_names=[d.name for d in found.departments if d.key in chosen],
        ),
    )


# --- cast ----------------------------------------------------------------------------------


def cast(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id)
    return render(
        request,
        "scheduling/cast.html",
        context(
            request,
            project,
            setup_tab="cast",
            members=setup.cast_members(request.user, project),
        ),
    )


def cast_member(request: HttpRequest, project_id: int, member_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    member = setup.get_cast_member(request.user, project, member_id)
    people = setup.cast_people(project, member)
    # The form gets its own copy: a refused edit must not show on the page's heading.
    edited = setup.get_cast_member(request.user, project, member_id)
    form = CastMemberForm(request.POST or None, instance=edited, people=people)
    if request.method == "POST" and form.is_valid():
        changes, version = form.changes()
        saved = run_action(
            form,
            lambda: setup.update_cast_member(
                request.user, project, member.pk, changes, version=version
            ),
        )
        if saved is not None:
            messages.success(request, f"Saved {saved}.")
            return redirect("cast_setup", project.pk)
    return _member_page(request, project, member, form, ElementDayForm())


@require_POST
def cast_day_add(request: HttpRequest, project_id: int, member_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    member = setup.get_cast_member(request.user, project, member_id)
    form = ElementDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        day = run_action(
            form,
            lambda: setup.add_element_day(
                request.user,
                project,
                member.pk,
                on=data["date"],
                kind=data["kind"],
                note=data["note"],
            ),
        )
        if day is not None:
            messages.success(request, f"Added a {day.get_kind_display().lower()} day.")
            return redirect("cast_member", project.pk, member.pk)
    member_form = CastMemberForm(instance=member, people=setup.cast_people(project, member))
    return _member_page(request, project, member, member_form, form)


@require_POST
def cast_day_remove(
    request: HttpRequest, project_id: int, member_id: int, day_id: int
) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    setup.remove_element_day(request.user, project, member_id, day_id)
    messages.success(request, "Day removed.")
    return redirect("cast_member", project.pk, member_id)


def _member_page(
    request: HttpRequest,
    project: Project,
    member: CastMember,
    form: CastMemberForm,
    day_form: ElementDayForm,
) -> HttpResponse:
    return render(
        request,
        "scheduling/cast_member.html",
        context(
            request,
            project,
            setup_tab="cast",
            member=member,
            form=form,
            day_form=day_form,
            days=member.days.all(),
        ),
    )


# --- locations -----------------------------------------------------------------------------


def locations(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    form = NewLocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        location = run_action(
            form, lambda: setup.create_location(request.user, project, form.cleaned_data["name"])
        )
        if location is not None:
            messages.success(request, f"Added {location}; fill in its details.")
            return redirect("location", project.pk, location.pk)
    return render(
        request,
        "scheduling/locations.html",
        context(
            request,
            project,
            setup_tab="locations",
            sites=setup.sites(request.user, project),
            form=form,
        ),
    )


def location(request: HttpRequest, project_id: int, location_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    instance = setup.get_location(request.user, project, location_id)
    form = LocationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        changes, version = form.changes()
        saved = run_action(
            form,
            lambda: setup.update_location(
                request.user, project, instance.pk, changes, version=version
            ),
        )
        if saved is not None:
            messages.success(request, f"Saved {saved}.")
            return redirect("locations", project.pk)
    return render(
        request,
        "scheduling/location.html",
        context(request, project, setup_tab="locations", location=instance, form=form),
    )


@require_POST
def location_delete(request: HttpRequest, project_id: int, location_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    setup.delete_location(request.user, project, location_id)
    messages.success(request, "Location removed from the list.")
    return redirect("locations", project.pk)


# --- shooting calendar ---------------------------------------------------------------------


def shooting_calendar(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        day = run_action(
            form,
            lambda: setup.add_calendar_day(
                request.user, project, on=data["date"], kind=data["kind"], label=data["label"]
            ),
        )
        if day is not None:
            messages.success(request, f"Added {date_label(day.date)}: {day.get_kind_display()}.")
            return redirect("shooting_calendar", project.pk)
    return render(
        request,
        "scheduling/calendar.html",
        context(
            request,
            project,
            setup_tab="calendar",
            days=setup.calendar_days(request.user, project),
            schedules=setup.schedule_dates(request.user, project),
            form=form,
        ),
    )


@require_POST
def calendar_day_remove(request: HttpRequest, project_id: int, day_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    setup.remove_calendar_day(request.user, project, day_id)
    messages.success(request, "Removed from the calendar.")
    return redirect("shooting_calendar", project.pk)
