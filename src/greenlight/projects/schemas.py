"""API schemas for the projects package (the typed edge)."""

from datetime import date
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from greenlight.accounts.capabilities import Role

from .kinds import PersonKind, Phase, ProjectKind


class ProjectOut(Schema):
    id: int
    title: str
    code: str
    kind: ProjectKind
    phase: Phase
    logline: str
    currency: str
    prep_start: date | None
    shoot_start: date | None
    shoot_end: date | None
    delivery_date: date | None
    version: int


class ProjectIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    code: str = Field(..., min_length=1, max_length=16)
    kind: ProjectKind
    phase: Phase = Phase.DEVELOPMENT
    logline: str = ""
    currency: str = "USD"
    prep_start: date | None = None
    shoot_start: date | None = None
    shoot_end: date | None = None
    delivery_date: date | None = None


class ProjectPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    code: str | None = None
    kind: ProjectKind | None = None
    phase: Phase | None = None
    logline: str | None = None
    currency: str | None = None
    prep_start: date | None = None
    shoot_start: date | None = None
    shoot_end: date | None = None
    delivery_date: date | None = None
    version: int | None = Field(None, description="The version you read; a stale one gets 409.")


class EpisodeOut(Schema):
    id: int
    number: int
    title: str
    synopsis: str
    shoot_start: date | None
    air_date: date | None
    version: int


class EpisodeIn(Schema):
    number: int = Field(..., ge=1)
    title: str = ""
    synopsis: str = ""
    shoot_start: date | None = None
    air_date: date | None = None


class EpisodePatch(Schema):
    number: int | None = Field(None, ge=1)
    title: str | None = None
    synopsis: str | None = None
    shoot_start: date | None = None
    air_date: date | None = None
    version: int | None = None


class DepartmentOut(Schema):
    id: int
    code: str
    name: str
    sort_order: int
    version: int


class DepartmentIn(Schema):
    code: str = Field(..., min_length=1, max_length=16)
    name: str = Field(..., min_length=1, max_length=100)
    sort_order: int = Field(0, ge=0)


class DepartmentPatch(Schema):
    code: str | None = None
    name: str | None = None
    sort_order: int | None = Field(None, ge=0)
    version: int | None = None


class UnavailabilityOut(Schema):
    id: int
    start: date
    end: date
    reason: str


class UnavailabilityIn(Schema):
    start: date
    end: date
    reason: str = ""


class PersonOut(Schema):
    id: int
    name: str
    kind: PersonKind
    position: str
    department: int | None
    email: str | None = Field(None, description="Null when your role may not see contacts.")
    phone: str | None = None
    agent: str | None = None
    notes: str
    daily_rate: Decimal | None = Field(None, description="Null when your role may not see costs.")
    unavailable: list[UnavailabilityOut]
    version: int


class PersonIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    kind: PersonKind = PersonKind.CREW
    position: str = ""
    department: int | None = None
    email: str = ""
    phone: str = ""
    agent: str = ""
    notes: str = ""
    daily_rate: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)


class PersonPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: PersonKind | None = None
    position: str | None = None
    department: int | None = None
    email: str | None = None
    phone: str | None = None
    agent: str | None = None
    notes: str | None = None
    daily_rate: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    version: int | None = None


class MembershipOut(Schema):
    id: int
    user_id: int
    username: str
    email: str
    name: str
    role: Role
    departments: list[int]
    version: int


class InviteIn(Schema):
    email: str = Field(..., min_length=3, max_length=254)
    role: Role
    departments: list[int] = []


class InviteOut(Schema):
    membership: MembershipOut | None
    invitation_id: int | None
    invited_email: str | None
    invitation_link: str | None = Field(None, description="Shown once; share it if not emailed.")
    emailed: bool


class MembershipPatch(Schema):
    role: Role | None = None
    departments: list[int] | None = None
    version: int | None = None


class PortfolioRowOut(Schema):
    project_id: int
    title: str
    code: str
    kind: ProjectKind
    phase: Phase
    role: Role
    prep_start: date | None
    shoot_start: date | None
    shoot_end: date | None
    delivery_date: date | None
    team_size: int
    people: int
    cast: int
    episodes: int
    departments: int
    next_milestone: str | None
    next_milestone_date: date | None
    figures: dict[str, str]


def changes_of(patch: Schema) -> tuple[dict[str, Any], int | None]:
    """The fields the client actually sent, and the version they edited."""
    data = patch.dict(exclude_unset=True)
    version = data.pop("version", None)
    return data, version
