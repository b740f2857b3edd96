"""The budget as PDF: a one-page topsheet and the whole budget with its detail lines."""

import re

import pytest

from greenlight.budget import charts
from greenlight.budget.model import Account, Budget, Category, DetailLine, Section, Unit
from greenlight.budget.pdf import budget_pdf, topsheet_pdf
from greenlight.budget.totals import compute
from tests.budget.test_xlsx import rich_budget
from tests.screenplay.samples import pdf_text

TITLES = {"title": "Night <Train> & Co", "subtitle": "Budget v2 · locked · figures in USD"}


def squashed(text: str) -> str:
    """Without white space: ReportLab may split a paragraph's words into several strings."""
    return re.sub(r"\s+", "", text)


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


@pytest.mark.parametrize("key", charts.KEYS)
def test_the_topsheet_of_every_chart_is_one_page_with_its_grand_total(key):
    budget = charts.load(key)
    computed = compute(budget)
    data = topsheet_pdf(budget, computed, title=budget.title, subtitle="Draft")
    assert data.startswith(b"%PDF")
    assert pages(data) == 1
    text = pdf_text(data)
    assert f"{computed.grand_total:,.2f}" in text
    assert "Page 1 of 1" in text
    for category in computed.categories:
        assert category.name in text


def test_the_topsheet_shows_sections_fringes_contractuals_and_financing():
    budget = rich_budget()
    computed = compute(budget)
    text = squashed(pdf_text(topsheet_pdf(budget, computed, **TITLES)))
    for words in (
        "Night <Train> & Co",  # escaped for ReportLab, shown as typed
        "Above the line",
        "Total above the line 12,367.37 134,421.77",
        "Total below the line 2,512.40 45,763.88",
        "Total above and below the line 14,879.77 180,185.65",
        "CONT Contingency 10% of 180,185.65 18,018.57",
        "BOND Bond 3% of 198,204.22 5,946.13",
        "Grand total 204,836.81",
        "FICA OASDI 6.2% 176,100.00 10,079.77",
        "PH P&H per hour 10.00 an hour 4,800.00",
        "Financing",
        "Georgia 30% of 45,763.88 (BTL) 13,729.16 0.88 12,081.66 2026-06-30",
    ):
        assert squashed(words) in text
    assert str(computed.grand_total) == "204836.81"


def test_the_whole_budget_follows_the_topsheet_with_every_line_and_account_total():
    budget = rich_budget()
    computed = compute(budget)
    data = budget_pdf(budget, computed, **TITLES)
    assert data.startswith(b"%PDF")
    assert pages(data) == 2
    text = pdf_text(data)
    assert "Grand total 204,836.81" in text
    assert "Description Amount Units X Rate Subtotal Fringes Total" in text
    assert "8 Weeks 1 12,000.00 GBP 122,054.40 12,367.37 134,421.77" in text  # in pounds
    assert "amount = PREP_WEEKS" in text  # the formula under the description
    assert "Total 1203 122,054.40 12,367.37 134,421.77" in text
    assert "Total 2500 Set Operations 43,251.48 2,512.40 45,763.88" in text
    assert '=HYPERLINK("http://evil.example","click")' in text  # shown as text, never run
    assert "Page 1 of 2" in text and "Page 2 of 2" in text


def test_a_long_category_runs_over_pages_repeating_its_headings():
    lines = tuple(
        DetailLine(f"Day player {n}", "1", Unit.DAY, "1", "1000.50") for n in range(1, 151)
    )
    budget = Budget(
        "Long",
        "USD",
        categories=(
            Category("1400", "Cast", Section.ATL, (Account("1405", "Day players", lines),)),
        ),
    )
    data = budget_pdf(budget, compute(budget), title="Long", subtitle="")
    text = pdf_text(data)
    count = pages(data)
    assert count >= 4
    # The category bar and the column headings on every page after the topsheet.
    assert text.count("1400 Cast Above the line Description Amount Units X Rate") == count - 1
    assert f"Page {count} of {count}" in text
    assert "Total 1405 150,075.00" in text


def test_a_budget_without_categories_still_prints_its_topsheet():
    budget = Budget("Empty", "JPY")
    data = budget_pdf(budget, compute(budget), title="Empty", subtitle="")
    assert pages(data) == 1
    assert "Grand total 0" in pdf_text(data)  # yen have no decimals
