"""The paginator: wrapping, page-break rules, (MORE)/(CONT'D), dual dialogue and eighths."""

import importlib.util
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.screenplay.layout import (
    A4_57,
    FINAL_DRAFT,
    LETTER_55,
    PROFILES,
    Layout,
    LayoutProfile,
    LineFlag,
    PlacedLine,
    paginate,
)
from greenlight.screenplay.model import (
    PRINTED,
    Dual,
    Element,
    ElementType,
    Heading,
    Scene,
    Screenplay,
    TitlePage,
)
from greenlight.screenplay.wrapping import wrap_line, wrap_paragraph, wrap_words

T = ElementType
SCRIPTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "scripts"
# A short page keeps the page-break tests readable: letter geometry, 20 lines, one blank line
# before every element but dialogue and parentheticals.
SMALL = replace(LETTER_55, name="small", lines_per_page=20)


def el(kind: ElementType, text: str = "", **options: object) -> Element:
    return Element(kind, text, 0, **options)


def script(*elements: Element, title: TitlePage | None = None) -> Screenplay:
    """A screenplay from elements in order; every heading opens a scene."""
    numbered = [replace(element, line=line) for line, element in enumerate(elements, 1)]
    scenes: list[Scene] = []
    for element in numbered:
        if element.type == T.SCENE_HEADING:
            parsed = Heading(None, element.text, None)
            scenes.append(Scene(len(scenes), None, element.text, parsed, element.line))
        if scenes:
            scenes[-1].elements.append(element)
    return Screenplay("fountain", title or TitlePage(), numbered, scenes)


def filler(lines: int) -> Element:
    """Action of exactly ``lines`` short lines."""
    return el(T.ACTION, "\n".join(f"Filler line {n}." for n in range(lines)))


def lines_of(layout: Layout) -> list[tuple[int, PlacedLine]]:
    return [(page.number, line) for page in layout.pages for line in page.lines]


def where(layout: Layout, text: str) -> tuple[int, int]:
    """(page, row) of the first line that starts with ``text``."""
    for number, line in lines_of(layout):
        if line.text.startswith(text):
            return number, line.row
    raise AssertionError(f"{text!r} is not printed")


def last_row(layout: Layout, page: int) -> PlacedLine:
    return max(layout.pages[page - 1].lines, key=lambda line: line.row)


# --- wrapping -------------------------------------------------------------------------------


