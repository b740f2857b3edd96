"""An associate producer drags a strip on the stripboard; after a reload it is still there."""

import pytest

from tests import factories
from tests.e2e.test_producer_journey import sign_in
from tests.scheduling import builders

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def labels(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-list=board] > li.strip.scene", "els => els.map(e => e.dataset.label)"
    )


def test_a_dragged_strip_stays_after_reload(live_server, page, shoot):
    team = factories.crew("DRAGTEST")
    schedule = builders.schedule_on(team.project, team.ep)
    sign_in(page, live_server.url, team.ap.username)
    page.goto(f"{live_server.url}/projects/{team.project.pk}/schedules/{schedule.pk}/")
    assert labels(page)[:3] == ["Sc 1", "Sc 2", "Sc 3"]
    shoot("stripboard-before-drag")

    source = page.locator("li.strip[data-label='Sc 3']")
    target = page.locator("li.strip[data-label='Sc 1']")
    source.drag_to(target, target_position={"x": 40, "y": 2})
    page.wait_for_selector("#board-status:has-text('Saved')")
    assert labels(page)[:3] == ["Sc 3", "Sc 1", "Sc 2"]

    page.reload()
    assert labels(page)[:3] == ["Sc 3", "Sc 1", "Sc 2"]
    shoot("stripboard-after-drag")

    # Into the boneyard: unscheduled, and still there after a reload.
    page.locator("li.strip[data-label='Sc 8']").drag_to(page.locator("[data-list=boneyard]"))
    page.wait_for_selector("#board-status:has-text('Saved')")
    page.reload()
    assert "Sc 8" not in labels(page)
    assert page.locator("[data-list=boneyard] li[data-label='Sc 8']").count() == 1
