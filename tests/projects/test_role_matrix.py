"""Each role against each action that matters, through the services every front door calls.

The ACTIONS table is the product's promise: a role in ``allowed`` gets the outcome; any other
member is refused by the service (NotAllowed) with nothing changed; a non-member is told the
project does not exist (NotFound), also with nothing changed.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from openpyxl import load_workbook

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Capability, Role
from greenlight.accounts.models import Invitation, Membership
from greenlight.core.errors import NotAllowed, NotFound
from greenlight.projects import services
from greenlight.projects.models import Department, Episode, Person, Project, Unavailability
from tests import factories

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
EP, AP, DH, CREW, VIEWER = "ep", "ap", "dh", "crew", "viewer"
MEMBERS = (EP, AP, DH, CREW, VIEWER)
EVERYONE = frozenset(MEMBERS)
PRODUCERS = frozenset({EP, AP})
MANAGERS = frozenset({EP, AP, DH})  # department heads only inside Camera
ONLY_EP = frozenset({EP})


team_once, team = factories.module_crew("MATRIX", "series", setup=factories.staff)


def cam_op(t) -> Person:
    return t.project.people.get(name="Cam Op")


def boom_op(t) -> Person:
    return t.project.people.get(name="Boom Op")


def membership(t, user) -> Membership:
    return Membership.objects.get(project=t.project, user=user)


def recorded_by(model, pk) -> Any:
    record = model.history.filter(id=pk).order_by("-history_date", "-history_id").first()
    return record.history_user


# --- the actions: each performs one user action, then proves its outcome ------------------


def edit_project(t, u):
    return services.update_project(u, t.project, {"logline": "A new logline."})


def project_edited(t, u, _):
    project = Project.objects.get(pk=t.project.pk)
    assert (project.logline, project.version) == ("A new logline.", 2)
    assert recorded_by(Project, project.pk) == u


def delete_project(t, u):
    return services.delete_project(u, t.project)


def project_deleted(t, u, _):
    # delete() cleared t.project.pk; the code still names it.
    assert not Project.objects.filter(code="MATRIX").exists()
    assert not Person.objects.filter(name="Cam Op").exists()
    record = Project.history.filter(code="MATRIX").latest("history_date")
    assert (record.history_type, record.history_user) == ("-", u)


def add_episode(t, u):
    return services.create_episode(u, t.project, {"number": 2, "title": "Two"})


def episode_added(t, u, made):
    assert Episode.objects.get(pk=made.pk).title == "Two"
    assert recorded_by(Episode, made.pk) == u


def rename_episode(t, u):
    pilot = t.project.episodes.get(number=1)
    return services.update_episode(u, t.project, pilot.pk, {"title": "Renamed"})


def episode_renamed(t, u, _):
    assert t.project.episodes.get(number=1).title == "Renamed"


def delete_episode(t, u):
    return services.delete_episode(u, t.project, t.project.episodes.get(number=1).pk)


def episode_deleted(t, u, _):
    assert not t.project.episodes.exists()


def add_department(t, u):
    return services.create_department(u, t.project, {"code": "DRONE", "name": "Drones"})


def department_added(t, u, made):
    assert t.project.departments.get(code="DRONE") == made
    assert recorded_by(Department, made.pk) == u


def rename_department(t, u):
    return services.update_department(u, t.project, t.sound.pk, {"name": "Audio"})


def department_renamed(t, u, _):
    assert Department.objects.get(pk=t.sound.pk).name == "Audio"


def delete_department(t, u):
    return services.delete_department(u, t.project, t.sound.pk)


def department_deleted(t, u, _):
    assert not Department.objects.filter(pk=t.sound.pk).exists()
    assert boom_op(t).department is None


def invite_member(t, u):
    return accounts.invite_member(u, t.project, "new@example.com", Role.CREW, at=NOW)


def member_invited(t, u, _):
    assert Invitation.objects.get(project=t.project).email == "new@example.com"
    assert [m.to for m in mail.outbox] == [["new@example.com"]]


def invite_existing_user(t, u):
    return accounts.invite_member(u, t.project, t.outsider.email, Role.VIEWER, at=NOW)


def existing_user_added(t, u, _):
    assert membership(t, t.outsider).role == Role.VIEWER


def change_member_role(t, u):
    return accounts.change_member(u, membership(t, t.crew).pk, t.project, role=Role.VIEWER)


def member_role_changed(t, u, _):
    assert membership(t, t.crew).role == Role.VIEWER
    assert recorded_by(Membership, membership(t, t.crew).pk) == u


def remove_member(t, u):
    return accounts.remove_member(u, membership(t, t.viewer).pk, t.project)


def member_removed(t, u, _):
    assert not t.project.memberships.filter(user=t.viewer).exists()


def add_person_in_camera(t, u):
    return services.create_person(u, t.project, {"name": "Focus", "department": t.camera.pk})


def add_person_in_sound(t, u):
    return services.create_person(u, t.project, {"name": "Mixer", "department": t.sound.pk})


def add_person_without_department(t, u):
    return services.create_person(u, t.project, {"name": "Runner"})


def add_person_with_daily_rate(t, u):
    return services.create_person(
        u, t.project, {"name": "Grip", "department": t.camera.pk, "daily_rate": Decimal(250)}
    )


def person_added(t, u, made):
    assert Person.objects.get(pk=made.pk).project_id == t.project.pk
    assert recorded_by(Person, made.pk) == u


def edit_person_in_camera(t, u):
    return services.update_person(u, t.project, cam_op(t).pk, {"position": "Operator"})


def camera_person_edited(t, u, _):
    assert cam_op(t).position == "Operator"
    assert recorded_by(Person, cam_op(t).pk) == u


def edit_person_in_sound(t, u):
    return services.update_person(u, t.project, boom_op(t).pk, {"position": "Boom"})


def sound_person_edited(t, u, _):
    assert boom_op(t).position == "Boom"


def move_person_to_sound(t, u):
    return services.update_person(u, t.project, cam_op(t).pk, {"department": t.sound.pk})


def person_moved(t, u, _):
    assert cam_op(t).department_id == t.sound.pk


def delete_person_in_camera(t, u):
    return services.delete_person(u, t.project, cam_op(t).pk)


def camera_person_deleted(t, u, _):
    assert not t.project.people.filter(name="Cam Op").exists()


def delete_person_in_sound(t, u):
    return services.delete_person(u, t.project, boom_op(t).pk)


def sound_person_deleted(t, u, _):
    assert not t.project.people.filter(name="Boom Op").exists()


def add_unavailability_in_camera(t, u):
    return services.add_unavailability(
        u, t.project, cam_op(t).pk, date(2025, 6, 1), date(2025, 6, 2), "reshoot elsewhere"
    )


def camera_unavailability_added(t, u, made):
    assert cam_op(t).unavailable.count() == 2
    assert recorded_by(Unavailability, made.pk) == u


def add_unavailability_in_sound(t, u):
    return services.add_unavailability(
        u, t.project, boom_op(t).pk, date(2025, 6, 1), date(2025, 6, 2)
    )


def sound_unavailability_added(t, u, _):
    assert boom_op(t).unavailable.count() == 2


def remove_unavailability_in_camera(t, u):
    person = cam_op(t)
    return services.remove_unavailability(u, t.project, person.pk, person.unavailable.get().pk)


def camera_unavailability_removed(t, u, _):
    assert not cam_op(t).unavailable.exists()


def set_daily_rate(t, u):
    return services.update_person(u, t.project, cam_op(t).pk, {"daily_rate": Decimal(500)})


def daily_rate_set(t, u, _):
    assert cam_op(t).daily_rate == Decimal("500.00")


def clear_daily_rate(t, u):
    return services.update_person(u, t.project, cam_op(t).pk, {"daily_rate": None})


def daily_rate_cleared(t, u, _):
    assert cam_op(t).daily_rate is None


def export_people(t, u):
    return services.export_people(u, t.project)


def people_exported(t, u, result):
    name, data = result
    assert name == "matrix-people.xlsx"
    rows = list(load_workbook(io.BytesIO(data)).active.values)
    assert {row[0] for row in rows[1:]} == {"Cam Op", "Boom Op"}


def list_people(t, u):
    return list(services.people(u, t.project))


def people_listed(t, u, found):
    assert {p.name for p in found} == {"Cam Op", "Boom Op"}


def view_person(t, u):
    return services.get_person(u, t.project, cam_op(t).pk)


def person_seen(t, u, found):
    assert found.name == "Cam Op"


def view_members(t, u):
    return services.get_project(u, t.project.pk, Capability.VIEW_MEMBERS)


def view_project(t, u):
    return services.get_project(u, t.project.pk)


def project_seen(t, u, found):
    assert found == t.project


@dataclass(frozen=True)
class Action:
    name: str
    allowed: frozenset[str]
    run: Callable[[Any, Any], Any]
    outcome: Callable[[Any, Any, Any], None]


ACTIONS = [
    Action("edit project", PRODUCERS, edit_project, project_edited),
    Action("delete project", ONLY_EP, delete_project, project_deleted),
    Action("add episode", PRODUCERS, add_episode, episode_added),
    Action("rename episode", PRODUCERS, rename_episode, episode_renamed),
    Action("delete episode", PRODUCERS, delete_episode, episode_deleted),
    Action("add department", PRODUCERS, add_department, department_added),
    Action("rename department", PRODUCERS, rename_department, department_renamed),
    Action("delete department", PRODUCERS, delete_department, department_deleted),
    Action("invite member by email", ONLY_EP, invite_member, member_invited),
    Action("invite existing user", ONLY_EP, invite_existing_user, existing_user_added),
    Action("change member role", ONLY_EP, change_member_role, member_role_changed),
    Action("remove member", ONLY_EP, remove_member, member_removed),
    Action("add person in Camera", MANAGERS, add_person_in_camera, person_added),
    Action("add person in Sound", PRODUCERS, add_person_in_sound, person_added),
    Action("add person without department", PRODUCERS, add_person_without_department, person_added),
    Action("edit person in Camera", MANAGERS, edit_person_in_camera, camera_person_edited),
    Action("edit person in Sound", PRODUCERS, edit_person_in_sound, sound_person_edited),
    Action("move person from Camera to Sound", PRODUCERS, move_person_to_sound, person_moved),
    Action("delete person in Camera", MANAGERS, delete_person_in_camera, camera_person_deleted),
    Action("delete person in Sound", PRODUCERS, delete_person_in_sound, sound_person_deleted),
    Action(
        "add unavailability in Camera",
        MANAGERS,
        add_unavailability_in_camera,
        camera_unavailability_added,
    ),
    Action(
        "add unavailability in Sound",
        PRODUCERS,
        add_unavailability_in_sound,
        sound_unavailability_added,
    ),
    Action(
        "remove unavailability in Camera",
        MANAGERS,
        remove_unavailability_in_camera,
        camera_unavailability_removed,
    ),
    # Rates are cost figures: EDIT_BUDGET, whatever the department.
    Action("set daily rate", ONLY_EP, set_daily_rate, daily_rate_set),
    Action("clear daily rate", ONLY_EP, clear_daily_rate, daily_rate_cleared),
    Action("add person with daily rate", ONLY_EP, add_person_with_daily_rate, person_added),
    Action("export people", MANAGERS, export_people, people_exported),
    Action("list people", EVERYONE, list_people, people_listed),
    Action("view person", EVERYONE, view_person, person_seen),
    Action("view members", frozenset({EP, AP, DH, CREW}), view_members, project_seen),
    Action("view project", EVERYONE, view_project, project_seen),
]

PERMITTED = [
    pytest.param(a, role, id=f"{role} may {a.name}")
    for a in ACTIONS
    for role in MEMBERS
    if role in a.allowed
]
REFUSED = [
    pytest.param(a, role, id=f"{role} may not {a.name}")
    for a in ACTIONS
    for role in MEMBERS
    if role not in a.allowed
]


@pytest.mark.parametrize(("action", "role"), PERMITTED)
def test_a_role_holding_the_capability_gets_the_outcome(team, action, role):
    user = getattr(team, role)
    action.outcome(team, user, action.run(team, user))


@pytest.mark.parametrize(("action", "role"), REFUSED)
def test_a_member_lacking_the_capability_is_refused_and_nothing_changes(team, action, role):
    before = factories.database_state()
    with pytest.raises(NotAllowed):
        action.run(team, getattr(team, role))
    assert factories.database_state() == before
    assert mail.outbox == []


@pytest.mark.parametrize("action", [pytest.param(a, id=a.name) for a in ACTIONS])
def test_an_outsider_is_told_the_project_does_not_exist_and_nothing_changes(team, action):
    before = factories.database_state()
    with pytest.raises(NotFound, match="No such project, or you are not a member"):
        action.run(team, team.outsider)
    assert factories.database_state() == before
    assert mail.outbox == []


# --- what each role may read about a person ------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees_contacts", "sees_rate"),
    [
        (EP, True, True),
        (AP, True, False),
        (DH, True, False),
        (CREW, True, False),
        (VIEWER, False, False),
    ],
)
def test_person_view_hides_contacts_and_rates_from_roles_without_them(
    team, role, sees_contacts, sees_rate
):
    seen = services.person_view(getattr(team, role), team.project, cam_op(team))
    assert (seen["name"], seen["position"], seen["department"]) == ("Cam Op", "", team.camera)
    contacts = (seen["email"], seen["phone"], seen["agent"])
    assert contacts == (
        ("cam@example.com", "555-0100", "Tess at CAA") if sees_contacts else (None, None, None)
    )
    assert seen["daily_rate"] == (Decimal("450.00") if sees_rate else None)


@pytest.mark.parametrize(
    ("role", "contacts", "rates"), [(EP, True, True), (AP, True, False), (DH, True, False)]
)
def test_the_export_has_contact_and_rate_columns_only_for_roles_that_see_them(
    team, role, contacts, rates
):
    _, data = services.export_people(getattr(team, role), team.project)
    header, *rows = load_workbook(io.BytesIO(data)).active.values
    assert ("Email" in header) is contacts
    assert ("Daily rate (USD)" in header) is rates
    cells = {str(cell) for row in rows for cell in row}
    assert ("cam@example.com" in cells) is contacts
    assert ("450" in cells or "450.00" in cells) is rates


def test_an_outsider_learns_nothing_about_the_project_even_from_bad_input(team):
    day = date(2025, 6, 1)
    attempts = [
        lambda u: services.create_person(u, team.project, {"name": "X", "department": 999999}),
        lambda u: services.update_person(u, team.project, 999999, {"name": "X"}),
        lambda u: services.delete_person(u, team.project, 999999),
        lambda u: services.add_unavailability(u, team.project, 999999, day, day),
        lambda u: services.remove_unavailability(u, team.project, cam_op(team).pk, 999999),
        lambda u: services.update_episode(u, team.project, 999999, {"title": "X"}),
        lambda u: services.delete_department(u, team.project, 999999),
        lambda u: accounts.remove_member(u, 999999, team.project),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound) as caught:
            attempt(team.outsider)
        assert str(caught.value) == "No such project, or you are not a member of it."
