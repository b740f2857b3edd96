"""The demo production company: five users, three projects, cast and crew. Idempotent."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from greenlight import demo_production
from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Role
from greenlight.projects import services as projects
from greenlight.projects.models import Project

DEMO_PASSWORD = "greenlight-demo"  # noqa: S105 - printed for the demo; never used outside it


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: Role
    producer: bool = False


USERS = (
    DemoUser("ep", "Evelyn Park", Role.EXECUTIVE_PRODUCER, producer=True),
    DemoUser("ap", "Adam Price", Role.ASSOCIATE_PRODUCER),
    DemoUser("dh", "Dana Hill", Role.DEPARTMENT_HEAD),
    DemoUser("crew", "Chris Ruiz", Role.CREW),
    DemoUser("viewer", "Vera Finch", Role.VIEWER),
)

PROJECTS: tuple[dict[str, Any], ...] = (
    {
        "title": "Night Owl",
        "code": "NIGHTOWL",
        "kind": "feature",
        "phase": "pre_production",
        "logline": (
            "A night-shift radio host realises her callers are describing crimes "
            "before they happen."
        ),
        "currency": "USD",
        "prep_start": date(2027, 1, 11),
        "shoot_start": date(2027, 3, 1),
        "shoot_end": date(2027, 4, 16),
        "delivery_date": date(2027, 11, 30),
    },
    {
        "title": "Harbour Lights",
        "code": "HARBOUR",
        "kind": "series",
        "phase": "production",
        "logline": "Six hours in a fishing town where every family keeps one secret from the sea.",
        "currency": "GBP",
        "prep_start": date(2026, 8, 3),
        "shoot_start": date(2026, 10, 5),
        "shoot_end": date(2027, 1, 29),
        "delivery_date": date(2027, 6, 1),
    },
    {
        "title": "Starfall Tactics",
        "code": "STARFALL",
        "kind": "game",
        "phase": "development",
        "logline": "Turn-based tactics across a collapsing star system.",
        "currency": "EUR",
        "prep_start": date(2027, 2, 1),
        "delivery_date": date(2028, 10, 1),
    },
)

# (name, kind, position, department code, email, phone, agent, daily rate, unavailable spans)
NIGHT_OWL_PEOPLE: tuple[tuple[Any, ...], ...] = (
    (
        "Maya Okafor",
        "cast",
        "JUNE (radio host)",
        "CAST",
        "maya@example.com",
        "+1 555 0101",
        "Harlow Talent – ben@harlow.example",
        "4500.00",
        [(date(2027, 3, 15), date(2027, 3, 19))],
    ),
    (
        "Tom Brandt",
        "cast",
        "REYES (detective)",
        "CAST",
        "tom@example.com",
        "+1 555 0102",
        "Vantage Artists",
        "3200.00",
        [(date(2027, 4, 5), date(2027, 4, 6))],
    ),
    ("Lila Chen", "cast", "CALLER #3", "CAST", "lila@example.com", "+1 555 0103", "", "900.00", []),
    (
        "Omar Haddad",
        "cast",
        "MARCUS (station manager)",
        "CAST",
        "omar@example.com",
        "+1 555 0104",
        "Vantage Artists",
        "1800.00",
        [],
    ),
    (
        "Priya Nair",
        "crew",
        "Director of photography",
        "CAM",
        "priya@example.com",
        "+1 555 0201",
        "",
        "1400.00",
        [(date(2027, 2, 20), date(2027, 2, 22))],
    ),
    ("Sam Kowalski", "crew", "1st AC", "CAM", "sam@example.com", "+1 555 0202", "", "650.00", []),
    (
        "Rosa Alvarez",
        "crew",
        "Production designer",
        "ART",
        "rosa@example.com",
        "+1 555 0301",
        "",
        "1100.00",
        [],
    ),
    ("Ken Ito", "crew", "Sound mixer", "SND", "ken@example.com", "+1 555 0401", "", "750.00", []),
    (
        "Ada Moss",
        "crew",
        "Costume designer",
        "WARD",
        "ada@example.com",
        "+1 555 0501",
        "",
        "800.00",
        [],
    ),
    (
        "Jon Reed",
        "crew",
        "Location manager",
        "LOC",
        "jon@example.com",
        "+1 555 0601",
        "",
        "600.00",
        [],
    ),
)


@dataclass(frozen=True)
class DemoResult:
    users: list[DemoUser]
    notes: list[str]  # lines to print, such as the secret calendar feed URLs made this time


def load(progress: Callable[[str], None] | None = None) -> DemoResult:
    """Create the demo data that is missing; running it again changes nothing."""
    report = progress or (lambda _step: None)
    notes: list[str] = []
    with transaction.atomic():
        users = {u.username: _user(u) for u in USERS}
        report("users")
        ep = users["ep"]
        for spec in PROJECTS:
            project = Project.objects.filter(code=spec["code"]).first()
            if project is None:
                project = projects.create_project(ep, spec)
                _populate(ep, project, users)
                if project.code == "NIGHTOWL":
                    notes += demo_production.populate(ep, users["ap"], project)
            report(spec["title"])
    return DemoResult(list(USERS), notes)


def _user(spec: DemoUser) -> Any:
    existing = get_user_model().objects.filter(username=spec.username).first()
    if existing is not None:
        return existing
    return accounts.create_user(
        spec.username,
        spec.full_name.lower().replace(" ", ".") + "@demo.example",
        DEMO_PASSWORD,
        producer=spec.producer,
        full_name=spec.full_name,
    )


def _populate(ep: Any, project: Project, users: dict[str, Any]) -> None:
    departments = {d.code: d for d in project.departments.all()}
    for spec in USERS[1:]:
        scope = (
            [departments["CAM"]]
            if spec.role == Role.DEPARTMENT_HEAD and "CAM" in departments
            else []
        )
        if spec.role == Role.DEPARTMENT_HEAD and not scope:
            continue
        accounts.add_member(project, users[spec.username], spec.role, scope, actor=ep)
    if project.code == "NIGHTOWL":
        _people(ep, project, departments, NIGHT_OWL_PEOPLE)
    if project.code == "HARBOUR":
        titles = ["The Long Tide", "Salt", "Nets", "Lantern", "Undertow", "High Water"]
        for number, title in enumerate(titles, start=1):
            projects.create_episode(ep, project, {"number": number, "title": title})
        harbour_people: tuple[tuple[Any, ...], ...] = tuple(
            (name, kind, position, dept, email, phone, agent, rate, [])
            for name, kind, position, dept, email, phone, agent, rate, _ in NIGHT_OWL_PEOPLE[:6]
        )
        _people(ep, project, departments, harbour_people)


def _people(
    ep: Any, project: Project, departments: dict[str, Any], rows: tuple[tuple[Any, ...], ...]
) -> None:
    for name, kind, position, dept, email, phone, agent, rate, spans in rows:
        person = projects.create_person(
            ep,
            project,
            {
                "name": name,
                "kind": kind,
                "position": position,
                "department": departments[dept].pk if dept in departments else None,
                "email": email,
                "phone": phone,
                "agent": agent,
                "daily_rate": Decimal(rate),
            },
        )
        for start, end in spans:
            projects.add_unavailability(ep, project, person.pk, start, end, "Prior commitment")
