"""Projects services: defaults, validation, concurrency, the audit trail and the portfolio."""

from datetime import date
from decimal import Decimal

import pytest

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Role
from greenlight.accounts.models import Membership
from greenlight.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from greenlight.projects import services
from greenlight.projects.defaults import DEFAULT_DEPARTMENTS, GAME_DEPARTMENTS
from greenlight.projects.models import Department, Episode, Person, Project, Unavailability
from greenlight.web.history import Change, history_of
from tests import factories


def _staff(team):
    services.create_person(
        team.ep,
        team.project,
        {"name": "Cam Op", "department": team.camera.pk, "email": "cam@example.com"},
    )
    services.create_episode(team.ep, team.project, {"number": 1, "title": "Pilot"})


team_once, team = factories.module_crew("PROJSVC", "series", setup=_staff)


def cam_op(team):
    return team.project.people.get(name="Cam Op")


# --- creating projects ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["feature", "series"])
def test_a_film_or_series_starts_with_the_seventeen_default_departments(db, kind):
    producer = factories.user("producer", producer=True)
    project = services.create_project(producer, {"title": "Dawn", "code": "DAWN", "kind": kind})
    departments = list(project.departments.values_list("code", "name"))
    assert len(departments) == 17
    assert departments == [(d.code, d.name) for d in DEFAULT_DEPARTMENTS]


def test_a_game_starts_with_studio_departments(db):
    producer = factories.user("producer", producer=True)
    project = services.create_project(producer, {"title": "Orbit", "code": "ORBIT", "kind": "game"})
    codes = list(project.departments.values_list("code", flat=True))
    assert codes == [d.code for d in GAME_DEPARTMENTS]
    assert "ENG" in codes and "CAM" not in codes


def test_the_creator_becomes_the_executive_producer(db):
    producer = factories.user("producer", producer=True)
    project = services.create_project(
        producer, {"title": "Dawn", "code": "DAWN", "kind": "feature"}
    )
    membership = Membership.objects.get(project=project)
    assert (membership.user, membership.role) == (producer, Role.EXECUTIVE_PRODUCER)


def test_someone_who_is_not_a_producer_cannot_create_a_project(team):
    with pytest.raises(NotAllowed, match="may not create projects"):
        services.create_project(team.crew, {"title": "Mine", "code": "MINE", "kind": "feature"})
    assert not Project.objects.filter(code="MINE").exists()


def test_a_duplicate_project_code_is_refused_and_nothing_is_created(team):
    before = Department.objects.count()
    with pytest.raises(InvalidInput) as caught:
        services.create_project(team.ep, {"title": "Again", "code": "PROJSVC", "kind": "feature"})
    assert "code" in caught.value.errors
    assert Project.objects.filter(code="PROJSVC").count() == 1
    assert Department.objects.count() == before


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"title": "", "code": "OK", "kind": "feature"}, "title"),
        ({"title": "T", "code": "lower", "kind": "feature"}, "code"),
        ({"title": "T", "code": "OK", "kind": "opera"}, "kind"),
        ({"title": "T", "code": "OK", "kind": "feature", "currency": "XYZ"}, "currency"),
        ({"title": "T", "code": "OK", "kind": "feature", "budget": 5}, "budget"),
    ],
)
def test_bad_project_fields_are_refused_naming_the_field(team, fields, where):
    with pytest.raises(InvalidInput) as caught:
        services.create_project(team.ep, fields)
    assert where in caught.value.errors
    assert not Project.objects.filter(code="OK").exists()


def test_key_dates_out_of_order_are_rejected_naming_both_dates(team):
    with pytest.raises(InvalidInput, match=r"shoot_end \(2025-03-01\) is before shoot_start"):
        services.create_project(
            team.ep,
            {
                "title": "Backwards",
                "code": "BACK",
                "kind": "feature",
                "shoot_start": date(2025, 4, 1),
                "shoot_end": date(2025, 3, 1),
            },
        )
    assert not Project.objects.filter(code="BACK").exists()


