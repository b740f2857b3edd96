"""Charts of accounts: four templates shipped as budget JSON, each loads and computes."""

import re
from decimal import Decimal

import pytest

from greenlight.budget import charts
from greenlight.budget.model import FringeKind, Section, Unit
from greenlight.budget.totals import compute
from greenlight.core.errors import NotFound

D = Decimal
KEYS = ["feature", "tv_episode", "game", "commercial_aicp"]


def test_four_charts_are_offered_with_their_titles():
    assert charts.available() == [
        ("feature", "Feature film (US long form)"),
        ("tv_episode", "TV episode (one-hour drama)"),
        ("game", "Game development"),
        ("commercial_aicp", "Commercial (AICP-style bid)"),
    ]


@pytest.mark.parametrize("key", KEYS)
def test_each_chart_computes_to_a_budget_that_is_not_empty(key):
    budget = charts.load(key)
    computed = compute(budget)
    assert computed.grand_total > 0
    assert budget.info["chart"] == key
    assert any(account.lines for category in budget.categories for account in category.accounts)


@pytest.mark.parametrize("key", KEYS)
def test_every_shipped_rate_says_it_is_illustrative(key):
    budget = charts.load(key)
    for category in budget.categories:
        for account in category.accounts:
            for line in account.lines:
                assert "(illustrative rate)" in line.description, line.description
    assert "illustrative" in budget.info["description"]


@pytest.mark.parametrize("key", KEYS)
def test_line_amounts_use_the_chart_s_globals(key):
    budget = charts.load(key)
    names = {item.name for item in budget.globals}
    used = {
        name
        for category in budget.categories
        for account in category.accounts
        for line in account.lines
        for name in re.findall(r"[A-Z_]{3,}", line.amount)
    }
    assert used and used <= names


def test_the_feature_chart_follows_the_thousands_numbering():
    budget = charts.load("feature")
    by_section = {
        section: [c.code for c in budget.categories if c.section is section] for section in Section
    }
    assert by_section[Section.ATL] == ["1100", "1200", "1300", "1400", "1500"]
    assert all(2000 <= int(code) <= 4999 for code in by_section[Section.BTL])
    assert all(5000 <= int(code) <= 5999 for code in by_section[Section.POST])
    assert all(6000 <= int(code) <= 6999 for code in by_section[Section.OTHER])
    names = " ".join(c.name for c in budget.categories)
    for department in ("Set Operations", "Camera", "Wardrobe", "Locations", "Editorial", "Legal"):
        assert department in names


def test_the_feature_chart_has_the_2025_payroll_fringes_and_illustrative_ones_marked():
    fringes = {f.code: f for f in charts.load("feature").fringes}
    oasdi = fringes["FICA"]
    assert (oasdi.rate, oasdi.cap) == (D("6.2"), D(176100))
    # The 2025 wage base, in force from 2025 on until the producer enters the next year's.
    assert (oasdi.effective_from.isoformat(), oasdi.effective_to) == ("2025-01-01", None)
    assert (fringes["MEDI"].rate, fringes["MEDI"].cap) == (D("1.45"), None)
    assert (fringes["FUTA"].rate, fringes["FUTA"].cap) == (D("0.6"), D(7000))
    assert "illustrative" in fringes["SUI"].name
    assert fringes["PH-IATSE"].kind is FringeKind.FLAT
    assert fringes["PH-SAG"].kind is FringeKind.PERCENT


def test_the_feature_chart_has_its_globals_and_contractuals():
    budget = charts.load("feature")
    names = {g.name for g in budget.globals}
    assert {"SHOOT_DAYS", "PREP_WEEKS", "WRAP_WEEKS", "POST_WEEKS"} <= names
    shoot = next(g for g in budget.globals if g.name == "SHOOT_DAYS")
    assert shoot.binding == "schedule.shoot_days"
    contractuals = {c.code: c for c in budget.contractuals}
    assert contractuals["CONT"].percent == D(10)
    assert contractuals["BOND"].percent == D(3)
    assert "CONT" in contractuals["BOND"].base
    assert "INS" in contractuals


def test_the_line_producer_is_one_person_across_prep_shoot_and_wrap():
    budget = charts.load("feature")
    producers = next(c for c in budget.categories if c.code == "1200")
    lines = next(a for a in producers.accounts if a.code == "1203").lines
    assert [line.person for line in lines] == ["Line producer"] * 3
    assert [line.tags["group"] for line in lines] == ["prep", "shoot", "wrap"]


def test_the_game_chart_budgets_person_months_by_discipline():
    budget = charts.load("game")
    names = [c.name for c in budget.categories]
    for discipline in ("Pre-production", "Design", "Engineering", "Art", "Animation", "Audio"):
        assert discipline in names
    assert "Quality Assurance" in names and "Platform & Certification" in names
    assert "Marketing & User Acquisition" in names and "Overhead" in names
    people = [
        line for c in budget.categories for a in c.accounts for line in a.lines if line.fringes
    ]
    assert people and all(line.unit is Unit.MONTH for line in people)


def test_the_commercial_chart_has_sections_a_to_p_and_a_production_fee():
    budget = charts.load("commercial_aicp")
    assert [c.code for c in budget.categories] == list("ABCDEFGHIJKLMNOP")
    fee = next(c for c in budget.contractuals if c.code == "FEE")
    assert "INS" in fee.base and "atl" not in fee.base and "post" not in fee.base
    computed = compute(budget)
    fee_total = next(c for c in computed.contractuals if c.code == "FEE")
    insurance = next(c for c in computed.contractuals if c.code == "INS")
    marked_up = computed.sections[Section.BTL] + computed.sections[Section.OTHER] + insurance.amount
    assert fee_total.base_amount == marked_up


def test_each_load_is_a_fresh_copy():
    first = charts.load("feature")
    first.info["production"] = "Changed"
    assert charts.load("feature").info["production"] == ""


def test_an_unknown_chart_is_not_found():
    with pytest.raises(NotFound, match="No chart of accounts 'opera'"):
        charts.load("opera")


def test_a_chart_exported_without_lines_keeps_its_structure_and_reads_back():
    budget = charts.load("tv_episode")
    skeleton = charts.read(charts.write(budget, lines=False), source="skeleton")
    assert [c.code for c in skeleton.categories] == [c.code for c in budget.categories]
    assert all(not a.lines for c in skeleton.categories for a in c.accounts)
    assert skeleton.fringes == budget.fringes
    assert charts.read(charts.write(budget), source="full") == budget
