"""Screenplay actions: import, revise, break down, lint. Each checks capability and owns its
transaction; an import is all-or-nothing."""

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history

from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.projects.models import Project
from greenlight.web.validation import apply_changes, save_validated

from .analysis import Analysis, analyse
from .cast import alias_suggestions
from .categories import CAST, DEFAULT_CATEGORIES
from .headings import KNOWN_TIMES_OF_DAY
from .lint import Finding, LintRules, lint
from .models import (
    AliasStatus,
    BreakdownElement,
    Category,
    CharacterAlias,
    Draft,
    Scene,
    SceneChange,
    Script,
    Standards,
    Tag,
    TagStatus,
)
from .parse import MAX_BYTES
from .revisions import (
    Change,
    SceneMatch,
    SceneText,
    match_scenes,
    number_inserted_scenes,
    revision_colour,
)
from .suggest import suggest

MAX_SCRIPT_BYTES = MAX_BYTES  # one limit for the form, the API and the parser


# --- reading -------------------------------------------------------------------------------


def scripts(actor: Any, project: Project) -> QuerySet[Script]:
    require(actor, project, Capability.VIEW_PROJECT)
    return project.scripts.prefetch_related("drafts")


def get_script(actor: Any, project: Project, script_id: int) -> Script:
    require(actor, project, Capability.VIEW_PROJECT)
    script = project.scripts.filter(pk=script_id).first()
    if script is None:
        raise NotFound(f"No script #{script_id} on {project}.")
    return script


def get_draft(actor: Any, script: Script, number: int | None = None) -> Draft:
    require(actor, script.project, Capability.VIEW_PROJECT)
    drafts = script.drafts.order_by("-number")
    draft = drafts.filter(number=number).first() if number else drafts.first()
    if draft is None:
        raise NotFound(f"{script} has no draft {number or ''}".strip() + ".")
    return draft


def get_scene(actor: Any, draft: Draft, scene_id: int) -> Scene:
    require(actor, draft.script.project, Capability.VIEW_PROJECT)
    scene = draft.scenes.filter(pk=scene_id).first()
    if scene is None:
        raise NotFound(f"No scene #{scene_id} in {draft}.")
    return scene


# --- categories ----------------------------------------------------------------------------


def categories(project: Project) -> QuerySet[Category]:
    """The project's breakdown categories, created from the defaults on first use."""
    if not project.breakdown_categories.exists():
        with transaction.atomic():
            Category.objects.bulk_create(
                [
                    Category(project=project, key=t.key, name=t.name, colour=t.colour, sort_order=i)
                    for i, t in enumerate(DEFAULT_CATEGORIES)
                ],
                ignore_conflicts=True,
            )
    return project.breakdown_categories.all()


def update_category(
    actor: Any,
    project: Project,
    category_id: int,
    name: str,
    colour: str,
    expected_version: int | None = None,
) -> Category:
    require(actor, project, Capability.EDIT_SCRIPT)
    category = categories(project).filter(pk=category_id).first()
    if category is None:
        raise NotFound(f"No category #{category_id} on {project}.")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise InvalidInput.single("colour", "Use a colour like #e53935.")
    changes = {"name": name.strip(), "colour": colour.lower()}
    with transaction.atomic():
        return apply_changes(
            Category, category.pk, changes, ("name", "colour"), actor, expected_version
        )


# --- import --------------------------------------------------------------------------------


def _read(filename: str, data: bytes, *, recompute: bool = False) -> Analysis:
    if len(data) > MAX_SCRIPT_BYTES:
        raise InvalidInput.single(
            "file",
            f"{filename} is {len(data):,} bytes; scripts are limited to {MAX_SCRIPT_BYTES:,}.",
        )
    return analyse(data, filename, recompute=recompute)


def import_script(
    actor: Any, project: Project, filename: str, data: bytes, *, title: str = "", at: datetime
) -> Draft:
    """A new script from a Fountain or FDX file, broken down; nothing is saved if it fails."""
    require(actor, project, Capability.EDIT_SCRIPT)
    analysis = _read(filename, data)
    with transaction.atomic():
        name = title.strip() or analysis.screenplay.title or filename.rsplit(".", 1)[0]
        script = save_validated(Script(project=project, title=name[:200], created_at=at), actor)
        draft = _store_draft(script, 1, filename, data, analysis, actor, at)
        _break_down(draft, analysis, actor)
    return draft


