"""An executive producer creates a project and delegates it; the associate producer sees it
without the budget capability."""

import pytest

from tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery-9"


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def sign_out(page) -> None:
    page.click("text=Sign out")
    page.wait_for_url("**/login/")


def test_executive_creates_project_adds_associate_who_lacks_budget(live_server, page, shoot):
    base = live_server.url
    factories.user("evelyn", producer=True)
    factories.user("adam")

    page.goto(f"{base}/")
    assert "/login/" in page.url, "anonymous visitors must be sent to sign in"
    sign_in(page, base, "evelyn")

    page.click("text=New project")
    page.fill("#id_title", "Paper Moon")
    page.fill("#id_code", "PAPERMOON")
    page.select_option("#id_kind", "feature")
    page.select_option("#id_phase", "pre_production")
    page.fill("#id_shoot_start", "2027-05-03")
    page.fill("#id_shoot_end", "2027-06-18")
    page.click("button[type=submit]")
    page.wait_for_selector("h1:has-text('Paper Moon')")
    assert page.locator("[data-capability=view_budget]").get_attribute("data-held") == "yes"

    page.click("nav.projectnav >> text=Members")
    page.fill("#id_email", "adam@test.example")
    page.select_option("#id_role", "associate_producer")
    page.click("button:has-text('Invite')")
    page.wait_for_selector("tr[data-member=adam]")
    assert "Associate producer" in page.inner_text("tr[data-member=adam]")

    page.click("text=Portfolio")
    row = page.locator("tr[data-project=PAPERMOON]")
    assert "Paper Moon" in row.inner_text() and "Pre-production" in row.inner_text().replace(
        "Preproduction", "Pre-production"
    )
    shoot("portfolio-executive")
    sign_out(page)

    sign_in(page, base, "adam")
    page.click("tr[data-project=PAPERMOON] >> text=Paper Moon")
    page.wait_for_selector("#access")
    assert page.locator("[data-capability=view_budget]").get_attribute("data-held") == "no"
    assert page.locator("[data-capability=edit_budget]").get_attribute("data-held") == "no"
    assert page.locator("[data-capability=edit_schedule]").get_attribute("data-held") == "yes"
    shoot("project-associate")
    page.click("nav.projectnav >> text=People")
    assert "Daily rate" not in page.inner_text("table")
