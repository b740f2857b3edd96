"""Call sheet and calendar feed pages: the day list, a day's sheet (page, PDF, edit, send), the
personal link a recipient opens without signing in, and the secret iCalendar feeds."""

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability
from greenlight.core.errors import GreenlightError
from greenlight.projects.models import Department
from greenlight.web.forms import run_action

from . import call_links, calls, callsheet_pdf, feeds
from .forms import TimeInput
from .views import context, project_of, schedule_of

PRIVATE_HEADERS = {"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Http404("Give the day as YYYY-MM-DD.") from None


# --- the list and one day ----------------------------------------------------------------------


def callsheets(request: HttpRequest, project_id: int, schedule_id: int) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id)
    days, total = calls.call_sheet_days(request.user, schedule)
    return render(
        request,
        "scheduling/callsheets.html",
        context(request, schedule.project, schedule=schedule, days=days, total=total),
    )


def callsheet(request: HttpRequest, project_id: int, schedule_id: int, day: str) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id)
    page = calls.call_sheet(request.user, schedule, _date(day))
    producer = accounts.can(request.user, schedule.project, Capability.EDIT_SCHEDULE)
    recipients = call_links.recipients(request.user, schedule, page.doc.date) if producer else []
    return render(
        request,
        "scheduling/callsheet.html",
        context(
            request,
            schedule.project,
            schedule=schedule,
            page=page,
            sheet=page.doc,
            recipients=recipients,
            failed=[r for r in recipients if not r.delivered],
        ),
    )


