"""Page lengths in eighths: written the breakdown way, parsed back, measured from lines."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greenlight.core.eighths import PageLength, format_eighths, lines_to_eighths, parse_eighths


@pytest.mark.parametrize(
    ("eighths", "text"),
    [(0, "0"), (1, "1/8"), (5, "5/8"), (8, "1"), (12, "1 4/8"), (17, "2 1/8"), (80, "10")],
)
def test_lengths_are_written_as_pages_and_eighths(eighths, text):
    assert format_eighths(eighths) == text
    assert parse_eighths(text) == eighths


def test_parsing_forgives_surrounding_and_doubled_spaces():
    assert parse_eighths("  1  4/8 ") == 12


@pytest.mark.parametrize(
    "garbage", ["", "abc", "12/8", "8/8", "0/8", "1 8/8", "-1", "1.5", "1 4/9", "4/8 1", "1/4"]
)
def test_anything_else_is_refused(garbage):
    with pytest.raises(ValueError, match="not a page length"):
        parse_eighths(garbage)


def test_a_negative_length_cannot_be_written():
    with pytest.raises(ValueError):
        format_eighths(-1)
    with pytest.raises(ValueError):
        PageLength(-3)


@given(st.integers(min_value=0, max_value=10_000))
def test_writing_then_reading_gives_the_same_length(eighths):
    assert parse_eighths(format_eighths(eighths)) == eighths


@pytest.mark.parametrize(
    ("lines", "per_page", "eighths"),
    [(0, 54, 1), (1, 54, 1), (7, 56, 1), (8, 56, 2), (27, 54, 4), (28, 54, 5), (54, 54, 8)],
)
def test_lines_round_up_to_whole_eighths_and_never_below_one(lines, per_page, eighths):
    assert lines_to_eighths(lines, per_page) == eighths


def test_lines_per_page_must_be_positive():
    with pytest.raises(ValueError):
        lines_to_eighths(3, 0)


def test_page_lengths_add_and_print():
    total = PageLength(5) + PageLength.parse("1 4/8")
    assert total == PageLength(17)
    assert str(total) == "2 1/8"
    assert PageLength(3) < PageLength(4)
