"""The screenplay API: uploads, drafts, scenes with their breakdown, tags, lint and lengths,
with the same capability rules as the pages (403 for members without the right, 404 outside)."""

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from greenlight.accounts import services as accounts
from greenlight.screenplay import services
from greenlight.screenplay.models import Category, Draft, Scene, Script, Tag, TagStatus
from tests import factories
from tests.screenplay.samples import (
    ADDED_HEADING,
    BAD_FILES,
    BRICK,
    SAMPLES,
    UNCHANGED_HEADING,
    revised_brick,
    sample,
    upload,
)

lazy_static_files = factories.lazy_static_files


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


class Api:
    """The test client with a member's bearer token."""

    def __init__(self, client: Client, user: Any) -> None:
        token = accounts.create_token(user, "tests", at=timezone.now()).plaintext
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str) -> Any:
        return self.client.get(f"/api{path}", headers=self.headers)

    def delete(self, path: str) -> Any:
        return self.client.delete(f"/api{path}", headers=self.headers)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        return getattr(self.client, method)(
            f"/api{path}",
            data=json.dumps(body or {}),
            content_type="application/json",
            headers=self.headers,
        )

    def upload(self, path: str, name: str, data: bytes | None = None, **fields: str) -> Any:
        return self.client.post(
            f"/api{path}", {"file": upload(name, data), **fields}, headers=self.headers
        )


def scripts_path(team) -> str:
    return f"/projects/{team.project.pk}/scripts"


def draft_path(draft: Draft) -> str:
    return f"/projects/{draft.script.project_id}/scripts/{draft.script_id}/drafts/{draft.number}"


def scene_path(scene: Scene) -> str:
    return f"{draft_path(scene.draft)}/scenes/{scene.pk}"


def imported(team, name: str = BRICK) -> Draft:
    return services.import_script(team.ep, team.project, name, sample(name), at=timezone.now())


def nothing_saved() -> bool:
    return not (Script.objects.exists() or Draft.objects.exists() or Scene.objects.exists())


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_uploads_through_the_api_with_scenes_and_cast(team, client, name):
    api = Api(client, team.ap)
    response = api.upload(scripts_path(team), name)
    assert response.status_code == 201, response.content
    body = response.json()
    draft = Draft.objects.get(pk=body["id"])
    assert body["number"] == 1 and body["colour"] == "White" and body["scenes"] > 0
    scenes = api.get(f"{draft_path(draft)}/scenes").json()
    assert [s["heading"] for s in scenes] == list(draft.scenes.values_list("heading", flat=True))
    for scene in scenes:
        assert {"page", "eighths", "eighths_text", "int_ext", "time_of_day", "location"} <= set(
            scene
        )
    cast = [t for s in scenes for t in s["tags"] if t["category"] == "cast"]
    assert any(t["status"] == "confirmed" for t in cast)
    listed = api.get(scripts_path(team)).json()
    assert [d["id"] for d in listed[0]["drafts"]] == [draft.pk]


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES)
def test_a_bad_upload_gets_422_saying_what_and_where_and_saves_nothing(
    team, client, name, data, words
):
    response = Api(client, team.ep).upload(scripts_path(team), name, data)
    assert response.status_code == 422
    body = response.json()
    for word in words:
        assert word in body["detail"]
    assert list(body["errors"]) == ["file"]
    assert nothing_saved()


@pytest.mark.parametrize("role", ["crew", "viewer"])
def test_crew_and_viewers_cannot_upload_or_tag(team, client, role):
    draft = imported(team)
    scene = draft.scenes.get(index=0)
    tag = scene.tags.first()
    props = Category.objects.get(project=team.project, key="props")
    api = Api(client, getattr(team, role))
    assert api.get(f"{draft_path(draft)}/scenes").status_code == 200
    assert api.upload(scripts_path(team), BRICK).status_code == 403
    assert api.upload(f"{scripts_path(team)}/{draft.script_id}/drafts", BRICK).status_code == 403
    before = list(Tag.objects.order_by("pk").values())
    calls = [
        api.send("post", f"{scene_path(scene)}/tags", {"category": props.pk, "name": "GUN"}),
        api.send("post", f"{scene_path(scene)}/tags/{tag.pk}/reject"),
        api.delete(f"{scene_path(scene)}/tags/{tag.pk}"),
        api.send("put", f"{draft_path(draft)}/lengths", {"source": "layout"}),
    ]
    assert [c.status_code for c in calls] == [403] * 4
    assert list(Tag.objects.order_by("pk").values()) == before
    assert Script.objects.count() == 1


def test_outsiders_get_404_everywhere(team, client):
    draft = imported(team)
    scene = draft.scenes.get(index=0)
    api = Api(client, team.outsider)
    for path in (
        scripts_path(team),
        f"{scripts_path(team)}/{draft.script_id}/drafts",
        f"{draft_path(draft)}/scenes",
        scene_path(scene),
        f"{draft_path(draft)}/lint",
    ):
        assert api.get(path).status_code == 404, path
    assert api.upload(scripts_path(team), BRICK).status_code == 404


