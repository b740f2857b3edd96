"""Edge behaviour found in review: mail failures, revocation, body limits, error shapes."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from greenlight.accounts import services as accounts
from greenlight.accounts.capabilities import Role
from greenlight.accounts.models import Invitation
from greenlight.core.errors import InvalidInput, NotFound
from greenlight.jobs.models import Job, JobStatus
from greenlight.jobs.services import prune_jobs
from greenlight.projects import services as projects
from greenlight.projects.models import Person


def _bearer(user):
    token = accounts.create_token(user, "test", at=timezone.now()).plaintext
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_invitation_survives_a_mail_failure_and_tells_the_inviter(team, monkeypatch):
    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server went away")

    monkeypatch.setattr("greenlight.accounts.services.send_mail", broken)
    result = accounts.invite_member(
        team.ep, team.project, "newcomer@example.com", Role.CREW, at=timezone.now()
    )
    assert result.emailed is False and result.link and "/invitations/gli_" in result.link
    assert Invitation.objects.filter(email="newcomer@example.com").exists()


def test_revoked_invitation_link_stops_working(team):
    result = accounts.invite_member(
        team.ep, team.project, "newcomer@example.com", Role.CREW, at=timezone.now()
    )
    assert result.emailed and len(mail.outbox) == 1
    accounts.revoke_invitation(team.ep, team.project, result.invitation.pk, at=timezone.now())
    token = result.link.rstrip("/").rsplit("/", 1)[-1]
    with pytest.raises(NotFound):
        accounts.pending_invitation(token, at=timezone.now())


def test_invitation_links_are_not_api_tokens(team, client):
    result = accounts.invite_member(
        team.ep, team.project, "newcomer@example.com", Role.CREW, at=timezone.now()
    )
    token = result.link.rstrip("/").rsplit("/", 1)[-1]
    response = client.get("/api/projects", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401


def test_only_member_managers_revoke_invitations_through_the_api(team, client):
    result = accounts.invite_member(
        team.ep, team.project, "newcomer@example.com", Role.CREW, at=timezone.now()
    )
    url = f"/api/projects/{team.project.pk}/invitations/{result.invitation.pk}"
    assert client.delete(url, **_bearer(team.ap)).status_code == 403
    assert client.delete(url, **_bearer(team.ep)).status_code == 204
    assert client.delete(url, **_bearer(team.ep)).status_code == 404


@override_settings(MAX_REQUEST_BYTES=2048)
def test_oversized_bodies_are_refused_with_413_on_api_and_pages(team, client):
    body = "x" * 5000
    api = client.post(
        f"/api/projects/{team.project.pk}/people",
        body,
        content_type="application/json",
        **_bearer(team.ep),
    )
    assert api.status_code == 413 and "limit is 2,048 bytes" in api.json()["detail"]
    client.force_login(team.ep)
    page = client.post(f"/projects/{team.project.pk}/people/new/", {"name": body})
    assert page.status_code == 413
    assert not Person.objects.filter(project=team.project).exists()


def test_schema_errors_use_the_same_shape_as_service_errors(team, client):
    response = client.post(
        f"/api/projects/{team.project.pk}/people",
        {"kind": "wizard"},
        content_type="application/json",
        **_bearer(team.ep),
    )
    assert response.status_code == 422
    body = response.json()
    assert set(body["errors"]) == {"name", "kind"}
    assert isinstance(body["detail"], str) and "name" in body["detail"]


def test_null_for_a_text_field_is_refused_clearly(team, client):
    person = Person.objects.create(project=team.project, name="Ken Ito", phone="+1 555 0401")
    response = client.patch(
        f"/api/projects/{team.project.pk}/people/{person.pk}",
        {"phone": None},
        content_type="application/json",
        **_bearer(team.ep),
    )
    assert response.status_code == 422
    assert "May not be null" in response.json()["errors"]["phone"][0]
    person.refresh_from_db()
    assert person.phone == "+1 555 0401"


def test_crew_cannot_open_the_add_person_form(team, client):
    client.force_login(team.crew)
    assert client.get(f"/projects/{team.project.pk}/people/new/").status_code == 403


def test_pruning_deletes_only_finished_jobs_older_than_the_cutoff(team):
    now = timezone.now()
    old_done = Job.objects.create(
        kind="x",
        label="old",
        created_by=team.ep,
        created_at=now - timedelta(days=40),
        status=JobStatus.SUCCEEDED,
        finished_at=now - timedelta(days=40),
        result_data=b"x",
    )
    Job.objects.create(
        kind="x",
        label="new",
        created_by=team.ep,
        created_at=now,
        status=JobStatus.SUCCEEDED,
        finished_at=now,
    )
    Job.objects.create(
        kind="x", label="queued", created_by=team.ep, created_at=now - timedelta(days=40)
    )
    assert prune_jobs(now - timedelta(days=30)) == 1
    assert not Job.objects.filter(pk=old_done.pk).exists()
    assert Job.objects.count() == 2


def test_deleting_the_only_department_of_a_pending_invitation_is_refused(team):
    accounts.invite_member(
        team.ep,
        team.project,
        "boom@example.com",
        Role.ASSOCIATE_PRODUCER,
        [team.sound],
        at=timezone.now(),
    )
    with pytest.raises(InvalidInput, match=r"the invitation to boom@example\.com"):
        projects.delete_department(team.ep, team.project, team.sound.pk)
