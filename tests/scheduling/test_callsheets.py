"""Call sheets: the document for a day of an optimised board, its page and PDF, the producer's
edits, sending personal links by email and what a recipient does with theirs."""

import re
import smtplib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.core import mail

from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects import services as projects
from greenlight.projects.models import Person
from greenlight.scheduling import call_links, calls, proposals, services
from greenlight.scheduling.board import read_board
from greenlight.scheduling.models import (
    CallSheet,
    CallSheetRecipient,
    CastMember,
    Location,
    Strip,
)
from tests import factories
from tests.scheduling import builders
from tests.screenplay.samples import pdf_text

pytestmark = pytest.mark.django_db

lazy_static_files = factories.lazy_static_files


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


SENT = datetime(2027, 2, 26, 17, 0, tzinfo=UTC)
PERFORMERS = {"JUNE": "Maya Lin", "REYES": "Dan Ortiz", "ROSIE": "Rosa Diaz"}  # TEO: not cast


@dataclass
class Production:
    team: Any
    schedule: Any
    days: list[Any]  # the board's DayViews, after optimising
    people: dict[str, Person]  # by name

    def cast_on(self, day: Any) -> set[str]:
        return {self.character(n) for n in day.cast}

    @staticmethod
    def character(number: int) -> str:
        return CastMember.objects.get(number=number).element.name


def production(team: Any) -> Production:
    """Board Test optimised over a week, with performers, crew with and without emails, key
    contacts with phones, and a location for STATION and DINER only (not BRIDGE or PARK)."""
    schedule = builders.schedule_on(team.project, team.ep, max_eighths_per_day=8, time_limit=5)
    # REYES's bridge scene on Monday and his diner scene on Friday: he is held in between.
    for index, pinned in ((1, date(2027, 3, 1)), (4, date(2027, 3, 5))):  # scenes 2 and 5
        strip = Strip.objects.get(schedule=schedule, scene__index=index)
        schedule = services.update_strip(
            team.ep, schedule, strip.pk, {"pinned_date": pinned}, version=schedule.version
        ).schedule
    proposals.optimise(schedule.pk, at=builders.AT)
    schedule.refresh_from_db()
    schedule = proposals.accept_proposal(team.ep, schedule, version=schedule.version)
    people = {}
    for character, name in PERFORMERS.items():
        slug = name.split()[0].lower()
        person = person_on(team, name, kind="cast", position=character, email=f"{slug}@cast.test")
        CastMember.objects.filter(element__name=character).update(
            person=person, makeup_minutes=45, travel_minutes=30
        )
        people[name] = person
    for name, position, email, phone in (
        ("Ada Vance", "Director", "ada@crew.test", "555-0101"),
        ("Sam Okafor", "1st AD", "sam@crew.test", "555-0102"),
        ("Lee Park", "Location Manager", "lee@crew.test", "555-0103"),
        ("Boom Op", "Boom operator", "", ""),
    ):
        people[name] = person_on(team, name, position=position, email=email, phone=phone)
    Location.objects.create(
        project=team.project,
        name="Station",
        address="12 Tower Road, Riverside",
        parking="Lot B behind the mast",
        hospital="Riverside General, 1 Hospital Way, 555-0199",
    )
    Location.objects.create(project=team.project, name="DINER", address="4 Main St")
    days = read_board(schedule).days
    return Production(team, schedule, days, people)


def person_on(team: Any, name: str, **fields: Any) -> Person:
    return projects.create_person(team.ep, team.project, {"name": name, **fields})


def url(schedule: Any, on: date, rest: str = "") -> str:
    return f"/projects/{schedule.project_id}/schedules/{schedule.pk}/calls/{on}/{rest}"


def expected_code(days: list[Any], number: int, index: int) -> str:
    """The day-out-of-days code of cast ``number`` on day ``index``, worked out from the board."""
    working = [i for i, d in enumerate(days) if number in d.cast]
    if index in working:
        if working[0] == working[-1]:
            return "SWF"
        return "SW" if index == working[0] else "WF" if index == working[-1] else "W"
    return "H" if working and working[0] < index < working[-1] else ""


def held_day(prod: Production) -> int:
    """A day on which somebody is held (REYES's pinned scenes make sure there is one)."""
    for index in range(len(prod.days)):
        numbers = {c.number for c in CastMember.objects.all()}
        if any(expected_code(prod.days, n, index) == "H" for n in numbers):
            return index
    raise AssertionError("no hold on this board")


# --- the document ----------------------------------------------------------------------------


