"""Cluster: assign what is new to stories, online, over the stored index state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from glimpse.models import Article, Features, RunReport

if TYPE_CHECKING:
    from glimpse.cluster import Assignment, ClusterOptions
    from glimpse.store import Store


def assign(
    articles: list[Article],
    features: list[Features],
    state: bytes | None = None,
    options: ClusterOptions | None = None,
) -> tuple[list[Assignment], bytes]:
    """Online story assignment over the stored index state; returns the new state too."""
    from glimpse.cluster import StoryIndex, cluster_articles

    index = StoryIndex.from_state(state, options) if state else StoryIndex(options)
    assignments = cluster_articles(articles, features, index, options)
    return assignments, index.to_state()


def cluster_new(store: Store, report: RunReport, options: ClusterOptions | None) -> None:
    """Assign the stored articles no story holds yet, and save the assignments and state."""
    with store.assigning():  # several workers on one PostgreSQL desk take turns here
        articles = store.unclustered()
        if articles:
            features = store.features([a.id for a in articles])
            assignments, state = assign(articles, features, store.cluster_state(), options)
            merges = [m for a in assignments for m in a.merged]
            store.save_assignments([(a.article, a.story) for a in assignments], merges, state)
            report.count("clustered", len(assignments))
            report.count("stories.new", sum(a.new_story for a in assignments))
            report.count("stories.merged", len(merges))
