"""Fountain 1.1 parser (fountain.io/syntax): text in, typed :class:`Screenplay` out. Pure.

One linear pass over the lines. Notes and boneyard are cut out first (they may span lines),
leaving a marker so a line that held only them still separates paragraphs; the title page is
read from the top; then body lines are grouped into paragraphs at blank lines and each
paragraph is classified, the way the reference parsers do it. Section, synopsis and page-break
lines stand on their own even without blank lines around them (Textplay#18).
"""

import codecs
import re
from dataclasses import replace

from greenlight.screenplay.errors import ScriptError
from greenlight.screenplay.headings import HEADING_START, build_scenes
from greenlight.screenplay.model import (
    PRINTED,
    Dual,
    Element,
    ElementType,
    Screenplay,
    TitlePage,
)

# Markers left where writer-only text was cut out; the input never holds them (NUL is refused,
# other control characters are dropped), so they cannot clash with the writer's text.
_BONE = "\x00"
_NOTE = "\x01"
_ESCAPED_STAR = "\x02"
_ESCAPED_UNDERSCORE = "\x03"

_CONTROL = re.compile(r"[\x01-\x08\x0b-\x1f\x7f]")
# Boneyard spans anything; a note may span lines but not an empty one (two spaces are fine).
_WRITER_ONLY = re.compile(r"/\*.*?\*/|\[\[(?:[^\]\n]|\](?!\])|\n(?![ \t]?\n))*?\]\]", re.DOTALL)

_TITLE_KEY = re.compile(r"([^\W\d_][\w \t\-]*?)[ \t]*:[ \t]*(.*)")
_FORCED_HEADING = re.compile(r"\.\w")  # ".KITCHEN"; "..." is an ellipsis, not a heading
_SCENE_NUMBER = re.compile(r"\s*#([\w.\-]+)#\s*$")
_CENTERED = re.compile(r">\s*(.*?)\s*<")
# A cue: a name, then only trailing extensions "(V.O.)(cont'd" and a dual-dialogue caret.
_CUE = re.compile(r"(?P<name>[^(^]*?)\s*(?:\([^()]*\)\s*)*(?:\([^()]*)?\s*\^?\s*")
_FADE_OUTS = frozenset({"FADE OUT.", "FADE TO BLACK.", "CUT TO BLACK."})
_MAX_PARENTHETICAL_LINES = 4

_BOLD_ITALIC = re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_UNDERLINE = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")


# Enum members looked up once: class attribute access on an Enum is slow in a hot loop.
_ACTION = ElementType.ACTION
_CHARACTER = ElementType.CHARACTER
_DIALOGUE = ElementType.DIALOGUE
_LYRICS = ElementType.LYRICS
_PAGE_BREAK = ElementType.PAGE_BREAK
_PARENTHETICAL = ElementType.PARENTHETICAL
_SCENE_HEADING = ElementType.SCENE_HEADING
_SECTION = ElementType.SECTION
_SYNOPSIS = ElementType.SYNOPSIS
_TRANSITION = ElementType.TRANSITION
_new_object = object.__new__


def parse_fountain(data: bytes | str, *, name: str = "script") -> Screenplay:
    """Parse a Fountain document; raises :class:`ScriptError` naming the file and line."""
    text = decode_text(data, name)
    lines, numbers = _cut_writer_only(text, name)
    parser = _Parser(lines, numbers)
    parser.run()
    return Screenplay(
        source_format="fountain",
        title_page=parser.title_page,
        elements=parser.elements,
        scenes=build_scenes(parser.elements),
    )


