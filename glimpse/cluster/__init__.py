"""Story clustering: near-duplicates (MinHash LSH) and online story assignment.

Registered as :data:`ALGORITHM` (``glimpse.cluster.online.v1``).
"""

from glimpse.cluster.assign import Assignment, assign_story, cluster_articles, story_id_for
from glimpse.cluster.index import StoryIndex
from glimpse.cluster.item import ClusterItem
from glimpse.cluster.minhash import minhash_signature
from glimpse.cluster.options import ALGORITHM, ClusterOptions

__all__ = [
    "ALGORITHM",
    "Assignment",
    "ClusterItem",
    "ClusterOptions",
    "StoryIndex",
    "assign_story",
    "cluster_articles",
    "minhash_signature",
    "story_id_for",
]
