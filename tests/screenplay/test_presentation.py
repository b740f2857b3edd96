"""Pure presentation rules: printed paragraphs and highlights, strips, cast numbers, text diffs."""

from greenlight.screenplay import printed, textdiff
from greenlight.screenplay.sheets import Strip, ink_for, number_cast, period, strips


def mark(paragraph: int, start: int, end: int, label: str = "x") -> printed.Mark:
    return printed.Mark(paragraph, start, end, "#8e24aa", label)


def test_highlights_cut_a_paragraph_at_every_boundary_and_the_innermost_mark_wins():
    pieces = printed.segments(
        "A battered RED PICKUP pulls up.", [mark(0, 11, 21, "Vehicles"), mark(0, 15, 21, "Props")]
    )
    assert [p.text for p in pieces] == ["A battered ", "RED ", "PICKUP", " pulls up."]
    assert pieces[2].mark is not None and pieces[2].mark.label == "Props"
    assert pieces[2].labels == ("Props", "Vehicles")
    assert "".join(p.text for p in pieces) == "A battered RED PICKUP pulls up."


def test_a_mark_outside_the_text_is_ignored():
    assert printed.segments("short", [mark(0, 2, 40)]) == (printed.Segment("short"),)


def test_writer_only_paragraphs_are_not_printed_but_keep_their_indexes():
    elements = [
        {"type": "scene_heading", "text": "INT. HOUSE - DAY"},
        {"type": "synopsis", "text": "They argue."},
        {"type": "action", "text": "A KNIFE on the table.", "centered": True},
    ]
    found = printed.paragraphs(elements, [mark(2, 2, 7)])
    assert [(p.index, p.type, p.centered) for p in found] == [
        (0, "scene_heading", False),
        (2, "action", True),
    ]
    assert found[1].segments[1].text == "KNIFE"


def test_dual_dialogue_becomes_one_block_of_two_columns():
    elements = [
        {"type": "scene_heading", "text": "EXT. PATIO - DAY"},
        {"type": "character", "text": "STEEL"},
        {"type": "dialogue", "text": "Screw retirement."},
        {"type": "character", "text": "BRICK", "dual": "right"},
        {"type": "parenthetical", "text": "(nodding)", "dual": "right"},
        {"type": "dialogue", "text": "Screw retirement.", "dual": "right"},
        {"type": "transition", "text": "CUT TO:"},
    ]
    blocks = printed.blocks(elements, [])
    assert [b.dual for b in blocks] == [False, True, False]
    dual = blocks[1]
    assert [p.text for p in dual.left] == ["STEEL", "Screw retirement."]
    assert [p.text for p in dual.right] == ["BRICK", "(nodding)", "Screw retirement."]


def test_strip_colours_follow_the_stripboard_and_carry_continuous_scenes():
    found = strips(
        [
            ("INT", "DAY"),
            ("EXT", "DAY"),
            ("INT", "NIGHT"),
            ("EXT", "NIGHT"),
            ("INT", "CONTINUOUS"),
            ("INT/EXT", "MOMENTS LATER"),
            ("", "DAY"),
            ("EXT", ""),
        ]
    )
    assert found == [
        Strip.INT_DAY,
        Strip.EXT_DAY,
        Strip.INT_NIGHT,
        Strip.EXT_NIGHT,
        Strip.INT_NIGHT,
        Strip.INT_NIGHT,
        Strip.OTHER,
        Strip.OTHER,
    ]
    assert period("DUSK", None) == "night" and period("EARLY MORNING", None) == "day"
    assert period("CONTINUOUS", None) is None


def test_cast_numbers_put_the_most_present_character_first():
    numbers = number_cast([["STEEL", "BRICK"], ["BRICK"], ["DAN", "BRICK"], ["STEEL"]])
    assert numbers == {"BRICK": 1, "STEEL": 2, "DAN": 3}


def test_ink_reads_on_its_colour():
    assert ink_for("#fdd835") == "#000000"
    assert ink_for("#e53935") == "#ffffff"
    assert ink_for("nonsense") == "#000000"


def test_a_rewritten_paragraph_shows_the_words_that_went_and_came():
    old = [("scene_heading", "INT. GARAGE - DAY"), ("action", "They speed off. To destiny!")]
    new = [
        ("scene_heading", "INT. GARAGE - DAY"),
        ("action", "They speed off. To glory!"),
        ("transition", "CUT TO:"),
    ]
    rows = textdiff.compare(old, new)
    assert [(r.type, r.kind) for r in rows] == [
        ("scene_heading", "same"),
        ("action", "changed"),
        ("transition", "added"),
    ]
    assert [(p.text, p.kind) for p in rows[1].pieces] == [
        ("They speed off. To ", "same"),
        ("destiny!", "removed"),
        ("glory!", "added"),
    ]


def test_a_deleted_paragraph_of_another_type_is_removed_whole():
    rows = textdiff.compare(
        [("action", "A"), ("dialogue", "Hi.")], [("action", "A"), ("lyrics", "La")]
    )
    assert [(r.type, r.kind) for r in rows] == [
        ("action", "same"),
        ("dialogue", "removed"),
        ("lyrics", "added"),
    ]
