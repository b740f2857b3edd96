"""Small builders for tests: users, a project with one member per role."""

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import connection, transaction

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Role
from greenlight.accounts.models import Invitation, Membership
from greenlight.projects import services as projects
from greenlight.projects.models import Department, Episode, Person, Project, Unavailability

PASSWORD = "correct-horse-battery-9"


@functools.cache
def _password_hash() -> str:
    # Argon2 is slow on purpose (about 0.2 s a hash); hash the shared password once per run.
    return make_password(PASSWORD)


def user(username: str, *, producer: bool = False) -> Any:
    """A user whose password is PASSWORD (Argon2-hashed); ``producer`` may create projects."""
    found = get_user_model().objects.filter(username=username).first()
    if found:
        return found
    made = get_user_model().objects.create(
        username=username, email=f"{username}@test.example", password=_password_hash()
    )
    if producer:
        made.user_permissions.add(
            Permission.objects.get(content_type__app_label="projects", codename="add_project")
        )
    return made


def project(owner: Any, code: str = "TESTPROJ", kind: str = "feature", **extra: Any) -> Project:
    fields = {"title": code.title(), "code": code, "kind": kind, **extra}
    return projects.create_project(owner, fields)


@dataclass
class Crew:
    """A project with one member per role; the department head runs Camera."""

    project: Project
    camera: Department
    sound: Department
    ep: Any
    ap: Any
    dh: Any
    crew: Any
    viewer: Any
    outsider: Any

    def by_role(self, role: Role) -> Any:
        return {
            Role.EXECUTIVE_PRODUCER: self.ep,
            Role.ASSOCIATE_PRODUCER: self.ap,
            Role.DEPARTMENT_HEAD: self.dh,
            Role.CREW: self.crew,
            Role.VIEWER: self.viewer,
        }[role]


def crew(code: str = "TESTPROJ", kind: str = "feature") -> Crew:
    ep = user(f"ep_{code.lower()}", producer=True)
    p = project(ep, code, kind)
    camera = p.departments.get(code="CAM") if kind != "game" else p.departments.get(code="ART")
    sound = p.departments.get(code="SND") if kind != "game" else p.departments.get(code="AUDIO")
    members = {}
    for role, name in [
        (Role.ASSOCIATE_PRODUCER, "ap"),
        (Role.DEPARTMENT_HEAD, "dh"),
        (Role.CREW, "crew"),
        (Role.VIEWER, "viewer"),
    ]:
        members[name] = user(f"{name}_{code.lower()}")
        scope = [camera] if role == Role.DEPARTMENT_HEAD else []
        accounts.add_member(p, members[name], role, scope, actor=ep)
    outsider = user(f"outsider_{code.lower()}")
    return Crew(
        p,
        camera,
        sound,
        ep,
        members["ap"],
        members["dh"],
        members["crew"],
        members["viewer"],
        outsider,
    )


def reloaded(built: Crew) -> Crew:
    """Fresh instances of a crew built earlier: no cached grants, no stale fields."""
    users = get_user_model().objects.in_bulk(
        [built.ep.pk, built.ap.pk, built.dh.pk, built.crew.pk, built.viewer.pk, built.outsider.pk]
    )
    departments = Department.objects.in_bulk([built.camera.pk, built.sound.pk])
    return Crew(
        Project.objects.get(pk=built.project.pk),
        departments[built.camera.pk],
        departments[built.sound.pk],
        *(users[u.pk] for u in (built.ep, built.ap, built.dh, built.crew, built.viewer)),
        users[built.outsider.pk],
    )


def module_crew(
    code: str = "TESTPROJ", kind: str = "feature", setup: Callable[[Crew], None] | None = None
) -> tuple[Any, Any]:
    """Fixtures ``team_once`` and ``team``: a crew built once per test module, not per test.

    Django's ``setUpTestData`` pattern: the crew (and whatever ``setup`` adds) is written inside
    a transaction held open around the module; each test runs in a savepoint that is rolled
    back, and gets freshly loaded instances. Use it as ``team_once, team = module_crew(...)``
    in a module whose tests are not transactional.
    """

    @pytest.fixture(scope="module", name="team_once")
    def team_once(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Crew]:
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                built = crew(code, kind)
                if setup is not None:
                    setup(built)
            except BaseException:
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
                raise
        yield built
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    @pytest.fixture(name="team")
    def team(db: Any, team_once: Crew) -> Crew:
        return reloaded(team_once)

    return team_once, team


_STATE_MODELS = (Project, Episode, Department, Person, Unavailability, Membership, Invitation)


@functools.cache
def _state_queries() -> tuple[str, ...]:
    """One SELECT per table, and one counting every history table (names from model meta)."""
    quote = connection.ops.quote_name
    tables = [m._meta.db_table for m in _STATE_MODELS]
    tables.append(Membership.departments.through._meta.db_table)
    # simple_history's ``Model.history`` descriptor is slow to reach; look the tables up once.
    history = [m.history.model._meta.db_table for m in _STATE_MODELS if hasattr(m, "history")]
    # Table names come from model meta, never from input.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in history)  # noqa: S608
    rows = [f"SELECT * FROM {quote(t)} ORDER BY 1" for t in tables]  # noqa: S608
    return (*rows, f"SELECT {counts}")


def database_state() -> list[list[tuple[Any, ...]]]:
    """Every projects and accounts row, and how many history records each model has, to show
    an action changed nothing. Raw SQL: it runs twice in hundreds of tests."""
    with connection.cursor() as cursor:
        state = []
        for query in _state_queries():
            cursor.execute(query)
            state.append(cursor.fetchall())
    return state


def staff(team: Crew) -> None:
    """Give a crew's project people: Cam Op in Camera and Boom Op in Sound, each with a daily
    rate and one unavailable range; Cam Op has contacts. A series also gets episode 1."""
    cam = projects.create_person(
        team.ep,
        team.project,
        {
            "name": "Cam Op",
            "department": team.camera.pk,
            "email": "cam@example.com",
            "phone": "555-0100",
            "agent": "Tess at CAA",
            "daily_rate": Decimal("450.00"),
        },
    )
    boom = projects.create_person(
        team.ep,
        team.project,
        {"name": "Boom Op", "department": team.sound.pk, "daily_rate": Decimal("300.00")},
    )
    for person in (cam, boom):
        projects.add_unavailability(
            team.ep, team.project, person.pk, date(2025, 5, 1), date(2025, 5, 3), "wedding"
        )
    if team.project.is_series:
        projects.create_episode(team.ep, team.project, {"number": 1, "title": "Pilot"})


@pytest.fixture(autouse=False)
def lazy_static_files(settings: Any) -> None:
    """Let WhiteNoise look static files up when asked, as in development.

    pytest-django turns DEBUG off, so every new test client's WhiteNoise would otherwise index
    each static file (admin's included) up front: about 55 ms per test that makes requests.
    Import it as an autouse fixture in modules that use the test client.
    """
    settings.WHITENOISE_AUTOREFRESH = True
