"""Hostile and broken input: only ScriptError ever comes out, saying what and where."""

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from greenlight.core.errors import InvalidInput
from greenlight.screenplay.errors import ScriptError
from greenlight.screenplay.fdx import parse_fdx
from greenlight.screenplay.fountain import parse_fountain
from greenlight.screenplay.model import Screenplay
from greenlight.screenplay.parse import looks_like_fdx, parse_script

FUZZ = settings(max_examples=150, deadline=None)

_FOUNTAIN_BITS = st.sampled_from(
    [
        "\n", "\r\n", "\r", "  \n", "\t", "INT. HOUSE - DAY", "EXT", ".", "..", "!", "@", "~", ">",
        "<", "#", "##", "=", "===", "^", "(", ")", "[[", "]]", "/*", "*/", "*", "**", "_", "\\",
        "BOB", "bob", "CUT TO:", "Title:", "   value", "#12A#", "\ufeff", "\x00", "é", "黒澤",
    ]
)  # fmt: skip
_FOUNTAIN_TEXT = st.one_of(st.text(), st.lists(_FOUNTAIN_BITS | st.text(max_size=5)).map("".join))

_XML_BITS = st.sampled_from(
    [
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="nope"?>', "<FinalDraft>",
        "</FinalDraft>", "<Content>", "</Content>", '<Paragraph Type="Action">',
        '<Paragraph Type="Scene Heading" Number="7A">', '<Paragraph Type="Character">',
        '<Paragraph Type="Weird">', '<Paragraph Alignment="Center" StartsNewPage="Yes">',
        "</Paragraph>", "<Text>", "</Text>", '<Text Style="Bold">', "<DualDialogue>",
        "</DualDialogue>", '<SceneProperties Length="1 4/8" Page="3"/>',
        '<SceneProperties Length="x" Page="-1">', "</SceneProperties>", "<Summary>", "</Summary>",
        "<OmittedScene/>", "<TitlePage><Content>", "</Content></TitlePage>", "<!DOCTYPE x>",
        '<!ENTITY a "b">', "&amp;", "&a;", "&#0;", "<![CDATA[x]]>", "<!-- c -->", "int. house",
        "\n", " ", "<", ">", "&", '"',
    ]
)  # fmt: skip
_XML_TEXT = st.lists(_XML_BITS | st.text(max_size=4), max_size=40).map("".join)


def _line_breaks(data: bytes | str) -> int:
    if isinstance(data, str):
        return data.count("\n") + data.count("\r")
    return data.count(b"\n") + data.count(b"\r")


def _check_fountain(data: bytes | str) -> None:
    try:
        screenplay = parse_fountain(data, name="fuzz.fountain")
    except ScriptError as error:
        assert "fuzz.fountain" in str(error)
        return
    assert isinstance(screenplay, Screenplay)
    last_line = _line_breaks(data) + 1
    assert all(1 <= element.line <= last_line for element in screenplay.elements)
    assert all(1 <= scene.line <= last_line for scene in screenplay.scenes)


@FUZZ
@given(_FOUNTAIN_TEXT)
def test_any_text_parses_as_fountain_or_raises_a_script_error(text):
    _check_fountain(text)


@FUZZ
@given(st.binary() | _FOUNTAIN_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_parse_as_fountain_or_raise_a_script_error(data):
    _check_fountain(data)


@FUZZ
@given(_XML_TEXT.map(str.encode) | st.binary())
def test_any_xml_ish_bytes_parse_as_fdx_or_raise_a_script_error(data):
    try:
        screenplay = parse_fdx(data, name="fuzz.fdx")
    except ScriptError as error:
        assert "fuzz.fdx" in str(error)
        return
    assert screenplay.source_format == "fdx"


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["a.fountain", "a.fdx", "a.txt", "a.pdf", "a"]))
def test_parse_script_only_raises_script_errors(data, filename):
    try:
        parse_script(data, filename)
    except ScriptError as error:
        assert filename in str(error)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&lol4;</Text></Paragraph></Content></FinalDraft>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<FinalDraft><Content><Paragraph Type="Action"><Text>&secret;</Text></Paragraph>
