"""Variance: a budget version against the locked one it follows, line by line. Pure.

Lines are matched first by :attr:`DetailLine.key` (when both versions carry the same key), then
the rest by account code and description, the n-th such line with the n-th. A matched line is
*changed* when its subtotal, its fringes or its account changed; lines only in the new version
are *added*, lines only in the locked one *removed*. Differences are new − old (MMB's
"Variance = Total − Original"): positive means the budget went up. Line and account differences
include fringes.
"""

from collections import defaultdict, deque
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .model import Budget
from .totals import AccountTotal, Computed, LineTotal, compute

ZERO = Decimal(0)


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class LineChange:
    status: Change
    account: str  # the account code in the new version (in the locked one, when removed)
    description: str
    key: str
    old_subtotal: Decimal | None  # None when added
    new_subtotal: Decimal | None  # None when removed
    old_total: Decimal | None  # subtotal + fringes
    new_total: Decimal | None
    moved_from: str = ""  # the locked version's account code, when the line changed account

    @property
    def subtotal_difference(self) -> Decimal:
        return (self.new_subtotal or ZERO) - (self.old_subtotal or ZERO)

    @property
    def difference(self) -> Decimal:
        return (self.new_total or ZERO) - (self.old_total or ZERO)


@dataclass(frozen=True, slots=True)
class AccountChange:
    code: str
    name: str
    status: Change
    old_total: Decimal  # 0 when added
    new_total: Decimal  # 0 when removed
    lines: tuple[LineChange, ...]  # every line of the account, unchanged ones included

    @property
    def difference(self) -> Decimal:
        return self.new_total - self.old_total


@dataclass(frozen=True)
class Variance:
    lines: tuple[LineChange, ...]  # new version's order, then removed lines in the old order
    accounts: tuple[AccountChange, ...]  # likewise
    old_total: Decimal  # grand totals
    new_total: Decimal
    old_direct: Decimal  # before contractuals
    new_direct: Decimal

    @property
    def difference(self) -> Decimal:
        return self.new_total - self.old_total

    @property
    def changes(self) -> tuple[LineChange, ...]:
        """The lines that were added, removed or changed."""
        return tuple(line for line in self.lines if line.status is not Change.UNCHANGED)


def compare(locked: Budget | Computed, current: Budget | Computed) -> Variance:
    """What changed from ``locked`` to ``current``, line by line and account by account."""
    old = locked if isinstance(locked, Computed) else compute(locked)
    new = current if isinstance(current, Computed) else compute(current)
    matched = _match(old.lines, new.lines)
    changes: list[LineChange] = []
    for index, line in enumerate(new.lines):
        before = matched.get(index)
        changes.append(_line_change(before, line))
    used = {id(line) for line in matched.values()}
    changes.extend(_removed(line) for line in old.lines if id(line) not in used)
    return Variance(
        lines=tuple(changes),
        accounts=_accounts(old, new, changes),
        old_total=old.grand_total,
        new_total=new.grand_total,
        old_direct=old.direct,
        new_direct=new.direct,
    )


def _match(old: tuple[LineTotal, ...], new: tuple[LineTotal, ...]) -> dict[int, LineTotal]:
    """New line's index → its old line: by key first, then by account and description."""
    by_key = {line.line.key: line for line in old if line.line.key}
    matched: dict[int, LineTotal] = {}
    used: set[int] = set()
    for index, line in enumerate(new):
        before = by_key.get(line.line.key) if line.line.key else None
        if before is not None and id(before) not in used:
            matched[index] = before
            used.add(id(before))
    by_place: dict[tuple[str, str], deque[LineTotal]] = defaultdict(deque)
    for line in old:
        if id(line) not in used:
            by_place[(line.account, line.line.description)].append(line)
    for index, line in enumerate(new):
        if index in matched:
            continue
        waiting = by_place.get((line.account, line.line.description))
        if waiting:
            matched[index] = waiting.popleft()
    return matched


def _line_change(before: LineTotal | None, after: LineTotal) -> LineChange:
    if before is None:
        return LineChange(
            Change.ADDED,
            after.account,
            after.line.description,
            after.line.key,
            None,
            after.subtotal,
            None,
            after.total,
        )
    moved = before.account != after.account
    same = before.subtotal == after.subtotal and before.fringes == after.fringes and not moved
    return LineChange(
        Change.UNCHANGED if same else Change.CHANGED,
        after.account,
        after.line.description,
        after.line.key,
        before.subtotal,
        after.subtotal,
        before.total,
        after.total,
        before.account if moved else "",
    )


def _removed(line: LineTotal) -> LineChange:
    return LineChange(
        Change.REMOVED,
        line.account,
        line.line.description,
        line.line.key,
        line.subtotal,
        None,
        line.total,
        None,
    )


def _accounts(old: Computed, new: Computed, changes: list[LineChange]) -> tuple[AccountChange, ...]:
    lines: dict[str, list[LineChange]] = defaultdict(list)
    for change in changes:
        lines[change.account].append(change)
    moved_out = {change.moved_from for change in changes if change.moved_from}
    old_accounts = {account.code: account for account in old.accounts}
    new_codes = {account.code for account in new.accounts}
    result = [
        _account_change(old_accounts.get(account.code), account, lines[account.code], moved_out)
        for account in new.accounts
    ]
    for account in old.accounts:
        if account.code not in new_codes:
            result.append(
                AccountChange(
                    account.code,
                    account.name,
                    Change.REMOVED,
                    account.total,
                    ZERO,
                    tuple(lines[account.code]),
                )
            )
    return tuple(result)


def _account_change(
    before: AccountTotal | None,
    after: AccountTotal,
    lines: list[LineChange],
    moved_out: set[str],
) -> AccountChange:
    if before is None:
        status = Change.ADDED
    elif (
        before.total != after.total
        or after.code in moved_out
        or any(line.status is not Change.UNCHANGED for line in lines)
    ):
        status = Change.CHANGED
    else:
        status = Change.UNCHANGED
    old_total = before.total if before is not None else ZERO
    return AccountChange(after.code, after.name, status, old_total, after.total, tuple(lines))
