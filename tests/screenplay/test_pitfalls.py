"""One test per known parser pitfall (domain/screenplay.md section 3), then the rules they
lean on: emphasis, scene heading splitting, title pages, line numbers, vertical whitespace."""

import pytest

from greenlight.screenplay.fdx import parse_fdx
from greenlight.screenplay.fountain import parse_fountain, strip_emphasis
from greenlight.screenplay.headings import KNOWN_TIMES_OF_DAY, split_heading
from greenlight.screenplay.model import Dual, ElementType, Heading, character_identity

T = ElementType


def kinds(text: str) -> list[tuple[ElementType, str]]:
    return [(element.type, element.text) for element in parse_fountain(text).elements]


def fdx(*paragraphs: str) -> bytes:
    body = "".join(paragraphs)
    return f'<?xml version="1.0"?><FinalDraft><Content>{body}</Content></FinalDraft>'.encode()


# --- the numbered pitfalls --------------------------------------------------------------------


def test_1_an_all_caps_line_without_a_blank_line_before_it_is_not_a_cue():
    assert kinds("He looks up.\nTHE DOOR OPENS\nSomeone enters.") == [
        (T.ACTION, "He looks up.\nTHE DOOR OPENS\nSomeone enters.")
    ]


def test_2_an_all_caps_line_over_text_is_a_cue_unless_forced_to_action():
    assert kinds("SCANNING THE AISLES...\nNothing there.") == [
        (T.CHARACTER, "SCANNING THE AISLES..."),
        (T.DIALOGUE, "Nothing there."),
    ]
    assert kinds("!SCANNING THE AISLES...\nNothing there.") == [
        (T.ACTION, "SCANNING THE AISLES...\nNothing there.")
    ]


def test_3_a_lower_case_extension_still_makes_a_cue():
    elements = parse_fountain("SPECIALIST O'HARA (tensely)\nGet down!").elements
    assert elements[0].type == T.CHARACTER
    assert elements[0].text == "SPECIALIST O'HARA (tensely)"
    assert character_identity(elements[0].text) == "SPECIALIST O'HARA"


@pytest.mark.parametrize(
    ("cue", "identity"),
    [
        ("C-3PO", "C-3PO"),
        ("GROUPIE #1", "GROUPIE #1"),
        ("BILL / THE MONSTER", "BILL / THE MONSTER"),
        ("MICHAEL (as DOROTHY)", "MICHAEL"),
        ("PO", "PO"),
        ("R2D2", "R2D2"),
    ],
)
def test_4_names_with_punctuation_digits_and_two_letters_are_cues(cue, identity):
    elements = parse_fountain(f"Action.\n\n{cue}\nBeep.").elements
    assert (elements[1].type, elements[1].text) == (T.CHARACTER, cue)
    assert character_identity(elements[1].text) == identity
    assert elements[2].type == T.DIALOGUE


def test_5_an_ellipsis_at_line_start_is_not_a_forced_heading():
    assert kinds("...and then nothing.\n\n..\n\n.KITCHEN") == [
        (T.ACTION, "...and then nothing."),
        (T.ACTION, ".."),
        (T.SCENE_HEADING, "KITCHEN"),
    ]


def test_6_a_heading_with_its_synopsis_right_under_it_is_still_a_heading():
    screenplay = parse_fountain(
        "# ACT ONE\n\nINT. HOUSE - DAY\n= The family at breakfast.\n\nEggs."
    )
    assert [e.type for e in screenplay.elements] == [
        T.SECTION,
        T.SCENE_HEADING,
        T.SYNOPSIS,
        T.ACTION,
    ]
    assert screenplay.scenes[0].synopsis == "The family at breakfast."


def test_7_a_blank_line_ends_the_dialogue_block():
    assert kinds("BOB\nHi.\n\nHe leaves.\n\nThe door shuts.") == [
        (T.CHARACTER, "BOB"),
        (T.DIALOGUE, "Hi."),
        (T.ACTION, "He leaves."),
        (T.ACTION, "The door shuts."),
    ]