</Content></FinalDraft>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE FinalDraft SYSTEM "http://example.invalid/evil.dtd">
<FinalDraft><Content/></FinalDraft>
"""


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_xml_bombs_entities_and_dtds_are_refused(document):
    with pytest.raises(ScriptError, match=r"evil\.fdx, line 2: forbidden XML construct"):
        parse_fdx(document, name="evil.fdx")
    with pytest.raises(ScriptError, match=r"evil\.fdx"):
        parse_script(document, "evil.fdx")


def test_oversized_input_is_refused_before_it_is_read():
    with pytest.raises(ScriptError, match="too large") as caught:
        parse_script(b"INT. HOUSE - DAY\n\n" * 100, "big.fountain", max_bytes=1000)
    assert "big.fountain" in str(caught.value)
    parse_script(b"INT. HOUSE - DAY\n\n" * 10, "small.fountain", max_bytes=1000)


@pytest.mark.parametrize(
    "data", [b"", b"   \n\n\t", b"\xef\xbb\xbf", b"/* all gone */", b"[[a note]]"]
)
def test_an_empty_file_is_refused(data):
    with pytest.raises(ScriptError, match=r"empty\.fountain: (file is empty|no screenplay text)"):
        parse_script(data, "empty.fountain")


def test_binary_garbage_names_the_line_of_the_first_nul_byte():
    with pytest.raises(ScriptError, match=r"x\.fountain, line 3: binary data") as caught:
        parse_script(b"one\ntwo\nthr\x00ee", "x.fountain")
    assert caught.value.line == 3


def test_an_unclosed_boneyard_names_the_line_where_it_opened():
    with pytest.raises(ScriptError, match=r"s\.fountain, line 4: boneyard") as caught:
        parse_script(b"Title: T\n\nAction.\n/* never\nclosed\n\nMore.", "s.fountain")
    assert caught.value.line == 4


def test_malformed_xml_names_line_and_column():
    with pytest.raises(ScriptError, match=r"bad\.fdx, line 2, column \d+: malformed XML") as caught:
        parse_script(b"<FinalDraft>\n<Content><Paragraph></Content>", "bad.fdx")
    assert caught.value.line == 2


def test_xml_that_is_not_final_draft_is_refused():
    with pytest.raises(ScriptError, match="root element is <html>"):
        parse_script(b"<?xml version='1.0'?><html/>", "page.fdx")
    with pytest.raises(ScriptError, match="no <Content>"):
        parse_script(b"<FinalDraft/>", "bare.fdx")


def test_a_script_error_is_invalid_input_the_web_layer_shows():
    error = ScriptError.at("a.fdx", "malformed XML", line=3, column=7)
    assert isinstance(error, InvalidInput)
    assert error.errors == {"file": ["a.fdx, line 3, column 7: malformed XML"]}
    assert error.status == 422
    assert str(pickle.loads(pickle.dumps(error))) == str(error)  # noqa: S301 (our own bytes)
    assert str(ScriptError.at("b.fdx", "odd", paragraph=4)) == "file: b.fdx, paragraph 4: odd"


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("a.fountain", b"<?xml version='1.0'?><FinalDraft><Content/></FinalDraft>", "fountain"),
        (
            "a.FDX",
            b"<FinalDraft><Content><Paragraph><Text>x</Text></Paragraph></Content></FinalDraft>",
            "fdx",
        ),
        (
            "upload",
            b"\xef\xbb\xbf  <FinalDraft><Content><Paragraph/></Content></FinalDraft>",
            "fdx",
        ),
        ("upload", b"INT. HOUSE - DAY\n\nHello.", "fountain"),
        ("notes.spmd", b"INT. HOUSE - DAY", "fountain"),
        ("notes.TXT", b"INT. HOUSE - DAY", "fountain"),
    ],
)
def test_the_format_comes_from_the_extension_or_else_from_the_content(filename, data, expected):
    assert parse_script(data, filename).source_format == expected


def test_sniffing_recognises_xml_and_final_draft_roots():
    assert looks_like_fdx(b'<?xml version="1.0"?><x/>')
    assert looks_like_fdx(b"\n  <FinalDraft>")
    assert not looks_like_fdx(b"Title: <FinalDraft>")


def test_latin_1_and_utf_16_files_are_decoded():
    latin = "INT. CAFÉ - DAY\n\nCrème brûlée.".encode("latin-1")
    assert parse_fountain(latin).scenes[0].heading == "INT. CAFÉ - DAY"
    windows = b"BOB\n\x93Quoted\x94"  # Windows-1252 curly quotes
    assert parse_fountain(windows).elements[1].text == "\u201cQuoted\u201d"
    utf16 = "\ufeffINT. HOUSE - DAY\r\n\r\nText.".encode("utf-16")
    assert [e.text for e in parse_fountain(utf16).elements] == ["INT. HOUSE - DAY", "Text."]
