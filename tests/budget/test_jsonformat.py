"""The Greenlight budget JSON format: exact round trips, strict reading with JSON paths."""

import json
import pickle
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.budget import charts
from greenlight.budget.jsonformat import MAX_BYTES, BudgetFormatError, dump, load
from greenlight.budget.model import (
    Account,
    Budget,
    Category,
    Contractual,
    Currency,
    DetailLine,
    Fringe,
    FringeKind,
    Global,
    Incentive,
    Section,
    Unit,
)
from greenlight.budget.totals import compute

D = Decimal


def full_budget() -> Budget:
    """A budget with every field set at least once."""
    line = DetailLine(
        description="Line producer – prep",
        amount="PREP_WEEKS",
        unit=Unit.WEEK,
        multiplier="1",
        rate="12000.00",
        currency="GBP",
        fringes=("FICA", "PH"),
        person="Line producer",
        paid_on=date(2025, 3, 1),
        tags={"group": "prep", "location": "Atlanta"},
        key="line-17",
    )
    return Budget(
        title="Full – «every field»",
        currency="USD",
        categories=(
            Category(
                "1200",
                "Producers",
                Section.ATL,
                (
                    Account("1203", "Line producer", (line, DetailLine("Plain"))),
                    Account("1204", "Empty"),
                ),
            ),
            Category("6000", "Other", Section.OTHER),
        ),
        globals=(
            Global("PREP_WEEKS", "8", "Prep weeks"),
            Global("SHOOT_DAYS", "30", "", "schedule.shoot_days"),
        ),
        fringes=(
            Fringe(
                "FICA",
                "OASDI",
                FringeKind.PERCENT,
                D("6.2"),
                D("176100"),
                date(2025, 1, 1),
                date(2025, 12, 31),
            ),
            Fringe("PH", "P&H per hour", FringeKind.FLAT, D("10.00")),
        ),
        currencies=(Currency("GBP", D("1.2714")),),
        contractuals=(
            Contractual("CONT", "Contingency", D(10)),
            Contractual("BOND", "Bond", D("3"), ("atl", "btl", "post", "other", "CONT")),
        ),
        incentives=(Incentive("Georgia", D(30), ("btl",), D("0.88"), date(2026, 6, 30)),),
        info={"production": "Night Train", "status": "draft"},
    )


def document(**top) -> dict:
    """A minimal valid document, changed by ``top``."""
    base = {
        "format": "greenlight-budget",
        "version": 1,
        "title": "T",
        "currency": "USD",
        "fringes": [{"code": "FICA", "name": "OASDI", "kind": "percent", "rate": "6.2"}],
        "categories": [
            {
                "code": "2000",
                "name": "Production",
                "section": "btl",
                "accounts": [
                    {
                        "code": "2500",
                        "name": "Set Operations",
                        "lines": [{"description": "Grips", "amount": "25", "rate": "450"}],
                    }
                ],
            }
        ],
    }
    base.update(top)
    return base


def errors_of(data) -> dict[str, list[str]]:
    text = data if isinstance(data, str | bytes) else json.dumps(data)
    with pytest.raises(BudgetFormatError) as error:
        load(text, source="test.json")
    return error.value.errors


def line_with(**fields) -> dict:
    return document(
        categories=[
            {
                "code": "2000",
                "name": "Production",
                "section": "btl",
                "accounts": [
                    {
                        "code": "2500",
                        "name": "Grip",
                        "lines": [{"description": "x", "amount": "1", "rate": "1", **fields}],
                    }
                ],
            }
        ]
    )


LINE = "categories[0].accounts[0].lines[0]"


def test_a_budget_with_every_field_round_trips_exactly():
    budget = full_budget()
    assert load(dump(budget), source="full") == budget
    assert load(dump(budget).encode(), source="full") == budget


def test_every_chart_round_trips_exactly():
    for key, _title in charts.available():
        budget = charts.load(key)
        assert load(dump(budget), source=key) == budget


