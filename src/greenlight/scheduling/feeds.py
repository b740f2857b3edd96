"""Calendar feed actions: secret iCalendar URLs for one person's days or the whole production.

A feed follows the project's current schedule (the locked one, else the newest draft). Only a
digest of the URL's token is stored; the plaintext is shown once, when the feed is made.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from greenlight.accounts import tokens
from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import can, require
from greenlight.core.errors import GreenlightError, NotFound
from greenlight.projects.kinds import PersonKind
from greenlight.projects.models import Person, Project

from . import ical
from .board import DayView
from .calls import DayTimes, day_times, locations_by_site, performer_call, sites_of
from .dood_data import ScheduleDood, dood_for
from .models import CalendarFeed, CallSheet, Schedule
from .services import current_schedule

FEED_PREFIX = "glf"
_LENGTH = 4 + 12 + 1 + 43  # "glf_" + lookup + "_" + secret


class FeedRevoked(GreenlightError):
    """The feed was revoked: calendar apps should stop asking (410 Gone)."""

    status = 410


# --- managing feeds --------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedsView:
    feeds: list[CalendarFeed]
    manage: bool  # may create and revoke
    people: list[Person]  # whom a personal feed can be made for


def calendar_feeds(actor: Any, project: Project) -> FeedsView:
    """Producers see every feed; other members only the feeds of the person linked to them."""
    require(actor, project, Capability.VIEW_SCHEDULE)
    manage = can(actor, project, Capability.EDIT_SCHEDULE)
    feeds = CalendarFeed.objects.filter(project=project).select_related("person", "created_by")
    if not manage:
        feeds = feeds.filter(person__user=actor)
    people = list(project.people.order_by("name")) if manage else []
    return FeedsView(list(feeds), manage, people)


@dataclass(frozen=True)
class IssuedFeed:
    feed: CalendarFeed
    url: str  # shown once; only its digest is kept


def create_feed(actor: Any, project: Project, *, person_id: int | None, at: datetime) -> IssuedFeed:
    """A new secret feed: one person's days, or every shoot day when ``person_id`` is None."""
    require(actor, project, Capability.EDIT_SCHEDULE)
    person = None
    if person_id is not None:
        person = project.people.filter(pk=person_id).first()
        if person is None:
            raise NotFound(f"No person #{person_id} on {project}.")
    token = tokens.generate(prefix=FEED_PREFIX)
    feed = CalendarFeed.objects.create(
        project=project,
        person=person,
        token_digest=token.digest,
        prefix=token.plaintext[:12],
        created_by=actor,
        created_at=at,
    )
    return IssuedFeed(feed, f"{settings.SITE_URL}/ical/{token.plaintext}.ics")


def revoke_feed(actor: Any, project: Project, feed_id: int, *, at: datetime) -> None:
    require(actor, project, Capability.EDIT_SCHEDULE)
    updated = CalendarFeed.objects.filter(project=project, pk=feed_id, revoked_at=None).update(
        revoked_at=at
    )
    if not updated:
        raise NotFound(f"No active calendar feed #{feed_id} on {project}.")


# --- serving a feed --------------------------------------------------------------------------


def feed_for(plaintext: str) -> CalendarFeed:
    """The feed behind a URL token: NotFound when unknown, FeedRevoked when revoked."""
    if len(plaintext) != _LENGTH or not plaintext.startswith(f"{FEED_PREFIX}_"):
        raise NotFound("No such calendar.")
    feed = (
        CalendarFeed.objects.filter(token_digest=tokens.digest_of(plaintext))
        .select_related("project", "person")
        .first()
    )
    if feed is None:
        raise NotFound("No such calendar.")
    if feed.revoked_at is not None:
        raise FeedRevoked("This calendar was revoked; ask the production for a new link.")
    return feed


def calendar(plaintext: str, *, at: datetime) -> bytes:
    """The iCalendar text of the feed behind ``plaintext``, from the current schedule."""
    feed = feed_for(plaintext)
    project, person = feed.project, feed.person
    name = f"{project.title} – {person.name if person else 'shoot days'}"
    schedule = current_schedule(project)
    events = [] if schedule is None else _events(schedule, person)
    zone = None if settings.TIME_ZONE == "UTC" else settings.TIME_ZONE  # UTC: floating times
    return ical.feed(name, events, stamp=at, timezone=zone)


