"""One call from file bytes to everything a producer needs: scenes with page and eighths,
cast, page count. Pure; shared by the import service and `greenlight script inspect`."""

from dataclasses import dataclass
from typing import Any

from .cast import CastMember, cast_list, characters_in, single_names
from .layout import Layout, paginate
from .model import Screenplay
from .parse import parse_script


@dataclass(frozen=True)
class SceneFigures:
    page: int
    eighths: int
    layout_page: int
    layout_eighths: int
    characters: list[str]


@dataclass(frozen=True)
class Analysis:
    screenplay: Screenplay
    layout: Layout
    cast: list[CastMember]
    scenes: list[SceneFigures]
    page_count: int
    lengths_from: str  # "final_draft" when Final Draft's own values are kept, else "layout"


def analyse(data: bytes, filename: str, *, recompute: bool = False) -> Analysis:
    """Parse and lay out a script; keep Final Draft's lengths unless ``recompute``."""
    screenplay = parse_script(data, filename)
    return analyse_parsed(screenplay, recompute=recompute)


def analyse_parsed(screenplay: Screenplay, *, recompute: bool = False) -> Analysis:
    layout = paginate(screenplay)
    measured = {length.scene_index: length for length in layout.scenes}
    use_final_draft = (
        not recompute
        and bool(screenplay.scenes)
        and all(
            s.final_draft is not None
            and s.final_draft.length_eighths is not None
            and s.final_draft.page is not None
            for s in screenplay.scenes
        )
    )
    singles = single_names(screenplay)
    figures = []
    for scene in screenplay.scenes:
        ours = measured[scene.index]
        fd = scene.final_draft
        if use_final_draft and fd is not None and fd.page is not None and fd.length_eighths:
            page, eighths = fd.page, fd.length_eighths
        else:
            page, eighths = ours.start_page, ours.eighths
        cast = characters_in(scene, singles)
        figures.append(SceneFigures(page, eighths, ours.start_page, ours.eighths, cast))
    page_count = max([len(layout.pages)] + [f.page for f in figures])
    return Analysis(
        screenplay,
        layout,
        cast_list(screenplay),
        figures,
        page_count,
        "final_draft" if use_final_draft else "layout",
    )


def inspect_document(analysis: Analysis) -> dict[str, Any]:
    """The `greenlight script inspect --json` document, exactly as documented."""
    return {
        "title": analysis.screenplay.title,
        "page_count": analysis.page_count,
        "scenes": [
            {
                "number": scene.number,
                "heading": scene.heading,
                "int_ext": scene.parsed.int_ext,
                "location": scene.parsed.location,
                "time_of_day": scene.parsed.time_of_day,
                "page": figures.page,
                "eighths": figures.eighths,
                "characters": figures.characters,
            }
            for scene, figures in zip(analysis.screenplay.scenes, analysis.scenes, strict=True)
        ],
        "characters": [
            {"name": member.name, "cues": member.cues, "scenes": member.scenes}
            for member in analysis.cast
        ],
    }
