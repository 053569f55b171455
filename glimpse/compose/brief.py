"""compose_brief: a story's articles in, one grounded Brief out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import numpy as np

from glimpse.compose.coherence import (
    Placed,
    drop_capped,
    resolve_references,
    story_words,
    undo_drop_cap,
)
from glimpse.compose.conflicts import (
    disputed,
    find_conflicts,
    locate_conflicts,
    newest_value,
    other_toll,
    stated_value,
)
from glimpse.compose.corroborate import corroborate_brief
from glimpse.compose.edits import frame_edit, outlet_name
from glimpse.compose.grounding import check_grounding, quote_problems, sentence_problems
from glimpse.compose.headline import headline_support, make_headline
from glimpse.compose.layout import lay_out
from glimpse.compose.meaning import has_attribution
from glimpse.compose.newest import PLACES, promote_newest, states_newest
from glimpse.compose.options import ComposeOptions
from glimpse.compose.quote import pick_quote, quote_sentences
from glimpse.compose.rank import Candidate, Matrix, rank_sentences, usable
from glimpse.compose.repeats import Repeats
from glimpse.compose.select import select_body, select_summary
from glimpse.compose.terms import tokens
from glimpse.enrich import tag_story
from glimpse.errors import EmptyInput, GroundingError
from glimpse.models import (
    Article,
    Brief,
    BriefSentence,
    Conflict,
    Entity,
    Features,
    Quote,
    SourceRef,
    SupportRef,
    Writer,
)

log = logging.getLogger(__name__)
# The writer's versioned name, stored with every brief: a build after an upgrade rewrites the
# briefs an older writer made (spaCy-style versioned component names). v6: disputed figures
# attributed, leaning-back sentences, surname speakers in full; v7: meaning-safe clause cuts;
# v8: fused headlines, first names in full, another count of a disputed toll left out, "a
# similar X" and "What's more" lean back, sports picture captions; v9: a clause before a past
# tense the tagger reads as a participle is cut, an article's lede may lead the summary; v10: a
# person whose name outlets transliterate differently ("Mohammed"/"Mohamed Morsi") is one tag,
# a story person's surname in the possessive ("Horomanski's son") is introduced too, a title's
# participle before an infinitive is a passive ("Woman is stunned to find", not "stuns to find")
WRITER = "glimpse.compose.extractive.v10"
_EPOCH = datetime.min.replace(tzinfo=UTC)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _when(article: Article) -> datetime:
    return _utc(article.published or article.updated) or _EPOCH


def _newest(articles: Sequence[Article]) -> datetime | None:
    times = [t for a in articles for t in (_utc(a.published), _utc(a.updated)) if t]
    return max(times, default=None)


def _source(article: Article) -> SourceRef:
    lede = article.lede or (article.sentences[0].text if article.sentences else "")
    return SourceRef(article.id, article.source, article.link, article.title, lede,
                     _utc(article.published))  # fmt: skip


def story_tags(
    articles: Sequence[Article], features: Sequence[Features], max_tags: int
) -> tuple[tuple[str, ...], tuple[Entity, ...]]:
    """Tags and canonical entities of the story (``glimpse.enrich.tag_story``); none when the
    articles come without enrich features."""
    if not features:
        return (), ()
    tags, entities = tag_story(list(articles), list(features), max_tags=max_tags)
    return tuple(tags), tuple(entities)


def _without_quote(
    candidates: list[Candidate], quote: Quote | None, articles: Sequence[Article]
) -> list[Candidate]:
    """``candidates`` less the sentences the key quote spans, and any sentence that quotes it
    again: the key quote is shown once, under the body."""
    if quote is None:
        return candidates
    article = next((a for a in articles if a.id == quote.article), None)
    spanned = quote_sentences(quote, article) if article else {quote.sentence}
    return [
        c
        for c in candidates
        if not (c.article == quote.article and c.index in spanned) and quote.text not in c.text
    ]  # a looser restatement of the quote is found while choosing (the repeat rule)


def _undisputed(candidates: list[Candidate], conflicts: Sequence[Conflict]) -> list[Candidate]:
    """``candidates`` less the sentences that state an older figure of a disputed quantity
    (the brief states the newest one, attributed) or another count of a disputed toll."""
    out = []
    for c in candidates:
        if other_toll(c.text, conflicts):
            continue
        values = [v for k in conflicts if (v := stated_value(c.text, k)) is not None]
        if all(v == newest_value(k) for k in conflicts for v in values if v in k.values):
            out.append(c)
    return out


def _attributed(
    placed: Placed, conflicts: Sequence[Conflict], articles: dict[str, Article]
) -> Placed:
    """``placed`` with ", according to <outlet>" when it states a disputed figure on its own
    authority (a figure some sources give differently is never stated as settled)."""
    if not disputed(placed.text, conflicts) or has_attribution(placed.text):
        return placed
    name = outlet_name(articles[placed.article].source)
    if not name:
        return placed
    text, edit = frame_edit(placed.text, name, placed.article, placed.index)
    return Placed(placed.article, placed.index, text, (*placed.edits, edit))


def _brief_sentence(p: Placed) -> BriefSentence:
    return BriefSentence(p.text, (SupportRef(p.article, p.index),), p.edits)


def _placed(c: Candidate, story_words: frozenset[str]) -> Placed:
    return Placed(c.article, c.index, undo_drop_cap(c.text, story_words))


def arrange(
    summary: Sequence[Candidate],
    body: Sequence[Candidate],
    articles: Sequence[Article],
    entities: Sequence[Entity],
    conflicts: Sequence[Conflict],
    options: ComposeOptions,
    words: frozenset[str] | None = None,
) -> tuple[list[Placed], list[list[Placed]]]:
    """Summary and body paragraphs in reading order, each sentence readable where it stands
    (references resolved or the sentence left out) and disputed figures attributed; ``words``
    is :func:`story_words` of ``articles`` (read here when not given)."""
    by_id = {a.id: a for a in articles}
    words = story_words(articles) if words is None else words
    paragraphs = lay_out(
        list(body), [c.text for c in body], [(c.order, c.index) for c in body],
        options.paragraph_sentences,
    )  # fmt: skip
    flat = [_placed(c, words) for c in summary]
    sizes = [len(p) for p in paragraphs]
    flat += [_placed(c, words) for p in paragraphs for c in p]
    resolved = resolve_references(flat, by_id, entities)
    final = [_attributed(r, conflicts, by_id) if r else None for r in resolved]
    lead = [r for r in final[: len(summary)] if r]
    if not any(final) and flat:  # nothing stands on its own: the best sentence still leads
        lead = [flat[0]]
    out: list[list[Placed]] = []
    at = len(summary)
    for size in sizes:
        kept = [r for r in final[at : at + size] if r]
        at += size
        if kept:
            out.append(kept)
    return lead, out


def repeat_rule(
    articles: Sequence[Article], quote: Quote | None, options: ComposeOptions, memo: dict[str, Any]
) -> Repeats:
    """The repeat rule of this brief (:mod:`glimpse.compose.repeats`): MiniLM only for a
    story of several articles (paraphrase is how outlets repeat each other; a one-article
    brief keeps its speed budget)."""
    embed = None
    if options.semantic_duplicate and len(articles) > 1:
        from glimpse.enrich.embed import default_embedder  # the ONNX model loads on first use

        embed = default_embedder().embed_each
    return Repeats(
        quote.text if quote else "", options.same_fact_share, options.same_fact_terms,
        options.semantic_duplicate, embed, memo, options.same_event, options.same_subject,
    )  # fmt: skip


def _embedder(articles: Sequence[Article], memo: dict[str, Any]) -> Any:
    """MiniLM for the borderline pairs of :func:`corroborate_brief` (none for one outlet),
    reusing the vectors the repeat rule already made of the brief's sentences."""
    if len({a.source or a.id for a in articles}) < 2:
        return None
    from glimpse.enrich.embed import default_embedder

    def embed(texts: list[str]) -> Any:
        new = [t for t in dict.fromkeys(texts) if t not in memo]
        if new:
            memo.update(zip(new, default_embedder().embed_each(new), strict=True))
        return np.stack([memo[t] for t in texts])

    return embed