def decode_text(data: bytes | str, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252/Latin-1; LF line ends."""
    if isinstance(data, str):
        text = data
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ScriptError.at(name, f"broken UTF-16 text ({error.reason})") from error
    else:
        text = _decode_8bit(data)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ScriptError.at(name, "binary data, not a text screenplay (NUL byte)", line=line)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text


def _decode_8bit(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Windows files are the usual non-UTF-8 case; cp1252 keeps their curly quotes.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _cut_writer_only(text: str, name: str) -> tuple[list[str], list[int] | range]:
    """Lines with notes and boneyard replaced by markers, and each line's source number."""
    if "/*" not in text and "[[" not in text:
        lines = _split_lines(text)
        return lines, range(1, len(lines) + 1)
    parts: list[str] = []
    numbers = [1]
    position, line = 0, 1
    for match in _WRITER_ONLY.finditer(text):
        kept = text[position : match.start()]
        count = kept.count("\n")
        numbers.extend(range(line + 1, line + count + 1))
        line += count + text.count("\n", match.start(), match.end())
        parts += (kept, _BONE if match[0][0] == "/" else _NOTE)
        position = match.end()
    tail = text[position:]
    numbers.extend(range(line + 1, line + tail.count("\n") + 1))
    parts.append(tail)
    joined = "".join(parts)
    unclosed = joined.find("/*")
    if unclosed >= 0:
        opened = numbers[joined.count("\n", 0, unclosed)]
        raise ScriptError.at(name, "boneyard '/*' is never closed with '*/'", line=opened)
    return _split_lines(joined), numbers


def _unmark(line: str) -> str:
    """The line without its writer-only markers; "an [[aside]] word" keeps a single space."""
    for marker in (_BONE, _NOTE):
        if marker in line:
            line = line.replace(f" {marker} ", " ").replace(marker, "")
    return line


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it does not start another
    return lines


def strip_emphasis(text: str) -> str:
    """Remove ``***``, ``**``, ``*`` and ``_`` emphasis; ``\\*`` and ``\\_`` stay as ``*``/``_``."""
    if "*" not in text and "_" not in text:
        return text
    text = text.replace("\\*", _ESCAPED_STAR).replace("\\_", _ESCAPED_UNDERSCORE)
    for pattern in (_BOLD_ITALIC, _BOLD, _ITALIC, _UNDERLINE):
        if pattern.search(text):
            text = pattern.sub(r"\1", text)
    return text.replace(_ESCAPED_STAR, "*").replace(_ESCAPED_UNDERSCORE, "_")


def cue_name(line: str) -> str | None:
    """``line`` itself if it reads as a character cue (extensions and ``^`` still on it).

    All upper case with at least one letter, ignoring trailing ``(...)`` extensions, which may
    be lower case; never a heading or a ``...TO:`` transition.
    """
    name, bracket, _ = line.partition("(")
    if not name.isupper():
        return None  # the cheap test first: most paragraphs are action in mixed case
    if not bracket and "^" not in line:
        return None if HEADING_START.match(line) or line.endswith("TO:") else line
    match = _CUE.fullmatch(line)
    if match is None or not match["name"].isupper():
        return None
    if HEADING_START.match(line) or match["name"].endswith("TO:"):
        return None
    return line


def _is_transition(raw: str, text: str) -> bool:
    """``CUT TO:`` (not with a trailing space), the FADE OUTs, or an indented ``FADE OUT:``."""
    if not text.isupper():
        return False
    if text.endswith("TO:") and not raw[-1].isspace():
        return True
    # Scripts converted from typed pages put transitions far right with leading spaces.
    return text in _FADE_OUTS or (raw[0] in " \t" and text.endswith(":"))


def _centered_prefix(lines: list[str]) -> list[str]:
    """The centered texts of the paragraph's leading ``>...<`` lines."""
    found: list[str] = []
    for raw in lines:
        text = raw.strip()
        match = _CENTERED.fullmatch(text) if text else None
        if text and match is None:
            break
        found.append(match[1] if match else "")
    return found


def _parenthetical_end(texts: list[str], start: int) -> int | None:
    """Index of the line closing a parenthetical opened at ``start``, if it is one."""
    first = texts[start]
    if first.endswith(")"):
        return start
    if ")" in first:
        return None  # "(laughs) Yes." is dialogue that happens to start with a bracket
    for index in range(start + 1, min(len(texts), start + _MAX_PARENTHETICAL_LINES)):
        text = texts[index]
        if not text or "(" in text:
            return None
        if ")" in text:
            return index if text.endswith(")") else None
    return None


def _starts_other_part(texts: list[str], index: int) -> bool:
    """Whether a speech line starts a parenthetical or lyrics rather than continuing dialogue."""
    text = texts[index]
    if text.startswith("~"):
        return True
    return text.startswith("(") and _parenthetical_end(texts, index) is not None


def _action_text(lines: list[str], *, forced: bool) -> str:
    """Action keeps its indenting (a tab is 4 spaces) and drops ``!`` forcing marks."""
    body = "\n".join(map(str.rstrip, lines))
    if forced:
        body = body.lstrip()[1:]
    if "\t" in body:
        body = body.replace("\t", "    ")
    if "\n!" in body:
        body = body.replace("\n!", "\n")
    return body


def _lyrics_text(lines: list[str]) -> str:
    return "\n".join(raw.strip()[1:].strip() for raw in lines)


class _Parser:
    """State of one pass: the open paragraph, the blank lines before it, a pending page break.

    A paragraph is a run of consecutive processed lines: ``self.start`` is the index of its
    first line, so ``self.numbers[self.start + k]`` is the source line of its k-th line.
    """

    def __init__(self, lines: list[str], numbers: list[int] | range) -> None:
        self.lines = lines
        self.numbers = numbers
        self.marked = isinstance(numbers, list)  # notes or boneyard were cut out
        self.title_page = TitlePage()
        self.elements: list[Element] = []
        self.paragraph: list[str] = []
        self.start = 0
        self.blanks = 0
        self.note_lines = 0
        self.new_page = False

    def run(self) -> None:
        lines, paragraph, marked, flush = self.lines, self.paragraph, self.marked, self._flush
        for index in range(self._read_title_page(), len(lines)):
            raw = lines[index]
            if marked and (_BONE in raw or _NOTE in raw):
                cleaned = _unmark(raw)
                if not cleaned.strip():
                    flush()  # a line of only notes/boneyard still ends the paragraph
                    self.note_lines += _NOTE in raw
                    continue
                raw = cleaned
            text = raw.strip()
            if text:
                if text[0] in "#=":
                    flush()
                    self._writer_only_line(text, self.numbers[index])
                    continue
                if not paragraph:
                    self.start = index
                paragraph.append(raw)
            elif paragraph and len(raw) >= 2:
                paragraph.append("")  # "two spaces": an empty line kept inside the paragraph
            else:
                flush()
                self.blanks += 1
        flush()

    def _read_title_page(self) -> int:
        """Read ``Key: value`` lines at the very top; return the index where the body starts."""
        fields: list[tuple[str, list[str]]] = []
        end = len(self.lines)
        for index, line in enumerate(self.lines):
            raw = _unmark(line) if self.marked else line
            if not raw.strip():
                if raw == line:
                    end = index  # the first truly blank line ends the title page
                    break
                continue  # a note or boneyard in the title block is not a key
            match = _TITLE_KEY.fullmatch(raw)
            if match is not None and not raw[0].isspace():
                value = match[2].strip()
                fields.append((match[1], [value] if value else []))
            elif fields:
                fields[-1][1].append(raw.strip())  # indented (or stray) lines continue a value
            else:
                return 0
        if not fields or (len(fields) == 1 and not fields[0][1]):
            return 0  # a lone "FADE IN:" at the top is a line of the script, not a title page
        self.title_page = TitlePage(
            tuple((key, tuple(strip_emphasis(v) for v in values)) for key, values in fields)
        )
        return end

    def _writer_only_line(self, text: str, line: int) -> None:
        """Sections, synopses and page breaks: elements of their own, blank lines or not."""
        if text[0] == "#":
            body = text.lstrip("#")
            self._emit(_SECTION, body.strip(), line, depth=len(text) - len(body))
        elif len(text) >= 3 and text.count("=") == len(text):
            self._emit(_PAGE_BREAK, "", line)
            self.new_page = True
        else:
            self._emit(_SYNOPSIS, text[1:].strip(), line)

    def _flush(self) -> None:
        if self.paragraph:
            lines = self.paragraph[:]
            self.paragraph.clear()
            self._classify(self.start, lines)

    def _emit(
        self,
        kind: ElementType,
        text: str,
        line: int,
        *,
        centered: bool = False,
        dual: Dual | None = None,
        depth: int = 0,
        scene_number: str | None = None,
    ) -> None:
        blanks = self.blanks
        if self.note_lines:
            # A note on its own line takes one of the empty lines around it along.
            blanks = max(min(blanks, 1), blanks - self.note_lines)
            self.note_lines = 0
        self.blanks = 0
        starts_new_page = self.new_page and kind in PRINTED
        if starts_new_page:
            self.new_page = False
        if "*" in text or "_" in text:
            text = strip_emphasis(text)
        # Element is a frozen dataclass: its generated __init__ stores each field through
        # object.__setattr__, which was a third of the parse time of a feature script (~4,000
        # elements). Filling the instance dictionary gives an identical object; Element has no
        # __post_init__, and a field added later with a default falls back to the class.
        element: Element = _new_object(Element)
        element.__dict__.update(
            type=kind,
            text=text,
            line=line,
            centered=centered,
            dual=dual,
            depth=depth,
            scene_number=scene_number,
            starts_new_page=starts_new_page,
            fdx_type=None,
            blank_lines_before=blanks,
        )
        self.elements.append(element)

    def _classify(self, start: int, lines: list[str]) -> None:
        raw = lines[0]
        text = raw.strip()
        if text[0] in "!@~>." and self._forced(start, lines, text):
            return
        line = self.numbers[start]
        if len(lines) == 1:
            if HEADING_START.match(text):
                self._heading(text, line)
            elif _is_transition(raw, text):
                self._emit(_TRANSITION, text, line)
            else:
                self._emit(_ACTION, _action_text(lines, forced=False), line)
        elif (cue := cue_name(text)) is not None:
            self._dialogue_block(start, lines, cue)
        else:
            self._emit(_ACTION, _action_text(lines, forced=False), line)

    def _forced(self, start: int, lines: list[str], text: str) -> bool:
        """Paragraphs forced by their first character; False when the mark forces nothing."""
        line, marker = self.numbers[start], text[0]
        if marker == "!":
            self._emit(_ACTION, _action_text(lines, forced=True), line)
        elif marker == "@" and len(text) > 1:
            self._dialogue_block(start, lines, text[1:].strip())
        elif marker == "~" and all(raw.lstrip()[:1] in ("~", "") for raw in lines):
            self._emit(_LYRICS, _lyrics_text(lines), line)
        elif marker == ">":
            centered = _centered_prefix(lines)
            if centered:
                self._emit(_ACTION, "\n".join(centered), line, centered=True)
            else:
                self._emit(_TRANSITION, text[1:].strip(), line)
            self._rest(start, lines, max(len(centered), 1))
        elif marker == "." and _FORCED_HEADING.match(text):
            self._heading(text[1:], line)
            self._rest(start, lines, 1)
        else:
            return False
        return True

    def _rest(self, start: int, lines: list[str], used: int) -> None:
        # Lines under a one-line forced element have no blank line before them: action.
        if used < len(lines):
            text = _action_text(lines[used:], forced=False)
            self._emit(_ACTION, text, self.numbers[start + used])

    def _heading(self, text: str, line: int) -> None:
        number = None
        match = _SCENE_NUMBER.search(text) if "#" in text else None
        if match is not None:
            number, text = match[1], text[: match.start()]
        self._emit(_SCENE_HEADING, text.strip(), line, scene_number=number)

    def _dialogue_block(self, start: int, lines: list[str], cue: str) -> None:
        dual = None
        if cue.endswith("^"):
            cue = cue.rstrip("^ \t")
            dual = self._pair_with_previous_block()
        self._emit(_CHARACTER, cue, self.numbers[start], dual=dual)
        if len(lines) == 1:
            return  # a forced "@NAME" on its own
        speech = "\n".join(map(str.strip, lines[1:]))  # indenting means nothing in speech
        if "(" not in speech and "~" not in speech:
            self._emit(_DIALOGUE, speech, self.numbers[start + 1], dual=dual)
            return
        texts = speech.split("\n")
        index = 0
        while index < len(texts):
            index = self._speech_part(start + 1, texts, index, dual)

    def _speech_part(self, base: int, texts: list[str], start: int, dual: Dual | None) -> int:
        """Emit the parenthetical, lyrics or dialogue run at ``start``; return where it ends."""
        text = texts[start]
        end = _parenthetical_end(texts, start) if text.startswith("(") else None
        if end is not None:
            kind = _PARENTHETICAL
        elif text.startswith("~"):
            kind, end = _LYRICS, start
            while end + 1 < len(texts) and texts[end + 1].startswith("~"):
                end += 1
        else:
            kind, end = _DIALOGUE, start
            while end + 1 < len(texts) and not _starts_other_part(texts, end + 1):
                end += 1
        part = texts[start : end + 1]
        body = _lyrics_text(part) if kind == _LYRICS else "\n".join(part)
        self._emit(kind, body, self.numbers[base + start], dual=dual)
        return end + 1

    def _pair_with_previous_block(self) -> Dual | None:
        """Mark the dialogue block just before as the left column; ``None`` if there is none."""
        elements = self.elements
        index = len(elements) - 1
        while index >= 0 and elements[index].type in (_DIALOGUE, _PARENTHETICAL, _LYRICS):
            index -= 1
        if index < 0 or elements[index].type != _CHARACTER or elements[index].dual is not None:
            return None  # no block just before, or it is already one half of a pair
        for position in range(index, len(elements)):
            elements[position] = replace(elements[position], dual=Dual.LEFT)
        return Dual.RIGHT
