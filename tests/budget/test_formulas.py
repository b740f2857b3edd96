"""Formulas: a safe whitelist evaluator in Decimal, globals in dependency order, clear errors."""

from decimal import Context, Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.budget import formulas
from greenlight.budget.formulas import FormulaError, evaluate_globals, parse, value
from greenlight.budget.model import Global


def problems(error: pytest.ExceptionInfo[FormulaError]) -> list[tuple[str, str]]:
    return error.value.problems()


def test_numbers_are_read_exactly_from_the_text():
    assert value("0.1 + 0.2", {}) == Decimal("0.3")
    assert value("12.50", {}) == Decimal("12.50")
    assert value("1_000", {}) == Decimal(1000)


def test_names_parentheses_and_unary_minus_follow_the_usual_precedence():
    names = {"SHOOT_DAYS": Decimal(25), "PREP_WEEKS": Decimal(2)}
    assert value("SHOOT_DAYS + 2", names) == Decimal(27)
    assert value("PREP_WEEKS * 5 + SHOOT_DAYS", names) == Decimal(35)
    assert value("(SHOOT_DAYS + 5) / 5", names) == Decimal(6)
    assert value("-SHOOT_DAYS + 1", names) == Decimal(-24)
    assert value("2 * -(1 - 4)", {}) == Decimal(6)


def test_a_parsed_formula_knows_the_globals_it_names_in_order_of_first_use():
    assert parse("B + A * B - C").names == ("B", "A", "C")
    assert parse("450").constant == Decimal(450)


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("max(1, 2)", "calling a function"),
        ("__import__('os').system('true')", "calling a function"),
        ("SHOOT_DAYS.real", "attribute access"),
        ("2 ** 10", "'**'"),
        ("7 % 2", "'%'"),
        ("7 // 2", "'//'"),
        ("'450'", "text (a string)"),
        ("1 < 2", "a comparison"),
        ("1 and 2", "'and' / 'or'"),
        ("X[0]", "indexing"),
        ("12,5", "a comma"),
        ("lambda: 1", "'lambda'"),
        ("1 if 2 else 3", "'if' / 'else'"),
        ("not 1", "'not'"),
        ("True", "True"),
        ("0x1F", "is not a decimal number"),
        ("1j", "is not a decimal number"),
    ],
)
def test_anything_but_arithmetic_is_refused_naming_the_formula_and_what(text, what):
    with pytest.raises(FormulaError) as error:
        parse(text)
    message = str(error.value)
    assert repr(text) in message
    assert what in message


def test_a_syntax_error_and_an_empty_formula_are_refused_clearly():
    with pytest.raises(FormulaError, match="'2 \\+' is not a formula"):
        parse("2 +")
    with pytest.raises(FormulaError, match="empty formula"):
        parse("  ")


def test_very_long_or_deeply_nested_formulas_are_refused_not_crashing():
    with pytest.raises(FormulaError, match="longer than"):
        parse("1+" * 600 + "1")
    with pytest.raises(FormulaError):
        parse("(" * 300 + "1" + ")" * 300)


def test_each_distinct_formula_is_parsed_once():
    assert parse("SHOOT_DAYS * 3 + 1") is parse("SHOOT_DAYS * 3 + 1")


def test_arithmetic_uses_28_digits_whatever_the_callers_context():
    with localcontext(Context(prec=3)):
        third = value("1 / 3", {})
    assert third == Decimal("0.3333333333333333333333333333")


def test_division_by_zero_is_an_error_naming_the_formula():
    with pytest.raises(FormulaError, match="'10 / ZERO' divides by zero"):
        value("10 / ZERO", {"ZERO": Decimal(0)})


def test_an_unknown_name_is_an_error_naming_it():
    with pytest.raises(FormulaError, match="unknown global SHOT_DAYS"):
        value("SHOT_DAYS * 2", {"SHOOT_DAYS": Decimal(25)})