@dataclass(frozen=True)
class RevisionReport:
    draft: Draft
    added: list[Scene]
    changed: list[Scene]
    unchanged: list[Scene]
    omitted: list[Scene]  # scenes of the previous draft with no match


def import_revision(
    actor: Any, script: Script, filename: str, data: bytes, *, at: datetime
) -> RevisionReport:
    """A new draft of an existing script: scenes matched, tags carried over, pages coloured."""
    require(actor, script.project, Capability.EDIT_SCRIPT)
    analysis = _read(filename, data)
    with transaction.atomic():
        locked = Script.objects.select_for_update().get(pk=script.pk)
        previous = locked.drafts.order_by("-number").first()
        if previous is None:
            raise NotFound(f"{script} has no draft to revise.")
        old_scenes = list(previous.scenes.all())
        draft = _store_draft(locked, previous.number + 1, filename, data, analysis, actor, at)
        new_scenes = list(draft.scenes.all())
        matches = _match(old_scenes, new_scenes, locked.locked)
        report = _apply_matches(draft, old_scenes, new_scenes, matches, locked.locked)
        _colour_pages(draft, analysis, [*report.added, *report.changed])
        _break_down(draft, analysis, actor)
    return report


def _store_draft(
    script: Script,
    number: int,
    filename: str,
    data: bytes,
    analysis: Analysis,
    actor: Any,
    at: datetime,
) -> Draft:
    colour, colour_hex = revision_colour(number - 1)
    screenplay = analysis.screenplay
    draft = Draft.objects.create(
        script=script,
        number=number,
        colour=colour,
        colour_hex=colour_hex,
        source_name=filename[:255],
        source_format=screenplay.source_format,
        source=data,
        title_page=[[key, list(values)] for key, values in screenplay.title_page.fields],
        page_count=analysis.page_count,
        lengths_from=analysis.lengths_from,
        imported_at=at,
        imported_by=actor,
    )
    Scene.objects.bulk_create(
        [_scene_row(draft, s, f) for s, f in zip(screenplay.scenes, analysis.scenes, strict=True)]
    )
    return draft


def _scene_row(draft: Draft, scene: Any, figures: Any) -> Scene:
    fd = scene.final_draft
    return Scene(
        draft=draft,
        index=scene.index,
        number=scene.number or "",
        heading=scene.heading[:500],
        int_ext=scene.parsed.int_ext or "",
        location=scene.parsed.location[:300],
        time_of_day=(scene.parsed.time_of_day or "")[:60],
        modifiers=list(scene.parsed.modifiers),
        page=figures.page,
        eighths=figures.eighths,
        synopsis=scene.synopsis or "",
        line=scene.line,
        elements=[_element_json(e) for e in scene.elements],
        characters=figures.characters,
        final_draft_page=fd.page if fd else None,
        final_draft_eighths=fd.length_eighths if fd else None,
        layout_page=figures.layout_page,
        layout_eighths=figures.layout_eighths,
    )


def _element_json(element: Any) -> dict[str, Any]:
    data = {k: v for k, v in asdict(element).items() if v not in (None, False, 0, "")}
    data["type"] = str(element.type)
    data.setdefault("text", "")
    if element.dual is not None:
        data["dual"] = str(element.dual)
    return data


def _element(project: Project, category_key: str, name: str) -> BreakdownElement:
    category = categories(project).get(key=category_key)
    element, _ = BreakdownElement.objects.get_or_create(
        project=project, category=category, name=name
    )
    return element


