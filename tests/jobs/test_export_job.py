"""The people export runs as a real background job through the database queue and worker."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from greenlight.jobs import services as jobs
from greenlight.jobs.models import Job, JobStatus
from greenlight.projects import services as projects
from greenlight.projects.tasks import export_people_xlsx


def _start(team, user):
    return jobs.start_job(
        user,
        "export_people",
        "People",
        export_people_xlsx,
        team.project.pk,
        user.pk,
        project=team.project,
        at=timezone.now(),
    )


def _run_worker():
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v", "0")


@pytest.fixture
def staffed(team):
    projects.create_person(
        team.ep,
        team.project,
        {
            "name": "Maya Okafor",
            "kind": "cast",
            "position": "JUNE",
            "email": "maya@example.com",
            "daily_rate": "4500.00",
        },
    )
    projects.create_person(
        team.ep,
        team.project,
        {
            "name": '=HYPERLINK("http://evil")',
            "kind": "crew",
            "department": team.camera.pk,
        },
    )
    return team


def _sheet(job):
    job.refresh_from_db()
    rows = list(load_workbook(io.BytesIO(bytes(job.result_data))).active.values)
    return rows[0], rows[1:]


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_export_and_records_progress_and_file(staffed):
    job = _start(staffed, staffed.ep)
    assert job.status == JobStatus.QUEUED and job.task_result_id
    _run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert (job.done, job.total, job.percent) == (2, 2, 100)
    assert job.result_name == "testproj-people.xlsx"
    header, rows = _sheet(job)
    assert "Email" in header and "Daily rate (USD)" in header
    names = {row[0] for row in rows}
    assert "Maya Okafor" in names


@pytest.mark.django_db(transaction=True)
def test_export_neutralises_formula_injection(staffed):
    job = _start(staffed, staffed.ep)
    _run_worker()
    _, rows = _sheet(job)
    assert '\'=HYPERLINK("http://evil")' in {row[0] for row in rows}


@pytest.mark.django_db(transaction=True)
def test_department_heads_export_has_contacts_but_no_rates(staffed):
    job = _start(staffed, staffed.dh)
    _run_worker()
    header, _ = _sheet(job)
    assert "Email" in header
    assert not any("rate" in str(cell).lower() for cell in header)


@pytest.mark.django_db(transaction=True)
def test_export_fails_cleanly_when_the_role_was_lost_before_the_job_ran(staffed):
    job = _start(staffed, staffed.ap)
    membership = staffed.project.memberships.get(user=staffed.ap)
    membership.delete()
    _run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert "not a member" in job.message
    assert job.result_data is None


def test_jobs_are_visible_only_to_who_started_them(staffed):
    job = Job.objects.create(
        kind="x",
        label="x",
        created_by=staffed.ep,
        project=staffed.project,
        created_at=timezone.now(),
    )
    assert jobs.job_for(staffed.ep, job.pk) == job
    with pytest.raises(Exception, match="not yours"):
        jobs.job_for(staffed.ap, job.pk)
    with pytest.raises(Exception, match="not yours"):
        jobs.job_for(staffed.ep, "not-a-uuid")


@pytest.mark.django_db(transaction=True)
def test_job_page_and_api_show_progress_and_download_only_to_its_starter(staffed, client):
    client.force_login(staffed.ep)
    response = client.post(f"/projects/{staffed.project.pk}/people/export/")
    assert response.status_code == 302
    job_url = response["Location"]
    assert "Queued" in client.get("/jobs/").content.decode()
    _run_worker()
    page = client.get(job_url).content.decode()
    assert "succeeded" in page and "Download" in page
    job_id = job_url.strip("/").split("/")[-1]
    api = client.get(f"/api/jobs/{job_id}").json()
    assert api["status"] == "succeeded" and api["percent"] == 100
    download = client.get(f"/jobs/{job_id}/download/")
    assert download["Content-Disposition"] == 'attachment; filename="testproj-people.xlsx"'
    client.force_login(staffed.ap)
    assert client.get(job_url).status_code == 404
    assert client.get(f"/api/jobs/{job_id}").status_code == 404
    assert client.get(f"/jobs/{job_id}/download/").status_code == 404


@pytest.mark.django_db
def test_viewer_cannot_start_an_export(staffed, client):
    client.force_login(staffed.viewer)
    response = client.post(f"/projects/{staffed.project.pk}/people/export/")
    assert response.status_code == 403
    assert not Job.objects.exists()
