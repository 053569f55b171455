"""The key quote: the most newsworthy complete quotation of a story, copied character for
character, with the speaker its source gives or none.

Quotations are found in each article's running text between an opening mark and its matching
closing mark in the same paragraph (so one the sentence splitter cut in two is found whole,
and a paragraph left open by a multi-paragraph quote is never paired with the next one). A
partial quote woven into a sentence ('said it "determined the launch ..."') is no key quote:
a quotation must open with a capital where a sentence or an attribution leaves off, and end a
clause. The speaker comes from the attribution frame (:mod:`glimpse.compose.attribution`), a
pronoun is resolved by :mod:`glimpse.compose.pronoun`, and a quote that follows another with
nothing but that one's attribution between them continues its speaker (the news convention
for quotes over several sentences). No spaCy runs here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from glimpse.compose.attribution import attribution_after, attribution_before
from glimpse.compose.grounding import quote_span
from glimpse.compose.pronoun import People, people, resolve_pronoun
from glimpse.compose.speaker import VERBS, Names, PronounRef, Speaker, Who, story_names
from glimpse.compose.terms import content_words
from glimpse.models import Article, Entity, Quote

QUOTATIONS = (
    re.compile(r"“([^“”\n]+)”"),
    # straight double quotes pair left to right inside a paragraph
    re.compile(r'"([^"\n]+)"'),
    # a ’ followed by a letter is an apostrophe ("Don’t"), not the closing mark
    re.compile(r"‘((?:[^‘’\n]|’(?=\w))+)’(?!\w)"),
    # straight single quotes only around prose: 'We won,' he said (apostrophes in words allowed)
    re.compile(r"(?:^|(?<=[\s(:—–-]))'((?:[^'\n]|'(?=\w))+?[.,!?])'(?=[\s,.;:!?—–-]|$)", re.M),
)
_OPENS_QUOTE = re.compile(rf"(?:^|[:,.!?;(—–-]|\b{VERBS}|\bthat)\s*$")
_CLAUSE_END = re.compile(r"[.!?…,;:—–-]$")
_CLOSES_CLAUSE = re.compile(r"\s*(?:[,.;:!?)—–-]|$)")
_NESTED = re.compile(r"\s*[\"“”'‘’]")
_VOICE = {"person": 2.0, "org": 1.5}


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation in one article: its verbatim text, where its marks are, what is around it.

    ``start`` is the offset of the opening mark and ``end`` the offset after the closing mark
    in the article's running text; ``before`` is its sentence's text up to the opening mark,
    ``after`` the rest of its paragraph (up to 160 characters) after the closing mark, ``raw``
    everything between the marks.
    """

    article: Article
    sentence: int
    text: str
    before: str
    after: str
    start: int = 0
    end: int = 0
    raw: str = ""

    @property
    def complete(self) -> bool:
        """A whole quotation, not a fragment: it opens with a capital (or a digit), after the
        start of its sentence or an attribution ('X said: "', 'X said "'), never woven into a
        sentence ('the US was "100 percent with Japan"'), and it ends a clause."""
        first = next((c for c in self.raw if c.isalnum()), "")
        if not first or first.islower() or self.raw.lstrip().startswith(("…", "..", ". .")):
            return False
        if not self.text[:1].isalnum():
            return False  # it opens with another mark: quotes nested out of order ("' 'We.'")
        if not _OPENS_QUOTE.search(self.before):
            return False
        return bool(_CLAUSE_END.search(self.raw.rstrip()) or _CLOSES_CLAUSE.match(self.after))

    @property
    def ends_sentence(self) -> bool:
        """The quote closes its sentence ('"We won." Smith said.'), so what follows is new."""
        closed = self.raw.rstrip()[-1:] in {".", "!", "?", "…"}
        return closed and not re.match(r"\s*[a-z]", self.after)


def running_text(article: Article) -> tuple[str, list[int]]:
    """The article's running text and the start offset of each sentence in it.

    ``Article.text`` when the sentence offsets agree with it (what :func:`quote_span` checks
    against), else the sentences joined by spaces.
    """
    if all(article.text[s.start : s.end] == s.text for s in article.sentences):
        return article.text, [s.start for s in article.sentences]
    starts, pos = [], 0
    for s in article.sentences:
        starts.append(pos)
        pos += len(s.text) + 1
    return " ".join(s.text for s in article.sentences), starts


def _sentence_at(starts: list[int], offset: int) -> int:
    """The sentence containing ``offset``, or -1 before the first one."""
    return max((i for i, start in enumerate(starts) if start <= offset), default=-1)


def find_quotations(article: Article) -> list[Found]:
    """Every verbatim quotation of ``article`` between matching marks, in text order.

    A quotation inside another one (a quote the speaker quotes) is not listed.
    """
    flat, starts = running_text(article)
    found: list[Found] = []
    for pattern in QUOTATIONS:
        for match in pattern.finditer(flat):
            raw = match.group(1)
            text = raw.strip().rstrip(",").strip()
            index = _sentence_at(starts, match.start(1))
            if not text or index < 0:
                continue
            position = quote_span(article, index).find(text)
            if 0 <= position < len(article.sentences[index].text):
                before = flat[starts[index] : match.start()].rpartition("\n")[2]
                after = flat[match.end() : match.end() + 160].partition("\n")[0]
                found.append(
                    Found(article, index, text, before, after, match.start(), match.end(), raw)
                )
    spans = [(f.start, f.end) for f in found]
    found = [
        f
        for f in found
        if not any(s <= f.start and f.end <= e and (s, e) != (f.start, f.end) for s, e in spans)
    ]
    unique = {(f.start, f.end): f for f in sorted(found, key=lambda f: f.start)}
    return list(unique.values())


