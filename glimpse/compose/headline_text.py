"""Headline text helpers: source titles cleaned, teasers told, casing restored, copies told.

Hand-written: these are the conventions of news titles (outlet suffixes, kickers, title case,
teaser phrasing), which no installed library models.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence

from rapidfuzz import fuzz

from glimpse.compose.terms import normalise, tokens
from glimpse.models import Article

# " - CNN", " | Daily Mail Online", " – The Washington Post"
OUTLET_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
TAG_SUFFIX = re.compile(r"\s*[(\[](?:video|photos?|pictures|watch|live|update[sd]?)[)\]]\s*$", re.I)
CLAUSE_BREAKS = re.compile(r"[:;,](?=\s)|\s[–—-]\s")
CLAUSE_OPENERS = frozenset({
    "after", "before", "because", "when", "while", "as", "since", "although", "though", "if",
    "unless", "until", "whereas", "who", "which", "that", "where", "and", "but", "or",
})  # fmt: skip
KICKER = re.compile(r"(?<=[\w'’”)]):\s+|\s[|–—]\s|(?<=[a-z]{2})\.\s+(?=[A-Z])")
# Questions, teasers and direct address: a headline states the news.
TEASER = re.compile(
    r"\?|…|\.\.\.|^(?:here['’]?s|here (?:is|are)|what|why|how|who|when|where|watch|see|look|"
    r"listen|video|photos?|opinion|analysis|explainer|live|breaking)\b|things to know|"
    r"(?:need|want) to know|what we know|this is (?:why|what|how)|\b(?:you|your|yours|"
    r"you['’](?:ll|re|ve|d))\b",
    re.I,
)
FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|We|we|me|my|our|us)\b")
PRONOUN_START = frozenset(
    {"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their"}
) | {"there", "here"}
ARTICLES = frozenset({"a", "an", "the"})
# words a headline cannot end on: its phrase was cut off ("… fears of", "… and")
DANGLING = ARTICLES | {
    "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "over", "after", "before",
    "about", "as", "than", "and", "or", "but", "nor", "that", "which", "who", "whom", "whose",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "its", "their", "his", "her",
    "our", "my", "your", "this", "these", "those",
}  # fmt: skip
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|(?<!\w)[‘'][^‘’']*[’'](?!\w)")
OPEN_SINGLE = re.compile(r"(?<!\w)[‘']")
CLOSE_SINGLE = re.compile(r"(?<=\w)[’'](?!\w)")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\S+")


def clean_title(title: str) -> str:
    """``title`` without outlet suffixes, media tags and surrounding spaces."""
    text = " ".join(title.split())
    for _ in range(2):
        text = TAG_SUFFIX.sub("", text)
        shorter = OUTLET_SUFFIX.sub("", text)
        text = shorter if len(shorter.split()) >= 4 else text
    return text.strip()


def fit(text: str, limit: int) -> tuple[str, bool]:
    """``text`` within ``limit`` words, cut at the last clause break that allows it, and
    whether that was a clean cut (False: cut mid-clause, trailing function words dropped)."""
    if len(text.split()) <= limit:
        return text, True
    best = ""
    for match in CLAUSE_BREAKS.finditer(text):
        head = text[: match.start()]
        if len(head.split()) <= limit:
            best = head
    if len(best.split()) >= 4:
        return best, True
    words = text.split()[:limit]
    # end before the last word that opens a clause, so the clause before it stays whole
    # ("The criticism built quickly after a 3-year-old got" -> "The criticism built quickly")
    opens = [i for i, w in enumerate(words) if i >= 4 and w.lower() in CLAUSE_OPENERS]
    if opens:
        return " ".join(words[: opens[-1]]).rstrip(",;:"), True
    while len(words) > 4 and normalise(words[-1].strip(",;:")) is None:
        words.pop()
    return " ".join(words).rstrip(",;:"), False


def plain(text: str) -> str:
    """``text`` compared as a copy is: lowercase words and numbers only."""
    return " ".join(t.lower() for t in tokens(text))


NEAR_COPY = 90  # rapidfuzz ratio: a title with a word or two changed is still that title


def copied(text: str, titles: Sequence[str]) -> bool:
    """Whether ``text`` is one source title, nearly (rapidfuzz ratio >= :data:`NEAR_COPY`:
    an article or a comma dropped, one word changed), or an unbroken run of one title's words
    (a title cut short is still that outlet's headline). ``titles`` are :func:`plain` forms
    padded with a space on each side."""
    words = f" {plain(text)} "
    if not words.strip():
        return False
    return any(words in title or fuzz.ratio(words, title) >= NEAR_COPY for title in titles)


def is_teaser(text: str) -> bool:
    """A question, teaser or direct address, not a statement of the news."""
    return bool(TEASER.search(text) or FIRST_PERSON.search(QUOTED.sub("", text)))


EDGE = "\"'“”‘’()[],.:;!"  # stripped from a word before its casing is looked up


def casing_keys(texts: Iterable[str]) -> set[str]:
    """The words :func:`sentence_case` looks up in a :func:`case_map` for ``texts``."""
    return {word.strip(EDGE).lower() for text in texts for word in text.split(" ")}


def case_map(articles: Sequence[Article], wanted: Collection[str] | None = None) -> dict[str, str]:
    """Each word's usual casing inside the articles' sentences (first words, and sentences in
    title case, which say nothing about casing, left out); only the ``wanted`` words (lower
    case) when given, as a big story has tens of thousands of words."""
    seen: dict[str, Counter[str]] = {}
    for a in articles:
        for s in a.sentences:
            words = WORD.findall(s.text)
            if _title_cased(words):
                continue
            for word in words[1:]:
                low = word.lower()
                if wanted is None or low in wanted:
                    if (forms := seen.get(low)) is None:  # no Counter made for a word seen
                        forms = seen[low] = Counter()
                    forms[word] += 1
    return {low: forms.most_common(1)[0][0] for low, forms in seen.items()}


def _title_cased(words: Sequence[str]) -> bool:
    firsts = [w[0] for w in words if len(w) > 3 and w[0].isalpha()]  # of the long words
    return len(firsts) >= 2 and sum(map(str.isupper, firsts)) >= 0.7 * len(firsts)


def sentence_case(text: str, casing: dict[str, str]) -> str:
    """``text`` in sentence case: drop-caps ("VLADIMIR") and title case ("Raises Its Offer")
    take the casing the articles use; words they never use keep theirs. A text already in
    sentence case keeps its capitals: "Fire" in "The London Fire Brigade said" is part of a
    name even where the articles mostly write "fire"."""
    from glimpse.enrich.lexicon import has_lemma

    words = text.split(" ")
    titled = _title_cased(words)
    out = []
    for n, word in enumerate(words):
        core = word.strip(EDGE)
        known = casing.get(core.lower())
        if (
            not titled
            and n
            and core[:1].isupper()
            and not core.isupper()
            and (known is None or known.islower())
        ):
            pass  # a capital inside a sentence-case text is a name's ("London Fire Brigade")
        elif known and known.lower() == core.lower() and (n or not known[:1].islower()):
            word = word.replace(core, known)
        elif core.isupper() and len(core) > 5:
            word = word.replace(core, core.capitalize())
        elif (
            titled
            and n
            and core[:1].isupper()
            and not core.isupper()
            and (has_lemma(core.lower()) or _function_word(core))
        ):
            word = word.replace(core, core.lower())
        out.append(word)
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:]


def _function_word(word: str) -> bool:
    """ "It's", "They're", "Don't": a function word or its contraction (the lemma tables
    leave them out)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    low = word.lower().replace("’", "'")
    return low.endswith("n't") or low.split("'")[0] in ENGLISH_STOP_WORDS


def cut_off(title: str, body: frozenset[str]) -> bool:
    """Whether ``title`` ends in a word cut short by the feed ("… ring in 2018 twi"): its
    last word is neither in the articles' sentences nor a dictionary word or number."""
    from glimpse.enrich.lexicon import has_lemma

    words = tokens(title)
    last = words[-1] if words else ""
    key = normalise(last)
    return key is not None and key not in body and not has_lemma(last.lower())