def test_key_dates_out_of_order_are_rejected_on_update_too(team):
    with pytest.raises(InvalidInput, match="delivery_date"):
        services.update_project(
            team.ep,
            team.project,
            {"shoot_start": date(2025, 6, 1), "delivery_date": date(2025, 5, 1)},
        )
    team.project.refresh_from_db()
    assert (team.project.shoot_start, team.project.version) == (None, 1)


# --- updating and concurrency --------------------------------------------------------------


def test_an_update_bumps_the_version(team):
    updated = services.update_project(team.ep, team.project, {"title": "Renamed"}, 1)
    assert (updated.title, updated.version) == ("Renamed", 2)


def test_a_stale_version_is_a_conflict_and_changes_nothing(team):
    services.update_project(team.ep, team.project, {"title": "First edit"}, 1)
    with pytest.raises(Conflict, match="changed by someone else"):
        services.update_project(team.ap, team.project, {"title": "Second edit"}, 1)
    team.project.refresh_from_db()
    assert (team.project.title, team.project.version) == ("First edit", 2)


def test_a_stale_person_version_is_a_conflict(team):
    person = cam_op(team)
    services.update_person(team.ep, team.project, person.pk, {"position": "1st AC"}, 1)
    with pytest.raises(Conflict):
        services.update_person(team.dh, team.project, person.pk, {"position": "Operator"}, 1)
    assert cam_op(team).position == "1st AC"


def test_fields_that_cannot_be_changed_are_refused(team):
    with pytest.raises(InvalidInput, match="cannot be changed"):
        services.update_project(team.ep, team.project, {"version": 9})
    with pytest.raises(InvalidInput, match="cannot be changed"):
        services.update_person(team.ep, team.project, cam_op(team).pk, {"project": 1})


def test_a_series_with_episodes_cannot_become_a_feature(team):
    with pytest.raises(InvalidInput, match="Remove the episodes"):
        services.update_project(team.ep, team.project, {"kind": "feature"})
    team.project.refresh_from_db()
    assert (team.project.kind, team.project.version) == ("series", 1)


# --- episodes, departments, people ---------------------------------------------------------


def test_only_a_series_has_episodes(db):
    feature = factories.crew("FEATURE")
    with pytest.raises(InvalidInput, match="not a series"):
        services.create_episode(feature.ep, feature.project, {"number": 1})
    assert not Episode.objects.filter(project=feature.project).exists()


def test_episode_numbers_are_unique_within_a_series(team):
    with pytest.raises(InvalidInput, match=r"duplicate|already exists"):
        services.create_episode(team.ep, team.project, {"number": 1, "title": "Again"})
    assert team.project.episodes.count() == 1


def test_department_codes_are_unique_within_a_project(team):
    with pytest.raises(InvalidInput):
        services.create_department(team.ep, team.project, {"code": "CAM", "name": "Camera 2"})
    assert team.project.departments.count() == 17


def test_deleting_a_department_keeps_its_people(team):
    # Camera is the department head's only department: give them Sound as well first.
    dh = team.project.memberships.get(user=team.dh)
    dh.departments.add(team.sound)
    services.delete_department(team.ep, team.project, team.camera.pk)
    person = cam_op(team)
    assert person.department is None
    assert not Department.objects.filter(pk=team.camera.pk).exists()


def test_deleting_the_only_department_of_a_scoped_member_is_refused(team):
    with pytest.raises(InvalidInput, match="only department of dh_"):
        services.delete_department(team.ep, team.project, team.camera.pk)
    assert Department.objects.filter(pk=team.camera.pk).exists()
    assert cam_op(team).department == team.camera


def test_a_person_cannot_be_put_in_another_projects_department(team):
    other = factories.project(team.ep, "ELSEWHERE")
    foreign = other.departments.get(code="CAM")
    with pytest.raises(InvalidInput, match="department"):
        services.create_person(team.ep, team.project, {"name": "Stray", "department": foreign.pk})
    with pytest.raises(InvalidInput, match="department"):
        services.update_person(team.ep, team.project, cam_op(team).pk, {"department": foreign})
    assert not Person.objects.filter(name="Stray").exists()
    assert cam_op(team).department == team.camera


