"""Deal memos: drafting with checks against the budget, the approval rule and threshold, who
may see and do what (pages, API, PDF), and labour lines generated into a budget."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import include, path
from ninja import NinjaAPI
from ninja.errors import ValidationError

from greenlight import api as main_api
from greenlight import urls as root_urls
from greenlight.accounts.api import API_AUTH
from greenlight.budget import deal_lines, deal_memos, deals, services
from greenlight.budget.api_deals import router as deals_router
from greenlight.budget.models import Account, Budget, Contractual, DealMemo, DealStatus, Line
from greenlight.core.errors import Conflict, GreenlightError, InvalidInput, NotAllowed, NotFound
from greenlight.projects import services as projects
from greenlight.projects.models import Person, Project
from tests import factories
from tests.screenplay.samples import pdf_text

# The deal pages and API as the route table will list them; when the entry point already
# serves them, its routes come first and these are never reached.
_api = NinjaAPI(auth=API_AUTH, urls_namespace="deal_memo_tests")
_api.add_router("", deals_router)
_api.add_exception_handler(GreenlightError, main_api.greenlight_error)
_api.add_exception_handler(ValidationError, main_api.schema_error)
urlpatterns = [
    *root_urls.urlpatterns,
    path("", include("greenlight.budget.urls_deals")),
    path("api/", _api.urls),
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
lazy_static_files = factories.lazy_static_files

D = Decimal
AT = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
SHOOT = (date(2025, 3, 17), date(2025, 4, 11))  # four weeks: 20 shoot days


def _setup(team: factories.Crew) -> None:
    Project.objects.filter(pk=team.project.pk).update(shoot_start=SHOOT[0], shoot_end=SHOOT[1])
    team.project.refresh_from_db()
    for name, department in (("Ann Lee", team.camera), ("Bo Chen", team.sound)):
        projects.create_person(team.ep, team.project, {"name": name, "department": department.pk})
    budget = services.create_budget(team.ep, team.project, name="B1", chart="feature", at=AT)
    Contractual.objects.filter(budget=budget).delete()  # so the grand total is the direct cost


team_once, team = factories.module_crew("DEALS", setup=_setup)


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


def person(team, name: str = "Ann Lee") -> Person:
    return Person.objects.get(project=team.project, name=name)


def budget(team, name: str = "B1") -> Budget:
    return Budget.objects.get(project=team.project, name=name)


def terms(team, **changes: Any) -> dict[str, Any]:
    """A camera operator at $500/10 with a $250 kit, Mon 10 Mar to Fri 18 Apr 2025: one week
    of prep, the four shoot weeks, one week of wrap. 2,500 a week: within the threshold."""
    return {
        "person": person(team).pk,
        "position": "Camera operator",
        "account_code": "3302",
        "rate": D(500),
        "rate_type": "daily",
        "guaranteed_hours": D(10),
        "overtime_rule": "ca_daily",
        "kit_rental": D(250),
        "start": date(2025, 3, 10),
        "end": date(2025, 4, 18),
        "union": "IATSE 600",
        "fringes": ["FICA", "MEDI", "FUTA"],
        **changes,
    }


def make(team, actor=None, *, submit: bool = True, **changes: Any) -> DealMemo:
    return deal_memos.create_deal(
        actor or team.ap, team.project, terms(team, **changes), at=AT, submit=submit
    )


# --- drafting ------------------------------------------------------------------------------


def test_a_draft_keeps_its_terms_and_takes_the_persons_department(team):
    deal = make(team, submit=False)
    deal.refresh_from_db()
    assert deal.status == DealStatus.DRAFT
    assert deal.department == team.camera
    assert (deal.rate, deal.kit_rental, deal.currency) == (D(500), D(250), "USD")
    assert deal.fringes == ["FICA", "MEDI", "FUTA"]
    assert deal.history.count() == 1
    assert deal.history.first().history_user == team.ap


def test_bad_terms_are_refused_by_field_and_nothing_is_saved(team):
    bad = terms(
        team,
        account_code="9999",
        fringes=["FICA", "NOPE"],
        end=date(2025, 3, 1),
        rate=D(-1),
        overtime_rule="whenever",
        currency="XYZ",
    )
    with pytest.raises(InvalidInput) as raised:
        deal_memos.create_deal(team.ap, team.project, bad, at=AT)
    errors = raised.value.errors
    assert set(errors) == {"account_code", "fringes", "end", "rate", "overtime_rule", "currency"}
    assert "no account 9999" in errors["account_code"][0]
    assert "NOPE" in errors["fringes"][0]
    assert not DealMemo.objects.exists()


def test_a_daily_rate_needs_its_guaranteed_hours(team):
    with pytest.raises(InvalidInput) as raised:
        make(team, guaranteed_hours=D(0))
    assert raised.value.errors == {"guaranteed_hours": ["A daily rate needs its hours."]}


def test_a_person_of_another_project_is_refused(team):
    other = factories.crew("OTHERDEAL")
    stranger = projects.create_person(other.ep, other.project, {"name": "Stranger"})
    with pytest.raises(InvalidInput) as raised:
        make(team, person=stranger.pk)
    assert "person" in raised.value.errors


def test_an_edit_is_kept_in_history_and_a_stale_one_refused(team):
    deal = make(team, submit=False)
    edited = deal_memos.update_deal(
        team.ap, team.project, deal.pk, {"union": "IATSE 80"}, version=1, at=AT
    )
    assert (edited.union, edited.version) == ("IATSE 80", 2)
    with pytest.raises(Conflict):
        deal_memos.update_deal(team.ep, team.project, deal.pk, {"union": "none"}, version=1, at=AT)
    deal.refresh_from_db()
    assert deal.union == "IATSE 80"
    assert [h.union for h in deal.history.order_by("history_date")] == ["IATSE 600", "IATSE 80"]


# --- approval ------------------------------------------------------------------------------


def test_within_the_threshold_a_submitted_deal_is_approved_at_once(team):
    deal = make(team)
    assert deal.status == DealStatus.APPROVED
    assert deal.approved_by == team.ap
    decision = deal_memos.decision_of(deal)
    assert decision is not None and "Within the approval threshold" in decision.note


def test_above_the_threshold_the_deal_waits_for_the_executive_producer(team):
    deal = make(team, rate=D(1200), guaranteed_hours=D(12))  # 6,000 a week
    assert deal.status == DealStatus.PENDING
    assert deal_memos.waiting_for(team.ep, team.project) == [deal]
    assert deal_memos.waiting_for(team.ap, team.project) == []
    with pytest.raises(NotAllowed):
        deal_memos.approve_deal(team.ap, team.project, deal.pk, version=deal.version, at=AT)
    approved = deal_memos.approve_deal(
        team.ep, team.project, deal.pk, version=deal.version, at=AT, note="Worth it."
    )
    assert (approved.status, approved.approved_by) == (DealStatus.APPROVED, team.ep)
    assert deal_memos.decision_of(approved).note == "Worth it."


def test_a_rejection_needs_a_reason_and_the_deal_can_be_submitted_again(team):
    deal = make(team, rate=D(1200), guaranteed_hours=D(12))
    with pytest.raises(InvalidInput):
        deal_memos.reject_deal(team.ep, team.project, deal.pk, version=deal.version, at=AT, note="")
    rejected = deal_memos.reject_deal(
        team.ep, team.project, deal.pk, version=deal.version, at=AT, note="Offer 900/12."
    )
    assert rejected.status == DealStatus.REJECTED
    lowered = deal_memos.update_deal(
        team.ap, team.project, deal.pk, {"rate": D(900)}, version=rejected.version, at=AT
    )
    assert lowered.status == DealStatus.REJECTED  # until it is submitted again
    again = deal_memos.submit_deal(team.ap, team.project, deal.pk, version=lowered.version, at=AT)
    assert again.status == DealStatus.APPROVED  # 4,500 a week


def test_new_money_terms_on_an_approved_deal_go_through_the_rule_again(team):
    deal = make(team)
    same = deal_memos.update_deal(team.ap, team.project, deal.pk, {"union": ""}, version=1, at=AT)
    assert same.status == DealStatus.APPROVED
    raised = deal_memos.update_deal(
        team.ap, team.project, deal.pk, {"rate": D(1500)}, version=same.version, at=AT
    )
    assert (raised.status, raised.approved_by) == (DealStatus.PENDING, None)


def test_the_threshold_is_kept_with_the_budget_and_guarded_against_lost_updates(team):
    assert deal_memos.approval_threshold(team.ap, team.project).weekly == D(5000)
    with pytest.raises(NotAllowed):
        deal_memos.set_approval_threshold(team.ap, team.project, weekly=D(1), total=D(1))
    deal_memos.set_approval_threshold(
        team.ep, team.project, weekly=D(2000), total=D(50000), was=(D(5000), D(50000))
    )
    assert budget(team).info["deal_approval_weekly"] == "2000"
    with pytest.raises(Conflict):
        deal_memos.set_approval_threshold(
            team.ep, team.project, weekly=D(9), total=D(9), was=(D(5000), D(50000))
        )
    assert make(team).status == DealStatus.PENDING  # 2,500 a week is now above it


def test_a_contract_above_the_total_waits_too(team):
    deal = make(team, end=date(2025, 12, 19))  # 2,500 a week, but 41 weeks
    assert deals.contract_value(deal_memos.pure_deal(deal)) > D(50000)
    assert deal.status == DealStatus.PENDING


# --- labour lines ----------------------------------------------------------------------------


def lines_of(deal: DealMemo, into: Budget) -> dict[str, Line]:
    found = Line.objects.filter(budget=into, deal=deal).select_related("account")
    return {line.tags["group"]: line for line in found}


def test_generated_lines_are_prep_shoot_wrap_overtime_and_kit_for_the_person(team):
    deal = make(team)
    made = deal_lines.generate_lines(
        team.ep, team.project, deal.pk, budget(team).pk, shoot_hours=D(12)
    )
    assert (made.days.prep, made.days.shoot, made.days.wrap) == (5, 20, 5)
    lines = lines_of(deal, budget(team))
    assert set(lines) == {"prep", "shoot", "wrap", "overtime", "kit"}
    assert {p: (line.amount, line.unit, line.rate) for p, line in lines.items()} == {
        "prep": ("5", "day", "500"),
        "shoot": ("20", "day", "500"),
        "wrap": ("5", "day", "500"),
        "overtime": ("60", "hour", "45.4545"),  # 3 pay-hours a 12-hour day over the $500/10
        "kit": ("6", "week", "250"),
    }
    assert {p: line.account.code for p, line in lines.items()} == {
        "prep": "3302", "shoot": "3302", "wrap": "3302", "overtime": "3302", "kit": "3385",
    }  # fmt: skip
    assert {line.person for line in lines.values()} == {"Ann Lee"}
    assert lines["kit"].fringes == [] and lines["shoot"].fringes == ["FICA", "MEDI", "FUTA"]


def test_the_grand_total_grows_by_the_lines_and_their_fringes_with_caps_across_them(team):
    deal = make(team)
    before = services.sheet(team.ep, budget(team)).computed
    made = deal_lines.generate_lines(
        team.ep, team.project, deal.pk, budget(team).pk, shoot_hours=D(12)
    )
    after = services.sheet(team.ep, budget(team)).computed
    pay = [D("2500.00"), D("10000.00"), D("2500.00"), D("2727.27")]  # prep, shoot, wrap, OT
    kit = D("1500.00")
    fica = sum((x * D("0.062")).quantize(D("0.01")) for x in pay)
    medi = sum((x * D("0.0145")).quantize(D("0.01")) for x in pay)
    futa = D("42.00")  # 0.6% of the first 7,000 of Ann's pay, across all her lines
    expected = sum(pay) + kit + fica + medi + futa
    assert after.grand_total - before.grand_total == expected == D("20625.41")
    assert (made.before, made.after) == (before.grand_total, after.grand_total)
    assert after.fringes_by_code["FUTA"] - before.fringes_by_code["FUTA"] == futa
    assert "+USD 20,625.41" in deal_lines.describe(made)


def test_generating_again_replaces_the_lines_instead_of_adding_more(team):
    deal = make(team)
    target = budget(team)
    first = deal_lines.generate_lines(team.ep, team.project, deal.pk, target.pk, shoot_hours=D(12))
    again = deal_lines.generate_lines(team.ep, team.project, deal.pk, target.pk, shoot_hours=D(12))
    assert Line.objects.filter(deal=deal).count() == 5
    assert again.after == first.after and again.change == 0
    shorter = deal_lines.generate_lines(
        team.ep, team.project, deal.pk, target.pk, shoot_hours=D(10)
    )
    assert set(lines_of(deal, target)) == {"prep", "shoot", "wrap", "kit"}  # no overtime
    assert shorter.change < 0


def test_a_copied_budget_keeps_its_deal_lines_so_regenerating_replaces_them(team):
    deal = make(team)
    target = budget(team)
    deal_lines.generate_lines(team.ep, team.project, deal.pk, target.pk, shoot_hours=D(12))
    copy = services.copy_budget(team.ep, target, name="B2", at=AT)
    assert Line.objects.filter(budget=copy, deal=deal).count() == 5
    again = deal_lines.generate_lines(team.ep, team.project, deal.pk, copy.pk, shoot_hours=D(12))
    assert Line.objects.filter(budget=copy, deal=deal).count() == 5 and again.change == 0


def test_only_approved_deals_make_lines_and_only_the_executive_producer_makes_them(team):
    pending = make(team, rate=D(1200), guaranteed_hours=D(12))
    with pytest.raises(Conflict):
        deal_lines.generate_lines(
            team.ep, team.project, pending.pk, budget(team).pk, shoot_hours=D(12)
        )
    approved = make(team)
    with pytest.raises(NotAllowed):
        deal_lines.generate_lines(
            team.ap, team.project, approved.pk, budget(team).pk, shoot_hours=D(12)
        )
    assert not Line.objects.filter(deal__isnull=False).exists()


def test_a_budget_without_the_deals_account_gets_nothing(team):
    deal = make(team)
    copy = services.copy_budget(team.ep, budget(team), name="B2", at=AT)
    Account.objects.filter(budget=copy, code="3302").delete()
    total = services.sheet(team.ep, copy).computed.grand_total
    with pytest.raises(InvalidInput) as raised:
        deal_lines.generate_lines(team.ep, team.project, deal.pk, copy.pk, shoot_hours=D(12))
    assert "has no account 3302" in str(raised.value)
    assert services.sheet(team.ep, copy).computed.grand_total == total


def test_a_deal_before_the_shoot_is_all_prep_and_one_without_dates_is_all_shoot():
    split = deal_lines.split_days
    assert split(date(2025, 3, 3), date(2025, 3, 14), SHOOT, 20) == deal_lines.PhaseDays(
        10, 0, 0, "working days inside the planned shoot dates"
    )
    assert split(date(2025, 3, 24), date(2025, 3, 28), SHOOT, 20).shoot == 5  # a day player
    assert split(date(2025, 3, 3), date(2025, 3, 14), None, None).shoot == 10
    assert split(date(2025, 3, 3), date(2025, 5, 2), SHOOT, 22).shoot == 22  # the schedule's


# --- who sees what: pages, API, PDF ------------------------------------------------------------


def api(team) -> str:
    return f"/api/projects/{team.project.pk}"


@pytest.mark.parametrize("role", ["crew", "viewer", "dh"])
def test_crew_viewers_and_department_heads_see_no_deal_and_no_rate(client, team, role):
    deal = make(team, rate=D("987.65"))
    client.force_login(getattr(team, role))
    p = team.project.pk
    for url in (
        f"/projects/{p}/deals/",
        f"/projects/{p}/deals/{deal.pk}/",
        f"/projects/{p}/deals/{deal.pk}/pdf/",
        f"/projects/{p}/deals/new/",
        f"{api(team)}/deals",
        f"{api(team)}/deals/{deal.pk}",
        f"{api(team)}/deal-threshold",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"987" not in response.content
    response = client.post(
        f"{api(team)}/deals/{deal.pk}/approve", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 403


def test_outsiders_are_told_nothing_exists(client, team):
    deal = make(team)
    client.force_login(team.outsider)
    assert client.get(f"/projects/{team.project.pk}/deals/{deal.pk}/").status_code == 404
    assert client.get(f"{api(team)}/deals").status_code == 404
    assert client.get(f"/projects/{team.project.pk}/deals/{deal.pk}/pdf/").status_code == 404


def test_the_associate_producer_drafts_through_the_api_and_the_ep_approves(client, team):
    client.force_login(team.ap)
    body = {**terms(team), "person_id": person(team).pk, "rate": "1200", "guaranteed_hours": "12"}
    del body["person"]
    body.update({k: str(v) for k, v in body.items() if isinstance(v, date)}, submit=True)
    created = client.post(f"{api(team)}/deals", body, content_type="application/json")
    assert created.status_code == 201, created.content
    deal = created.json()
    assert (deal["status"], deal["rate"], deal["weekly_equivalent"]) == (
        "pending",
        "1200.00",
        "6000.00",
    )
    url = f"{api(team)}/deals/{deal['id']}"
    decision = {"version": deal["version"], "note": "fine"}
    assert (
        client.post(url + "/approve", decision, content_type="application/json").status_code == 403
    )
    stale = client.patch(url, {"version": 99, "union": "x"}, content_type="application/json")
    assert stale.status_code == 409
    client.force_login(team.ep)
    approved = client.post(url + "/approve", decision, content_type="application/json")
    assert approved.json()["status"] == "approved"
    lines = client.post(
        url + "/lines", {"budget_id": budget(team).pk}, content_type="application/json"
    )
    assert lines.status_code == 200, lines.content
    assert [x["phase"] for x in lines.json()["lines"]] == ["prep", "shoot", "wrap", "kit"]  # $X/12


def test_api_validation_errors_come_back_by_field(client, team):
    client.force_login(team.ap)
    deal = make(team, submit=False)
    response = client.patch(
        f"{api(team)}/deals/{deal.pk}",
        {"version": deal.version, "end": "2025-01-01", "account_code": "0000"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"end", "account_code"}


def test_the_pages_list_show_and_print_a_deal_for_the_producers(client, team):
    deal = make(team, rate=D("987.65"))
    p = team.project.pk
    for user in (team.ap, team.ep):
        client.force_login(user)
        listing = client.get(f"/projects/{p}/deals/")
        assert listing.status_code == 200
        assert b"987.65" in listing.content and b"Ann Lee" in listing.content
        page = client.get(f"/projects/{p}/deals/{deal.pk}/")
        assert b"USD 987.65 a day for 10 hours" in page.content
        pdf = client.get(f"/projects/{p}/deals/{deal.pk}/pdf/")
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF") and "Ann Lee" in pdf_text(pdf.content)
    assert b"Generate labour lines" in page.content  # the EP's view


def test_the_form_creates_and_submits_a_deal_and_shows_errors_in_place(client, team):
    client.force_login(team.ap)
    url = f"/projects/{team.project.pk}/deals/new/"
    form = {**terms(team), "department": team.camera.pk, "currency": "USD"}
    form["fringes"] = ["FICA", "MEDI"]
    bad = client.post(url, {**form, "end": "2025-01-01"})
    assert bad.status_code == 200 and b"before it starts" in bad.content
    assert not DealMemo.objects.exists()
    good = client.post(url, {**form, "submit": "1"})
    deal = DealMemo.objects.get()
    assert good.status_code == 302 and good["Location"].endswith(f"/deals/{deal.pk}/")
    assert deal.status == DealStatus.APPROVED and deal.fringes == ["FICA", "MEDI"]


def test_the_ep_approves_on_the_page_and_generates_lines_with_the_cost_shown(client, team):
    deal = make(team, rate=D(1200), guaranteed_hours=D(12))
    p = team.project.pk
    client.force_login(team.ap)
    refused = client.post(f"/projects/{p}/deals/{deal.pk}/approve/", {"version": deal.version})
    assert refused.status_code == 403
    client.force_login(team.ep)
    listing = client.get(f"/projects/{p}/deals/")
    assert b"Waiting for you (1)" in listing.content
    client.post(f"/projects/{p}/deals/{deal.pk}/approve/", {"version": deal.version, "note": "ok"})
    deal.refresh_from_db()
    assert deal.status == DealStatus.APPROVED
    done = client.post(
        f"/projects/{p}/deals/{deal.pk}/lines/",
        {"budget": budget(team).pk, "shoot_hours": "12"},
        follow=True,
    )
    assert b"Grand total USD" in done.content
    assert Line.objects.filter(deal=deal).count() == 4


def test_the_threshold_form_is_the_executive_producers(client, team):
    p = team.project.pk
    data = {"weekly": "3000", "total": "40000", "was_weekly": "5000", "was_total": "50000"}
    client.force_login(team.ap)
    assert client.post(f"/projects/{p}/deals/threshold/", data).status_code == 403
    client.force_login(team.ep)
    client.post(f"/projects/{p}/deals/threshold/", data)
    assert deal_memos.approval_threshold(team.ep, team.project).weekly == D(3000)


def test_not_found_for_a_deal_of_another_project(team):
    with pytest.raises(NotFound):
        deal_memos.get_deal(team.ep, team.project, 999999)


def test_the_api_reads_and_sets_the_threshold_and_deletes_drafts_only(client, team):
    client.force_login(team.ep)
    url = f"{api(team)}/deal-threshold"
    assert client.get(url).json() == {
        "weekly": "5000", "total": "50000", "currency": "USD", "budget": "B1",
    }  # fmt: skip
    body = {"weekly": "4000", "total": "45000", "was_weekly": "5000", "was_total": "50000"}
    assert client.put(url, body, content_type="application/json").json()["weekly"] == "4000"
    assert client.put(url, body, content_type="application/json").status_code == 409
    draft, approved = make(team, submit=False), make(team)
    assert client.delete(f"{api(team)}/deals/{approved.pk}?version=1").status_code == 409
    assert client.delete(f"{api(team)}/deals/{draft.pk}?version=1").status_code == 204
    assert list(DealMemo.objects.all()) == [approved]
