"""API schemas for the screenplay package (the typed edge)."""

from datetime import datetime
from typing import Any, Literal

from ninja import Field, Schema

from greenlight.core.eighths import format_eighths


class DraftOut(Schema):
    id: int
    script: int = Field(..., alias="script_id")
    number: int
    colour: str
    colour_hex: str
    source_name: str
    source_format: str
    page_count: int
    lengths_from: str
    revised_pages: list[int]
    imported_at: datetime
    scenes: int = Field(0, description="How many scenes the draft has.")

    @staticmethod
    def resolve_scenes(obj: Any) -> int:
        return int(obj.scenes.count())


class ScriptOut(Schema):
    id: int
    title: str
    locked: bool
    episode: int | None = Field(None, alias="episode_id")
    drafts: list[DraftOut]

    @staticmethod
    def resolve_drafts(obj: Any) -> list[Any]:
        return sorted(obj.drafts.all(), key=lambda d: d.number)


class TagOut(Schema):
    id: int
    element: int = Field(..., alias="element_id")
    name: str
    category: str = Field(..., description="The category's key, e.g. props.")
    category_name: str
    status: str
    paragraph: int | None
    start: int | None
    end: int | None
    quote: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.element.name)

    @staticmethod
    def resolve_category(obj: Any) -> str:
        return str(obj.element.category.key)

    @staticmethod
    def resolve_category_name(obj: Any) -> str:
        return str(obj.element.category.name)


class SceneOut(Schema):
    id: int
    index: int
    number: str
    heading: str
    int_ext: str
    location: str
    time_of_day: str
    modifiers: list[str]
    page: int
    eighths: int
    eighths_text: str
    synopsis: str
    line: int
    change: str
    previous: int | None = Field(None, alias="previous_id")
    characters: list[str]
    tags: list[TagOut]

    @staticmethod
    def resolve_eighths_text(obj: Any) -> str:
        return format_eighths(obj.eighths)

    @staticmethod
    def resolve_tags(obj: Any) -> list[Any]:
        return list(obj.tags.all())


class ElementOut(Schema):
    """One paragraph of the scene as parsed; ``index`` is what a tag's ``paragraph`` means."""

    index: int
    type: str
    text: str
    line: int | None = None
    centered: bool = False
    dual: str | None = None


class SceneDetailOut(SceneOut):
    elements: list[ElementOut]
    final_draft_page: int | None
    final_draft_eighths: int | None
    layout_page: int
    layout_eighths: int

    @staticmethod
    def resolve_elements(obj: Any) -> list[dict[str, Any]]:
        return [{**element, "index": i} for i, element in enumerate(obj.elements)]


class SceneChangesOut(Schema):
    added: list[int]
    changed: list[int]
    unchanged: list[int]
    omitted: list[int] = Field(..., description="Ids of previous-draft scenes with no match.")


class RevisionOut(Schema):
    draft: DraftOut
    scenes: SceneChangesOut


class TagIn(Schema):
    category: int = Field(..., description="The category's id (see the categories list).")
    name: str = Field(..., min_length=1, max_length=200)
    paragraph: int | None = Field(None, ge=0, description="Index into the scene's elements.")
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)


class LengthsIn(Schema):
    source: Literal["layout", "final_draft"]


class CategoryOut(Schema):
    id: int
    key: str
    name: str
    colour: str
    version: int


class FindingOut(Schema):
    rule: str
    severity: str
    message: str
    scene: int | None = Field(None, description="The scene's id in this draft.")
    scene_number: str | None
    line: int | None
