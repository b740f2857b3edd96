"""Page lengths in eighths of a page: the scheduling unit of a script breakdown. Pure.

A length is an integer count of eighths; it is written the way breakdown sheets and Final Draft
write it: whole pages, then the remaining eighths (``"1 4/8"``, never ``"12/8"``).
"""

import re
from dataclasses import dataclass

EIGHTHS_PER_PAGE = 8

# "1 4/8", "5/8", "1", "0"; the eighths part is 1-7 (8/8 is written as a whole page).
_LENGTH = re.compile(r"(?:(?P<pages>[0-9]+)(?: +(?P<rest>[1-7])/8)?|(?P<only>[1-7])/8)")


def format_eighths(eighths: int) -> str:
    """``12`` -> ``"1 4/8"``; ``5`` -> ``"5/8"``; ``8`` -> ``"1"``; ``0`` -> ``"0"``."""
    if eighths < 0:
        raise ValueError(f"a page length cannot be negative: {eighths}")
    pages, rest = divmod(eighths, EIGHTHS_PER_PAGE)
    if not rest:
        return str(pages)
    return f"{pages} {rest}/8" if pages else f"{rest}/8"


def parse_eighths(text: str) -> int:
    """``"1 4/8"`` -> ``12``; raises ValueError on anything that is not a page length."""
    match = _LENGTH.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a page length such as '5/8', '1' or '1 4/8'")
    if match["only"]:
        return int(match["only"])
    return int(match["pages"]) * EIGHTHS_PER_PAGE + int(match["rest"] or 0)


def lines_to_eighths(lines: int, lines_per_page: int) -> int:
    """Eighths for a vertical extent in lines: rounded up, never less than 1/8."""
    if lines_per_page <= 0:
        raise ValueError(f"lines per page must be positive, not {lines_per_page}")
    # Integer ceiling: an eighth is lines_per_page / 8 lines, usually not a whole number.
    return max(1, -(-max(lines, 0) * EIGHTHS_PER_PAGE // lines_per_page))


@dataclass(frozen=True, slots=True, order=True)
class PageLength:
    """A length in eighths that prints itself the breakdown way and adds up."""

    eighths: int

    def __post_init__(self) -> None:
        if self.eighths < 0:
            raise ValueError(f"a page length cannot be negative: {self.eighths}")

    @classmethod
    def parse(cls, text: str) -> "PageLength":
        return cls(parse_eighths(text))

    def __add__(self, other: "PageLength") -> "PageLength":
        return PageLength(self.eighths + other.eighths)

    def __str__(self) -> str:
        return format_eighths(self.eighths)