def _break_down(draft: Draft, analysis: Analysis, actor: Any) -> None:
    """Cast from cues (confirmed), alias suggestions, and element suggestions from action.

    Set-based: a feature has hundreds of scenes and thousands of tags, so elements and tags
    are created in bulk (with history), never one query per tag.
    """
    project = draft.script.project
    scenes = {scene.index: scene for scene in draft.scenes.all()}
    aliases = _confirmed_aliases(draft.script)
    wanted: list[tuple[Scene, str, str, dict[str, Any]]] = [
        (scene, CAST, aliases.get(name, name), {"status": TagStatus.CONFIRMED})
        for scene in scenes.values()
        for name in scene.characters
    ]
    names = [member.name for member in analysis.cast]
    for found in suggest(analysis.screenplay.scenes, set(names)):
        wanted.append(
            (
                scenes[found.scene_index],
                found.category,
                aliases.get(found.name, found.name)[:200],
                {
                    "status": TagStatus.SUGGESTED,
                    "paragraph": found.element_index,
                    "start": found.start,
                    "end": found.end,
                    "quote": found.text[:500],
                },
            )
        )
    elements = _elements(project, {(key, name) for _, key, name, _ in wanted}, actor)
    existing = set(Tag.objects.filter(scene__draft=draft).values_list("scene_id", "element_id"))
    tags: dict[tuple[int, int], Tag] = {}
    for scene, key, name, fields in wanted:
        element = elements[(key, name)]
        pair = (scene.pk, element.pk)
        if pair not in existing and pair not in tags:
            tags[pair] = Tag(scene=scene, element=element, **fields)
    bulk_create_with_history(list(tags.values()), Tag, default_user=actor)
    for suggestion in alias_suggestions(names):
        CharacterAlias.objects.get_or_create(
            script=draft.script,
            alias=suggestion.alias,
            defaults={"canonical": suggestion.canonical, "reason": suggestion.reason},
        )


def _elements(
    project: Project, wanted: set[tuple[str, str]], actor: Any
) -> dict[tuple[str, str], BreakdownElement]:
    """The project's elements for (category key, name) pairs, creating the missing ones."""
    by_key = {category.key: category for category in categories(project)}

    def fetch() -> dict[tuple[str, str], BreakdownElement]:
        rows = BreakdownElement.objects.filter(project=project).select_related("category")
        return {(e.category.key, e.name): e for e in rows}

    found = fetch()
    missing = [
        BreakdownElement(project=project, category=by_key[key], name=name)
        for key, name in sorted(wanted - set(found))
        if key in by_key
    ]
    if missing:
        bulk_create_with_history(missing, BreakdownElement, default_user=actor)
        found = fetch()
    return found


def _confirmed_aliases(script: Script) -> dict[str, str]:
    return dict(
        script.aliases.filter(status=AliasStatus.CONFIRMED).values_list("alias", "canonical")
    )


def _text_of(scene: Scene) -> SceneText:
    body = "\n".join(e.get("text", "") for e in scene.elements[1:])
    return SceneText(scene.number or None, scene.heading, body)


def _match(old: list[Scene], new: list[Scene], locked: bool) -> list[SceneMatch]:
    return match_scenes([_text_of(s) for s in old], [_text_of(s) for s in new], locked=locked)


def _apply_matches(
    draft: Draft, old: list[Scene], new: list[Scene], matches: list[SceneMatch], locked: bool
) -> RevisionReport:
    groups: dict[Change, list[Scene]] = {change: [] for change in Change}
    for match in matches:
        if match.new is None:
            groups[Change.OMITTED].append(old[match.old or 0])
            continue
        scene = new[match.new]
        groups[match.change].append(scene)
        if match.old is None:
            scene.change = SceneChange.ADDED
            continue
        previous = old[match.old]
        scene.previous = previous
        scene.change = SceneChange(match.change.value)
        if locked and not scene.number:
            scene.number = previous.number
        _carry_tags(previous, scene, unchanged=match.change == Change.UNCHANGED)
    if locked:
        numbers = number_inserted_scenes([s.number or None for s in new])
        for scene, number in zip(new, numbers, strict=True):
            scene.number = number or ""
    Scene.objects.bulk_update(new, ["previous", "change", "number"])
    return RevisionReport(
        draft,
        groups[Change.ADDED],
        groups[Change.CHANGED],
        groups[Change.UNCHANGED],
        groups[Change.OMITTED],
    )


