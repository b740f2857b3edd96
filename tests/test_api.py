"""The JSON API: authentication, the role matrix, bad input, concurrency and what each role sees.

Most calls use a personal token (``Authorization: Bearer glt_…``); a few use the session, which
django-ninja checks for CSRF on writes.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from greenlight.accounts import services as accounts
from greenlight.accounts import tokens
from greenlight.accounts.capabilities import Role
from greenlight.accounts.models import ApiToken, Invitation, Membership
from greenlight.jobs.models import Job
from greenlight.projects import services
from greenlight.projects.models import Department, Person, Project
from tests import factories

EP, AP, DH, CREW, VIEWER = "ep", "ap", "dh", "crew", "viewer"
MEMBERS = (EP, AP, DH, CREW, VIEWER)
EVERYONE = frozenset(MEMBERS)
PRODUCERS = frozenset({EP, AP})
MANAGERS = frozenset({EP, AP, DH})
ONLY_EP = frozenset({EP})

team_once, team = factories.module_crew("APITEST", "series", setup=factories.staff)


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


lazy_static_files = factories.lazy_static_files


class Api:
    """The test client speaking JSON, with a bearer token when given one."""

    def __init__(self, client: Client, token: str | None = None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: Any = None) -> Any:
        send = getattr(self.client, method)
        if body is None:
            return send(f"/api{path}", headers=self.headers)
        return send(
            f"/api{path}",
            data=json.dumps(body, default=str),
            content_type="application/json",
            headers=self.headers,
        )

    def get(self, path: str) -> Any:
        return self.call("get", path)

    def post(self, path: str, body: Any = None) -> Any:
        return self.call("post", path, {} if body is None else body)

    def patch(self, path: str, body: Any) -> Any:
        return self.call("patch", path, body)

    def delete(self, path: str) -> Any:
        return self.call("delete", path)


def token_for(user: Any) -> str:
    return accounts.create_token(user, "tests", at=timezone.now()).plaintext


@pytest.fixture
def as_user(client):
    def make(user: Any) -> Api:
        return Api(client, token_for(user))

    return make


def cam_op(t) -> Person:
    return t.project.people.get(name="Cam Op")


def boom_op(t) -> Person:
    return t.project.people.get(name="Boom Op")


def p(t, rest: str = "") -> str:
    return f"/projects/{t.project.pk}{rest}"


def member_id(t, user) -> int:
    return Membership.objects.get(project=t.project, user=user).pk


# --- authentication ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/projects", "/portfolio", "/tokens", "/jobs"])
def test_anonymous_calls_get_401(client, db, path):
    response = client.get(f"/api{path}")
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_token_lists_only_its_users_projects(client, team):
    factories.project(factories.user("rival", producer=True), "RIVAL")
    response = Api(client, token_for(team.crew)).get("/projects")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == ["APITEST"]
    assert Api(client, token_for(team.outsider)).get("/projects").json() == []


def test_a_revoked_token_gets_401(client, team):
    issued = accounts.create_token(team.crew, "old script", at=timezone.now())
    accounts.revoke_token(team.crew, issued.token.pk, at=timezone.now())
    assert Api(client, issued.plaintext).get("/projects").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nonsense",
        "Bearer glt_0123456789ab_not-the-secret",
        "Bearer ",
        "Token glt_0123456789ab_x",
        "glt_0123456789ab_x",
    ],
)
def test_a_malformed_or_forged_token_gets_401(client, team, header):
    token_for(team.crew)
    response = client.get("/api/projects", headers={"Authorization": header})
    assert response.status_code == 401


def test_an_invitation_link_is_never_accepted_as_an_api_token(client, team):
    link = accounts.invite_member(
        team.ep, team.project, "x@example.com", Role.CREW, at=timezone.now()
    ).link
    secret = link.rstrip("/").rsplit("/", 1)[1]
    assert Api(client, secret).get("/projects").status_code == 401


def test_a_token_made_through_the_api_is_shown_once_and_stored_as_a_digest(client, team):
    api = Api(client, token_for(team.crew))
    response = api.post("/tokens", {"name": "budget sync"})
    assert response.status_code == 201
    plaintext = response.json()["token"]
    row = ApiToken.objects.get(pk=response.json()["id"])
    assert row.digest == hashlib.sha256(plaintext.encode()).hexdigest()
    assert tokens.split(plaintext) == row.lookup
    listed = api.get("/tokens").json()
    assert plaintext not in json.dumps(listed) and row.digest not in json.dumps(listed)
    assert Api(client, plaintext).get("/projects").status_code == 200


def test_a_token_revoked_through_the_api_stops_working(client, team):
    plaintext = token_for(team.crew)
    api = Api(client, plaintext)
    token_id = ApiToken.objects.get(user=team.crew).pk
    assert api.delete(f"/tokens/{token_id}").json()["revoked_at"] is not None
    assert api.get("/projects").status_code == 401


def test_the_session_works_for_reading(client, team):
    client.force_login(team.viewer)
    response = client.get("/api/projects")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()] == ["APITEST"]


def test_a_session_write_without_the_csrf_token_is_refused_and_changes_nothing(team):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(team.ep)
    before = factories.database_state()
    response = browser.patch(
        f"/api{p(team)}", data=json.dumps({"logline": "x"}), content_type="application/json"
    )
    assert (response.status_code, response.json()) == (403, {"detail": "CSRF check Failed"})
    assert factories.database_state() == before


def test_the_openapi_document_is_public_and_lists_the_paths(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/projects",
        "/api/projects/{project_id}",
        "/api/projects/{project_id}/episodes",
        "/api/projects/{project_id}/departments",
        "/api/projects/{project_id}/people",
        "/api/projects/{project_id}/people/{person_id}/unavailable",
        "/api/projects/{project_id}/members",
        "/api/portfolio",
        "/api/tokens",
    ):
        assert path in paths


# --- the role matrix through the API -------------------------------------------------------


@dataclass(frozen=True)
class Call:
    name: str
    allowed: frozenset[str]
    method: str
    path: Callable[[Any], str]
    body: Callable[[Any], Any] | None = None
    status: int = 200
    outcome: Callable[[Any, Any], None] | None = None  # (team, response json)

    def send(self, api: Api, t: Any) -> Any:
        if self.body is None:
            return api.call(self.method, self.path(t))
        return api.call(self.method, self.path(t), self.body(t))


def logline_changed(t, body):
    assert body["logline"] == "Via the API." and body["version"] == 2
    assert Project.objects.get(pk=t.project.pk).logline == "Via the API."


def project_deleted(t, _):
    assert not Project.objects.filter(code="APITEST").exists()


def episode_two_added(t, body):
    assert (body["number"], body["title"]) == (2, "Two")
    assert t.project.episodes.filter(number=2).exists()


def pilot_renamed(t, body):
    assert body["title"] == "Renamed" == t.project.episodes.get(number=1).title


def no_episodes_left(t, _):
    assert not t.project.episodes.exists()


def drones_added(t, body):
    assert Department.objects.get(pk=body["id"]).name == "Drones"


def sound_renamed(t, body):
    assert Department.objects.get(pk=t.sound.pk).name == "Audio" == body["name"]


def sound_deleted(t, _):
    assert not Department.objects.filter(pk=t.sound.pk).exists()


def person_added(t, body):
    assert Person.objects.get(pk=body["id"]).project_id == t.project.pk


def cam_op_repositioned(t, body):
    assert body["position"] == "Operator" == cam_op(t).position


def boom_op_repositioned(t, _):
    assert boom_op(t).position == "Boom"


def rate_set(t, body):
    assert Decimal(body["daily_rate"]) == Decimal(500) == cam_op(t).daily_rate


def cam_op_deleted(t, _):
    assert not t.project.people.filter(name="Cam Op").exists()


def boom_op_deleted(t, _):
    assert not t.project.people.filter(name="Boom Op").exists()


def dates_added(t, body):
    assert (body["start"], body["end"]) == ("2025-06-01", "2025-06-02")


def cam_op_available(t, _):
    assert not cam_op(t).unavailable.exists()


def export_queued(t, body):
    assert Job.objects.get(pk=body["id"]).project_id == t.project.pk
    assert body["status"] == "queued"


def invitation_made(t, body):
    assert body["membership"] is None and body["invited_email"] == "new@example.com"
    assert Invitation.objects.filter(project=t.project).count() == 1
    assert len(mail.outbox) == 1


def crew_made_viewer(t, body):
    assert body["role"] == "viewer"
    assert Membership.objects.get(project=t.project, user=t.crew).role == Role.VIEWER


def viewer_removed(t, _):
    assert not t.project.memberships.filter(user=t.viewer).exists()


def cam_unavailability(t) -> str:
    person = cam_op(t)
    return p(t, f"/people/{person.pk}/unavailable/{person.unavailable.get().pk}")


CALLS = [
    Call("read project", EVERYONE, "get", p),
    Call(
        "edit project",
        PRODUCERS,
        "patch",
        p,
        lambda t: {"logline": "Via the API.", "version": 1},
        outcome=logline_changed,
    ),
    Call("delete project", ONLY_EP, "delete", p, status=204, outcome=project_deleted),
    Call("list episodes", EVERYONE, "get", lambda t: p(t, "/episodes")),
    Call(
        "add episode",
        PRODUCERS,
        "post",
        lambda t: p(t, "/episodes"),
        lambda t: {"number": 2, "title": "Two"},
        201,
        episode_two_added,
    ),
    Call(
        "rename episode",
        PRODUCERS,
        "patch",
        lambda t: p(t, f"/episodes/{t.project.episodes.get().pk}"),
        lambda t: {"title": "Renamed"},
        outcome=pilot_renamed,
    ),
    Call(
        "delete episode",
        PRODUCERS,
        "delete",
        lambda t: p(t, f"/episodes/{t.project.episodes.get().pk}"),
        status=204,
        outcome=no_episodes_left,
    ),
    Call("list departments", EVERYONE, "get", lambda t: p(t, "/departments")),
    Call(
        "add department",
        PRODUCERS,
        "post",
        lambda t: p(t, "/departments"),
        lambda t: {"code": "DRONE", "name": "Drones"},
        201,
        drones_added,
    ),
    Call(
        "rename department",
        PRODUCERS,
        "patch",
        lambda t: p(t, f"/departments/{t.sound.pk}"),
        lambda t: {"name": "Audio"},
        outcome=sound_renamed,
    ),
    Call(
        "delete department",
        PRODUCERS,
        "delete",
        lambda t: p(t, f"/departments/{t.sound.pk}"),
        status=204,
        outcome=sound_deleted,
    ),
    Call("list people", EVERYONE, "get", lambda t: p(t, "/people")),
    Call("read person", EVERYONE, "get", lambda t: p(t, f"/people/{cam_op(t).pk}")),
    Call(
        "add person in Camera",
        MANAGERS,
        "post",
        lambda t: p(t, "/people"),
        lambda t: {"name": "Focus Puller", "department": t.camera.pk},
        201,
        person_added,
    ),
    Call(
        "add person in Sound",
        PRODUCERS,
        "post",
        lambda t: p(t, "/people"),
        lambda t: {"name": "Mixer", "department": t.sound.pk},
        201,
        person_added,
    ),
    Call(
        "edit person in Camera",
        MANAGERS,
        "patch",
        lambda t: p(t, f"/people/{cam_op(t).pk}"),
        lambda t: {"position": "Operator"},
        outcome=cam_op_repositioned,
    ),
    Call(
        "edit person in Sound",
        PRODUCERS,
        "patch",
        lambda t: p(t, f"/people/{boom_op(t).pk}"),
        lambda t: {"position": "Boom"},
        outcome=boom_op_repositioned,
    ),
    Call(
        "set daily rate",
        ONLY_EP,
        "patch",
        lambda t: p(t, f"/people/{cam_op(t).pk}"),
        lambda t: {"daily_rate": "500.00"},
        outcome=rate_set,
    ),
    Call(
        "add person with daily rate",
        ONLY_EP,
        "post",
        lambda t: p(t, "/people"),
        lambda t: {"name": "Grip", "department": t.camera.pk, "daily_rate": "250.00"},
        201,
        person_added,
    ),
    Call(
        "delete person in Camera",
        MANAGERS,
        "delete",
        lambda t: p(t, f"/people/{cam_op(t).pk}"),
        status=204,
        outcome=cam_op_deleted,
    ),
    Call(
        "delete person in Sound",
        PRODUCERS,
        "delete",
        lambda t: p(t, f"/people/{boom_op(t).pk}"),
        status=204,
        outcome=boom_op_deleted,
    ),
    Call(
        "add unavailability in Camera",
        MANAGERS,
        "post",
        lambda t: p(t, f"/people/{cam_op(t).pk}/unavailable"),
        lambda t: {"start": "2025-06-01", "end": "2025-06-02"},
        201,
        dates_added,
    ),
    Call(
        "add unavailability in Sound",
        PRODUCERS,
        "post",
        lambda t: p(t, f"/people/{boom_op(t).pk}/unavailable"),
        lambda t: {"start": "2025-06-01", "end": "2025-06-02", "reason": "other job"},
        201,
        dates_added,
    ),
    Call(
        "remove unavailability in Camera",
        MANAGERS,
        "delete",
        cam_unavailability,
        status=204,
        outcome=cam_op_available,
    ),
    Call(
        "export people",
        MANAGERS,
        "post",
        lambda t: p(t, "/people/export"),
        lambda t: {},
        202,
        export_queued,
    ),
    Call("list members", frozenset({EP, AP, DH, CREW}), "get", lambda t: p(t, "/members")),
    Call(
        "invite member",
        ONLY_EP,
        "post",
        lambda t: p(t, "/members"),
        lambda t: {"email": "new@example.com", "role": "crew"},
        201,
        invitation_made,
    ),
    Call(
        "change member role",
        ONLY_EP,
        "patch",
        lambda t: p(t, f"/members/{member_id(t, t.crew)}"),
        lambda t: {"role": "viewer", "version": 1},
        outcome=crew_made_viewer,
    ),
    Call(
        "remove member",
        ONLY_EP,
        "delete",
        lambda t: p(t, f"/members/{member_id(t, t.viewer)}"),
        status=204,
        outcome=viewer_removed,
    ),
]


def _cases(want_allowed: bool) -> list[Any]:
    return [
        pytest.param(call, role, id=f"{role} {'may' if want_allowed else 'may not'} {call.name}")
        for call in CALLS
        for role in MEMBERS
        if (role in call.allowed) is want_allowed
    ]


@pytest.mark.parametrize(("call", "role"), _cases(True))
def test_a_role_holding_the_capability_gets_the_result(as_user, team, call, role):
    response = call.send(as_user(getattr(team, role)), team)
    assert response.status_code == call.status, response.content
    if call.outcome is not None:
        call.outcome(team, response.json() if response.content else None)


@pytest.mark.parametrize(("call", "role"), _cases(False))
def test_a_member_lacking_the_capability_gets_403_json_and_nothing_changes(
    as_user, team, call, role
):
    api = as_user(getattr(team, role))
    before = factories.database_state()
    response = call.send(api, team)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "does not allow" in response.json()["detail"]
    assert factories.database_state() == before
    assert mail.outbox == []


@pytest.mark.parametrize("call", [pytest.param(c, id=c.name) for c in CALLS])
def test_an_outsider_gets_404_json_and_nothing_changes(as_user, team, call):
    api = as_user(team.outsider)
    before = factories.database_state()
    response = call.send(api, team)
    assert response.status_code == 404
    assert response.json() == {"detail": "No such project, or you are not a member of it."}
    assert factories.database_state() == before


# --- what each role sees -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_contacts", "sees_rates"),
    [
        (EP, True, True),
        (AP, True, False),
        (DH, True, False),
        (CREW, True, False),
        (VIEWER, False, False),
    ],
)
def test_people_carry_contacts_and_rates_only_for_roles_allowed_them(
    as_user, team, role, sees_contacts, sees_rates
):
    api = as_user(getattr(team, role))
    listed = {row["name"]: row for row in api.get(p(team, "/people")).json()}
    single = api.get(p(team, f"/people/{cam_op(team).pk}")).json()
    for cam in (listed["Cam Op"], single):
        assert cam["department"] == team.camera.pk
        assert (cam["email"] == "cam@example.com") is sees_contacts
        assert (cam["phone"], cam["agent"]) == (
            ("555-0100", "Tess at CAA") if sees_contacts else (None, None)
        )
        assert cam["daily_rate"] == ("450.00" if sees_rates else None)
        assert cam["unavailable"][0]["start"] == "2025-05-01"


def test_the_crew_members_people_have_a_null_daily_rate(as_user, team):
    rows = as_user(team.crew).get(p(team, "/people")).json()
    assert rows and all(row["daily_rate"] is None for row in rows)


def test_the_viewers_people_have_a_null_email(as_user, team):
    rows = as_user(team.viewer).get(p(team, "/people")).json()
    assert rows and all(row["email"] is None for row in rows)


def test_a_department_head_who_adds_a_person_sees_no_rate_back(as_user, team):
    body = as_user(team.dh).post(
        p(team, "/people"), {"name": "Loader", "department": team.camera.pk}
    )
    assert body.status_code == 201 and body.json()["daily_rate"] is None


def test_the_portfolio_returns_the_users_rows(as_user, team):
    services.update_project(team.ep, team.project, {"delivery_date": date(2099, 1, 1)})
    factories.project(factories.user("rival", producer=True), "RIVAL")
    [row] = as_user(team.dh).get("/portfolio").json()
    assert (row["code"], row["role"], row["kind"]) == ("APITEST", "department_head", "series")
    assert (row["team_size"], row["people"], row["episodes"], row["departments"]) == (5, 2, 1, 17)
    assert (row["next_milestone"], row["next_milestone_date"]) == ("Delivery", "2099-01-01")


def test_members_are_listed_with_their_roles_and_departments(as_user, team):
    rows = {m["username"]: m for m in as_user(team.crew).get(p(team, "/members")).json()}
    assert rows[team.dh.username]["role"] == "department_head"
    assert rows[team.dh.username]["departments"] == [team.camera.pk]
    assert set(rows) == {u.username for u in (team.ep, team.ap, team.dh, team.crew, team.viewer)}


# --- creating projects ---------------------------------------------------------------------


def test_a_producer_creates_a_project_and_becomes_its_executive_producer(as_user, team):
    api = as_user(team.ep)
    response = api.post("/projects", {"title": "Orbit", "code": "ORBIT", "kind": "game"})
    assert response.status_code == 201
    created = response.json()
    assert (created["code"], created["kind"], created["version"]) == ("ORBIT", "game", 1)
    departments = api.get(f"/projects/{created['id']}/departments").json()
    assert len(departments) == 12
    [member] = api.get(f"/projects/{created['id']}/members").json()
    assert (member["username"], member["role"]) == (team.ep.username, "executive_producer")


def test_someone_who_is_not_a_producer_cannot_create_a_project(as_user, team):
    response = as_user(team.ap).post(
        "/projects", {"title": "Mine", "code": "MINE", "kind": "feature"}
    )
    assert response.status_code == 403
    assert "may not create projects" in response.json()["detail"]
    assert not Project.objects.filter(code="MINE").exists()


# --- bad input: a clear 4xx and nothing changed --------------------------------------------


BAD_INPUT = [
    ("post", "/projects", {"title": "No code"}, "code"),
    ("post", "/projects", {"title": 5, "code": "NUM", "kind": "feature"}, "title"),
    ("post", "/projects", {"title": "Bad", "code": "BAD", "kind": "opera"}, "kind"),
    ("post", "/projects", {"title": "Dup", "code": "APITEST", "kind": "feature"}, "code"),
    ("post", "/projects", {"title": "Low", "code": "lower", "kind": "feature"}, "code"),
    (
        "post",
        "/projects",
        {
            "title": "Backwards",
            "code": "BACK",
            "kind": "feature",
            "shoot_start": "2025-05-01",
            "shoot_end": "2025-04-01",
        },
        "shoot_end (2025-04-01) is before shoot_start",
    ),
    ("patch", "{project}", {"shoot_start": "not a date"}, "shoot_start"),
    ("patch", "{project}", {"title": None}, "title"),
    ("patch", "{project}", {"kind": "feature"}, "Remove the episodes"),
    ("patch", "{project}", {"version": "one"}, "version"),
    ("post", "{project}/episodes", {"number": 1}, "already exists"),
    ("post", "{project}/episodes", {"number": 0}, "number"),
    ("post", "{project}/episodes", {"title": "No number"}, "number"),
    ("post", "{project}/departments", {"code": "CAM", "name": "Camera again"}, "already exists"),
    ("post", "{project}/people", {"name": "Stray", "department": 999999}, "department"),
    ("post", "{project}/people", {"name": "Stray", "department": "camera"}, "department"),
    ("post", "{project}/people", {"department": 1}, "name"),
    ("post", "{project}/people", {"name": "Bad mail", "email": "not-an-email"}, "email"),
    ("post", "{project}/people", {"name": "Neg", "daily_rate": "-5"}, "daily_rate"),
    ("post", "{project}/people", {"name": "Text", "daily_rate": "lots"}, "daily_rate"),
    ("post", "{project}/people", {"name": "Odd", "kind": "alien"}, "kind"),
    ("post", "{cam}/unavailable", {"start": "2025-06-02", "end": "2025-06-01"}, "end date"),
    ("post", "{cam}/unavailable", {"start": "2025-06-02"}, "end"),
    (
        "post",
        "{project}/members",
        {"email": "x@example.com", "role": "department_head"},
        "department",
    ),
    (
        "post",
        "{project}/members",
        {"email": "x@example.com", "role": "crew", "departments": [999999]},
        "departments",
    ),
    ("post", "{project}/members", {"email": "x@example.com", "role": "boss"}, "role"),
    ("post", "{project}/members", {"email": "not an email", "role": "crew"}, "email"),
]


def _path(t, template: str) -> str:
    return template.format(project=p(t), cam=p(t, f"/people/{cam_op(t).pk}"))


@pytest.mark.parametrize(
    ("method", "path", "body", "says"),
    [pytest.param(*case, id=f"{case[0]} {case[1]} {json.dumps(case[2])}") for case in BAD_INPUT],
)
def test_bad_input_gets_a_clear_4xx_and_changes_nothing(as_user, team, method, path, body, says):
    api = as_user(team.ep)
    before = factories.database_state()
    response = api.call(method, _path(team, path), body)
    assert 400 <= response.status_code < 500, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str) and says in detail + json.dumps(response.json().get("errors"))
    assert factories.database_state() == before
    assert mail.outbox == []


def test_episodes_on_a_feature_are_refused(as_user, team):
    api = as_user(team.ep)
    feature = api.post("/projects", {"title": "Film", "code": "FILM", "kind": "feature"}).json()
    response = api.post(f"/projects/{feature['id']}/episodes", {"number": 1})
    assert response.status_code == 422
    assert "not a series" in response.json()["detail"]
    assert not Project.objects.get(code="FILM").episodes.exists()


def test_a_department_of_another_project_is_refused(as_user, team):
    other = factories.project(team.ep, "ELSEWHERE")
    foreign = other.departments.get(code="CAM").pk
    api = as_user(team.ep)
    response = api.patch(p(team, f"/people/{cam_op(team).pk}"), {"department": foreign})
    assert response.status_code == 422
    assert response.json()["errors"]["department"]
    assert cam_op(team).department_id == team.camera.pk


# --- optimistic concurrency ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("{project}", {"title": "Mine"}),
        ("{project}/episodes/{episode}", {"title": "Mine"}),
        ("{project}/departments/{sound}", {"name": "Mine"}),
        ("{project}/people/{cam}", {"position": "Mine"}),
        ("{project}/members/{crew}", {"role": "viewer"}),
    ],
)
def test_a_patch_with_a_stale_version_gets_409_and_changes_nothing(as_user, team, path, body):
    api = as_user(team.ep)
    target = path.format(
        project=p(team),
        episode=team.project.episodes.get().pk,
        sound=team.sound.pk,
        cam=cam_op(team).pk,
        crew=member_id(team, team.crew),
    )
    assert api.patch(target, {**body, "version": 1}).status_code == 200
    before = factories.database_state()
    response = api.patch(target, {**body, "version": 1})
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["detail"]
    assert factories.database_state() == before


def test_a_patch_with_the_current_version_succeeds_and_bumps_it(as_user, team):
    api = as_user(team.ap)
    first = api.patch(p(team), {"logline": "One", "version": 1}).json()
    second = api.patch(p(team), {"logline": "Two", "version": first["version"]}).json()
    assert (second["logline"], second["version"]) == ("Two", 3)


def test_the_last_executive_producer_cannot_be_removed_through_the_api(as_user, team):
    response = as_user(team.ep).delete(p(team, f"/members/{member_id(team, team.ep)}"))
    assert response.status_code == 422
    assert "at least one executive producer" in response.json()["detail"]
    assert Membership.objects.filter(project=team.project, user=team.ep).exists()


def test_inviting_an_existing_user_through_the_api_adds_them_at_once(as_user, team):
    response = as_user(team.ep).post(
        p(team, "/members"),
        {"email": team.outsider.email, "role": "department_head", "departments": [team.sound.pk]},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["invited_email"] is None and body["membership"]["departments"] == [team.sound.pk]
    assert mail.outbox == []