def choose(
    candidates: list[Candidate],
    sims: Matrix,
    articles: Sequence[Article],
    entities: Sequence[Entity],
    conflicts: Sequence[Conflict],
    options: ComposeOptions,
    rounds: int = 3,
    repeats: Repeats | None = None,
) -> tuple[list[Placed], list[list[Placed]]]:
    """:func:`select_and_arrange`, then, for each disputed figure the brief does not state,
    again with the best sentence stating the newest figure moved up (second, then first):
    a recorded dispute never leaves the brief without the figure (it is attributed)."""
    pool = list(candidates)
    args = (sims, articles, entities, conflicts, options, rounds, repeats)
    lead, paragraphs = select_and_arrange(pool, *args)
    for conflict in conflicts:
        for place in PLACES:
            said = [p.text for p in lead] + [p.text for para in paragraphs for p in para]
            promoted = (
                None if states_newest(said, conflict) else promote_newest(pool, conflict, place)
            )
            if promoted is not None:
                pool = promoted
                lead, paragraphs = select_and_arrange(pool, *args)
    return lead, paragraphs


def select_and_arrange(
    candidates: list[Candidate],
    sims: Matrix,
    articles: Sequence[Article],
    entities: Sequence[Entity],
    conflicts: Sequence[Conflict],
    options: ComposeOptions,
    rounds: int = 3,
    repeats: Repeats | None = None,
) -> tuple[list[Placed], list[list[Placed]]]:
    """Select and arrange; a sentence that cannot be read where it lands (its reference is
    unresolved) is left out and the selection is made again without it, so the summary and
    body are refilled with sentences that can stand. No two chosen sentences tell one fact
    and none repeats the key quote (``repeats``)."""
    pool = list(candidates)
    words: frozenset[str] | None = None  # read once, and only for a sentence in drop capitals
    for _ in range(rounds):
        summary = select_summary(pool, sims, options, repeats)
        body = select_body(pool, sims, summary, options, repeats)
        if words is None and any(drop_capped(c.text) for c in [*summary, *body]):
            words = story_words(articles)
        known = frozenset() if words is None else words  # unread unless a sentence needs it
        lead, paragraphs = arrange(summary, body, articles, entities, conflicts, options, known)
        kept = {(p.article, p.index) for p in lead} | {
            (p.article, p.index) for para in paragraphs for p in para
        }
        dropped = {(c.article, c.index) for c in [*summary, *body]} - kept
        if not dropped:
            break
        pool = [c for c in pool if (c.article, c.index) not in dropped]
    return lead, paragraphs


