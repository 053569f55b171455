"""The LLM writer: a story's brief in a model's own words, every sentence through the gate.

The model (any OpenAI-compatible ``/chat/completions`` endpoint, see
:mod:`glimpse.compose.llm_client`) gets the extractive brief's sentences numbered by source
(``[a1:7]`` = sentence 7 of the story's first article) and must answer JSON: a summary and
body sentences, each citing the numbered sentences it rests on (the JSON schema lists the
labels, so a grammar-constrained server can only cite real ones). Each generated sentence
is checked by :func:`glimpse.compose.verify.verify_claim` against the sentences it cites
(strict attribution); one that fails is sent back once with the failure named, then
replaced by the extractive sentence for the same fact (the one it cites, itself re-checked),
or dropped. When a :class:`~glimpse.compose.judge.Judge` is given, a sentence that passes
every structural check is also put to it (``entailment``): a second model call that can
only take a sentence away. Every sentence of the result carries the ``checks`` it passed.
Any transport or parse failure raises :class:`LLMUnavailable`; the caller keeps the
extractive brief and reports why. The writer never stores anything.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from glimpse.compose.judge import Judge
from glimpse.compose.llm_client import (
    Chat,
    LLMOptions,
    LLMUnavailable,
    http_chat,
    parse_answer,
)
from glimpse.compose.verify import GateOptions, Verdict, select_support, verify_claim
from glimpse.compose.voice import voice_problem
from glimpse.models import Article, Brief, BriefSentence, SupportRef, Writer

__all__ = [
    "GATE",
    "WRITER",
    "LLMOptions",
    "LLMUnavailable",
    "LLMWriter",
    "Outcome",
    "http_chat",
    "parse_answer",
    "write_brief",
]

log = logging.getLogger(__name__)
GATE = GateOptions(
    strict_attribution=True,
    checks=(*("numbers", "names", "quotes", "negation", "attribution", "roles"),
            *("similarity", "consistency")),
)  # fmt: skip
WRITER = "glimpse.compose.llm.v1"
#: what becomes of a generated sentence: passed as cited, passed against the given sentences
#: closest to it (wrong cites), passed after one rewrite, replaced by the extractive sentence
#: it cites, dropped
FATES = ("accepted", "recited", "rewritten", "replaced", "dropped")
CITE = re.compile(r"a(\d+):(\d+)")
SYSTEM = (
    "You are a wire editor. Rewrite the numbered source sentences as a short news brief in "
    "plain words. Use only facts the sentences state; keep every number, name, negation and "
    "attribution ('police said') as the source has it; never invent a quotation. Answer JSON "
    'only: {"headline": ..., "summary": [{"text": ..., "cites": ["a1:3"]}], "body": [...]}; '
    "each sentence cites the numbered sentences it rests on; the headline is at most 12 words."
)
HEADLINE_GATE = GateOptions(checks=("numbers", "names", "quotes", "negation"))


def answer_schema(labels: Sequence[str], summary: int = 3, body: int = 6) -> dict[str, Any]:
    """The answer's JSON schema; ``cites`` may only name ``labels`` (one to three)."""
    cites = {"type": "array", "items": {"type": "string", "enum": list(labels)},
             "minItems": 1, "maxItems": 3}  # fmt: skip
    item = {"type": "object", "properties": {"text": {"type": "string"}, "cites": cites},
            "required": ["text", "cites"]}  # fmt: skip
    return {
        "type": "object",
        "properties": {
            "headline": {"type": "string"},
            "summary": {"type": "array", "items": item, "minItems": 1, "maxItems": summary},
            "body": {"type": "array", "items": item, "maxItems": body},
        },
        "required": ["summary", "body"],
    }


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of each generated sentence (:data:`FATES`), and the checks that rejected
    them (``rejected`` by check name); ``headline``: whether the model's headline passed and
    replaced the extractive one."""

    counts: dict[str, int]
    rejected: dict[str, int]
    headline: bool = False


def _sentences(brief: Brief) -> list[BriefSentence]:
    return [*brief.summary, *(x for p in brief.body for x in p)]


def _numbered(brief: Brief, articles: Sequence[Article]) -> tuple[str, dict[str, SupportRef]]:
    order = {a.id: n for n, a in enumerate(articles, 1)}
    refs = [r for s in _sentences(brief) for r in s.support]
    labels = {f"a{order[r.article]}:{r.sentence}": r for r in refs if r.article in order}
    return _listing(labels, {a.id: a for a in articles}), labels


def _listing(labels: dict[str, SupportRef], by_id: dict[str, Article]) -> str:
    return "\n".join(
        f"[{k}] {by_id[r.article].sentences[r.sentence].text}" for k, r in labels.items()
    )


def _cited(item: Any, labels: dict[str, SupportRef]) -> tuple[str, list[SupportRef]]:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return "", []
    cites = item.get("cites") or []
    found = [m.group(0) for c in (cites if isinstance(cites, list) else [cites])
             for m in CITE.finditer(str(c))]  # fmt: skip
    return item["text"].strip(), list(dict.fromkeys(labels[c] for c in found if c in labels))


class _Writer:
    def __init__(self, chat: Chat, articles: Sequence[Article], brief: Brief, embedder: Any,
                 deadline: float, judge: Judge | None = None) -> None:  # fmt: skip
        self.chat, self.brief, self.embedder, self.deadline = chat, brief, embedder, deadline
        self.judge = judge
        self.by_id = {a.id: a for a in articles}
        self.counts = dict.fromkeys(FATES, 0)
        self.rejected: dict[str, int] = {}
        self.extracted = {r: s for s in _sentences(brief) for r in s.support}
        self.used: set[str] = set()

    def check(self, text: str, refs: Sequence[SupportRef], judged: bool = True) -> Verdict:
        """The gate, plus the brief's voice: a sentence that speaks in the first person (a
        quote stripped of its quotation marks and speaker), asks or posts is refused; then,
        when ``judged`` and the run has a judge, entailment (asked only of a sentence that
        passed everything else: the judge can only take a sentence away)."""
        texts = [self.by_id[r.article].sentences[r.sentence].text for r in refs]
        v = verify_claim(text, texts, sentences=texts, embedder=self.embedder, options=GATE)
        problem = voice_problem(text)
        checks = {**v.checks, "voice": problem is None}
        if problem is not None:
            return replace(v, supported=False, checks=checks, failed=(*v.failed, "voice"),
                           reasons=(*v.reasons, f"voice: {problem}"))  # fmt: skip
        if not (v.supported and judged and self.judge is not None):
            return replace(v, checks=checks)
        verdict = self.judge(text, texts)
        if verdict is None:  # the endpoint cannot judge: the check is not claimed
            return replace(v, checks=checks)
        checks["entailment"] = verdict
        if verdict:
            return replace(v, checks=checks)
        reason = "entailment: the judge found it not supported"
        return replace(v, supported=False, checks=checks, failed=(*v.failed, "entailment"),
                       reasons=(*v.reasons, reason))  # fmt: skip

    def sentence(self, item: Any, labels: dict[str, SupportRef]) -> BriefSentence | None:
        text, refs = _cited(item, labels)
        if not text or not refs:
            self.counts["dropped"] += 1
            return None
        verdict = self.check(text, refs)
        if verdict.supported:
            return self._keep(text, refs, verdict, "accepted")
        for name in verdict.failed:
            self.rejected[name] = self.rejected.get(name, 0) + 1
        recited = self._recite(text, refs, labels)
        if recited is not None:
            return self._keep(text, recited[0], recited[1], "recited")
        if time.monotonic() < self.deadline:
            redo = self._rewrite(text, refs, verdict, labels)
            if redo is not None:
                verdict = self.check(redo[0], redo[1])
                if verdict.supported:
                    return self._keep(redo[0], redo[1], verdict, "rewritten")
        return self._fallback(refs)

    def _recite(self, text: str, refs: Sequence[SupportRef], labels: dict[str, SupportRef]
                ) -> tuple[list[SupportRef], Verdict] | None:  # fmt: skip
        """Small models cite the wrong numbers: the two given sentences closest to ``text``
        become its support when the gate passes it against them (what is stored as
        support is always what was checked)."""
        pool = list(labels.values())
        texts = [self.by_id[r.article].sentences[r.sentence].text for r in pool]
        chosen = [pool[i] for i in select_support(text, texts, 2)]
        if set(chosen) == set(refs):
            return None
        verdict = self.check(text, chosen)
        return (chosen, verdict) if verdict.supported else None

    def _keep(self, text: str, refs: Sequence[SupportRef], v: Verdict, how: str
              ) -> BriefSentence | None:  # fmt: skip
        if text in self.used:  # a model repeating itself says nothing new
            self.counts["dropped"] += 1
            return None
        self.used.add(text)
        self.counts[how] += 1
        return BriefSentence(text, tuple(refs), checks=tuple(v.checks.items()))

    def _fallback(self, refs: Sequence[SupportRef]) -> BriefSentence | None:
        """The extractive sentence for the same fact, itself through the gate, or nothing."""
        for r in refs:
            s = self.extracted.get(r)
            if s is None or s.text in self.used:
                continue
            # the extractive sentence is the source's own words: not put to the judge
            verdict = self.check(s.text, s.support, judged=False)
            if verdict.supported:
                self.counts["replaced"] += 1
                self.used.add(s.text)
                return replace(s, checks=tuple(verdict.checks.items()))
        self.counts["dropped"] += 1
        return None

    def _rewrite(self, text: str, refs: Sequence[SupportRef], verdict: Verdict,
                 labels: dict[str, SupportRef]) -> tuple[str, list[SupportRef]] | None:  # fmt: skip
        cited = {k: r for k, r in labels.items() if r in refs}
        ask = (f"Source sentences:\n{_listing(cited, self.by_id)}\n\n"
               f"This sentence failed the check ({'; '.join(verdict.reasons)}): {text}\n"
               "Rewrite it so the source sentences support it. Answer JSON: "
               '{"summary": [{"text": ..., "cites": [...]}], "body": []}')  # fmt: skip
        try:
            data = parse_answer(self.chat([{"role": "system", "content": SYSTEM},
                                           {"role": "user", "content": ask}],
                                          answer_schema(list(cited), 1, 0)))  # fmt: skip
        except LLMUnavailable:
            return None
        items = data.get("summary") or []
        text2, refs2 = _cited(items[0], labels) if items else ("", [])
        return (text2, refs2 or list(refs)) if text2 else None


def write_brief(
    brief: Brief,
    articles: Sequence[Article],
    chat: Chat,
    *,
    model: str = "",
    budget: float = 180.0,
    embedder: Any = None,
    judge: Judge | None = None,
) -> tuple[Brief, Outcome]:
    """``brief`` (the extractive one) rewritten by the model behind ``chat``, every sentence
    gated (and put to ``judge`` when given). Raises :class:`LLMUnavailable` when the model
    gives nothing usable."""
    listing, labels = _numbered(brief, articles)
    ask = f"Source sentences:\n{listing}"
    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": ask}]
    data = parse_answer(chat(messages, answer_schema(list(labels))))
    writer = _Writer(chat, articles, brief, embedder, time.monotonic() + budget, judge)
    summary = [s for i in _items(data.get("summary")) if (s := writer.sentence(i, labels))]
    body = [s for i in _items(data.get("body")) if (s := writer.sentence(i, labels))]
    if writer.counts["accepted"] + writer.counts["recited"] + writer.counts["rewritten"] == 0:
        outcome = Outcome(writer.counts, writer.rejected)
        raise LLMUnavailable("no generated sentence passed the gate", outcome=outcome)
    paragraphs = tuple(tuple(body[i : i + 3]) for i in range(0, len(body), 3))
    headline = _headline(data.get("headline"), brief, articles)
    out = replace(brief, summary=tuple(summary or body[:1]), body=paragraphs,
                  writer=Writer("llm", model or None, WRITER))  # fmt: skip
    if headline != brief.headline:
        from glimpse.compose.headline import headline_support

        support = tuple(headline_support(headline, list(articles)))
        out = replace(out, headline=headline, headline_support=support)
    return out, Outcome(writer.counts, writer.rejected, headline != brief.headline)


def _headline(value: Any, brief: Brief, articles: Sequence[Article]) -> str:
    """The model's headline when every content word of it is in the sources and it keeps
    their numbers, names and negations; else the extractive one."""
    from glimpse.compose.headline_check import headline_problems, source_texts

    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text.split()) > 14 or headline_problems(text, articles):
        return brief.headline
    texts = source_texts(articles)
    if not verify_claim(text, texts, sentences=texts, options=HEADLINE_GATE).supported:
        return brief.headline
    return text


def _items(value: Any) -> list[Any]:
    """Answer sentences, flattening paragraphs (lists) a model may nest them in."""
    items = value if isinstance(value, list) else []
    return [x for p in items for x in (p if isinstance(p, list) else [p])]


class LLMWriter:
    """One run's LLM writer: the client, the gate's embedder (MiniLM, loaded on first use)
    and a breaker: after the server itself failed, the rest of the run keeps extractive
    briefs at once instead of waiting on it story after story."""

    def __init__(
        self, options: LLMOptions, chat: Chat | None = None, embedder: Any = "default"
    ) -> None:
        """``embedder``: the gate's similarity model; ``"default"`` loads MiniLM on first
        use, None leaves the similarity check out (the structural checks still decide)."""
        self.options = options
        self.chat: Chat = chat or http_chat(options)
        self.judge: Judge | None = None
        if options.judge:
            other = options.judge_model not in ("", options.model) and chat is None
            judging = http_chat(replace(options, model=options.judge_model)) if other else None
            self.judge = Judge(judging or self.chat)
        self._embedder = embedder
        self._lock = threading.Lock()
        self.down: str | None = None
        self._judge_said = False

    def embedder(self) -> Any:
        with self._lock:
            if isinstance(self._embedder, str):
                from glimpse.enrich.embed import default_embedder

                self._embedder = default_embedder()
            return self._embedder

    @property
    def key(self) -> str:
        """The writer key briefs written by this writer are stored under."""
        return Writer("llm", self.options.model, WRITER).key

    def write(self, brief: Brief, articles: Sequence[Article]) -> tuple[Brief, str | None]:
        """The LLM brief, or ``brief`` itself with the reason the model could not be used."""
        if self.down is not None:
            return (
                brief,
                f"extractive brief kept: server unavailable earlier in this run ({self.down})",
            )
        try:
            out, _ = write_brief(brief, articles, self.chat, model=self.options.model,
                                 budget=self.options.budget, embedder=self.embedder(),
                                 judge=self.judge)  # fmt: skip
        except LLMUnavailable as exc:
            if exc.transport:
                self.down = str(exc)
            return brief, f"extractive brief kept: {exc}"
        except Exception as exc:  # a writer bug must not cost the story its brief
            log.exception("the LLM writer failed on story %s", brief.story)
            return brief, f"extractive brief kept: the LLM writer failed ({exc!r})"
        finally:
            self._say_judge()
        return out, None

    def _say_judge(self) -> None:
        """Log once per run that the endpoint cannot judge (its briefs lack ``entailment``)."""
        if self.judge is not None and self.judge.down and not self._judge_said:
            self._judge_said = True
            log.warning("entailment judge not used: %s", self.judge.down)