def test_an_unknown_department_is_refused_naming_the_field(team):
    with pytest.raises(InvalidInput) as caught:
        services.create_person(team.ep, team.project, {"name": "Stray", "department": 999999})
    assert "department" in caught.value.errors
    with pytest.raises(InvalidInput):
        services.create_person(team.ep, team.project, {"name": "Stray", "department": "abc"})
    assert not Person.objects.filter(name="Stray").exists()


def test_a_bad_email_or_a_negative_rate_is_refused(team):
    with pytest.raises(InvalidInput) as caught:
        services.create_person(
            team.ep, team.project, {"name": "X", "email": "nope", "daily_rate": Decimal(-1)}
        )
    assert {"email", "daily_rate"} <= set(caught.value.errors)


def test_unavailability_ending_before_it_starts_is_refused(team):
    with pytest.raises(InvalidInput, match="end date is before the start date"):
        services.add_unavailability(
            team.ep, team.project, cam_op(team).pk, date(2025, 5, 2), date(2025, 5, 1)
        )
    assert not Unavailability.objects.exists()


def test_a_person_of_another_project_is_not_found_through_this_one(team):
    other = factories.crew("ELSEWHERE")
    stranger = services.create_person(other.ep, other.project, {"name": "Stranger"})
    with pytest.raises(NotFound):
        services.get_person(team.ep, team.project, stranger.pk)
    with pytest.raises(NotFound):
        services.delete_person(team.ep, team.project, stranger.pk)
    assert Person.objects.filter(pk=stranger.pk).exists()


def test_people_can_be_filtered_by_kind_and_searched(team):
    services.create_person(
        team.ep, team.project, {"name": "Maya", "kind": "cast", "position": "JUNE"}
    )
    assert [p.name for p in services.people(team.viewer, team.project, kind="cast")] == ["Maya"]
    assert [p.name for p in services.people(team.viewer, team.project, search="june")] == ["Maya"]
    assert len(services.people(team.viewer, team.project)) == 2


# --- audit history -------------------------------------------------------------------------


def _assert_trail(model, pk, actor, types=("+", "~", "-")):
    records = model.history.filter(id=pk).order_by("history_date", "history_id")
    assert [r.history_type for r in records] == list(types)
    assert all(r.history_user == actor for r in records)


def test_project_changes_are_recorded_with_the_acting_user(db):
    producer = factories.user("producer", producer=True)
    project = services.create_project(
        producer, {"title": "Dawn", "code": "DAWN", "kind": "feature"}
    )
    project = services.update_project(producer, project, {"title": "Dusk"})
    [latest, _] = history_of(project)
    assert (latest.who, latest.action) == ("producer", "changed")
    assert Change("title", "Dawn", "Dusk") in latest.changes
    project_id = project.pk
    services.delete_project(producer, project)
    _assert_trail(Project, project_id, producer)


def test_episode_changes_are_recorded_with_the_acting_user(team):
    episode = services.create_episode(team.ap, team.project, {"number": 2, "title": "Two"})
    services.update_episode(team.ap, team.project, episode.pk, {"title": "Second"})
    assert Change("title", "Two", "Second") in history_of(episode)[0].changes
    services.delete_episode(team.ap, team.project, episode.pk)
    _assert_trail(Episode, episode.pk, team.ap)


def test_department_changes_are_recorded_with_the_acting_user(team):
    department = services.create_department(
        team.ap, team.project, {"code": "DRONE", "name": "Drones"}
    )
    services.update_department(team.ap, team.project, department.pk, {"name": "Aerial"})
    assert Change("name", "Drones", "Aerial") in history_of(department)[0].changes
    services.delete_department(team.ap, team.project, department.pk)
    _assert_trail(Department, department.pk, team.ap)


def test_person_changes_are_recorded_with_the_acting_user(team):
    person = services.create_person(
        team.dh, team.project, {"name": "Focus Puller", "department": team.camera.pk}
    )
    services.update_person(team.dh, team.project, person.pk, {"phone": "+44 20 7946 0000"})
    [changed, created] = history_of(person)
    assert (changed.who, changed.action, created.action) == (team.dh.username, "changed", "created")
    assert changed.changes == [Change("phone", "—", "+44 20 7946 0000")]
    services.delete_person(team.dh, team.project, person.pk)
    _assert_trail(Person, person.pk, team.dh)


