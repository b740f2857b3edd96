"""Reading JSON documents strictly: typed fields, every problem under its JSON path. Pure.

The helpers behind :mod:`.jsonformat`: JSON numbers with a point are kept as
:class:`JsonFloat` (so a message can show how to write them as strings), an object remembers
the keys it had twice, and :class:`Reader` reads one field at a time, filing each problem
under its path (``categories[2].accounts[0].lines[5].rate``) and carrying on.
"""

import difflib
import json
import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from .formulas import Problems, Refused, parsed

E = TypeVar("E", bound=StrEnum)


class JsonFloat:
    """A JSON number with a point or an exponent (or NaN): refused, with its text for the hint."""

    def __init__(self, text: str) -> None:
        self.text = text

    def problem(self) -> str:
        if self.text in ("NaN", "Infinity", "-Infinity"):
            return f"{self.text} is not a number Greenlight accepts"
        return f'write decimals as strings: "{self.text}", not {self.text}'


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it had more than once."""

    duplicates: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        result.duplicates = tuple(dict.fromkeys(k for k in keys if keys.count(k) > 1))
    return result


def read_json(data: bytes | str) -> tuple[object, str, str]:
    """(document, where, problem): the parsed JSON, or where and why it cannot be parsed."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            return None, f"byte {error.start}", "not UTF-8 text"
    try:
        document = json.loads(
            data, parse_float=JsonFloat, parse_constant=JsonFloat, object_pairs_hook=_object_pairs
        )
    except json.JSONDecodeError as error:
        return None, f"line {error.lineno} column {error.colno}", f"not JSON: {error.msg}"
    except (ValueError, RecursionError) as error:
        return None, "__all__", f"not JSON: {error}"
    return document, "", ""


_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_CURRENCY = re.compile(r"[A-Z]{3}")


class Reader:
    """Reads typed fields out of JSON objects, filing each problem under its JSON path."""

    def __init__(self) -> None:
        self.problems = Problems()

    def fail(self, path: str, message: str) -> None:
        self.problems.add(path or "__all__", message)

    @staticmethod
    def kind(value: object) -> str:
        if isinstance(value, JsonFloat):
            return "a number with a point"
        names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
        for python, name in names.items():
            if isinstance(value, python):
                return name
        return "null" if value is None else "a number"

    def record(
        self, value: object, path: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """``value`` as an object with every required key and no unknown one."""
        if not isinstance(value, dict):
            self.fail(path, f"must be an object, not {self.kind(value)}")
            return None
        prefix = f"{path}." if path else ""
        for key in getattr(value, "duplicates", ()):
            self.fail(f"{prefix}{key}", "given more than once")
        for key in required:
            if key not in value:
                self.fail(f"{prefix}{key}", "missing")
        allowed = (*required, *optional)
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(f"{prefix}{key}", f"unknown field{hint}")
        return value

    def _get(self, item: dict[str, Any], key: str, path: str) -> tuple[str, object]:
        return (f"{path}.{key}" if path else key), item.get(key)

    def text(
        self,
        item: dict[str, Any],
        key: str,
        path: str,
        *,
        default: str | None = None,
        nonempty: bool = False,
    ) -> str | None:
        where, value = self._get(item, key, path)
        if key not in item:
            return default
        if not isinstance(value, str):
            self.fail(where, f"must be a string, not {self.kind(value)}")
            return None
        if nonempty and not value.strip():
            self.fail(where, "must not be empty")
            return None
        return value

    def identifier(self, item: dict[str, Any], key: str, path: str) -> str | None:
        value = self.text(item, key, path, nonempty=True)
        if value is not None and not _IDENTIFIER.fullmatch(value):
            self.fail(f"{path}.{key}", f"{value!r} is not a name: letters, digits and _")
            return None
        return value

    def currency_code(
        self, item: dict[str, Any], key: str, path: str, *, default: str | None = None
    ) -> str | None:
        value = self.text(item, key, path, default=default)
        if value and not _CURRENCY.fullmatch(value):
            where = f"{path}.{key}" if path else key
            self.fail(where, f"{value!r} is not a three-letter currency code such as USD")
            return None
        return value

    def decimal(
        self, item: dict[str, Any], key: str, path: str, *, optional: bool = False
    ) -> Decimal | None:
        where, value = self._get(item, key, path)
        if value is None and (optional or key not in item):
            return None  # a missing required key is reported by object()
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, JsonFloat):
            self.fail(where, value.problem())
        elif not isinstance(value, str):
            self.fail(where, f"must be a decimal string, not {self.kind(value)}")
        elif not _DECIMAL.fullmatch(value):
            self.fail(where, f"{value!r} is not a decimal number (write it like 12.5)")
        else:
            return Decimal(value)
        return None

    def expression(
        self, item: dict[str, Any], key: str, path: str, *, default: str | None = None
    ) -> str | None:
        where, value = self._get(item, key, path)
        if key not in item:
            return default
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, JsonFloat):
            self.fail(where, value.problem())
            return None
        if not isinstance(value, str):
            self.fail(where, f"must be a formula string, not {self.kind(value)}")
            return None
        try:
            parsed(value)
        except Refused as error:
            self.fail(where, str(error))
            return None
        return value

    def date(self, item: dict[str, Any], key: str, path: str) -> date | None:
        where, value = self._get(item, key, path)
        if value is None:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(where, f"{value!r} is not a date like 2025-06-30")
        return None

    def choice(
        self, item: dict[str, Any], key: str, path: str, kind: type[E], *, default: E | None = None
    ) -> E | None:
        where, value = self._get(item, key, path)
        if key not in item:
            return default
        choices = tuple(member.value for member in kind)
        if not isinstance(value, str) or value not in choices:
            self.fail(where, f"{value!r} is not one of {choices_text(choices)}")
            return None
        return kind(value)

    def text_list(
        self,
        item: dict[str, Any],
        key: str,
        path: str,
        *,
        default: tuple[str, ...],
    ) -> tuple[str, ...] | None:
        where, value = self._get(item, key, path)
        if key not in item:
            return default
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, "must be a list of strings")
            return None
        return tuple(value)

    def text_map(self, item: dict[str, Any], key: str, path: str) -> dict[str, str]:
        where, value = self._get(item, key, path)
        if key not in item:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.fail(where, "must be an object of strings")
            return {}
        return dict(value)


def choices_text(choices: tuple[str, ...]) -> str:
    """``a, b or c``."""
    return ", ".join(choices[:-1]) + " or " + choices[-1]
