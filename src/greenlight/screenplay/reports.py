"""What the screenplay pages, API and jobs show: read-only views of scripts, drafts, scenes and
breakdowns. Each function checks the reader's capability (through the ``get_*`` services) and
returns dataclasses; the pure rules live in ``printed``, ``sheets``, ``textdiff`` and ``lint``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, prefetch_related_objects
from django.utils.text import slugify

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.eighths import format_eighths
from greenlight.projects.models import Project

from . import printed, services, sheet_pdf, textdiff
from .analysis import analyse
from .cast import CastMember
from .categories import CAST
from .lint import Finding
from .models import (
    AliasStatus,
    Category,
    CharacterAlias,
    Draft,
    Scene,
    SceneChange,
    Script,
    Tag,
    TagStatus,
)
from .sheets import Sheet, SheetCategory, SheetItem, Strip, number_cast, strips

Progress = Callable[[int, int, str], None]


def _may_read(actor: Any, draft: Draft) -> None:
    require(actor, draft.script.project, Capability.VIEW_PROJECT)


def _strips(scenes: list[Scene]) -> list[Strip]:
    return strips([(s.int_ext, s.time_of_day) for s in scenes])


# --- scripts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScriptRow:
    script: Script
    drafts: list[Draft]
    current: Draft | None
    scenes: int


def script_rows(actor: Any, project: Project) -> list[ScriptRow]:
    """The project's scripts with their drafts (oldest first) and the current scene count."""
    found = list(services.scripts(actor, project))
    drafts = {s.pk: sorted(s.drafts.all(), key=lambda d: d.number) for s in found}
    current = {pk: rows[-1] for pk, rows in drafts.items() if rows}
    counts = dict(
        Scene.objects.filter(draft__in=[d.pk for d in current.values()])
        .values("draft")
        .annotate(n=Count("id"))
        .values_list("draft", "n")
    )
    rows = []
    for script in found:
        latest = current.get(script.pk)
        rows.append(
            ScriptRow(script, drafts[script.pk], latest, counts.get(latest.pk, 0) if latest else 0)
        )
    return rows


# --- scene list ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Criteria:
    int_ext: str = ""
    time_of_day: str = ""
    character: str = ""
    q: str = ""


@dataclass(frozen=True)
class SceneRow:
    scene: Scene
    strip: Strip
    cast: list[str]

    @property
    def eighths_text(self) -> str:
        return format_eighths(self.scene.eighths)


@dataclass(frozen=True)
class SceneList:
    draft: Draft
    rows: list[SceneRow]
    total_scenes: int
    int_exts: list[str]
    times: list[str]
    characters: list[str]
    final_draft_lengths: bool  # the draft carries Final Draft's own lengths to switch to
    eighths: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "eighths", sum(row.scene.eighths for row in self.rows))

    @property
    def eighths_text(self) -> str:
        return format_eighths(self.eighths)

    @property
    def pages(self) -> list[int]:
        return sorted({row.scene.page for row in self.rows})


def _cast_by_scene(draft: Draft) -> dict[int, list[str]]:
    cast: dict[int, list[str]] = {}
    tags = (
        Tag.objects.filter(scene__draft=draft, status=TagStatus.CONFIRMED)
        .filter(element__category__key=CAST)
        .order_by("scene__index", "pk")
        .values_list("scene_id", "element__name")
    )
    for scene_id, name in tags:
        cast.setdefault(scene_id, []).append(name)
    return cast


def scene_list(actor: Any, draft: Draft, criteria: Criteria) -> SceneList:
    """The draft's scenes with strip colour and cast, filtered; totals count what is shown."""
    _may_read(actor, draft)
    scenes = list(draft.scenes.all())
    cast = _cast_by_scene(draft)
    every = [
        SceneRow(scene, strip, cast.get(scene.pk, []))
        for scene, strip in zip(scenes, _strips(scenes), strict=True)
    ]
    return SceneList(
        draft,
        [row for row in every if _matches(row, criteria)],
        len(scenes),
        sorted({s.int_ext for s in scenes if s.int_ext}),
        sorted({s.time_of_day for s in scenes if s.time_of_day}),
        sorted({name for names in cast.values() for name in names}),
        bool(scenes) and all(s.final_draft_eighths is not None for s in scenes),
    )


def _matches(row: SceneRow, criteria: Criteria) -> bool:
    scene = row.scene
    return (
        (not criteria.int_ext or scene.int_ext == criteria.int_ext)
        and (not criteria.time_of_day or scene.time_of_day == criteria.time_of_day)
        and (not criteria.character or criteria.character in row.cast)
        and (not criteria.q or criteria.q.casefold() in scene.heading.casefold())
    )


