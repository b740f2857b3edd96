"""``greenlight budget``: budget files from the command line (``compute`` needs no database).

``greenlight budget compute FILE [--json]`` reads a Greenlight budget JSON file and prints its
topsheet, or one JSON document. Errors print one line, ``error: FILE: where: what; ...``, on
stderr and exit with status 1.
"""

import json
from decimal import Decimal
from pathlib import Path

import click

from greenlight.core.money import minor_units

from .formulas import BudgetError
from .jsonformat import MAX_BYTES, BudgetFormatError, load
from .model import Section
from .totals import Computed, compute

SECTION_TITLES = {
    Section.ATL: "Above the line",
    Section.BTL: "Below the line: production",
    Section.POST: "Below the line: post-production",
    Section.OTHER: "Below the line: other",
}
WIDTH = 88


@click.group("budget")
def budget() -> None:
    """Budgets: compute a budget file (no database needed); import and export versions."""


@budget.command("compute")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the totals as one JSON document.")
def compute_command(file: Path, as_json: bool) -> None:
    """Compute the budget in FILE and print its topsheet."""
    try:
        computed = compute(load(_read(file), source=str(file)))
    except BudgetFormatError as error:
        raise _fail(str(error)) from None  # names the file already
    except BudgetError as error:
        raise _fail(f"{file}: {error}") from None
    except OSError as error:
        raise _fail(f"{file}: {error.strerror or error}") from None
    if as_json:
        click.echo(json.dumps(summary(computed), ensure_ascii=False))
    else:
        click.echo(topsheet(computed, title=file.name))


def _read(file: Path) -> bytes:
    if not file.is_file():
        raise OSError(2, "no such file")
    if file.stat().st_size > MAX_BYTES:
        raise OSError(27, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    return file.read_bytes()


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"error: {' '.join(message.split())}", err=True)
    return click.exceptions.Exit(1)


def money(value: Decimal, currency: str) -> str:
    """The amount as a plain decimal string with the currency's minor units (2 for USD)."""
    return f"{value:.{minor_units(currency)}f}"


def summary(computed: Computed) -> dict[str, object]:
    """The ``--json`` document: totals and every account's total, as decimal strings."""
    currency = computed.currency
    return {
        "currency": currency,
        "total": money(computed.grand_total, currency),
        "above_the_line": money(computed.above_the_line, currency),
        "below_the_line": money(computed.below_the_line, currency),
        "fringes": money(computed.fringes, currency),
        "accounts": [
            {"code": a.code, "name": a.name, "total": money(a.total, currency)}
            for a in computed.accounts
        ],
    }


def topsheet(computed: Computed, *, title: str = "") -> str:
    """The topsheet as text: categories by section, fringes, contractuals, financing."""
    currency = computed.currency
    places = minor_units(currency)

    def row(code: str, name: str, amount: Decimal) -> str:
        figure = f"{amount:,.{places}f}"
        return f"{code:<8}{name[: WIDTH - 26]:<{WIDTH - 26}}{figure:>18}"

    out = [f"{title} ({currency})" if title else currency, "=" * WIDTH]
    for section in Section:
        categories = [c for c in computed.categories if c.section is section]
        if not categories:
            continue
        out.append(SECTION_TITLES[section])
        out.extend(row(c.code, c.name, c.total) for c in categories)
        out.append(row("", f"Total {SECTION_TITLES[section].lower()}", computed.sections[section]))
        out.append("")
    out.append("-" * WIDTH)
    out.append(row("", "Above the line", computed.above_the_line))
    out.append(row("", "Below the line", computed.below_the_line))
    out.append(row("", "Direct cost", computed.direct))
    out.append(row("", "  of which fringes", computed.fringes))
    for item in computed.contractuals:
        label = f"{item.name}: {item.percent}% of {item.base_amount:,.{places}f}"
        out.append(row(item.code, label, item.amount))
    out.append("=" * WIDTH)
    out.append(row("", "Grand total", computed.grand_total))
    if computed.incentives:
        out.append("")
        out.append("Financing (incentives are not deducted from the total)")
        for incentive in computed.incentives:
            out.append(row("", f"{incentive.name}: credit {incentive.percent}%", incentive.credit))
            out.append(row("", f"  net cash at {incentive.sale_price} per 1", incentive.net_cash))
    return "\n".join(out)