def _carry_tags(old: Scene, new: Scene, *, unchanged: bool) -> None:
    """Copy every tag (rejections too, so suggestions stay dismissed) onto the new scene."""
    for tag in old.tags.all():
        anchor = (tag.paragraph, tag.start, tag.end) if unchanged else _relocate(new, tag.quote)
        Tag.objects.get_or_create(
            scene=new,
            element_id=tag.element_id,
            defaults={
                "status": tag.status,
                "paragraph": anchor[0],
                "start": anchor[1],
                "end": anchor[2],
                "quote": tag.quote,
            },
        )


def _relocate(scene: Scene, quote: str) -> tuple[int | None, int | None, int | None]:
    if not quote:
        return None, None, None
    for index, element in enumerate(scene.elements):
        position = element.get("text", "").find(quote)
        if position >= 0:
            return index, position, position + len(quote)
    return None, None, None


def _colour_pages(draft: Draft, analysis: Analysis, revised: list[Scene]) -> None:
    indexes = {scene.index for scene in revised}
    pages = sorted(
        {
            page.number
            for page in analysis.layout.pages
            for line in page.lines
            if line.scene in indexes
        }
    )
    draft.revised_pages = pages
    draft.save(update_fields=["revised_pages"])


# --- breakdown actions ---------------------------------------------------------------------


def set_tag_status(actor: Any, scene: Scene, tag_id: int, status: TagStatus) -> Tag:
    """Confirm or reject a suggested tag (or undo either)."""
    require(actor, scene.draft.script.project, Capability.EDIT_SCRIPT)
    with transaction.atomic():
        tag = scene.tags.select_for_update().filter(pk=tag_id).first()
        if tag is None:
            raise NotFound(f"No tag #{tag_id} in scene {scene}.")
        tag.status = status
        return save_validated(tag, actor)


