"""Budget versions and their pages: create from a chart, topsheet, lines, globals bound to the
schedule, locking and variance, import and export; and nobody but the executive producer
sees a figure."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from greenlight.budget import jsonformat, model, services
from greenlight.budget.models import Budget, Category, Line
from greenlight.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from greenlight.scheduling import proposals
from greenlight.scheduling import services as scheduling
from tests.scheduling import builders

pytestmark = pytest.mark.django_db


def grip_budget(currency: str = "USD") -> model.Budget:
    """The grip example of the domain notes (section 1.5)."""
    line = model.DetailLine
    return model.Budget(
        title="Grip",
        currency=currency,
        globals=(model.Global("PREP", "2"), model.Global("SHOOT", "25", binding="")),
        categories=(
            model.Category(
                "2500",
                "Set Operations",
                model.Section.BTL,
                (
                    model.Account(
                        "2500",
                        "Set Operations (Grip)",
                        (
                            line("Key grip – prep", "PREP", model.Unit.WEEK, "1", "2800"),
                            line("Key grip – shoot", "SHOOT", model.Unit.DAY, "1", "560"),
                            line("Grips – shoot", "SHOOT", model.Unit.DAY, "3", "450"),
                            line("Grip package rental", "5", model.Unit.WEEK, "1", "4500"),
                            line("Expendables", "1", model.Unit.ALLOW, "1", "3000"),
                        ),
                    ),
                ),
            ),
        ),
    )


def made(team, doc: model.Budget | None = None, name: str = "v1") -> Budget:
    return services.create_budget(
        team.ep, team.project, name=name, doc=doc or grip_budget(), at=timezone.now()
    )


def url(budget: Budget, rest: str = "") -> str:
    return f"/projects/{budget.project_id}/budgets/{budget.pk}/{rest}"


def test_a_budget_from_the_feature_chart_adds_up(team):
    budget = services.create_budget(
        team.ep, team.project, name="Feature", chart="feature", at=timezone.now()
    )
    sheet = services.sheet(team.ep, budget)
    assert sheet.computed.grand_total > 0
    assert sheet.computed.direct == sheet.computed.above_the_line + sheet.computed.below_the_line


def test_the_grip_example_totals_78850_before_fringe(team):
    sheet = services.sheet(team.ep, made(team))
    [account] = sheet.computed.accounts
    assert account.subtotal == Decimal("78850.00")


def test_editing_a_line_changes_the_topsheet(client, team):
    budget = made(team)
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    client.force_login(team.ep)
    form = client.get(url(budget, f"lines/{line.pk}/")).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"multiplier": "4", "version": line.version, "fringes": ""})
    response = client.post(url(budget, f"lines/{line.pk}/"), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = client.get(url(budget)).content.decode()
    assert "90,100.00" in page  # 78,850 + one more grip for 25 days at 450 = 11,250


def test_a_line_with_an_unknown_global_is_refused_and_nothing_changes(team):
    budget = made(team)
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    with pytest.raises(InvalidInput) as error:
        services.update_line(team.ep, budget, line.pk, {"amount": "SHOT"}, version=line.version)
    assert "SHOT" in str(error.value)
    line.refresh_from_db()
    assert line.amount == "SHOOT"


def test_a_formula_that_is_not_arithmetic_is_refused(team):
    budget = made(team)
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    with pytest.raises(InvalidInput):
        services.update_line(
            team.ep, budget, line.pk, {"rate": "__import__('os')"}, version=line.version
        )


def test_a_stale_line_edit_is_refused(team):
    budget = made(team)
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    services.update_line(team.ep, budget, line.pk, {"rate": "460"}, version=line.version)
    with pytest.raises(Conflict):
        services.update_line(team.ep, budget, line.pk, {"rate": "470"}, version=line.version)


def test_shoot_days_follow_the_schedule(team):
    doc = grip_budget()
    doc = model.Budget(
        title=doc.title,
        currency=doc.currency,
        categories=doc.categories,
        globals=(model.Global("PREP", "2"), model.Global("SHOOT", "25", "", "schedule.shoot_days")),
    )
    budget = made(team, doc)
    builders.schedule_on(team.project, team.ep)  # one shoot day
    sheet = services.sheet(team.ep, budget)
    assert sheet.computed.globals["SHOOT"] == 1
    assert sheet.facts is not None and sheet.facts.shoot_days == 1


def test_without_a_schedule_bound_days_come_from_the_planned_dates(team):
    team.project.shoot_start, team.project.shoot_end = date(2027, 3, 1), date(2027, 3, 12)
    team.project.save()
    doc = grip_budget()
    doc = model.Budget(
        title=doc.title,
        currency=doc.currency,
        categories=doc.categories,
        globals=(model.Global("PREP", "2"), model.Global("SHOOT", "25", "", "schedule.shoot_days")),
    )
    sheet = services.sheet(team.ep, made(team, doc))
    assert sheet.computed.globals["SHOOT"] == 10


def test_a_locked_budget_never_changes_and_a_copy_shows_its_variance(client, team):
    budget = made(team)
    budget = services.lock_budget(team.ep, budget, version=budget.version, at=timezone.now())
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    with pytest.raises(Conflict):
        services.update_line(team.ep, budget, line.pk, {"rate": "1"}, version=line.version)
    copy = services.copy_budget(team.ep, budget, name="v2", at=timezone.now())
    assert copy.based_on == budget
    moved = Line.objects.get(budget=copy, description="Grips – shoot")
    services.update_line(team.ep, copy, moved.pk, {"multiplier": "4"}, version=moved.version)
    found = services.variance(team.ep, copy)
    [change] = found.changes
    assert change.description == "Grips – shoot" and change.difference == Decimal("11250.00")
    client.force_login(team.ep)
    assert "Grips – shoot" in client.get(url(copy, "variance/")).content.decode()


@pytest.mark.parametrize("who", ["ap", "dh", "crew", "viewer"])
def test_nobody_but_the_executive_producer_sees_a_budget(client, team, who):
    budget = made(team)
    user = getattr(team, who)
    with pytest.raises(NotAllowed):
        services.sheet(user, budget)
    client.force_login(user)
    for path in ("", "setup/", "export.json"):
        response = client.get(url(budget, path))
        assert response.status_code == 403
        assert b"78,850" not in response.content and b"78850" not in response.content
    assert client.get(f"/projects/{team.project.pk}/budgets/").status_code == 403
    assert "Budget</a>" not in client.get(f"/projects/{team.project.pk}/").content.decode()


def test_outsiders_get_404(team):
    budget = made(team)
    with pytest.raises(NotFound):
        services.get_budget(team.outsider, team.project, budget.pk)


def test_json_export_imports_back_to_the_same_totals(client, team):
    budget = made(team)
    client.force_login(team.ep)
    exported = client.get(url(budget, "export.json"))
    assert exported["Content-Type"] == "application/json"
    response = client.post(
        f"/projects/{team.project.pk}/budgets/import/",
        {"name": "Imported", "file": _upload("grip.json", exported.content)},
    )
    assert response.status_code == 302
    imported = Budget.objects.get(name="Imported")
    assert (
        services.sheet(team.ep, imported).computed.grand_total
        == services.sheet(team.ep, budget).computed.grand_total
    )


def test_a_bad_budget_file_imports_nothing_and_says_where(client, team):
    doc = json.loads(jsonformat.dump(grip_budget()))
    doc["categories"][0]["accounts"][0]["lines"][2]["rate"] = "4,50"
    client.force_login(team.ep)
    response = client.post(
        f"/projects/{team.project.pk}/budgets/import/",
        {"name": "Bad", "file": _upload("bad.json", json.dumps(doc).encode())},
    )
    assert response.status_code == 422
    assert "lines[2].rate" in response.content.decode()
    assert not Budget.objects.filter(name="Bad").exists()


def test_globals_and_fringes_are_edited_and_recalculate(team):
    budget = made(team)
    services.set_global(team.ep, budget, name="SHOOT", expression="28", version=budget.version)
    budget.refresh_from_db()
    sheet = services.sheet(team.ep, budget)
    assert sheet.computed.accounts[0].subtotal == Decimal("78850.00") + Decimal("5730.00")
    services.save_fringe(
        team.ep,
        budget,
        {"name": "Payroll tax", "kind": "percent", "rate": Decimal("10"), "code": "ptax"},
        version=budget.version,
    )
    budget.refresh_from_db()
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    services.update_line(team.ep, budget, line.pk, {"fringes": "PTAX"}, version=line.version)
    sheet = services.sheet(team.ep, budget)
    assert sheet.computed.fringes == Decimal("3780.00")  # 10% of 28 x 3 x 450
    budget.refresh_from_db()
    with pytest.raises(InvalidInput):  # still used by a line
        services.delete_fringe(team.ep, budget, "PTAX", version=budget.version)


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_schedule_proposal_is_priced_before_it_is_accepted(client, team):
    schedule = builders.schedule_on(team.project, team.ep, time_limit=5)
    doc = grip_budget()
    budget_doc = model.Budget(
        title=doc.title,
        currency=doc.currency,
        categories=doc.categories,
        globals=(model.Global("PREP", "2"), model.Global("SHOOT", "25", "", "schedule.shoot_days")),
    )
    made(team, budget_doc)
    proposals.optimise(schedule.pk, at=builders.AT)
    schedule.refresh_from_db()
    impact = services.schedule_impact(team.ep, schedule)
    assert impact is not None
    days_after = len(schedule.proposal["board"])
    # Key grip and three grips are paid per shoot day: 560 + 3 x 450 = 1,910 a day.
    assert impact.difference == Decimal(1910) * (days_after - 1)
    client.force_login(team.ep)
    page = client.get(f"/projects/{team.project.pk}/schedules/{schedule.pk}/").content.decode()
    assert "See the cost impact on the budget" in page
    page = client.get(
        f"/projects/{team.project.pk}/schedules/{schedule.pk}/budget-impact/"
    ).content.decode()
    assert "Grips – shoot" in page or days_after == 1
    client.force_login(team.ap)
    assert (
        "cost impact"
        not in client.get(f"/projects/{team.project.pk}/schedules/{schedule.pk}/").content.decode()
    )
    assert (
        client.get(
            f"/projects/{team.project.pk}/schedules/{schedule.pk}/budget-impact/"
        ).status_code
        == 403
    )


def test_the_portfolio_shows_each_budget_efc_variance_and_burn_to_the_executive_only(client, team):
    budget = made(team)
    services.lock_budget(team.ep, budget, version=budget.version, at=timezone.now())
    client.force_login(team.ep)
    response = client.get("/")
    [row] = response.context["finance_rows"]
    assert row.figures["budget"] == "USD 78,850.00"
    assert row.figures["efc"] == "USD 78,850.00"  # nothing spent: ETC is the whole budget
    assert row.figures["burn"] == "USD 0.00"
    page = response.content.decode()
    assert 'id="finances"' in page and "<svg" in page and "Cost report" in page
    for who in (team.ap, team.crew, team.viewer):
        client.force_login(who)
        response = client.get("/")
        assert response.context["finance_rows"] == []
        assert "78,850" not in response.content.decode()
    client.force_login(team.crew)
    assert "budget" not in client.get("/api/portfolio").json()[0]["figures"]


def test_the_api_reads_the_topsheet_and_edits_a_line_for_the_executive_only(client, team):
    budget = made(team)
    line = Line.objects.get(budget=budget, description="Grips – shoot")
    base = f"/api/projects/{team.project.pk}/budgets"
    client.force_login(team.ep)
    [listed] = client.get(base).json()
    assert listed["grand_total"] == "78850.00"
    lines = client.get(f"{base}/{budget.pk}/lines").json()
    grips = next(x for x in lines if x["description"] == "Grips – shoot")
    assert (grips["id"], grips["version"], grips["amount"]) == (line.pk, line.version, "SHOOT")
    response = client.patch(
        f"{base}/{budget.pk}/lines/{line.pk}",
        {"multiplier": "4", "version": line.version},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["grand_total"] == "90100.00"
    bad = client.patch(
        f"{base}/{budget.pk}/lines/{line.pk}",
        {"amount": "NOPE", "version": line.version + 1},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "NOPE" in bad.json()["detail"]
    for who in (team.ap, team.crew, team.viewer):
        client.force_login(who)
        assert client.get(base).status_code == 403
        assert client.get(f"{base}/{budget.pk}").status_code == 403


def test_a_locked_budget_keeps_the_schedule_it_was_approved_with(team):
    doc = grip_budget()
    bound = model.Budget(
        title=doc.title,
        currency=doc.currency,
        categories=doc.categories,
        globals=(model.Global("PREP", "2"), model.Global("SHOOT", "25", "", "schedule.shoot_days")),
    )
    budget = made(team, bound)
    schedule = builders.schedule_on(team.project, team.ep)  # one shoot day
    budget = services.lock_budget(team.ep, budget, version=budget.version, at=timezone.now())
    approved = services.sheet(team.ep, budget).computed.grand_total
    scheduling.add_strip(team.ep, schedule, kind="day", version=schedule.version)
    schedule.refresh_from_db()
    ids = list(schedule.strips.order_by("position").values_list("pk", flat=True))
    # Move the new day break to the middle of the board: two shoot days now.
    order = [*ids[:3], ids[-1], *ids[3:-1]]
    scheduling.reorder(
        team.ep, schedule, scheduling.BoardOrder(order, []), version=schedule.version
    )
    assert services.sheet(team.ep, budget).computed.grand_total == approved
    copy = services.copy_budget(team.ep, budget, name="v2", at=timezone.now())
    assert services.sheet(team.ep, copy).computed.globals["SHOOT"] == 2


def test_a_copy_opens_its_own_lines_for_editing(client, team):
    budget = made(team)
    copy = services.copy_budget(team.ep, budget, name="v2", at=timezone.now())
    client.force_login(team.ep)
    category = copy.project.budgets.get(pk=copy.pk)
    cat_id = Category.objects.get(budget=category).pk
    page = client.get(url(copy, f"categories/{cat_id}/")).content.decode()
    own = Line.objects.filter(budget=copy).values_list("pk", flat=True)
    assert all(f"lines/{pk}/" in page for pk in own)


def test_a_budget_from_a_chart_is_in_the_project_currency(team):
    team.project.currency = "GBP"
    team.project.save()
    budget = services.create_budget(
        team.ep, team.project, name="UK", chart="tv_episode", at=timezone.now()
    )
    assert budget.currency == "GBP" and services.sheet(team.ep, budget).computed.currency == "GBP"


def test_contingency_bond_and_incentives_are_set_on_the_setup_page(client, team):
    budget = made(team)
    client.force_login(team.ep)
    setup = url(budget, "setup/")
    post = {"contractual": "1", "version": budget.version}
    response = client.post(
        setup, {**post, "code": "cont", "name": "Contingency", "percent": "10", "base": "btl"}
    )
    assert response.status_code == 302
    budget.refresh_from_db()
    response = client.post(
        setup,
        {
            "contractual": "1",
            "version": budget.version,
            "code": "BOND",
            "name": "Completion bond",
            "percent": "3",
            "base": "atl, btl, post, other, CONT",
        },
    )
    assert response.status_code == 302
    budget.refresh_from_db()
    bad = client.post(
        setup,
        {
            **post,
            "version": budget.version,
            "code": "X",
            "name": "X",
            "percent": "1",
            "base": "NOPE",
        },
    )
    assert bad.status_code == 200 and "earlier contractuals" in bad.content.decode()
    response = client.post(
        setup,
        {
            "incentive": "1",
            "version": budget.version,
            "name": "Georgia",
            "percent": "30",
            "sections": ["btl"],
            "sale_price": "0.88",
        },
    )
    assert response.status_code == 302
    computed = services.sheet(team.ep, budget).computed
    # 78,850 + 10% contingency 7,885 + 3% bond on 86,735 = 2,602.05
    assert [x.amount for x in computed.contractuals] == [Decimal("7885.00"), Decimal("2602.05")]
    assert computed.grand_total == Decimal("89337.05")
    [incentive] = computed.incentives
    assert incentive.net_cash == Decimal("20816.40")  # 30% of 78,850 x 0.88
    budget.refresh_from_db()
    with pytest.raises(InvalidInput):  # the bond is taken on the contingency
        services.delete_contractual(team.ep, budget, "CONT", version=budget.version)
