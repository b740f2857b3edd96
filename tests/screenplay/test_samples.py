"""Every sample script parses; counts agree with the references in expected/*.reference.json.

For .fountain files the reference is screenplain's output, which is a reference, not truth
(scripts README). Where we differ on purpose the test asserts our number and says why. For the
Final Draft files the reference is Final Draft's own SceneProperties, which must come through
exactly.
"""

import json
from pathlib import Path

import pytest

from greenlight.screenplay.model import ElementType, Screenplay, character_identity
from greenlight.screenplay.parse import parse_script

SCRIPTS = Path(__file__).resolve().parents[3] / "shared/data/scripts"
FOUNTAIN = sorted(path.name for path in SCRIPTS.glob("*.fountain"))
FDX = sorted(path.name for path in SCRIPTS.glob("*.fdx"))
FINAL_DRAFT = [name for name in FDX if name.endswith(".finaldraft.fdx")]

# screenplain takes the note "[[URL to search ...: http://...]]" right under the title page as
# a title key (because of its colon); notes in the title block are not keys (screenplay.md 1.1).
NOT_TITLE_KEYS = {"The-Library-Freak-Out.fountain": {"[[url to search for archival/announce post"}}


def _parse(name: str) -> Screenplay:
    return parse_script((SCRIPTS / name).read_bytes(), name)


def _reference(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (SCRIPTS / "expected" / f"{name}.reference.json").read_text()
    )
    return data


def _speakers(screenplay: Screenplay) -> set[str]:
    return {
        character_identity(element.text)
        for element in screenplay.elements
        if element.type == ElementType.CHARACTER
    }


def test_the_samples_are_all_there():
    assert len(FOUNTAIN) == 7
    assert len(FDX) == 4
    assert len(FINAL_DRAFT) == 3


@pytest.mark.parametrize("name", FOUNTAIN)
def test_fountain_samples_have_screenplains_scenes_and_speaking_characters(name):
    screenplay, reference = _parse(name), _reference(name)
    assert screenplay.source_format == "fountain"
    assert len(screenplay.scenes) == reference["scene_headings"]
    assert [scene.heading for scene in screenplay.scenes] == [
        item["heading"] for item in reference["scene_heading_list"]
    ]
    assert len(_speakers(screenplay)) == reference["distinct_speaking_characters"]
    assert _speakers(screenplay) == set(reference["speaking_characters"])
    cues = sum(element.type == ElementType.CHARACTER for element in screenplay.elements)
    assert cues == reference["dialogue_cues"]


@pytest.mark.parametrize("name", FOUNTAIN)
def test_fountain_title_pages_have_screenplains_keys_except_notes(name):
    keys = [key.lower() for key, _ in _parse(name).title_page.fields]
    expected = [key.lower() for key in _reference(name)["title_page_keys"]]
    assert keys == [key for key in expected if key not in NOT_TITLE_KEYS.get(name, set())]


def test_charade_has_no_title_page_because_it_starts_with_a_blank_line():
    screenplay = _parse("Charade.fountain")
    assert screenplay.title_page.fields == ()
    assert screenplay.elements[0].text.startswith("Title: CHARADE")
    assert screenplay.elements[0].line == 2


def test_brick_and_steel_with_mixed_line_endings_keeps_its_dual_dialogue():
    screenplay = _parse("Brick-and-Steel.fountain")
    assert screenplay.title == "BRICK & STEEL FULL RETIRED"
    duals = [
        (e.text, e.dual) for e in screenplay.elements if e.type == ElementType.CHARACTER and e.dual
    ]
    assert duals == [("STEEL", "left"), ("BRICK", "right")]
    assert screenplay.scenes[3].heading == "SNIPER SCOPE POV"  # forced with "."


@pytest.mark.parametrize("name", FDX)
def test_fdx_samples_have_the_reference_scenes_and_characters(name):
    screenplay, reference = _parse(name), _reference(name)
    assert screenplay.source_format == "fdx"
    assert len(screenplay.scenes) == reference["scene_heading_paragraphs"]
    assert [(scene.number, scene.heading) for scene in screenplay.scenes] == [
        (item["number"], item["heading"]) for item in reference["scenes"]
    ]
    assert sorted(_speakers(screenplay)) == reference["distinct_character_names_normalized"]
    cues = sum(element.type == ElementType.CHARACTER for element in screenplay.elements)
    assert cues == reference["character_cues"]


@pytest.mark.parametrize("name", FINAL_DRAFT)
def test_final_drafts_own_scene_lengths_and_pages_come_through_exactly(name):
    screenplay, reference = _parse(name), _reference(name)
    ours = [
        (scene.final_draft.length_eighths, scene.final_draft.page)
        for scene in screenplay.scenes
        if scene.final_draft is not None
    ]
    expected = [(item["length_eighths"], item["page"]) for item in reference["scenes"]]
    assert ours == expected
    total = sum(length for length, _ in ours if length is not None)
    assert total == reference["sum_of_scene_lengths_eighths"]


def test_the_screenplain_fdx_has_no_final_draft_values_but_keeps_its_dual_dialogue():
    screenplay = _parse("Brick-and-Steel.screenplain.fdx")
    assert all(scene.final_draft is None for scene in screenplay.scenes)
    duals = [(e.text, e.dual) for e in screenplay.elements if e.dual is not None]
    assert duals == [
        ("STEEL", "left"),
        ("Screw retirement.", "left"),
        ("BRICK", "right"),
        ("Screw retirement.", "right"),
    ]


def test_a_final_draft_title_page_is_read_into_the_usual_keys():
    screenplay = _parse("rsdoiel-sample-03.finaldraft.fdx")
    assert screenplay.title_page.fields == (
        ("Title", ("SAMPLE 03",)),
        ("Credit", ("Written by",)),
        ("Author", ("Jane Doe",)),
        ("Copyright", ("Copyright (c) 2018",)),
        ("Draft date", ("2018-01-01",)),
        (
            "Contact",
            ("ACME Examples Productions", "1234 5th Avenue", "Anytown, Planet Earth, 12345-7890"),
        ),
    )


@pytest.mark.parametrize("stem", ["rsdoiel-sample-01", "rsdoiel-sample-02", "rsdoiel-sample-03"])
def test_fountain_and_final_draft_versions_agree_on_scenes_and_cast(stem):
    fountain = _parse(f"{stem}.fountain")
    fdx = _parse(f"{stem}.finaldraft.fdx")
    assert [s.heading for s in fountain.scenes] == [s.heading for s in fdx.scenes]
    assert [s.parsed for s in fountain.scenes] == [s.parsed for s in fdx.scenes]
    assert _speakers(fountain) == _speakers(fdx)
