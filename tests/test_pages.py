"""The pages: the same role matrix through the Django test client, plus what each page shows.

Sign-in uses ``client.force_login`` (django-axes needs a request for a real login). A refused
action renders 403 for a member and 404 for an outsider, and changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from greenlight.accounts import services as accounts
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

team_once, team = factories.module_crew("PAGES", "series", setup=factories.staff)


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


lazy_static_files = factories.lazy_static_files


def cam_op(t) -> Person:
    return t.project.people.get(name="Cam Op")


def boom_op(t) -> Person:
    return t.project.people.get(name="Boom Op")


def at(t, rest: str = "") -> str:
    return f"/projects/{t.project.pk}/{rest}"


def blank(value: Any) -> str:
    return "" if value is None else str(value)


def project_form(t, **changes: Any) -> dict[str, Any]:
    p = Project.objects.get(pk=t.project.pk)
    fields = ["title", "code", "kind", "phase", "logline", "currency"]
    dates = ["prep_start", "shoot_start", "shoot_end", "delivery_date"]
    data = {name: getattr(p, name) for name in fields}
    data.update({name: blank(getattr(p, name)) for name in dates})
    return {**data, "version": p.version, **changes}


def person_form(person: Person, **changes: Any) -> dict[str, Any]:
    data = {
        name: blank(getattr(person, name))
        for name in ("name", "kind", "position", "email", "phone", "agent", "notes")
    }
    data["department"] = blank(person.department_id)
    data["daily_rate"] = blank(person.daily_rate)
    return {**data, "version": person.version, **changes}


def member_id(t, user) -> int:
    return Membership.objects.get(project=t.project, user=user).pk


# --- the page actions: where, what is posted, who may, and the proof ----------------------


@dataclass(frozen=True)
class Page:
    name: str
    allowed: frozenset[str]
    path: Callable[[Any], str]
    data: Callable[[Any], dict[str, Any]] | None = None  # None: a GET
    outcome: Callable[[Any, Any], None] | None = None  # (team, response), for POSTs

    def request(self, client: Any, t: Any) -> Any:
        if self.data is None:
            return client.get(self.path(t))
        return client.post(self.path(t), self.data(t))


def logline_saved(t, _):
    assert Project.objects.get(pk=t.project.pk).logline == "Shot on film."


def project_gone(t, response):
    assert response["Location"] == "/"
    assert not Project.objects.filter(code="PAGES").exists()


def episode_two_added(t, _):
    assert t.project.episodes.get(number=2).title == "Two"


def pilot_renamed(t, _):
    assert t.project.episodes.get(number=1).title == "Renamed"


def pilot_deleted(t, _):
    assert not t.project.episodes.exists()


def drones_added(t, _):
    assert t.project.departments.filter(code="DRONE").exists()


def sound_renamed(t, _):
    assert Department.objects.get(pk=t.sound.pk).name == "Audio"


def sound_deleted(t, _):
    assert not Department.objects.filter(pk=t.sound.pk).exists()


def focus_added_in_camera(t, response):
    focus = t.project.people.get(name="Focus Puller")
    assert focus.department_id == t.camera.pk
    assert response["Location"] == at(t, f"people/{focus.pk}/")


def mixer_added_in_sound(t, _):
    assert t.project.people.get(name="Mixer").department_id == t.sound.pk


def cam_op_edited(t, _):
    assert cam_op(t).position == "Operator"
    assert cam_op(t).daily_rate == Decimal("450.00")  # untouched by roles that cannot see it


def boom_op_edited(t, _):
    assert boom_op(t).position == "Boom"


def cam_op_deleted(t, _):
    assert not t.project.people.filter(name="Cam Op").exists()


def boom_op_deleted(t, _):
    assert not t.project.people.filter(name="Boom Op").exists()


def cam_op_unavailable_twice(t, _):
    assert cam_op(t).unavailable.count() == 2


def boom_op_unavailable_twice(t, _):
    assert boom_op(t).unavailable.count() == 2


def cam_op_available(t, _):
    assert not cam_op(t).unavailable.exists()


def export_started(t, response):
    job = Job.objects.get(project=t.project)
    assert response["Location"] == f"/jobs/{job.pk}/"


def invitation_sent(t, _):
    assert Invitation.objects.get(project=t.project).email == "new@example.com"
    assert len(mail.outbox) == 1


def crew_now_viewer(t, _):
    assert Membership.objects.get(project=t.project, user=t.crew).role == Role.VIEWER


def viewer_removed(t, _):
    assert not t.project.memberships.filter(user=t.viewer).exists()


PAGES = [
    Page("view project", EVERYONE, at),
    Page("open project edit", PRODUCERS, lambda t: at(t, "edit/")),
    Page(
        "edit project",
        PRODUCERS,
        lambda t: at(t, "edit/"),
        lambda t: project_form(t, logline="Shot on film."),
        logline_saved,
    ),
    Page(
        "delete project",
        ONLY_EP,
        lambda t: at(t, "delete/"),
        lambda t: {"confirm_code": "PAGES"},
        project_gone,
    ),
    Page("open new episode", PRODUCERS, lambda t: at(t, "episodes/new/")),
    Page(
        "add episode",
        PRODUCERS,
        lambda t: at(t, "episodes/new/"),
        lambda t: {"number": 2, "title": "Two"},
        episode_two_added,
    ),
    Page(
        "rename episode",
        PRODUCERS,
        lambda t: at(t, f"episodes/{t.project.episodes.get().pk}/"),
        lambda t: {"number": 1, "title": "Renamed", "version": 1},
        pilot_renamed,
    ),
    Page(
        "delete episode",
        PRODUCERS,
        lambda t: at(t, f"episodes/{t.project.episodes.get().pk}/delete/"),
        lambda t: {},
        pilot_deleted,
    ),
    Page("view departments", EVERYONE, lambda t: at(t, "departments/")),
    Page(
        "add department",
        PRODUCERS,
        lambda t: at(t, "departments/"),
        lambda t: {"code": "DRONE", "name": "Drones", "sort_order": 5},
        drones_added,
    ),
    Page("open department edit", PRODUCERS, lambda t: at(t, f"departments/{t.sound.pk}/")),
    Page(
        "rename department",
        PRODUCERS,
        lambda t: at(t, f"departments/{t.sound.pk}/"),
        lambda t: {"code": "SND", "name": "Audio", "sort_order": 70, "version": 1},
        sound_renamed,
    ),
    Page(
        "delete department",
        PRODUCERS,
        lambda t: at(t, f"departments/{t.sound.pk}/delete/"),
        lambda t: {},
        sound_deleted,
    ),
    Page("view people", EVERYONE, lambda t: at(t, "people/")),
    Page("view person", EVERYONE, lambda t: at(t, f"people/{cam_op(t).pk}/")),
    Page("open new person", MANAGERS, lambda t: at(t, "people/new/")),
    Page(
        "add person in Camera",
        MANAGERS,
        lambda t: at(t, "people/new/"),
        lambda t: {"name": "Focus Puller", "kind": "crew", "department": t.camera.pk},
        focus_added_in_camera,
    ),
    Page(
        "add person in Sound",
        PRODUCERS,
        lambda t: at(t, "people/new/"),
        lambda t: {"name": "Mixer", "kind": "crew", "department": t.sound.pk},
        mixer_added_in_sound,
    ),
    Page(
        "open edit of person in Camera", MANAGERS, lambda t: at(t, f"people/{cam_op(t).pk}/edit/")
    ),
    Page(
        "open edit of person in Sound", PRODUCERS, lambda t: at(t, f"people/{boom_op(t).pk}/edit/")
    ),
    Page(
        "edit person in Camera",
        MANAGERS,
        lambda t: at(t, f"people/{cam_op(t).pk}/edit/"),
        lambda t: person_form(cam_op(t), position="Operator"),
        cam_op_edited,
    ),
    Page(
        "edit person in Sound",
        PRODUCERS,
        lambda t: at(t, f"people/{boom_op(t).pk}/edit/"),
        lambda t: person_form(boom_op(t), position="Boom"),
        boom_op_edited,
    ),
    Page(
        "delete person in Camera",
        MANAGERS,
        lambda t: at(t, f"people/{cam_op(t).pk}/delete/"),
        lambda t: {},
        cam_op_deleted,
    ),
    Page(
        "delete person in Sound",
        PRODUCERS,
        lambda t: at(t, f"people/{boom_op(t).pk}/delete/"),
        lambda t: {},
        boom_op_deleted,
    ),
    Page(
        "add unavailability in Camera",
        MANAGERS,
        lambda t: at(t, f"people/{cam_op(t).pk}/"),
        lambda t: {"start": "2025-06-01", "end": "2025-06-02", "reason": "other job"},
        cam_op_unavailable_twice,
    ),
    Page(
        "add unavailability in Sound",
        PRODUCERS,
        lambda t: at(t, f"people/{boom_op(t).pk}/"),
        lambda t: {"start": "2025-06-01", "end": "2025-06-02", "reason": ""},
        boom_op_unavailable_twice,
    ),
    Page(
        "remove unavailability in Camera",
        MANAGERS,
        lambda t: at(
            t, f"people/{cam_op(t).pk}/unavailable/{cam_op(t).unavailable.get().pk}/delete/"
        ),
        lambda t: {},
        cam_op_available,
    ),
    Page(
        "export people",
        MANAGERS,
        lambda t: at(t, "people/export/"),
        lambda t: {},
        export_started,
    ),
    Page("view members", frozenset({EP, AP, DH, CREW}), lambda t: at(t, "members/")),
    Page(
        "invite member",
        ONLY_EP,
        lambda t: at(t, "members/"),
        lambda t: {"email": "new@example.com", "role": "crew"},
        invitation_sent,
    ),
    Page("open member edit", ONLY_EP, lambda t: at(t, f"members/{member_id(t, t.crew)}/")),
    Page(
        "change member role",
        ONLY_EP,
        lambda t: at(t, f"members/{member_id(t, t.crew)}/"),
        lambda t: {"role": "viewer", "version": 1},
        crew_now_viewer,
    ),
    Page(
        "remove member",
        ONLY_EP,
        lambda t: at(t, f"members/{member_id(t, t.viewer)}/remove/"),
        lambda t: {},
        viewer_removed,
    ),
]


def _cases(want_allowed: bool) -> list[Any]:
    return [
        pytest.param(page, role, id=f"{role} {'may' if want_allowed else 'may not'} {page.name}")
        for page in PAGES
        for role in MEMBERS
        if (role in page.allowed) is want_allowed
    ]


@pytest.mark.parametrize(("page", "role"), _cases(True))
def test_a_role_holding_the_capability_uses_the_page(client, team, page, role):
    client.force_login(getattr(team, role))
    response = page.request(client, team)
    if page.data is None:
        assert response.status_code == 200
        assert team.project.title in response.content.decode()
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        page.outcome(team, response)


@pytest.mark.parametrize(("page", "role"), _cases(False))
def test_a_member_lacking_the_capability_gets_403_and_nothing_changes(client, team, page, role):
    client.force_login(getattr(team, role))
    before = factories.database_state()
    response = page.request(client, team)
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()
    assert factories.database_state() == before
    assert mail.outbox == []


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name) for p in PAGES])
def test_an_outsider_gets_404_and_nothing_changes(client, team, page):
    client.force_login(team.outsider)
    before = factories.database_state()
    response = page.request(client, team)
    assert response.status_code == 404
    assert team.project.title not in response.content.decode()
    assert factories.database_state() == before


ANONYMOUS_PATHS = [
    "/",
    "/projects/new/",
    "/account/",
    "/jobs/",
]


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name) for p in PAGES])
def test_anonymous_visitors_are_sent_to_sign_in_and_nothing_changes(client, team, page):
    before = factories.database_state()
    path = page.path(team)
    response = page.request(client, team)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"
    assert factories.database_state() == before


@pytest.mark.parametrize("path", ANONYMOUS_PATHS)
def test_anonymous_visitors_are_sent_to_sign_in_from_every_other_page(client, db, path):
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (302, f"/login/?next={path}")


def test_the_sign_in_page_is_public(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()


# --- what each page shows to each role -----------------------------------------------------


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
def test_the_people_page_shows_contacts_and_rates_only_to_roles_allowed_them(
    client, team, role, sees_contacts, sees_rates
):
    client.force_login(getattr(team, role))
    for path in (at(team, "people/"), at(team, f"people/{cam_op(team).pk}/")):
        page = client.get(path).content.decode()
        assert "Cam Op" in page
        assert ("cam@example.com" in page) is sees_contacts
        assert ("555-0100" in page) is sees_contacts
        assert ("Tess at CAA" in page) is sees_contacts
        assert ("450.00" in page) is sees_rates


@pytest.mark.parametrize("role", [AP, DH])
def test_person_history_never_reveals_a_rate_to_roles_that_cannot_see_rates(client, team, role):
    person = cam_op(team)
    services.update_person(team.ep, team.project, person.pk, {"daily_rate": Decimal("975.00")})
    services.update_person(team.ep, team.project, person.pk, {"position": "Operator"})
    client.force_login(getattr(team, role))
    page = client.get(at(team, f"people/{person.pk}/")).content.decode()
    assert "History" in page and "Operator" in page
    assert "975.00" not in page and "450.00" not in page  # (not bare digits: CSRF tokens vary)


def test_person_history_shows_the_executive_producer_rate_changes(client, team):
    person = cam_op(team)
    services.update_person(team.ep, team.project, person.pk, {"daily_rate": Decimal("975.00")})
    client.force_login(team.ep)
    page = client.get(at(team, f"people/{person.pk}/")).content.decode()
    assert "450.00" in page and "975.00" in page


def test_viewers_and_crew_see_no_history(client, team):
    for user in (team.viewer, team.crew):
        client.force_login(user)
        assert "History" not in client.get(at(team)).content.decode()


def test_an_associate_producer_posting_a_rate_through_the_edit_page_changes_no_rate(client, team):
    client.force_login(team.ap)
    data = person_form(cam_op(team), position="Operator", daily_rate="1.00")
    response = client.post(at(team, f"people/{cam_op(team).pk}/edit/"), data)
    assert response.status_code == 302
    assert (cam_op(team).position, cam_op(team).daily_rate) == ("Operator", Decimal("450.00"))


def test_the_edit_form_offers_rate_and_contact_fields_only_to_roles_allowed_them(client, team):
    client.force_login(team.ep)
    page = client.get(at(team, f"people/{cam_op(team).pk}/edit/")).content.decode()
    assert 'name="daily_rate"' in page and 'name="email"' in page
    client.force_login(team.dh)
    page = client.get(at(team, f"people/{cam_op(team).pk}/edit/")).content.decode()
    assert 'name="daily_rate"' not in page and 'name="email"' in page


# --- bad input and concurrent edits through the pages --------------------------------------


def test_a_stale_edit_shows_who_changed_it_and_saves_nothing(client, team):
    client.force_login(team.ap)
    stale = project_form(team, logline="Mine")
    services.update_project(team.ep, team.project, {"logline": "Theirs"})
    response = client.post(at(team, "edit/"), stale)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert Project.objects.get(pk=team.project.pk).logline == "Theirs"


def test_key_dates_out_of_order_are_shown_on_the_form_and_nothing_is_saved(client, team):
    client.force_login(team.ep)
    data = project_form(team, shoot_start="2025-05-01", shoot_end="2025-04-01")
    response = client.post(at(team, "edit/"), data)
    assert response.status_code == 200
    assert "shoot_end (2025-04-01) is before shoot_start" in response.content.decode()
    assert Project.objects.get(pk=team.project.pk).shoot_start is None


def test_unavailability_ending_before_it_starts_is_shown_and_not_saved(client, team):
    client.force_login(team.ep)
    data = {"start": "2025-06-02", "end": "2025-06-01", "reason": ""}
    response = client.post(at(team, f"people/{cam_op(team).pk}/"), data)
    assert response.status_code == 200
    assert "end date is before the start date" in response.content.decode()
    assert cam_op(team).unavailable.count() == 1


def test_deleting_a_project_needs_its_code_typed(client, team):
    client.force_login(team.ep)
    response = client.post(at(team, "delete/"), {"confirm_code": "WRONG"})
    assert response["Location"] == at(team, "edit/")
    assert Project.objects.filter(pk=team.project.pk).exists()


def test_editing_an_episode_that_does_not_exist_is_404_and_creates_nothing(client, team):
    client.force_login(team.ep)
    path = at(team, "episodes/999999/")
    assert client.get(path).status_code == 404
    response = client.post(path, {"number": 7, "title": "Ghost"})
    assert response.status_code == 404
    assert not team.project.episodes.filter(number=7).exists()


def test_a_department_head_cannot_slip_a_person_into_sound_through_the_form(client, team):
    client.force_login(team.dh)
    data = person_form(cam_op(team), department=team.sound.pk)
    response = client.post(at(team, f"people/{cam_op(team).pk}/edit/"), data)
    assert response.status_code == 403
    assert cam_op(team).department_id == team.camera.pk


def test_following_a_delete_address_with_get_is_refused_and_deletes_nothing(client, team):
    client.force_login(team.ep)
    response = client.get(at(team, f"people/{cam_op(team).pk}/delete/"))
    assert response.status_code == 405
    assert team.project.people.filter(name="Cam Op").exists()


# --- portfolio, creating projects, invitations, tokens -------------------------------------


def test_the_portfolio_lists_only_my_projects(client, team):
    factories.project(factories.user("rival", producer=True), "RIVAL")
    client.force_login(team.crew)
    page = client.get("/").content.decode()
    assert 'data-project="PAGES"' in page
    assert "RIVAL" not in page


def test_a_producer_creates_a_project_through_the_page(client, team):
    client.force_login(team.ep)
    data = {"title": "Night Owl", "code": "NIGHTOWL", "kind": "feature", "phase": "development"}
    response = client.post("/projects/new/", {**data, "currency": "EUR"})
    project = Project.objects.get(code="NIGHTOWL")
    assert response["Location"] == f"/projects/{project.pk}/"
    assert project.departments.count() == 17


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_who_is_not_a_producer_cannot_create_projects_through_the_page(
    client, team, method
):
    client.force_login(team.crew)
    data = {"title": "Mine", "code": "MINE", "kind": "feature", "phase": "development"}
    response = getattr(client, method)("/projects/new/", {**data, "currency": "USD"})
    assert response.status_code == 403
    assert not Project.objects.filter(code="MINE").exists()


def _invite(team) -> str:
    link = accounts.invite_member(
        team.ep, team.project, "newbie@example.com", Role.CREW, at=timezone.now()
    ).link
    return link.split("/invitations/", 1)[1].rstrip("/")


def test_accepting_an_invitation_creates_the_account_and_signs_in(client, team):
    token = _invite(team)
    path = f"/invitations/{token}/"
    assert "newbie@example.com" in client.get(path).content.decode()
    data = {"full_name": "New Bie", "username": "newbie", "password": "tall-ladder-in-fog-42"}
    response = client.post(path, data)
    assert response["Location"] == at(team)
    assert client.get(at(team)).status_code == 200
    assert Membership.objects.get(user__username="newbie").role == Role.CREW


def test_a_weak_password_on_the_invitation_page_creates_nothing(client, team):
    token = _invite(team)
    data = {"full_name": "New Bie", "username": "newbie", "password": "password"}
    response = client.post(f"/invitations/{token}/", data)
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not Membership.objects.filter(user__username="newbie").exists()


def test_an_expired_invitation_page_is_404(client, team):
    token = _invite(team)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(f"/invitations/{token}/").status_code == 404


def test_the_account_page_shows_a_new_token_once_and_stores_its_digest(client, team):
    client.force_login(team.crew)
    response = client.post("/account/", {"name": "sync script"})
    plaintext = response.context["new_token"]
    assert plaintext.startswith("glt_") and plaintext in response.content.decode()
    assert plaintext not in client.get("/account/").content.decode()
    assert ApiToken.objects.get(user=team.crew).digest != plaintext