def test_an_optimised_day_lists_its_scenes_cast_codes_locations_and_the_next_day(team):
    prod = production(team)
    assert len(prod.days) > 2  # the optimiser spread the script over several days
    index = held_day(prod)
    day = prod.days[index]
    sheet = calls.call_sheet(team.viewer, prod.schedule, day.date).doc

    assert sheet.production == team.project.title
    assert sheet.day_label == f"Day {index + 1} of {len(prod.days)}"
    assert [s.number for s in sheet.scenes] == [s.number for s in day.scenes]
    assert [s.heading for s in sheet.scenes] == [s.heading for s in day.scenes]
    assert sheet.total_pages == day.pages
    codes = {c.character: c.status for c in sheet.cast}
    every = {m.number: m.element.name for m in CastMember.objects.select_related("element")}
    expected = {
        every[n]: expected_code(prod.days, n, index)
        for n in every
        if expected_code(prod.days, n, index)
    }
    assert codes == expected and "H" in codes.values()
    held = next(c for c in sheet.cast if c.status == "H")
    assert held.on_set is None and held.remarks == "On hold"
    assert held.performer == PERFORMERS.get(held.character, "not cast yet")

    # The calls: night days call at the schedule's night call, day days at its day call.
    crew_call = time(18, 0) if day.night else time(7, 0)
    assert sheet.crew_call == crew_call
    assert sheet.shooting_call == time(crew_call.hour + 1, 0)
    for call in sheet.cast:
        if call.status != "H" and call.character in PERFORMERS:
            assert call.on_set == sheet.shooting_call
            on_set = datetime.combine(day.date, call.on_set)
            assert call.makeup == (on_set - timedelta(minutes=45)).time()
            assert call.pickup == (on_set - timedelta(minutes=75)).time()

    sites = list(dict.fromkeys(s.site for s in day.scenes))
    places = {p.name.upper(): p for p in sheet.locations}
    assert list(places) == sites
    for site, place in places.items():
        if site == "STATION":
            assert place.address == "12 Tower Road, Riverside"
            assert place.parking == "Lot B behind the mast"
        elif site == "DINER":
            assert place.address == "4 Main St"
        else:
            assert place.address == "address to be confirmed"

    following = next(d for d in prod.days if d.number == day.number + 1)
    assert sheet.advance is not None
    assert sheet.advance.date == following.date
    assert sheet.advance.label == f"Day {following.number} of {len(prod.days)}"
    assert [s.number for s in sheet.advance.scenes] == [s.number for s in following.scenes]


def test_the_station_day_names_the_hospital_and_the_key_contacts_with_phones(team):
    prod = production(team)
    day = next(d for d in prod.days if any(s.site == "STATION" for s in d.scenes))
    sheet = calls.call_sheet(team.crew, prod.schedule, day.date).doc
    assert sheet.hospital is not None
    assert (sheet.hospital.name, sheet.hospital.address, sheet.hospital.phone) == (
        "Riverside General",
        "1 Hospital Way",
        "555-0199",
    )
    assert [(c.role, c.name, c.phone) for c in sheet.contacts] == [
        ("Director", "Ada Vance", "555-0101"),
        ("1st AD", "Sam Okafor", "555-0102"),
        ("Location Manager", "Lee Park", "555-0103"),
    ]
    # A viewer may read the schedule but not people's phone numbers.
    assert calls.call_sheet(team.viewer, prod.schedule, day.date).doc.contacts == ()


def test_a_date_that_is_not_a_shoot_day_has_no_call_sheet(team, client):
    prod = production(team)
    with pytest.raises(NotFound):
        calls.call_sheet(team.ep, prod.schedule, date(2027, 3, 6))  # a Saturday
    client.force_login(team.ep)
    assert client.get(url(prod.schedule, date(2027, 3, 6))).status_code == 404
    bad = f"/projects/{team.project.pk}/schedules/{prod.schedule.pk}/calls/tomorrow/"
    assert client.get(bad).status_code == 404


# --- the pages ---------------------------------------------------------------------------------


def test_the_list_shows_every_shoot_day_with_its_size(team, client):
    prod = production(team)
    client.force_login(team.viewer)
    response = client.get(f"/projects/{team.project.pk}/schedules/{prod.schedule.pk}/calls/")
    page = response.content.decode()
    assert response.status_code == 200
    for day in prod.days:
        assert f'data-day="{day.date}"' in page
        assert f"Day {day.number} of {len(prod.days)}" in page
    assert f"/projects/{team.project.pk}/calendars/" in page