def test_the_file_starts_with_its_format_and_version_and_writes_decimals_as_strings():
    text = dump(full_budget())
    data = json.loads(text)
    assert list(data)[:2] == ["format", "version"]
    assert (data["format"], data["version"]) == ("greenlight-budget", 1)
    assert data["fringes"][0]["rate"] == "6.2"
    assert data["fringes"][0]["cap"] == "176100"
    assert data["incentives"][0]["sale_price"] == "0.88"
    assert text.endswith("}\n") and '\n  "title"' in text


def test_dumping_is_stable():
    text = dump(full_budget())
    assert dump(load(text, source="x")) == text


def test_optional_fields_are_written_only_when_set():
    data = json.loads(dump(full_budget()))
    plain = data["categories"][0]["accounts"][0]["lines"][1]
    assert plain == {
        "description": "Plain",
        "amount": "1",
        "unit": "flat",
        "multiplier": "1",
        "rate": "0",
    }


def test_decimals_in_exponent_form_are_written_plainly():
    budget = Budget("E", "USD", fringes=(Fringe("F", "F", FringeKind.PERCENT, D("1E+1")),))
    assert '"rate": "10"' in dump(budget)
    assert load(dump(budget), source="e") == budget


def test_whole_numbers_may_be_plain_json_integers():
    budget = load(json.dumps(line_with(amount=25, rate=450, multiplier=3)), source="ints")
    line = budget.categories[0].accounts[0].lines[0]
    assert (line.amount, line.multiplier, line.rate) == ("25", "3", "450")
    data = document(
        fringes=[{"code": "FICA", "name": "OASDI", "kind": "percent", "rate": 6, "cap": 176100}]
    )
    assert load(json.dumps(data), source="ints").fringes[0].cap == D(176100)


def test_numbers_with_a_point_are_refused_with_the_string_to_write():
    assert errors_of(line_with(rate=12.5)) == {
        f"{LINE}.rate": ['write decimals as strings: "12.5", not 12.5']
    }
    data = document(currencies=[{"code": "GBP", "rate": 1.27}])
    assert errors_of(data) == {
        "currencies[0].rate": ['write decimals as strings: "1.27", not 1.27']
    }


def test_a_comma_decimal_is_refused_with_its_path():
    data = document(fringes=[{"code": "FICA", "name": "OASDI", "kind": "percent", "rate": "12,5"}])
    assert errors_of(data) == {
        "fringes[0].rate": ["'12,5' is not a decimal number (write it like 12.5)"]
    }
    problems = errors_of(line_with(rate="12,5"))
    assert "a comma is not allowed" in problems[f"{LINE}.rate"][0]


def test_wrong_types_missing_and_unknown_fields_are_each_reported_with_their_path():
    data = document()
    data["title"] = 7
    data["categories"][0]["accounts"][0]["lines"][0] = {
        "description": "Grips",
        "rat": "450",
        "amount": True,
    }
    data["categories"][0]["section"] = "atl-ish"
    problems = errors_of(data)
    assert problems == {
        "title": ["must be a string, not a number"],
        "categories[0].section": ["'atl-ish' is not one of atl, btl, post or other"],
        f"{LINE}.rate": ["missing"],
        f"{LINE}.rat": ["unknown field (did you mean 'rate'?)"],
        f"{LINE}.amount": ["must be a formula string, not true/false"],
    }


def test_unknown_units_and_fringe_kinds_are_refused():
    assert errors_of(line_with(unit="fortnight")) == {
        f"{LINE}.unit": ["'fortnight' is not one of flat, hour, day, week, month or allow"]
    }
    data = document(fringes=[{"code": "X", "name": "X", "kind": "bonus", "rate": "1"}])
    assert errors_of(data)["fringes[0].kind"] == ["'bonus' is not one of percent or flat"]


def test_duplicate_codes_are_refused_naming_the_first_use():
    data = document()
    account = data["categories"][0]["accounts"][0]
    data["categories"].append(
        {"code": "5000", "name": "Post", "section": "post", "accounts": [dict(account, lines=[])]}
    )
    data["fringes"].append(data["fringes"][0])
    problems = errors_of(data)
    assert problems == {
        "fringes[1].code": ["FICA is also fringes[0].code"],
        "categories[1].accounts[0].code": ["account 2500 is also categories[0].accounts[0]"],
    }


