"""Backfill: an archive through extract → enrich on Ray, into Parquet shards, then the store.

Needs the ``scale`` extra (``pip install 'glimpse[scale]'``: Ray and pyarrow); importing this
package does not import either, so ``glimpse backfill`` without them fails with one line.
"""

from glimpse.backfill.run import BackfillOptions, Timings, backfill

__all__ = ["BackfillOptions", "Timings", "backfill"]
