"""An executive producer uploads a script, opens a scene, selects a word with the mouse, tags it
as a prop and sees it highlighted in the category colour."""

import pytest

from greenlight.screenplay.models import Category, Tag
from tests import factories
from tests.e2e.test_producer_journey import sign_in
from tests.screenplay.samples import BRICK, SCRIPTS, UNCHANGED_HEADING

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Where a word sits on the page, so the mouse can double-click it like a person would.
WORD_BOX = """([selector, word]) => {
  const paragraphs = [...document.querySelectorAll(selector)];
  const paragraph = paragraphs.find((p) => p.textContent.includes(word));
  const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(word);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
  }
  return null;
}"""


def test_producer_uploads_a_script_and_tags_a_prop_by_selecting_it(live_server, page, shoot):
    base = live_server.url
    team = factories.crew("BREAKDOWN")
    sign_in(page, base, team.ep.username)

    page.goto(f"{base}/projects/{team.project.pk}/")
    page.click("nav.projectnav >> text=Scripts")
    page.set_input_files("#id_file", str(SCRIPTS / BRICK))
    page.click("button:has-text('Upload and break down')")
    page.wait_for_selector("#scene-list")
    assert page.locator("#scene-list tbody tr").count() == 8
    assert "Imported BRICK & STEEL FULL RETIRED: 8 scenes." in page.inner_text(".messages")
    shoot("breakdown-scene-list")

    page.click(f"#scene-list >> text={UNCHANGED_HEADING}")
    page.wait_for_selector("#script-text")
    box = page.evaluate(WORD_BOX, ["#script-text .el.action", "beers"])
    assert box is not None
    page.mouse.dblclick(box["x"], box["y"])
    page.wait_for_selector("[data-selection]:not([hidden])")
    assert page.input_value("#id_name") == "beers"
    page.select_option("#id_category", label="Props")
    shoot("breakdown-word-selected")
    page.click("#tag-form button:has-text('Tag')")

    highlight = page.locator("#script-text mark", has_text="beers")
    highlight.wait_for()
    assert highlight.get_attribute("title") == "Props: BEERS"
    props = Category.objects.get(project=team.project, key="props")
    assert props.colour in (highlight.get_attribute("style") or "")
    background = highlight.evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert "BEERS" in page.inner_text("#elements")
    tag = Tag.objects.get(element__name="BEERS")
    assert tag.quote == "beers" and tag.paragraph is not None
    shoot("breakdown-prop-highlighted")
