"""Glue between Django's model validation and Greenlight's errors."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

from greenlight.core.errors import Conflict, InvalidInput

M = TypeVar("M", bound=models.Model)


def invalid_from(error: ValidationError) -> InvalidInput:
    if hasattr(error, "error_dict"):
        errors = {
            ("__all__" if key == NON_FIELD_ERRORS else key): [
                str(m) for m in ValidationError(v).messages
            ]
            for key, v in error.error_dict.items()
        }
    else:
        errors = {"__all__": [str(m) for m in error.messages]}
    return InvalidInput(errors)


def save_validated(instance: M, actor: Any, exclude: Iterable[str] = ()) -> M:
    """Validate every field and model rule, then save, recording ``actor`` in the history."""
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise invalid_from(error) from None
    instance._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise InvalidInput.single(
            "__all__", f"That would duplicate an existing record ({error})."
        ) from None
    return instance


def apply_changes(
    model: type[M],
    pk: Any,
    changes: Mapping[str, Any],
    allowed: Iterable[str],
    actor: Any,
    expected_version: int | None,
    check: Callable[[M], None] | None = None,
) -> M:
    """Lock the row, refuse a stale version, apply the allowed fields and save validated.

    Call inside ``transaction.atomic``. ``check`` runs on the locked row before changes, for
    permission rules that depend on its current state.
    """
    unknown = set(changes) - set(allowed)
    if unknown:
        raise InvalidInput(
            {name: ["This field cannot be changed here."] for name in sorted(unknown)}
        )
    instance = model._default_manager.select_for_update().get(pk=pk)
    if check is not None:
        check(instance)
    current = getattr(instance, "version", None)
    if expected_version is not None and current != expected_version:
        raise Conflict(
            f"{instance} was changed by someone else (version {current}, you edited version "
            f"{expected_version}). Reload to see their change; nothing was saved."
        )
    nulls = [
        n
        for n, v in changes.items()
        if v is None and not getattr(model._meta.get_field(n), "null", True)
    ]
    if nulls:
        raise InvalidInput(
            {n: ["May not be null; send an empty string to clear it."] for n in nulls}
        )
    for name, value in changes.items():
        setattr(instance, name, value)
    if current is not None:
        instance.version = current + 1  # type: ignore[attr-defined]
    return save_validated(instance, actor)
