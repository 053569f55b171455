"""Page furniture: the lines of a news page that are not reporting.

Captions, photo credits, bylines and author bios, newsletter and subscription prompts, video
player labels, copyright and legal lines, ALL-CAPS labels, gallery counters, social-media embeds
and the site's own calls to action. Each *family* is a named pattern so a test can pin what it
catches and what it leaves alone; :func:`furniture_family` says which family a line belongs to.
Shared by extraction (which drops whole furniture lines from a page) and compose (which never
puts one in a brief). Hand-written: trafilatura removes most of this from HTML, but text that
reaches glimpse as plain text or JSON Lines (and captions inside an article's body) still has it.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Picture agencies and credit words that open a caption line ("Getty - Contributor Russia ...",
# "AP:Associated Press People in Japan ...", "Reuters The move comes as ...").
AGENCIES = (
    r"(?:Getty(?: Images)?(?: - [A-Z]\w+)?|AFP(?: or licensors)?|AP(?::Associated Press)?|"
    r"EPA|PA(?: Images| Wire)?|Reuters|Rex(?: Features)?|Shutterstock|Alamy|Barcroft Media|"
    r"Handout(?: - Getty)?|Splash News|Backgrid|Corbis|SWNS|Mercury Press|Supplied|Courtesy)"
    # ...but not an agency as the subject of a sentence ("Reuters TV reported", "AP Sources")
    r"(?!\s+(?:TV|News|Television|Breakingviews|Sources|Poll|Foundation|Institute)\b)"
)

# Each family is a list of top-level alternatives, each with the literals (case-folded) of which
# a line must hold at least one for the alternative to match (None: no prefilter). The joined
# pattern is the family's (FAMILIES); furniture_family() tries an alternative only when one of
# its literals is in the line. Hand-written prefilter: IGNORECASE alternations that start with
# \b or ^ are tried at every position of every line (~0.1 ms a line); a substring test is not.
# tests/test_furniture.py checks the prefiltered search against the joined pattern.
_Part = tuple[tuple[str, ...] | None, str]
_PARTS: dict[str, tuple[list[_Part], int]] = {
    # "This photo released by ... shows", "Pictured: ...", "(AP Photo/Jane Doe)", "Photo: ..."
    "caption": (
        [
            (("this",),
             r"^(?:in )?this (?:undated |handout |file )?(?:photo|image|picture|video|still|"
             r"screenshot|screen grab|frame grab)\b[^.]{0,120}\b(?:shows?|showing|released|"
             r"provided|taken|obtained|made available)\b"),
            (("photo",), r"\b(?:AP|AFP|Reuters|EPA) Photo\b"),
            ((":", "|"),
             r"^(?:pictured|above|below|left|right|top|bottom|inset|main picture|file photo|"
             r"photo|photos|image|images|picture|video|watch|gallery|credit|caption)\s*[:|]\s"),
            (("(",), r"\((?:photo|image|picture|video)(?: by|:)[^)]*\)"),
            (("file",), r"\bfile (?:photo|image)\b"),
            (("this",), r"\bin this (?:undated |handout |file )?(?:photo|image|picture|video)\b"),
            # an agency caption dates its picture: "... dig out on Tuesday, Dec. 26, 2017, after"
            (("day",),
             r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
             r"Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b"),
            # an agency caption ends with its date: "... in Ramallah, January 1, 2018."
            ((",",),
             r",\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s"
             r"\d{4}\.?$"),
        ],
        _I,
    ),
    # a credit line, or a caption whose first words are the agency ("Reuters The move ...")
    "credit": (
        [
            (None,
             rf"^{AGENCIES}(?:\s*[/|:-]\s*\w[\w ]{{0,30}})?\s+(?=[A-Z])"
             r"(?!(?:said|says|reported)\b)"),
            (None, r"^(?:photo(?:graph)?|image|picture|video) (?:credit|courtesy)\b"),
            (None, r"^(?:credit|courtesy|source):"),
        ],
        0,
    ),
    # "Subscribe Thank you for subscribing!", "Sign up for our newsletter", "We pay for your
    # stories!", "Click here to ...", "Download the app", "Read more: ..."
    "prompt": (
        [
            (("newsletter",),
             r"^(?:get|join|sign up for) (?:our|the)\b[\w ]{0,30}\bnewsletters?\b"),
            (("subscribe", "sign up", "click", "tap here", "download", "follow", "share", "read",
              "more:", "related:", "see also:", "advertisement", "enable javascript", "log",
              "create an account"),
             r"^(?:subscribe|sign up|click|tap here|download (?:the|our)|follow (?:us|me)|"
             r"share (?:this|on)|read more|read next|more:|related:|see also:|advertisement|"
             r"enable javascript|log ?in\b|create an account)\b"),
            (("thank you for",), r"\bthank you for (?:subscribing|signing up|reading)\b"),
            (("click here",), r"\bclick here\b"),
            (("read ",), r"\bread (?:his|her|their|our|my|more of) (?:other |previous |latest )?"
             r"(?:columns?|stories|articles|posts|work)\b"),
            (("we pay for", "do you have a story", "email us at"),
             r"\bwe pay for (?:your stories|videos)\b|\bdo you have a story\b|\bemail us at\b"),
            (("newsletter", "inbox"),
             r"\b(?:newsletters?|inbox)\b.{0,60}\b(?:sign up|subscribe|delivered|get|receive)\b"),
            (("sign up", "subscribe"),
             r"\b(?:sign up|subscribe)\b.{0,60}\b(?:newsletters?|inbox|updates|alerts)\b"),
            (("most read", "trending now", "recommended for you", "you may also like"),
             r"\b(?:most read|trending now|recommended for you|you may also like)\b"),
            (("comments", "stay up to date", "as an interest", "your browser"),
             r"\bcomments (?:are|have been) closed\b|\bstay up to date\b|\bas an interest\b|"
             r"\byour browser (?:does not|doesn['’]t)\b"),
        ],
        _I,
    ),
    # "Kelly Wallace is CNN's digital correspondent ...", "Follow her on Twitter",
    # "Associated Press writer Jane Doe contributed to this report."
    "bio": (
        [
            ((" is ", " was "),
             r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} (?:is|was) (?:an?|the|[A-Z]\w+['’]s)"
             r"[\w ,'’-]{0,80}\b(?:writer|columnist|journalist|editor|correspondent|"
             r"contributor|author|reporter|anchor|host|producer|fellow|professor)\b"),
            (("follow ",), r"(?i:\bfollow (?:him|her|them|us|me) (?:on|at|@))"),
            (("contributed",), r"\bcontributed (?:to )?(?:this )?report|"
             r"\b(?:writers?|reporters?) [A-Z][\w'-]+(?: [A-Z][\w'-]+)* contributed\b"),
            (("by ",),
             r"^by [A-Z][\w.'’-]+ [A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}\s*(?:,|$|\||and\b)"),
        ],
        0,
    ),
    # "CLOSE", "Replay", "Autoplay", "Skip Ad", "Now playing", "Up next"
    "player": (
        [
            (None, r"^(?:close|replay|autoplay|skip ad|now playing|up next|play video|watch now|"
             r"video (?:loading|unavailable)|media playback)\b"),
        ],
        _I,
    ),
    # "© 2017 Cable News Network", "All rights reserved", "This material may not be published"
    "legal": (
        [
            (("©", "copyright", "all rights reserved", "may not be", "terms",
              "not responsible for the content", "transcript", "authoritative record"),
             r"©|\bcopyright\b|\ball rights reserved\b|\bmay not be (?:published|reproduced|"
             r"broadcast|rewritten|redistributed)\b|\bterms (?:and|&) conditions\b|"
             r"\bnot responsible for the content\b|\btranscripts? (?:is|are) created\b|"
             r"\bmay not be in its final form\b|\bauthoritative record\b"),
        ],
        _I,
    ),
    # "1 of 12", "Image 3 of 10", "Slide 2 / 9"
    "gallery": (
        [
            (None, r"^(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s*(?:of|/)\s*\d{1,3}\b"),
            (("next ", "previous ", "prev "), r"^(?:next|previous|prev) (?:image|photo|slide)\b"),
            (("expand",), r"\bexpand\s*$"),
        ],
        _I,
    ),
    # "pic.twitter.com/...", "— Jane Doe (@jdoe) August 28, 2017", a bare link
    "social": (
        [
            (("pic.twitter.com", "(@", "http", "via @", "@", "#"),
             r"pic\.twitter\.com|\(@\w{1,15}\)\s+\w+ \d{1,2}, \d{4}|https?://\S+|"
             r"\bvia @\w+|^@\w+|#\w+\s*$"),
        ],
        _I,
    ),
    # "Editor's note: ...", "Correction: ...", "Updated at 10:42 a.m."
    "notice": (
        [
            (None, r"^(?:editor['’]s note|correction|clarification|update[d]?|posted|published|"
             r"last (?:updated|modified)|this (?:story|article) (?:was|has been|originally|"
             r"first))\b"),
        ],
        _I,
    ),
}  # fmt: skip

FAMILIES: dict[str, re.Pattern[str]] = {
    name: re.compile("|".join(source for _, source in parts), flags)
    for name, (parts, flags) in _PARTS.items()
}
_PREFILTERED: dict[str, list[tuple[tuple[str, ...] | None, re.Pattern[str]]]] = {
    name: [(literals, re.compile(source, flags)) for literals, source in parts]
    for name, (parts, flags) in _PARTS.items()
}


def _family_matches(name: str, text: str, folded: str) -> bool:
    """``FAMILIES[name].search(text)``, trying only the alternatives whose literals occur."""
    return any(
        (literals is None or any(lit in folded for lit in literals)) and pattern.search(text)
        for literals, pattern in _PREFILTERED[name]
    )


# "LAS VEGAS LAS VEGAS FREEWAY EXCALIBUR ...", "MOST READ IN NEWS 'I'M MADDIE!' ...": a run of
# three or more ALL-CAPS words is a label or a map, not a sentence (one capitalised word such
# as "NASA" or a dateline before "(Reuters)" is not).
CAPS_RUN = re.compile(r"(?:\b[A-Z][A-Z'’&.-]+\b[\s,:!]+){3,}")


def caps_label(text: str) -> bool:
    """Whether ``text`` carries a run of ALL-CAPS words (a label, a map, a teaser list)."""
    match = CAPS_RUN.search(text)
    if match is None:
        return False
    words = match.group(0).split()
    return sum(len(w.strip("'’&.-,:!")) >= 2 for w in words) >= 3


def furniture_family(text: str) -> str | None:
    """The furniture family ``text`` belongs to ("caption", "prompt", ...), or None for prose."""
    stripped = text.strip()
    folded = stripped.casefold()
    for name in FAMILIES:
        if _family_matches(name, stripped, folded):
            return name
    if caps_label(stripped):
        return "caps"
    return None


def is_furniture(text: str) -> bool:
    """Whether ``text`` is page furniture rather than reporting."""
    return furniture_family(text) is not None