def callsheet_pdf_view(
    request: HttpRequest, project_id: int, schedule_id: int, day: str
) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id)
    page = calls.call_sheet(request.user, schedule, _date(day))
    name = f"{schedule.project.code}-call-sheet-day-{page.doc.day_number}-{page.doc.date}.pdf"
    response = HttpResponse(callsheet_pdf.render(page.doc), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


# --- editing and sending ---------------------------------------------------------------------


class CallSheetForm(forms.Form):
    """The producer's entries; a blank time keeps the default shown under it."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    crew_call = forms.TimeField(required=False, widget=TimeInput)
    shooting_call = forms.TimeField(required=False, widget=TimeInput)
    estimated_wrap = forms.TimeField(required=False, widget=TimeInput)
    weather = forms.CharField(required=False, max_length=300, help_text="The forecast, typed in.")
    sunrise = forms.TimeField(required=False, widget=TimeInput)
    sunset = forms.TimeField(required=False, widget=TimeInput)
    notes = forms.CharField(
        label="General notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, page: calls.CallSheetPage, departments: list[Department], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        default = calls.day_times(page.schedule, page.day, None)
        call = "night" if page.day.night else "day"
        self.fields["crew_call"].help_text = f"Blank: the schedule's {call} call, {_hm(default)}."
        self.fields["shooting_call"].help_text = "Blank: an hour after crew call."
        self.fields["estimated_wrap"].help_text = "Blank: estimated from the board's timings."
        for department in departments:
            self.fields[f"department_{department.code}"] = forms.CharField(
                label=department.name, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        for line in page.doc.cast:
            if line.on_set is None:
                continue  # held or travelling: no call to give
            self.fields[f"on_set_{line.number}"] = forms.TimeField(
                label=f"{line.number}. {line.character} on set",
                required=False,
                widget=TimeInput,
                help_text="Blank: at shooting call.",
            )
        if not self.is_bound:
            self.initial = _initial(page, departments)

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields in the sections the page shows."""

        def named(prefix: str) -> list[forms.BoundField]:
            return [self[n] for n in self.fields if n.startswith(prefix)]

        return [
            ("Calls", [self["crew_call"], self["shooting_call"], self["estimated_wrap"]]),
            ("Weather", [self["weather"], self["sunrise"], self["sunset"]]),
            ("Cast on set", named("on_set_")),
            ("Notes", [self["notes"], *named("department_")]),
        ]

    def entries(self) -> calls.Entries:
        data = self.cleaned_data
        return calls.Entries(
            crew_call=data["crew_call"],
            shooting_call=data["shooting_call"],
            estimated_wrap=data["estimated_wrap"],
            weather=data["weather"],
            sunrise=data["sunrise"],
            sunset=data["sunset"],
            notes=data["notes"],
            department_notes={
                n.removeprefix("department_"): v
                for n, v in data.items()
                if n.startswith("department_") and v
            },
            on_set={
                n.removeprefix("on_set_"): v for n, v in data.items() if n.startswith("on_set_")
            },
        )


def _hm(times: calls.DayTimes) -> str:
    return f"{times.crew_call:%H:%M}"


def _initial(page: calls.CallSheetPage, departments: list[Department]) -> dict[str, Any]:
    entries = page.entries
    initial: dict[str, Any] = {"version": page.version}
    if entries is None:
        return initial
    for name in (*calls.TIME_FIELDS, "weather", "notes"):
        initial[name] = getattr(entries, name)
    for department in departments:
        initial[f"department_{department.code}"] = entries.department_notes.get(department.code)
    for number in page.cast_of:
        initial[f"on_set_{number}"] = calls.on_set_of(entries, number)
    return initial


def callsheet_edit(
    request: HttpRequest, project_id: int, schedule_id: int, day: str
) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    on = _date(day)
    page = calls.call_sheet(request.user, schedule, on)
    departments = list(schedule.project.departments.all())
    form = CallSheetForm(request.POST or None, page=page, departments=departments)
    if request.method == "POST" and form.is_valid():
        saved = run_action(
            form,
            lambda: calls.edit_call_sheet(
                request.user, schedule, on, form.entries(), version=form.cleaned_data["version"]
            ),
        )
        if saved is not None:
            messages.success(request, f"Saved the call sheet for {page.doc.day_label}.")
            return redirect("callsheet", project_id, schedule_id, on.isoformat())
    return render(
        request,
        "scheduling/callsheet_edit.html",
        context(request, schedule.project, schedule=schedule, page=page, form=form),
    )


@require_POST
def callsheet_send(
    request: HttpRequest, project_id: int, schedule_id: int, day: str
) -> HttpResponse:
    schedule = schedule_of(request, project_id, schedule_id, writing=True)
    result = call_links.send_call_sheet(request.user, schedule, _date(day), at=timezone.now())
    parts = [f"Sent the call sheet to {result.sent} {'person' if result.sent == 1 else 'people'}"]
    if result.unchanged:
        parts.append(f"{result.unchanged} already had their link")
    messages.success(request, "; ".join(parts) + ".")
    if result.failed:
        messages.error(request, "Could not email: " + ", ".join(result.failed) + ".")
    return redirect("callsheet", project_id, schedule_id, day)


# --- the personal link -----------------------------------------------------------------------


@login_not_required
def public_callsheet(request: HttpRequest, token: str) -> HttpResponse:
    """A recipient's call sheet: opening is recorded once; the button confirms receipt."""
    if request.method == "POST":
        call_links.confirm_call_sheet(token, at=timezone.now())
        return redirect("public_callsheet", token)
    public = call_links.open_call_sheet(token, at=timezone.now())
    response = render(
        request,
        "scheduling/callsheet_public.html",
        {
            "public": public,
            "recipient": public.recipient,
            "page": public.page,
            "sheet": public.page.doc,
            "own": public.own_numbers,
            "crew": not public.own_numbers,
        },
    )
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


# --- calendar feeds --------------------------------------------------------------------------


def calendar_feeds(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=request.method == "POST")
    issued = None
    if request.method == "POST":
        person = request.POST.get("person", "")
        person_id = int(person) if person.isdigit() else None
        issued = feeds.create_feed(request.user, project, person_id=person_id, at=timezone.now())
    view = feeds.calendar_feeds(request.user, project)
    response = render(
        request,
        "scheduling/feeds.html",
        context(request, project, view=view, issued=issued, schedule=None),
    )
    response["Cache-Control"] = "private, no-store"  # the new URL is shown once
    return response


@require_POST
def calendar_feed_revoke(request: HttpRequest, project_id: int, feed_id: int) -> HttpResponse:
    project = project_of(request, project_id, writing=True)
    feeds.revoke_feed(request.user, project, feed_id, at=timezone.now())
    messages.success(request, "Feed revoked; its URL no longer works.")
    return redirect("calendar_feeds", project_id)


@login_not_required
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar text calendar apps poll; 404 unknown, 410 revoked, in plain text."""
    try:
        body = feeds.calendar(token, at=timezone.now())
    except GreenlightError as error:
        return HttpResponse(str(error), status=error.status, content_type="text/plain")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="schedule.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