def _with_tags() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("tags", queryset=Tag.objects.select_related("element__category"))


def scenes_with_tags(actor: Any, draft: Draft) -> list[Scene]:
    """The draft's scenes, each with its tags (every status) loaded."""
    _may_read(actor, draft)
    return list(draft.scenes.prefetch_related(_with_tags()))


def scene_with_tags(actor: Any, draft: Draft, scene_id: int) -> Scene:
    scene = services.get_scene(actor, draft, scene_id)
    prefetch_related_objects([scene], _with_tags())
    return scene


# --- one scene -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenePage:
    scene: Scene
    blocks: list[printed.Block]
    suggested: list[Tag]
    confirmed: list[tuple[Category, list[Tag]]]
    categories: list[Category]
    previous: Scene | None
    next: Scene | None
    strip: Strip

    @property
    def eighths_text(self) -> str:
        return format_eighths(self.scene.eighths)


def _tags(scene: Scene) -> list[Tag]:
    ordered = scene.tags.select_related("element__category")
    return list(ordered.order_by("element__category__sort_order", "element__name"))


def _marks(tags: list[Tag]) -> list[printed.Mark]:
    return [
        printed.Mark(
            t.paragraph,
            t.start,
            t.end,
            t.element.category.colour,
            f"{t.element.category.name}: {t.element.name}",
        )
        for t in tags
        if t.status == TagStatus.CONFIRMED
        and t.paragraph is not None
        and t.start is not None
        and t.end is not None
    ]


def _by_category(tags: list[Tag]) -> list[tuple[Category, list[Tag]]]:
    grouped: dict[int, tuple[Category, list[Tag]]] = {}
    for tag in tags:
        category = tag.element.category
        grouped.setdefault(category.pk, (category, []))[1].append(tag)
    return sorted(grouped.values(), key=lambda pair: (pair[0].sort_order, pair[0].name))


def scene_page(actor: Any, draft: Draft, scene_id: int) -> ScenePage:
    """A scene's printed text with confirmed tags highlighted, its suggestions and elements."""
    scene = services.get_scene(actor, draft, scene_id)
    tags = _tags(scene)
    confirmed = [t for t in tags if t.status == TagStatus.CONFIRMED]
    every = list(draft.scenes.only("pk", "index", "number", "heading", "int_ext", "time_of_day"))
    position = next(i for i, s in enumerate(every) if s.pk == scene.pk)
    return ScenePage(
        scene,
        printed.blocks(scene.elements, _marks(confirmed)),
        [t for t in tags if t.status == TagStatus.SUGGESTED],
        _by_category(confirmed),
        list(services.categories(draft.script.project)),
        every[position - 1] if position > 0 else None,
        every[position + 1] if position + 1 < len(every) else None,
        _strips(every)[position],
    )


# --- breakdown sheets ----------------------------------------------------------------------


def _items(category: Category, tags: list[Tag], numbers: dict[str, int]) -> tuple[SheetItem, ...]:
    """Cast in cast-list order with their numbers; other elements by name."""
    if category.key != CAST:
        return tuple(SheetItem(t.element.name) for t in tags)
    names = sorted((t.element.name for t in tags), key=lambda n: (numbers.get(n, 10**6), n))
    return tuple(SheetItem(name, numbers.get(name)) for name in names)


def _sheet(scene: Scene, tags: list[Tag], numbers: dict[str, int], strip: Strip) -> Sheet:
    draft, script = scene.draft, scene.draft.script
    categories = tuple(
        SheetCategory(category.name, category.colour, _items(category, grouped, numbers))
        for category, grouped in _by_category(tags)
    )
    return Sheet(
        production=script.project.title,
        script=script.title,
        draft=f"{draft.colour} draft",
        scene_number=scene.number or str(scene.index + 1),
        heading=scene.heading,
        int_ext=scene.int_ext,
        time_of_day=scene.time_of_day,
        location=scene.location,
        page=scene.page,
        eighths=scene.eighths,
        synopsis=scene.synopsis,
        strip=strip,
        categories=categories,
    )


def _confirmed_by_scene(draft: Draft) -> dict[int, list[Tag]]:
    tags = (
        Tag.objects.filter(scene__draft=draft, status=TagStatus.CONFIRMED)
        .select_related("element__category")
        .order_by("pk")
    )
    found: dict[int, list[Tag]] = {}
    for tag in tags:
        found.setdefault(tag.scene_id, []).append(tag)
    return found


