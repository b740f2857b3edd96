"""Scene matching between drafts, revision colours and locked numbering."""

from greenlight.screenplay.revisions import (
    Change,
    SceneText,
    match_scenes,
    number_inserted_scenes,
    revision_colour,
)

OLD = [
    SceneText("1", "EXT. PATIO - DAY", "Brick sits by the pool. He sips a beer slowly."),
    SceneText("2", "INT. TRAILER - DAY", "Steel paces the length of the trailer, phone in hand."),
    SceneText("3", "EXT. POOL - DAY", "A splash. Brick surfaces, grinning at the camera."),
    SceneText("4", "INT. BAR - NIGHT", "Neon hums. The bartender polishes one glass forever."),
]


def test_identical_drafts_match_every_scene_unchanged():
    matches = match_scenes(OLD, OLD, locked=False)
    assert [(m.old, m.new, m.change) for m in matches] == [
        (i, i, Change.UNCHANGED) for i in range(4)
    ]


def test_added_changed_and_omitted_scenes_are_told_apart():
    new = [
        OLD[0],
        SceneText(None, "INT. GARAGE - DAY", "Tools everywhere. A car on blocks, hood open."),
        SceneText(
            "2", "INT. TRAILER - DAY", "Steel paces the length of the trailer, phone to ear."
        ),
        OLD[3],
    ]
    by_new = {m.new: m for m in match_scenes(OLD, new, locked=False)}
    assert by_new[0].change == Change.UNCHANGED and by_new[0].old == 0
    assert by_new[1].change == Change.ADDED and by_new[1].old is None
    assert by_new[2].change == Change.CHANGED and by_new[2].old == 1
    assert by_new[3].change == Change.UNCHANGED and by_new[3].old == 3
    omitted = [m for m in match_scenes(OLD, new, locked=False) if m.new is None]
    assert [(m.old, m.change) for m in omitted] == [(2, Change.OMITTED)]


def test_a_moved_scene_with_a_new_heading_still_matches_by_content():
    new = [
        OLD[3],
        OLD[0],
        SceneText(None, "EXT. BRICK'S POOL - DAY", OLD[2].body),
        OLD[1],
    ]
    by_new = {m.new: m for m in match_scenes(OLD, new, locked=False)}
    assert by_new[0].old == 3
    assert by_new[2].old == 2 and by_new[2].change == Change.CHANGED


def test_locked_scripts_match_by_scene_number_even_when_rewritten():
    new = [
        SceneText("1", "EXT. PATIO - NIGHT", "Completely different words now."),
        SceneText("2", OLD[1].heading, OLD[1].body),
    ]
    by_new = {m.new: m for m in match_scenes(OLD, new, locked=True)}
    assert by_new[0].old == 0 and by_new[0].change == Change.CHANGED
    assert by_new[1].old == 1 and by_new[1].change == Change.UNCHANGED


def test_every_scene_of_both_drafts_appears_exactly_once():
    new = [OLD[2], SceneText(None, "INT. NEW - DAY", "New."), OLD[0]]
    matches = match_scenes(OLD, new, locked=False)
    assert sorted(m.old for m in matches if m.old is not None) == [0, 1, 2, 3]
    assert sorted(m.new for m in matches if m.new is not None) == [0, 1, 2]


def test_inserted_scenes_in_a_locked_script_get_letter_suffixes():
    assert number_inserted_scenes(["1", None, None, "2", "3"]) == ["1", "1A", "1B", "2", "3"]


def test_scenes_inserted_before_scene_one_are_a1_b1():
    assert number_inserted_scenes([None, None, "1", "2"]) == ["A1", "B1", "1", "2"]


def test_inserting_after_an_existing_suffix_skips_used_numbers():
    assert number_inserted_scenes(["12", "12A", None, None, "13"]) == [
        "12",
        "12A",
        "12B",
        "12C",
        "13",
    ]


def test_revision_colours_follow_the_wga_order_then_repeat_from_blue():
    names = [revision_colour(i)[0] for i in range(11)]
    assert names[:9] == [
        "White",
        "Blue",
        "Pink",
        "Yellow",
        "Green",
        "Goldenrod",
        "Buff",
        "Salmon",
        "Cherry",
    ]
    assert names[9:] == ["Second Blue", "Second Pink"]