def test_a_fringe_or_currency_used_but_not_defined_is_refused():
    problems = errors_of(line_with(fringes=["FICA", "SAG"], currency="EUR"))
    assert problems == {
        f"{LINE}.fringes[1]": ["fringe SAG is not defined in fringes"],
        f"{LINE}.currency": ["EUR is not in currencies"],
    }


def test_an_unknown_global_in_a_formula_is_refused_with_its_path():
    data = line_with(amount="SHOT_DAYS")
    data["globals"] = [{"name": "SHOOT_DAYS", "expression": "25"}]
    assert errors_of(data) == {f"{LINE}.amount": ["unknown global SHOT_DAYS"]}


def test_contractual_bases_and_incentive_sections_must_exist():
    data = document(
        contractuals=[
            {"code": "BOND", "name": "Bond", "percent": "3", "base": ["btl", "CONT"]},
            {"code": "CONT", "name": "Contingency", "percent": "10"},
        ]
    )
    assert errors_of(data) == {
        "contractuals[0].base[1]": [
            "'CONT' is neither a section (atl, btl, post, other) nor an earlier contractual's code"
        ],
    }
    data = document(incentives=[{"name": "GA", "percent": "30", "sections": ["production"]}])
    assert errors_of(data) == {
        "incentives[0].sections[0]": ["'production' is not one of atl, btl, post or other"]
    }


def test_a_flat_fringe_with_a_cap_and_dates_in_the_wrong_order_are_refused():
    data = document(
        fringes=[
            {"code": "PH", "name": "P&H", "kind": "flat", "rate": "10", "cap": "1000"},
            {
                "code": "F",
                "name": "F",
                "kind": "percent",
                "rate": "1",
                "effective_from": "2025-12-31",
                "effective_to": "2025-01-01",
            },
            {
                "code": "G",
                "name": "G",
                "kind": "percent",
                "rate": "1",
                "effective_from": "2025-02-30",
            },
        ]
    )
    assert errors_of(data) == {
        "fringes[0].cap": ["a flat fringe cannot have a cap (a cap is a wage base)"],
        "fringes[1].effective_to": ["is before effective_from (2025-12-31)"],
        "fringes[2].effective_from": ["'2025-02-30' is not a date like 2025-06-30"],
    }


def test_every_problem_is_reported_at_once():
    data = line_with(rate="12,5", unit="days", fringes=["NOPE"])
    data["currency"] = "dollars"
    problems = errors_of(data)
    assert set(problems) == {"currency", f"{LINE}.rate", f"{LINE}.unit"}
    # Cross-document checks (the undefined fringe) run once each field reads cleanly.
    assert "NOPE" not in str(problems)


def test_a_key_given_twice_in_an_object_is_refused():
    text = (
        '{"format": "greenlight-budget", "version": 1, "title": "A", "title": "B",'
        ' "currency": "USD"}'
    )
    assert errors_of(text) == {"title": ["given more than once"]}


def test_not_json_not_utf8_and_not_a_budget_are_refused_clearly():
    assert errors_of('{"format": ') == {"line 1 column 12": ["not JSON: Expecting value"]}
    assert errors_of(b'{"title": "\xff"}') == {"byte 11": ["not UTF-8 text"]}
    assert errors_of("[]") == {"__all__": ["must be an object, not a list"]}
    assert errors_of(document(format="movie-magic")) == {
        "format": ['must be "greenlight-budget" (is this a Greenlight budget file?)']
    }
    assert errors_of(document(version=2)) == {
        "version": ["version 2 is not supported; this Greenlight reads 1"]
    }
    assert errors_of(line_with(rate=float("nan"))) == {
        f"{LINE}.rate": ["NaN is not a number Greenlight accepts"]
    }


