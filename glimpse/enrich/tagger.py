"""The enrich stage's core: entities, keyphrases and tags for articles and stories.

spaCy runs once per article, batched, without the dependency parser (not needed: candidates
come from POS patterns), so tagging stays above 20 articles/s on one core.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from glimpse.enrich.canon import merge_entities
from glimpse.enrich.clean import clean_parts
from glimpse.enrich.entities import article_entities
from glimpse.enrich.event import event_tag, named_event
from glimpse.enrich.keyphrases import rank_words, words
from glimpse.enrich.options import TagOptions
from glimpse.enrich.tags import build_tags, outlet_keys, salient, tag_worthy
from glimpse.models import Article, Entity, Features
from glimpse.nlp import load_spacy

MAX_CHARS = 30_000
NER_CHARS = 2_500  # NER reads about this much of each article (see _with_entities)
LEDE_CHARS = 400  # how far into the body the event phrase is looked for
HEAD_CHARS = 200  # entities named this early are salient even when mentioned once
BATCH = 16  # measured: smaller batches were no slower, larger ones slower
# The languages the spaCy model reads; others get no NER tags or keyphrases (an English
# model tags German capitalised nouns as organisations). None (text too short to tell) is
# read as English, as before language detection.
SUPPORTED_LANGUAGES = frozenset({"en"})


def supported(article: Article) -> bool:
    """Whether the English pipeline reads ``article`` (its language is English or unknown)."""
    return article.language is None or article.language.lower() in SUPPORTED_LANGUAGES


# Only tok2vec, tagger and ner run: chunking needs tags, not the parse (see keyphrases.py).
SKIPPED = ["parser", "attribute_ruler", "lemmatizer"]


def article_text(article: Article) -> tuple[str, int]:
    """The text spaCy reads (title, blank line, body) and how many characters the title takes.

    Bodies are cut at ``MAX_CHARS``: past that, a page is rarely one article, and tagging
    time would grow without changing its top entities or keyphrases.
    """
    raw_body = article.text.strip()[:MAX_CHARS]
    if article.title.strip() and raw_body.startswith(article.title.strip()):
        return clean_parts("", raw_body)[1], 0
    title, body = clean_parts(article.title, raw_body)
    if not title:
        return body, 0
    return f"{title}\n\n{body}", len(title)


def _title(article: Article) -> str:
    return clean_parts(article.title, article.text[:MAX_CHARS])[0]


def _lede(article: Article) -> str:
    return clean_parts("", article.lede or article.text[:LEDE_CHARS])[1]


def _ner_cut(doc: Any) -> int:
    """Token index where NER stops: the first sentence or paragraph end after NER_CHARS."""
    for tok in doc:
        if tok.idx >= NER_CHARS and (tok.is_space or tok.text in (".", "!", "?")):
            return int(tok.i) + 1
    return len(doc)


def _with_entities(docs: Iterable[Any]) -> Iterator[tuple[Any, int]]:
    """Run NER on each doc's head (a copy) and set the entities found on the doc itself.

    NER is two thirds of spaCy's time here; past the head, the names it found are counted by
    exact match (see :func:`article_entities`), and names first seen later are missed.
    """
    from spacy.tokens import Span  # spaCy is heavy: imported on first use

    ner = load_spacy().get_pipe("ner")
    for batch in _batches(docs, BATCH):
        cuts = [_ner_cut(doc) for doc in batch]
        heads = ner.pipe([doc[:cut].as_doc() for doc, cut in zip(batch, cuts, strict=True)])
        for doc, cut, head in zip(batch, cuts, heads, strict=True):
            doc.ents = [Span(doc, e.start, e.end, label=e.label) for e in head.ents]
            yield doc, (doc[cut - 1].idx + len(doc[cut - 1]) if cut else 0)


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _article_features(
    article: Article, doc: Any, ner_end: int, title_chars: int, top: int, opts: TagOptions
) -> Features:
    text = doc.text  # a Doc rebuilds its text on every access
    ws = words(doc)
    keyphrases = rank_words(ws, top=top, title_chars=title_chars, options=opts)
    entities = article_entities(doc, article.id, ner_end, text)
    lede_end = title_chars + LEDE_CHARS
    title = [w for w in ws if w.start < title_chars]
    lede = [w for w in ws if title_chars <= w.start < lede_end]
    top_entities = salient(entities, text[: title_chars + HEAD_CHARS], opts)
    outlets = outlet_keys([article.source])
    titles, ledes = text[:title_chars], " ".join(text[title_chars:lede_end].split())
    named = tag_worthy(top_entities, entities, text=text, titles=titles, outlets=outlets)
    event = event_tag([title], [lede], named, text) or named_event(named, article.title)
    tags = build_tags(event, named, opts, text=text, titles=titles, ledes=ledes, outlets=outlets)
    return Features(article=article.id, entities=entities, keyphrases=keyphrases, tags=tags)


def tag_articles(
    articles: list[Article], *, top: int = 10, options: TagOptions | None = None
) -> list[Features]:
    """One :class:`Features` per article (``vector`` and ``minhash`` left empty), in order.

    An article in a language the pipeline does not read (:func:`supported`) gets empty
    features: no entities, keyphrases or tags rather than English-model guesses."""
    opts = options or TagOptions()
    readable = [a for a in articles if supported(a)]
    prepared = [article_text(a) for a in readable]
    texts = [text for text, _ in prepared]
    found: dict[int, Features] = {}
    if readable:
        nlp = load_spacy()
        docs = _with_entities(nlp.pipe(texts, disable=[*SKIPPED, "ner"], batch_size=BATCH))
        for article, (doc, ner_end), (_, chars) in zip(readable, docs, prepared, strict=True):
            found[id(article)] = _article_features(article, doc, ner_end, chars, top, opts)
    return [found.get(id(a)) or Features(article=a.id) for a in articles]


def tag_article(article: Article, *, top: int = 10, options: TagOptions | None = None) -> Features:
    """:func:`tag_articles` for one article."""
    return tag_articles([article], top=top, options=options)[0]


def _story_event(articles: Sequence[Article], entities: Sequence[Entity], text: str) -> str | None:
    if not articles:
        return None
    nlp = load_spacy()
    texts = [_title(a) for a in articles] + [_lede(a) for a in articles]
    ws = [words(doc) for doc in nlp.pipe(texts, disable=[*SKIPPED, "ner"], batch_size=BATCH)]
    return event_tag(ws[: len(articles)], ws[len(articles) :], entities, text)


def tag_story(
    articles: list[Article],
    features: list[Features],
    *,
    max_tags: int = 6,
    options: TagOptions | None = None,
) -> tuple[tuple[str, ...], tuple[Entity, ...]]:
    """Story tags (the event, the main place, people and organisations) and canonical entities.

    Entities of all articles are merged ("Kim" and "Kim Jong Un" are one), with total
    mention counts and the ids of the articles they appear in. Only articles the pipeline
    reads (:func:`supported`) name the story; a story of none has no tags.
    """
    opts = options or TagOptions()
    entities = merge_entities([e for f in features for e in f.entities])
    articles = [a for a in articles if supported(a)]  # others would give English-model junk
    if not articles:
        return (), entities
    texts = [article_text(a) for a in articles]
    heads = "\n".join(text[: title_chars + HEAD_CHARS] for text, title_chars in texts)
    text = "\n\n".join(text for text, _ in texts)
    top_entities = salient(entities, heads, opts)
    outlets = outlet_keys([a.source for a in articles])
    titles = "\n".join(t[:n] for t, n in texts)
    named = tag_worthy(top_entities, entities, text=text, titles=titles, outlets=outlets)
    event = _story_event(articles, named, text) or named_event(named, heads)
    limits = dataclasses.replace(opts, max_tags=max_tags)
    ledes = "\n".join(" ".join(_lede(a).split()) for a in articles)
    tags = build_tags(
        event,
        named,
        limits,
        text=text,
        titles=titles,
        ledes=ledes,
        outlets=outlets,
        articles=len(articles),
    )
    return tags, entities
