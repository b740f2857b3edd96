"""Variance: a version against the locked one, line by line and account by account."""

from dataclasses import replace
from decimal import Decimal

from greenlight.budget.model import Account, Budget, Category, DetailLine, Section, Unit
from greenlight.budget.totals import compute
from greenlight.budget.variance import Change, compare

D = Decimal


def budget(*accounts: Account) -> Budget:
    return Budget("V", "USD", (Category("2000", "Production", Section.BTL, accounts),))


def line(description: str, rate: str, key: str = "") -> DetailLine:
    return DetailLine(description, "10", Unit.DAY, "1", rate, key=key)


LOCKED = budget(
    Account("2500", "Grip", (line("Key grip", "500", "k1"), line("Grips", "450", "k2"))),
    Account("3300", "Camera", (line("DP", "900"), line("Camera package", "1500"))),
)


def test_an_unchanged_version_has_no_variance():
    variance = compare(LOCKED, LOCKED)
    assert variance.changes == ()
    assert variance.difference == 0
    assert {a.status for a in variance.accounts} == {Change.UNCHANGED}


def test_a_changed_rate_shows_old_and_new_subtotals_and_the_account_and_total_variance():
    current = replace(
        LOCKED,
        categories=(
            replace(
                LOCKED.categories[0],
                accounts=(
                    Account(
                        "2500", "Grip", (line("Key grip", "560", "k1"), line("Grips", "450", "k2"))
                    ),
                    LOCKED.categories[0].accounts[1],
                ),
            ),
        ),
    )
    variance = compare(LOCKED, current)
    (change,) = variance.changes
    assert (change.status, change.account, change.description) == (
        Change.CHANGED,
        "2500",
        "Key grip",
    )
    assert (change.old_subtotal, change.new_subtotal) == (D("5000.00"), D("5600.00"))
    assert change.difference == D("600.00")
    grip, camera = variance.accounts
    assert (grip.status, grip.old_total, grip.new_total, grip.difference) == (
        Change.CHANGED,
        D("5000.00") + D("4500.00"),
        D("5600.00") + D("4500.00"),
        D("600.00"),
    )
    assert camera.status is Change.UNCHANGED
    assert variance.difference == D("600.00")
    assert (variance.old_total, variance.new_total) == (D("33500.00"), D("34100.00"))


def test_lines_are_matched_by_key_even_when_renamed():
    current = budget(
        Account(
            "2500", "Grip", (line("Key grip (renamed)", "500", "k1"), line("Grips", "450", "k2"))
        ),
        LOCKED.categories[0].accounts[1],
    )
    assert compare(LOCKED, current).changes == ()


def test_lines_without_keys_are_matched_by_account_and_description():
    current = budget(
        LOCKED.categories[0].accounts[0],
        Account("3300", "Camera", (line("Camera package", "1500"), line("DP (new)", "900"))),
    )
    changes = compare(LOCKED, current).changes
    assert [(c.status, c.description) for c in changes] == [
        (Change.ADDED, "DP (new)"),
        (Change.REMOVED, "DP"),
    ]
    added, removed = changes
    assert (added.old_subtotal, added.new_subtotal, added.difference) == (
        None,
        D("9000.00"),
        D("9000.00"),
    )
    assert (removed.old_subtotal, removed.new_subtotal) == (D("9000.00"), None)


def test_repeated_descriptions_are_matched_in_order():
    locked = budget(Account("2500", "Grip", (line("Grip", "450"), line("Grip", "400"))))
    current = budget(Account("2500", "Grip", (line("Grip", "450"), line("Grip", "420"))))
    (change,) = compare(locked, current).changes
    assert (change.old_subtotal, change.new_subtotal) == (D("4000.00"), D("4200.00"))


def test_a_keyed_line_moved_to_another_account_is_changed_in_both():
    current = budget(
        Account("2500", "Grip", (line("Key grip", "500", "k1"),)),
        Account(
            "3300", "Camera", (*LOCKED.categories[0].accounts[1].lines, line("Grips", "450", "k2"))
        ),
    )
    variance = compare(LOCKED, current)
    (moved,) = variance.changes
    assert (moved.account, moved.moved_from, moved.difference) == ("3300", "2500", D(0))
    grip, camera = variance.accounts
    assert (grip.status, grip.difference) == (Change.CHANGED, D("-4500.00"))
    assert (camera.status, camera.difference) == (Change.CHANGED, D("4500.00"))
    assert variance.difference == 0


def test_added_and_removed_accounts_are_reported_with_their_totals():
    current = budget(
        LOCKED.categories[0].accounts[0], Account("3400", "Sound", (line("Mixer", "700"),))
    )
    variance = compare(compute(LOCKED), compute(current))
    statuses = {a.code: (a.status, a.old_total, a.new_total) for a in variance.accounts}
    assert statuses["3400"] == (Change.ADDED, D(0), D("7000.00"))
    assert statuses["3300"] == (Change.REMOVED, D("24000.00"), D(0))
    assert statuses["2500"][0] is Change.UNCHANGED
    assert variance.difference == D("7000.00") - D("24000.00")
