"""Errors every front door (pages, API, CLI, jobs) knows how to report."""

from dataclasses import dataclass, field


class GreenlightError(Exception):
    """Base of the errors a user can act on; the message is shown as it is."""

    status = 400


# eq=False keeps exceptions hashable by identity, as every other exception is.
@dataclass(eq=False)
class InvalidInput(GreenlightError):
    """Input failed validation; ``errors`` maps a field (or ``"__all__"``) to messages."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    status = 422

    def __post_init__(self) -> None:
        super().__init__(self.summary())

    def __reduce__(self) -> tuple[type["InvalidInput"], tuple[dict[str, list[str]]]]:
        # Rebuild from ``errors``, not from the summary in ``args`` (pickling, copying).
        return (type(self), (self.errors,))

    @classmethod
    def single(cls, where: str, message: str) -> "InvalidInput":
        return cls({where: [message]})

    def summary(self) -> str:
        parts = []
        for where, messages in self.errors.items():
            label = "" if where == "__all__" else f"{where}: "
            parts.append(label + "; ".join(messages))
        return " | ".join(parts) or "invalid input"


class NotAllowed(GreenlightError):
    """The user's role on this project lacks the capability."""

    status = 403


class NotFound(GreenlightError):
    """The object does not exist, or the user may not know it exists."""

    status = 404


class Conflict(GreenlightError):
    """Someone else changed the object since it was read; nothing was saved."""

    status = 409