def tag_text(
    actor: Any,
    scene: Scene,
    *,
    category_id: int,
    name: str,
    paragraph: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Tag:
    """Tag an element in a scene, optionally anchored to a range of one paragraph's text."""
    project = scene.draft.script.project
    require(actor, project, Capability.EDIT_SCRIPT)
    name = " ".join(name.split()).upper()[:200]
    if not name:
        raise InvalidInput.single("name", "Name the element, e.g. RED PICKUP.")
    category = categories(project).filter(pk=category_id).first()
    if category is None:
        raise InvalidInput.single("category", f"No category #{category_id} on {project}.")
    quote = _anchor_text(scene, paragraph, start, end)
    with transaction.atomic():
        element, _ = BreakdownElement.objects.get_or_create(
            project=project, category=category, name=name
        )
        tag, _ = Tag.objects.update_or_create(
            scene=scene,
            element=element,
            defaults={
                "status": TagStatus.CONFIRMED,
                "paragraph": paragraph,
                "start": start,
                "end": end,
                "quote": quote,
            },
        )
    return tag


def _anchor_text(scene: Scene, paragraph: int | None, start: int | None, end: int | None) -> str:
    if paragraph is None:
        return ""
    if not 0 <= paragraph < len(scene.elements):
        raise InvalidInput.single("paragraph", f"Scene {scene} has no paragraph {paragraph}.")
    text = scene.elements[paragraph].get("text", "")
    if start is None or end is None or not 0 <= start < end <= len(text):
        raise InvalidInput.single(
            "range",
            f"{start}-{end} is not a range inside paragraph {paragraph} ({len(text)} chars).",
        )
    return str(text[start:end])[:500]


def remove_tag(actor: Any, scene: Scene, tag_id: int) -> None:
    require(actor, scene.draft.script.project, Capability.EDIT_SCRIPT)
    deleted, _ = scene.tags.filter(pk=tag_id).delete()
    if not deleted:
        raise NotFound(f"No tag #{tag_id} in scene {scene}.")


def decide_alias(actor: Any, script: Script, alias_id: int, confirm: bool) -> CharacterAlias:
    """Confirm an alias (its cast tags move to the canonical character) or reject it."""
    project = script.project
    require(actor, project, Capability.EDIT_SCRIPT)
    with transaction.atomic():
        alias = script.aliases.select_for_update().filter(pk=alias_id).first()
        if alias is None:
            raise NotFound(f"No alias #{alias_id} on {script}.")
        alias.status = AliasStatus.CONFIRMED if confirm else AliasStatus.REJECTED
        save_validated(alias, actor)
        if confirm:
            _merge_cast(project, alias.alias, alias.canonical)
    return alias


def _merge_cast(project: Project, alias: str, canonical: str) -> None:
    source = BreakdownElement.objects.filter(
        project=project, category__key=CAST, name=alias
    ).first()
    if source is None:
        return
    target = _element(project, CAST, canonical)
    for tag in source.tags.all():
        if Tag.objects.filter(scene_id=tag.scene_id, element=target).exists():
            tag.delete()
        else:
            tag.element = target
            tag.save(update_fields=["element"])
    source.delete()


# --- lengths, standards, lint --------------------------------------------------------------


def use_lengths(actor: Any, draft: Draft, source: str) -> Draft:
    """Show Final Draft's own scene lengths, or Greenlight's recomputed layout, for a draft."""
    require(actor, draft.script.project, Capability.EDIT_SCRIPT)
    if source not in {"layout", "final_draft"}:
        raise InvalidInput.single("source", "Choose 'layout' or 'final_draft'.")
    scenes = list(draft.scenes.all())
    if source == "final_draft" and any(s.final_draft_eighths is None for s in scenes):
        raise InvalidInput.single("source", "This draft carries no Final Draft lengths.")
    with transaction.atomic():
        for scene in scenes:
            if source == "layout":
                scene.page, scene.eighths = scene.layout_page, scene.layout_eighths
            else:
                scene.page = scene.final_draft_page or scene.layout_page
                scene.eighths = scene.final_draft_eighths or scene.layout_eighths
        Scene.objects.bulk_update(scenes, ["page", "eighths"])
        draft.lengths_from = source
        draft.save(update_fields=["lengths_from"])
    return draft


def standards_of(project: Project) -> Standards:
    found, _ = Standards.objects.get_or_create(project=project, defaults=_default_range(project))
    return found


def _default_range(project: Project) -> dict[str, int | None]:
    # A feature runs 90-120 pages; an hour of TV 45-65; a half-hour 28-35 (set per project).
    if project.kind == "feature":
        return {"min_pages": 90, "max_pages": 120}
    return {"min_pages": None, "max_pages": None}


def update_standards(
    actor: Any, project: Project, changes: dict[str, Any], expected_version: int | None = None
) -> Standards:
    require(actor, project, Capability.EDIT_SCRIPT)
    allowed = ("min_pages", "max_pages", "restricted_words", "extra_times_of_day")
    with transaction.atomic():
        standards = standards_of(project)
        updated = apply_changes(Standards, standards.pk, changes, allowed, actor, expected_version)
        if updated.min_pages and updated.max_pages and updated.min_pages > updated.max_pages:
            raise InvalidInput.single("max_pages", "The maximum is below the minimum.")
    return updated


def rules_for(project: Project, script: Script | None = None) -> LintRules:
    standards = standards_of(project)
    low, high = standards.min_pages, standards.max_pages
    aliases = _confirmed_aliases(script) if script else {}
    return LintRules(
        page_range=(low or 0, high or 10_000) if (low or high) else None,
        times_of_day=KNOWN_TIMES_OF_DAY | _lines(standards.extra_times_of_day),
        restricted_words=_lines(standards.restricted_words, upper=False),
        locked=bool(script and script.locked),
        confirmed_aliases=frozenset(aliases.items()),
    )


def _lines(text: str, *, upper: bool = True) -> frozenset[str]:
    items = (line.strip() for line in text.splitlines())
    return frozenset(item.upper() if upper else item for item in items if item)


def lint_draft(actor: Any, draft: Draft) -> list[Finding]:
    """The draft checked against its project's standards."""
    project = draft.script.project
    require(actor, project, Capability.VIEW_PROJECT)
    analysis = analyse(bytes(draft.source), draft.source_name)
    return lint(analysis.screenplay, draft.page_count, rules_for(project, draft.script))


def set_locked(actor: Any, script: Script, locked: bool) -> Script:
    """Lock scene numbers (revisions then match by number and number inserts 12A, 12B)."""
    require(actor, script.project, Capability.EDIT_SCRIPT)
    with transaction.atomic():
        return apply_changes(Script, script.pk, {"locked": locked}, ["locked"], actor, None)
