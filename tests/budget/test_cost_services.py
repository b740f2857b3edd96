"""Cost tracking through the database: ledger entries and imports, estimates to complete, the
cost report (the worked example of the domain notes, 1.8), hot costs and the cash flow (1.10)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from greenlight.budget import costs, costs_cash, costs_report, model, services, spending
from greenlight.budget.cashflow import Spread
from greenlight.budget.ledger_csv import LedgerImportError
from greenlight.budget.models import ActualCost, EstimateToComplete, PurchaseOrder
from greenlight.core.errors import InvalidInput, NotAllowed, NotFound
from tests import factories

pytestmark = pytest.mark.django_db
team_once, team = factories.module_crew("COSTS")

AT = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)
WEEK = costs_report.Period(date(2027, 3, 8), date(2027, 3, 14))  # Monday to Sunday
D = Decimal


def account(code: str, name: str, amount: str, group: str = "") -> model.Account:
    tags = {"group": group} if group else {}
    return model.Account(code, name, (model.DetailLine(name, rate=amount, tags=tags),))


def doc(*categories: model.Category, currencies: tuple[model.Currency, ...] = ()) -> model.Budget:
    return model.Budget("Budget", "USD", categories=categories, currencies=currencies)


WORKED = doc(
    model.Category("28", "Property", model.Section.BTL, (account("2800", "Props", "60000"),)),
    model.Category("33", "Camera", model.Section.BTL, (account("3300", "Camera", "180000"),)),
    model.Category("36", "Locations", model.Section.BTL, (account("3600", "Locations", "250000"),)),
    currencies=(model.Currency("EUR", D("1.1")),),
)


def locked_budget(team, document=WORKED, name="Approved"):
    budget = services.create_budget(team.ep, team.project, name=name, at=AT, doc=document)
    return services.lock_budget(team.ep, budget, version=budget.version, at=AT)


def entry(code: str, amount: str, on: date = date(2027, 3, 1), **extra) -> costs.Entry:
    fields = {"vendor": "Vendor", "currency": "USD", "kind": "invoice", **extra}
    return costs.Entry(account_code=code, on=on, amount=D(amount), **fields)


def worked_ledger(team) -> None:
    """The ledger behind the worked example: ATD, open POs and two ETC overrides."""
    ep, p = team.ep, team.project
    costs.add_purchase_order(ep, p, entry("2800", "5000", po="PO-1", vendor="Prop House"))
    costs.add_purchase_order(ep, p, entry("3300", "50000", po="PO-2", vendor="Panavision"))
    costs.add_purchase_order(ep, p, entry("3600", "60000", po="PO-3", vendor="City permits"))
    costs.add_actual(ep, p, entry("2800", "30000"))
    costs.add_actual(ep, p, entry("3300", "85000"))
    # An invoice against PO-2, in the reporting week: 10,000 moves from POs to actuals.
    costs.add_actual(ep, p, entry("3300", "10000", date(2027, 3, 9), po="PO-2"))
    costs.add_actual(ep, p, entry("3600", "100000"))
    costs.add_actual(ep, p, entry("3600", "20000", date(2027, 3, 14)))
    costs_report.set_etc(ep, p, "3300", amount=D(55000), note="Second unit added", at=AT)
    costs_report.set_etc(ep, p, "3600", amount=D(50000), note="Studio days saved", at=AT)


def test_the_worked_cost_report_is_reproduced_through_the_database(team):
    locked_budget(team)
    worked_ledger(team)
    view = costs_report.cost_report(team.ep, team.project, WEEK)
    rows = {r.account_code: r.figures for r in view.report.rows}
    expected = {  # budget, ATD, POs, ETC, EFC, variance, %
        "2800": ("60000", "30000", "5000", "25000", "60000", "0", "0.0"),
        "3300": ("180000", "95000", "40000", "55000", "190000", "-10000", "-5.6"),
        "3600": ("250000", "120000", "60000", "50000", "230000", "20000", "8.0"),
    }
    for code, figures in expected.items():
        row = rows[code]
        got = (row.budget, row.to_date, row.committed, row.etc, row.efc, row.variance)
        assert got == tuple(D(x) for x in figures[:6])
        assert row.variance_percent == D(figures[6])
    total = view.report.total
    assert (total.budget, total.to_date, total.committed, total.etc) == (
        D(490000),
        D(245000),
        D(105000),
        D(130000),
    )
    assert (total.efc, total.variance, total.variance_percent) == (D(480000), D(10000), D("2.0"))
    assert rows["3300"].period == D(10000) and rows["3600"].period == D(20000)
    assert total.period == D(30000) and total.overages == 0
    assert view.locked and view.budget_label == "Locked budget: Approved"
    assert view.report.row("3300").etc_note == "Second unit added"


def test_the_report_before_an_invoice_has_the_same_efc(team):
    locked_budget(team)
    worked_ledger(team)
    before = costs_report.cost_report(
        team.ep, team.project, costs_report.Period.week_of(date(2027, 3, 2))
    )
    after = costs_report.cost_report(team.ep, team.project, WEEK)
    assert before.report.row("3300").figures.committed == D(50000)
    assert before.report.row("3300").figures.to_date == D(85000)
    assert before.report.row("3300").figures.efc == after.report.row("3300").figures.efc


def test_a_closed_po_commits_nothing_and_can_be_reopened(team):
    locked_budget(team)
    order = costs.add_purchase_order(team.ep, team.project, entry("2800", "5000", po="PO-9"))
    costs.set_po_closed(team.ep, team.project, order.pk, closed=True)
    assert costs_report.cost_report(team.ep, team.project, WEEK).report.total.committed == 0
    costs.set_po_closed(team.ep, team.project, order.pk, closed=False)
    assert costs_report.cost_report(team.ep, team.project, WEEK).report.total.committed == D(5000)


def test_without_a_locked_version_the_draft_is_used_and_said_so(team):
    services.create_budget(team.ep, team.project, name="First draft", at=AT, doc=WORKED)
    view = costs_report.cost_report(team.ep, team.project, WEEK)
    assert not view.locked
    assert view.budget_label == "Draft budget: First draft (no version is locked yet)"
    assert view.report.total.budget == D(490000)


def test_costs_on_an_account_no_longer_budgeted_get_their_own_row(team):
    locked_budget(team)
    ActualCost.objects.create(
        project=team.project,
        account_code="9999",
        kind="invoice",
        vendor="Old code",
        on=date(2027, 3, 1),
        currency="USD",
        amount=D(700),
        base_amount=D(700),
    )
    view = costs_report.cost_report(team.ep, team.project, WEEK)
    row = view.report.row("9999")
    assert row.unbudgeted and row.figures.to_date == D(700) and row.figures.variance == D(-700)
    assert view.report.total.to_date == D(700)


def test_contractuals_are_rows_so_the_report_budget_is_the_grand_total(team):
    with_contingency = model.Budget(
        "Budget",
        "USD",
        categories=WORKED.categories,
        contractuals=(model.Contractual("CONT", "Contingency", D(10)),),
    )
    locked_budget(team, with_contingency)
    view = costs_report.cost_report(team.ep, team.project, WEEK)
    assert view.report.row("CONT").figures.budget == D(49000)
    assert view.report.total.budget == D(539000)


def test_an_entry_on_an_unknown_account_or_currency_is_refused_by_field(team):
    locked_budget(team)
    with pytest.raises(InvalidInput) as refused:
        costs.add_actual(team.ep, team.project, entry("9999", "10", currency="JPY"))
    assert set(refused.value.errors) == {"account_code", "currency"}
    assert "not an account" in refused.value.errors["account_code"][0]
    with pytest.raises(InvalidInput) as zero:
        costs.add_actual(team.ep, team.project, entry("2800", "0"))
    assert zero.value.errors["amount"] == ["Amount is zero: a row must record some money."]
    assert not ActualCost.objects.filter(project=team.project).exists()


def test_a_foreign_invoice_is_stored_in_the_base_currency_at_the_budget_rate(team):
    locked_budget(team)
    actual = costs.add_actual(team.ep, team.project, entry("2800", "1000.55", currency="eur"))
    assert (actual.currency, actual.amount, actual.base_amount) == (
        "EUR",
        D("1000.55"),
        D("1100.60"),
    )


def test_po_numbers_are_unique_on_a_project(team):
    locked_budget(team)
    costs.add_purchase_order(team.ep, team.project, entry("2800", "10", po="PO-1"))
    with pytest.raises(InvalidInput) as refused:
        costs.add_purchase_order(team.ep, team.project, entry("3300", "20", po="PO-1"))
    assert "PO PO-1 already exists" in refused.value.errors["po"][0]
    assert PurchaseOrder.objects.filter(project=team.project).count() == 1


def test_an_invoice_against_a_po_must_be_on_the_pos_account(team):
    locked_budget(team)
    costs.add_purchase_order(team.ep, team.project, entry("2800", "100", po="PO-1"))
    with pytest.raises(InvalidInput) as refused:
        costs.add_actual(team.ep, team.project, entry("3300", "10", po="PO-1"))
    assert "coded to account 2800" in refused.value.errors["po"][0]
    with pytest.raises(InvalidInput) as missing:
        costs.add_actual(team.ep, team.project, entry("2800", "10", po="PO-7"))
    assert "no purchase order 'PO-7'" in missing.value.errors["po"][0]


def test_an_actuals_file_with_bad_rows_imports_nothing_and_names_every_line(team):
    locked_budget(team)
    costs.add_purchase_order(team.ep, team.project, entry("2800", "100", po="PO-1"))
    data = (
        b"account,date,vendor,description,amount,currency,kind,po\n"
        b"2800,2027-03-02,Props R Us,Chairs,40.00,USD,invoice,PO-1\n"
        b"2801,2027-03-02,Props R Us,Tables,12,USD,invoice,\n"
        b"3300,2027-02-30,Panavision,Lens,99,USD,invoice,\n"
        b"3300,2027-03-03,Panavision,Lens,99,USD,invoice,PO-1\n"
    )
    with pytest.raises(LedgerImportError) as refused:
        costs.import_actuals(team.ep, team.project, data)
    places = [(p.line_number, p.column) for p in refused.value.problems]
    assert places == [(3, "account"), (4, "date")]
    assert not ActualCost.objects.filter(project=team.project).exists()
    fixed = data.replace(b"2801", b"2800").replace(b"02-30", b"02-28")
    with pytest.raises(LedgerImportError) as po_problem:  # the PO check runs once rows parse
        costs.import_actuals(team.ep, team.project, fixed)
    assert [(p.line_number, p.column) for p in po_problem.value.problems] == [(5, "po")]
    clean = fixed.replace(b"Lens,99,USD,invoice,PO-1", b"Lens,99,USD,invoice,")
    imported = costs.import_actuals(team.ep, team.project, clean)
    assert (imported.count, imported.total) == (4, D(250))
    assert ActualCost.objects.filter(project=team.project).count() == 4
    assert ActualCost.history.filter(project_id=team.project.pk).count() == 4


def test_a_po_file_refuses_numbers_already_used_in_the_file_or_the_project(team):
    locked_budget(team)
    costs.add_purchase_order(team.ep, team.project, entry("2800", "100", po="PO-1"))
    data = (
        "po,account,date,vendor,amount,currency,description\n"
        "PO-1,2800,2027-03-02,A,10,USD,\n"
        "PO-2,3300,2027-03-02,B,20,USD,\n"
        "PO-2,3600,2027-03-02,C,30,USD,\n"
    )
    with pytest.raises(LedgerImportError) as refused:
        costs.import_purchase_orders(team.ep, team.project, data)
    assert [str(p) for p in refused.value.problems] == [
        "line 2, po: PO PO-1 already exists on this project: PO numbers are unique",
        "line 4, po: PO PO-2 is also on line 3: one row per PO",
    ]
    assert PurchaseOrder.objects.filter(project=team.project).count() == 1


def test_an_oversized_file_is_refused_whole(team):
    locked_budget(team)
    data = b"account,date,vendor,description,amount,currency,kind\n" + b"x" * costs.MAX_IMPORT_BYTES
    with pytest.raises(LedgerImportError) as refused:
        costs.import_actuals(team.ep, team.project, data)
    assert "the limit is" in str(refused.value)


def test_nothing_is_coded_before_there_is_a_budget(team):
    with pytest.raises(InvalidInput) as refused:
        costs.add_actual(team.ep, team.project, entry("2800", "10"))
    assert "Create a budget first" in str(refused.value)


def test_an_etc_override_needs_a_note_and_its_changes_are_kept(team):
    locked_budget(team)
    with pytest.raises(InvalidInput) as refused:
        costs_report.set_etc(team.ep, team.project, "2800", amount=D(-1), note=" ", at=AT)
    assert set(refused.value.errors) == {"amount", "note"}
    costs_report.set_etc(team.ep, team.project, "2800", amount=D(10), note="First guess", at=AT)
    costs_report.set_etc(team.ep, team.project, "2800", amount=D(20), note="Second guess", at=AT)
    costs_report.clear_etc(team.ep, team.project, "2800")
    assert not EstimateToComplete.objects.filter(project=team.project).exists()
    history = costs_report.etc_history(team.ep, team.project)
    assert [(h.history_type, h.note) for h in history] == [
        ("-", "Second guess"),
        ("~", "Second guess"),
        ("+", "First guess"),
    ]
    with pytest.raises(NotFound):
        costs_report.clear_etc(team.ep, team.project, "2800")


def test_only_the_executive_producer_reads_or_writes_costs(team):
    locked_budget(team)
    for member in (team.ap, team.dh, team.crew, team.viewer):
        with pytest.raises(NotAllowed):
            costs_report.cost_report(member, team.project, WEEK)
        with pytest.raises(NotAllowed):
            costs.add_actual(member, team.project, entry("2800", "10"))
        with pytest.raises(NotAllowed):
            costs_cash.cash_flow(member, team.project)
    with pytest.raises(NotFound):
        costs.ledger(team.outsider, team.project)


def test_the_ledger_filters_and_totals(team):
    locked_budget(team)
    worked_ledger(team)
    everything = costs.ledger(team.ep, team.project)
    assert everything.actual_total == D(245000) and everything.actual_count == 5
    assert everything.po_total == D(115000) and everything.open_total == D(105000)
    camera = costs.ledger(team.ep, team.project, costs.LedgerFilter(account="3300"))
    assert camera.actual_total == D(95000)
    [po] = camera.purchase_orders
    assert (po.invoiced, po.open) == (D(10000), D(40000))
    week = costs.ledger(team.ep, team.project, costs.LedgerFilter(start=WEEK.start, end=WEEK.end))
    assert week.actual_total == D(30000)
    panavision = costs.ledger(team.ep, team.project, costs.LedgerFilter(vendor="panav"))
    assert [r.order.number for r in panavision.purchase_orders] == ["PO-2"]


# --- cash flow (domain notes 1.10) -----------------------------------------------------------

WEEK0 = date(2027, 1, 4)  # a Monday: signing


def week(n: int, weekday: int = 0) -> date:
    return WEEK0 + timedelta(weeks=n, days=weekday)


def shortfall_project(team) -> None:
    """$2,000,000: prep in weeks 1-6, the shoot in weeks 7-11, post and finishing 12-16."""
    p = team.project
    p.prep_start, p.shoot_start, p.shoot_end = week(1), week(7), week(11, 6)
    p.delivery_date = week(16, 6)
    p.save()
    document = doc(
        model.Category(
            "20",
            "Production",
            model.Section.BTL,
            (
                account("2001", "Prep crew", "400000", group="prep"),
                account("2002", "Shoot crew", "1000000"),
            ),
        ),
        model.Category("50", "Post", model.Section.POST, (account("5001", "Post", "600000"),)),
    )
    locked_budget(team, document)
    for on, amount, source in [
        (week(0), 600000, "Signing (30%)"),
        (week(6, 4), 800000, "Start of photography (40%)"),
        (week(14, 4), 400000, "Picture lock (20%)"),
        (week(20, 4), 200000, "Delivery (10%)"),
    ]:
        costs_cash.add_funding(team.ep, p, on=on, amount=D(amount), source=source)


def test_the_worked_cash_flow_shows_its_shortfalls(team):
    shortfall_project(team)
    plan = costs_cash.cash_flow(team.ep, team.project)
    flow = plan.flow
    assert flow is not None and flow.start == WEEK0
    cumulative = {w.number: w.cumulative_spend for w in flow.weeks}
    assert (cumulative[0], cumulative[6], cumulative[11]) == (0, D(400000), D(1400000))
    assert (cumulative[14], cumulative[16]) == (D(1760000), D(2000000))
    assert flow.week(6).cash_position == D(1000000)
    assert flow.week(11).cash_position == 0
    assert flow.first_shortfall is not None and flow.first_shortfall.number == 12
    assert flow.week(14).lowest_position == D(-360000)
    assert flow.week(14).cash_position == D(40000)
    assert flow.week(16).cash_position == D(-200000)
    assert [w.number for w in flow.weeks if w.shortfall] == [12, 13, 14, 15, 16, 17, 18, 19, 20]
    assert flow.week(20).cash_position == 0 and flow.total_spend == D(2000000)


def test_payment_terms_move_the_spend_later(team):
    shortfall_project(team)
    costs_cash.set_payment_terms(team.ep, team.project, 30)
    plan = costs_cash.cash_flow(team.ep, team.project)
    assert plan.terms_days == 30 and plan.flow is not None
    assert plan.flow.week(6).cumulative_spend < D(400000)
    assert plan.flow.total_spend == D(2000000)
    with pytest.raises(InvalidInput):
        costs_cash.set_payment_terms(team.ep, team.project, -1)


def test_without_shoot_dates_the_cash_flow_says_what_is_missing(team):
    locked_budget(team)
    plan = costs_cash.cash_flow(team.ep, team.project)
    assert plan.flow is None and "shoot dates" in plan.problem


def test_spend_phases_follow_the_line_groups():
    phases = spending.Phases(date(2027, 3, 1), date(2027, 3, 26), date(2027, 2, 1), None)
    items = spending.spend_items(
        [
            spending.Cost("1203", model.Section.ATL, D(100), "prep"),
            spending.Cost("1203", model.Section.ATL, D(50), "wrap"),
            spending.Cost("5001", model.Section.POST, D(70)),
            spending.Cost("6201", model.Section.OTHER, D(30)),
        ],
        phases,
    )
    windows = [(i.account_code, i.start, i.end, i.spread) for i in items]
    assert windows == [
        ("1203", date(2027, 2, 1), date(2027, 2, 28), Spread.SPREAD),
        ("1203", date(2027, 3, 27), date(2027, 4, 9), Spread.SPREAD),
        ("5001", date(2027, 3, 27), date(2027, 3, 27), Spread.LUMP),
        ("6201", date(2027, 2, 1), date(2027, 2, 1), Spread.LUMP),
    ]
