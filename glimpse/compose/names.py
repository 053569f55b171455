"""A person first met by surname is introduced by the full name: "Watts says" -> "Shannon Watts
says", when the sentence's own article gave that full name earlier.

A news brief introduces each person by the full name once, then the surname; a sentence lifted
from deep inside an article ("The apparent father was also allowed to board, Watts says.") names
its speaker the way that article could, many sentences after introducing her. Where such a
sentence reaches the brief before any other mention of the person, the surname becomes the full
name, as a grounded :class:`~glimpse.models.Edit` whose words come from the article's earlier
sentence (the grounding check accepts a name expansion from any earlier sentence of the same
article: :func:`glimpse.compose.edits.is_name_expansion`).

A person called by first name alone, as tabloids do ("US comedian Sarah borrowed the phrase",
"Sarah started dating British actor Michael"), gets the full name too ("Sarah Silverman"), where
the story knows exactly one person of that first name and the article gave the full name
earlier: a wire brief never calls an adult by first name.

Only attributions ("Watts says", "said Ren") are read: in that frame the capitalised word is a
speaker, not a place or a thing. The full name must be the only one of its form in the article
("Venus Williams" and "Serena Williams" leave "Williams said" as it is), and a surname without
such a full name, or with a title before it ("Mr. McKenna"), is left as written. Hand-written:
no coreference model is available offline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.compose.speaker import TITLES, VERBS
from glimpse.compose.terms import unsupported_keys
from glimpse.models import Article, Edit

SURNAME = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# "Watts says", "Ren said"; "..., said Ren."
ATTRIBUTED = re.compile(
    rf"(?<![\w.’'-])(?P<name>{SURNAME}) {VERBS}\b|\b{VERBS} (?P<after>{SURNAME})(?=[.,;]|$)"
)
_WORDS_BEFORE = re.compile(r"(\S+)\s+$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()  # noqa: SIM905
)


def _first_names(surname: str) -> re.Pattern[str]:
    """A full name ending in ``surname``: one or two capitalised words before it."""
    return re.compile(rf"(?<![\w'’-])(?P<first>(?:[A-Z][a-z]+\.? ){{1,2}}){re.escape(surname)}\b")


def _inside_quotes(text: str, at: int) -> bool:
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _plain_word(word: str) -> bool:
    """A capitalised word that cannot open a person's name ("But", "The", "President")."""
    low = word.lower().rstrip(".")
    return low in ENGLISH_STOP_WORDS or low in TITLES or low + "." in TITLES


def _stop(word: str) -> bool:
    return word.lower().strip(".,;:") in ENGLISH_STOP_WORDS


