"""Reading talent scheduling instances: MiniZinc, CSPLib rehearsal and Stuckey/ddo files. Pure.

Three formats are in use (see ``shared/data/talent/README.md``):

- MiniZinc ``talent_scheduling`` data (``.dzn``): ``numScenes``, ``numActors``, ``ia`` (an actor
  by scene 0/1 matrix), ``c`` (actor costs) and ``d`` (scene durations);
- CSPLib prob039 rehearsal data (``.dzn``): ``num_pieces``, ``num_players``, ``duration`` and
  ``rehearsal`` (a player by piece ``array2d``); every player costs 1;
- the text format of Garcia de la Banda, Stuckey & Chu, used by ddo: a name, then ``n`` and ``m``,
  one row per actor (``n`` flags, then the actor's cost) and ``n`` durations, whitespace-separated.

:func:`parse_talent` tells them apart by content: only the ``.dzn`` formats assign with ``=``.
Anything it cannot read raises :class:`TalentFormatError` naming the file and the line.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from greenlight.core.errors import GreenlightError

from .talent import TalentInstance

# Larger files are refused unread: real instances are a few kilobytes.
MAX_BYTES = 2_000_000


class TalentFormatError(GreenlightError, ValueError):
    """A talent instance file that cannot be read; the message names the file and the line."""

    def __init__(self, filename: str, problem: str, line: int | None = None) -> None:
        self.filename, self.problem, self.line = filename, problem, line
        where = f", line {line}" if line is not None else ""
        super().__init__(f"{filename}{where}: {problem}")


def read_talent(path: Path) -> TalentInstance:
    """The instance in the file at ``path``, in any of the three formats."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise TalentFormatError(str(path), f"cannot read the file ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise TalentFormatError(str(path), f"larger than {MAX_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TalentFormatError(str(path), "not UTF-8 text", line) from None
    return parse_talent(text, str(path), name=path.stem)


def parse_talent(text: str, filename: str = "<text>", *, name: str = "") -> TalentInstance:
    """The instance written in ``text``; ``filename`` is only used in error messages."""
    if "=" in _strip_comments(text):
        return _parse_dzn(text, filename, name)
    return _parse_plain(text, filename)


def _strip_comments(text: str) -> str:
    return re.sub(r"/\*.*?\*/", "", re.sub(r"%[^\n]*", "", text), flags=re.DOTALL)


# --- Stuckey / ddo text ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    line: int


def _words(text: str) -> Iterator[_Word]:
    for number, line in enumerate(text.splitlines(), start=1):
        for word in line.split():
            yield _Word(word, number)


class _Numbers:
    """Reads whole numbers one by one, knowing what each one is for (for error messages)."""

    def __init__(self, words: Iterator[_Word], filename: str) -> None:
        self._words = words
        self.filename = filename
        self.line = 1

    def take(self, what: str, *, flag: bool = False) -> int:
        word = next(self._words, None)
        if word is None:
            raise TalentFormatError(self.filename, f"the file ends before {what}", self.line)
        self.line = word.line
        if not re.fullmatch(r"[0-9]+", word.text):
            raise TalentFormatError(
                self.filename, f"expected {what} (a whole number), found {word.text!r}", word.line
            )
        value = int(word.text)
        if flag and value not in (0, 1):
            raise TalentFormatError(self.filename, f"{what} must be 0 or 1, not {value}", word.line)
        return value

    def rest(self) -> _Word | None:
        return next(self._words, None)


def _parse_plain(text: str, filename: str) -> TalentInstance:
    words = _words(text)
    title = next(words, None)
    if title is None:
        raise TalentFormatError(filename, "the file is empty")
    numbers = _Numbers(words, filename)
    scenes = numbers.take("the number of scenes")
    actors = numbers.take("the number of actors")
    rows, costs = [], []
    for actor in range(1, actors + 1):
        rows.append(
            [
                numbers.take(f"actor {actor}'s flag for scene {s}", flag=True)
                for s in range(1, scenes + 1)
            ]
        )
        costs.append(numbers.take(f"actor {actor}'s daily cost"))
    durations = [numbers.take(f"the duration of scene {s}") for s in range(1, scenes + 1)]
    extra = numbers.rest()
    if extra is not None:
        raise TalentFormatError(
            filename, f"unexpected {extra.text!r} after the last scene duration", extra.line
        )
    return _instance(rows, costs, durations, title.text)


# --- MiniZinc data (.dzn) --------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<space>[ \t\r\f\v]+)|(?P<newline>\n)|(?P<comment>%[^\n]*|/\*.*?\*/)"
    r"|(?P<number>-?[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<range>\.\.)"
    r"|(?P<symbol>[=;\[\]|,()])",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "number", "name", "range" or "symbol"
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class _Matrix:
    rows: list[list[int]]


_Value = int | list[int] | _Matrix
_KINDS = {"name": "a name", "number": "a whole number", "range": "'..'"}


@dataclass(frozen=True, slots=True)
class _Assignment:
    value: _Value
    line: int


def _tokens(text: str, filename: str) -> list[_Token]:
    tokens, line, position = [], 1, 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise TalentFormatError(filename, f"unexpected character {text[position]!r}", line)
        kind = match.lastgroup or ""
        if kind in ("number", "name", "range", "symbol"):
            tokens.append(_Token(kind, match.group(), line))
        line += match.group().count("\n")
        position = match.end()
    return tokens


class _DznReader:
    """A recursive-descent reader for the small part of MiniZinc data these files use."""

    def __init__(self, tokens: list[_Token], filename: str) -> None:
        self.tokens, self.filename, self.index = tokens, filename, 0
        self.values: dict[str, _Assignment] = {}

    def fail(self, problem: str, token: _Token | None = None) -> TalentFormatError:
        token = token or self.peek()
        line = token.line if token else (self.tokens[-1].line if self.tokens else 1)
        return TalentFormatError(self.filename, problem, line)

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self, text: str | None = None, kind: str | None = None) -> _Token:
        token = self.peek()
        wanted = repr(text) if text is not None else _KINDS.get(kind or "", "a value")
        if token is None:
            raise self.fail(f"the file ends where {wanted} was expected")
        if (text is not None and token.text != text) or (kind is not None and token.kind != kind):
            raise self.fail(f"expected {wanted}, found {token.text!r}", token)
        self.index += 1
        return token

    def read(self) -> dict[str, _Assignment]:
        while self.peek() is not None:
            name = self.take(kind="name")
            if name.text in self.values:
                raise self.fail(f"{name.text} is assigned twice", name)
            self.take("=")
            value = self.value()
            self.take(";")
            self.values[name.text] = _Assignment(value, name.line)
        return self.values

    def value(self) -> _Value:
        token = self.peek()
        if token is not None and token.kind == "number":
            return int(self.take().text)
        if token is not None and token.text in ("array1d", "array2d"):
            return self.array_call()
        if token is not None and token.text == "[":
            return self.bracketed()
        raise self.fail("expected a number or an array", token)

    def bracketed(self) -> list[int] | _Matrix:
        self.take("[")
        peek = self.peek()
        if peek is not None and peek.text == "|":
            return self.matrix()
        items = self.numbers(("]",))
        self.take("]")
        return items

    def numbers(self, ends: tuple[str, ...]) -> list[int]:
        """Comma-separated whole numbers up to (not including) one of ``ends``."""
        items: list[int] = []
        while (token := self.peek()) is not None and token.text not in ends:
            items.append(int(self.take(kind="number").text))
            if (after := self.peek()) is not None and after.text == ",":
                self.take(",")
        return items

    def matrix(self) -> _Matrix:
        start = self.take("|")
        rows: list[list[int]] = []
        while True:
            row = self.numbers(("|", "]"))
            self.take("|")
            if row:
                rows.append(row)
            if (token := self.peek()) is not None and token.text == "]":
                self.take("]")
                break
        if len({len(row) for row in rows}) > 1:
            raise self.fail("the rows of this matrix have different lengths", start)
        return _Matrix(rows)

    def array_call(self) -> list[int] | _Matrix:
        call = self.take(kind="name")
        self.take("(")
        sizes = [self.range_size()]
        if call.text == "array2d":
            self.take(",")
            sizes.append(self.range_size())
        self.take(",")
        items = self.bracketed()
        self.take(")")
        if isinstance(items, _Matrix):
            items = [x for row in items.rows for x in row]
        if len(items) != _product(sizes):
            raise self.fail(
                f"{call.text} has {len(items)} values for a {'x'.join(map(str, sizes))} array", call
            )
        if len(sizes) == 1:
            return items
        return _Matrix([items[r * sizes[1] : (r + 1) * sizes[1]] for r in range(sizes[0])])

    def range_size(self) -> int:
        low = self.bound()
        self.take(kind="range")
        return max(0, self.bound() - low + 1)

    def bound(self) -> int:
        token = self.take()
        if token.kind == "number":
            return int(token.text)
        known = self.values.get(token.text)
        if token.kind == "name" and known is not None and isinstance(known.value, int):
            return known.value
        raise self.fail(f"{token.text!r} is not a number or a whole number assigned earlier", token)


