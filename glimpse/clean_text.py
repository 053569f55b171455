"""Text hygiene at the edges: what comes in is cleaned once, what goes to a terminal is escaped.

Ingest (:func:`clean_text`, :func:`clean_line`, :func:`cut_text`): every text field of every
record (title, body, outlet, authors, URLs, story label) loses C0/C1 control characters,
terminal escape sequences, NUL, DEL, lone surrogates, the non-characters U+FFFE/U+FFFF and the
invisible word-splitting marks (soft hyphen, zero-width space, word joiner, BOM) —
none of them is text, and any of them breaks XML feeds, terminals or SQLite's UTF-8. Tabs and
newlines are kept in bodies (a newline separates paragraphs), carriage returns become
newlines. Bodies over :data:`MAX_TEXT_CHARS` are cut at a paragraph or sentence boundary,
and before any "sentence" over :data:`MAX_SENTENCE_CHARS`.

Output (:func:`terminal_safe`): control and bidi-override characters are shown as escapes
(``\\x1b``, ``\\u202e``), so a stored headline cannot move the cursor, recolour the screen or
reverse the text around it, and a newline in a file name cannot forge an extra ``error:`` line.

Hand-written (a few regular expressions) because the rules are exactly the ones above and no
library draws the same line between text and terminal control.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from glimpse.errors import EmptyInput

if TYPE_CHECKING:
    from glimpse.models import Article, Sentence

# A body longer than this is cut at ingest (about 16,000 words, longer than almost any news
# article). It keeps every later stage far below spaCy's 1,000,000-character limit (E088)
# even when a text has no sentence break at all, and bounds the time a stage spends on it.
MAX_TEXT_CHARS = 100_000
# A "sentence" longer than this is not prose (a text without any punctuation, a flattened
# table): the body is cut before it, because later stages parse each sentence whole (spaCy
# in compose) and their time grows faster than linearly with its length.
MAX_SENTENCE_CHARS = 5_000
MAX_TITLE_CHARS = 1_000  # headlines: spaCy parses them in compose
MAX_LINE_CHARS = 500  # outlet, author and story label
MAX_URL_CHARS = 4_000

# ESC-introduced sequences: CSI (ESC [ … final), OSC/DCS/PM/APC/SOS strings (up to BEL or
# ESC \), and two-character escapes; also the 8-bit CSI (U+009B).
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\n]{0,512}(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
# Removed from text: C0 controls but tab and newline, DEL, C1, surrogates, non-characters,
# and the invisible marks that split a word without showing (soft hyphen, zero-width space,
# word joiner, a byte-order mark inside text: "Morsi\u200b" is not "Morsi"). Zero-width
# (non-)joiners stay: Persian, Indic scripts and emoji sequences need them.
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u200b\u2060\ufeff\ud800-\udfff\ufffe\uffff]"
)
# Shown as escapes on a terminal: every control character, bidi embeddings/overrides/isolates
# and marks, surrogates and non-characters.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def clean_text(text: str) -> str:
    """``text`` without escape sequences and control characters; tabs and newlines stay."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isprintable() or not (_ESCAPE.search(text) or _CONTROL.search(text)):
        return text
    return _CONTROL.sub("", _ESCAPE.sub("", text))


