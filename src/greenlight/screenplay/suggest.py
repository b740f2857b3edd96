"""Breakdown suggestions from capitalised words in action lines (Fountain's convention for a
first appearance: ``A battered RED PICKUP pulls up``). Pure.

Suggestions are only ever proposals: the producer confirms or rejects each one.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .categories import CAST, hint_for
from .model import ElementType, Scene

# Runs of capitalised words (two letters or more, digits and apostrophes allowed inside).
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z0-9'’\-]+(?:\s+[A-Z][A-Z0-9'’\-]+)*\b")
# Capitalised words that are screenplay vocabulary, not elements.
_STOP = frozenset(
    (
        "INT EXT DAY NIGHT CONTINUOUS LATER CUT TO FADE IN OUT POV CLOSE ON ANGLE BACK SCENE THE "
        "END V.O O.S CONT'D INTERCUT FLASHBACK MONTAGE SERIES OF SHOTS WIDE SHOT INSERT SUPER "
        "TITLE ESTABLISHING MOMENTS SAME TIME A I OK TV DVD "
        # Camera and editing directions of typed scripts.
        "CAMERA PANS PAN PANNING MOVES MOVING TRACKS TRACKING DOLLY ZOOM ZOOMS TILTS TILT CRANE "
        "HOLD HOLDING REVERSE FAVORING FAVOURING FULL MEDIUM LONG TWO THREE OVER SHOULDER "
        "CONTINUED OMITTED DELETED DISSOLVE WIPE MATCH SLOW MOTION FREEZE FRAME OFF SCREEN O.C "
        "MOS SFX VFX VIEW REVEAL REVEALS"
    ).split()
)


@dataclass(frozen=True)
class Suggestion:
    scene_index: int
    element_index: int  # position within scene.elements
    start: int  # character offsets of the phrase within the element's text
    end: int
    text: str  # the phrase as written
    name: str  # the element name it would create (upper-cased, tidied)
    category: str  # category key: cast when it names a speaking character, else a hint


def suggest(scenes: list[Scene], characters: set[str]) -> list[Suggestion]:
    """Every capitalised phrase in every action line that could be a breakdown element."""
    found: list[Suggestion] = []
    for scene in scenes:
        for index, element in enumerate(scene.elements):
            if element.type == ElementType.ACTION and not element.centered:
                found.extend(_in_action(scene.index, index, element.text, characters))
    return found


def _in_action(scene: int, element: int, text: str, characters: set[str]) -> Iterator[Suggestion]:
    for match in _CAPS_RUN.finditer(text):
        phrase = match.group(0).strip("-'’")
        words = [w for w in phrase.split() if w.strip(".,") not in _STOP]
        if not words or len(" ".join(words)) < 3:
            continue
        name = " ".join(words).replace("’", "'")
        base = name.removesuffix("'S")
        category = CAST if base in characters else (hint_for(name) or "props")
        yield Suggestion(scene, element, match.start(), match.end(), match.group(0), base, category)
