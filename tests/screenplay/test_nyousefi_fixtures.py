"""The nyousefi/Fountain test inputs (FountainTests/*.fountain), one test per file.

Upstream asserts element types at indexes of its own element list (XCTest); the same intent is
asserted here against our elements, by text where indexes would be fragile.
"""

from pathlib import Path

import pytest

from greenlight.screenplay.fountain import parse_fountain
from greenlight.screenplay.model import Dual, Element, ElementType, Screenplay

NYOUSEFI = Path(__file__).resolve().parents[3] / "shared/data/scripts/fixtures/nyousefi-fountain"
T = ElementType


def _parse(name: str) -> Screenplay:
    return parse_fountain((NYOUSEFI / f"{name}.fountain").read_bytes(), name=name)


def _kinds(screenplay: Screenplay) -> list[tuple[ElementType, str]]:
    return [(element.type, element.text) for element in screenplay.elements]


def _find(screenplay: Screenplay, text: str) -> Element:
    return next(element for element in screenplay.elements if element.text == text)


def test_every_nyousefi_input_parses_to_something():
    names = sorted(path.stem for path in NYOUSEFI.glob("*.fountain"))
    assert len(names) == 16
    for name in names:
        assert _parse(name).elements, name


def test_boneyard_inline_and_multiline_leave_only_the_action_around_them():
    assert _kinds(_parse("Boneyard")) == [
        (T.ACTION, "A line of action."),
        (T.ACTION, "This is an boneyard."),
    ]


def test_centered_text_needs_both_brackets_and_trims_the_space_inside():
    screenplay = _parse("CenteredText")
    assert _kinds(screenplay) == [
        (T.ACTION, "Centered"),
        (T.TRANSITION, "Not centered"),
        (T.ACTION, "No space"),
        (T.ACTION, "Lots of Space"),
    ]
    assert [element.centered for element in screenplay.elements] == [True, False, True, True]


def test_dialogue_cues_parentheticals_and_dialogue_fall_where_upstream_expects():
    screenplay = _parse("Dialogue")
    cues = [e.text for e in screenplay.elements if e.type == T.CHARACTER]
    assert cues == [
        "ADAM", "EVE (O.S.)", "ADAM", "EVE", "EVE (cont'd)", "ADAM", "EVE",
        "ADAM", "EVE", "R2D2", "ADAM", "EVE",
    ]  # fmt: skip
    assert _find(screenplay, "(nervous)").type == T.PARENTHETICAL
    assert _find(screenplay, "(kissing him)").type == T.PARENTHETICAL  # at the end of a block
    assert _find(screenplay, "ME TOO!").type == T.DIALOGUE  # all-caps dialogue stays dialogue
    # A cue must contain a letter: "23 (O.S.)" and its line are action.
    assert _find(screenplay, "23 (O.S.)\nCharacter name must include a letter").type == T.ACTION
    # Two spaces keep an empty line inside the speech; indented cues and speech still count.
    spaced = (
        "That was really weird.\nI can be weird to. Here's\n"
        "a space in the dialogue\nblock\n\nfor absolutely no good\nreason."
    )
    assert _find(screenplay, spaced).type == T.DIALOGUE
    assert _find(screenplay, "(feeling cocky)").type == T.PARENTHETICAL
    assert _find(screenplay, "Well, then I'll just indent!").type == T.DIALOGUE


def test_the_caret_makes_the_two_speeches_dual_and_is_removed():
    screenplay = _parse("Dialogue")
    eve = next(e for e in screenplay.elements if e.text == "You're so stupid.")
    assert eve.dual == Dual.RIGHT
    assert _find(screenplay, "I love you.").dual == Dual.LEFT
    assert "^" not in "".join(e.text for e in screenplay.elements)


def test_dual_dialogue_file_is_a_left_and_a_right_block():
    screenplay = _parse("DualDialogue")
    assert [(e.type, e.text, e.dual) for e in screenplay.elements] == [
        (T.CHARACTER, "ADAM", Dual.LEFT),
        (T.DIALOGUE, "Yes.", Dual.LEFT),
        (T.CHARACTER, "EVE", Dual.RIGHT),
        (T.DIALOGUE, "No.", Dual.RIGHT),
    ]


def test_forced_action_character_and_lyrics_drop_their_marks():
    assert _kinds(_parse("ForcedElements")) == [
        (T.ACTION, "BANG\nBANG\nBANG"),
        (T.CHARACTER, "McDUCK"),
        (T.DIALOGUE, "I'm vegan."),
        (T.CHARACTER, "SINGER"),
        (T.LYRICS, "These are the songs\nThat I sing."),
    ]


def test_indenting_is_ignored_outside_action():
    kinds = [e.type for e in _parse("Indenting").elements]
    assert kinds == [
        T.TRANSITION, T.SCENE_HEADING, T.ACTION, T.CHARACTER, T.DIALOGUE,
        T.CHARACTER, T.PARENTHETICAL, T.DIALOGUE, T.ACTION,
    ]  # fmt: skip


def test_multiline_action_is_one_element_with_its_line_breaks():
    screenplay = _parse("MultilineAction")
    assert [e.type for e in screenplay.elements] == [T.ACTION] * 3
    assert screenplay.elements[1].text.split("\n") == [
        "This is a multi-line block of Action.",
        "Made famous by the great",
        "WALTER HILL",
        "but used by many other writers.",
    ]


def test_notes_vanish_inline_and_on_their_own_lines():
    screenplay = _parse("Notes")
    assert _kinds(screenplay) == [(T.ACTION, "A line."), (T.ACTION, "This is an note.")]
    assert screenplay.elements[1].line == 8


