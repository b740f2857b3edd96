"""The one error a script import raises: what is wrong with the file, and where. Pure."""

from dataclasses import dataclass

from greenlight.core.errors import InvalidInput

# The upload form's field: the web layer attaches the message to it when the form has one.
FIELD = "file"


@dataclass(eq=False)
class ScriptError(InvalidInput):
    """A script file that cannot be imported; nothing from it is kept.

    The message always names the file and, when known, the place: a source line (Fountain),
    an XML line and column (malformed FDX) or a paragraph number (FDX content). The parts are
    kept as attributes too, for callers that point at the place (an editor, a lint report);
    pickling keeps the message only.
    """

    filename: str = ""
    problem: str = ""
    line: int | None = None
    column: int | None = None
    paragraph: int | None = None

    @classmethod
    def at(
        cls,
        filename: str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        paragraph: int | None = None,
    ) -> "ScriptError":
        """An error in ``filename`` at an optional line (and column) or FDX paragraph."""
        where = _where(line, column, paragraph)
        message = f"{filename}{', ' + where if where else ''}: {problem}"
        return cls(
            {FIELD: [message]},
            filename=filename,
            problem=problem,
            line=line,
            column=column,
            paragraph=paragraph,
        )


def _where(line: int | None, column: int | None, paragraph: int | None) -> str:
    if line is not None and column is not None:
        return f"line {line}, column {column}"
    if line is not None:
        return f"line {line}"
    if paragraph is not None:
        return f"paragraph {paragraph}"
    return ""
