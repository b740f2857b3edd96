"""The set-up pages: cast numbers and rules, travel/rehearsal/fitting days, locations with
their availability, and the shooting calendar; who may change them."""

from datetime import date

import pytest

from greenlight.core.errors import InvalidInput
from greenlight.projects import services as projects
from greenlight.scheduling import proposals, setup
from greenlight.scheduling.board import read_board
from greenlight.scheduling.models import (
    CalendarDay,
    CastMember,
    ElementDay,
    Location,
    Schedule,
)
from greenlight.screenplay.models import BreakdownElement, Category
from tests import factories
from tests.scheduling import builders
from tests.scheduling.test_dood_pages import build

pytestmark = pytest.mark.django_db

team_once, team = factories.module_crew("SETUPPAGES", setup=build)
lazy_static_files = factories.lazy_static_files


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


@pytest.fixture
def schedule(team) -> Schedule:
    return Schedule.objects.get(project=team.project, name="First pass")


def member(team, name: str) -> CastMember:
    return CastMember.objects.get(project=team.project, element__name=name)


def p(team, rest: str) -> str:
    return f"/projects/{team.project.pk}/{rest}"


def cast_form(m: CastMember, **changes) -> dict:
    data = {
        "number": m.number,
        "person": m.person_id or "",
        "minor_age": "" if m.minor_age is None else m.minor_age,
        "allow_hold": "on" if m.allow_hold else "",
        "drop_pickup_days": "" if m.drop_pickup_days is None else m.drop_pickup_days,
        "makeup_minutes": m.makeup_minutes,
        "travel_minutes": m.travel_minutes,
        "version": m.version,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def dood_row(client, schedule: Schedule, start: str):
    response = client.get(f"/projects/{schedule.project_id}/schedules/{schedule.pk}/dood/")
    rows = [r for g in response.context["groups"] for r in g.rows]
    return next(r for r in rows if r.label.startswith(start))


def codes(row) -> dict[date, str]:
    return {cell.column.date: str(cell.code) for cell in row.cells if cell.code}


# --- cast ----------------------------------------------------------------------------------


def test_the_cast_list_shows_numbers_and_performers(client, team):
    client.force_login(team.viewer)
    response = client.get(p(team, "cast/"))
    assert [(m.number, m.element.name) for m in response.context["members"]][:2] == [
        (1, "JUNE"),
        (2, "REYES"),
    ]
    assert response.context["members"][0].scenes == 5
    page = response.content.decode()
    assert "Anna Lee" in page and 'href="/projects/' in page
    assert "edit" not in page.split('id="cast"')[1]  # a viewer reads, cannot edit


def test_loading_the_cast_list_numbers_a_new_cast_element(client, team):
    category = Category.objects.get(project=team.project, key="cast")
    BreakdownElement.objects.create(project=team.project, category=category, name="MAYOR")
    client.force_login(team.viewer)
    client.get(p(team, "cast/"))
    assert member(team, "MAYOR").number == 5


def test_a_producer_saves_number_performer_and_rules(client, team):
    teo = member(team, "TEO")
    kid = projects.create_person(team.ep, team.project, {"name": "Kit Moss", "kind": "cast"})
    client.force_login(team.ap)
    response = client.post(
        p(team, f"cast/{teo.pk}/"),
        cast_form(teo, number=9, person=kid.pk, minor_age=9, allow_hold="", drop_pickup_days=10),
    )
    assert response.status_code == 302
    teo.refresh_from_db()
    assert (teo.number, teo.person, teo.minor_age, teo.allow_hold) == (9, kid, 9, False)
    assert teo.drop_pickup_days == 10 and teo.version == 2
    assert teo.history.first().history_user == team.ap


def test_a_duplicate_cast_number_is_refused_with_whose_it_is(client, team):
    teo = member(team, "TEO")
    client.force_login(team.ep)
    response = client.post(p(team, f"cast/{teo.pk}/"), cast_form(teo, number=2))
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["number"])
    assert "already REYES's" in message and "5 is the next" in message
    assert "<h1>4. TEO" in response.content.decode()  # the heading shows the number it keeps
    teo.refresh_from_db()
    assert (teo.number, teo.version) == (4, 1)


def test_a_stale_cast_edit_is_refused_and_changes_nothing(client, team):
    rosie = member(team, "ROSIE")
    stale = cast_form(rosie, makeup_minutes=90)
    setup.update_cast_member(team.ep, team.project, rosie.pk, {"travel_minutes": 45}, version=1)
    client.force_login(team.ap)
    response = client.post(p(team, f"cast/{rosie.pk}/"), stale)
    assert response.status_code == 200
    assert "changed by someone else" in str(response.context["form"].non_field_errors())
    rosie.refresh_from_db()
    assert (rosie.makeup_minutes, rosie.travel_minutes, rosie.version) == (60, 45, 2)


