"""End-to-end helpers: the real CLI in a subprocess and a small slice of the demo corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glimpse.demo.server import WireArticle, load_corpus


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json_lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> Result:
    """Run ``python -m glimpse ARGS`` as a user would; no politeness delay on loopback."""
    env = os.environ | {"GLIMPSE_FETCH_MIN_INTERVAL": "0", "COLUMNS": "200"}
    proc = subprocess.run(
        [sys.executable, "-m", "glimpse", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        input=stdin,
        timeout=600,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def small_corpus(events: int = 3, per_event: int = 4) -> list[WireArticle]:
    """A few multi-outlet events from the bundled corpus, chosen by title prefix groups."""
    import json as _json
    from importlib import resources

    rows = [
        _json.loads(line)
        for line in (resources.files("glimpse.demo") / "corpus" / "articles.jsonl")
        .read_text("utf-8")
        .splitlines()
    ]
    order: list[str] = []
    for row in rows:
        if row["event"] not in order:
            order.append(row["event"])
    keep = set(order[:events])
    chosen_ids, counts = set(), dict.fromkeys(keep, 0)
    for row in rows:
        if row["event"] in keep and counts[row["event"]] < per_event:
            counts[row["event"]] += 1
            chosen_ids.add(row["doc_id"][:16])
    return [a for a in load_corpus() if a.slug in chosen_ids]
