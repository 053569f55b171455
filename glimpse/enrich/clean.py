"""What the tagger reads: article text without page furniture, datelines or headline case.

Three cheap steps run before spaCy, each on plain strings:

1. :func:`strip_boilerplate` drops photo captions and credits ("Enlarge this image toggle
   caption Alastair Grant/AP", "(AP Photo/Evan Vucci)", "Getty Images"), and page furniture
   lines ("Advertisement", "CLOSE", "Scroll below for video") that extraction let through.
2. :func:`split_dateline` cuts the dateline ("WASHINGTON (AP) —", "SEOUL, South Korea —"):
   it says where the reporter filed from, not what the story is about. Its place, in normal
   case ("Washington"), is returned; it becomes a tag only if the body names it again.
3. :func:`truecase_title` rewrites a headline-case title ("North Korea Test-Fires 3 Missiles
   Toward Japan") in the case its words have in the body ("North Korea test-fires 3 missiles
   toward Japan"), so the tagger and NER do not read every capitalised word as a name.
"""

from __future__ import annotations

import re

from glimpse.enrich.lexicon import is_word

# A line that starts like this is a caption, a credit or page furniture, never a sentence.
_FURNITURE_START = (
    r"enlarge this image|(?:image\s+)?(?:toggle|hide)\s+caption|image\s+(?:caption|copyright|"
    r"source)|photo(?:graph)?\s*:|(?:ap|afp|reuters|file)\s+photo\b|getty\s*images?\s*(?:$|[-/|:])|"
    r"getty\s*-|splash\s+news|rex\s+features|scroll\s+(?:down|below)\s+for|file\s*[-—–:]|"
    r".{0,80}\bfile photo\b|"
    r"(?:advertisement|close|related|embed|share|story continues below)\s*$|"
    r"interested in [^?\n]{1,40}\?\s*add\b|"  # "Interested in Weather? Add Weather as an …"
    r"media playback is unsupported|media caption|"
    r".{0,80}\bphotographer\s*:|"  # "Steve Mollenkopf Photographer: Patrick T. Fallon/Bloomberg"
    r"by\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*$|"  # a byline: "By Ali Sawafta"
    r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3},\s*[\w.-]+\.(?:com|ca|org|net|au|uk)\s*$"
)
FURNITURE_LINE = re.compile(rf"^\s*(?:{_FURNITURE_START})", re.IGNORECASE)
_AGENCY = r"AP|AFP|Reuters|Getty(?: Images)?|EPA|Invision|Shutterstock|REX|PA(?: Wire)?|Xinhua"
# "(AP Photo/Evan Vucci)", "(Jordan Strauss/Invision/AP)", "(Photo: Getty Images)"
INLINE_CREDIT = re.compile(
    rf"\((?:Photo:\s*)?(?:[^()\n]{{0,80}}/)?(?:{_AGENCY})(?: Photo| Images)?(?:/[^()\n]{{0,60}})?\)"
    r"|(?:Enlarge this image\s+)?(?:image\s+)?(?:toggle|hide) caption(?:\s+[^\s/]+)*?"
    r"(?:/[A-Z][\w.]*(?:\s+[^\s/]+)*?/[A-Z][\w.]*|/[A-Z][\w.]*)?(?=\s|$)"
    r"|\b(?:AP|AFP|Reuters|File) Photo\b"
    r"|\(Photo:[^()\n]{1,80}\)"  # "(Photo: Evan Vucci, AP)"
    # a photographer and the agency or paper credited: "Michael Wyke/Associated Press"
    r"|\b[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]*){1,3}\s?/\s?[A-Z][\w.'’-]*(?:[\s-][A-Z][\w.'’-]*){0,3}",
)
# A transcript's speaker label at a line start: "AILSA CHANG, HOST:".
SPEAKER_LABEL = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][A-Z ]{1,30})?:\s*", re.MULTILINE)
# A tabloid drop-cap: the first word of a paragraph in capitals ("VLADIMIR Putin ordered").
DROP_CAP = re.compile(r"^(\s*[\"“‘']?)([A-Z]{3,})(?=\s+(?:[A-Z][a-z]|[a-z]))", re.MULTILINE)
# "WASHINGTON —", "WASHINGTON (AP) -", "SEOUL, South Korea —", "NEW YORK (Reuters) -"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’ -]{2,40}?)(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?[—–-]{1,2}\s+"
)
# A word not at a sentence, paragraph or quotation start, where case is the writer's choice.
MID_SENTENCE_WORD = re.compile(r"(?<![.!?:\n]\s)(?<![\"“‘'(\n—])(?<!^)\b[A-Za-z][\w'’-]*")
# "(CNN) The judgment…": an agency credit where a dateline would be, without a place.
AGENCY_DATELINE = re.compile(r"^\s*\((?:CNN|AP|AFP|Reuters|[A-Z]{2,6})\)\s*[—–-]{0,2}\s*")
MINOR = frozenset("a an and as at by for from in into of on or over the to toward with".split())  # noqa: SIM905


