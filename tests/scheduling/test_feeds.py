"""Calendar feeds: who may make and see them, and what a subscribed calendar app receives."""

import re
from datetime import UTC, datetime, time, timedelta
from urllib.parse import urlsplit

import icalendar
import pytest

from greenlight.scheduling import calls, feeds
from greenlight.scheduling.models import CalendarFeed, CastMember
from tests import factories
from tests.scheduling.test_callsheets import Production, expected_code, production

pytestmark = pytest.mark.django_db

lazy_static_files = factories.lazy_static_files


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


AT = datetime(2027, 2, 20, 9, 0, tzinfo=UTC)


def feed_path(prod: Production, person: str | None) -> str:
    """Create a feed (as the executive producer) and give the path of its secret URL."""
    person_id = prod.people[person].pk if person else None
    issued = feeds.create_feed(prod.team.ep, prod.team.project, person_id=person_id, at=AT)
    return urlsplit(issued.url).path


def events(client, path: str) -> list[icalendar.Event]:
    response = client.get(path)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_a_performers_feed_has_their_work_days_from_their_call_and_their_holds(client, team):
    prod = production(team)
    reyes = CastMember.objects.get(element__name="REYES")
    work = [d for d in prod.days if reyes.number in d.cast]
    holds = [d for i, d in enumerate(prod.days) if expected_code(prod.days, reyes.number, i) == "H"]
    assert holds  # the board makes REYES wait at least once
    found = events(client, feed_path(prod, "Dan Ortiz"))
    assert len(found) == len(work) + len(holds)

    timed = {
        e.decoded("DTSTART").date(): e for e in found if isinstance(e.decoded("DTSTART"), datetime)
    }
    all_day = {
        e.decoded("DTSTART") for e in found if not isinstance(e.decoded("DTSTART"), datetime)
    }
    assert set(timed) == {d.date for d in work}
    assert all_day == {d.date for d in holds}
    for day in work:
        event = timed[day.date]
        shooting = time(19, 0) if day.night else time(8, 0)
        # Called to make-up: 45 minutes before on set, which defaults to the shooting call.
        expected = datetime.combine(day.date, shooting) - timedelta(minutes=45)
        assert event.decoded("DTSTART").replace(tzinfo=None) == expected
        for scene in day.scenes:
            assert f"Sc {scene.number} {scene.heading}" in str(event["DESCRIPTION"])
        if any(s.site == "DINER" for s in day.scenes):
            assert "4 Main St" in str(event["LOCATION"])


def test_the_call_sheet_moves_a_performers_event_and_the_uid_stays(client, team):
    prod = production(team)
    path = feed_path(prod, "Dan Ortiz")
    before = {str(e["UID"]): e.decoded("DTSTART") for e in events(client, path)}
    reyes = CastMember.objects.get(element__name="REYES")
    day = next(d for d in prod.days if reyes.number in d.cast)
    entries = calls.Entries(on_set={str(reyes.number): time(10, 0)})
    calls.edit_call_sheet(team.ep, prod.schedule, day.date, entries, version=1)
    after = {str(e["UID"]): e.decoded("DTSTART") for e in events(client, path)}
    assert set(after) == set(before)  # same events, updated in place by calendar apps
    moved = [uid for uid in after if after[uid] != before[uid]]
    assert len(moved) == 1
    assert after[moved[0]].replace(tzinfo=None) == datetime.combine(day.date, time(9, 15))


def test_a_crew_members_feed_has_every_shoot_day_from_crew_call(client, team):
    prod = production(team)
    found = events(client, feed_path(prod, "Sam Okafor"))
    starts = sorted(e.decoded("DTSTART").replace(tzinfo=None) for e in found)
    assert starts == [
        datetime.combine(d.date, time(18, 0) if d.night else time(7, 0)) for d in prod.days
    ]


def test_the_production_feed_has_every_shoot_day_with_scenes_pages_and_locations(client, team):
    prod = production(team)
    found = sorted(events(client, feed_path(prod, None)), key=lambda e: e.decoded("DTSTART"))
    assert [e.decoded("DTSTART") for e in found] == [d.date for d in prod.days]
    for event, day in zip(found, prod.days, strict=True):
        text = str(event["DESCRIPTION"])
        assert f"{day.pages} pages" in text
        assert all(scene.heading in text for scene in day.scenes)
        assert str(event["SUMMARY"]).startswith(f"{team.project.title} – Day {day.number}")
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_a_revoked_feed_is_gone_and_an_unknown_one_not_found(client, team):
    prod = production(team)
    path = feed_path(prod, None)
    feed = CalendarFeed.objects.get()
    client.force_login(team.ap)
    response = client.post(f"/projects/{team.project.pk}/calendars/{feed.pk}/revoke/")
    assert response.status_code == 302
    client.logout()
    assert client.get(path).status_code == 410
    token = re.search(r"/ical/(.+)\.ics", path).group(1)
    assert client.get(f"/ical/{token[:-3]}abc.ics").status_code == 404
    assert client.get("/ical/glf_nonsense.ics").status_code == 404


def test_the_new_feed_url_is_shown_once_and_only_its_digest_is_kept(client, team):
    prod = production(team)
    client.force_login(team.ep)
    page = client.post(
        f"/projects/{team.project.pk}/calendars/", {"person": prod.people["Maya Lin"].pk}
    ).content.decode()
    url = re.search(r"data-new-feed>(http[^<]+)</p>", page).group(1)
    token = re.search(r"/ical/(.+)\.ics", url).group(1)
    feed = CalendarFeed.objects.get()
    assert feed.person == prod.people["Maya Lin"] and feed.token_digest != token
    again = client.get(f"/projects/{team.project.pk}/calendars/").content.decode()
    assert token not in again and feed.prefix in again and "Maya Lin" in again


def test_members_see_only_their_own_feed_cannot_create_and_outsiders_see_nothing(client, team):
    prod = production(team)
    sam = prod.people["Sam Okafor"]
    sam.user = team.crew
    sam.save()
    feed_path(prod, "Sam Okafor")
    feed_path(prod, "Maya Lin")
    feeds_page = f"/projects/{team.project.pk}/calendars/"
    client.force_login(team.crew)
    page = client.get(feeds_page).content.decode()
    assert "Sam Okafor" in page and "Maya Lin" not in page and "Create feed" not in page
    assert client.post(feeds_page, {"person": ""}).status_code == 403
    maya = CalendarFeed.objects.get(person__name="Maya Lin")
    assert client.post(f"{feeds_page}{maya.pk}/revoke/").status_code == 403
    assert CalendarFeed.objects.count() == 2 and maya.revoked_at is None
    client.force_login(team.outsider)
    assert client.get(feeds_page).status_code == 404


def test_a_project_without_a_schedule_serves_an_empty_calendar(client, team):
    issued = feeds.create_feed(team.ep, team.project, person_id=None, at=AT)
    path = urlsplit(issued.url).path
    assert events(client, path) == []
