"""Locking a script's scene numbers, and deleting a project that has a broken-down script."""

from django.utils import timezone

from greenlight.accounts import services as accounts
from greenlight.projects import services as projects
from greenlight.projects.models import Project
from greenlight.screenplay import services
from greenlight.screenplay.models import BreakdownElement, Script
from tests.screenplay.samples import SCRIPTS

BRICK = SCRIPTS / "Brick-and-Steel.fountain"


def _import(team):
    return services.import_script(
        team.ep, team.project, BRICK.name, BRICK.read_bytes(), at=timezone.now()
    )


def _bearer(user):
    token = accounts.create_token(user, "t", at=timezone.now()).plaintext
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_producers_lock_scene_numbers_through_the_api_and_crew_cannot(team, client):
    draft = _import(team)
    url = f"/api/projects/{team.project.pk}/scripts/{draft.script_id}/lock"
    refused = client.put(
        url, {"locked": True}, content_type="application/json", **_bearer(team.crew)
    )
    assert refused.status_code == 403
    response = client.put(
        url, {"locked": True}, content_type="application/json", **_bearer(team.ap)
    )
    assert response.status_code == 200 and response.json()["locked"] is True
    assert Script.objects.get(pk=draft.script_id).locked


def test_the_scripts_page_toggles_the_lock(team, client):
    draft = _import(team)
    client.force_login(team.ep)
    url = f"/projects/{team.project.pk}/scripts/{draft.script_id}/lock/"
    assert client.post(url, {"locked": "1"}).status_code == 302
    assert Script.objects.get(pk=draft.script_id).locked
    page = client.get(f"/projects/{team.project.pk}/scripts/").content.decode()
    assert "Unlock numbers" in page
    client.post(url, {"locked": "0"})
    assert not Script.objects.get(pk=draft.script_id).locked


def test_a_locked_revision_numbers_an_inserted_scene_with_a_suffix(team):
    numbered = "\n\n".join(
        f"INT. ROOM {n} - DAY #{n}#\n\nSomething distinct happens in room {n}." for n in (1, 2, 3)
    )
    draft = services.import_script(
        team.ep, team.project, "rooms.fountain", numbered.encode(), at=timezone.now()
    )
    services.set_locked(team.ep, draft.script, True)
    revised = numbered.replace(
        "INT. ROOM 2 - DAY #2#",
        "INT. HALLWAY - NIGHT\n\nA new scene nobody numbered.\n\nINT. ROOM 2 - DAY #2#",
    )
    report = services.import_revision(
        team.ep, draft.script, "rooms.fountain", revised.encode(), at=timezone.now()
    )
    numbers = [scene.number for scene in report.draft.scenes.order_by("index")]
    assert numbers == ["1", "1A", "2", "3"]
    assert [scene.number for scene in report.added] == ["1A"]


def test_a_project_with_a_broken_down_script_can_be_deleted(team):
    _import(team)
    assert BreakdownElement.objects.filter(project=team.project).exists()
    projects.delete_project(team.ep, team.project)
    assert not Project.objects.filter(pk=team.project.pk).exists()
    assert not BreakdownElement.objects.exists()
