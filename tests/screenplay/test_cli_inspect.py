"""`greenlight script inspect|lint`: the documented JSON, and Final Draft's own numbers."""

import json

import pytest
from click.testing import CliRunner

from greenlight.cli import cli
from tests.screenplay.samples import SCRIPTS

FINAL_DRAFT = sorted(SCRIPTS.glob("*.finaldraft.fdx"))
SCENE_KEYS = {
    "number",
    "heading",
    "int_ext",
    "location",
    "time_of_day",
    "page",
    "eighths",
    "characters",
}


def inspect(*args: str) -> dict:
    result = CliRunner().invoke(cli, ["script", "inspect", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("path", FINAL_DRAFT, ids=lambda p: p.name)
def test_paginate_reproduces_final_drafts_scene_pages_and_eighths(path):
    reference = json.loads((SCRIPTS / "expected" / f"{path.name}.reference.json").read_text())
    ours = inspect(str(path), "--paginate")
    expected = [(s["heading"], s["page"], s["length_eighths"]) for s in reference["scenes"]]
    assert [(s["heading"], s["page"], s["eighths"]) for s in ours["scenes"]] == expected


@pytest.mark.parametrize("path", sorted(SCRIPTS.glob("*.f*")), ids=lambda p: p.name)
def test_inspect_json_has_exactly_the_documented_shape(path):
    document = inspect(str(path))
    assert set(document) == {"title", "page_count", "scenes", "characters"}
    assert isinstance(document["page_count"], int) and document["page_count"] >= 1
    for scene in document["scenes"]:
        assert set(scene) == SCENE_KEYS
        assert scene["int_ext"] in {"INT", "EXT", "INT/EXT", None}
        assert scene["eighths"] >= 1 and scene["page"] >= 1
    for character in document["characters"]:
        assert set(character) == {"name", "cues", "scenes"}


def test_a_malformed_file_is_one_clear_error_line(tmp_path):
    bad = tmp_path / "broken.fdx"
    bad.write_text("<FinalDraft><Content><Paragraph Type='Action'><Text>oops</Content>")
    result = CliRunner().invoke(cli, ["script", "inspect", str(bad)])
    assert result.exit_code != 0
    assert "broken.fdx" in str(result.exception) and "line" in str(result.exception)


def test_lint_exits_non_zero_on_errors_and_prints_json_findings(tmp_path):
    script = tmp_path / "s.fountain"
    script.write_text("INT. BAR - NIGHT\n\nBOB\nWhat the heck.\n")
    words = tmp_path / "words.txt"
    words.write_text("heck\n")
    result = CliRunner().invoke(
        cli, ["script", "lint", str(script), "--json", "--restricted", str(words)]
    )
    assert result.exit_code == 1
    findings = json.loads(result.output.splitlines()[0])
    assert [f["rule"] for f in findings] == ["restricted_word"]
    assert findings[0]["line"] == 4
