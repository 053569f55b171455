"""The grounding check: every brief sentence rests on source sentences that say what it says.

:func:`unsupported_terms` is the lexical support test (content words, numbers, dates and names
of a sentence that its support lacks); :func:`check_grounding` applies it, and the structural
checks, to a whole brief. No entailment model is available offline, so the test is lexical and
deliberately strict: a paraphrase with a word no source uses is rejected, and the composer then
falls back to the source sentence itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from glimpse.compose.edits import edit_problems, undo_edits
from glimpse.compose.headline_check import headline_problems
from glimpse.compose.meaning import meaning_problems
from glimpse.compose.terms import normalise, tokens, unsupported_keys
from glimpse.models import Article, Brief, BriefSentence, Quote


def unsupported_terms(sentence: str, support_texts: Sequence[str]) -> list[str]:
    """The content terms of ``sentence`` (surface forms, first occurrence) absent from support.

    An empty list means the sentence is supported. Matching is by stem, case-insensitive, and
    by numeric value (see :mod:`glimpse.compose.terms`).
    """
    return unsupported_keys(sentence, support_texts)


def unsupported_facts(sentence: str, support_texts: Sequence[str]) -> list[str]:
    """The hard facts among :func:`unsupported_terms`: names, numbers, dates and negations.

    A name is a capitalised word that does not open the sentence. Missing plain words are
    often paraphrase ("roadway" for "road"); a missing name or number rarely is, so this
    looser test separates faithful from unfaithful *paraphrases* better. The brief check
    itself stays strict (:func:`unsupported_terms`): glimpse's own sentences are extracted.
    """
    opening = tokens(sentence)[:1]
    facts = []
    for surface in unsupported_terms(sentence, support_texts):
        key = normalise(surface) or ""
        named = surface[:1].isupper() and [surface] != opening
        if named or key[:1].isdigit() or key == "not":
            facts.append(surface)
    return facts


def sentence_problems(
    where: str, sentence: BriefSentence, articles: dict[str, Article]
) -> list[str]:
    if not sentence.support:
        return [f"{where}: no support"]
    texts, problems = [], []
    for ref in sentence.support:
        article = articles.get(ref.article)
        if article is None:
            problems.append(f"{where}: support names missing article {ref.article!r}")
        elif not 0 <= ref.sentence < len(article.sentences):
            problems.append(f"{where}: article {ref.article!r} has no sentence {ref.sentence}")
        else:
            texts.append(article.sentences[ref.sentence].text)
    if problems:
        return problems
    problems += [f"{where}: {p}" for p in edit_problems(sentence.edits, sentence.support, articles)]
    text = undo_edits(sentence.text, sentence.edits)
    if missing := unsupported_terms(text, texts):
        problems.append(f"{where}: not in its support: {', '.join(missing)}")
    elif len(texts) == 1:
        problems += [f"{where}: {p}" for p in meaning_problems(text, texts[0])]
    return problems


def quote_span(article: Article, index: int, reach: int = 4) -> str:
    """The text a quote starting in sentence ``index`` may be copied from.

    A quotation the sentence splitter cut in two runs on into the following sentences, so the
    span covers up to ``reach`` sentences, taken from ``Article.text`` when the offsets agree.
    """
    chosen = article.sentences[index : index + reach]
    first, last = chosen[0], chosen[-1]
    from_text = article.text[first.start : last.end]
    if from_text.startswith(first.text) and from_text.endswith(last.text):
        return from_text
    return " ".join(s.text for s in chosen)


def quote_problems(quote: Quote, articles: dict[str, Article]) -> list[str]:
    article = articles.get(quote.article)
    if article is None:
        return [f"key quote: missing article {quote.article!r}"]
    if not 0 <= quote.sentence < len(article.sentences):
        return [f"key quote: article {quote.article!r} has no sentence {quote.sentence}"]
    head = article.sentences[quote.sentence].text
    position = quote_span(article, quote.sentence).find(quote.text) if quote.text else -1
    if not 0 <= position < len(head):
        return ["key quote: not verbatim in its source sentence"]
    return []


def check_grounding(brief: Brief, articles: list[Article]) -> list[str]:
    """Every problem that makes ``brief`` unfit to store; an empty list means it passes.

    Checks: each summary and body sentence has support, the support points to existing
    sentences of the given articles, its edits (names put for pronouns, attribution frames)
    take their words from where they say, every content term of the sentence with its edits
    undone appears in its support, and a shortened sentence keeps the attribution, negations,
    hedges and quotations of its source (:mod:`glimpse.compose.meaning`); the key quote is
    verbatim in its source sentence; the headline's content terms appear in the sources.
    """
    by_id = {a.id: a for a in articles}
    problems: list[str] = []
    for i, sentence in enumerate(brief.summary):
        problems += sentence_problems(f"summary[{i}]", sentence, by_id)
    for p, paragraph in enumerate(brief.body):
        for i, sentence in enumerate(paragraph):
            problems += sentence_problems(f"body[{p}][{i}]", sentence, by_id)
    if brief.key_quote is not None:
        problems += quote_problems(brief.key_quote, by_id)
    return problems + headline_problems(brief.headline, list(by_id.values()))
