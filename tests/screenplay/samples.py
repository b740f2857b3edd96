"""Sample scripts, a revised draft made from one, bad files, and a PDF text reader for tests."""

import base64
import contextlib
import re
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

SCRIPTS = Path(__file__).resolve().parents[3] / "shared" / "data" / "scripts"
SAMPLES = sorted(path.name for pattern in ("*.fountain", "*.fdx") for path in SCRIPTS.glob(pattern))
BRICK = "Brick-and-Steel.fountain"

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<FinalDraft DocumentType="Script" Version="1"><Content>
<Paragraph Type="Scene Heading"><Text>INT. HOUSE - DAY</Text></Paragraph>
<Paragraph Type="Action"><Text>&lol4;</Text></Paragraph>
</Content></FinalDraft>"""

# name, bytes, words the error message must contain
BAD_FILES = [
    ("garbage.fountain", bytes(range(256)) * 8, ["garbage.fountain", "binary"]),
    (
        "broken.fdx",
        b'<?xml version="1.0"?><FinalDraft><Content><Paragraph Type="Action"><Text>Hi',
        ["broken.fdx", "line 1", "malformed XML"],
    ),
    ("bomb.fdx", BOMB, ["bomb.fdx", "DTD"]),
    ("empty.fountain", b"   \n\n", ["empty.fountain", "empty"]),
]


def sample(name: str) -> bytes:
    return (SCRIPTS / name).read_bytes()


def upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, sample(name) if data is None else data)


# The revised Brick & Steel: the garage scene's action rewritten, a police station scene added
# before the mansion, the wooden shack scene deleted; the other five scenes are untouched.
ADDED_HEADING = "INT. POLICE STATION - NIGHT"
CHANGED_HEADING = "INT. GARAGE - DAY"
OMITTED_HEADING = "EXT. WOODEN SHACK - DAY"
UNCHANGED_HEADING = "EXT. BRICK'S PATIO - DAY"


def revised_brick() -> bytes:
    text = sample(BRICK).decode("utf-8")
    text = text.replace("They speed off.  To destiny!", "They speed off.  To glory, at last!")
    start = text.index(OMITTED_HEADING)
    end = text.index(CHANGED_HEADING)
    text = text[:start] + text[end:]
    mansion = text.index("EXT. PALATIAL MANSION - DAY")
    added = f"{ADDED_HEADING}\r\n\r\nA lonely DESK LAMP flickers over an empty chair.\r\n\r\n"
    return (text[:mansion] + added + text[mansion:]).encode("utf-8")


def pdf_text(data: bytes) -> str:
    """The text a ReportLab PDF shows: strings of its Tj operators, streams decoded
    (ReportLab writes them ASCII85 over Flate)."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        body = stream.strip()
        if body.endswith(b"~>"):
            body = base64.a85decode(body[:-2])
        with contextlib.suppress(zlib.error):  # a stream that is not compressed
            body = zlib.decompress(body)
        shown += re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", body)
    text = b" ".join(shown).decode("latin-1")
    return re.sub(r"\\(.)", r"\1", text)
