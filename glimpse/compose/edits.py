"""Grounded edits: the only changes a brief may make to a source sentence besides cutting.

Two kinds, both recorded on the sentence (``BriefSentence.edits``) so a reader and the grounding
check see exactly what changed:

- a *reference*: an opening "He", "She", "His" or "The company" replaced by the name it refers
  to, taken from an earlier sentence of the same article (``Edit(source="He", to="Stephen
  Paddock", article, sentence)``);
- an *attribution frame*: ", according to <name>" added before the final stop, where the name
  is the support article's outlet or a name in the support sentence
  (``Edit(source="", to=", according to npr.org", article, sentence)``).

:func:`undo_edits` gives back the sentence as the source wrote it (what the lexical and meaning
checks compare), and :func:`edit_problems` checks that each edit's new words come from where it
says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from glimpse.compose.terms import unsupported_keys
from glimpse.models import Article, Edit, SupportRef

FRAME = re.compile(r"^, according to (?P<name>.+)$")
# How far back (in sentences of the same article) a referent may be taken from.
REACH = 3
HOST_PREFIX = re.compile(r"^(?:https?://)?(?:www\d?|m|mobile|amp|edition|uk|us|eu)\.", re.I)


def outlet_name(source: str | None) -> str | None:
    """The outlet as an attribution names it: its domain without "www." ("npr.org")."""
    if not source:
        return None
    name = source.strip().split("/")[0] if "://" not in source else source.split("/")[2]
    while HOST_PREFIX.match(name):
        name = HOST_PREFIX.sub("", name, count=1)
    return name or None


def frame_edit(text: str, name: str, article: str, sentence: int) -> tuple[str, Edit]:
    """``text`` with ", according to <name>" before its final stop, and the edit that says so."""
    body = text.rstrip()
    end = ""
    while body and body[-1] in ".!\"”'’":
        end = body[-1] + end
        body = body[:-1]
    if any(q in end for q in "\"”'’"):  # never inside a closing quotation
        body, end = body + end.rstrip("."), "."
    addition = f", according to {name}"
    return f"{body}{addition}{end or '.'}", Edit("", addition, article, sentence)


def undo_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` as its source wrote it: each edit's ``to`` turned back into its ``source``."""
    for edit in reversed(edits):
        at = text.find(edit.to)
        if at < 0:
            continue
        source = edit.source
        if at == 0 and source[:1].islower():
            source = source[:1].upper() + source[1:]
        text = text[:at] + source + text[at + len(edit.to) :]
    return text


def is_name_expansion(edit: Edit) -> bool:
    """A surname or a first name given its full name ("Watts" -> "Shannon Watts", "Sarah" ->
    "Sarah Silverman"): the article may have introduced the person any number of sentences
    before (:mod:`glimpse.compose.names`)."""
    source = edit.source
    return (
        " " not in source
        and source[:1].isupper()
        and (edit.to.endswith(f" {source}") or edit.to.startswith(f"{source} "))
        and len(edit.to.split()) <= 3
    )


def _reference_problems(edit: Edit, article: Article, support: SupportRef) -> list[str]:
    if not 0 <= edit.sentence < len(article.sentences):
        return [f"edit {edit.to!r}: article {edit.article!r} has no sentence {edit.sentence}"]
    reach = support.sentence if is_name_expansion(edit) else REACH
    if not 0 < support.sentence - edit.sentence <= reach:
        return [f"edit {edit.to!r}: its sentence is not just before the support"]
    cited = article.sentences[edit.sentence].text
    if missing := unsupported_keys(edit.to, [cited]):
        return [f"edit {edit.to!r}: not in its sentence: {', '.join(missing)}"]
    return []


def _frame_problems(edit: Edit, article: Article) -> list[str]:
    match = FRAME.match(edit.to)
    if match is None:
        return [f"edit {edit.to!r}: not a known attribution frame"]
    name = match.group("name")
    inside = 0 <= edit.sentence < len(article.sentences)
    cited = article.sentences[edit.sentence].text if inside else ""
    if name == outlet_name(article.source) or (cited and not unsupported_keys(name, [cited])):
        return []
    return [f"edit {edit.to!r}: the name is neither the outlet nor in the sentence"]


def edit_problems(
    edits: Sequence[Edit], support: Sequence[SupportRef], articles: Mapping[str, Article]
) -> list[str]:
    """Every edit whose words do not come from where it says; empty when all are grounded."""
    problems: list[str] = []
    for edit in edits:
        article = articles.get(edit.article)
        ref = next((r for r in support if r.article == edit.article), None)
        if article is None or ref is None:
            problems.append(f"edit {edit.to!r}: its article is not the sentence's support")
        elif edit.source:
            problems += _reference_problems(edit, article, ref)
        else:
            problems += _frame_problems(edit, article)
    return problems