def test_8_title_page_mid_speech_parentheticals_and_non_int_ext_headings_parse():
    text = (
        "Title: River\nAuthor: Ann\n\n.A RIVER.\n\nA RIVER.\n\n"
        "STEEL\nThey're coming!\n(pause)\nEverybody!\n(beat)\nSniper?"
    )
    screenplay = parse_fountain(text)
    assert screenplay.title == "River"
    assert [e.type for e in screenplay.elements] == [
        T.SCENE_HEADING, T.ACTION, T.CHARACTER, T.DIALOGUE, T.PARENTHETICAL,
        T.DIALOGUE, T.PARENTHETICAL, T.DIALOGUE,
    ]  # fmt: skip
    assert screenplay.scenes[0].heading == "A RIVER."
    # Final Draft treats whatever is typed in a Scene Heading paragraph as a heading.
    from_fdx = parse_fdx(fdx('<Paragraph Type="Scene Heading"><Text>A river.</Text></Paragraph>'))
    assert [scene.heading for scene in from_fdx.scenes] == ["A RIVER."]


def test_9_the_forced_action_mark_is_stripped():
    assert kinds("!BANG\n!BOOM") == [(T.ACTION, "BANG\nBOOM")]


def test_10_notes_synopses_sections_and_title_page_are_never_printed_elements():
    text = (
        "Title: Counting\n\n# ACT ONE\n\n= Synopsis text.\n\nINT. ROOM - DAY [[a note]]\n\n"
        "[[A note on its own line.]]\n\nHe sits.\n\nBOB\nYes.\n\nSUE ^\nNo."
    )
    screenplay = parse_fountain(text)
    printed = [e for e in screenplay.elements if e.printed]
    assert [e.type for e in printed] == [
        T.SCENE_HEADING, T.ACTION, T.CHARACTER, T.DIALOGUE, T.CHARACTER, T.DIALOGUE,
    ]  # fmt: skip
    assert not any("note" in e.text or "Counting" in e.text for e in screenplay.elements)
    assert [e.type for e in screenplay.elements if not e.printed] == [T.SECTION, T.SYNOPSIS]
    # Dual dialogue is marked so that a layout sets the two speeches side by side.
    assert [e.dual for e in printed[2:]] == [Dual.LEFT, Dual.LEFT, Dual.RIGHT, Dual.RIGHT]


def test_11_indented_transitions_and_centered_lines_of_converted_scripts():
    text = (
        "          BOB\n     Bye.\n\n                                  FADE OUT:\n\n"
        "                          THE END\n\n                       (MAIN TITLES)"
    )
    assert kinds(text) == [
        (T.CHARACTER, "BOB"),
        (T.DIALOGUE, "Bye."),
        (T.TRANSITION, "FADE OUT:"),
        (T.ACTION, "                          THE END"),
        (T.ACTION, "                       (MAIN TITLES)"),
    ]


def test_12_fountain_has_no_page_locking_so_only_equals_lines_break_pages():
    screenplay = parse_fountain(
        "INT. A - DAY #12A#\n\nPAGE 12A\n\n===\n\nINT. B - DAY #13#\n\nEnd."
    )
    assert [e.type for e in screenplay.elements] == [
        T.SCENE_HEADING, T.ACTION, T.PAGE_BREAK, T.SCENE_HEADING, T.ACTION,
    ]  # fmt: skip
    assert [e.starts_new_page for e in screenplay.elements] == [False, False, False, True, False]
    # Locked scene numbers are the locking Fountain does have; they are kept as written.
    assert [scene.number for scene in screenplay.scenes] == ["12A", "13"]


def test_13_only_a_trailing_parenthetical_is_an_extension():
    text = "CYBER BOSS, 40 (or any age), an ageless,\nfaceless entity of pure code."
    assert kinds(text) == [(T.ACTION, text)]
    assert character_identity("CYBER BOSS (V.O.)") == "CYBER BOSS"


