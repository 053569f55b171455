"""The exception hierarchy. Every error carries a stable code ``G0xx`` (listed in the README).

G001 input not found            G002 unreadable encoding / binary     G003 no article in page
G004 not a feed                 G005 HTTP error                        G006 timeout
G007 malformed JSON Lines line  G008 too large                         G009 unsupported input
G010 empty input                G011 duplicate (already stored)        G012 grounding check failed
G013 config error               G014 story not found                   G015 database error
G016 a stage failed unexpectedly on one record (a bug: the record is skipped, the run goes on)
G017 publish refused: the folder holds files glimpse did not write
G018 address refused: a URL found in content points at a private/local address or is not http(s)
G019 cannot write: disk full, read-only file system or no permission (the run stops)
G020 damaged archive: truncated or not an archive at all
G021 language model unavailable: the [llm] endpoint could not write or judge (extractive kept)
"""

from __future__ import annotations


class GlimpseError(Exception):
    """Base class: ``code`` is stable, ``subject`` names the input the error is about."""

    code = "G000"

    def __init__(self, reason: str, subject: str = "", code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.subject = subject
        if code is not None:
            self.code = code

    def line(self) -> str:
        """The one-line form the CLI prints: ``error: <input>: <reason> [G0xx]``.

        Control and bidi characters in the subject and reason are shown as escapes: a file
        name with a newline in it cannot forge a second ``error:`` line.
        """
        from glimpse.clean_text import terminal_safe

        where = f"{terminal_safe(self.subject)}: " if self.subject else ""
        return f"error: {where}{terminal_safe(self.reason)} [{self.code}]"


class SkipRecord(GlimpseError):
    """One record cannot go through a stage; the runner records it and goes on."""

    code = "G009"


class InputNotFound(SkipRecord):
    code = "G001"


class BadEncoding(SkipRecord):
    code = "G002"


class NoArticle(SkipRecord):
    code = "G003"


class NotAFeed(SkipRecord):
    code = "G004"


class FetchError(SkipRecord):
    code = "G005"


class FetchTimeout(SkipRecord):
    code = "G006"


class MalformedLine(SkipRecord):
    code = "G007"


class TooLarge(SkipRecord):
    code = "G008"


class EmptyInput(SkipRecord):
    code = "G010"


class GroundingError(GlimpseError):
    """A brief failed the grounding check; it is not stored."""

    code = "G012"


class ConfigError(GlimpseError):
    code = "G013"


class StoryNotFound(GlimpseError):
    code = "G014"


class StoreError(GlimpseError):
    code = "G015"


class StageFailure(SkipRecord):
    """A stage raised something it did not expect on one record: skip it, report it, go on."""

    code = "G016"


class PublishRefused(GlimpseError):
    """The target folder is not a glimpse site; publishing there could destroy other files."""

    code = "G017"


class AddressRefused(SkipRecord):
    """A URL found in content resolves to an address glimpse must not reach, or is not http(s)."""

    code = "G018"


class WriteFailed(GlimpseError):
    """The OS refused a write (ENOSPC, EROFS, EACCES): the run stops, nothing half-written."""

    code = "G019"


class DamagedArchive(SkipRecord):
    """A WARC/ARC file that is truncated or is not an archive."""

    code = "G020"


class LLMFailed(GlimpseError):
    """The ``[llm]`` endpoint could not be used for one story (down, slow, garbage, or every
    sentence refused by the gate): the extractive brief is kept, the run goes on."""

    code = "G021"
