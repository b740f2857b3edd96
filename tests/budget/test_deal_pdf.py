"""The deal memo PDF: one page with the parties, the terms in words and the approval. Pure."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4

from greenlight.budget.deal_pdf import Approval, DealMemoDoc, rate_text, render
from tests.screenplay.samples import pdf_text

D = Decimal

MEMO = DealMemoDoc(
    production="Brick and Steel",
    project_code="BRICK",
    number="DM-0007",
    person="Ann Lee",
    person_kind="Crew",
    position="Camera operator",
    department="Camera",
    account_code="3302",
    start=date(2025, 3, 10),
    end=date(2025, 4, 18),
    working_days=30,
    currency="USD",
    rate=D("500"),
    rate_type="daily",
    guaranteed_hours=D("10.00"),
    overtime="California daily: 1.5x after 8 hours, 2x after 12",
    hourly=D("45.45"),
    weekly=D("2500"),
    contract=D("16500"),
    kit_rental=D("250"),
    kit_account="3385",
    union="IATSE 600",
    fringes=("FICA: FICA-OASDI (Social Security)", "MEDI: FICA-Medicare"),
    approval=Approval("Approved", "Erin Producer", date(2025, 3, 3), "Good value."),
    prepared=date(2025, 3, 4),
    version=3,
)


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", data))


def test_the_memo_is_a_one_page_pdf_naming_the_person_and_the_terms():
    data = render(MEMO)
    assert data.startswith(b"%PDF")
    assert pages(data) == 1
    text = pdf_text(data)
    for shown in (
        "Ann Lee",
        "Camera operator",
        "DM-0007",
        "USD 500.00 a day for 10 hours",
        "USD 45.45",
        "California daily: 1.5x after 8 hours, 2x after 12",
        "USD 250.00 a week",
        "3385",
        "IATSE 600",
        "USD 16,500.00",
        "Erin Producer",
        "Good value.",
        "Monday 10 March 2025",
        "Friday 18 April 2025",
    ):
        assert shown in text, shown


def test_a_flat_fee_has_no_overtime_and_no_hourly_rate():
    flat = replace(MEMO, rate=D("12000"), rate_type="flat", hourly=None, kit_rental=D(0))
    text = pdf_text(render(flat))
    assert "USD 12,000.00 flat fee" in text
    assert "None: a flat fee" in text
    assert "California daily" not in text


def test_rates_are_quoted_the_way_crews_quote_them():
    assert rate_text(MEMO) == "USD 500.00 a day for 10 hours"
    weekly = replace(MEMO, rate=D("3100"), rate_type="weekly", guaranteed_hours=D(12))
    assert rate_text(weekly) == "USD 3,100.00 a week for 12 hours a day"
    hourly = replace(MEMO, rate=D("45.5"), rate_type="hourly", guaranteed_hours=D(0))
    assert rate_text(hourly) == "USD 45.50 an hour"
    assert rate_text(replace(MEMO, currency="JPY", rate=D("60000"))).startswith("JPY 60,000 a day")


def test_long_text_wraps_and_stays_on_one_a4_page():
    long = replace(
        MEMO,
        position="Additional second unit camera operator and steadicam operator " * 2,
        fringes=tuple(f"CODE{i}: a long fringe name that runs on and on" for i in range(8)),
        approval=Approval("Waiting for the executive producer"),
    )
    data = render(long, pagesize=A4)
    assert pages(data) == 1
    assert "Waiting for the executive producer" in pdf_text(data)
