"""Sending call sheets: a personal link emailed to each person on the day, and what the
recipient does with it (opened, confirmed). Only a digest of each link is stored."""

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from greenlight.accounts import tokens
from greenlight.accounts.capabilities import Capability
from greenlight.accounts.services import require
from greenlight.core.errors import NotFound
from greenlight.projects.kinds import PersonKind
from greenlight.projects.models import Person

from .calls import ON_CALL, CallSheetPage, build_page
from .dood import Code
from .models import CallSheet, CallSheetRecipient, Schedule

logger = logging.getLogger(__name__)

CALL_PREFIX = "glc"
_TOKEN = re.compile(r"glc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")


# --- sending and the personal links ----------------------------------------------------------


@dataclass(frozen=True)
class SendResult:
    sent: int  # emails handed to the mail server
    failed: list[str]  # addresses the mail server refused
    unchanged: int  # recipients who already had their link


def send_call_sheet(actor: Any, schedule: Schedule, on: date, *, at: datetime) -> SendResult:
    """Email a personal link to the day's cast (working or held) and the crew with an email.

    Someone who already received a link keeps it and is not emailed again; a failed delivery
    is retried (with a new link: nobody has the old one) on the next send.
    """
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    page = build_page(schedule, on, contacts=True)
    audience = _audience(schedule, page)
    with transaction.atomic():
        CallSheet.objects.get_or_create(schedule=schedule, date=on)
        sheet = CallSheet.objects.select_for_update().get(schedule=schedule, date=on)
        have = {r.person_id: r for r in sheet.recipients.all()}
        outgoing = []
        for person in audience:
            known = have.get(person.pk)
            if known is not None and known.delivered:
                continue
            token = tokens.generate(prefix=CALL_PREFIX)
            row = known or CallSheetRecipient(call_sheet=sheet, person=person)
            row.email, row.token_digest, row.sent_at, row.delivered = (
                person.email,
                token.digest,
                at,
                False,
            )
            row.save()
            outgoing.append((row, person, token.plaintext))
    failed = []
    for row, person, plaintext in outgoing:  # after commit: every emailed link already works
        if _email(page, person, plaintext):
            CallSheetRecipient.objects.filter(pk=row.pk, token_digest=row.token_digest).update(
                delivered=True
            )
        else:
            failed.append(row.email)
    return SendResult(len(outgoing) - len(failed), failed, len(audience) - len(outgoing))


def _audience(schedule: Schedule, page: CallSheetPage) -> list[Person]:
    """Cast working or held on the day, then crew; each person once, only with an email."""
    cast_ids = [
        page.cast_of[c.number].person_id for c in page.doc.cast if Code(c.status) in ON_CALL
    ]
    people = Person.objects.filter(project=schedule.project).exclude(email="")
    chosen = people.filter(Q(pk__in=[i for i in cast_ids if i]) | Q(kind=PersonKind.CREW.value))
    return list(chosen.order_by("kind", "name"))


def _email(page: CallSheetPage, person: Person, plaintext: str) -> bool:
    sheet = page.doc
    link = f"{settings.SITE_URL}/call/{plaintext}/"
    when = f"{sheet.date:%A} {sheet.date.day} {sheet.date:%B %Y}"
    lines = [
        f"Hello {person.name},",
        "",
        f"The call sheet for {sheet.production}, {sheet.day_label}, {when}:",
        f"crew call {sheet.crew_call:%H:%M}, shooting call {sheet.shooting_call:%H:%M}.",
        *own_call_lines(page, person),
        "Locations: " + "; ".join(f"{p.name}, {p.address}" for p in sheet.locations),
        "",
        "Open it and confirm you have it (this link is yours alone; please do not forward it):",
        link,
    ]
    try:
        send_mail(
            f"{sheet.production}: call sheet, {sheet.day_label}, {when}",
            "\n".join(lines),
            None,
            [person.email],
        )
    except (OSError, smtplib.SMTPException, ValueError):
        logger.exception("Could not email the call sheet to %s", person.email)
        return False
    return True


def own_numbers(page: CallSheetPage, person: Person) -> set[str]:
    return {n for n, m in page.cast_of.items() if m.person_id == person.pk}


def own_call_lines(page: CallSheetPage, person: Person) -> list[str]:
    mine = own_numbers(page, person)
    lines = []
    for call in page.doc.cast:
        if call.number not in mine:
            continue
        if call.on_set is None:
            lines.append(f"You ({call.character}): {call.remarks or call.status}.")
        else:
            times = [("pick-up", call.pickup), ("make-up", call.makeup), ("on set", call.on_set)]
            said = ", ".join(f"{label} {t:%H:%M}" for label, t in times if t is not None)
            lines.append(f"Your call ({call.character}): {said}.")
    return lines


def recipients(actor: Any, schedule: Schedule, on: date) -> list[CallSheetRecipient]:
    """Who the day's call sheet went to, and what they did with it (producers only)."""
    require(actor, schedule.project, Capability.EDIT_SCHEDULE)
    return list(
        CallSheetRecipient.objects.filter(call_sheet__schedule=schedule, call_sheet__date=on)
        .select_related("person")
        .order_by("person__name")
    )


def recipient_for(plaintext: str) -> CallSheetRecipient:
    """The recipient behind a personal link; NotFound for anything else."""
    if not _TOKEN.fullmatch(plaintext):
        raise NotFound("This call sheet link is not valid.")
    found = (
        CallSheetRecipient.objects.filter(token_digest=tokens.digest_of(plaintext))
        .select_related("person", "call_sheet__schedule__project")
        .first()
    )
    if found is None:
        raise NotFound("This call sheet link is not valid.")
    return found


@dataclass(frozen=True)
class PublicCallSheet:
    recipient: CallSheetRecipient
    page: CallSheetPage
    own_numbers: set[str]  # cast numbers the recipient plays
    own_lines: list[str]


def open_call_sheet(plaintext: str, *, at: datetime) -> PublicCallSheet:
    """The call sheet behind a personal link; the first opening is recorded."""
    recipient = recipient_for(plaintext)
    sheet = recipient.call_sheet
    page = build_page(sheet.schedule, sheet.date, contacts=True)
    if recipient.opened_at is None:
        CallSheetRecipient.objects.filter(pk=recipient.pk, opened_at=None).update(opened_at=at)
        recipient.refresh_from_db(fields=["opened_at"])
    person = recipient.person
    return PublicCallSheet(recipient, page, own_numbers(page, person), own_call_lines(page, person))


def confirm_call_sheet(plaintext: str, *, at: datetime) -> CallSheetRecipient:
    """The recipient confirms they have the call sheet; only the first confirmation counts."""
    recipient = recipient_for(plaintext)
    with transaction.atomic():
        rows = CallSheetRecipient.objects.filter(pk=recipient.pk)
        rows.filter(opened_at=None).update(opened_at=at)
        rows.filter(confirmed_at=None).update(confirmed_at=at)
    recipient.refresh_from_db(fields=["opened_at", "confirmed_at"])
    return recipient