def test_one_scene_has_its_elements_and_tags(team, client):
    draft = imported(team)
    scene = draft.scenes.get(heading=UNCHANGED_HEADING)
    body = Api(client, team.viewer).get(scene_path(scene)).json()
    assert body["elements"][0] == {
        "index": 0,
        "type": "scene_heading",
        "text": UNCHANGED_HEADING,
        "line": scene.line,
        "centered": False,
        "dual": None,
    }
    assert {"BRICK", "STEEL"} <= {t["name"] for t in body["tags"] if t["status"] == "confirmed"}
    assert any(e["dual"] == "right" for e in body["elements"])


def test_tagging_a_range_stores_the_quote_and_tags_can_be_confirmed_rejected_removed(team, client):
    draft = imported(team)
    scene = draft.scenes.get(heading=UNCHANGED_HEADING)
    paragraph = next(i for i, e in enumerate(scene.elements) if "two cold beers" in e["text"])
    start = scene.elements[paragraph]["text"].index("two cold beers")
    props = Category.objects.get(project=team.project, key="props")
    api = Api(client, team.ep)
    made = api.send(
        "post",
        f"{scene_path(scene)}/tags",
        {
            "category": props.pk,
            "name": "cold beers",
            "paragraph": paragraph,
            "start": start,
            "end": start + 14,
        },
    )
    assert made.status_code == 201
    assert made.json() | {"id": 0, "element": 0} == {
        "id": 0,
        "element": 0,
        "name": "COLD BEERS",
        "category": "props",
        "category_name": "Props",
        "status": "confirmed",
        "paragraph": paragraph,
        "start": start,
        "end": start + 14,
        "quote": "two cold beers",
    }
    bad = api.send(
        "post", f"{scene_path(scene)}/tags", {"category": props.pk, "name": "X", "paragraph": 99}
    )
    assert bad.status_code == 422 and "paragraph" in bad.json()["errors"]
    first, second = Tag.objects.filter(scene__draft=draft, status=TagStatus.SUGGESTED)[:2]
    path = scene_path(first.scene)
    assert api.send("post", f"{path}/tags/{first.pk}/confirm").json()["status"] == "confirmed"
    path = scene_path(second.scene)
    assert api.send("post", f"{path}/tags/{second.pk}/reject").json()["status"] == "rejected"
    assert api.delete(f"{path}/tags/{second.pk}").status_code == 204
    assert api.delete(f"{path}/tags/{second.pk}").status_code == 404


def test_a_revision_through_the_api_reports_scenes_and_keeps_unchanged_tags(team, client):
    draft = imported(team)
    patio = draft.scenes.get(heading=UNCHANGED_HEADING)
    props = Category.objects.get(project=team.project, key="props")
    services.tag_text(team.ep, patio, category_id=props.pk, name="SCREEN DOOR")
    api = Api(client, team.ep)
    response = api.upload(
        f"{scripts_path(team)}/{draft.script_id}/drafts", "blue.fountain", revised_brick()
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["draft"]["number"] == 2 and body["draft"]["colour"] == "Blue"
    assert {k: len(v) for k, v in body["scenes"].items()} == {
        "added": 1,
        "changed": 1,
        "unchanged": 6,
        "omitted": 1,
    }
    assert Scene.objects.get(pk=body["scenes"]["added"][0]).heading == ADDED_HEADING
    blue = Draft.objects.get(pk=body["draft"]["id"])
    kept = Tag.objects.get(
        scene__draft=blue, scene__heading=UNCHANGED_HEADING, element__name="SCREEN DOOR"
    )
    assert kept.status == TagStatus.CONFIRMED
    drafts = api.get(f"{scripts_path(team)}/{draft.script_id}/drafts").json()
    assert [d["colour"] for d in drafts] == ["White", "Blue"]
    assert drafts[1]["revised_pages"]


def test_lint_findings_and_lengths_source(team, client):
    draft = imported(team, "rsdoiel-sample-02.finaldraft.fdx")
    api = Api(client, team.ap)
    findings = api.get(f"{draft_path(draft)}/lint").json()
    assert any(f["rule"] == "page_count" and f["scene"] is None for f in findings)
    switched = api.send("put", f"{draft_path(draft)}/lengths", {"source": "layout"})
    assert switched.status_code == 200 and switched.json()["lengths_from"] == "layout"
    wrong = api.send("put", f"{draft_path(draft)}/lengths", {"source": "guess"})
    assert wrong.status_code == 422
    fountain = imported(team)
    refused = api.send("put", f"{draft_path(fountain)}/lengths", {"source": "final_draft"})
    assert refused.status_code == 422 and "no Final Draft lengths" in refused.json()["detail"]


def test_categories_are_listed_for_tagging(team, client):
    body = Api(client, team.viewer).get(f"/projects/{team.project.pk}/breakdown-categories").json()
    assert [c["key"] for c in body][:5] == ["cast", "background", "stunts", "vehicles", "props"]
