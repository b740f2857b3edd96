"""`greenlight schedule talent`: JSON and readable output, time limits, one-line errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from greenlight.cli import cli, main
from tests.scheduling.samples import TALENT


def test_json_output_has_exactly_the_documented_fields():
    result = CliRunner().invoke(
        cli, ["schedule", "talent", "--json", str(TALENT / "csplib-prob039/rehearsal_smith.dzn")]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document) == {"total_cost", "holding_cost", "order", "optimal", "seconds"}
    assert (document["total_cost"], document["holding_cost"], document["optimal"]) == (
        109,
        17,
        True,
    )
    assert sorted(document["order"]) == list(range(9))
    assert isinstance(document["seconds"], float)


def test_readable_output_shows_costs_order_and_each_actors_days():
    result = CliRunner().invoke(cli, ["schedule", "talent", str(TALENT / "ddo-talentsched/tiny")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "tiny: 4 scenes, 3 actors"
    assert lines[1].startswith("total cost 29, holding cost 2 (optimal;")
    assert lines[2].startswith("order (scene numbers from 1, as in the file): ")
    assert sorted(lines[2].split(": ")[1].split()) == ["1", "2", "3", "4"]
    assert len(lines) == 3 + 3
    assert all("/day" in line and "waiting" in line for line in lines[3:])


def test_time_limit_reports_a_best_order_not_proven_optimal():
    result = CliRunner().invoke(
        cli,
        [
            "schedule",
            "talent",
            "--json",
            "--time-limit",
            "0",
            str(TALENT / "ddo-talentsched/Shaw2020"),
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["optimal"] is False
    assert sorted(document["order"]) == list(range(20))
    assert document["total_cost"] >= 877


def test_malformed_file_is_one_line_naming_file_and_line(tmp_path: Path, capsys):
    broken = tmp_path / "broken.dzn"
    broken.write_text("numScenes = 2;\nnumActors = 1;\nia = [| 1, 2 |];\nc = [1];\nd = [1, 2];\n")
    with pytest.raises(SystemExit) as exited:
        main(["schedule", "talent", str(broken)])
    assert exited.value.code == 1
    error = capsys.readouterr().err
    assert error == f"error: {broken}, line 3: ia: entries must be 0 or 1\n"


def test_missing_file_is_one_line(tmp_path: Path):
    result = CliRunner().invoke(cli, ["schedule", "talent", str(tmp_path / "nothing.dzn")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {tmp_path / 'nothing.dzn'}: no such file"
    ]
