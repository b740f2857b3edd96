"""Formulas in budget cells and globals, evaluated safely in ``Decimal``. Pure.

A formula is a number, a global's name, ``+ - * /``, parentheses and unary minus (``"450"``,
``"SHOOT_DAYS + 2"``, ``"PREP_WEEKS * 5"``). It is parsed with :mod:`ast` and walked against a
whitelist, never passed to ``eval``; anything else (calls, attributes, ``**``, strings,
comparisons ...) is refused with a message naming the formula and what is not allowed.

Numbers are read from the formula's own text, so ``0.1`` is exactly one tenth. Arithmetic runs
in :data:`CONTEXT` (28 significant digits, half-even, errors trapped) whatever the caller's
decimal context is. Each distinct text is parsed once and kept (:func:`parse`).

This module also holds :class:`BudgetError`, the base of every budget problem report: the
lowest module of the calculator owns it so the others can share it.
"""

import ast
import keyword
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import NamedTuple

from greenlight.core.errors import InvalidInput

from .model import Global

CONTEXT = Context(
    prec=28, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero, Overflow]
)
MAX_LENGTH = 1000  # characters in one formula
ALLOWED = "(a formula has numbers, names of globals, + - * /, parentheses and unary minus)"

_PLAIN_NUMBER = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")
_DECIMAL_LITERAL = re.compile(r"(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9]+)?")
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_CACHE_LIMIT = 100_000

Evaluator = Callable[[Mapping[str, Decimal]], Decimal]


class BudgetError(InvalidInput):
    """Problems in a budget, each filed under where it is (a line, a global, a JSON path)."""

    def problems(self) -> list[tuple[str, str]]:
        """(where, message) pairs in the order they were found."""
        return [(where, message) for where, found in self.errors.items() for message in found]

    def summary(self) -> str:
        return "; ".join(
            f"{where}: {message}" if where != "__all__" else message
            for where, message in self.problems()
        )


class FormulaError(BudgetError):
    """A formula that cannot be parsed or evaluated; globals in a cycle; an unknown name."""


class Problems:
    """Collects problems so a check can report all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.errors.setdefault(where, []).append(message)

    def extend(self, other: "Problems | BudgetError") -> None:
        for where, messages in other.errors.items():
            for message in messages:
                self.add(where, message)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_as(self, kind: type[BudgetError]) -> None:
        """Raise ``kind`` with every problem collected, if there is any."""
        if self.errors:
            raise kind(dict(self.errors))


class Refused(ValueError):
    """One formula's problem, without a location (the caller knows where the formula is)."""


class Expression(NamedTuple):
    """A parsed formula: its text, the globals it names (first use first) and how to compute it.

    A named tuple, not a frozen dataclass: a large budget parses thousands of distinct rates,
    and a named tuple is several times cheaper to build.
    """

    text: str
    names: tuple[str, ...]
    constant: Decimal | None  # the value, when the formula names no global
    evaluate: Evaluator  # raises Refused (division by zero) or DecimalException

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"


_parsed: dict[str, Expression] = {}


def parse(expr: str) -> Expression:
    """The parsed formula ``expr``; :class:`FormulaError` says what is wrong with it."""
    try:
        return parsed(expr)
    except Refused as error:
        raise _formula_error(expr, error) from None


def parsed(expr: str) -> Expression:
    """Like :func:`parse`, raising :class:`Refused` with a message that has no location."""
    found = _parsed.get(expr)
    if found is None:
        found = _parse(expr)
        if len(_parsed) >= _CACHE_LIMIT:
            _parsed.clear()
        _parsed[expr] = found
    return found


def value(expr: "str | Expression", names: Mapping[str, Decimal]) -> Decimal:
    """The value of ``expr`` with ``names`` (global name → value)."""
    expression = parse(expr) if isinstance(expr, str) else expr
    try:
        return compute(expression, names)
    except Refused as error:
        raise _formula_error(expression.text, error) from None


def _formula_error(text: str, error: Refused) -> FormulaError:
    message = str(error)
    where = "formula" if message.startswith(repr(text)) else f"formula {text!r}"
    return FormulaError({where: [message]})


