"""The executive producer edits a budget line and sees the topsheet change; crew never see a
cost."""

import pytest
from django.utils import timezone

from greenlight.budget import services
from tests import factories
from tests.budget.test_budget_pages import grip_budget
from tests.e2e.test_producer_journey import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_editing_a_line_changes_the_topsheet_and_crew_see_no_cost(live_server, page, shoot):
    team = factories.crew("BUDGETE2E")
    budget = services.create_budget(
        team.ep, team.project, name="Approved v1", doc=grip_budget(), at=timezone.now()
    )
    base = live_server.url
    sign_in(page, base, team.ep.username)
    page.goto(f"{base}/projects/{team.project.pk}/budgets/{budget.pk}/")
    assert "78,850.00" in page.inner_text("#grand-total")
    shoot("budget-topsheet-before")

    page.click("#topsheet >> text=Set Operations")
    row = page.locator("tr[data-line]", has_text="Grips – shoot")
    row.locator("text=edit").click()
    page.fill("#id_multiplier", "4")
    page.click("button:has-text('Save line')")
    page.wait_for_selector("text=Saved 'Grips – shoot'")
    page.click("nav.tabs >> text=Topsheet")
    assert "90,100.00" in page.inner_text("#grand-total")
    shoot("budget-topsheet-after")
    sign_out(page)

    sign_in(page, base, team.crew.username)
    page.goto(f"{base}/projects/{team.project.pk}/")
    assert page.locator('nav.projectnav a:text-is("Budget")').count() == 0
    response = page.goto(f"{base}/projects/{team.project.pk}/budgets/{budget.pk}/")
    assert response is not None and response.status == 403
    assert "90,100" not in page.content()