def _product(sizes: list[int]) -> int:
    result = 1
    for size in sizes:
        result *= size
    return result


_MINIZINC = ("numScenes", "numActors", "ia", "c", "d")
_REHEARSAL = ("num_pieces", "num_players", "rehearsal", "duration")


def _parse_dzn(text: str, filename: str, name: str) -> TalentInstance:
    values = _DznReader(_tokens(text, filename), filename).read()
    data = _DznData(values, filename)
    if any(key in values for key in _REHEARSAL) and not any(key in values for key in _MINIZINC):
        data.require(_REHEARSAL, "CSPLib rehearsal data")
        scenes, actors = data.count("num_pieces"), data.count("num_players")
        rows = data.matrix("rehearsal", actors, scenes, "num_players", "num_pieces")
        durations = data.vector("duration", scenes, "num_pieces")
        costs = [1] * actors  # the rehearsal problem counts waiting time: every player costs 1
    else:
        data.require(_MINIZINC, "MiniZinc talent scheduling data")
        scenes, actors = data.count("numScenes"), data.count("numActors")
        rows = data.matrix("ia", actors, scenes, "numActors", "numScenes")
        costs = data.vector("c", actors, "numActors")
        durations = data.vector("d", scenes, "numScenes")
    return _instance(rows, costs, durations, name)


