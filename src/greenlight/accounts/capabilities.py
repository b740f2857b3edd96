"""The permission matrix: which project role may do what. Pure; the one source of truth.

Services call :func:`permits` on every write and on every read of sensitive data. Pages and
the API only *hide* what a role cannot use; the service is what refuses.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    EXECUTIVE_PRODUCER = "executive_producer"
    ASSOCIATE_PRODUCER = "associate_producer"
    DEPARTMENT_HEAD = "department_head"
    CREW = "crew"
    VIEWER = "viewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.EXECUTIVE_PRODUCER: "Executive producer",
    Role.ASSOCIATE_PRODUCER: "Associate producer",
    Role.DEPARTMENT_HEAD: "Department head",
    Role.CREW: "Crew",
    Role.VIEWER: "Viewer (read-only)",
}


class Capability(StrEnum):
    VIEW_PROJECT = "view_project"
    EDIT_PROJECT = "edit_project"
    DELETE_PROJECT = "delete_project"
    MANAGE_EPISODES = "manage_episodes"
    MANAGE_DEPARTMENTS = "manage_departments"
    MANAGE_MEMBERS = "manage_members"
    VIEW_MEMBERS = "view_members"
    VIEW_PEOPLE = "view_people"
    VIEW_CONTACTS = "view_contacts"
    MANAGE_PEOPLE = "manage_people"
    EXPORT_PEOPLE = "export_people"
    VIEW_HISTORY = "view_history"
    VIEW_BUDGET = "view_budget"
    EDIT_BUDGET = "edit_budget"
    APPROVE_BUDGET = "approve_budget"
    VIEW_SCHEDULE = "view_schedule"
    EDIT_SCHEDULE = "edit_schedule"
    EDIT_SCRIPT = "edit_script"
    VIEW_MARKET_TESTS = "view_market_tests"
    MANAGE_DEALS = "manage_deals"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


EP = Role.EXECUTIVE_PRODUCER
AP = Role.ASSOCIATE_PRODUCER
DH = Role.DEPARTMENT_HEAD
CREW = Role.CREW
VIEWER = Role.VIEWER
ALL_ROLES = frozenset(Role)

# The matrix. Read across a row: who holds the capability.
MATRIX: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_PROJECT: ALL_ROLES,
    Capability.EDIT_PROJECT: frozenset({EP, AP}),
    Capability.DELETE_PROJECT: frozenset({EP}),
    Capability.MANAGE_EPISODES: frozenset({EP, AP}),
    Capability.MANAGE_DEPARTMENTS: frozenset({EP, AP}),
    Capability.MANAGE_MEMBERS: frozenset({EP}),
    Capability.VIEW_MEMBERS: frozenset({EP, AP, DH, CREW}),
    Capability.VIEW_PEOPLE: ALL_ROLES,
    Capability.VIEW_CONTACTS: frozenset({EP, AP, DH, CREW}),
    Capability.MANAGE_PEOPLE: frozenset({EP, AP, DH}),
    Capability.EXPORT_PEOPLE: frozenset({EP, AP, DH}),
    Capability.VIEW_HISTORY: frozenset({EP, AP, DH}),
    # The money belongs to the executive producer: cost figures (budgets, rates) are hidden
    # from everyone else, associate producers included, unless a later grant delegates them.
    Capability.VIEW_BUDGET: frozenset({EP}),
    Capability.EDIT_BUDGET: frozenset({EP}),
    Capability.APPROVE_BUDGET: frozenset({EP}),
    Capability.VIEW_SCHEDULE: ALL_ROLES,
    Capability.EDIT_SCHEDULE: frozenset({EP, AP}),
    Capability.EDIT_SCRIPT: frozenset({EP, AP}),
    Capability.VIEW_MARKET_TESTS: frozenset({EP}),
    # Hiring: associate producers draft crew and cast deal memos (and so see those rates);
    # a deal above the project's threshold waits for the executive producer (approve_budget).
    Capability.MANAGE_DEALS: frozenset({EP, AP}),
}

# Capabilities that a department-scoped member holds only inside their own departments.
DEPARTMENT_SCOPED = frozenset({Capability.MANAGE_PEOPLE})
# Roles that always work within departments; an associate producer is project-wide unless
# the executive producer assigns them departments.
ALWAYS_SCOPED = frozenset({DH})


@dataclass(frozen=True)
class Grant:
    """A member's standing on one project: their role and, if scoped, their departments."""

    role: Role
    departments: frozenset[int] = field(default_factory=frozenset)

    @property
    def scoped(self) -> bool:
        return self.role in ALWAYS_SCOPED or bool(self.departments)


def permits(grant: Grant | None, capability: Capability, department: int | None = None) -> bool:
    """Whether ``grant`` allows ``capability``, for ``department`` when that matters.

    For a department-scoped capability, a scoped member is allowed only for a department of
    theirs; an object with no department is outside every scope.
    """
    if grant is None or grant.role not in MATRIX[capability]:
        return False
    if capability in DEPARTMENT_SCOPED and grant.scoped:
        return department is not None and department in grant.departments
    return True


def capabilities_of(grant: Grant | None) -> frozenset[Capability]:
    """Every capability the grant holds somewhere on the project (for hiding UI)."""
    if grant is None:
        return frozenset()
    held = {c for c, roles in MATRIX.items() if grant.role in roles}
    if grant.role in ALWAYS_SCOPED and not grant.departments:
        held -= DEPARTMENT_SCOPED
    return frozenset(held)


def roles_assignable_by(grant: Grant | None) -> Iterable[Role]:
    """Roles a member may hand out: only those who manage members, and any role."""
    return tuple(Role) if permits(grant, Capability.MANAGE_MEMBERS) else ()