def test_a_performer_from_another_project_is_refused(team):
    other = factories.crew("OTHERPROJ")
    stranger = projects.create_person(other.ep, other.project, {"name": "Zed", "kind": "cast"})
    with pytest.raises(InvalidInput, match="No person"):
        setup.update_cast_member(
            team.ep, team.project, member(team, "TEO").pk, {"person": stranger}, version=None
        )


def test_travel_rehearsal_and_fitting_days_show_on_the_day_out_of_days(client, team, schedule):
    june = member(team, "JUNE")
    client.force_login(team.ap)
    for on, kind in (
        ("2027-02-24", "fitting"),
        ("2027-02-26", "travel"),
        ("2027-02-27", "rehearsal"),
    ):
        response = client.post(p(team, f"cast/{june.pk}/days/"), {"date": on, "kind": kind})
        assert response.status_code == 302
    row = dood_row(client, schedule, "1. JUNE")
    shown = codes(row)
    assert shown[date(2027, 2, 24)] == "F"
    assert shown[date(2027, 2, 26)] == "T" and shown[date(2027, 2, 27)] == "R"
    assert shown[date(2027, 3, 1)] == "SW"
    assert (row.totals.travel, row.totals.rehearsal, row.totals.fitting) == (1, 1, 1)
    assert row.totals.start == date(2027, 2, 26)  # a fitting does not start employment


def test_a_second_day_on_the_same_date_is_refused_and_a_day_can_be_removed(client, team):
    june = member(team, "JUNE")
    client.force_login(team.ap)
    client.post(p(team, f"cast/{june.pk}/days/"), {"date": "2027-02-26", "kind": "travel"})
    response = client.post(
        p(team, f"cast/{june.pk}/days/"), {"date": "2027-02-26", "kind": "fitting"}
    )
    assert response.status_code == 200
    assert "already has a travel day on Fri 26 Feb 2027" in response.content.decode()
    day = ElementDay.objects.get(cast_member=june)
    assert day.kind == "travel"
    client.post(p(team, f"cast/{june.pk}/days/{day.pk}/remove/"))
    assert not ElementDay.objects.filter(cast_member=june).exists()


# --- the shooting calendar -----------------------------------------------------------------


def test_a_holiday_moves_the_shoot_days_and_shows_inside_the_span(client, team, schedule):
    client.force_login(team.ap)
    response = client.post(
        p(team, "shooting-calendar/"), {"date": "2027-03-03", "kind": "holiday", "label": "Strike"}
    )
    assert response.status_code == 302
    dates = [d.date for d in read_board(schedule).days]
    assert date(2027, 3, 3) not in dates
    assert dates[:4] == [date(2027, 3, 1), date(2027, 3, 2), date(2027, 3, 4), date(2027, 3, 5)]
    row = dood_row(client, schedule, "1. JUNE")
    assert codes(row)[date(2027, 3, 3)] == "HOL" and row.totals.holiday == 1
    page = client.get(p(team, "shooting-calendar/")).content.decode()
    assert "Strike" in page and "Thu 11 Mar 2027" in page  # First pass now ends a day later


def test_a_second_entry_on_a_date_is_refused_with_a_clear_message(client, team):
    CalendarDay.objects.create(project=team.project, date=date(2027, 3, 3), kind="off")
    client.force_login(team.ep)
    response = client.post(p(team, "shooting-calendar/"), {"date": "2027-03-03", "kind": "holiday"})
    assert response.status_code == 200
    assert "Wed 3 Mar 2027 is already on the calendar as a day off" in str(
        response.context["form"].errors["date"]
    )
    assert CalendarDay.objects.get(project=team.project).kind == "off"


def test_an_extra_shoot_day_adds_a_saturday_and_can_be_removed(client, team, schedule):
    client.force_login(team.ap)
    client.post(p(team, "shooting-calendar/"), {"date": "2027-03-06", "kind": "work"})
    assert read_board(schedule).days[5].date == date(2027, 3, 6)
    day = CalendarDay.objects.get(project=team.project)
    client.post(p(team, f"shooting-calendar/{day.pk}/remove/"))
    assert read_board(schedule).days[5].date == date(2027, 3, 8)


# --- locations -----------------------------------------------------------------------------


def test_locations_lists_every_site_of_the_scheduled_scenes(client, team):
    client.force_login(team.viewer)
    response = client.get(p(team, "locations/"))
    sites = {s.name: s.scenes for s in response.context["sites"]}
    assert sites == {"BRIDGE": 2, "DINER": 2, "PARK": 1, "STATION": 3}
    assert "Add details" not in response.content.decode()