def test_14_what_the_collected_data_shows():
    text = (
        "\ufeffINT. KITCHEN--NIGHT\r\n\r\nEXT/INT. CAR - DAY\r\n\r\nINTERCUT - PHONE CALL\r\n\r\n"
        ".INTERCUT - PHONE CALL\r\n\r\nPATRONS THREE AND FOUR\r\nShh!\r\n\r\n"
        "EDWARD (V.O.)\r\nOne.\r\n\r\nedward (v.O.)\rTwo.\n\nEDWARD (cont'd\nThree.\n\n"
        "PETER'S VOICE\nFour.\n\nLong action that was\nhard-wrapped by a converter."
    )
    screenplay = parse_fountain(text)
    assert [scene.heading for scene in screenplay.scenes] == [
        "INT. KITCHEN--NIGHT",
        "EXT/INT. CAR - DAY",
        "INTERCUT - PHONE CALL",  # only when forced: INTERCUT is not a Fountain prefix
    ]
    assert screenplay.scenes[0].parsed == Heading("INT", "KITCHEN", "NIGHT")
    assert screenplay.scenes[1].parsed.int_ext == "INT/EXT"
    cues = [e.text for e in screenplay.elements if e.type == T.CHARACTER]
    assert cues == ["PATRONS THREE AND FOUR", "EDWARD (V.O.)", "EDWARD (cont'd", "PETER'S VOICE"]
    assert {character_identity(cue) for cue in cues[1:3]} == {"EDWARD"}
    # "edward (v.O.)" has a lower-case name: action by the spec, like the Big Fish FDX oddity.
    assert (T.ACTION, "edward (v.O.)\nTwo.") in kinds(text)
    assert character_identity("PETER'S VOICE") == "PETER'S VOICE"  # an alias table maps it
    assert screenplay.elements[-1].text == "Long action that was\nhard-wrapped by a converter."


def test_14_notes_in_the_title_block_and_a_blank_first_line():
    titled = parse_fountain("Title: A\n[[URL: http://example.com]]\nAuthor: B\n\nAction.")
    assert titled.title_page.fields == (("Title", ("A",)), ("Author", ("B",)))
    untitled = parse_fountain("\nTitle: A\nAuthor: B\n\nAction.")
    assert untitled.title_page.fields == ()
    assert untitled.elements[0].text == "Title: A\nAuthor: B"


# --- the rules the pitfalls lean on ---------------------------------------------------------


@pytest.mark.parametrize(
    ("marked", "clean"),
    [
        ("*italic* **bold** ***both*** _under_", "italic bold both under"),
        ("_**BRICK & STEEL**_", "BRICK & STEEL"),
        ("**_mixed_ and *nested***", "mixed and nested"),
        ("Dial *69 and then *23.", "Dial *69 and then *23."),
        ("A \\*literal\\* star and \\_score\\_", "A *literal* star and _score_"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("*no\nspan*", "*no\nspan*"),
    ],
)
def test_emphasis_markup_is_removed_and_escapes_are_kept(marked, clean):
    assert strip_emphasis(marked) == clean


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        (
            "INT. HOUSE - KITCHEN - NIGHT (1973)",
            Heading("INT", "HOUSE - KITCHEN", "NIGHT", ("1973",)),
        ),
        ("ext. brick's pool - day", Heading("EXT", "BRICK'S POOL", "DAY")),
        ("INT./EXT. CAR -- MOVING -- DAY", Heading("INT/EXT", "CAR - MOVING", "DAY")),
        ("I/E  TRUCK – DUSK", Heading("INT/EXT", "TRUCK", "DUSK")),
        ("E/I. BARN — SAME TIME", Heading("INT/EXT", "BARN", "SAME TIME")),
        ("EST. CITY - PRE-DAWN", Heading(None, "CITY", "PRE-DAWN")),
        ("EXT. LIBRARY--DAY", Heading("EXT", "LIBRARY", "DAY")),
        ("INT. HALL - NIGHT [CONTINUOUS]", Heading("INT", "HALL", "NIGHT", ("CONTINUOUS",))),
        ("INT. HALL - DAY [FLASHBACK]", Heading("INT", "HALL", "DAY", ("FLASHBACK",))),
        ("INT. HALL - (PRESENT) DAY", Heading("INT", "HALL", "DAY", ("PRESENT",))),
        ("EXT. ROAD - DAY / DRIVING", Heading("EXT", "ROAD", "DAY", ("DRIVING",))),
        ("INT. BAR - MOMENTS LATER", Heading("INT", "BAR", "MOMENTS LATER")),
        ("INT. BAR - A FEW MINUTES LATER", Heading("INT", "BAR", "A FEW MINUTES LATER")),
        ("EXT. FIELD - DAY TO NIGHT", Heading("EXT", "FIELD", "DAY TO NIGHT")),
        (
            "INT. HOUSE - DAY - FLASHBACK (1944)",
            Heading("INT", "HOUSE", "DAY", ("FLASHBACK", "1944")),
        ),
        ("INT. HOUSE - LIVING ROOM", Heading("INT", "HOUSE - LIVING ROOM", None)),
        ("EXT. CHAMPS-ELYSEES", Heading("EXT", "CHAMPS-ELYSEES", None)),
        ("SNIPER SCOPE POV", Heading(None, "SNIPER SCOPE POV", None)),
        ("INT.  WILL's   bedroom - night", Heading("INT", "WILL'S BEDROOM", "NIGHT")),
        ("INT. HOUSE - DAY #12A#", Heading("INT", "HOUSE", "DAY")),
    ],
)
def test_scene_headings_split_into_int_ext_location_time_and_modifiers(heading, expected):
    assert split_heading(heading) == expected