def test_a_file_over_20_mb_is_refused_unread():
    problems = errors_of(b" " * (MAX_BYTES + 1))
    assert list(problems) == ["__all__"]
    assert "larger than 20 MB" in problems["__all__"][0]


def test_the_error_names_the_source_and_survives_pickling():
    with pytest.raises(BudgetFormatError) as error:
        load("{}", source="budgets/night-train.json")
    assert str(error.value).startswith("budgets/night-train.json: format: missing")
    copy = pickle.loads(pickle.dumps(error.value))  # noqa: S301 (our own bytes)
    assert (copy.errors, copy.source) == (error.value.errors, error.value.source)


# --- property: round trips ---------------------------------------------------------------------

words = st.text(
    st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs",)), max_size=12
)
codes = st.from_regex(r"[A-Z][A-Z0-9]{0,5}", fullmatch=True)
decimals = st.decimals(
    min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False
)
positive = st.decimals(min_value=D("0.0001"), max_value=10**6, places=4)
dates = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))


@st.composite
def valid_budgets(draw):
    fringe_codes = draw(st.lists(codes, unique=True, max_size=4))
    fringes = tuple(
        Fringe(
            code,
            draw(words),
            kind := draw(st.sampled_from(list(FringeKind))),
            draw(decimals),
            None if kind is FringeKind.FLAT else draw(st.none() | positive),
        )
        for code in fringe_codes
    )
    currencies = tuple(
        Currency(c, draw(positive))
        for c in draw(st.lists(st.sampled_from(["GBP", "EUR", "CAD"]), unique=True))
    )
    names = draw(
        st.lists(st.from_regex(r"[A-Z][A-Z_]{0,8}", fullmatch=True), unique=True, max_size=4)
    )
    formulas = st.sampled_from(["1", "2.5", "-3", *names, *(f"{n} * 2 + 1" for n in names)])
    line = st.builds(
        DetailLine,
        description=words,
        amount=formulas,
        unit=st.sampled_from(list(Unit)),
        multiplier=formulas,
        rate=decimals.map(lambda d: format(d, "f")),
        currency=st.sampled_from(["", *(c.code for c in currencies)]),
        fringes=st.lists(st.sampled_from(fringe_codes), unique=True).map(tuple)
        if fringe_codes
        else st.just(()),
        person=words,
        paid_on=dates,
        tags=st.dictionaries(words, words, max_size=2),
        key=words,
    )
    account_codes = iter(draw(st.lists(codes, unique=True, min_size=6, max_size=6)))
    categories = tuple(
        Category(
            f"C{c}",
            draw(words),
            draw(st.sampled_from(list(Section))),
            tuple(
                Account(next(account_codes), draw(words), tuple(draw(st.lists(line, max_size=3))))
                for _ in range(draw(st.integers(0, 2)))
            ),
        )
        for c in range(draw(st.integers(0, 3)))
    )
    return Budget(
        title=draw(words),
        currency="USD",
        categories=categories,
        globals=tuple(Global(n, draw(st.sampled_from(["1", "2.5"])), draw(words)) for n in names),
        fringes=fringes,
        currencies=currencies,
        contractuals=(Contractual("CONT", draw(words), draw(decimals)),),
        incentives=tuple(
            Incentive(
                draw(words.filter(str.strip)), draw(decimals), ("btl",), draw(positive), draw(dates)
            )
            for _ in range(draw(st.integers(0, 1)))
        ),
        info=draw(st.dictionaries(words, words, max_size=3)),
    )


@settings(max_examples=100, deadline=None)
@given(valid_budgets())
def test_any_valid_budget_round_trips_exactly(budget):
    assert load(dump(budget), source="generated") == budget


def test_the_example_in_the_user_guide_reads_and_adds_up_as_the_guide_says():
    guide = Path(__file__).resolve().parents[2] / "docs/user/budget-format.md"
    example = guide.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    computed = compute(load(example, source="budget-format.md"))
    assert computed.account("2501").subtotal == D("78850.00")
    assert computed.fringes == D("13337.50")
    assert computed.contractuals[0].amount == D("9218.75")
    assert computed.grand_total == D("101406.25")
