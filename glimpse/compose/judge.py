"""The entailment judge: a second model call asks whether the cited sentences support a claim.

The structural checks of :mod:`glimpse.compose.verify` catch what can be named (a number, a
name, a negation, a quotation); a claim can pass them all and still say something its
sources do not ("the council rejected the plan" against "the council debated the plan").
When the ``[llm]`` endpoint is there anyway, one more short call settles that, as
MiniCheck-style checkers do: the sources and the claim in, ``supported`` or ``not
supported`` out (a JSON schema with an enum, so a grammar-constrained server can only
answer one of the two).

The judge only ever takes a sentence away: a claim it calls supported still needs every
structural check. Before its first verdict counts, a judge must pass a probe: one claim its
source plainly supports and the same claim turned round (a model that answers "not
supported" to everything, as a 270M one does, would otherwise refuse every sentence, and
one that answers "supported" to everything would be a check in name only). An endpoint
that fails the probe or cannot judge (an error, an answer that is neither verdict) is not
asked again by the same :class:`Judge`; its sentences are stored without the
``entailment`` check, never with a made-up one.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from glimpse.compose.llm_client import Chat, LLMUnavailable, parse_answer

__all__ = ["JUDGE_SYSTEM", "PROBE", "SCHEMA", "Judge", "judge_messages", "parse_verdict"]

JUDGE_SYSTEM = (
    "You check news summaries for faithfulness. You get source sentences and one claim. "
    "The claim is supported only if the source sentences state everything it says: the same "
    "people, places, numbers and dates, the same negations, and the same attribution (who "
    "said it). Anything added, changed or turned around makes it not supported. Answer JSON "
    'only: {"verdict": "supported"} or {"verdict": "not supported"}.'
)
#: the probe: a source sentence, a claim it supports and the same claim turned round
PROBE = (
    "The river authority opened the new bridge on Monday, its spokesman said.",
    "Its spokesman said the river authority opened the new bridge on Monday.",
    "Its spokesman said the river authority closed the new bridge on Monday.",
)
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"verdict": {"type": "string", "enum": ["supported", "not supported"]}},
    "required": ["verdict"],
}


def judge_messages(claim: str, support: Sequence[str]) -> list[dict[str, str]]:
    """The judge's question: the numbered source sentences, then the claim."""
    listing = "\n".join(f"[{n}] {s}" for n, s in enumerate(support, 1))
    ask = f"Source sentences:\n{listing}\n\nClaim: {claim}\n\nIs the claim supported?"
    return [{"role": "system", "content": JUDGE_SYSTEM}, {"role": "user", "content": ask}]


def parse_verdict(content: str) -> bool | None:
    """True for ``supported``, False for ``not supported``, None for anything else (a JSON
    object is read when there is one, else the bare words)."""
    try:
        value: Any = parse_answer(content).get("verdict")
    except LLMUnavailable:
        value = content
    if not isinstance(value, str):
        return None
    words = " ".join(value.lower().replace("_", " ").replace("-", " ").split()).strip(" .!\"'")
    if words in ("not supported", "unsupported", "no"):
        return False
    if words in ("supported", "yes"):
        return True
    return None


class Judge:
    """Entailment verdicts from ``chat``. The first call runs the :data:`PROBE`; after a
    failed probe or the first unusable answer it stops asking (``down`` says why) and every
    later verdict is None. Thread-safe."""

    def __init__(self, chat: Chat) -> None:
        self.chat = chat
        self.down: str | None = None
        self.calls = 0
        self.probed = False
        self._lock = threading.Lock()

    def __call__(self, claim: str, support: Sequence[str]) -> bool | None:
        """Whether ``support`` entails ``claim``; None when the endpoint cannot judge."""
        with self._lock:  # one probe per judge, before any verdict counts
            if not self.probed:
                self.probed = True
                self._probe()
        if self.down is not None or not support:
            return None
        return self._ask(claim, support)

    def _probe(self) -> None:
        source, good, turned = PROBE
        answers = (self._ask(good, [source]), self._ask(turned, [source]))
        if self.down is None and answers != (True, False):
            said = ", ".join("supported" if a else "not supported" for a in answers)
            self.down = f"the model failed the judge's probe (answered {said})"

    def _ask(self, claim: str, support: Sequence[str]) -> bool | None:
        if self.down is not None:
            return None
        try:
            verdict = parse_verdict(self.chat(judge_messages(claim, support), SCHEMA))
            reason = "the judge's answer is neither verdict" if verdict is None else None
        except LLMUnavailable as exc:
            verdict, reason = None, str(exc)
        self.calls += 1
        if reason is not None and self.down is None:
            self.down = reason
        return verdict