def quote_sentences(quote: Quote, article: Article) -> set[int]:
    """The indexes of ``article``'s sentences the quotation (with its marks) spans, so the
    body can leave them out: the key quote is shown once."""
    if not 0 <= quote.sentence < len(article.sentences):
        return set()
    flat, starts = running_text(article)
    at = flat.find(quote.text, starts[quote.sentence]) if quote.text else -1
    if at < 0:
        return {quote.sentence}
    first, last = at - 1, at + len(quote.text) + 1
    return {
        i
        for i, s in enumerate(article.sentences)
        if starts[i] < last and starts[i] + len(s.text) > first
    }


def _continues(previous: Found, found: Found, flat: str) -> bool:
    """``found`` follows ``previous`` with nothing between but one attribution sentence."""
    gap = flat[previous.end : found.start]
    return (
        not found.before.strip()
        and len(gap) <= 160
        and not any(mark in gap for mark in '“”"‘')
        and len(re.findall(r"[.!?](?=\s|$)", gap)) <= 1
    )


@dataclass(frozen=True, slots=True)
class _Story:
    """What resolving speakers needs to know about the whole story."""

    names: Names
    entities: Sequence[Entity]
    persons: People
    outlets: frozenset[str]


def _resolve(who: Who | None, found: Found, story: _Story) -> Speaker | None:
    if not isinstance(who, PronounRef):
        return who
    span = Quote(found.text, None, found.article.id, found.sentence)
    skip = frozenset(quote_sentences(span, found.article))
    name = resolve_pronoun(
        who.gender, found.article, found.sentence, found.before, story.persons, skip
    )
    return Speaker(name, "person") if name else None


def _frame(found: Found, story: _Story) -> Who | None:
    """The attribution of ``found``: after it, before it, or a preceding 'X said:' sentence.

    None for a quote closed right before another closing mark: it is nested in a quote the
    matcher could not pair, and that one's speaker is quoting it.
    """
    if _NESTED.match(found.after):
        return None
    args = (story.names, story.entities, story.outlets)
    who = attribution_after(found.after, found.ends_sentence, *args)
    if who is None:
        who = attribution_before(found.before, *args)
    if who is None and not found.before.strip() and found.sentence > 0:
        previous = found.article.sentences[found.sentence - 1].text.rstrip()
        if previous.endswith(":"):
            who = attribution_before(previous, *args)
    return who


def attribute(
    found: Sequence[Found], story: _Story, wanted: Sequence[bool] | None = None
) -> list[Speaker | None]:
    """The speaker of each quotation of one article (``found`` in text order). With ``wanted``
    (a flag a quotation), only the wanted quotations' speakers are read, and those of the ones
    they carry on from ('"...," she said. "..."'); the others are None."""
    want = list(wanted) if wanted is not None else [True] * len(found)
    flat = running_text(found[0].article)[0] if found else ""
    frames: dict[int, Who | None] = {}
    carried = [False] * len(found)
    for i in reversed(range(len(found))):  # last first: a carried-on quote wants the one before
        if want[i]:
            frames[i] = who = _frame(found[i], story)
            if who is None and i and _continues(found[i - 1], found[i], flat):
                want[i - 1] = carried[i] = True
    speakers: list[Speaker | None] = []
    for i, q in enumerate(found):
        if not want[i]:
            speakers.append(None)
        else:
            speakers.append(speakers[-1] if carried[i] else _resolve(frames[i], q, story))
    return speakers


def _title_case(text: str) -> bool:
    """A quoted name ("Committee on the Peaceful Uses of Outer Space"), not a quotation."""
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _score(found: Found, speaker: Speaker | None, echoes: int, keys: set[str]) -> float:
    words = len(found.text.split())
    length = 1.0 if 8 <= words <= 45 else 0.6 if words <= 70 else 0.2
    terms = set(content_words(found.text))
    topical = len(terms & keys) / (len(terms) or 1)
    position = 1.0 / (1.0 + found.sentence / 6.0)
    voice = _VOICE[speaker.kind] if speaker else 0.0
    return length * (1.0 + voice + 0.5 * echoes + topical + position)


def _outlets(articles: Sequence[Article]) -> frozenset[str]:
    """Lowercase words naming the story's outlets ("www.rt.com" -> "rt")."""
    words: set[str] = set()
    for a in articles:
        host = (a.source or "").lower().removeprefix("www.")
        words.update(w for w in re.split(r"[^a-z]+", host.rsplit(".", 1)[0]) if len(w) > 1)
    return frozenset(words)


def pick_quote(
    articles: Sequence[Article],
    entities: Sequence[Entity] = (),
    min_words: int = 6,
) -> Quote | None:
    """The most newsworthy complete quotation of the story, or None.

    Quotes whose speaker is resolved with confidence are preferred; the speaker is None
    rather than a guess.
    """
    names = story_names(articles)
    story = _Story(names, entities, people(articles, names, entities), _outlets(articles))
    pool: list[tuple[Found, Speaker | None]] = []
    for article in articles:
        found = find_quotations(article)
        fit = [len(q.text.split()) >= min_words and q.complete and not _title_case(q.text)
               for q in found]  # fmt: skip
        for q, ok, speaker in zip(found, fit, attribute(found, story, fit), strict=True):
            if ok:  # only these speakers are read (and any they carry on from)
                pool.append((q, speaker))
    if not pool:
        return None
    keys = {w for a in articles for w in content_words(a.title)}
    texts = Counter(text for _, text in {(q.article.id, q.text) for q, _ in pool})

    def score(item: tuple[Found, Speaker | None]) -> float:
        return _score(item[0], item[1], texts[item[0].text] - 1, keys)

    q, speaker = max(pool, key=score)
    name = speaker.name if speaker else None
    return Quote(q.text, name, q.article.id, q.sentence, q.article.url, q.article.source)
