"""Cost-tracking pages and API: the cost report and its exports, the ledger with CSV import,
estimates to complete, hot costs, the cash flow; and no cost figure for anyone but the
executive producer."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path, reverse
from ninja import NinjaAPI

from greenlight import api as main_api
from greenlight import urls as main_urls
from greenlight.accounts.api import API_AUTH
from greenlight.budget import costs_cash, costs_report, services
from greenlight.budget.api_costs import router
from greenlight.budget.models import ActualCost, FundingDrop, HotCost, PurchaseOrder
from greenlight.core.eighths import format_eighths
from greenlight.core.errors import GreenlightError
from tests import factories
from tests.budget.test_cost_services import (
    WEEK,
    locked_budget,
    shortfall_project,
    worked_ledger,
)
from tests.scheduling import builders

# The lead wires the pages and the router into the project; this module mounts them itself
# (first, so it does not matter whether they are wired yet).
_api = NinjaAPI(auth=API_AUTH, urls_namespace="cost-tests")
_api.add_router("", router)
_api.add_exception_handler(GreenlightError, main_api.greenlight_error)
urlpatterns = [
    path("api/", _api.urls),
    path("", include("greenlight.budget.urls_costs")),
    *main_urls.urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
team_once, team = factories.module_crew("COSTPG")
lazy_static_files = factories.lazy_static_files
WEEK_QUERY = {"week": WEEK.start.isoformat()}


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    return None


@pytest.fixture
def worked(team):
    locked_budget(team)
    worked_ledger(team)
    return team


def url(name: str, team, *args) -> str:
    return reverse(name, args=[team.project.pk, *args])


def api(team, rest: str) -> str:
    return f"/api/projects/{team.project.pk}/costs/{rest}"


def test_the_cost_report_page_shows_the_worked_example(client, worked):
    client.force_login(worked.ep)
    page = client.get(url("cost_report", worked), WEEK_QUERY).content.decode()
    assert "Locked budget: Approved" in page
    assert "Mon 8 Mar 2027 – Sun 14 Mar 2027" in page
    camera = page.split('data-account="3300"')[1].split("</tr>")[0]
    assert '<td class="num over">(10,000.00)</td>' in camera
    assert '<td class="num over">-5.6%</td>' in camera
    assert "190,000.00" in camera and "overridden" in camera
    grand = page.split('id="grand-total"')[1].split("</tr>")[0]
    for figure in ("490,000.00", "245,000.00", "105,000.00", "130,000.00", "480,000.00"):
        assert figure in grand
    assert "+2.0%" in grand and "30,000.00" in grand  # this week's actuals
    assert "ETC of 3300 Camera overridden: “Second unit added”" in page
    assert "Approved overages are not recorded" in page


def test_the_report_defaults_to_this_week_and_labels_a_draft(client, team):
    services.create_budget(team.ep, team.project, name="Draft one", chart="feature", at=builders.AT)
    client.force_login(team.ep)
    page = client.get(url("cost_report", team)).content.decode()
    assert "Draft budget: Draft one (no version is locked yet)" in page
    assert "No budget version is locked yet" in page


def test_the_report_exports_as_csv_and_xlsx(client, worked):
    client.force_login(worked.ep)
    response = client.get(url("cost_report_csv", worked), WEEK_QUERY)
    assert response["Content-Disposition"].endswith('-20270308-20270314.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    [grand] = [r for r in rows if r and r[0] == "total"]
    figures = [Decimal(cell) for cell in grand[3:13]]
    assert figures == [
        Decimal(x) for x in (490000, 0, 30000, 245000, 105000, 350000, 130000, 480000, 10000, "2.0")
    ]
    [camera] = [r for r in rows if r[:2] == ["account", "3300"]]
    assert Decimal(camera[11]) == -10000 and camera[13] == "Second unit added"
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(url("cost_report_xlsx", worked), WEEK_QUERY).content)
    )
    sheet = book["Cost report"]
    [total] = [r for r in sheet.iter_rows(values_only=True) if r[0] == "total"]
    assert total[10] == 480000 and total[11] == 10000


def test_a_bad_csv_import_lists_every_line_and_imports_nothing(client, team):
    locked_budget(team)
    client.force_login(team.ep)
    data = (
        b"account,date,vendor,description,amount,currency,kind\n"
        b"2800,2027-03-02,Props R Us,Chairs,40.00,USD,invoice\n"
        b"2801,2027-03-02,Props R Us,Tables,12,USD,invoice\n"
        b"3300,2027-03-02,Panavision,Lens,12;50,USD,invoice\n"
    )
    upload = SimpleUploadedFile("actuals.csv", data, content_type="text/csv")
    page = client.post(url("cost_import", team), {"what": "actuals", "file": upload})
    text = page.content.decode()
    assert page.status_code == 200 and "Nothing was imported" in text
    errors = text.split('id="import-errors"')[1].split("</table>")[0]
    assert '<td class="num">3</td><td>account</td>' in errors
    assert '<td class="num">4</td><td>amount</td>' in errors
    assert not ActualCost.objects.filter(project=team.project).exists()
    good = SimpleUploadedFile(
        "actuals.csv", data.replace(b"2801", b"2800").replace(b"12;50", b"12.50")
    )
    done = client.post(url("cost_import", team), {"what": "actuals", "file": good}, follow=True)
    assert "Imported 3 actuals from actuals.csv: USD 64.50." in done.content.decode()
    assert ActualCost.objects.filter(project=team.project).count() == 3


def test_an_upload_over_the_limit_is_refused_before_reading(client, team, monkeypatch):
    locked_budget(team)
    client.force_login(team.ep)
    monkeypatch.setattr("greenlight.budget.forms_costs.MAX_IMPORT_BYTES", 10)
    upload = SimpleUploadedFile("actuals.csv", b"account,date\n" * 3)
    text = client.post(
        url("cost_import", team), {"what": "actuals", "file": upload}
    ).content.decode()
    assert "the limit is 10" in text
    assert not ActualCost.objects.filter(project=team.project).exists()


def test_entering_a_po_and_an_invoice_against_it(client, team):
    locked_budget(team)
    client.force_login(team.ep)
    po = {
        "po": "PO-100",
        "account_code": "3300",
        "on": "2027-03-01",
        "vendor": "Panavision",
        "amount": "5000",
        "currency": "EUR",
    }
    assert client.post(url("cost_po_add", team), po).status_code == 302
    again = client.post(url("cost_po_add", team), po).content.decode()
    assert "PO PO-100 already exists" in again
    invoice = {**po, "kind": "invoice", "po": "PO-100", "amount": "1000", "currency": "EUR"}
    assert client.post(url("cost_actual_add", team), invoice).status_code == 302
    page = client.get(url("cost_ledger", team)).content.decode()
    row = page.split('data-po="PO-100"')[1].split("</tr>")[0]
    assert "EUR 5,000.00" in row and "5,500.00" in row and "1,100.00" in row and "4,400.00" in row
    order = PurchaseOrder.objects.get(project=team.project)
    client.post(url("cost_po_status", team, order.pk), {"action": "close"})
    order.refresh_from_db()
    assert order.closed


def test_etc_overrides_are_set_and_cleared_with_their_history(client, worked):
    client.force_login(worked.ep)
    refused = client.post(
        url("cost_etc", worked), {"account_code": "2800", "amount": "5", "note": ""}
    )
    assert "This field is required" in refused.content.decode()
    client.post(
        url("cost_etc", worked),
        {"account_code": "2800", "amount": "7000", "note": "Rentals end early"},
    )
    report = client.get(url("cost_report", worked), WEEK_QUERY).content.decode()
    assert "ETC of 2800 Props overridden: “Rentals end early”" in report
    client.post(url("cost_etc_clear", worked), {"account_code": "2800"})
    page = client.get(url("cost_etc", worked)).content.decode()
    history = page.split('id="etc-history"')[1]
    assert history.count("Rentals end early") == 2 and "Cleared" in history


def test_a_hot_cost_shows_the_days_overrun_and_pages_behind(client, team):
    builders.schedule_on(team.project, team.ep)
    locked_budget(team)
    client.force_login(team.ep)
    form = {
        "on": "2027-03-01",
        "description": "Crew overtime: 1.5 hours at double time",
        "account_code": "3300",
        "budgeted": "0",
        "actual": "6750",
        "pages_scheduled": "4 2/8",
        "pages_shot": "3 5/8",
    }
    assert client.post(url("cost_hot", team), form).status_code == 302
    meal = {
        **form,
        "description": "Meal penalty",
        "actual": "450",
        "pages_scheduled": "",
        "pages_shot": "",
    }
    assert client.post(url("cost_hot", team), meal).status_code == 302  # keeps the day's pages
    bad = client.post(url("cost_hot", team), {**form, "on": "2027-02-01", "pages_shot": "9/8"})
    assert (
        "is not a page length" in bad.content.decode()
        and "Select a valid choice" in bad.content.decode()
    )
    page = client.get(url("cost_hot", team)).content.decode()
    day = page.split('data-day="2027-03-01"')[1].split("</tbody>")[0]
    assert "Day 1" in day and "4 2/8 scheduled · 3 5/8 shot" in day and "5/8 behind" in day
    assert "7,200.00 over" in day and "Meal penalty" in day
    assert "USD 7,200.00 over" in page.split('id="hot-totals"')[1]
    assert sorted(HotCost.objects.values_list("pages_scheduled", flat=True), key=str) == [34, None]


def test_a_days_scheduled_pages_default_to_the_board(client, team):
    builders.schedule_on(team.project, team.ep)
    locked_budget(team)
    client.force_login(team.ep)
    first = costs_cash.shoot_days(team.project)[0]
    form = {"on": first.on.isoformat(), "description": "Overtime", "budgeted": "0", "actual": "10"}
    assert client.post(url("cost_hot", team), {**form, "pages_shot": "1/8"}).status_code == 302
    page = client.get(url("cost_hot", team)).content.decode()
    day = page.split(f'data-day="{first.on.isoformat()}"')[1].split("</tbody>")[0]
    assert f"{format_eighths(first.eighths)} scheduled · 1/8 shot" in day


def test_the_cash_flow_page_flags_the_first_shortfall(client, team):
    shortfall_project(team)
    client.force_login(team.ep)
    page = client.get(url("cost_cashflow", team)).content.decode()
    first = page.split('id="first-shortfall"')[1].split("</div>")[0]
    assert "Week 12" in first and "Mon 29 Mar 2027" in first and "(120,000.00)" in first
    assert '<tr class="shortfall" data-week="12">' in page
    assert '<tr class="" data-week="11">' in page
    assert "<svg" in page and "<polyline" in page
    added = client.post(
        url("cost_funding_add", team),
        {"on": "2027-03-26", "amount": "150000", "source": "Gap loan"},
    )
    assert added.status_code == 302
    assert (
        "Week 13"
        in client.get(url("cost_cashflow", team)).content.decode().split('id="first-shortfall"')[1]
    )
    client.post(url("cost_terms", team), {"days": "30"})
    assert (
        "paid 30 days after it falls due" in client.get(url("cost_cashflow", team)).content.decode()
    )


# --- the API ---------------------------------------------------------------------------------


def test_the_api_reports_the_worked_example(client, worked):
    client.force_login(worked.ep)
    body = client.get(api(worked, "report"), WEEK_QUERY).json()
    assert body["budget_locked"] and body["period_start"] == "2027-03-08"
    total = body["total"]
    assert (Decimal(total["efc"]), Decimal(total["variance"]), total["variance_percent"]) == (
        Decimal(480000),
        Decimal(10000),
        "2.0",
    )
    camera = next(r for r in body["rows"] if r["account_code"] == "3300")
    assert (
        camera["etc_note"] == "Second unit added"
        and Decimal(camera["figures"]["committed"]) == 40000
    )


def test_the_api_records_and_lists_actuals_and_pos(client, team):
    locked_budget(team)
    client.force_login(team.ep)
    po = {
        "number": "PO-1",
        "account_code": "2800",
        "on": "2027-03-01",
        "vendor": "A",
        "amount": "100",
        "currency": "USD",
    }
    made = client.post(api(team, "purchase-orders"), po, content_type="application/json")
    assert made.status_code == 201 and made.json()["open"] == "100.00"
    actual = {
        "account_code": "2800",
        "on": "2027-03-02",
        "vendor": "A",
        "amount": "40",
        "currency": "USD",
        "po": "PO-1",
    }
    assert (
        client.post(api(team, "actuals"), actual, content_type="application/json").status_code
        == 201
    )
    bad = client.post(
        api(team, "actuals"), {**actual, "account_code": "0000"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "account_code" in bad.json()["errors"]
    listed = client.get(api(team, "actuals"), {"account": "2800"}).json()
    assert listed["count"] == 1 and listed["items"][0]["po"] == "PO-1"
    [order] = client.get(api(team, "purchase-orders")).json()
    assert (order["invoiced"], order["open"]) == ("40.00", "60.00")
    closed = client.post(api(team, f"purchase-orders/{order['id']}/close"))
    assert closed.json()["closed"] is True and closed.json()["open"] == "0.00"


def test_the_api_imports_a_file_whole_or_lists_its_problems(client, team):
    locked_budget(team)
    client.force_login(team.ep)
    bad = (
        b"po,account,date,vendor,amount,currency,description\n"
        b"PO-1,2800,2027-03-01,A,-5,USD,\n"
        b"PO-2,2800,someday,A,5,USD,\n"
    )
    refused = client.post(
        api(team, "purchase-orders/import"), {"file": SimpleUploadedFile("po.csv", bad)}
    )
    assert refused.status_code == 422
    assert [(e["line"], e["column"]) for e in refused.json()["errors"]] == [
        (2, "amount"),
        (3, "date"),
    ]
    assert not PurchaseOrder.objects.filter(project=team.project).exists()
    good = bad.replace(b"-5", b"5").replace(b"someday", b"2027-03-02")
    done = client.post(
        api(team, "purchase-orders/import"), {"file": SimpleUploadedFile("po.csv", good)}
    )
    assert done.status_code == 201 and done.json() == {
        "imported": 2,
        "total": "10.00",
        "currency": "USD",
    }


def test_the_api_cash_flow_names_the_first_shortfall_week(client, team):
    shortfall_project(team)
    client.force_login(team.ep)
    body = client.get(api(team, "cash-flow")).json()
    assert body["first_shortfall_week"] == 12 and body["total_spend"] == "2000000.00"
    assert body["weeks"][14]["lowest_position"] == "-360000.00" and body["weeks"][14]["shortfall"]


def test_etc_through_the_api(client, worked):
    client.force_login(worked.ep)
    put = client.put(
        api(worked, "etc/2800"), {"amount": "1", "note": "Done"}, content_type="application/json"
    )
    assert put.status_code == 200 and put.json()["note"] == "Done"
    assert client.delete(api(worked, "etc/2800")).status_code == 204
    assert client.delete(api(worked, "etc/2800")).status_code == 404


# --- who sees costs --------------------------------------------------------------------------


def _reads(team) -> list[str]:
    return [
        url("cost_report", team),
        url("cost_report_csv", team),
        url("cost_report_xlsx", team),
        url("cost_ledger", team),
        url("cost_etc", team),
        url("cost_hot", team),
        url("cost_cashflow", team),
        api(team, "report"),
        api(team, "actuals"),
        api(team, "purchase-orders"),
        api(team, "etc"),
        api(team, "cash-flow"),
    ]


def _writes(team, po_id: int, hot_id: int, drop_id: int) -> list[tuple[str, dict]]:
    actual = {
        "account_code": "2800",
        "on": "2027-03-02",
        "vendor": "X",
        "amount": "1",
        "currency": "USD",
    }
    return [
        (url("cost_po_add", team), {**actual, "po": "PO-X"}),
        (url("cost_actual_add", team), {**actual, "kind": "invoice"}),
        (url("cost_import", team), {"what": "actuals", "file": SimpleUploadedFile("a.csv", b"x")}),
        (url("cost_po_status", team, po_id), {"action": "close"}),
        (url("cost_etc", team), {"account_code": "2800", "amount": "1", "note": "x"}),
        (url("cost_etc_clear", team), {"account_code": "3300"}),
        (
            url("cost_hot", team),
            {"on": "2027-03-01", "description": "x", "actual": "1", "budgeted": "0"},
        ),
        (url("cost_hot_delete", team, hot_id), {}),
        (url("cost_funding_add", team), {"on": "2027-03-01", "amount": "1", "source": "x"}),
        (url("cost_funding_delete", team, drop_id), {}),
        (url("cost_terms", team), {"days": "30"}),
        (api(team, "purchase-orders/import"), {"file": SimpleUploadedFile("p.csv", b"x")}),
        (api(team, "actuals/import"), {"file": SimpleUploadedFile("a.csv", b"x")}),
        (api(team, f"purchase-orders/{po_id}/close"), {}),
    ]


def _json_writes(team) -> list[tuple[str, str, dict]]:
    actual = {
        "account_code": "2800",
        "on": "2027-03-02",
        "vendor": "X",
        "amount": "1",
        "currency": "USD",
    }
    return [
        ("post", api(team, "actuals"), actual),
        ("post", api(team, "purchase-orders"), {**actual, "number": "PO-Y"}),
        ("put", api(team, "etc/2800"), {"amount": "1", "note": "x"}),
        ("delete", api(team, "etc/3300"), {}),
    ]


def _state(team) -> list:
    models = (ActualCost, PurchaseOrder, HotCost, FundingDrop)
    return [
        sorted(m.objects.filter(project=team.project).values_list("pk", flat=True)) for m in models
    ]


def test_no_one_but_the_executive_producer_reaches_a_cost_figure(client, worked):
    hot = HotCost.objects.create(
        project=worked.project, on=date(2027, 3, 1), description="x", actual=1
    )
    drop = FundingDrop.objects.create(
        project=worked.project, on=date(2027, 3, 1), amount=1, source="x"
    )
    po_id = PurchaseOrder.objects.filter(project=worked.project).first().pk
    before = _state(worked)
    expectations = [(m, 403) for m in (worked.ap, worked.dh, worked.crew, worked.viewer)]
    for member, status in [*expectations, (worked.outsider, 404)]:
        client.force_login(member)
        for address in _reads(worked):
            response = client.get(address)
            assert response.status_code == status, (member, address)
            assert b"490,000" not in response.content and b"490000" not in response.content
        for address, data in _writes(worked, po_id, hot.pk, drop.pk):
            assert client.post(address, data).status_code == status, (member, address)
        for method, address, data in _json_writes(worked):
            response = getattr(client, method)(address, data, content_type="application/json")
            assert response.status_code == status, (member, address)
    assert _state(worked) == before
    assert costs_report.etc_overrides(worked.ep, worked.project)[0].account_code == "3300"
