"""Briefs of the giveme5w1h events as a user gets them, from one checkout of glimpse's code.

The events are split once, by event id, into a tuning and a held-out half (``split_events``).
``run_code`` writes one JSONL input with a ``story`` field per event and runs the real CLI,
``python -m glimpse brief <input> --json`` and ``glimpse extract <input> --json``, with
``PYTHONPATH`` set to the code under test, so the "before" commit is scored by the same command
as the current tree. Nothing is cached between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench._briefdata import CLUSTERS

WORK = Path("/tmp/editor-bench")
# The split written down for the issue: sha256(f"giveme-event-{id}") % 2 == 0 is tuning.
TUNING = (3, 6, 13, 17, 18, 31, 32, 34, 36, 37, 38, 43, 56, 62, 65, 70)
HELD_OUT = (5, 10, 12, 15, 19, 20, 21, 24, 33, 47, 52, 53, 57, 60, 63, 66, 67, 68, 71, 74, 75)


def _rows() -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in CLUSTERS.read_text().splitlines()]
    return [r for r in rows if (r.get("text") or "").strip()]


def is_tuning(event: int) -> bool:
    return int(hashlib.sha256(f"giveme-event-{event}".encode()).hexdigest(), 16) % 2 == 0


def split_events() -> dict[str, tuple[int, ...]]:
    """Multi-article events by half; the rule must reproduce the lists agreed for the issue."""
    counts = Counter(int(r["event_id"]) for r in _rows())
    multi = sorted(e for e, n in counts.items() if n >= 2)
    halves = {
        "tuning": tuple(e for e in multi if is_tuning(e)),
        "held-out": tuple(e for e in multi if not is_tuning(e)),
    }
    assert halves == {"tuning": TUNING, "held-out": HELD_OUT}, halves
    return halves


def write_input(events: tuple[int, ...], path: Path) -> None:
    """The events' articles in glimpse's JSONL input format, one ``story`` per event."""
    wanted = set(events)
    with path.open("w") as out:
        for r in _rows():
            if int(r["event_id"]) not in wanted:
                continue
            record = {
                "id": r["doc_id"][:16],
                "url": r.get("url"),
                "title": r.get("title") or "",
                "text": r["text"],
                "published": r.get("date_publish"),
                "source": r.get("source_domain"),
                "story": f"event-{r['event_id']}",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class Run:
    code: Path
    commit: str
    briefs: dict[int, dict[str, Any]]  # event id -> Brief JSON
    articles: dict[str, dict[str, Any]]  # article id -> Article JSON (with sentences)


def _env(code: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLIMPSE_")}
    env["PYTHONPATH"] = str(code)
    return env


def _glimpse(code: Path, *args: str) -> list[dict[str, Any]]:
    # cwd is a scratch folder: with `-m`, the cwd is first on sys.path and no glimpse.toml is read
    done = subprocess.run(
        [sys.executable, "-m", "glimpse", *args, "--json"],
        cwd=WORK, env=_env(code), capture_output=True, text=True, check=False,
    )  # fmt: skip
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if done.returncode not in (0, 1) or not records:
        raise RuntimeError(f"glimpse {args[0]} failed on {code}: {done.stderr[-2000:]}")
    for line in done.stderr.splitlines():  # a story whose brief failed is reported, not fatal
        if line.startswith("error:"):
            print(f"  {code.name}: {line}", file=sys.stderr)
    return records


def commit_of(code: Path) -> str:
    git = ["git", "-C", str(code)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "glimpse"], capture_output=True, text=True
    )
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def check_import(code: Path) -> None:
    """The subprocess must import glimpse from ``code``, not the venv's installed copy."""
    probe = "import glimpse, pathlib; print(pathlib.Path(glimpse.__file__).resolve())"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=WORK, env=_env(code), capture_output=True, text=True
    )
    where = Path(done.stdout.strip())
    if not where.is_relative_to(code.resolve()):
        raise RuntimeError(f"glimpse resolves to {where}, not under {code}")


def run_code(code: Path, events: tuple[int, ...]) -> Run:
    WORK.mkdir(parents=True, exist_ok=True)
    check_import(code)
    source = WORK / f"input-{os.getpid()}.jsonl"
    write_input(events, source)
    try:
        briefs = {int(b["story"].split("-")[1]): b for b in _glimpse(code, "brief", str(source))}
        articles = {a["id"]: a for a in _glimpse(code, "extract", str(source))}
    finally:
        source.unlink()
    return Run(code, commit_of(code), briefs, articles)
