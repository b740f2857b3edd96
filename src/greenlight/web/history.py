"""An object's audit trail (django-simple-history) as rows a template can show."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
SKIP = {"version", "id"}


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    action: str
    changes: list[Change]
    subject: str = ""


def history_of(instance: Any, limit: int = 50, hide: Collection[str] = ()) -> list[HistoryEntry]:
    """Newest first: who did what, when, with each field's value before and after.

    Changes to the fields in ``hide`` are left out (values the reader may not see).
    """
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = _changes(record, previous, hide)
        who = record.history_user.get_username() if record.history_user else "system"
        entries.append(
            HistoryEntry(record.history_date, who, ACTIONS.get(record.history_type, "?"), changes)
        )
    return entries


def history_with_related(
    instance: Any, related: dict[str, Any], limit: int = 50, hide: Collection[str] = ()
) -> list[HistoryEntry]:
    """The object's history merged with its children's additions and removals, newest first.

    ``related`` maps a label to a queryset of historical records, e.g. a person's unavailable
    dates: ``{"unavailable": Unavailability.history.filter(person_id=person.pk)}``.
    """
    entries = history_of(instance, limit, hide)
    for label, records in related.items():
        for record in records.select_related("history_user").order_by("-history_date")[:limit]:
            who = record.history_user.get_username() if record.history_user else "system"
            action = ACTIONS.get(record.history_type, "?")
            entries.append(
                HistoryEntry(record.history_date, who, action, [], f"{label} {record.instance}")
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _changes(record: Any, previous: Any, hide: Collection[str]) -> list[Change]:
    if previous is None or record.history_type != "~":
        return []
    # Related objects by name (or as deleted), not by bare id.
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    out = []
    for change in delta.changes:
        if change.field in SKIP or change.field in hide:
            continue
        label = record.instance._meta.get_field(change.field).verbose_name
        out.append(Change(str(label), _show(change.old), _show(change.new)))
    return out


def _show(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, list):  # m2m: list of through-row dicts
        return (
            ", ".join(str(v) for item in value for k, v in item.items() if k != "membership") or "—"
        )
    return str(value)
