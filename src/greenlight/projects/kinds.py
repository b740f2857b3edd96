"""Enumerations of the projects domain. Pure."""

from enum import StrEnum


class ProjectKind(StrEnum):
    FEATURE = "feature"
    SERIES = "series"
    GAME = "game"

    @property
    def label(self) -> str:
        return {"feature": "Feature film", "series": "Series", "game": "Game"}[self.value]


class Phase(StrEnum):
    DEVELOPMENT = "development"
    PRE_PRODUCTION = "pre_production"
    PRODUCTION = "production"
    POST_PRODUCTION = "post_production"
    DELIVERED = "delivered"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


class PersonKind(StrEnum):
    CAST = "cast"
    CREW = "crew"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for a form or model field."""
    return [(member.value, getattr(member, "label", member.value)) for member in enum]