class _DznData:
    """Typed access to the assignments, with errors pointing at the assignment's line."""

    def __init__(self, values: dict[str, _Assignment], filename: str) -> None:
        self.values, self.filename = values, filename

    def fail(self, key: str, problem: str) -> TalentFormatError:
        return TalentFormatError(self.filename, f"{key}: {problem}", self.values[key].line)

    def require(self, keys: tuple[str, ...], what: str) -> None:
        missing = [key for key in keys if key not in self.values]
        if missing:
            raise TalentFormatError(
                self.filename, f"{what} needs {', '.join(keys)}; missing {', '.join(missing)}"
            )

    def count(self, key: str) -> int:
        value = self.values[key].value
        if not isinstance(value, int) or value < 0:
            raise self.fail(key, "expected a whole number")
        return value

    def vector(self, key: str, size: int, size_key: str) -> list[int]:
        value = self.values[key].value
        if not isinstance(value, list):
            raise self.fail(key, "expected a list of numbers like [1, 2, 3]")
        if len(value) != size:
            raise self.fail(key, f"has {len(value)} values, expected {size} ({size_key})")
        if any(x < 0 for x in value):
            raise self.fail(key, "values cannot be negative")
        return value

    def matrix(
        self, key: str, rows: int, columns: int, row_key: str, column_key: str
    ) -> list[list[int]]:
        value = self.values[key].value
        if not isinstance(value, _Matrix):
            raise self.fail(key, "expected a matrix like [| 1, 0 | 0, 1 |] or array2d(...)")
        if len(value.rows) != rows:
            raise self.fail(key, f"has {len(value.rows)} rows, expected {rows} ({row_key})")
        if rows and len(value.rows[0]) != columns:
            raise self.fail(
                key, f"has {len(value.rows[0])} columns, expected {columns} ({column_key})"
            )
        if any(x not in (0, 1) for row in value.rows for x in row):
            raise self.fail(key, "entries must be 0 or 1")
        return value.rows


def _instance(
    rows: list[list[int]], costs: list[int], durations: list[int], name: str
) -> TalentInstance:
    """Build the instance from an actor-by-scene 0/1 matrix."""
    casts = tuple(
        frozenset(a for a, row in enumerate(rows) if row[s]) for s in range(len(durations))
    )
    return TalentInstance(tuple(durations), tuple(costs), casts, name=name)