def test_globals_may_use_globals_defined_later():
    values = evaluate_globals(
        [
            Global("OFFICE_WEEKS", "PREP_WEEKS + SHOOT_WEEKS + 2"),
            Global("SHOOT_WEEKS", "SHOOT_DAYS / 5"),
            Global("PREP_WEEKS", "8"),
            Global("SHOOT_DAYS", "30"),
        ]
    )
    assert values == {
        "OFFICE_WEEKS": Decimal(16),
        "SHOOT_WEEKS": Decimal(6),
        "PREP_WEEKS": Decimal(8),
        "SHOOT_DAYS": Decimal(30),
    }


def test_a_cycle_is_reported_as_the_path_round_it():
    with pytest.raises(FormulaError) as error:
        evaluate_globals([Global("A", "B + 1"), Global("B", "A * 2"), Global("C", "4")])
    assert problems(error) == [("globals", "cycle A -> B -> A")]


def test_a_global_using_itself_is_a_cycle_and_a_longer_cycle_names_every_step():
    with pytest.raises(FormulaError) as error:
        evaluate_globals(
            [Global("SELF", "SELF + 1"), Global("X", "Y"), Global("Y", "Z"), Global("Z", "X")]
        )
    assert problems(error) == [
        ("globals", "cycle SELF -> SELF"),
        ("globals", "cycle X -> Y -> Z -> X"),
    ]


def test_every_problem_in_the_globals_is_reported_at_once_with_its_global():
    with pytest.raises(FormulaError) as error:
        evaluate_globals(
            [
                Global("SHOOT", "SHOT_DAYS + 1"),
                Global("RATIO", "10 / (SHOOT_DAYS - SHOOT_DAYS)"),
                Global("SHOOT_DAYS", "25"),
                Global("POWER", "2 ** 3"),
                Global("SHOOT_DAYS", "26"),
                Global("1BAD", "1"),
            ]
        )
    found = dict(problems(error))
    assert found["global SHOOT"] == "unknown global SHOT_DAYS"
    assert "divides by zero" in found["global RATIO"]
    assert "'**' is not allowed" in found["global POWER"]
    assert found["global SHOOT_DAYS"] == "defined more than once"
    assert "1BAD" in str(error.value)


def test_a_global_depending_on_a_broken_one_adds_no_second_message():
    with pytest.raises(FormulaError) as error:
        evaluate_globals([Global("A", "MISSING"), Global("B", "A + 1"), Global("C", "B * 2")])
    assert problems(error) == [("global A", "unknown global MISSING")]


def test_a_long_chain_of_globals_does_not_hit_the_recursion_limit():
    chain = [Global(f"G{n}", f"G{n + 1} + 1") for n in range(3000)] + [Global("G3000", "0")]
    assert evaluate_globals(chain)["G0"] == Decimal(3000)


def test_the_parse_cache_can_be_emptied():
    first = parse("ONE + 41")
    formulas.clear_cache()
    assert parse("ONE + 41") is not first
    assert value("ONE + 41", {"ONE": Decimal(1)}) == Decimal(42)


# --- properties -------------------------------------------------------------------------------

leaves = st.integers(min_value=-50, max_value=50).map(lambda n: (str(n), Fraction(n)))


def _combine(children):
    def build(pair):
        (left, lv), op, (right, rv) = pair
        result = {"+": lv + rv, "-": lv - rv, "*": lv * rv}[op]
        return (f"({left} {op} {right})", result)

    return st.tuples(children, st.sampled_from("+-*"), children).map(build)


@settings(max_examples=200, deadline=None)
@given(st.recursive(leaves, _combine, max_leaves=12))
def test_integer_arithmetic_agrees_with_exact_fractions(case):
    text, expected = case
    assert value(text, {}) == Decimal(expected.numerator)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_any_text_either_parses_or_is_refused_with_a_formula_error(text):
    try:
        expression = parse(text)
    except FormulaError as error:
        assert error.problems()
    else:
        assert isinstance(expression.names, tuple)
