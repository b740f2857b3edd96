"""The scheduling API: versions, the board, a drag, the optimiser's proposal; costs by role."""

import pytest

from greenlight.scheduling import proposals, services
from tests.scheduling import builders

pytestmark = pytest.mark.django_db


def base(schedule) -> str:
    return f"/api/projects/{schedule.project_id}/schedules/{schedule.pk}"


def test_the_board_comes_back_as_days_with_strips(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.crew)
    body = client.get(base(schedule)).json()
    assert body["days"][0]["date"] == "2027-03-01"
    labels = [s["label"] for s in body["days"][0]["strips"]]
    assert labels[:2] == ["Sc 1", "Sc 2"]
    assert body["schedule"]["holding_cost"] is None  # crew never see costs
    assert body["broken_rules"]


def test_schedule_list_shows_holding_cost_only_to_the_executive_producer(client, team):
    builders.schedule_on(team.project, team.ep)
    client.force_login(team.ep)
    [row] = client.get(f"/api/projects/{team.project.pk}/schedules").json()
    assert row["holding_cost"] == "0.00"
    client.force_login(team.ap)
    [row] = client.get(f"/api/projects/{team.project.pk}/schedules").json()
    assert row["holding_cost"] is None


def test_a_drag_through_the_api_is_saved_and_a_stale_one_refused(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.ap)
    day = client.get(base(schedule)).json()["days"][0]
    ids = [s["id"] for s in day["strips"]]
    moved = [ids[1], ids[0], *ids[2:], day["break_id"]]
    body = {"board": moved, "boneyard": [], "version": schedule.version}
    response = client.put(base(schedule) + "/order", body, content_type="application/json")
    assert response.status_code == 200
    assert [s["label"] for s in response.json()["days"][0]["strips"]][:2] == ["Sc 2", "Sc 1"]
    stale = client.put(base(schedule) + "/order", body, content_type="application/json")
    assert stale.status_code == 409


def test_viewers_cannot_optimise(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    client.force_login(team.viewer)
    assert client.post(base(schedule) + "/optimise").status_code == 403


def test_the_proposal_is_read_and_accepted(client, team):
    schedule = builders.schedule_on(team.project, team.ep, time_limit=5)
    client.force_login(team.ap)
    assert client.get(base(schedule) + "/proposal").status_code == 204
    proposals.optimise(schedule.pk, at=builders.AT)
    schedule.refresh_from_db()
    body = client.get(base(schedule) + "/proposal").json()
    assert body["status"] in ("optimal", "feasible") and body["holding_cost"] is None
    response = client.post(base(schedule) + f"/proposal/accept?version={schedule.version}")
    assert response.status_code == 200
    assert response.json()["broken_rules"] == []


def test_a_locked_schedule_is_not_optimised(client, team):
    schedule = builders.schedule_on(team.project, team.ep)
    services.lock_schedule(team.ep, schedule, version=schedule.version)
    client.force_login(team.ap)
    response = client.post(base(schedule) + "/optimise")
    assert response.status_code == 409 and "locked" in response.json()["detail"]


def test_the_api_portfolio_carries_the_schedule_figures(client, team):
    builders.schedule_on(team.project, team.ep)
    client.force_login(team.ep)
    [row] = client.get("/api/portfolio").json()
    assert row["figures"]["shoot_days"] == "1" and "holding_cost" in row["figures"]
    client.force_login(team.crew)
    [row] = client.get("/api/portfolio").json()
    assert row["figures"]["shoot_days"] == "1" and "holding_cost" not in row["figures"]
