"""Breakdown sheets as PDF: one scene on request, a whole draft as a background job."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from greenlight.accounts import services as accounts
from greenlight.jobs.models import Job, JobStatus
from greenlight.screenplay import services, sheet_pdf
from greenlight.screenplay.models import Category, Draft
from greenlight.screenplay.sheets import Sheet, SheetCategory, SheetItem, Strip
from tests import factories
from tests.screenplay.samples import BRICK, UNCHANGED_HEADING, pdf_text, sample

lazy_static_files = factories.lazy_static_files


@pytest.fixture(autouse=True)
def _lazy_static_files(lazy_static_files):
    """See factories.lazy_static_files."""


def imported(team, name: str = BRICK) -> Draft:
    return services.import_script(team.ep, team.project, name, sample(name), at=timezone.now())


def draft_url(draft: Draft, rest: str = "") -> str:
    script = draft.script
    return f"/projects/{script.project_id}/scripts/{script.pk}/drafts/{draft.number}/{rest}"


def pages_of(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def _run_worker():
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0")


def test_a_scenes_sheet_pdf_has_its_heading_facts_and_numbered_cast(team, client):
    draft = imported(team)
    scene = draft.scenes.get(heading=UNCHANGED_HEADING)
    props = Category.objects.get(project=team.project, key="props")
    services.tag_text(team.ep, scene, category_id=props.pk, name="two cold beers")
    client.force_login(team.viewer)
    response = client.get(draft_url(draft, f"scenes/{scene.pk}/sheet.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-scene-1-breakdown.pdf"')
    data = response.content
    assert data.startswith(b"%PDF") and pages_of(data) == 1
    text = pdf_text(data)
    assert UNCHANGED_HEADING in text
    assert "BRICK'S PATIO" in text and "EXT" in text and "DAY" in text
    assert re.search(r"\d\. BRICK", text) and re.search(r"\d\. STEEL", text)
    assert "Props" in text and "TWO COLD BEERS" in text


def test_the_sheet_page_shows_the_same_sheet(team, client):
    draft = imported(team)
    scene = draft.scenes.get(heading=UNCHANGED_HEADING)
    client.force_login(team.crew)
    page = client.get(draft_url(draft, f"scenes/{scene.pk}/sheet/")).content.decode()
    assert "Breakdown sheet" in page and "BRICK&#x27;S PATIO" in page
    assert 'data-category="Cast Members"' in page and "EXT day (yellow)" in page


def test_outsiders_get_no_pdf(team, client):
    draft = imported(team)
    scene = draft.scenes.first()
    client.force_login(team.outsider)
    assert client.get(draft_url(draft, f"scenes/{scene.pk}/sheet.pdf")).status_code == 404
    assert client.post(draft_url(draft, "sheets/")).status_code == 404
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_all_sheets_of_a_draft_run_as_a_job_through_the_worker(client):
    team = factories.crew("SHEETS")
    draft = imported(team)
    client.force_login(team.viewer)
    response = client.post(draft_url(draft, "sheets/"))
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert "Breakdown sheets of" in client.get(response["Location"]).content.decode()
    _run_worker()
    job.refresh_from_db()
    scenes = draft.scenes.count()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.percent) == (scenes, scenes, 100)
    assert job.result_name.endswith("-white-breakdown.pdf")
    download = client.get(f"/jobs/{job.pk}/download/")
    data = b"".join(download.streaming_content) if download.streaming else download.content
    assert data.startswith(b"%PDF") and pages_of(data) == scenes
    text = pdf_text(data)
    for heading in draft.scenes.values_list("heading", flat=True):
        assert heading in text


@pytest.mark.django_db(transaction=True)
def test_the_job_fails_cleanly_when_the_reader_left_the_project(client):
    team = factories.crew("SHEETS2")
    draft = imported(team)
    client.force_login(team.crew)
    client.post(draft_url(draft, "sheets/"))
    team.project.memberships.filter(user=team.crew).delete()
    _run_worker()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "not a member" in job.message
    assert job.result_data is None


@pytest.mark.django_db(transaction=True)
def test_the_api_serves_a_scene_pdf_and_starts_the_sheets_job(client):
    team = factories.crew("SHEETS3")
    draft = imported(team)
    scene = draft.scenes.get(heading=UNCHANGED_HEADING)
    token = accounts.create_token(team.viewer, "tests", at=timezone.now()).plaintext
    headers = {"Authorization": f"Bearer {token}"}
    base = f"/api{draft_url(draft).removesuffix('/')}"
    pdf = client.get(f"{base}/scenes/{scene.pk}/sheet.pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert UNCHANGED_HEADING in pdf_text(pdf.content)
    started = client.post(f"{base}/sheets", headers=headers)
    assert started.status_code == 202 and started.json()["status"] == "queued"
    _run_worker()
    job = client.get(f"/api/jobs/{started.json()['id']}", headers=headers).json()
    assert job["status"] == "succeeded" and job["download_url"]
    data = client.get(job["download_url"], headers=headers).content
    assert pages_of(data) == draft.scenes.count()


def test_a_sheet_with_many_elements_runs_onto_a_second_page():
    crowd = tuple(SheetItem(f"EXTRA {n}") for n in range(300))
    sheet = Sheet(
        "Prod",
        "Script",
        "White draft",
        "1",
        "EXT. FIELD - DAY",
        "EXT",
        "DAY",
        "FIELD",
        1,
        9,
        "A crowd.",
        Strip.EXT_DAY,
        (SheetCategory("Background Actors", "#43a047", crowd),),
    )
    calls: list[tuple[int, int, str]] = []
    data = sheet_pdf.render([sheet, sheet], lambda d, t, m: calls.append((d, t, m)))
    assert pages_of(data) >= 4  # each sheet starts a page and overflows onto another
    assert [c[:2] for c in calls] == [(1, 2), (2, 2)]
    assert "EXTRA 299" in pdf_text(data)


def test_an_empty_draft_still_makes_a_valid_pdf():
    data = sheet_pdf.render([])
    assert data.startswith(b"%PDF") and "no scenes" in pdf_text(data)