def strip_boilerplate(text: str) -> str:
    """``text`` without caption, credit, byline and furniture lines, inline photo credits
    or transcript speaker labels, with drop-caps in normal case."""
    kept = [line for line in text.split("\n") if not FURNITURE_LINE.match(line)]
    lines = [INLINE_CREDIT.sub("", SPEAKER_LABEL.sub("", line)) for line in kept]
    return undrop_caps(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())


def undrop_caps(text: str) -> str:
    """ "VLADIMIR Putin ordered …" → "Vladimir Putin ordered …": a paragraph's first word in
    capitals before a normal word. Acronyms stay: a short word ("NASA has …") unless it is
    a function word ("THIS is …"), and any word the text writes in capitals elsewhere too."""
    from spacy.lang.en.stop_words import STOP_WORDS  # imported late: spacy is heavy

    def fix(m: re.Match[str]) -> str:
        word = m.group(2)
        elsewhere = len(re.findall(rf"\b{word}\b", text)) > 1
        short = len(word) < 5 and word.lower() not in STOP_WORDS
        return m.group(0) if elsewhere or short else m.group(1) + word.title()

    return DROP_CAP.sub(fix, text)


def split_dateline(body: str) -> tuple[str | None, str]:
    """The dateline's place in normal case ("Washington"), and the body after it."""
    credit = AGENCY_DATELINE.match(body)
    if credit is not None:
        return None, body[credit.end() :]
    match = DATELINE.match(body)
    if match is None or not any(c.isalpha() for c in match["place"]):
        return None, body
    return match["place"].strip().title(), body[match.end() :]


def is_headline_case(title: str) -> bool:
    """Most content words capitalised ("Gorilla Killed To Save Boy"), or all capitals."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", title) if w.lower() not in MINOR]
    if len(words) < 3:
        return False
    capital = sum(w[0].isupper() for w in words[1:])
    return title.isupper() or capital >= 0.75 * (len(words) - 1)


def _body_cases(body: str) -> dict[str, str]:
    """Each word's spelling in the body where its case is not forced by a sentence start:
    a capitalised spelling wins only when no lowercase one is seen."""
    cases: dict[str, str] = {}
    for m in MID_SENTENCE_WORD.finditer(body):
        word = m.group(0)
        low = word.lower()
        if low not in cases or word == low:
            cases[low] = word if not word.isupper() or len(word) <= 5 else word.title()
    return cases


def _recase(word: str, cases: dict[str, str], first: bool) -> str:
    seen = cases.get(word.lower())
    if seen is not None:
        out = seen
    elif word.isupper() and len(word) <= 4:  # an acronym the body does not spell out
        out = word
    elif is_word(word):  # a dictionary word the body does not use: "Derails", "Toward"
        out = word.lower()
    else:
        out = word.title() if word.isupper() else word
    return out[:1].upper() + out[1:] if first else out


def truecase_title(title: str, body: str, place: str | None = None) -> str:
    """A headline-case title in the case its words have in the body; other titles as given.

    A word the body never uses keeps its capital unless it is a dictionary word
    (:func:`glimpse.enrich.lexicon.is_word`): then it is most likely a verb or a noun.
    """
    if not is_headline_case(title) or not body:
        return title
    dateline, body = split_dateline(body)
    place = place or dateline
    cases = _body_cases(body) | ({place.lower(): place} if place else {})
    pieces = re.split(r"([A-Za-z][\w'’-]*)", title)  # odd indexes are words
    kept = _names_in_body(pieces, body)
    for i in range(1, len(pieces), 2):
        first = i == 1 or pieces[i - 1].rstrip().endswith((".", "!", "?", ":"))
        if i not in kept:
            pieces[i] = _recase(pieces[i], cases, first)
    return "".join(pieces)


def _names_in_body(pieces: list[str], body: str) -> set[int]:
    """Indexes of capitalised title words that the body writes the same way next to each
    other ("Cincinnati Zoo"): a name, even if the body also says "the zoo"."""
    kept: set[int] = set()
    for i in range(1, len(pieces) - 2, 2):
        a, gap, b = pieces[i], pieces[i + 1], pieces[i + 2]
        names = gap == " " and a[:1].isupper() and b[:1].isupper() and not a.isupper()
        if names and body.count(f"{a} {b}") >= 2:  # once may be the headline repeated
            kept |= {i, i + 2}
    return kept


def clean_parts(title: str, body: str) -> tuple[str, str]:
    """The title (truecased) and body (no furniture, no dateline) the tagger reads."""
    title, body = title.strip(), strip_boilerplate(body)
    place, body = split_dateline(body)
    return truecase_title(title, body, place), body.strip()
