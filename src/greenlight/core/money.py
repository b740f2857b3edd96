"""Money: a Decimal amount with an ISO 4217 currency, never a float."""

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

# Minor units per currency; everything else defaults to 2.
_MINOR_UNITS = {"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "BHD": 3, "KWD": 3, "JOD": 3}
CURRENCIES = (
    "USD",
    "EUR",
    "GBP",
    "CAD",
    "AUD",
    "NZD",
    "JPY",
    "CHF",
    "SEK",
    "NOK",
    "DKK",
    "ISK",
    "PLN",
    "CZK",
    "HUF",
    "INR",
    "KRW",
    "CNY",
    "HKD",
    "SGD",
    "ZAR",
    "MXN",
    "BRL",
    "CLP",
)


class MoneyError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise MoneyError(f"amount must be a Decimal, not {type(self.amount).__name__}")
        if not self.amount.is_finite():
            raise MoneyError("amount must be a finite number")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise MoneyError(f"currency {self.currency!r} is not a three-letter ISO 4217 code")

    @classmethod
    def parse(cls, text: str, currency: str) -> "Money":
        cleaned = text.strip().replace(",", "").replace("_", "")
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:
            raise MoneyError(f"{text!r} is not an amount of money") from None
        return cls(amount, currency).rounded()

    @classmethod
    def zero(cls, currency: str) -> "Money":
        return cls(Decimal(0), currency)

    def rounded(self) -> "Money":
        places = Decimal(1).scaleb(-minor_units(self.currency))
        try:
            amount = self.amount.quantize(places, rounding=ROUND_HALF_EVEN)
        except InvalidOperation:  # more digits than the decimal context holds
            raise MoneyError(f"{self.amount} {self.currency} is too large an amount") from None
        return Money(amount, self.currency)

    def _same(self, other: "Money") -> None:
        if not isinstance(other, Money):
            raise MoneyError(f"cannot combine money with a {type(other).__name__}; use Money")
        if other.currency != self.currency:
            raise MoneyError(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> "Money":
        if isinstance(factor, float):
            raise MoneyError("multiply money by a Decimal or an int, never a float")
        return Money(self.amount * factor, self.currency)

    def __str__(self) -> str:
        places = minor_units(self.currency)
        return f"{self.currency} {self.rounded().amount:,.{places}f}"


def minor_units(currency: str) -> int:
    return _MINOR_UNITS.get(currency, 2)
