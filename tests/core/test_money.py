"""Money: Decimal amounts with a currency, rounded to the currency's minor units."""

import pickle
from decimal import Decimal

import pytest

from greenlight.core.money import CURRENCIES, Money, MoneyError, minor_units


def usd(text: str) -> Money:
    return Money(Decimal(text), "USD")


def test_adding_and_subtracting_keeps_the_currency_and_exact_decimals():
    assert usd("0.10") + usd("0.20") == usd("0.30")
    assert usd("100.00") - usd("0.01") == usd("99.99")
    assert (usd("0.10") + usd("0.20")).currency == "USD"


def test_multiplying_by_an_int_or_a_decimal_is_exact():
    assert usd("19.99") * 3 == usd("59.97")
    assert usd("250.00") * Decimal("1.5") == usd("375.000")


def test_multiplying_by_a_float_is_refused():
    with pytest.raises(MoneyError, match="never a float"):
        usd("10.00") * 1.1  # type: ignore[operator]


def test_a_float_amount_is_refused():
    with pytest.raises(MoneyError, match="Decimal, not float"):
        Money(10.5, "USD")  # type: ignore[arg-type]


def test_adding_a_float_or_a_plain_number_is_refused_with_a_money_error():
    with pytest.raises(MoneyError, match="float"):
        usd("1.00") + 0.5  # type: ignore[operator]
    with pytest.raises(MoneyError, match="Decimal"):
        usd("1.00") - Decimal(1)  # type: ignore[operator]


def test_mixing_currencies_is_refused():
    with pytest.raises(MoneyError, match="cannot combine USD with EUR"):
        usd("1.00") + Money(Decimal("1.00"), "EUR")
    with pytest.raises(MoneyError, match="cannot combine USD with JPY"):
        usd("1.00") - Money(Decimal(1), "JPY")


def test_amounts_that_are_not_finite_are_refused():
    for text in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(MoneyError, match="finite"):
            Money(Decimal(text), "USD")


@pytest.mark.parametrize("code", ["usd", "US", "USDX", "U$D", ""])
def test_a_currency_that_is_not_three_capital_letters_is_refused(code):
    with pytest.raises(MoneyError, match="ISO 4217"):
        Money(Decimal(1), code)


@pytest.mark.parametrize(
    ("currency", "places"), [("USD", 2), ("EUR", 2), ("JPY", 0), ("KRW", 0), ("BHD", 3)]
)
def test_each_currency_rounds_to_its_own_minor_units(currency, places):
    assert minor_units(currency) == places
    rounded = Money(Decimal("1234.56789"), currency).rounded()
    assert rounded.amount.as_tuple().exponent == -places
    assert rounded.currency == currency


def test_rounding_is_half_to_even_at_the_minor_unit():
    assert usd("0.125").rounded() == usd("0.12")
    assert usd("0.135").rounded() == usd("0.14")
    assert Money(Decimal("2.5"), "JPY").rounded().amount == Decimal(2)
    assert Money(Decimal("3.5"), "JPY").rounded().amount == Decimal(4)
    assert Money(Decimal("1.0005"), "KWD").rounded().amount == Decimal("1.000")


def test_parsing_strips_separators_and_rounds_to_the_currency():
    assert Money.parse(" 1,234.567 ", "USD") == usd("1234.57")
    assert Money.parse("1_000", "JPY") == Money(Decimal(1000), "JPY")
    assert Money.parse("-12.5", "EUR") == Money(Decimal("-12.50"), "EUR")


@pytest.mark.parametrize("text", ["", "twelve", "12.5.1", "$12", "NaN"])
def test_parsing_text_that_is_not_an_amount_is_a_money_error(text):
    with pytest.raises(MoneyError):
        Money.parse(text, "USD")


def test_parsing_an_absurdly_large_amount_is_a_money_error_not_a_crash():
    with pytest.raises(MoneyError, match="too large"):
        Money.parse("1" + "0" * 40, "USD")


def test_display_groups_thousands_and_shows_the_minor_units():
    assert str(usd("1234567.5")) == "USD 1,234,567.50"
    assert str(Money(Decimal("1234.4"), "JPY")) == "JPY 1,234"
    assert str(Money(Decimal("-0.5"), "BHD")) == "BHD -0.500"


def test_zero_is_zero_in_the_currency():
    assert Money.zero("GBP") == Money(Decimal(0), "GBP")
    assert sum([usd("1.10"), usd("2.20")], Money.zero("USD")) == usd("3.30")


def test_money_is_an_immutable_hashable_value():
    a, b = usd("5.0"), usd("5.00")
    assert a == b and hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.amount = Decimal(6)  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(a)) == a  # noqa: S301 (our own bytes)


def test_every_listed_currency_is_a_valid_code():
    for code in CURRENCIES:
        assert Money.zero(code).currency == code
