"""Accounts actions: capability checks, membership, invitations, users and API tokens."""

import logging
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from greenlight.core.errors import InvalidInput, NotAllowed, NotFound
from greenlight.web.validation import apply_changes, invalid_from, save_validated

from . import tokens
from .capabilities import Capability, Grant, Role, capabilities_of, permits
from .models import ApiToken, Invitation, Membership

User = get_user_model()
logger = logging.getLogger(__name__)
AnyUser = AbstractBaseUser | AnonymousUser
INVITATION_DAYS = 14


# --- capability checks --------------------------------------------------------------------


def grant_for(user: Any, project: Any) -> Grant | None:
    """The user's grant on the project, or None if they are not a member."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_greenlight_grants", None)
    if cache is None:
        cache = {}
        user._greenlight_grants = cache
    if project.pk not in cache:
        membership = (
            Membership.objects.filter(user=user, project=project)
            .prefetch_related("departments")
            .first()
        )
        cache[project.pk] = membership.grant() if membership else None
    return cache[project.pk]  # type: ignore[no-any-return]


def forget_grants(user: Any) -> None:
    """Drop cached grants after a membership change (same request)."""
    if hasattr(user, "_greenlight_grants"):
        del user._greenlight_grants


def require(
    user: Any, project: Any, capability: Capability, department: int | None = None
) -> Grant:
    """The user's grant if it allows ``capability``; otherwise refuse.

    Non-members get NotFound, so a project's existence is not disclosed to outsiders.
    """
    grant = grant_for(user, project)
    if grant is None:
        raise NotFound("No such project, or you are not a member of it.")
    if not permits(grant, capability, department):
        where = " in that department" if department is not None and grant.scoped else ""
        raise NotAllowed(
            f"Your role ({grant.role.label}) does not allow {capability.value.replace('_', ' ')}"
            f"{where} on {project}."
        )
    return grant


def can(user: Any, project: Any, capability: Capability, department: int | None = None) -> bool:
    return permits(grant_for(user, project), capability, department)


def capabilities(user: Any, project: Any) -> frozenset[Capability]:
    return capabilities_of(grant_for(user, project))


def can_create_projects(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm("projects.add_project"))


# --- users ---------------------------------------------------------------------------------


def create_user(
    username: str, email: str, password: str, *, producer: bool = False, full_name: str = ""
) -> Any:
    """Create a user (Argon2-hashed password); ``producer`` lets them create projects."""
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidInput.single("username", f"{username!r} is taken.")
    first, _, last = full_name.partition(" ")
    user = User(username=username, email=email, first_name=first, last_name=last)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput({"password": list(error.messages)}) from None
    user.set_password(password)
    with transaction.atomic():
        save_validated(user, None, exclude=["password"])
        if producer:
            user.user_permissions.add(_create_projects_permission())
    return user


def _create_projects_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="projects", codename="add_project")


# --- membership ----------------------------------------------------------------------------


def add_member(
    project: Any, user: Any, role: Role, departments: Sequence[Any] | None = None, actor: Any = None
) -> Membership:
    """Make ``user`` a member (no capability check: the caller has done it)."""
    if Membership.objects.filter(project=project, user=user).exists():
        raise InvalidInput.single("email", f"{user.get_username()} is already a member.")
    membership = Membership(project=project, user=user, role=role.value)
    save_validated(membership, actor)
    _set_departments(membership, project, departments or [])
    forget_grants(user)
    return membership


def _set_departments(
    target: Membership | Invitation, project: Any, departments: Sequence[Any]
) -> None:
    foreign = [d for d in departments if getattr(d, "project_id", None) != project.pk]
    if foreign:
        raise InvalidInput.single("departments", "Departments must belong to this project.")
    target.departments.set(departments)


@dataclass(frozen=True)
class InviteResult:
    membership: Membership | None
    invitation: Invitation | None
    link: str | None  # only for a new invitation, to show the inviter once
    emailed: bool = False


def invite_member(
    actor: Any,
    project: Any,
    email: str,
    role: Role,
    departments: Sequence[Any] | None = None,
    *,
    at: datetime,
) -> InviteResult:
    """Invite by email: an existing user joins at once; anyone else gets an emailed link."""
    require(actor, project, Capability.MANAGE_MEMBERS)
    if role == Role.DEPARTMENT_HEAD and not departments:
        raise InvalidInput.single("departments", "A department head needs at least one department.")
    email = email.strip().lower()
    with transaction.atomic():
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            return InviteResult(add_member(project, existing, role, departments, actor), None, None)
        token = tokens.generate(prefix=tokens.INVITATION_PREFIX)
        invitation = Invitation(
            project=project,
            email=email,
            role=role.value,
            token_digest=token.digest,
            invited_by=actor,
            created_at=at,
            expires_at=at + timedelta(days=INVITATION_DAYS),
        )
        save_validated(invitation, actor)
        _set_departments(invitation, project, departments or [])
    link = f"{settings.SITE_URL}/invitations/{token.plaintext}/"
    emailed = _send_invitation(actor, project, email, role, link)
    return InviteResult(None, invitation, link, emailed)


def _send_invitation(actor: Any, project: Any, email: str, role: Role, link: str) -> bool:
    """Email the link; a mail failure leaves the invitation in place for the inviter to share."""
    try:
        send_mail(
            f"You are invited to {project} on Greenlight",
            f"{actor.get_full_name() or actor.get_username()} invited you to join {project} as "
            f"{role.label}.\n\nAccept within {INVITATION_DAYS} days: {link}\n",
            None,
            [email],
        )
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not email the invitation to %s", email)
        return False
    return True


def revoke_invitation(actor: Any, project: Any, invitation_id: int, *, at: datetime) -> None:
    require(actor, project, Capability.MANAGE_MEMBERS)
    updated = Invitation.objects.filter(
        project=project, pk=invitation_id, accepted_at=None, revoked_at=None
    ).update(revoked_at=at)
    if not updated:
        raise NotFound(f"No pending invitation #{invitation_id} on {project}.")


def pending_invitation(plaintext: str, *, at: datetime, lock: bool = False) -> Invitation:
    """The invitation behind a link; ``lock`` holds its row so it is accepted only once."""
    rows = Invitation.objects.select_for_update() if lock else Invitation.objects
    invitation = rows.filter(token_digest=tokens.digest_of(plaintext)).first()
    if invitation is None or invitation.revoked_at or invitation.accepted_at:
        raise NotFound("This invitation does not exist or has been used.")
    if invitation.expires_at < at:
        raise NotFound("This invitation has expired; ask for a new one.")
    return invitation


def accept_invitation(
    plaintext: str, username: str, password: str, full_name: str, *, at: datetime
) -> Membership:
    """Create the invitee's account and membership in one transaction."""
    with transaction.atomic():
        invitation = pending_invitation(plaintext, at=at, lock=True)
        departments = list(invitation.departments.all())
        if invitation.role == Role.DEPARTMENT_HEAD and not departments:
            raise InvalidInput.single(
                "__all__",
                "The departments of this invitation were deleted; ask for a new invitation.",
            )
        user = create_user(username, invitation.email, password, full_name=full_name)
        membership = add_member(
            invitation.project,
            user,
            Role(invitation.role),
            departments,
            actor=invitation.invited_by,
        )
        invitation.accepted_at = at
        invitation.save(update_fields=["accepted_at"])
    return membership