def test_a_window_running_backwards_is_refused(client, team):
    client.force_login(team.ap)
    response = client.post(p(team, "locations/"), {"name": "PARK"})
    park = Location.objects.get(project=team.project, name="PARK")
    assert response["Location"] == p(team, f"locations/{park.pk}/")
    response = client.post(
        p(team, f"locations/{park.pk}/"),
        {"available_from": "2027-03-10", "available_to": "2027-03-01", "version": park.version},
    )
    assert response.status_code == 200
    assert "is before available from" in str(response.context["form"].errors["available_to"])
    park.refresh_from_db()
    assert park.available_from is None


def test_an_availability_window_keeps_the_optimiser_off_other_dates(client, team):
    schedule = builders.schedule_on(
        team.project, team.ep, name="Optimised", time_limit=3, max_eighths_per_day=12
    )
    proposals.optimise(schedule.pk, at=builders.AT)
    before = _bridge_dates(schedule)
    assert min(before) < date(2027, 3, 4), "without a window the bridge is shot early"
    client.force_login(team.ap)
    client.post(p(team, "locations/"), {"name": "BRIDGE"})
    bridge = Location.objects.get(project=team.project, name="BRIDGE")
    response = client.post(
        p(team, f"locations/{bridge.pk}/"),
        {"address": "Old Bridge Rd", "available_from": "2027-03-04", "version": bridge.version},
    )
    assert response.status_code == 302
    proposals.optimise(schedule.pk, at=builders.AT)
    after = _bridge_dates(schedule)
    assert after and min(after) >= date(2027, 3, 4)


def _bridge_dates(schedule: Schedule) -> list[date]:
    """Dates of the BRIDGE scenes once the optimiser's proposal is accepted."""
    schedule.refresh_from_db()
    proposals.accept_proposal(schedule.created_by, schedule, version=schedule.version)
    return [d.date for d in read_board(schedule).days for s in d.scenes if s.site == "BRIDGE"]


# --- who may change what -------------------------------------------------------------------


def writes(team) -> list[tuple[str, dict]]:
    june = member(team, "JUNE")
    location = Location.objects.create(project=team.project, name="DINER")
    day = CalendarDay.objects.create(project=team.project, date=date(2027, 3, 3), kind="off")
    element_day = ElementDay.objects.create(cast_member=june, date=date(2027, 2, 26), kind="travel")
    return [
        (f"cast/{june.pk}/", cast_form(june, number=7)),
        (f"cast/{june.pk}/days/", {"date": "2027-02-25", "kind": "fitting"}),
        (f"cast/{june.pk}/days/{element_day.pk}/remove/", {}),
        ("locations/", {"name": "PARK"}),
        (f"locations/{location.pk}/", {"address": "x", "version": 1}),
        (f"locations/{location.pk}/delete/", {}),
        ("shooting-calendar/", {"date": "2027-03-05", "kind": "holiday"}),
        (f"shooting-calendar/{day.pk}/remove/", {}),
    ]


def state(team) -> list:
    return [
        list(CastMember.objects.filter(project=team.project).values_list("number", "version")),
        list(ElementDay.objects.values_list("date", "kind")),
        list(Location.objects.filter(project=team.project).values_list("name", "address")),
        list(CalendarDay.objects.filter(project=team.project).values_list("date", "kind")),
    ]


def test_crew_and_viewers_read_the_set_up_pages_but_cannot_change_them(client, team):
    actions = writes(team)
    before = state(team)
    for user in (team.viewer, team.crew, team.dh):
        client.force_login(user)
        for page in ("cast/", "locations/", "shooting-calendar/", actions[0][0]):
            assert client.get(p(team, page)).status_code == 200
        for path, data in actions:
            assert client.post(p(team, path), data).status_code == 403, path
    assert state(team) == before


def test_an_outsider_learns_nothing(client, team):
    actions = writes(team)
    before = state(team)
    client.force_login(team.outsider)
    for page in ("cast/", "locations/", "shooting-calendar/", actions[0][0]):
        assert client.get(p(team, page)).status_code == 404
    for path, data in actions:
        assert client.post(p(team, path), data).status_code == 404, path
    assert state(team) == before


def test_services_refuse_a_viewer_whatever_the_front_door(team):
    with pytest.raises(Exception, match="does not allow edit schedule"):
        setup.add_calendar_day(team.viewer, team.project, on=date(2027, 3, 5), kind="holiday")
    with pytest.raises(Exception, match="does not allow edit schedule"):
        setup.create_location(team.crew, team.project, "PARK")
    assert not CalendarDay.objects.filter(project=team.project).exists()