def clean_line(text: str, limit: int = MAX_LINE_CHARS) -> str:
    """A one-line field: cleaned, whitespace runs as one space, cut at a word under ``limit``."""
    line = " ".join(clean_text(text).split())
    if len(line) <= limit:
        return line
    cut = line[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip()


def cut_text(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``text`` if it fits, else its longest start under ``limit`` that ends a paragraph or a
    sentence (in the second half of the window), else a word, else exactly ``limit`` chars."""
    if len(text) <= limit:
        return text
    from glimpse.extract.sentences import split_sentences  # extract imports lxml: load late

    window = text[:limit]
    half = limit // 2
    end = window.rfind("\n\n")
    if end < half:
        sentences = split_sentences(window)
        end = sentences[-2].end if len(sentences) >= 2 else -1
    if end < half:
        end = max(window.rfind(" "), window.rfind("\n"))
    if end < half:
        end = limit
    return window[:end].rstrip()


def terminal_safe(text: str, *, newlines: bool = False) -> str:
    """``text`` for a terminal: control, bidi and surrogate characters as visible escapes
    (``\\x1b``, ``\\u202e``); with ``newlines`` a newline is kept as a line break."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if newlines and char == "\n":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return text if text.isprintable() else _UNSAFE.sub(escape, text)


def describe(exc: BaseException, limit: int = 100) -> str:
    """An exception as a short one-line reason: its class and the start of its message
    (a library message can quote megabytes of the input, binary included)."""
    message = " ".join(terminal_safe(str(exc)).split())
    if len(message) > limit:
        message = message[:limit].rstrip() + "…"
    name = exc.__class__.__name__
    return f"{name}: {message}" if message else name


def clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A JSON record's string fields cleaned (the body also cut); other values as they are."""
    out = dict(fields)
    for key, value in fields.items():
        if not isinstance(value, str):
            continue
        if key in {"text", "html"}:
            out[key] = clean_text(value)
        elif key == "url":
            out[key] = clean_line(value, MAX_URL_CHARS)
        elif key == "title":
            out[key] = clean_line(value, MAX_TITLE_CHARS)
        else:
            out[key] = clean_line(value)
    if isinstance(out.get("text"), str):
        out["text"] = cut_text(out["text"])
    return out


def tidy_article(article: Article) -> Article:
    """Every text field of ``article`` cleaned and capped; the body is rebuilt (paragraphs,
    sentences, lede) only when cleaning or the cap changed it. Raises EmptyInput when nothing
    is left of the body."""
    from glimpse.extract.sentences import split_sentences

    paragraphs = tuple(p for p in (clean_text(p).strip() for p in article.paragraphs) if p)
    body = cut_text("\n\n".join(paragraphs) if paragraphs else clean_text(article.text).strip())
    long = long_sentence(article if body == article.text else None, body)
    if long is not None:
        body = body[: long.start].rstrip() or cut_text(body, MAX_SENTENCE_CHARS)
    changes: dict[str, Any] = {
        "title": clean_line(article.title, MAX_TITLE_CHARS),
        "source": _optional(article.source, MAX_LINE_CHARS),
        "authors": tuple(a for a in (clean_line(a) for a in article.authors) if a),
        "url": _optional(article.url, MAX_URL_CHARS),
        "canonical_url": _optional(article.canonical_url, MAX_URL_CHARS),
        "language": _optional(article.language, 20),
        "story": _optional(article.story, MAX_LINE_CHARS),
    }
    if body != article.text:
        if not body:
            raise EmptyInput("no text left once control characters are removed")
        kept = tuple(p for p in body.split("\n\n") if p.strip())
        lede = clean_text(article.lede).strip()
        changes |= {
            "text": body,
            "paragraphs": kept,
            "sentences": split_sentences(body),
            "lede": lede if lede and lede in body else kept[0],
        }
    else:
        changes["lede"] = clean_text(article.lede)
    if all(getattr(article, key) == value for key, value in changes.items()):
        return article
    return replace(article, **changes)


def long_sentence(article: Article | None, body: str = "") -> Sentence | None:
    """The first sentence over MAX_SENTENCE_CHARS of ``article`` (or, without it, of ``body``)."""
    if article is None:
        from glimpse.extract.sentences import split_sentences

        sentences: tuple[Sentence, ...] = split_sentences(body)
    else:
        sentences = article.sentences
    return next((s for s in sentences if s.end - s.start > MAX_SENTENCE_CHARS), None)


def _optional(value: str | None, limit: int) -> str | None:
    return clean_line(value, limit) or None if value is not None else None
