"""The screenplay pages: upload, scene list, scene page with tagging, revisions, lint, cast,
categories; each role against the actions that matter."""

import html

import pytest
from django.utils import timezone

from greenlight.core.eighths import format_eighths
from greenlight.screenplay import services
from greenlight.screenplay.models import (
    BreakdownElement,
    Category,
    CharacterAlias,
    Draft,
    Scene,
    Script,
    Tag,
    TagStatus,
)
from tests.screenplay.samples import (
    ADDED_HEADING,
    BAD_FILES,
    BRICK,
    CHANGED_HEADING,
    OMITTED_HEADING,
    SAMPLES,
    UNCHANGED_HEADING,
    revised_brick,
    sample,
    upload,
)


def at(team, rest: str = "") -> str:
    return f"/projects/{team.project.pk}/{rest}"


def draft_url(draft: Draft, rest: str = "") -> str:
    script = draft.script
    return f"/projects/{script.project_id}/scripts/{script.pk}/drafts/{draft.number}/{rest}"


def scene_url(scene: Scene, rest: str = "") -> str:
    return draft_url(scene.draft, f"scenes/{scene.pk}/{rest}")


def imported(team, name: str = BRICK) -> Draft:
    return services.import_script(team.ep, team.project, name, sample(name), at=timezone.now())


def nothing_saved() -> bool:
    return not (Script.objects.exists() or Draft.objects.exists() or Scene.objects.exists())


def text_of(response) -> str:
    return html.unescape(response.content.decode())


# --- upload ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_uploads_through_the_page_and_lists_its_scenes(team, client, name):
    client.force_login(team.ep)
    response = client.post(at(team, "scripts/"), {"file": upload(name), "title": ""})
    assert response.status_code == 302, text_of(response)
    draft = Draft.objects.get(script__project=team.project)
    assert response["Location"] == draft_url(draft)
    page = text_of(client.get(draft_url(draft)))
    scenes = list(draft.scenes.all())
    assert scenes
    assert page.count('<tr class="strip strip-') == len(scenes)
    for scene in scenes:
        assert scene.heading in page
    cast = Tag.objects.filter(scene__draft=draft, element__category__key="cast")
    assert cast.filter(status=TagStatus.CONFIRMED).exists()
    assert all(name in page for name in cast.values_list("element__name", flat=True))


def test_the_scripts_page_lists_the_script_with_drafts_pages_and_scenes(team, client):
    draft = imported(team)
    client.force_login(team.viewer)
    page = text_of(client.get(at(team, "scripts/")))
    assert "BRICK & STEEL FULL RETIRED" in page
    assert 'class="chip current"' in page and "White" in page
    assert f'<td class="num">{draft.page_count}</td>' in page
    assert f'<td class="num">{draft.scenes.count()}</td>' in page
    assert "Upload a script" not in page and "Upload revised draft" not in page


def test_the_title_field_names_the_script(team, client):
    client.force_login(team.ap)
    client.post(at(team, "scripts/"), {"file": upload(BRICK), "title": "Bricks"})
    assert Script.objects.get().title == "Bricks"


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES)
def test_a_bad_file_says_what_and_where_and_saves_nothing(team, client, name, data, words):
    client.force_login(team.ep)
    response = client.post(at(team, "scripts/"), {"file": upload(name, data)})
    assert response.status_code == 200
    page = text_of(response)
    for word in words:
        assert word in page
    assert nothing_saved()


def test_a_file_of_another_type_or_too_big_is_refused_before_parsing(team, client):
    client.force_login(team.ep)
    page = text_of(client.post(at(team, "scripts/"), {"file": upload("photo.png", b"x")}))
    assert "photo.png: choose a Fountain" in page
    big = b"INT. HOUSE - DAY\n\n" + b"A" * (services.MAX_SCRIPT_BYTES + 1)
    page = text_of(client.post(at(team, "scripts/"), {"file": upload("big.fountain", big)}))
    assert "big.fountain is" in page and "limited to" in page
    assert nothing_saved()


@pytest.mark.parametrize("role", ["crew", "viewer"])
def test_crew_and_viewers_cannot_upload(team, client, role):
    client.force_login(getattr(team, role))
    assert client.post(at(team, "scripts/"), {"file": upload(BRICK)}).status_code == 403
    assert nothing_saved()