def draft_brief(
    story_id: str,
    articles: list[Article],
    features: list[Features] | None = None,
    *,
    options: ComposeOptions | None = None,
) -> Brief:
    """The brief of one story *before* the grounding check (benchmarks measure the check).

    Raises :class:`EmptyInput` when no article has a sentence.
    """
    options = options or ComposeOptions()
    if not any(tokens(s.text) for a in articles for s in a.sentences):
        raise EmptyInput("story has no words to brief", subject=story_id)
    articles = sorted(articles, key=_when)
    tags, entities = story_tags(articles, features or [], options.max_tags)
    quote = pick_quote(articles, entities, options.quote_min_words)
    conflicts = find_conflicts(articles, lambda text: usable(text, options))
    candidates, sims = rank_sentences(articles, entities, options)
    candidates = _undisputed(_without_quote(candidates, quote, articles), conflicts)
    vectors: dict[str, Any] = {}  # text -> MiniLM vector, made once per brief
    repeats = repeat_rule(articles, quote, options, vectors)
    lead, paragraphs = choose(
        candidates, sims, articles, entities, conflicts, options, repeats=repeats
    )
    if not lead and paragraphs:  # every summary sentence leaned on one left out
        lead, paragraphs = paragraphs[0][:1], [p for p in [paragraphs[0][1:], *paragraphs[1:]] if p]
    headline = make_headline(
        articles, lead[0].text if lead else "", options.headline_words, conflicts
    )
    if not any(c.isalnum() for c in headline):  # nothing headline-shaped: the lead's words
        texts = [p.text for p in lead] + [s.text for a in articles for s in a.sentences]
        first = next((t for t in texts if any(c.isalnum() for c in t)), articles[0].title)
        headline = " ".join(first.split()[: options.headline_words])
    summary_out = tuple(_brief_sentence(p) for p in lead)
    body_out = tuple(tuple(_brief_sentence(p) for p in para) for para in paragraphs)
    summary_out, body_out = corroborate_brief(
        summary_out, body_out, articles, _embedder(articles, vectors)
    )
    return Brief(
        story=story_id,
        headline=headline,
        summary=summary_out,
        body=body_out,
        key_quote=quote,
        tags=tags,
        updated_at=_newest(articles),
        sources=tuple(_source(a) for a in articles),
        entities=entities,
        headline_support=tuple(headline_support(headline, articles)),
        conflicts=locate_conflicts(conflicts, summary_out, body_out, articles),
        writer=Writer("extractive", None, WRITER),
    )