def test_the_times_of_day_the_samples_use_are_known():
    for time in ("DAY", "NIGHT", "DUSK", "DAWN", "CONTINUOUS", "LATER", "SAME", "MAGIC HOUR"):
        assert time in KNOWN_TIMES_OF_DAY


def test_element_lines_are_source_lines_across_notes_boneyard_and_line_endings():
    text = (
        "Title: X\r\n\r\nA [[multi\r\nline]] note.\r\n\r\n/* gone\rgone */\n\n"
        "INT. HOUSE - DAY\n\nEnd."
    )
    elements = parse_fountain(text).elements
    assert [(e.text, e.line) for e in elements] == [
        ("A note.", 3),
        ("INT. HOUSE - DAY", 9),
        ("End.", 11),
    ]


def test_vertical_whitespace_is_kept_as_blank_lines_before_each_element():
    elements = parse_fountain("One.\n\n\n\nTwo.\n\nBOB\nHi.").elements
    assert [e.blank_lines_before for e in elements] == [0, 3, 1, 0]


def test_action_keeps_its_indenting_with_tabs_as_four_spaces():
    assert kinds("\tIndented\n  two") == [(T.ACTION, "    Indented\n  two")]


def test_lyrics_are_forced_and_a_mixed_paragraph_is_action():
    assert kinds("~La la la\n~La la") == [(T.LYRICS, "La la la\nLa la")]
    assert kinds("~La la la\nSpoken") == [(T.ACTION, "~La la la\nSpoken")]


def test_a_boneyard_spanning_blank_lines_removes_everything_inside():
    assert kinds("Keep.\n\n/*\nINT. GONE - DAY\n\nBOB\nGone.\n*/\n\nAlso kept.") == [
        (T.ACTION, "Keep."),
        (T.ACTION, "Also kept."),
    ]


# --- Final Draft import bugs seen in other tools (screenplay.md section 2) -------------------


def test_fdx_text_is_every_run_joined_without_added_line_breaks():
    paragraph = (
        '<Paragraph Type="Character"><Text>The </Text><Text Style="Bold">Narrator</Text>'
        "<Text> (V.O.)</Text></Paragraph>"
        '<Paragraph Type="Dialogue"><Text>Line one\n</Text><Text>line two</Text></Paragraph>'
    )
    elements = parse_fdx(fdx(paragraph)).elements
    assert [(e.type, e.text) for e in elements] == [
        (T.CHARACTER, "THE NARRATOR (V.O.)"),
        (T.DIALOGUE, "Line one\nline two"),
    ]


def test_fdx_headings_cues_and_transitions_are_upper_cased_as_final_draft_shows_them():
    screenplay = parse_fdx(
        fdx(
            '<Paragraph Type="Scene Heading" Number="12A"><Text>int.  WILL\u2019s bedroom - '
            "night (1973)</Text></Paragraph>"
            '<Paragraph Type="Character"><Text>edward (v.O.)</Text></Paragraph>'
            '<Paragraph Type="Dialogue"><Text>Keep my case.</Text></Paragraph>'
            '<Paragraph Type="Transition"><Text>cut to:</Text></Paragraph>'
        )
    )
    assert [e.text for e in screenplay.elements] == [
        "INT.  WILL\u2019S BEDROOM - NIGHT (1973)",
        "EDWARD (V.O.)",
        "Keep my case.",
        "CUT TO:",
    ]
    scene = screenplay.scenes[0]
    assert (scene.number, scene.heading) == ("12A", "INT. WILL\u2019S BEDROOM - NIGHT (1973)")
    assert scene.parsed == Heading("INT", "WILL\u2019S BEDROOM", "NIGHT", ("1973",))
    assert scene.characters == ["EDWARD"]


