"""Bitmask lookup tables for the talent search: sums and unions over a set in a few lookups. Pure.

A set of scenes (or actors) is an ``int`` bitmask. Adding up a value over the members of a set
bit by bit costs a Python loop; splitting the mask into bytes and looking each byte up in a
256-entry table of precomputed partial results costs three lookups for up to 24 members, which
is what makes the search's inner loops affordable in pure Python.
"""

import operator
from collections.abc import Callable, Sequence
from typing import TypeVar

_T = TypeVar("_T", int, float)

_BITS = 8
_BYTE = (1 << _BITS) - 1
# Masks of up to 24 members are read with three tables written out in full.
BYTE_TABLES = 3


def _tables(values: Sequence[_T], zero: _T, union: bool = False) -> list[list[_T]]:
    """For each byte of a mask, a table from the byte's value to the result over its members."""
    tables: list[list[_T]] = []
    for start in range(0, max(len(values), 1), _BITS):
        table = [zero]
        for value in values[start : start + _BITS]:
            # Doubling: the subsets holding this member are the earlier ones plus the member.
            # (The operator is written out: building tables is on the search's path too.)
            if union:
                table += [operator.or_(old, value) for old in table]
            else:
                table += [old + value for old in table]
        tables.append(table + [zero] * ((1 << _BITS) - len(table)))
    return tables


def _padded(tables: list[list[_T]], zero: _T) -> list[list[_T]]:
    return tables + [[zero] * (1 << _BITS)] * (BYTE_TABLES - len(tables))


def int_union(values: Sequence[int]) -> Callable[[int], int]:
    """A function from a mask to the bitwise OR of ``values`` over its members."""
    tables = _tables(values, 0, union=True)
    if len(tables) <= BYTE_TABLES:
        t0, t1, t2 = _padded(tables, 0)
        return lambda mask: t0[mask & _BYTE] | t1[(mask >> 8) & _BYTE] | t2[mask >> 16]

    def read(mask: int) -> int:
        result = 0
        for table in tables:
            result |= table[mask & _BYTE]
            mask >>= _BITS
        return result

    return read


def int_sum(values: Sequence[int]) -> Callable[[int], int]:
    """A function from a mask to the sum of ``values`` over its members."""
    return _sum(_tables(values, 0), 0)


def float_sum(values: Sequence[float]) -> Callable[[int], float]:
    """A function from a mask to the sum of ``values`` over its members."""
    return _sum(_tables(values, 0.0), 0.0)


def float_tables(values: Sequence[float]) -> tuple[list[float], ...]:
    """Three byte tables for summing ``values`` over a mask ``m`` written out in place, as
    ``t0[m & 255] + t1[(m >> 8) & 255] + t2[m >> 16]``; at most 24 values."""
    if len(values) > BYTE_TABLES * _BITS:
        raise ValueError(f"at most {BYTE_TABLES * _BITS} values, not {len(values)}")
    return tuple(_padded(_tables(values, 0.0), 0.0))


def _sum(tables: list[list[_T]], zero: _T) -> Callable[[int], _T]:
    if len(tables) <= BYTE_TABLES:
        # Written out for up to 24 members: the search calls these millions of times.
        t0, t1, t2 = _padded(tables, zero)
        return lambda mask: t0[mask & _BYTE] + t1[(mask >> 8) & _BYTE] + t2[mask >> 16]

    def read(mask: int) -> _T:
        result = zero
        for table in tables:
            result += table[mask & _BYTE]
            mask >>= _BITS
        return result

    return read