def test_outsiders_see_nothing(team, client):
    draft = imported(team)
    scene = draft.scenes.first()
    client.force_login(team.outsider)
    for url in (
        at(team, "scripts/"),
        draft_url(draft),
        scene_url(scene),
        draft_url(draft, "lint/"),
    ):
        assert client.get(url).status_code == 404
    assert client.post(at(team, "scripts/"), {"file": upload(BRICK)}).status_code == 404
    assert Script.objects.count() == 1


# --- scene list ------------------------------------------------------------------------------


def test_scene_list_shows_eighths_strips_cast_and_totals(team, client):
    draft = imported(team)
    client.force_login(team.crew)
    page = text_of(client.get(draft_url(draft)))
    first = draft.scenes.get(index=0)
    assert 'class="strip strip-ext-day"' in page  # EXT. BRICK'S PATIO - DAY
    assert 'class="strip strip-int-day"' in page  # INT. TRAILER HOME - DAY
    assert "BRICK, STEEL" in page
    total = sum(draft.scenes.values_list("eighths", flat=True))
    assert f"<strong>{format_eighths(total)}</strong>pages" in page
    assert f'<td class="num nowrap">{format_eighths(first.eighths)}</td>' in page
    assert "Recompute with Greenlight layout" not in page  # a Fountain file has no FD lengths


def test_scene_list_filters_by_place_time_character_and_heading(team, client):
    draft = imported(team)
    client.force_login(team.viewer)

    def rows(**query) -> int:
        return text_of(client.get(draft_url(draft), query)).count('<tr class="strip strip-')

    assert rows(int_ext="EXT") == draft.scenes.filter(int_ext="EXT").count() > 0
    assert rows(int_ext="INT") == draft.scenes.filter(int_ext="INT").count() > 0
    assert rows(character="COGNITO") == 1
    assert rows(q="garage") == 1
    assert rows(time_of_day="NIGHT") == 0


def test_final_draft_lengths_can_be_switched_to_the_layout_and_back(team, client):
    draft = imported(team, "rsdoiel-sample-02.finaldraft.fdx")
    assert draft.lengths_from == "final_draft"
    client.force_login(team.ap)
    page = text_of(client.get(draft_url(draft)))
    assert "Lengths from <strong>Final Draft</strong>" in page
    assert "Recompute with Greenlight layout" in page
    client.post(draft_url(draft, "lengths/"), {"source": "layout"})
    draft.refresh_from_db()
    assert draft.lengths_from == "layout"
    assert all(s.eighths == s.layout_eighths for s in draft.scenes.all())
    client.force_login(team.crew)
    assert client.post(draft_url(draft, "lengths/"), {"source": "final_draft"}).status_code == 403


# --- scene page and tagging ------------------------------------------------------------------


def _patio(draft: Draft) -> Scene:
    return draft.scenes.get(heading=UNCHANGED_HEADING)


def _paragraph(scene: Scene, words: str) -> tuple[int, int]:
    for index, element in enumerate(scene.elements):
        position = element.get("text", "").find(words)
        if position >= 0:
            return index, position
    raise AssertionError(f"{words!r} not in {scene}")


def test_scene_page_prints_the_text_screenplay_style_with_dual_dialogue(team, client):
    draft = imported(team)
    client.force_login(team.viewer)
    page = client.get(scene_url(_patio(draft))).content.decode()
    assert '<article class="screenplay"' in page
    assert 'class="el scene_heading"' in page and 'class="el character"' in page
    assert 'class="el dialogue"' in page and 'class="el parenthetical"' in page
    assert 'class="el transition"' in page
    assert '<div class="dual">' in page  # BRICK ^ answers STEEL side by side
    assert "Tag an element" not in page and "Confirm</button>" not in page


def test_manual_tag_with_a_range_stores_the_quote_and_is_highlighted(team, client):
    draft = imported(team)
    scene = _patio(draft)
    paragraph, start = _paragraph(scene, "two cold beers")
    props = Category.objects.get(project=team.project, key="props")
    client.force_login(team.ep)
    response = client.post(
        scene_url(scene, "tags/"),
        {
            "name": "two cold beers",
            "category": props.pk,
            "paragraph": paragraph,
            "start": start,
            "end": start + len("two cold beers"),
        },
    )
    assert response.status_code == 302
    tag = Tag.objects.get(scene=scene, element__name="TWO COLD BEERS")
    assert (tag.status, tag.quote, tag.paragraph) == (
        TagStatus.CONFIRMED,
        "two cold beers",
        paragraph,
    )
    page = client.get(scene_url(scene)).content.decode()
    assert (
        f'<mark style="--tag: {props.colour}" title="Props: TWO COLD BEERS">two cold beers</mark>'
        in page
    )