def test_fdx_scene_properties_and_summary_are_kept_not_dropped():
    screenplay = parse_fdx(
        fdx(
            '<Paragraph Type="Scene Heading"><SceneProperties Length="1 4/8" Page="3">'
            "<Summary><Paragraph><Text>Bob arrives.</Text></Paragraph></Summary>"
            "</SceneProperties><Text>INT. A - DAY</Text></Paragraph>"
            '<Paragraph Type="Scene Heading"><SceneProperties Length="5/8" Page="4"/>'
            "<Text>INT. B - DAY</Text></Paragraph>"
            '<Paragraph Type="Scene Heading"><SceneProperties Length="1" Page="12A"/>'
            "<Text>INT. C - DAY</Text></Paragraph>"
            '<Paragraph Type="Scene Heading"><Text>INT. D - DAY</Text></Paragraph>'
        )
    )
    drafts = [scene.final_draft for scene in screenplay.scenes]
    assert [(d.length_eighths, d.page) if d else None for d in drafts] == [
        (12, 3),
        (5, 4),
        (8, None),  # a locked "12A" page is not a page number
        None,
    ]
    assert [scene.synopsis for scene in screenplay.scenes] == ["Bob arrives.", None, None, None]


def test_fdx_dual_dialogue_inside_its_wrapper_is_not_lost():
    screenplay = parse_fdx(
        fdx(
            "<Paragraph><DualDialogue>"
            '<Paragraph Type="Character"><Text>STEEL</Text></Paragraph>'
            '<Paragraph Type="Dialogue"><Text>Screw retirement.</Text></Paragraph>'
            '<Paragraph Type="Character"><Text>BRICK</Text></Paragraph>'
            '<Paragraph Type="Parenthetical"><Text>(agreeing)</Text></Paragraph>'
            '<Paragraph Type="Dialogue"><Text>Screw it.</Text></Paragraph>'
            "</DualDialogue></Paragraph>"
            '<Paragraph Type="Action"><Text>After.</Text></Paragraph>'
        )
    )
    assert [(e.text, e.dual, e.line) for e in screenplay.elements] == [
        ("STEEL", Dual.LEFT, 1),
        ("Screw retirement.", Dual.LEFT, 2),
        ("BRICK", Dual.RIGHT, 3),
        ("(agreeing)", Dual.RIGHT, 4),
        ("Screw it.", Dual.RIGHT, 5),
        ("After.", None, 6),
    ]


def test_fdx_alignment_page_breaks_shots_unknown_types_and_omitted_scenes():
    screenplay = parse_fdx(
        fdx(
            '<Paragraph Type="Action" Alignment="Center"><Text>THE END</Text></Paragraph>'
            '<Paragraph Type="Action" StartsNewPage="Yes"><Text>New page.</Text></Paragraph>'
            '<Paragraph Type="Shot"><Text>close on the gun</Text></Paragraph>'
            '<Paragraph Type="New Act"><Text>ACT TWO</Text></Paragraph>'
            '<Paragraph Type="Scene Heading" Number="72"><SceneProperties Length="1/8"/>'
            '<Text>OMITTED</Text><OmittedScene><Paragraph Type="Scene Heading">'
            "<Text>INT. CUT - DAY</Text></Paragraph></OmittedScene></Paragraph>"
        )
    )
    centered, new_page, shot, act, omitted = screenplay.elements
    assert (omitted.type, omitted.text, omitted.scene_number) == (T.SCENE_HEADING, "OMITTED", "72")
    assert centered.centered and not new_page.centered
    assert new_page.starts_new_page
    assert (shot.type, shot.text) == (T.SHOT, "close on the gun")
    assert (act.type, act.text, act.fdx_type) == (T.GENERAL, "ACT TWO", "New Act")
    assert len(screenplay.elements) == 5  # the omitted scene's old paragraphs are not content
