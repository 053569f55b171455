"""A story's thread as pages and the API show it: rows of earlier, later and related stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glimpse.publish.links import Links
from glimpse.publish.list_view import row_dict
from glimpse.store import Store, StoryRow
from glimpse.threads import MAIN_TAGS, Subject, link_thread, subject_weights


@dataclass(frozen=True, slots=True)
class ThreadView:
    """The story's own row and the rows :func:`glimpse.threads.link_thread` linked to it."""

    story: StoryRow
    earlier: Sequence[StoryRow] = ()
    later: Sequence[StoryRow] = ()
    related: Sequence[StoryRow] = ()

    @property
    def empty(self) -> bool:
        return not (self.earlier or self.later or self.related)


def load_thread(store: Store, story_id: str) -> ThreadView | None:
    """The thread of a live, briefed story (None for any other id)."""
    own = store.story_rows([story_id])
    if not own:
        return None
    found = store.story_subjects(list(own[0].tags[:MAIN_TAGS]))
    subjects = [Subject(story, tags, seen) for story, tags, seen in found]
    me = next((s for s in subjects if s.story == story_id), None)
    if me is None:
        return ThreadView(own[0])
    all_tags = sorted({t for s in subjects for t in s.tags[:MAIN_TAGS]})
    counts, total = store.tag_counts(all_tags)
    thread = link_thread(me, subjects, subject_weights(counts, total))
    rows = {r.story: r for r in store.story_rows([*thread.earlier, *thread.later, *thread.related])}

    def pick(ids: Sequence[str]) -> list[StoryRow]:
        return [rows[i] for i in ids if i in rows]

    return ThreadView(own[0], pick(thread.earlier), pick(thread.later), pick(thread.related))


def thread_json(view: ThreadView, links: Links) -> dict[str, Any]:
    """``/stories/<id>/thread.json``: every row shaped like a row of ``/stories.json``."""
    return {
        "ok": True,
        "story": row_dict(view.story, links),
        "earlier": [row_dict(r, links) for r in view.earlier],
        "later": [row_dict(r, links) for r in view.later],
        "related": [row_dict(r, links) for r in view.related],
    }