def test_tagging_by_name_alone_works_without_a_selection(team, client):
    draft = imported(team)
    scene = _patio(draft)
    vehicles = Category.objects.get(project=team.project, key="vehicles")
    client.force_login(team.ap)
    client.post(scene_url(scene, "tags/"), {"name": " red   pickup ", "category": vehicles.pk})
    tag = Tag.objects.get(scene=scene, element__name="RED PICKUP")
    assert tag.paragraph is None and tag.quote == ""
    assert "RED PICKUP" in client.get(scene_url(scene)).content.decode()


def test_a_range_outside_the_paragraph_is_refused_on_the_form(team, client):
    draft = imported(team)
    scene = _patio(draft)
    props = Category.objects.get(project=team.project, key="props")
    client.force_login(team.ep)
    response = client.post(
        scene_url(scene, "tags/"),
        {"name": "X", "category": props.pk, "paragraph": 1, "start": 5, "end": 99999},
    )
    assert response.status_code == 200
    assert "is not a range inside paragraph 1" in text_of(response)
    assert not BreakdownElement.objects.filter(name="X").exists()


def test_suggestions_can_be_confirmed_rejected_and_tags_removed(team, client):
    draft = imported(team)
    suggested = Tag.objects.filter(scene__draft=draft, status=TagStatus.SUGGESTED)
    first, second = suggested[0], suggested[1]
    client.force_login(team.ep)
    page = text_of(client.get(scene_url(first.scene)))
    assert first.element.name in page and "Confirm</button>" in page
    client.post(scene_url(first.scene, f"tags/{first.pk}/status/"), {"status": "confirmed"})
    client.post(scene_url(second.scene, f"tags/{second.pk}/status/"), {"status": "rejected"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (TagStatus.CONFIRMED, TagStatus.REJECTED)
    client.post(scene_url(first.scene, f"tags/{first.pk}/remove/"))
    assert not Tag.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("role", ["crew", "viewer"])
def test_crew_and_viewers_cannot_tag(team, client, role):
    draft = imported(team)
    scene = _patio(draft)
    tag = scene.tags.first()
    props = Category.objects.get(project=team.project, key="props")
    before = list(Tag.objects.order_by("pk").values())
    client.force_login(getattr(team, role))
    posts = [
        (scene_url(scene, "tags/"), {"name": "GUN", "category": props.pk}),
        (scene_url(scene, f"tags/{tag.pk}/status/"), {"status": "rejected"}),
        (scene_url(scene, f"tags/{tag.pk}/remove/"), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert list(Tag.objects.order_by("pk").values()) == before


def test_previous_and_next_scene_links(team, client):
    draft = imported(team)
    second = draft.scenes.get(index=1)
    client.force_login(team.viewer)
    page = client.get(scene_url(second)).content.decode()
    assert f'rel="prev" href="{scene_url(draft.scenes.get(index=0))}"' in page
    assert f'rel="next" href="{scene_url(draft.scenes.get(index=2))}"' in page


# --- revisions -------------------------------------------------------------------------------


def test_a_revised_draft_keeps_tags_of_unchanged_scenes_and_reports_changes(team, client):
    draft = imported(team)
    patio = _patio(draft)
    paragraph, start = _paragraph(patio, "two cold beers")
    props = Category.objects.get(project=team.project, key="props")
    services.tag_text(
        team.ep,
        patio,
        category_id=props.pk,
        name="beers",
        paragraph=paragraph,
        start=start,
        end=start + 14,
    )
    client.force_login(team.ep)
    url = f"/projects/{team.project.pk}/scripts/{draft.script_id}/revise/"
    response = client.post(url, {"file": upload("Brick-and-Steel-blue.fountain", revised_brick())})
    assert response.status_code == 302
    blue = Draft.objects.get(script=draft.script, number=2)
    assert response["Location"] == draft_url(blue, "changes/")
    new_patio = _patio(blue)
    assert new_patio.change == "unchanged" and new_patio.previous_id == patio.pk
    kept = Tag.objects.get(scene=new_patio, element__name="BEERS")
    assert (kept.quote, kept.paragraph, kept.start) == ("two cold beers", paragraph, start)
    assert set(new_patio.tags.values_list("element__name", flat=True)) >= {"BRICK", "STEEL"}

    page = text_of(client.get(response["Location"]))
    assert '<div data-count="added"><strong>1</strong>' in page
    assert '<div data-count="changed"><strong>1</strong>' in page
    assert '<div data-count="omitted"><strong>1</strong>' in page
    assert ADDED_HEADING in page and CHANGED_HEADING in page and OMITTED_HEADING in page
    assert "<del>destiny!</del><ins>glory, at last!</ins>" in page
    assert "Revised (blue) pages:" in page and blue.revised_pages


def test_the_original_draft_has_nothing_to_compare(team, client):
    draft = imported(team)
    client.force_login(team.viewer)
    assert "This is the original draft" in text_of(client.get(draft_url(draft, "changes/")))


def test_a_bad_revision_shows_its_error_on_that_scripts_form(team, client):
    draft = imported(team)
    client.force_login(team.ep)
    url = f"/projects/{team.project.pk}/scripts/{draft.script_id}/revise/"
    response = client.post(url, {"file": upload("blue.fdx", b"<?xml version='1.0'?><Final")})
    assert response.status_code == 200
    assert "blue.fdx" in text_of(response) and "malformed XML" in text_of(response)
    assert Draft.objects.count() == 1
    client.force_login(team.crew)
    assert client.post(url, {"file": upload(BRICK)}).status_code == 403


# --- lint, cast, categories ------------------------------------------------------------------


def test_lint_report_lists_findings_and_producers_edit_the_standards(team, client):
    draft = imported(team)
    client.force_login(team.ep)
    page = text_of(client.get(draft_url(draft, "lint/")))
    assert 'data-rule="page_count"' in page  # a 4-page script against a 90-120 page feature
    assert 'data-rule="heading"' in page  # SNIPER SCOPE POV has no INT./EXT.
    form = {"min_pages": 1, "max_pages": 10, "restricted_words": "crap", "extra_times_of_day": ""}
    response = client.post(draft_url(draft, "lint/"), {**form, "version": 1})
    assert response.status_code == 302
    page = text_of(client.get(draft_url(draft, "lint/")))
    assert 'data-rule="page_count"' not in page
    assert 'data-rule="restricted_word"' in page
    stale = client.post(draft_url(draft, "lint/"), {**form, "max_pages": 20, "version": 1})
    assert "changed by someone else" in text_of(stale)
    client.force_login(team.viewer)
    assert client.post(draft_url(draft, "lint/"), {**form, "version": 2}).status_code == 403


def test_cast_page_counts_cues_and_decides_aliases(team, client):
    draft = imported(team, "Charade.fountain")
    script = draft.script
    suggestion = CharacterAlias.objects.filter(script=script, status="suggested").first()
    assert suggestion is not None
    client.force_login(team.ap)
    url = f"/projects/{team.project.pk}/scripts/{script.pk}/cast/"
    page = text_of(client.get(url))
    assert 'data-character="PETER"' in page and suggestion.alias in page
    client.post(f"{url.removesuffix('cast/')}aliases/{suggestion.pk}/", {"decision": "confirm"})
    suggestion.refresh_from_db()
    assert suggestion.status == "confirmed"
    assert not BreakdownElement.objects.filter(
        project=team.project, category__key="cast", name=suggestion.alias
    ).exists()


def test_categories_page_renames_and_recolours(team, client):
    services.categories(team.project)
    props = Category.objects.get(project=team.project, key="props")
    client.force_login(team.ep)
    url = at(team, "breakdown-categories/")
    data = {"category": props.pk, "name": "Hand props", "colour": "#123abc", "version": 1}
    assert client.post(url, data).status_code == 302
    props.refresh_from_db()
    assert (props.name, props.colour, props.version) == ("Hand props", "#123abc", 2)
    assert "changed by someone else" in text_of(client.post(url, data))
    client.force_login(team.crew)
    assert client.post(url, {**data, "version": 2}).status_code == 403
    assert "Hand props" in text_of(client.get(url))