def test_history_shows_a_moved_person_by_department_name(team):
    person = cam_op(team)
    services.update_person(team.ep, team.project, person.pk, {"department": team.sound.pk})
    assert Change("department", "Camera", "Sound") in history_of(person)[0].changes


def test_unavailability_changes_are_recorded_with_the_acting_user(team):
    person = cam_op(team)
    entry = services.add_unavailability(
        team.dh, team.project, person.pk, date(2025, 5, 1), date(2025, 5, 3), "wedding"
    )
    services.remove_unavailability(team.dh, team.project, person.pk, entry.pk)
    _assert_trail(Unavailability, entry.pk, team.dh, types=("+", "-"))


def test_membership_changes_are_recorded_with_the_acting_user(team):
    membership = accounts.add_member(team.project, team.outsider, Role.CREW, actor=team.ep)
    accounts.change_member(team.ep, membership.pk, team.project, role=Role.VIEWER)
    assert Change("role", Role.CREW.value, Role.VIEWER.value) in history_of(membership)[0].changes
    accounts.change_member(team.ep, membership.pk, team.project, departments=[team.sound])
    shown = [c for entry in history_of(membership) for c in entry.changes]
    assert Change("departments", "—", "Sound") in shown
    accounts.remove_member(team.ep, membership.pk, team.project)
    records = list(
        Membership.history.filter(id=membership.pk).order_by("history_date", "history_id")
    )
    assert (records[0].history_type, records[-1].history_type) == ("+", "-")
    assert all(r.history_user == team.ep for r in records)


# --- portfolio -----------------------------------------------------------------------------


def test_the_portfolio_lists_only_the_users_projects_with_their_counts(team):
    services.create_person(team.ep, team.project, {"name": "Maya", "kind": "cast"})
    services.create_person(team.ep, team.project, {"name": "Theo", "kind": "cast"})
    services.create_episode(team.ep, team.project, {"number": 2})
    services.update_project(
        team.ep,
        team.project,
        {
            "prep_start": date(2025, 1, 6),
            "shoot_start": date(2025, 3, 3),
            "shoot_end": date(2025, 4, 25),
            "delivery_date": date(2025, 9, 1),
        },
    )
    factories.project(team.ep, "SECOND", "game")
    factories.project(factories.user("rival", producer=True), "RIVAL")

    rows = {r.code: r for r in services.portfolio(team.ep, date(2025, 3, 15))}
    assert set(rows) == {"PROJSVC", "SECOND"}
    row = rows["PROJSVC"]
    assert (row.team_size, row.people, row.cast, row.episodes, row.departments) == (5, 3, 2, 2, 17)
    assert (row.role, row.kind, row.title) == (Role.EXECUTIVE_PRODUCER, "series", "Projsvc")
    assert row.next_milestone == ("Wrap", date(2025, 4, 25))
    second = rows["SECOND"]
    assert (second.team_size, second.people, second.departments) == (1, 0, 12)
    assert second.next_milestone is None


def test_each_member_sees_their_own_role_in_the_portfolio(team):
    [row] = services.portfolio(team.crew, date(2025, 1, 1))
    assert (row.code, row.role, row.team_size) == ("PROJSVC", Role.CREW, 5)
    assert services.portfolio(team.outsider, date(2025, 1, 1)) == []


def test_the_next_milestone_is_the_first_key_date_on_or_after_today(team):
    services.update_project(
        team.ep, team.project, {"shoot_start": date(2025, 3, 3), "delivery_date": date(2025, 9, 1)}
    )
    [row] = services.portfolio(team.ep, date(2025, 3, 3))
    assert row.next_milestone == ("Shoot starts", date(2025, 3, 3))
    [row] = services.portfolio(team.ep, date(2025, 9, 2))
    assert row.next_milestone is None


def test_visible_projects_lists_each_project_once(team):
    accounts.change_member(
        team.ep,
        Membership.objects.get(project=team.project, user=team.dh).pk,
        team.project,
        departments=[team.camera, team.sound],
    )
    assert list(services.visible_projects(team.dh)) == [team.project]
    assert list(services.visible_projects(team.outsider)) == []