@dataclass(frozen=True)
class _Day:
    """What a feed says about one shoot day."""

    view: DayView
    times: DayTimes
    entries: CallSheet | None
    description: str
    location: str


def _events(schedule: Schedule, person: Person | None) -> list[ical.Event]:
    dood = dood_for(schedule, with_elements=False)
    days = _days(schedule, dood)
    if person is None:
        return [_production_event(schedule, day) for day in days.values()]
    roles = [(k, m) for k, m in dood.cast.items() if m.person_id == person.pk]
    if roles:
        return _cast_events(schedule, dood, days, roles)
    if person.kind == PersonKind.CAST:
        return []  # a performer not yet given a part has no days
    return [_crew_event(schedule, person, day) for day in days.values()]


def _days(schedule: Schedule, dood: ScheduleDood) -> dict[date, _Day]:
    entries = {c.date: c for c in CallSheet.objects.filter(schedule=schedule)}
    places = locations_by_site(schedule)
    days = {}
    for view in dood.view.days:
        if view.date is None:
            continue
        times = day_times(schedule, view, entries.get(view.date))
        where = "; ".join(_place(site, places) for site in sites_of(view))
        lines = [f"Day {view.number}: crew call {times.crew_call:%H:%M}, {view.pages} pages"]
        lines += [f"Sc {s.number} {s.heading} ({s.pages})" for s in view.scenes]
        days[view.date] = _Day(view, times, entries.get(view.date), "\n".join(lines), where)
    return days


def _place(site: str, places: dict[str, Any]) -> str:
    found = places.get(site.strip().upper())
    return f"{found.name}, {found.address}" if found and found.address else site


def _uid(schedule: Schedule, what: str, on: date) -> str:
    return f"greenlight-{schedule.project_id}-{what}-{on:%Y%m%d}@{_domain()}"


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "greenlight.invalid"


def _production_event(schedule: Schedule, day: _Day) -> ical.Event:
    on = day.view.date
    assert on is not None  # _days keeps dated days only
    summary = f"{schedule.project.title} – Day {day.view.number}"
    sites = sites_of(day.view)
    return ical.Event(
        uid=_uid(schedule, "day", on),
        summary=f"{summary}: {', '.join(sites)}" if sites else summary,
        start=on,
        description=day.description,
        location=day.location,
    )


def _crew_event(schedule: Schedule, person: Person, day: _Day) -> ical.Event:
    on = day.view.date
    assert on is not None
    start = datetime.combine(on, day.times.crew_call)
    return ical.Event(
        uid=_uid(schedule, f"person{person.pk}", on),
        summary=f"{schedule.project.title} – Day {day.view.number}: crew call",
        start=start,
        end=_end(start, day.times.estimated_wrap),
        description=day.description,
        location=day.location,
    )


def _end(start: datetime, wrap: time | None) -> datetime:
    """Wrap on the same day, or the next morning when it is earlier than the call."""
    if wrap is None:
        return start + timedelta(hours=12)
    end = datetime.combine(start.date(), wrap)
    return end if end > start else end + timedelta(days=1)


def _cast_events(
    schedule: Schedule, dood: ScheduleDood, days: dict[date, _Day], roles: Iterable[Any]
) -> list[ical.Event]:
    """Work days timed from the performer's call (make-up), holds and travel all day."""
    chosen: dict[date, ical.Event] = {}
    for key, member in roles:
        calls = {}
        for on, day in days.items():
            on_set, times = performer_call(member, day.times, day.entries)
            calls[on] = times.makeup if times else on_set
        events = ical.element_events(
            dood.dood,
            key,
            production=schedule.project.title,
            uid_domain=_domain(),
            calls=calls,
            locations={on: d.location for on, d in days.items()},
        )
        for event in events:
            on, event_of_day = _with_day(event, days)
            # Someone playing two parts gets one event a day, the working one if either works.
            if on not in chosen or isinstance(event.start, datetime):
                chosen[on] = event_of_day
    return [chosen[on] for on in sorted(chosen)]


def _with_day(event: ical.Event, days: dict[date, _Day]) -> tuple[date, ical.Event]:
    """A work event ends at the day's wrap and tells the day's scenes and crew call."""
    if not isinstance(event.start, datetime):
        return event.start, event
    on = event.start.date()
    day = days.get(on)
    if day is None:
        return on, event
    return on, replace(
        event,
        end=_end(event.start, day.times.estimated_wrap),
        description=f"{event.description}\n{day.description}",
    )
