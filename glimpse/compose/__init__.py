"""The compose stage: grounded story briefs (headline, summary, body, key quote, sources).

``compose_brief`` is the stage's pure core; ``check_grounding`` is the check every brief passes
before it is stored; ``unsupported_terms`` is the lexical support test underneath it.
"""

from glimpse.compose.brief import WRITER, compose_brief, draft_brief
from glimpse.compose.grounding import check_grounding, unsupported_facts, unsupported_terms
from glimpse.compose.options import ComposeOptions

__all__ = [
    "WRITER",
    "ComposeOptions",
    "check_grounding",
    "compose_brief",
    "draft_brief",
    "unsupported_facts",
    "unsupported_terms",
]
