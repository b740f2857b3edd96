"""Cast from dialogue cues: identities, cue and scene counts, alias suggestions. Pure.

Rules merge what is certainly one character (``EDWARD (V.O.)`` and ``edward (cont'd)`` are
already one identity); likely aliases (``PETER'S VOICE`` for ``PETER``, ``CYBER BOB`` for
``BOB``) are *suggested* for the producer to confirm, never merged silently.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .model import ElementType, Scene, Screenplay, character_identity

_GROUP_SPLIT = re.compile(r"\s*(?:,|&|\bAND\b|/)\s*")
_VOICE = re.compile(r"^(?P<name>.+?)'S\s+(?:VOICE|VOICE OVER|THOUGHTS|V\.O\.)$")
_QUOTED = re.compile(r'^["“”\']+(?P<name>.+?)["“”\']+$')
# Prefixes that make a variant of the same person rather than a different one.
_VARIANT_PREFIXES = ("YOUNG ", "OLD ", "OLDER ", "YOUNGER ", "LITTLE ", "CYBER ", "ADULT ", "TEEN ")


@dataclass(frozen=True)
class CastMember:
    name: str
    cues: int
    scenes: int


@dataclass(frozen=True)
class AliasSuggestion:
    alias: str
    canonical: str
    reason: str


def cue_names(cue: str, known: set[str]) -> list[str]:
    """Identities named by one cue; a group cue (``GIDEON, TEX & SCOBIE``) names each member
    when every part is a character in its own right."""
    identity = _unquote(character_identity(cue))
    parts = [p for p in _GROUP_SPLIT.split(identity) if p]
    if len(parts) > 1 and all(p in known for p in parts):
        return parts
    return [identity]


def _unquote(identity: str) -> str:
    match = _QUOTED.match(identity)
    return match.group("name") if match else identity


def single_names(screenplay: Screenplay) -> set[str]:
    """Every cue identity as written, before group cues are split."""
    return {
        _unquote(character_identity(e.text))
        for e in screenplay.elements
        if e.type == ElementType.CHARACTER
    }


def characters_in(scene: Scene, singles: set[str]) -> list[str]:
    """Speaking characters of one scene in order of first cue, group cues split."""
    seen: dict[str, None] = {}
    for element in scene.elements:
        if element.type == ElementType.CHARACTER:
            for name in cue_names(element.text, singles):
                seen.setdefault(name, None)
    return list(seen)


def cast_list(screenplay: Screenplay) -> list[CastMember]:
    """Speaking characters with their cue and scene counts, most cues first."""
    singles = single_names(screenplay)
    cues: Counter[str] = Counter()
    for element in screenplay.elements:
        if element.type == ElementType.CHARACTER:
            cues.update(cue_names(element.text, singles))
    scenes: Counter[str] = Counter()
    for scene in screenplay.scenes:
        scenes.update(characters_in(scene, singles))
    return [
        CastMember(name, count, scenes[name])
        for name, count in sorted(cues.items(), key=lambda item: (-item[1], item[0]))
    ]


def alias_suggestions(names: list[str]) -> list[AliasSuggestion]:
    """Likely aliases among character names, for manual confirmation."""
    known = set(names)
    found: list[AliasSuggestion] = []
    for name in names:
        voice = _VOICE.match(name)
        if voice and voice.group("name") in known:
            found.append(AliasSuggestion(name, voice.group("name"), "voice of"))
            continue
        for prefix in _VARIANT_PREFIXES:
            base = name.removeprefix(prefix)
            if base != name and base in known:
                found.append(AliasSuggestion(name, base, f"{prefix.strip().lower()} variant of"))
                break
    return found
