"""The standards lint: each rule finds what it should, with scene and line, and nothing more."""

from greenlight.screenplay.fountain import parse_fountain
from greenlight.screenplay.lint import LintRules, Rule, Severity, lint

CLEAN = """\
INT. KITCHEN - DAY

Edward pours coffee.

EDWARD
Morning.

EXT. GARDEN - NIGHT

Sandra waters the roses.

SANDRA
You're up late.

EDWARD
Always.
"""


def findings(text: str, pages: int = 1, **rules):
    return lint(parse_fountain(text), pages, LintRules(**rules))


def test_a_clean_script_has_no_findings():
    assert findings(CLEAN) == []


def test_character_names_that_differ_by_a_typo_are_flagged_on_the_rarer_one():
    text = CLEAN + "\nINT. HALL - DAY\n\nEDWRAD\nOops.\n"
    found = [f for f in findings(text) if f.rule == Rule.CHARACTER_SPELLING]
    assert len(found) == 1
    assert "'EDWRAD' differs only slightly from 'EDWARD'" in found[0].message
    assert found[0].line == text.splitlines().index("EDWRAD") + 1


def test_numbered_characters_are_not_typos():
    text = "INT. HALL - DAY\n\nGUARD 1\nHalt.\n\nGUARD 2\nWho goes?\n"
    assert [f for f in findings(text) if f.rule == Rule.CHARACTER_SPELLING] == []


def test_a_name_inside_another_is_not_a_typo():
    text = "INT. HALL - DAY\n\nMAN'S VOICE\nHello?\n\nWOMAN'S VOICE\nWho's there?\n"
    assert [f for f in findings(text) if f.rule == Rule.CHARACTER_SPELLING] == []


def test_confirmed_aliases_are_not_reported_as_typos():
    text = CLEAN + "\nINT. HALL - DAY\n\nEDWRAD\nOops.\n"
    found = findings(text, confirmed_aliases=frozenset({("EDWRAD", "EDWARD")}))
    assert [f for f in found if f.rule == Rule.CHARACTER_SPELLING] == []


def test_unknown_time_of_day_and_missing_time_are_warnings_with_the_scene():
    text = "INT. KITCHEN - BREAKFAST\n\nToast.\n\nEXT. GARDEN\n\nRoses.\n"
    found = [f for f in findings(text) if f.rule == Rule.TIME_OF_DAY]
    assert [(f.scene_index, f.severity) for f in found] == [
        (0, Severity.WARNING),
        (1, Severity.WARNING),
    ]
    assert "ends in 'BREAKFAST', not a time of day" in found[0].message
    assert "no time of day" in found[1].message


def test_a_projects_extra_times_of_day_are_accepted():
    text = "INT. KITCHEN - BREAKFAST\n\nToast.\n"
    rules = LintRules().times_of_day | {"BREAKFAST"}
    assert [f for f in findings(text, times_of_day=rules) if f.rule == Rule.TIME_OF_DAY] == []


def test_locations_spelled_two_ways_are_flagged():
    text = "INT. JOHN'S HOUSE - DAY\n\nA.\n\nINT. JOHNS HOUSE - NIGHT\n\nB.\n"
    found = [f for f in findings(text) if f.rule == Rule.LOCATION_SPELLING]
    assert len(found) == 1 and found[0].scene_index == 1


def test_page_count_outside_the_target_range_is_reported():
    found = findings(CLEAN, pages=135, page_range=(90, 120))
    assert [f.rule for f in found] == [Rule.PAGE_COUNT]
    assert "135 pages" in found[0].message and "90-120" in found[0].message
    assert findings(CLEAN, pages=100, page_range=(90, 120)) == []


def test_restricted_words_are_found_whole_word_and_case_blind_with_their_line():
    text = "INT. BAR - NIGHT\n\nHe slams the glass.\n\nBOB\nWhat the Heck, Damnation!\n"
    found = findings(text, restricted_words=frozenset({"heck", "damn"}))
    assert [f.message for f in found] == ["Restricted word 'Heck'."]
    assert found[0].line == 6 and found[0].severity == Severity.ERROR


def test_locked_scripts_report_missing_duplicate_and_skipped_numbers():
    text = (
        "INT. A - DAY #1#\n\nA.\n\nINT. B - DAY #2#\n\nB.\n\nINT. C - DAY #2#\n\nC.\n\n"
        "INT. D - DAY #5#\n\nD.\n\nINT. E - DAY\n\nE.\n"
    )
    messages = [f.message for f in findings(text, locked=True) if f.rule == Rule.NUMBERING]
    assert "Scene number 2 is used twice." in messages
    assert any("Scene 3 is missing" in m for m in messages)
    assert any("Scene 4 is missing" in m for m in messages)
    assert any("has no number" in m for m in messages)


def test_unlocked_scripts_are_not_checked_for_numbering():
    text = "INT. A - DAY #1#\n\nA.\n\nINT. B - DAY #3#\n\nB.\n"
    assert [f for f in findings(text) if f.rule == Rule.NUMBERING] == []


def test_headings_without_int_or_ext_are_flagged():
    text = ".SNIPER SCOPE POV\n\nCrosshairs.\n"
    found = [f for f in findings(text) if f.rule == Rule.HEADING]
    assert found and "does not start with INT. or EXT." in found[0].message