def test_crew_and_viewers_read_the_call_sheet_but_cannot_edit_or_send_it(team, client):
    prod = production(team)
    on = prod.days[0].date
    for user in (team.crew, team.viewer):
        client.force_login(user)
        page = client.get(url(prod.schedule, on))
        assert page.status_code == 200
        assert prod.days[0].scenes[0].heading in page.content.decode()
        assert "Recipients" not in page.content.decode()
        assert client.get(url(prod.schedule, on, "edit/")).status_code == 403
        assert client.post(url(prod.schedule, on, "edit/"), {"version": 1}).status_code == 403
        assert client.post(url(prod.schedule, on, "send/")).status_code == 403
    assert not CallSheet.objects.exists() and mail.outbox == []


def test_the_pdf_is_a_pdf_carrying_the_production_and_the_days_scenes(team, client):
    prod = production(team)
    day = prod.days[1]
    client.force_login(team.crew)
    response = client.get(url(prod.schedule, day.date, "pdf/"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert team.project.title in text
    assert f"Day 2 of {len(prod.days)}" in text
    for scene in day.scenes:
        assert scene.heading in text


def edit_form(**changes: Any) -> dict[str, Any]:
    return {"version": 1, "weather": "", "notes": "", **changes}


def test_the_producer_saves_times_weather_and_notes_and_a_stale_form_is_refused(team, client):
    prod = production(team)
    day = next(d for d in prod.days if "REYES" in prod.cast_on(d))
    reyes = str(CastMember.objects.get(element__name="REYES").number)
    client.force_login(team.ap)
    assert client.get(url(prod.schedule, day.date, "edit/")).status_code == 200
    form = edit_form(
        crew_call="06:30",
        weather="Overcast, 12°C",
        sunrise="06:41",
        sunset="17:52",
        department_CAM="B camera from lunch",
        **{f"on_set_{reyes}": "09:15"},
    )
    response = client.post(url(prod.schedule, day.date, "edit/"), form)
    assert response.status_code == 302, response.context["form"].errors
    sheet = calls.call_sheet(team.ep, prod.schedule, day.date).doc
    assert (sheet.crew_call, sheet.shooting_call) == (time(6, 30), time(7, 30))
    assert sheet.weather is not None and sheet.weather.text == "Overcast, 12°C"
    assert sheet.weather.sunrise == time(6, 41)
    assert [(n.department, n.text) for n in sheet.notes] == [("Camera", "B camera from lunch")]
    line = next(c for c in sheet.cast if c.character == "REYES")
    assert (line.on_set, line.makeup, line.pickup) == (time(9, 15), time(8, 30), time(8, 0))

    # Someone else still holding version 1 is refused, and nothing they sent is saved.
    stale = client.post(url(prod.schedule, day.date, "edit/"), edit_form(weather="Snow"))
    assert stale.status_code == 200
    assert "changed by someone else" in str(stale.context["form"].non_field_errors())
    row = CallSheet.objects.get(schedule=prod.schedule, date=day.date)
    assert (row.version, row.weather) == (2, "Overcast, 12°C")


def test_an_on_set_time_that_would_need_a_pick_up_the_day_before_is_refused(team):
    prod = production(team)
    day = prod.days[0]
    number = str(day.cast[0])
    entries = calls.Entries(on_set={number: time(0, 30)})
    with pytest.raises(InvalidInput, match="before midnight"):
        calls.edit_call_sheet(team.ep, prod.schedule, day.date, entries, version=1)
    assert not CallSheet.objects.exists()


# --- sending -----------------------------------------------------------------------------------


def expected_recipients(prod: Production, index: int) -> set[str]:
    """Cast working or held that day, with an email; every crew member with an email."""
    cast = set()
    for member in CastMember.objects.select_related("person"):
        if member.person and expected_code(prod.days, member.number, index):
            cast.add(member.person.email)
    return cast | {"ada@crew.test", "sam@crew.test", "lee@crew.test"}


def links_in(message: Any) -> list[str]:
    return re.findall(r"/call/(glc_[0-9a-f]{12}_[A-Za-z0-9_-]{43})/", message.body)


def test_sending_emails_the_days_cast_and_crew_each_a_link_of_their_own(team, client):
    prod = production(team)
    index = held_day(prod)
    on = prod.days[index].date
    client.force_login(team.ep)
    response = client.post(url(prod.schedule, on, "send/"), follow=True)
    expected = expected_recipients(prod, index)
    assert {m.to[0] for m in mail.outbox} == expected and len(mail.outbox) == len(expected)
    assert f"Sent the call sheet to {len(expected)} people" in response.content.decode()
    links = [link for m in mail.outbox for link in links_in(m)]
    assert len(links) == len(set(links)) == len(expected)
    stored = set(CallSheetRecipient.objects.values_list("token_digest", flat=True))
    assert not stored & set(links)  # only digests are kept
    page = client.get(url(prod.schedule, on)).content.decode()
    for email in expected:
        assert email in page
    # The performer's email tells them their own call.
    sent_to = {m.to[0]: m for m in mail.outbox}
    dan = sent_to.get("dan@cast.test")
    if dan is not None:
        assert "REYES" in dan.body


def test_sending_again_mails_only_people_new_to_the_day(team):
    prod = production(team)
    on = prod.days[0].date
    first = call_links.send_call_sheet(team.ep, prod.schedule, on, at=SENT)
    digests = dict(CallSheetRecipient.objects.values_list("email", "token_digest"))
    person_on(team, "New Grip", email="grip@crew.test")
    mail.outbox.clear()
    again = call_links.send_call_sheet(team.ep, prod.schedule, on, at=SENT + timedelta(hours=1))
    assert [m.to for m in mail.outbox] == [["grip@crew.test"]]
    assert (again.sent, again.unchanged, again.failed) == (1, first.sent, [])
    kept = dict(CallSheetRecipient.objects.values_list("email", "token_digest"))
    assert {k: v for k, v in kept.items() if k in digests} == digests


def test_an_email_failure_is_recorded_and_the_others_still_go(team, client, monkeypatch):
    prod = production(team)
    on = prod.days[0].date
    real = call_links.send_mail

    def flaky(subject: str, body: str, sender: Any, to: list[str], **kw: Any) -> int:
        if to == ["sam@crew.test"]:
            raise smtplib.SMTPRecipientsRefused({"sam@crew.test": (550, b"no such user")})
        return real(subject, body, sender, to, **kw)

    monkeypatch.setattr(call_links, "send_mail", flaky)
    result = call_links.send_call_sheet(team.ep, prod.schedule, on, at=SENT)
    assert result.failed == ["sam@crew.test"]
    assert "ada@crew.test" in {m.to[0] for m in mail.outbox}
    assert result.sent == len(mail.outbox) > 1
    assert not CallSheetRecipient.objects.get(email="sam@crew.test").delivered
    assert CallSheetRecipient.objects.get(email="ada@crew.test").delivered
    client.force_login(team.ep)
    assert "not delivered" in client.get(url(prod.schedule, on)).content.decode()
    # The next send retries the failed address with a fresh link, and only that one.
    monkeypatch.setattr(call_links, "send_mail", real)
    mail.outbox.clear()
    again = call_links.send_call_sheet(team.ep, prod.schedule, on, at=SENT + timedelta(hours=1))
    assert [m.to for m in mail.outbox] == [["sam@crew.test"]] and again.sent == 1
    assert CallSheetRecipient.objects.get(email="sam@crew.test").delivered


# --- the personal link -------------------------------------------------------------------------


def sent_link(prod: Production, email: str, index: int = 0) -> str:
    call_links.send_call_sheet(prod.team.ep, prod.schedule, prod.days[index].date, at=SENT)
    message = next(m for m in mail.outbox if m.to == [email])
    return links_in(message)[0]


def test_the_link_opens_without_signing_in_highlights_their_call_and_records_once(team, client):
    prod = production(team)
    index = next(i for i, d in enumerate(prod.days) if "JUNE" in prod.cast_on(d))
    token = sent_link(prod, "maya@cast.test", index)
    response = client.get(f"/call/{token}/")
    page = response.content.decode()
    assert response.status_code == 200
    june = CastMember.objects.get(element__name="JUNE").number
    assert f'<tr data-cast="{june}" class="mine">' in page
    assert "Maya Lin, your call sheet" in page and "Your call (JUNE)" in page
    recipient = CallSheetRecipient.objects.get(email="maya@cast.test")
    opened = recipient.opened_at
    assert opened is not None and recipient.confirmed_at is None

    later = datetime.now(UTC) + timedelta(hours=2)
    call_links.open_call_sheet(token, at=later)
    recipient.refresh_from_db()
    assert recipient.opened_at == opened

    assert client.post(f"/call/{token}/").status_code == 302
    recipient.refresh_from_db()
    confirmed = recipient.confirmed_at
    assert confirmed is not None
    call_links.confirm_call_sheet(token, at=later)
    recipient.refresh_from_db()
    assert recipient.confirmed_at == confirmed
    assert "Confirmed" in client.get(f"/call/{token}/").content.decode()


def test_bad_or_withdrawn_links_are_not_found(team, client):
    prod = production(team)
    token = sent_link(prod, "ada@crew.test")
    unknown = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for wrong in ("nonsense", "glc_" + "x" * 20, unknown, token + "x"):
        assert client.get(f"/call/{wrong}/").status_code == 404
        assert client.post(f"/call/{wrong}/").status_code == 404
    CallSheetRecipient.objects.filter(email="ada@crew.test").delete()
    assert client.get(f"/call/{token}/").status_code == 404