def test_lines_wrap_between_words_within_the_width():
    assert wrap_line("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]


def test_a_word_longer_than_the_width_is_cut():
    assert wrap_line("abcdefghijklmnopqrstuvwxy", 10) == ["abcdefghij", "klmnopqrst", "uvwxy"]
    assert wrap_line("to abcdefghijklmnop", 10) == ["to", "abcdefghij", "klmnop"]


@given(
    st.text(alphabet="ab cd.  efghijklmnop-!", min_size=1, max_size=200),
    st.integers(min_value=2, max_value=70),
    st.integers(min_value=-2, max_value=2),
)
def test_the_fast_wrap_agrees_with_wrapping_word_by_word(text, width, first_delta):
    line = text.strip() or "x"
    first = max(2, width + first_delta)
    expected = [line] if len(line) <= first else wrap_words(line, width, first)
    assert wrap_line(line, width, first) == expected


def test_hard_line_breaks_and_typed_spacing_are_kept():
    paragraph = wrap_paragraph("One.  Two three four\nFive", 12)
    assert paragraph.lines == ["One.  Two", "three four", "Five"]
    assert paragraph.hard_breaks == [False, True, True]


def test_action_keeps_its_typed_indent_but_other_elements_do_not():
    assert wrap_paragraph("    (MAIN TITLES)", 60, indent=True).lines == ["    (MAIN TITLES)"]
    assert wrap_paragraph("    (MAIN TITLES)", 60).lines == ["(MAIN TITLES)"]


def test_each_element_wraps_at_its_own_width_and_indent():
    long = " ".join(["word"] * 60)
    layout = paginate(
        script(
            el(T.SCENE_HEADING, "INT. HOUSE - DAY"),
            el(T.ACTION, long),
            el(T.CHARACTER, "ANNA"),
            el(T.PARENTHETICAL, "(" + " ".join(["quietly"] * 6) + ")"),
            el(T.DIALOGUE, long),
            el(T.TRANSITION, "CUT TO:"),
        )
    )
    widths: dict[ElementType, int] = {}
    indents: dict[ElementType, set[int]] = {}
    for _, line in lines_of(layout):
        widths[line.type] = max(widths.get(line.type, 0), len(line.text))
        indents.setdefault(line.type, set()).add(line.indent)
    # Final Draft 10: action 1.25-7.25" (60 columns), dialogue 2.56-6.25" (36), parenthetical
    # 3.25-5.25" (20, its first line hung one column left), transition flush right at 6.75".
    assert 55 < widths[T.ACTION] <= 60
    assert 30 < widths[T.DIALOGUE] <= 36
    assert 15 < widths[T.PARENTHETICAL] <= 21
    assert indents[T.ACTION] == {12}
    assert indents[T.DIALOGUE] == {25}
    assert indents[T.CHARACTER] == {37}
    assert indents[T.PARENTHETICAL] == {31, 32}
    assert indents[T.TRANSITION] == {67 - len("CUT TO:")}


def test_parentheticals_wrap_narrower_than_dialogue():
    words = " ".join(["softly"] * 12)
    layout = paginate(
        script(el(T.CHARACTER, "ANNA"), el(T.PARENTHETICAL, f"({words})"), el(T.DIALOGUE, words))
    )
    rows = [line for _, line in lines_of(layout)]
    parenthetical = [line for line in rows if line.type == T.PARENTHETICAL]
    dialogue = [line for line in rows if line.type == T.DIALOGUE]
    assert len(parenthetical) > len(dialogue)


# --- spacing, page breaks, writer-only elements --------------------------------------------


def test_blank_lines_before_each_element_follow_the_profile():
    layout = paginate(
        script(
            el(T.ACTION, "FADE IN:"),
            el(T.SCENE_HEADING, "EXT. LIBRARY - DAY"),
            el(T.ACTION, "A programmer types."),
            el(T.CHARACTER, "PROGRAMMER"),
            el(T.PARENTHETICAL, "(excited)"),
            el(T.DIALOGUE, "Eureka!"),
            el(T.TRANSITION, "FADE OUT."),
        )
    )
    rows = [(line.type, line.row) for _, line in lines_of(layout)]
    assert rows == [
        (T.ACTION, 0),
        (T.SCENE_HEADING, 3),  # two blank lines before a heading in Final Draft
        (T.ACTION, 5),
        (T.CHARACTER, 7),
        (T.PARENTHETICAL, 8),  # none before parentheticals and dialogue
        (T.DIALOGUE, 9),
        (T.TRANSITION, 11),
    ]


def test_blank_lines_are_dropped_at_the_head_of_a_page():
    layout = paginate(script(el(T.SCENE_HEADING, "INT. HOUSE - DAY"), el(T.ACTION, "Quiet.")))
    assert where(layout, "INT. HOUSE") == (1, 0)


def test_extra_empty_source_lines_print_as_blank_lines():
    spaced = el(T.ACTION, "After.", blank_lines_before=3)
    assert where(paginate(script(el(T.ACTION, "Before."), spaced)), "After.") == (1, 4)
    ignoring = replace(FINAL_DRAFT, keep_blank_lines=False)
    assert where(paginate(script(el(T.ACTION, "Before."), spaced), ignoring), "After.") == (1, 2)


def test_the_title_page_is_not_counted_and_the_body_starts_on_page_one():
    title = TitlePage((("Title", ("CHARADE",)), ("Author", ("Peter Stone",))))
    layout = paginate(script(el(T.ACTION, "FADE IN:"), title=title))
    assert layout.page_count == 1
    assert layout.pages[0].number == 1


def test_writer_only_elements_take_no_space():
    plain = [el(T.SCENE_HEADING, "INT. HOUSE - DAY"), el(T.ACTION, "Quiet."), filler(3)]
    noted = [
        el(T.SECTION, "ACT ONE", depth=1),
        plain[0],
        el(T.SYNOPSIS, "We meet the house."),
        plain[1],
        el(T.SECTION, "A beat", depth=2),
        plain[2],
    ]
    strip = [(n, line.row, line.text) for n, line in lines_of(paginate(script(*plain)))]
    assert [(n, line.row, line.text) for n, line in lines_of(paginate(script(*noted)))] == strip


def test_a_page_break_starts_a_new_page_and_takes_no_space():
    layout = paginate(
        script(el(T.ACTION, "Before."), el(T.PAGE_BREAK), el(T.ACTION, "After.")), SMALL
    )
    assert where(layout, "After.") == (2, 0)
    assert all(line.type != T.PAGE_BREAK for _, line in lines_of(layout))


def test_an_element_that_starts_a_new_page_does():
    layout = paginate(
        script(el(T.ACTION, "Before."), el(T.ACTION, "After.", starts_new_page=True)), SMALL
    )
    assert where(layout, "After.") == (2, 0)


def test_a_page_break_on_an_empty_page_makes_no_blank_page():
    layout = paginate(script(el(T.PAGE_BREAK), el(T.ACTION, "Only."), el(T.PAGE_BREAK)), SMALL)
    assert layout.page_count == 1


def test_an_empty_script_has_no_pages():
    layout = paginate(script(el(T.SECTION, "Notes only")))
    assert layout.page_count == 0
    assert layout.scenes == ()


# --- page-break rules -------------------------------------------------------------------------


def test_a_scene_heading_is_never_left_at_the_foot_of_a_page():
    # 17 filler lines; the heading would print on row 18 with no room for its action.
    layout = paginate(
        script(filler(17), el(T.SCENE_HEADING, "INT. HALL - NIGHT"), el(T.ACTION, "Dark.")),
        SMALL,
    )
    assert where(layout, "INT. HALL") == (2, 0)
    assert where(layout, "Dark.") == (2, 2)
    assert last_row(layout, 1).type == T.ACTION


def test_a_heading_stays_only_with_at_least_two_lines_of_what_follows():
    action = filler(6)
    kept = paginate(script(filler(14), el(T.SCENE_HEADING, "INT. A - DAY"), action), SMALL)
    assert where(kept, "INT. A") == (1, 15)
    assert where(kept, "Filler line 0.") == (1, 0)  # the first filler
    moved = paginate(script(filler(16), el(T.SCENE_HEADING, "INT. A - DAY"), action), SMALL)
    # Only one line of action would fit under the heading: both go over.
    assert where(moved, "INT. A") == (2, 0)


def test_a_transition_never_opens_a_page_alone():
    layout = paginate(
        script(filler(16), el(T.ACTION, "Two short\nlines."), el(T.TRANSITION, "CUT TO:")),
        SMALL,
    )
    # The transition did not fit on page 1; the action before it goes over with it.
    assert where(layout, "Two short") == (2, 0)
    assert where(layout, "CUT TO:") == (2, 3)


def test_a_transition_pulls_the_last_lines_of_long_action_along():
    long = el(T.ACTION, "\n".join(f"Action line {n}." for n in range(6)))
    layout = paginate(script(filler(12), long, el(T.TRANSITION, "CUT TO:")), SMALL)
    assert where(layout, "Action line 3.") == (1, 16)
    assert where(layout, "Action line 4.") == (2, 0)
    assert where(layout, "CUT TO:") == (2, 3)


def test_action_of_three_lines_or_fewer_is_never_split():
    three = el(T.ACTION, "First.\nSecond.\nThird.")
    layout = paginate(script(filler(17), three), SMALL)
    assert [where(layout, text)[0] for text in ("First.", "Second.", "Third.")] == [2, 2, 2]


def test_longer_action_never_leaves_or_carries_a_single_line():
    five = el(T.ACTION, "\n".join(f"Line {n}." for n in range(5)))
    split = paginate(script(filler(15), five), SMALL)
    assert [where(split, f"Line {n}.")[0] for n in range(5)] == [1, 1, 1, 2, 2]
    # Room for one line only: the whole paragraph goes over instead.
    moved = paginate(script(filler(18), five), SMALL)
    assert [where(moved, f"Line {n}.")[0] for n in range(5)] == [2] * 5
    six = el(T.ACTION, "\n".join(f"Line {n}." for n in range(6)))
    carried = paginate(script(filler(14), six), SMALL)
    assert [where(carried, f"Line {n}.")[0] for n in range(6)] == [1, 1, 1, 1, 2, 2]


def speech(name: str, *lines: str) -> list[Element]:
    return [el(T.CHARACTER, name), *(el(T.DIALOGUE, line) for line in lines)]


def test_dialogue_splits_between_lines_with_more_and_contd():
    dialogue = "\n".join(f"Spoken line {n}." for n in range(8))
    layout = paginate(script(filler(12), *speech("ANNA", dialogue)), SMALL)
    page1 = sorted(layout.pages[0].lines, key=lambda line: line.row)
    page2 = sorted(layout.pages[1].lines, key=lambda line: line.row)
    assert page1[-1].text == "(MORE)" and page1[-1].flag == LineFlag.MORE
    assert page1[-1].row == 19
    assert page1[-2].text == "Spoken line 4."
    assert page2[0].text == "ANNA (CONT'D)" and page2[0].flag == LineFlag.CONTD
    assert [line.text for line in page2[1:]] == [f"Spoken line {n}." for n in (5, 6, 7)]


def test_a_character_cue_is_never_alone_at_the_foot_of_a_page():
    layout = paginate(script(filler(16), *speech("ANNA", "One.\nTwo.\nThree.")), SMALL)
    assert where(layout, "ANNA") == (2, 0)
    assert not any(line.flag for _, line in lines_of(layout))


def test_contd_is_not_added_twice():
    dialogue = "\n".join(f"Spoken line {n}." for n in range(8))
    layout = paginate(script(filler(12), *speech("ANNA (CONT'D)", dialogue)), SMALL)
    assert where(layout, "ANNA (CONT'D)") == (1, 13)
    assert [line.text for _, line in lines_of(layout) if line.flag == LineFlag.CONTD] == [
        "ANNA (CONT'D)"
    ]


def test_dialogue_never_breaks_right_after_a_parenthetical():
    elements = [
        el(T.CHARACTER, "ANNA"),
        el(T.DIALOGUE, "First line.\nSecond line."),
        el(T.PARENTHETICAL, "(beat)"),
        el(T.DIALOGUE, "Third line.\nFourth line.\nFifth line.\nSixth line."),
    ]
    layout = paginate(script(filler(14), *elements), SMALL)
    page1 = sorted(layout.pages[0].lines, key=lambda line: line.row)
    assert [line.text for line in page1[-3:]] == ["First line.", "Second line.", "(MORE)"]
    assert where(layout, "(beat)") == (2, 1)


def test_final_draft_breaks_dialogue_only_at_the_end_of_a_sentence():
    profile = replace(FINAL_DRAFT, lines_per_page=20)
    first = "One two three four five six seven eight nine ten eleven twelve."
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima"
    layout = paginate(script(filler(12), *speech("ANNA", f"{first} {words} {words} end.")), profile)
    page1 = sorted(layout.pages[0].lines, key=lambda line: line.row)
    page2 = sorted(layout.pages[1].lines, key=lambda line: line.row)
    # Five lines of dialogue would fit above (MORE), but the only sentence end is on line 2.
    assert [line.text for line in page1[-3:]] == [
        "One two three four five six seven",
        "eight nine ten eleven twelve.",
        "(MORE)",
    ]
    assert page2[1].text.startswith("alpha bravo")
    plain = paginate(script(filler(12), *speech("ANNA", f"{first} {words} {words} end.")), SMALL)
    assert len([line for line in plain.pages[0].lines if line.type == T.DIALOGUE]) == 5


def test_dual_dialogue_takes_the_height_of_the_taller_side():
    left = [el(T.CHARACTER, "BRICK", dual=Dual.LEFT), el(T.DIALOGUE, "Screw it.")]
    right = [
        el(T.CHARACTER, "STEEL", dual=Dual.RIGHT),
        el(T.DIALOGUE, "One.\nTwo.\nThree.\nFour."),
    ]
    layout = paginate(script(*left, *right, el(T.ACTION, "They drink.")), SMALL)
    printed = [line for _, line in lines_of(layout)]
    assert where(layout, "BRICK") == where(layout, "STEEL") == (1, 0)
    columns = {line.text: line.column for line in printed}
    assert columns["Screw it."] == Dual.LEFT and columns["Four."] == Dual.RIGHT
    assert where(layout, "They drink.") == (1, 6)  # 1 cue + 4 lines, then a blank line
    steel = next(line for line in printed if line.text == "STEEL")
    brick = next(line for line in printed if line.text == "BRICK")
    assert steel.indent > brick.indent


def test_dual_dialogue_columns_are_narrower():
    words = " ".join(["word"] * 30)
    left = [el(T.CHARACTER, "A", dual=Dual.LEFT), el(T.DIALOGUE, words)]
    right = [el(T.CHARACTER, "B", dual=Dual.RIGHT), el(T.DIALOGUE, words)]
    layout = paginate(script(*left, *right))
    dialogue = [line for _, line in lines_of(layout) if line.type == T.DIALOGUE]
    assert max(len(line.text) for line in dialogue) <= FINAL_DRAFT.dual_width


def test_a_right_hand_speech_after_other_elements_is_not_paired():
    layout = paginate(
        script(
            *speech("A", "Hello."),
            el(T.ACTION, "Pause."),
            el(T.CHARACTER, "B", dual=Dual.RIGHT),
            el(T.DIALOGUE, "Hi."),
        )
    )
    assert {line.column for _, line in lines_of(layout)} == {None}


def test_a_page_that_goes_on_with_a_scene_is_continued():
    layout = paginate(script(el(T.SCENE_HEADING, "INT. A - DAY"), filler(12), filler(12)), SMALL)
    assert [page.continued for page in layout.pages] == [False, True]
    fresh = paginate(
        script(
            el(T.SCENE_HEADING, "INT. A - DAY"),
            filler(16),
            el(T.SCENE_HEADING, "INT. B - DAY"),
            filler(3),
        ),
        SMALL,
    )
    assert [page.continued for page in fresh.pages] == [False, False]


# --- eighths ----------------------------------------------------------------------------------


def test_scene_lengths_round_up_to_eighths_with_a_minimum_of_one():
    profile = replace(FINAL_DRAFT, lines_per_page=16)  # an eighth is two lines
    layout = paginate(
        script(
            el(T.SCENE_HEADING, "INT. A - DAY"),  # 1 line: the blank lines drop at the top
            el(T.SCENE_HEADING, "INT. B - DAY"),  # 2 blank + 1
            el(T.ACTION, "One line."),  # 1 blank + 1
            el(T.SCENE_HEADING, "INT. C - DAY"),
            el(T.ACTION, "One line.\nTwo lines."),
        ),
        profile,
    )
    assert [(s.lines, s.eighths) for s in layout.scenes] == [(1, 1), (5, 3), (6, 3)]
    assert [s.start_page for s in layout.scenes] == [1, 1, 1]


def test_a_scene_is_measured_across_page_breaks():
    layout = paginate(script(el(T.SCENE_HEADING, "INT. A - DAY"), filler(12), filler(12)), SMALL)
    (scene,) = layout.scenes
    # Heading; blank + 12 lines; blank + 5 lines at the foot; the last 7 lines on page 2.
    assert (scene.start_page, scene.lines) == (1, 1 + 13 + 6 + 7)
    assert scene.eighths == 11  # 27 lines of 2.5 a page-eighth: 10.8, rounded up


def test_the_empty_foot_of_a_page_belongs_to_no_scene():
    layout = paginate(
        script(
            el(T.SCENE_HEADING, "INT. A - DAY"),
            filler(16),
            el(T.SCENE_HEADING, "INT. B - DAY"),
            filler(3),
        ),
        SMALL,
    )
    assert [(s.start_page, s.lines) for s in layout.scenes] == [(1, 18), (2, 5)]


def test_a_scene_with_no_printed_heading_still_gets_a_length():
    first = el(T.SCENE_HEADING, "INT. A - DAY")
    missing = Scene(1, None, "GONE", Heading(None, "GONE", None), 99, [])
    screenplay = script(first, el(T.ACTION, "Hi."))
    screenplay.scenes.append(missing)
    layout = paginate(screenplay)
    assert [(s.start_page, s.eighths) for s in layout.scenes] == [(1, 1), (1, 1)]


# --- profiles ---------------------------------------------------------------------------------


def test_the_profiles_are_named_and_sized():
    assert set(PROFILES) == {"finaldraft", "letter-55", "a4-57"}
    assert [p.lines_per_page for p in (FINAL_DRAFT, LETTER_55, A4_57)] == [54, 55, 57]
    assert FINAL_DRAFT.sentence_breaks and not LETTER_55.sentence_breaks
    assert A4_57.style(T.ACTION).width < LETTER_55.style(T.ACTION).width


def test_a_profile_must_have_room_and_a_style_for_every_printed_element():
    with pytest.raises(ValueError, match="at least 10 lines"):
        replace(LETTER_55, lines_per_page=5)
    styles = {kind: style for kind, style in LETTER_55.styles.items() if kind != T.LYRICS}
    with pytest.raises(ValueError, match="no style"):
        LayoutProfile("broken", 55, styles)


# --- properties -------------------------------------------------------------------------------

_word = st.one_of(
    st.text("abcdefghij", min_size=1, max_size=12),
    st.text("klmnop", min_size=30, max_size=90),  # longer than some widths: cut
)
_sentence = st.builds(
    lambda words, end: " ".join(words) + end,
    st.lists(_word, min_size=1, max_size=14),
    st.sampled_from([".", "!", "?", "", ","]),
)
_text = st.builds(
    lambda sentences, joint: joint.join(sentences),
    st.lists(_sentence, min_size=1, max_size=6),
    st.sampled_from([" ", "\n", "  "]),
)


@st.composite
def _speech(draw: st.DrawFn, dual: Dual | None = None) -> list[Element]:
    parts = [
        el(T.CHARACTER, draw(st.sampled_from(["ANNA", "BOB (V.O.)", "CARL (CONT'D)"])), dual=dual)
    ]
    for kind in draw(st.lists(st.sampled_from([T.DIALOGUE, T.PARENTHETICAL]), max_size=4)):
        text = draw(_text)
        parts.append(el(kind, f"({text})" if kind == T.PARENTHETICAL else text, dual=dual))
    return parts


_single = st.builds(
    lambda kind, text, new_page, blanks: [
        el(kind, text, starts_new_page=new_page, blank_lines_before=blanks)
    ],
    st.sampled_from(
        [T.SCENE_HEADING, T.ACTION, T.ACTION, T.TRANSITION, T.SHOT, T.GENERAL, T.LYRICS]
    ),
    _text,
    st.sampled_from([False] * 9 + [True]),
    st.sampled_from([1] * 5 + [0, 2, 4]),
)
_marker = st.sampled_from(
    [[el(T.PAGE_BREAK)], [el(T.SECTION, "Act", depth=1)], [el(T.SYNOPSIS, "Beat")]]
)
_dual = st.builds(lambda a, b: a + b, _speech(Dual.LEFT), _speech(Dual.RIGHT))
_script = st.lists(st.one_of(_single, _single, _speech(), _dual, _marker), max_size=40).map(
    lambda chunks: script(*(element for chunk in chunks for element in chunk))
)
_profile = st.builds(
    lambda profile, size: replace(profile, lines_per_page=size),
    st.sampled_from(list(PROFILES.values())),
    st.integers(min_value=10, max_value=60),
)


def _squeeze(text: str) -> str:
    return "".join(text.split())


@settings(max_examples=150, deadline=None)
@given(_script, _profile)
def test_every_printed_line_lands_once_on_a_page_that_holds_it(screenplay, profile):
    layout = paginate(screenplay, profile)
    printed: dict[int, list[str]] = {}
    seen: set[tuple[int, int, Dual | None]] = set()
    for number, line in lines_of(layout):
        assert 0 <= line.row < profile.lines_per_page
        assert (number, line.row, line.column) not in seen
        seen.add((number, line.row, line.column))
        if line.flag == LineFlag.NONE:
            printed.setdefault(line.element, []).append(line.text)
    for index, element in enumerate(screenplay.elements):
        if element.type in PRINTED:  # every character once, wherever the lines were cut
            assert _squeeze("".join(printed.get(index, []))) == _squeeze(element.text)
        else:
            assert index not in printed
    assert [page.number for page in layout.pages] == list(range(1, layout.page_count + 1))


@settings(max_examples=150, deadline=None)
@given(_script, _profile)
def test_scenes_are_at_least_an_eighth_and_start_in_page_order(screenplay, profile):
    layout = paginate(screenplay, profile)
    assert len(layout.scenes) == len(screenplay.scenes)
    assert all(scene.eighths >= 1 for scene in layout.scenes)
    starts = [scene.start_page for scene in layout.scenes]
    assert starts == sorted(starts)
    assert all(1 <= page <= max(layout.page_count, 1) for page in starts)
    used = sum(max(line.row for line in page.lines) + 1 for page in layout.pages)
    assert sum(scene.lines for scene in layout.scenes) <= used


# --- the real samples -------------------------------------------------------------------------

_HAS_PARSERS = all(
    importlib.util.find_spec(f"greenlight.screenplay.{name}") for name in ("fdx", "parse")
)
needs_parsers = pytest.mark.skipif(not _HAS_PARSERS, reason="the parsers have not landed yet")


@needs_parsers
@pytest.mark.parametrize("sample", ["rsdoiel-sample-01", "rsdoiel-sample-02", "rsdoiel-sample-03"])
def test_final_draft_samples_get_final_drafts_own_pages_and_eighths(sample):
    from greenlight.screenplay.fdx import parse_fdx  # noqa: PLC0415 - present only once landed

    name = f"{sample}.finaldraft.fdx"
    screenplay = parse_fdx((SCRIPTS / name).read_bytes(), name=name)
    reference = json.loads((SCRIPTS / "expected" / f"{name}.reference.json").read_text())
    expected = [(scene["page"], scene["length_eighths"]) for scene in reference["scenes"]]
    from_fdx = [
        (scene.final_draft.page, scene.final_draft.length_eighths)
        for scene in screenplay.scenes
        if scene.final_draft is not None
    ]
    ours = [(scene.start_page, scene.eighths) for scene in paginate(screenplay).scenes]
    assert from_fdx == expected
    assert ours == expected


@needs_parsers
@pytest.mark.parametrize(
    ("sample", "pages"),
    [("Charade.fountain", range(150, 190)), ("Brick-and-Steel.fountain", range(3, 5))],
)
def test_real_scripts_have_plausible_page_counts(sample, pages):
    from greenlight.screenplay.parse import parse_script  # noqa: PLC0415 - present once landed

    screenplay = parse_script((SCRIPTS / sample).read_bytes(), sample)
    layout = paginate(screenplay)
    assert layout.page_count in pages
    # Each scene rounds up, so the eighths add up to about the page count or a little more.
    assert sum(scene.eighths for scene in layout.scenes) >= (layout.page_count - 1) * 8