def change_member(
    actor: Any,
    membership_id: int,
    project: Any,
    *,
    role: Role | None = None,
    departments: Sequence[Any] | None = None,
    expected_version: int | None = None,
) -> Membership:
    require(actor, project, Capability.MANAGE_MEMBERS)
    with transaction.atomic():
        current = _membership_in(project, membership_id)
        new_role = role or Role(current.role)
        if current.role == Role.EXECUTIVE_PRODUCER and new_role != Role.EXECUTIVE_PRODUCER:
            _keep_an_executive(project, current)
        changes = {"role": new_role.value}
        membership = apply_changes(
            Membership, current.pk, changes, ["role"], actor, expected_version
        )
        if departments is not None:
            _set_departments(membership, project, departments)
        if new_role == Role.DEPARTMENT_HEAD and not membership.departments.exists():
            raise InvalidInput.single(
                "departments", "A department head needs at least one department."
            )
    forget_grants(membership.user)
    return membership


def remove_member(actor: Any, membership_id: int, project: Any) -> None:
    require(actor, project, Capability.MANAGE_MEMBERS)
    with transaction.atomic():
        membership = _membership_in(project, membership_id)
        if membership.role == Role.EXECUTIVE_PRODUCER:
            _keep_an_executive(project, membership)
        membership._history_user = actor  # type: ignore[attr-defined]
        membership.delete()
    forget_grants(membership.user)


def _membership_in(project: Any, membership_id: int) -> Membership:
    membership = (
        Membership.objects.select_for_update().filter(project=project, pk=membership_id).first()
    )
    if membership is None:
        raise NotFound(f"No member #{membership_id} on {project}.")
    return membership


def _keep_an_executive(project: Any, leaving: Membership) -> None:
    # Lock every executive producer's row (in a fixed order) so two of them demoting each
    # other at once cannot both succeed and leave the project without one.
    list(
        Membership.objects.select_for_update()
        .filter(project=project, role=Role.EXECUTIVE_PRODUCER)
        .order_by("pk")
    )
    others = Membership.objects.filter(project=project, role=Role.EXECUTIVE_PRODUCER).exclude(
        pk=leaving.pk
    )
    if not others.exists():
        raise InvalidInput.single("role", "A project must keep at least one executive producer.")


# --- API tokens ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str


def create_token(user: Any, name: str, *, at: datetime) -> IssuedToken:
    name = name.strip()
    if not name:
        raise InvalidInput.single("name", "Give the token a name, e.g. the script that uses it.")
    new = tokens.generate()
    token = ApiToken(
        user=user, name=name[:100], lookup=new.lookup, digest=new.digest, created_at=at
    )
    try:
        token.full_clean()
    except ValidationError as error:
        raise invalid_from(error) from None
    token.save()
    return IssuedToken(token, new.plaintext)


def revoke_token(user: Any, token_id: int, *, at: datetime) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise NotFound(f"You have no token #{token_id}.")
    if token.revoked_at is None:
        token.revoked_at = at
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(plaintext: str, *, at: datetime) -> Any | None:
    """The active user a token belongs to, or None; records when it was last used."""
    lookup = tokens.split(plaintext)
    if lookup is None:
        return None
    token = ApiToken.objects.select_related("user").filter(lookup=lookup, revoked_at=None).first()
    if token is None or not tokens.matches(plaintext, token.digest) or not token.user.is_active:
        return None
    if token.last_used_at is None or at - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return token.user