def sheets(actor: Any, draft: Draft, scene_id: int | None = None) -> list[Sheet]:
    """Breakdown sheets of every scene of the draft, or of one scene."""
    _may_read(actor, draft)
    scenes = list(draft.scenes.select_related("draft__script__project"))
    if scene_id is not None and not any(s.pk == scene_id for s in scenes):
        services.get_scene(actor, draft, scene_id)  # raises NotFound
    tags = _confirmed_by_scene(draft)
    casts = [
        [t.element.name for t in tags.get(s.pk, []) if t.element.category.key == CAST]
        for s in scenes
    ]
    numbers = number_cast(casts)
    return [
        _sheet(scene, tags.get(scene.pk, []), numbers, strip)
        for scene, strip in zip(scenes, _strips(scenes), strict=True)
        if scene_id is None or scene.pk == scene_id
    ]


def sheets_pdf(
    actor: Any, draft: Draft, scene_id: int | None = None, progress: Progress | None = None
) -> tuple[str, bytes]:
    """File name and PDF of the draft's breakdown sheets (or one scene's)."""
    found = sheets(actor, draft, scene_id)
    script = draft.script
    name = slugify(f"{script.project.code} {script.title} {draft.colour}") or "script"
    if scene_id is not None and found:
        name += f"-scene-{slugify(found[0].scene_number)}"
    return f"{name}-breakdown.pdf", sheet_pdf.render(found, progress)


# --- revisions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangedScene:
    scene: Scene
    old: Scene | None
    rows: list[textdiff.Row]


@dataclass(frozen=True)
class Comparison:
    draft: Draft
    previous: Draft | None
    added: list[Scene]
    changed: list[ChangedScene]
    unchanged: list[Scene]
    omitted: list[Scene]


def comparison(actor: Any, draft: Draft) -> Comparison:
    """Draft N against N-1: scenes added, changed (with a text diff), unchanged and omitted."""
    _may_read(actor, draft)
    previous = draft.script.drafts.filter(number=draft.number - 1).first()
    scenes = list(draft.scenes.select_related("previous"))
    if previous is None:
        return Comparison(draft, None, [], [], scenes, [])
    kept = draft.scenes.filter(previous__isnull=False).values("previous")
    of = {change: [s for s in scenes if s.change == change] for change in SceneChange}
    return Comparison(
        draft,
        previous,
        of[SceneChange.ADDED],
        [_changed(s) for s in of[SceneChange.CHANGED]],
        of[SceneChange.UNCHANGED],
        list(previous.scenes.exclude(pk__in=kept)),
    )


def _changed(scene: Scene) -> ChangedScene:
    old = printed.plain(scene.previous.elements) if scene.previous else []
    return ChangedScene(scene, scene.previous, textdiff.compare(old, printed.plain(scene.elements)))


# --- lint, cast ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LintRow:
    finding: Finding
    scene: Scene | None


def lint_rows(actor: Any, draft: Draft) -> list[LintRow]:
    findings = services.lint_draft(actor, draft)
    scenes = {s.index: s for s in draft.scenes.only("pk", "index", "number", "heading")}
    return [
        LintRow(f, scenes.get(f.scene_index) if f.scene_index is not None else None)
        for f in findings
    ]


@dataclass(frozen=True)
class CastRow:
    member: CastMember
    alias_of: str  # the confirmed canonical name, when this cue is an alias


@dataclass(frozen=True)
class CastReport:
    script: Script
    draft: Draft | None
    rows: list[CastRow]
    suggestions: list[CharacterAlias]
    decided: list[CharacterAlias]


def cast_report(actor: Any, script: Script) -> CastReport:
    """Speaking characters of the current draft with cue and scene counts, and alias choices."""
    require(actor, script.project, Capability.VIEW_PROJECT)
    draft = script.current
    members = analyse(bytes(draft.source), draft.source_name).cast if draft else []
    aliases = list(script.aliases.order_by("canonical", "alias"))
    confirmed = {a.alias: a.canonical for a in aliases if a.status == AliasStatus.CONFIRMED}
    return CastReport(
        script,
        draft,
        [CastRow(m, confirmed.get(m.name, "")) for m in members],
        [a for a in aliases if a.status == AliasStatus.SUGGESTED],
        [a for a in aliases if a.status != AliasStatus.SUGGESTED],
    )