def compute(expression: Expression, names: Mapping[str, Decimal]) -> Decimal:
    """The value of a parsed formula, raising :class:`Refused` on an unknown name or 1/0."""
    if expression.constant is not None:
        return expression.constant
    missing = [name for name in expression.names if name not in names]
    if missing:
        raise Refused(", ".join(f"unknown global {name}" for name in missing))
    with localcontext(CONTEXT):
        try:
            return expression.evaluate(names)
        except DecimalException as error:
            raise Refused(_decimal_problem(expression.text, error)) from None


def evaluate_globals(globals_: Iterable[Global]) -> dict[str, Decimal]:
    """Every global's value, dependencies first; :class:`FormulaError` lists every problem."""
    values, _broken, problems = resolve_globals(globals_)
    problems.raise_as(FormulaError)
    return values


def resolve_globals(
    globals_: Iterable[Global],
) -> tuple[dict[str, Decimal], set[str], Problems]:
    """Values of the globals that can be computed, the names that cannot, and why.

    A global that depends on a broken one is broken too, without a message of its own: the
    first problem is the one to fix.
    """
    problems = Problems()
    expressions: dict[str, Expression] = {}
    broken: set[str] = set()
    for item in globals_:
        where = f"global {item.name}"
        if not NAME.fullmatch(item.name) or keyword.iskeyword(item.name):
            problems.add(where, "a global's name is letters, digits and _, not starting a digit")
        elif item.name in expressions or item.name in broken:
            problems.add(where, "defined more than once")
        else:
            try:
                expressions[item.name] = parsed(item.expression)
            except Refused as error:
                problems.add(where, str(error))
                broken.add(item.name)
    order, cyclic = _dependency_order(expressions, problems)
    broken |= cyclic
    values: dict[str, Decimal] = {}
    for name in order:
        if name in broken:
            continue
        expression = expressions[name]
        unknown = [n for n in expression.names if n not in expressions and n not in broken]
        for missing in unknown:
            problems.add(f"global {name}", f"unknown global {missing}")
        if unknown or any(n not in values for n in expression.names):
            broken.add(name)
            continue
        try:
            values[name] = compute(expression, values)
        except Refused as error:
            problems.add(f"global {name}", str(error))
            broken.add(name)
    return values, broken, problems


def _dependency_order(
    expressions: Mapping[str, Expression], problems: Problems
) -> tuple[list[str], set[str]]:
    """Names in an order where each comes after what it uses, and the names in cycles.

    Depth-first, iteratively (a long chain of globals must not hit the recursion limit); each
    edge back to a name still on the path is a cycle, reported as ``A -> B -> A``.
    """
    order: list[str] = []
    cyclic: set[str] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in expressions:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(expressions[root].names)]
        while stack:
            for dep in stack[-1]:
                if dep not in expressions:
                    continue
                seen = state.get(dep)
                if seen is None:
                    state[dep] = 1
                    path.append(dep)
                    stack.append(iter(expressions[dep].names))
                    break
                if seen == 1:
                    cycle = path[path.index(dep) :]
                    cyclic.update(cycle)
                    problems.add("globals", "cycle " + " -> ".join([*cycle, dep]))
            else:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)
    return order, cyclic