def compose_brief(
    story_id: str,
    articles: list[Article],
    features: list[Features] | None = None,
    *,
    options: ComposeOptions | None = None,
) -> Brief:
    """The grounded brief of one story.

    ``articles`` may come in any order (they are put in time order); ``features`` (from
    enrich) add entities, tags and speaker names. Raises :class:`GroundingError` when the
    brief fails :func:`check_grounding`; a brief that fails is never returned.
    Raises :class:`EmptyInput` when no article has a sentence.
    """
    brief = draft_brief(story_id, articles, features, options=options)
    problems = check_grounding(brief, articles)
    if problems:
        # a sentence a rule got wrong costs that sentence, not the story: it is left out and
        # the rest checked again; a brief that still fails is never returned
        log.warning("brief %s: left out what failed grounding: %s", story_id, "; ".join(problems))
        brief = without_failing(brief, articles)
        problems = check_grounding(brief, articles)
    if problems or not brief.summary:
        reason = "; ".join(problems) or "no summary sentence passed grounding"
        log.warning("brief %s failed grounding: %s", story_id, reason)
        raise GroundingError(reason, subject=story_id)
    return brief


def without_failing(brief: Brief, articles: list[Article]) -> Brief:
    """``brief`` without its summary and body sentences and key quote that fail
    :func:`check_grounding` (the conflicts' sentence positions follow the sentences kept)."""
    by_id = {a.id: a for a in articles}
    moved: dict[tuple[str, int, int], tuple[int, int]] = {}
    summary: list[BriefSentence] = []
    for i, sentence in enumerate(brief.summary):
        if not sentence_problems("summary", sentence, by_id):
            moved[("summary", 0, i)] = (0, len(summary))
            summary.append(sentence)
    body: list[tuple[BriefSentence, ...]] = []
    for p, paragraph in enumerate(brief.body):
        kept: list[BriefSentence] = []
        for i, sentence in enumerate(paragraph):
            if not sentence_problems("body", sentence, by_id):
                moved[("body", p, i)] = (len(body), len(kept))
                kept.append(sentence)
        if kept:
            body.append(tuple(kept))
    quote = brief.key_quote
    if quote is not None and quote_problems(quote, by_id):
        quote = None
    conflicts = tuple(
        replace(c, sentence=moved.get((c.part, *c.sentence)), part=c.part)
        if c.sentence is not None and c.part is not None
        else c
        for c in brief.conflicts
    )
    conflicts = tuple(c if c.sentence is not None else replace(c, part=None) for c in conflicts)
    return replace(
        brief, summary=tuple(summary), body=tuple(body), key_quote=quote, conflicts=conflicts
    )
