"""The schedule pages: versions, the stripboard, its drag save, settings, optimise, portfolio."""

import json

import pytest

from greenlight.scheduling import proposals
from greenlight.scheduling.models import Schedule, Strip
from tests.scheduling import builders

pytestmark = pytest.mark.django_db


def url(schedule: Schedule, rest: str = "") -> str:
    return f"/projects/{schedule.project_id}/schedules/{schedule.pk}/{rest}"


def board_ids(schedule: Schedule) -> list[int]:
    return list(
        schedule.strips.filter(boneyard=False).order_by("position").values_list("pk", flat=True)
    )


def test_the_board_shows_strips_day_breaks_and_totals(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.viewer)
    page = client.get(url(schedule)).content.decode()
    assert "End of day 1" in page
    assert "Mon 1 Mar 2027" in page
    assert "strip scene strip-ext-day" in page
    assert "Boneyard" in page
    assert "Optimise" not in page  # viewers cannot change the board
    assert 'draggable="false"' in page


def test_the_board_hides_holding_cost_from_everyone_but_the_executive_producer(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ap)
    assert "cast holding cost" not in client.get(url(schedule)).content.decode()
    client.force_login(team.ep)
    assert "cast holding cost" in client.get(url(schedule)).content.decode()


def test_a_drag_posted_as_json_is_saved(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    ids = board_ids(schedule)
    moved = [ids[1], ids[0], *ids[2:]]
    client.force_login(team.ap)
    response = client.post(
        url(schedule, "reorder/"),
        json.dumps({"board": moved, "boneyard": [], "version": schedule.version}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["version"] == schedule.version + 1
    assert board_ids(schedule) == moved


def test_a_stale_drag_gets_409_with_a_reason(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ap)
    response = client.post(
        url(schedule, "reorder/"),
        json.dumps({"board": board_ids(schedule), "boneyard": [], "version": 99}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["detail"]


def test_a_malformed_drag_gets_422(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ap)
    response = client.post(url(schedule, "reorder/"), "nonsense", content_type="application/json")
    assert response.status_code == 422


def test_crew_cannot_drag(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.crew)
    response = client.post(
        url(schedule, "reorder/"),
        json.dumps({"board": board_ids(schedule)[::-1], "boneyard": [], "version": 1}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert board_ids(schedule) != board_ids(schedule)[::-1]


def test_new_schedule_form_creates_a_board(client, team):
    draft = builders.script_on(team.project, team.ep)
    client.force_login(team.ap)
    response = client.post(
        f"/projects/{team.project.pk}/schedules/",
        {"name": "AP pass", "script": draft.script_id, "start_date": "2027-03-01"},
    )
    schedule = Schedule.objects.get(name="AP pass")
    assert response.status_code == 302 and response["Location"] == url(schedule)


def test_versions_page_compares_days_and_moves(client, team):
    builders.schedule_on(team.project, team.ep)
    client.force_login(team.viewer)
    page = client.get(f"/projects/{team.project.pk}/schedules/").content.decode()
    assert "First pass" in page and "Company moves" in page
    assert "Cast holding cost" not in page


def test_settings_page_saves_rules(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ep)
    form = client.get(url(schedule, "settings/")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"max_eighths_per_day": 40, "work_weekdays": "012345", "version": schedule.version})
    response = client.post(url(schedule, "settings/"), data)
    assert response.status_code == 302, response.context["form"].errors
    schedule.refresh_from_db()
    assert (schedule.max_eighths_per_day, schedule.work_weekdays) == (40, "012345")


def test_settings_refuse_a_bad_weekday_list(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ep)
    form = client.get(url(schedule, "settings/")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"work_weekdays": "019", "version": schedule.version})
    response = client.post(url(schedule, "settings/"), data)
    assert response.status_code == 200
    assert "weekdays" in str(response.context["form"].errors["work_weekdays"])


def test_strip_page_pins_a_scene(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    strip = Strip.objects.filter(schedule=schedule, kind="scene").first()
    client.force_login(team.ap)
    response = client.post(
        url(schedule, f"strips/{strip.pk}/"),
        {"pinned_date": "2027-03-02", "minutes": "", "note": "", "version": schedule.version},
    )
    assert response.status_code == 302
    strip.refresh_from_db()
    assert str(strip.pinned_date) == "2027-03-02"


def test_optimise_button_queues_a_job_and_the_board_follows_it(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ap)
    response = client.post(url(schedule, "optimise/"))
    assert response.status_code == 302 and "?job=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "data-reload-when-done" in page


def test_a_proposal_is_shown_and_accepted_from_the_board(client, team):
    schedule = builders.schedule_on(team.project, team.ep, time_limit=5)
    proposals.optimise(schedule.pk, at=builders.AT)
    schedule.refresh_from_db()
    client.force_login(team.ap)
    page = client.get(url(schedule)).content.decode()
    assert "Optimiser proposal" in page and "Accept proposal" in page
    response = client.post(
        url(schedule, "proposal/"), {"decision": "accept", "version": schedule.version}
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.proposal is None


def test_portfolio_shows_schedule_figures_and_cost_only_to_the_executive_producer(client, team):
    builders.schedule_on(team.project, team.ep)
    client.force_login(team.ep)
    row = client.get("/").context["rows"][0]
    assert row.figures["shoot_days"] == "1"
    assert row.figures["holding_cost"].startswith("USD")
    client.force_login(team.ap)
    row = client.get("/").context["rows"][0]
    assert row.figures["shoot_days"] == "1" and "holding_cost" not in row.figures