def test_page_breaks_of_three_or_more_equals_start_new_pages():
    screenplay = _parse("PageBreaks")
    assert [e.type for e in screenplay.elements] == [
        T.ACTION, T.PAGE_BREAK, T.ACTION, T.PAGE_BREAK, T.ACTION,
    ]  # fmt: skip
    assert [e.starts_new_page for e in screenplay.elements] == [False, False, True, False, True]


def test_scene_heading_forms_upstream_accepts_and_rejects():
    screenplay = _parse("SceneHeaders")
    headings = [e.text for e in screenplay.elements if e.type == T.SCENE_HEADING]
    assert headings == [
        "INT. HOUSE - DAY", "EXT. HOUSE - DAY", "INT HOUSE DAY", "EXT HOUSE DAY",
        "INT/EXT. HOUSE - DAY", "INT./EXT. HOUSE - DAY", "I/E. HOUSE - DAY", "I./E. HOUSE - DAY",
        "I/E HOUSE DAY", "INT - HOUSE - DAY", "EXT - HOUSE - DAY", "EST. HOUSE - DAY",
        "EST HOUSE DAY", "INT. HOUSE - DAY (1979)", "KITCHEN", "int. house - day",
    ]  # fmt: skip
    # Not headings: an ellipsis, two headings without a blank line between, ESTABLISHING.
    actions = [e.text for e in screenplay.elements if e.type == T.ACTION]
    assert actions == [
        "... not a scene header.",
        "INT. HOUSE - DAY\nEXT. HOUSE - DAY",
        "ESTABLISHING",
    ]
    assert len(screenplay.scenes) == 16


def test_scene_numbers_come_off_the_heading_text():
    screenplay = _parse("SceneNumbers")
    assert [scene.number for scene in screenplay.scenes] == [
        "1", "1A", "1a", "A1", "I-1-A", "1.", "110A",
    ]  # fmt: skip
    assert {scene.heading for scene in screenplay.scenes[:6]} == {"INT. HOUSE - DAY"}
    assert screenplay.scenes[6].heading == "INT. HOUSE - DAY - FLASHBACK (1944)"
    assert screenplay.scenes[6].parsed.modifiers == ("FLASHBACK", "1944")


def test_section_depth_is_the_number_of_hashes():
    screenplay = _parse("SectionHeaders")
    assert [(e.type, e.text, e.depth) for e in screenplay.elements] == [
        (T.SECTION, "Act One", 1),
        (T.SECTION, "Act Two", 1),
        (T.SECTION, "ACT THREE", 1),
        (T.SECTION, "ACT FOUR", 1),
        (T.SECTION, "5", 1),
        (T.SECTION, "Level 2", 2),
        (T.SECTION, "Level 3", 3),
    ]


def test_sections_and_synopses_need_no_blank_lines_around_them():
    screenplay = _parse("Sections-Complex")
    assert [(e.type, e.text) for e in screenplay.elements] == [
        (T.SECTION, "Act 1"),
        (T.SYNOPSIS, "Synopsis 1"),
        (T.SCENE_HEADING, "INT. LOCATION - DAY"),
        (T.SECTION, "Act 2"),
        (T.SECTION, "Sequence 1"),
        (T.SCENE_HEADING, "INT. LOCATION - DAY"),
    ]
    assert [e.depth for e in screenplay.elements if e.type == T.SECTION] == [1, 1, 2]


def test_synopses_with_or_without_a_space_after_the_equals():
    screenplay = _parse("Synopses")
    assert [e.text for e in screenplay.elements if e.type == T.SYNOPSIS] == [
        "This is the first act.",
        "This is another act.",
        "THE FINAL ACT",
    ]
    assert not any(e.printed for e in screenplay.elements)


def test_simple_script_has_its_title_page_and_every_kind_of_element():
    screenplay = _parse("Simple")
    assert screenplay.title_page.fields == (
        ("Title", ("A Simple Script",)),
        ("Author", ("Nima Yousefi",)),
        ("Draft date", ("2/1/2012",)),
    )
    assert [scene.heading for scene in screenplay.scenes] == [
        "INT. OFFICE - MORNING",
        "EXT. HOUSE - DAY",
        "FORCED SCENE HEADING",
    ]
    assert _find(screenplay, "ext. house - day").starts_new_page
    assert _find(screenplay, "Burn to White.").type == T.TRANSITION
    assert _find(screenplay, "THE END").centered
    assert _find(screenplay, "Section 1-1").depth == 2
    assert screenplay.scenes[1].synopsis is None  # the synopsis is not right under it
    # Notes and boneyard leave no trace; "CUT TO: " with a trailing space is action.
    texts = "\n".join(e.text for e in screenplay.elements)
    assert "Comment" not in texts and "boneyard" not in texts
    assert (screenplay.elements[-1].type, screenplay.elements[-1].text) == (T.ACTION, "CUT TO:")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("CUT TO:", T.TRANSITION),
        ("SMASH CUT TO:", T.TRANSITION),
        ("FADE TO BLACK.", T.TRANSITION),
        ("NOT A STANDARD TRANSITION:", T.TRANSITION),
        ("GO TO:", T.TRANSITION),
        ("TO:", T.TRANSITION),
    ],
)
def test_transitions_upstream_expects(text, kind):
    assert _find(_parse("Transitions"), text).type == kind


def test_a_transition_with_trailing_spaces_is_action():
    screenplay = _parse("Transitions")
    assert [e.type for e in screenplay.elements].count(T.ACTION) == 1
    assert _find(screenplay, "CUT TO:").type == T.TRANSITION  # the first one
    assert screenplay.elements[4].type == T.ACTION
