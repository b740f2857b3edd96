"""Every Jouvence fixture (ludovicchabant/Jouvence tests/*.yaml) against our Fountain parser.

Jouvence writes each element as a prefix code and its text (``.`` heading, ``!`` action,
``!><`` centered action, ``@`` character, ``=`` dialogue, ``_`` parenthetical, ``>``
transition, ``~`` lyrics, ``#`` section, ``+`` synopsis, ``<pagebreak>``). Two things in its
representation differ from ours, and the adapter below translates rather than bends our model:

* Jouvence keeps emphasis markup in its text (``**THE END**``); ours is clean, so expected texts
  go through the same emphasis rules (those rules have their own tests in test_pitfalls.py).
  Trailing spaces are not kept by us either, so they are dropped from expected lines.
* Jouvence has no paragraph spacing: empty source lines become text of action elements. A
  paragraph that "consumes" the empty line before it (everything except plain action) eats
  one; the rest are appended to the previous action, or start an action of their own; actions
  separated only by empty lines are one Jouvence action. We keep one element per paragraph and
  record the empty lines in ``Element.blank_lines_before``, which is what the adapter replays.
"""

from pathlib import Path

import pytest
import yaml

from greenlight.screenplay.fountain import parse_fountain, strip_emphasis
from greenlight.screenplay.model import Element, ElementType, Screenplay

JOUVENCE = Path(__file__).resolve().parents[3] / "shared/data/scripts/fixtures/jouvence"

# Expectations that contradict Fountain 1.1, keyed "file#document index" (0-based), each with
# its reason. None is needed: with the adapter above every document passes as written.
KNOWN_DEVIATIONS: dict[str, str] = {}

_CODES = {
    ElementType.SCENE_HEADING: ".",
    ElementType.ACTION: "!",
    ElementType.CHARACTER: "@",
    ElementType.DIALOGUE: "=",
    ElementType.PARENTHETICAL: "_",
    ElementType.TRANSITION: ">",
    ElementType.LYRICS: "~",
    ElementType.SECTION: "#",
    ElementType.SYNOPSIS: "+",
}


def _documents() -> list[tuple[str, dict[str, object]]]:
    found = []
    for path in sorted(JOUVENCE.glob("*.yaml")):
        with path.open(encoding="utf-8") as stream:
            for index, document in enumerate(yaml.safe_load_all(stream)):
                if document is not None:
                    found.append((f"{path.name}#{index}", document))
    return found


DOCUMENTS = _documents()


def _code(element: Element) -> str:
    if element.type == ElementType.ACTION and element.centered:
        return "!><"
    return _CODES[element.type]


def _trailing_empty_lines(source: str) -> int:
    lines = source.split("\n")
    if not lines[-1]:
        lines.pop()  # a final line break ends the last line; it does not start another
    count = 0
    while lines and lines[-1] == "":
        lines.pop()
        count += 1
    return count


def to_jouvence(screenplay: Screenplay, source: str) -> list[str]:
    """Our elements in Jouvence's codes, empty lines replayed the way Jouvence stores them."""
    out: list[list[str]] = []

    def empty_lines(count: int) -> None:
        if count <= 0:
            return
        if out and out[-1][0] == "!":
            out[-1][1] += "\n" * count
        else:
            out.append(["!", "\n" * (count - 1)])

    for element in screenplay.elements:
        if element.type == ElementType.PAGE_BREAK:
            empty_lines(element.blank_lines_before - 1)
            out.append(["<pagebreak>", ""])
            continue
        code = _code(element)
        plain_action = code == "!"
        gap = element.blank_lines_before
        empty_lines(gap if plain_action else gap - 1)
        if plain_action and out and out[-1][0] == "!":
            out[-1][1] += "\n" + element.text
        else:
            out.append([code, element.text])
    empty_lines(_trailing_empty_lines(source))
    return [code + text for code, text in out]


def _clean_expected(item: str) -> str:
    if item == "<pagebreak>":
        return item
    code = "!><" if item.startswith("!><") else item[:1]
    text = "\n".join(line.rstrip() for line in item[len(code) :].split("\n"))
    return code + strip_emphasis(text)


@pytest.mark.parametrize(("key", "document"), DOCUMENTS, ids=[key for key, _ in DOCUMENTS])
def test_each_jouvence_document_gives_the_expected_elements(key, document):
    if key in KNOWN_DEVIATIONS:
        pytest.skip(KNOWN_DEVIATIONS[key])
    source = document["in"]
    screenplay = parse_fountain(source)
    assert to_jouvence(screenplay, source) == [_clean_expected(i) for i in document["out"]]
    if "title" in document:
        ours = {key.lower(): "\n".join(values) for key, values in screenplay.title_page.fields}
        expected = {key: strip_emphasis(value) for key, value in document["title"].items()}
        assert ours == expected


def test_every_jouvence_fixture_file_was_loaded():
    files = {key.split("#")[0] for key, _ in DOCUMENTS}
    assert files == {path.name for path in JOUVENCE.glob("*.yaml")}
    assert len(DOCUMENTS) >= 40


def test_the_known_deviations_name_real_documents():
    assert set(KNOWN_DEVIATIONS) <= {key for key, _ in DOCUMENTS}
