"""Plain-text and Markdown renderings of a brief for the terminal."""

from __future__ import annotations

from glimpse.models import Brief, SupportRef
from glimpse.serialize import iso


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown: every sentence is followed by its support as [article:sentence]."""

    def cite(refs: tuple[SupportRef, ...]) -> str:
        return " ".join(f"[{r.article}:{r.sentence}]" for r in refs)

    lines = [f"# {brief.headline}", ""]
    if brief.tags:
        lines += [" · ".join(brief.tags), ""]
    if brief.unwritten:  # only headlines so far: no written part
        lines += [f"_{brief.unwritten}_", ""]
    lines += [" ".join(f"{s.text} {cite(s.support)}" for s in brief.summary), ""]
    for para in brief.body:
        lines += [" ".join(f"{s.text} {cite(s.support)}" for s in para), ""]
    if brief.key_quote:
        q = brief.key_quote
        lines += [f"> {q.text}", f"> — {q.speaker or 'unattributed'} ({q.outlet or q.article})", ""]
    lines += [f"Updated at {iso(brief.updated_at) or 'unknown'}", "", "## Sources", ""]
    for s in brief.sources:
        title = f"[{s.headline}]({s.url})" if s.url else s.headline
        lines.append(f"- **{s.outlet or '-'}** — {title} {iso(s.published) or ''}")
        if s.lede:
            lines.append(f"  {s.lede[:300]}")
    return "\n".join(lines).rstrip() + "\n"
