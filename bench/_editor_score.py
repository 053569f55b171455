"""Score one brief with every editor's detector, and sum the scores of a half."""

from __future__ import annotations

from statistics import median
from typing import Any

from bench import _editor_checks as checks
from bench import _editor_cuts as cuts
from bench import _editor_story as story

SENTENCE_KINDS = ("furniture", "unresolved", "cut_attribution", "cut_negation", "cut_hedge",
                  "cut_in_quote", "broken_pair")  # fmt: skip
CUT_KINDS = SENTENCE_KINDS[2:]


def score_brief(brief: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per-sentence labels and brief-level figures of one Brief JSON."""
    lines = checks.lines_of(brief)
    texts = [line.text for line in lines]
    docs = checks.parse(texts)
    articles = [
        sources[s["article"]] for s in brief.get("sources") or [] if s["article"] in sources
    ]
    sims = checks.topic_similarity(lines, articles) if lines and articles else [1.0] * len(lines)
    refs = checks.unresolved(lines, docs)
    flat = [s for s in brief.get("summary") or []] + [s for p in brief.get("body") or [] for s in p]
    labels: list[dict[str, str]] = []
    for line, sim, ref, raw in zip(lines, sims, refs, flat, strict=True):
        found: dict[str, str] = {}
        kind = checks.furniture_kind(line.text)
        if kind or sim < checks.OFF_TOPIC_BELOW:
            found["furniture"] = kind or f"off-topic ({sim:.2f})"
        if ref:
            found["unresolved"] = ref
        found.update({k: "yes" for k in cuts.cut_flags(raw, sources)})
        labels.append(found)
    quote = brief.get("key_quote")
    context = cuts.speaker_context(quote, sources)
    at = int(quote.get("sentence") or 0) if quote else 0
    parsed = dict(zip(range(at - len(context), at), checks.parse(context), strict=True))
    words = sum(len(t.split()) for t in texts)
    return {
        "sentences": [{"text": t, **lab} for t, lab in zip(texts, labels, strict=True)],
        "similarity": [round(s, 3) for s in sims],
        "repeated_pairs": story.repeated_pairs(texts, docs),
        "quote_repeated": story.quote_repeated(quote, texts),
        **story.headline_flags(brief["headline"], [a["title"] for a in articles]),
        "tag_defects": story.tag_defects(
            brief.get("tags") or [], articles, story.enough_names(docs)
        ),
        "quote": cuts.quote_flags(quote, sources, parsed),
        "has_quote": quote is not None,
        "conflicts": len(brief.get("conflicts") or []),
        "side_by_side": cuts.numbers_side_by_side(texts, brief.get("conflicts") or []),
        "words": words,
        "summary_sentences": len(brief.get("summary") or []),
        "tags": len(brief.get("tags") or []),
    }


def _count(scores: list[dict[str, Any]], kind: str) -> int:
    return sum(kind in s for r in scores for s in r["sentences"])


def totals(scores: list[dict[str, Any]], expected: int) -> dict[str, Any]:
    """The half's figures: shares of sentences, counts and rates per brief."""
    n = len(scores) or 1
    sentences = sum(len(r["sentences"]) for r in scores) or 1
    words = [r["words"] for r in scores] or [0]
    tag_defects = sum(story.defective_tags(r["tag_defects"]) for r in scores)
    out: dict[str, Any] = {
        "briefs": len(scores),
        "missing briefs": expected - len(scores),
        "sentences": sentences,
        "furniture share": _count(scores, "furniture") / sentences,
        "unresolved share": _count(scores, "unresolved") / sentences,
        "repeated pairs per brief": sum(len(r["repeated_pairs"]) for r in scores) / n,
        "key quote repeated (briefs)": sum(r["quote_repeated"] for r in scores),
        "headline copied share": sum(r["headline_copied"] for r in scores) / n,
        "headline teaser": sum(r["headline_teaser"] for r in scores),
        "headline question": sum(r["headline_question"] for r in scores),
        "headline > 12 words": sum(r["headline_long"] for r in scores),
        "tag defects per brief": tag_defects / n,
    }
    for kind in CUT_KINDS:
        out[kind.replace("_", " ")] = _count(scores, kind)
    out["meaning-changing cuts"] = sum(out[k.replace("_", " ")] for k in CUT_KINDS)
    for kind in ("not_verbatim", "incomplete", "wrong_speaker", "doubtful_speaker"):
        out[f"quote {kind.replace('_', ' ')}"] = sum(f"quote_{kind}" in r["quote"] for r in scores)
    out["key quotes"] = sum(r["has_quote"] for r in scores)
    out["conflicts found"] = sum(r["conflicts"] for r in scores)
    out["numbers side by side (pairs)"] = sum(r["side_by_side"] for r in scores)
    out["median words"] = median(words)
    out["words in 150-300 share"] = sum(150 <= w <= 300 for w in words) / n
    out["median summary sentences"] = median([r["summary_sentences"] for r in scores] or [0])
    out["median tags"] = median([r["tags"] for r in scores] or [0])
    return out


TARGETS: dict[str, tuple[str, Any]] = {
    "furniture share": ("≤ 0.02", lambda v: v <= 0.02),
    "unresolved share": ("≤ 0.02", lambda v: v <= 0.02),
    "repeated pairs per brief": ("≤ 0.1", lambda v: v <= 0.1),
    "meaning-changing cuts": ("0", lambda v: v == 0),
    "quote wrong speaker": ("0", lambda v: v == 0),
    "headline copied share": ("≤ 0.2", lambda v: v <= 0.2),
    "median words": ("150-300", lambda v: 150 <= v <= 300),
    "tag defects per brief": ("≤ 0.2", lambda v: v <= 0.2),
}
