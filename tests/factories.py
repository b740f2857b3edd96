"""Small builders for tests: users, a project with one member per role."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Role
from greenlight.projects import services as projects
from greenlight.projects.models import Department, Project


def user(username: str, *, producer: bool = False) -> Any:
    found = get_user_model().objects.filter(username=username).first()
    if found:
        return found
    return accounts.create_user(
        username, f"{username}@test.example", "correct-horse-battery-9", producer=producer
    )


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