def _parse(text: str) -> Expression:
    if _PLAIN_NUMBER.fullmatch(text):
        number = Decimal(text.strip())
        return Expression(text, (), number, lambda _names: number)
    if len(text) > MAX_LENGTH:
        raise Refused(f"formula longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise Refused("empty formula (write 0 for nothing)")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise Refused(f"{text!r} is not a formula: {error.msg} {ALLOWED}") from None
    except (RecursionError, MemoryError):
        raise Refused(f"{text!r} is not a formula (nested too deeply)") from None
    except ValueError as error:  # a NUL character
        raise Refused(f"{text!r} is not a formula ({error})") from None
    names: dict[str, None] = {}
    evaluate = _compile(tree.body, text.strip(), names)
    constant = None
    if not names:
        try:
            with localcontext(CONTEXT):
                constant = evaluate({})
        except (Refused, DecimalException):
            constant = None  # reported each time it is evaluated, where it is used
    return Expression(text, tuple(names), constant, evaluate)


_OPERATORS: dict[type[ast.operator], str] = {
    ast.Pow: "'**'",
    ast.Mod: "'%'",
    ast.FloorDiv: "'//'",
    ast.MatMult: "'@'",
    ast.BitAnd: "'&'",
    ast.BitOr: "'|'",
    ast.BitXor: "'^'",
    ast.LShift: "'<<'",
    ast.RShift: "'>>'",
}
_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.Call: "calling a function",
    ast.Attribute: "attribute access ('.')",
    ast.Compare: "a comparison",
    ast.BoolOp: "'and' / 'or'",
    ast.Subscript: "indexing ('[]')",
    ast.List: "a list ('[]')",
    ast.Dict: "a dictionary ('{}')",
    ast.Set: "a set ('{}')",
    ast.Lambda: "'lambda'",
    ast.IfExp: "'if' / 'else'",
    ast.NamedExpr: "':='",
    ast.JoinedStr: "text (a string)",
}


def _compile(node: ast.expr, text: str, names: dict[str, None]) -> Evaluator:
    """A closure computing ``node``; the whitelist: numbers, names, + - * /, unary minus."""
    if isinstance(node, ast.BinOp):
        return _binary(node, text, names)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _compile(node.operand, text, names)
        if isinstance(node.op, ast.UAdd):
            return operand
        return lambda values: -operand(values)
    if isinstance(node, ast.Name):
        name = node.id
        names[name] = None
        return lambda values: values[name]
    if isinstance(node, ast.Constant):
        number = _literal(node, text)
        return lambda _values: number
    if isinstance(node, ast.Tuple):
        raise Refused(f"{text!r}: a comma is not allowed; write decimals with a point (12.5)")
    if isinstance(node, ast.UnaryOp):
        what = "'not'" if isinstance(node.op, ast.Not) else "'~'"
        raise Refused(f"{text!r}: {what} is not allowed {ALLOWED}")
    what = _CONSTRUCTS.get(type(node), f"'{type(node).__name__}'")
    raise Refused(f"{text!r}: {what} is not allowed {ALLOWED}")


def _binary(node: ast.BinOp, text: str, names: dict[str, None]) -> Evaluator:
    if type(node.op) in _OPERATORS:
        raise Refused(f"{text!r}: {_OPERATORS[type(node.op)]} is not allowed {ALLOWED}")
    left = _compile(node.left, text, names)
    right = _compile(node.right, text, names)
    if isinstance(node.op, ast.Add):
        return lambda values: left(values) + right(values)
    if isinstance(node.op, ast.Sub):
        return lambda values: left(values) - right(values)
    if isinstance(node.op, ast.Mult):
        return lambda values: left(values) * right(values)

    def divide(values: Mapping[str, Decimal]) -> Decimal:
        divisor = right(values)
        if not divisor:
            raise Refused(f"{text!r} divides by zero")
        return left(values) / divisor

    return divide


def _literal(node: ast.Constant, text: str) -> Decimal:
    if isinstance(node.value, str | bytes):
        raise Refused(f"{text!r}: text (a string) is not allowed {ALLOWED}")
    if isinstance(node.value, bool) or node.value is None or node.value is Ellipsis:
        raise Refused(f"{text!r}: {node.value!r} is not allowed {ALLOWED}")
    source = ast.get_source_segment(text, node) or ""
    if not isinstance(node.value, int | float) or not _DECIMAL_LITERAL.fullmatch(source):
        raise Refused(f"{text!r}: {source!r} is not a decimal number {ALLOWED}")
    return Decimal(source.replace("_", ""))


def _decimal_problem(text: str, error: DecimalException) -> str:
    if isinstance(error, Overflow):
        return f"{text!r} is too large a number"
    return f"{text!r} cannot be computed ({type(error).__name__})"


def clear_cache() -> None:
    """Forget every parsed formula (benchmarks measure a cold start with it)."""
    _parsed.clear()