def _title(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in TITLES or low + "." in TITLES


def introduced_name(article: Article, index: int, surname: str) -> tuple[str, int] | None:
    """The one full name ending in ``surname`` that ``article`` gives before sentence
    ``index`` (with the first sentence that gives it), or None when it gives none or two."""
    pattern = _first_names(surname)
    found: dict[str, int] = {}
    for sentence in article.sentences[:index]:
        for m in pattern.finditer(sentence.text):
            words = m.group("first").split()
            while words and _plain_word(words[0]):  # "But Shannon Watts", "Mayor Jane Roe"
                words.pop(0)
            if words:
                found.setdefault(" ".join([*words, surname]), sentence.index)
    if not found:
        return None
    # "Officer Steve Mollenkopf" and "Steve Mollenkopf" are one person; "Venus Williams" and
    # "Serena Williams" are two
    name = min(found, key=lambda n: len(n.split()))
    if len(name.split()) < 2 or not all(n == name or n.endswith(f" {name}") for n in found):
        return None
    return name, found[name]


def _mentions(text: str, people: Sequence[str]) -> list[tuple[str, int]]:
    """(surname, offset) of each speaker named by one word ("Watts says"), and of each word
    that is the surname of one of the story's ``people`` (full names from enrich: "Mollenkopf"
    of "Steve Mollenkopf"), in text order."""
    found = {}
    for m in ATTRIBUTED.finditer(text):
        group = "name" if m.group("name") else "after"
        found[m.start(group)] = m.group(group)
    from glimpse.enrich.lexicon import has_lemma  # spaCy's lemma tables, loaded on first use

    # outside an attribution a surname that is also a word ("May", "Bush") may be the word
    surnames = {p.split()[-1] for p in people if len(p.split()) > 1}
    for surname in (s for s in surnames if not has_lemma(s.lower())):
        # the possessive too ("Horomanski's son"), not a longer name ("Smith-Jones", "O'Neil")
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}\b(?!-\w|['’](?!s\b)\w)", text):
            found.setdefault(m.start(), surname)
    return [(name, at) for at, name in sorted(found.items())]


def introduce_surnames(
    placed_text: str,
    index: int,
    before: Sequence[str],
    article: Article,
    people: Sequence[str] = (),
) -> tuple[str, tuple[Edit, ...]]:
    """``placed_text`` (sentence ``index`` of ``article``) with each person named by surname
    alone (a speaker, or one of the story's ``people``), and not yet named in the brief's
    ``before`` sentences, given the full name its article used earlier; with the edits made."""
    text, edits = placed_text, list[Edit]()
    for surname, start in _mentions(placed_text, people):
        if _plain_word(surname) or _inside_quotes(placed_text, start):
            continue
        previous = _WORDS_BEFORE.search(placed_text[:start])
        if previous and (previous.group(1)[:1].isupper() or _title(previous.group(1))):
            continue  # "Shannon Watts says", "Mr. McKenna said": already a name or a title
        if any(surname in s for s in before) or any(surname in e.to for e in edits):
            continue
        found = introduced_name(article, index, surname)
        if found is None or found[0] in text:
            continue
        name, at = found
        if unsupported_keys(name, [article.sentences[at].text]):
            continue  # the check reads words as it does: never write an edit it would refuse
        shift = len(text) - len(placed_text)
        where = start + shift
        text = text[:where] + name + text[where + len(surname) :]
        edits.append(Edit(surname, name, article.id, at))
    return text, tuple(edits)


def _first_name_people(people: Sequence[str]) -> dict[str, str]:
    """First name -> the one full name of ``people`` that starts with it ("Sarah" -> "Sarah
    Silverman"); a first name two people share ("Kim" of two Kims) is left out."""
    from glimpse.enrich.lexicon import lemma_classes  # spaCy's lemma tables, loaded on first use

    owners: dict[str, set[str]] = {}
    for person in people:
        words = person.split()
        if len(words) == 2 and re.fullmatch(SURNAME, words[0]) and not _plain_word(words[0]):
            owners.setdefault(words[0], set()).add(person)
    # a first name that is also a word ("Will", "Hope", "Rose") or a month ("May", "June") may
    # be the word; a dictionary's proper nouns ("Sarah", "Michael") are names
    return {
        first: next(iter(names))
        for first, names in owners.items()
        if len(names) == 1
        and not lemma_classes(first.lower()) - {"noun"}
        and first.lower() not in _MONTHS
    }


def introduce_first_names(
    placed_text: str, index: int, article: Article, people: Sequence[str] = ()
) -> tuple[str, tuple[Edit, ...]]:
    """``placed_text`` (sentence ``index`` of ``article``) with each person called by first name
    alone ("Sarah") given the full name ("Sarah Silverman") that ``article`` gave before it;
    with the edits made (the grounding check reads them as name expansions)."""
    text, edits = placed_text, list[Edit]()
    for first, full in _first_name_people(people).items():
        if full in text:
            continue  # named in full already: an edit could not be undone to the right word
        # alone: not the start of a name ("Sarah Silverman", "Sarah Jessica Parker") nor part
        # of a hyphenated word
        alone = re.compile(rf"(?<![\w'’-]){re.escape(first)}\b(?![-\w]|\s+[A-Z])")
        for m in list(alone.finditer(text))[::-1]:
            previous = _WORDS_BEFORE.search(text[: m.start()])
            if previous and previous.group(1)[:1].isupper() and not _stop(previous.group(1)):
                continue  # the end of a name or a title ("Lady Sarah", "Princess Anne")
            if _inside_quotes(text, m.start()):
                continue
            found = introduced_name(article, index, full.split()[-1])
            if found is None or found[0] != full:
                continue
            if unsupported_keys(full, [article.sentences[found[1]].text]):
                continue
            text = text[: m.start()] + full + text[m.end() :]
            edits.append(Edit(first, full, article.id, found[1]))
    return text, tuple(edits)
