"""Accounts services: users, membership rules, invitations by email and the audit trail."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from greenlight.accounts import services, tokens
from greenlight.accounts.capabilities import Capability, Role
from greenlight.accounts.models import Invitation, Membership
from greenlight.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from tests import factories

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
GOOD_PASSWORD = "tall-ladder-in-the-fog-42"
User = get_user_model()

team_once, team = factories.module_crew("ACCOUNTS")


def membership_of(team, user):
    return Membership.objects.get(project=team.project, user=user)


def invite_link_token(link):
    return re.fullmatch(r".*/invitations/([^/]+)/", link).group(1)


# --- users ---------------------------------------------------------------------------------


def test_passwords_are_stored_as_argon2_hashes(db):
    user = services.create_user("newcomer", "new@test.example", GOOD_PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2")
    assert GOOD_PASSWORD not in user.password
    assert check_password(GOOD_PASSWORD, user.password)


def test_the_shared_test_users_have_argon2_passwords_too(team):
    assert team.crew.password.startswith("argon2")
    assert team.crew.check_password(factories.PASSWORD)


def test_a_weak_password_is_refused_and_no_user_is_created(db):
    with pytest.raises(InvalidInput) as caught:
        services.create_user("newcomer", "new@test.example", "12345678")
    assert "password" in caught.value.errors
    assert not User.objects.filter(username="newcomer").exists()


def test_a_username_is_taken_whatever_its_case(team):
    with pytest.raises(InvalidInput, match="taken"):
        services.create_user(team.crew.username.upper(), "other@test.example", GOOD_PASSWORD)


def test_only_producers_may_create_projects(db):
    producer = services.create_user("prod", "p@test.example", GOOD_PASSWORD, producer=True)
    plain = services.create_user("plain", "q@test.example", GOOD_PASSWORD, full_name="Ann Lee")
    assert services.can_create_projects(User.objects.get(pk=producer.pk))
    assert not services.can_create_projects(User.objects.get(pk=plain.pk))
    assert (plain.first_name, plain.last_name) == ("Ann", "Lee")


# --- capability checks ---------------------------------------------------------------------


def test_an_outsider_is_told_the_project_does_not_exist(team):
    with pytest.raises(NotFound, match="not a member"):
        services.require(team.outsider, team.project, Capability.VIEW_PROJECT)


def test_a_member_without_the_capability_is_told_their_role(team):
    with pytest.raises(NotAllowed, match=r"Crew.*manage members"):
        services.require(team.crew, team.project, Capability.MANAGE_MEMBERS)


def test_a_department_head_is_refused_outside_their_department(team):
    services.require(team.dh, team.project, Capability.MANAGE_PEOPLE, team.camera.pk)
    with pytest.raises(NotAllowed, match="in that department"):
        services.require(team.dh, team.project, Capability.MANAGE_PEOPLE, team.sound.pk)


def test_anonymous_visitors_have_no_grant(team):
    assert services.grant_for(AnonymousUser(), team.project) is None
    assert services.capabilities(AnonymousUser(), team.project) == frozenset()


# --- membership ----------------------------------------------------------------------------


def test_adding_a_member_records_who_added_them(team):
    membership = services.add_member(team.project, team.outsider, Role.CREW, actor=team.ep)
    record = membership.history.get()
    assert (record.history_type, record.history_user) == ("+", team.ep)


def test_a_user_cannot_be_added_twice(team):
    with pytest.raises(InvalidInput, match="already a member"):
        services.add_member(team.project, team.crew, Role.VIEWER, actor=team.ep)
    assert membership_of(team, team.crew).role == Role.CREW


def test_changing_a_members_role_updates_their_grant_and_history(team):
    membership = membership_of(team, team.crew)
    services.change_member(
        team.ep, membership.pk, team.project, role=Role.DEPARTMENT_HEAD, departments=[team.sound]
    )
    assert services.grant_for(team.crew, team.project).departments == {team.sound.pk}
    changed = membership_of(team, team.crew)
    assert (changed.role, changed.version) == (Role.DEPARTMENT_HEAD, 2)
    latest = changed.history.order_by("-history_date").first()
    assert latest.history_user == team.ep


def test_a_department_head_needs_a_department(team):
    membership = membership_of(team, team.dh)
    with pytest.raises(InvalidInput, match="at least one department"):
        services.change_member(team.ep, membership.pk, team.project, departments=[])
    assert list(membership_of(team, team.dh).departments.all()) == [team.camera]


def test_promoting_to_department_head_without_departments_is_refused(team):
    membership = membership_of(team, team.crew)
    with pytest.raises(InvalidInput, match="at least one department"):
        services.change_member(team.ep, membership.pk, team.project, role=Role.DEPARTMENT_HEAD)
    assert membership_of(team, team.crew).role == Role.CREW


def test_departments_of_another_project_are_refused(team):
    other = factories.project(team.ep, "OTHERPROJ")
    membership = membership_of(team, team.dh)
    with pytest.raises(InvalidInput, match="belong to this project"):
        services.change_member(
            team.ep, membership.pk, team.project, departments=[other.departments.first()]
        )
    assert list(membership_of(team, team.dh).departments.all()) == [team.camera]


def test_the_last_executive_producer_cannot_be_demoted(team):
    membership = membership_of(team, team.ep)
    with pytest.raises(InvalidInput, match="at least one executive producer"):
        services.change_member(team.ep, membership.pk, team.project, role=Role.VIEWER)
    assert membership_of(team, team.ep).role == Role.EXECUTIVE_PRODUCER


def test_the_last_executive_producer_cannot_be_removed(team):
    membership = membership_of(team, team.ep)
    with pytest.raises(InvalidInput, match="at least one executive producer"):
        services.remove_member(team.ep, membership.pk, team.project)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_an_executive_producer_may_step_down_once_another_exists(team):
    services.change_member(
        team.ep, membership_of(team, team.ap).pk, team.project, role=Role.EXECUTIVE_PRODUCER
    )
    services.change_member(team.ep, membership_of(team, team.ep).pk, team.project, role=Role.CREW)
    assert membership_of(team, team.ep).role == Role.CREW
    roles = set(team.project.memberships.values_list("role", flat=True))
    assert Role.EXECUTIVE_PRODUCER in roles


def test_a_stale_version_of_a_membership_is_a_conflict(team):
    membership = membership_of(team, team.crew)
    services.change_member(team.ep, membership.pk, team.project, role=Role.VIEWER)
    with pytest.raises(Conflict):
        services.change_member(
            team.ep, membership.pk, team.project, role=Role.ASSOCIATE_PRODUCER, expected_version=1
        )
    assert membership_of(team, team.crew).role == Role.VIEWER


def test_removing_a_member_records_who_removed_them(team):
    membership = membership_of(team, team.viewer)
    services.remove_member(team.ep, membership.pk, team.project)
    assert services.grant_for(team.viewer, team.project) is None
    record = Membership.history.filter(id=membership.pk).order_by("-history_date").first()
    assert (record.history_type, record.history_user) == ("-", team.ep)


def test_a_member_of_another_project_cannot_be_changed_through_this_one(team):
    other = factories.project(team.ep, "OTHERPROJ")
    foreign = Membership.objects.get(project=other, user=team.ep)
    with pytest.raises(NotFound):
        services.remove_member(team.ep, foreign.pk, team.project)
    assert Membership.objects.filter(pk=foreign.pk).exists()


# --- invitations ---------------------------------------------------------------------------


def test_inviting_an_unknown_email_creates_an_invitation_and_emails_a_link(team):
    result = services.invite_member(
        team.ep, team.project, " New.Person@Example.COM ", Role.CREW, at=NOW
    )
    assert result.membership is None
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "new.person@example.com",
        Role.CREW,
        team.ep,
    )
    assert invitation.expires_at == NOW + timedelta(days=services.INVITATION_DAYS)
    [message] = mail.outbox
    assert message.to == ["new.person@example.com"]
    assert result.link in message.body and team.project.title in message.subject
    plaintext = invite_link_token(result.link)
    assert invitation.token_digest == tokens.digest_of(plaintext) != plaintext


def test_inviting_someone_with_an_account_adds_them_at_once_without_email(team):
    result = services.invite_member(
        team.ep, team.project, team.outsider.email.upper(), Role.VIEWER, at=NOW
    )
    assert result.invitation is None and result.link is None
    assert membership_of(team, team.outsider).role == Role.VIEWER
    assert mail.outbox == []


def test_inviting_a_department_head_needs_departments_and_sends_nothing(team):
    with pytest.raises(InvalidInput, match="at least one department"):
        services.invite_member(team.ep, team.project, "x@example.com", Role.DEPARTMENT_HEAD, at=NOW)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invitation_with_another_projects_department_is_not_created(team):
    other = factories.project(team.ep, "OTHERPROJ")
    with pytest.raises(InvalidInput, match="belong to this project"):
        services.invite_member(
            team.ep,
            team.project,
            "x@example.com",
            Role.DEPARTMENT_HEAD,
            [other.departments.first()],
            at=NOW,
        )
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_an_invalid_email_is_refused(team):
    with pytest.raises(InvalidInput, match="email"):
        services.invite_member(team.ep, team.project, "not an email", Role.CREW, at=NOW)
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_creates_the_user_and_membership(team):
    link = services.invite_member(
        team.ep, team.project, "cam@example.com", Role.DEPARTMENT_HEAD, [team.camera], at=NOW
    ).link
    membership = services.accept_invitation(
        invite_link_token(link), "camop", GOOD_PASSWORD, "Cam Operator", at=NOW + timedelta(days=1)
    )
    user = User.objects.get(username="camop")
    assert (membership.user, membership.project, membership.role) == (
        user,
        team.project,
        Role.DEPARTMENT_HEAD,
    )
    assert list(membership.departments.all()) == [team.camera]
    assert (user.email, user.get_full_name()) == ("cam@example.com", "Cam Operator")
    assert user.password.startswith("argon2")
    assert Invitation.objects.get().accepted_at == NOW + timedelta(days=1)


def test_an_invitation_can_be_used_only_once(team):
    plaintext = invite_link_token(
        services.invite_member(team.ep, team.project, "a@example.com", Role.CREW, at=NOW).link
    )
    services.accept_invitation(plaintext, "first", GOOD_PASSWORD, "First One", at=NOW)
    with pytest.raises(NotFound, match="has been used"):
        services.accept_invitation(plaintext, "second", GOOD_PASSWORD, "Second One", at=NOW)
    assert not User.objects.filter(username="second").exists()


def test_a_bad_password_creates_neither_user_nor_membership(team):
    plaintext = invite_link_token(
        services.invite_member(team.ep, team.project, "a@example.com", Role.CREW, at=NOW).link
    )
    before = Membership.objects.count()
    with pytest.raises(InvalidInput) as caught:
        services.accept_invitation(plaintext, "newbie", "password", "New Bie", at=NOW)
    assert "password" in caught.value.errors
    assert not User.objects.filter(username="newbie").exists()
    assert Membership.objects.count() == before
    assert Invitation.objects.get().accepted_at is None


def test_a_failure_after_the_user_is_created_leaves_no_user_behind(team, monkeypatch):
    plaintext = invite_link_token(
        services.invite_member(team.ep, team.project, "a@example.com", Role.CREW, at=NOW).link
    )

    def refuse(*args, **kwargs):
        raise InvalidInput.single("__all__", "membership refused")

    monkeypatch.setattr(services, "add_member", refuse)
    with pytest.raises(InvalidInput, match="membership refused"):
        services.accept_invitation(plaintext, "newbie", GOOD_PASSWORD, "New Bie", at=NOW)
    assert not User.objects.filter(username="newbie").exists()
    assert Invitation.objects.get().accepted_at is None


def test_an_expired_invitation_is_refused(team):
    plaintext = invite_link_token(
        services.invite_member(team.ep, team.project, "a@example.com", Role.CREW, at=NOW).link
    )
    later = NOW + timedelta(days=services.INVITATION_DAYS, seconds=1)
    with pytest.raises(NotFound, match="expired"):
        services.accept_invitation(plaintext, "late", GOOD_PASSWORD, "Late Comer", at=later)
    assert not User.objects.filter(username="late").exists()


def test_a_made_up_invitation_token_is_not_found(db):
    with pytest.raises(NotFound):
        services.pending_invitation("not-a-real-token", at=NOW)


@pytest.mark.parametrize("role", ["ap", "dh", "crew", "viewer"])
def test_only_executive_producers_invite(team, role):
    with pytest.raises(NotAllowed):
        services.invite_member(
            getattr(team, role), team.project, "a@example.com", Role.CREW, at=NOW
        )
    assert not Invitation.objects.exists()
    assert mail.outbox == []
