"""`greenlight budget compute FILE [--json]`: the topsheet or its totals as JSON."""

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner

from greenlight.budget import charts
from greenlight.budget.cli import budget
from greenlight.budget.jsonformat import dump
from greenlight.budget.model import (
    Account,
    Budget,
    Category,
    Contractual,
    DetailLine,
    Incentive,
    Section,
    Unit,
)
from greenlight.budget.totals import compute


@pytest.fixture
def runner():
    return CliRunner()


def write(tmp_path, text: str, name: str = "budget.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def topsheet_file(tmp_path):
    def category(code, section, amount):
        line = DetailLine("Costs", "1", Unit.ALLOW, "1", amount)
        return Category(
            code, f"Category {code}", section, (Account(code, f"Account {code}", (line,)),)
        )

    doc = Budget(
        "Topsheet",
        "USD",
        (
            category("1000", Section.ATL, "2400000"),
            category("2000", Section.BTL, "5100000"),
            category("5000", Section.POST, "1100000"),
            category("6000", Section.OTHER, "400000"),
        ),
        contractuals=(
            Contractual("CONT", "Contingency", Decimal(10)),
            Contractual(
                "BOND", "Completion bond", Decimal(3), ("atl", "btl", "post", "other", "CONT")
            ),
        ),
        incentives=(Incentive("Georgia", Decimal(30), ("btl",), Decimal("0.88")),),
    )
    return write(tmp_path, dump(doc))


def test_compute_prints_the_topsheet(runner, tmp_path):
    result = runner.invoke(budget, ["compute", str(topsheet_file(tmp_path))])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1000    Category 1000" in out and "2,400,000.00" in out
    assert "Above the line" in out and "Below the line" in out
    assert "Contingency: 10% of 9,000,000.00" in out and "900,000.00" in out
    assert "297,000.00" in out
    assert "Grand total" in out and "10,197,000.00" in out
    assert "incentives are not deducted" in out and "1,530,000.00" in out and "1,346,400.00" in out


def test_compute_json_prints_exactly_the_documented_totals(runner, tmp_path):
    path = write(tmp_path, dump(charts.load("feature")))
    result = runner.invoke(budget, ["compute", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == [
        "currency",
        "total",
        "above_the_line",
        "below_the_line",
        "fringes",
        "accounts",
    ]
    computed = compute(charts.load("feature"))
    assert data["currency"] == "USD"
    assert data["total"] == f"{computed.grand_total:.2f}"
    assert data["above_the_line"] == f"{computed.above_the_line:.2f}"
    assert data["below_the_line"] == f"{computed.below_the_line:.2f}"
    assert data["fringes"] == f"{computed.fringes:.2f}"
    assert len(data["accounts"]) == len(computed.accounts)
    grip = next(a for a in data["accounts"] if a["code"] == "2501")
    assert set(grip) == {"code", "name", "total"} and grip["name"] == "Key grip"
    for figure in (data["total"], *(a["total"] for a in data["accounts"])):
        assert isinstance(figure, str) and len(figure.rpartition(".")[2]) == 2


def test_a_bad_file_is_one_line_on_stderr_with_its_json_path_and_exit_status_1(runner, tmp_path):
    text = dump(charts.load("feature")).replace('"rate": "2800"', '"rate": "2800,50"', 1)
    path = write(tmp_path, text)
    result = runner.invoke(budget, ["compute", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}: categories[")
    assert ".lines[0].rate: '2800,50': a comma is not allowed" in lines[0]


def test_a_budget_that_cannot_be_computed_names_the_global(runner, tmp_path):
    text = dump(charts.load("feature")).replace('"expression": "30"', '"expression": "30 / 0"')
    result = runner.invoke(budget, ["compute", str(write(tmp_path, text))])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "global SHOOT_DAYS: '30 / 0' divides by zero" in result.stderr


def test_a_missing_file_is_one_line_and_exit_status_1(runner, tmp_path):
    result = runner.invoke(budget, ["compute", str(tmp_path / "nope.json")])
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nope.json'}: no such file\n"
