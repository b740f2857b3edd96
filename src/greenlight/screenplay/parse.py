"""The import front door: any script file's bytes to a :class:`Screenplay`. Pure.

Fountain (``.fountain``, ``.spmd``, ``.txt``) or Final Draft (``.fdx``) by extension; anything
else is sniffed: XML that starts like an FDX is read as one, the rest as Fountain text.
Nothing is returned unless the whole file parsed: a :class:`ScriptError` says what and where.
"""

from pathlib import PurePath

from greenlight.screenplay.errors import ScriptError
from greenlight.screenplay.fdx import parse_fdx
from greenlight.screenplay.fountain import parse_fountain
from greenlight.screenplay.model import Screenplay

FOUNTAIN_EXTENSIONS = frozenset({".fountain", ".spmd", ".txt"})
FDX_EXTENSIONS = frozenset({".fdx"})
MAX_BYTES = 5 * 1024 * 1024  # a feature FDX is well under 1 MB; this leaves room, not abuse


def parse_script(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> Screenplay:
    """Parse an uploaded script; raises :class:`ScriptError` for any file it cannot read."""
    if len(data) > max_bytes:
        raise ScriptError.at(
            filename, f"file is too large ({len(data):,} bytes; the limit is {max_bytes:,})"
        )
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise ScriptError.at(filename, "file is empty")
    extension = PurePath(filename).suffix.lower()
    if extension in FDX_EXTENSIONS or (
        extension not in FOUNTAIN_EXTENSIONS and looks_like_fdx(data)
    ):
        screenplay = parse_fdx(data, name=filename)
    else:
        screenplay = parse_fountain(data, name=filename)
    if not screenplay.elements and not screenplay.title_page.fields:
        raise ScriptError.at(filename, "no screenplay text in the file (only notes or boneyard?)")
    return screenplay


def looks_like_fdx(data: bytes) -> bool:
    """Whether the bytes start like an XML document or a ``<FinalDraft>`` root."""
    head = data[:512].removeprefix(b"\xef\xbb\xbf").lstrip()
    return head.startswith((b"<?xml", b"<FinalDraft"))
