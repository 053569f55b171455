"""Shared helpers for the benchmark scripts: data paths and BENCHMARKS.md sections.

Each script owns one section of BENCHMARKS.md, delimited by HTML comments, and rewrites only
that section, so scripts can be rerun independently.
"""

from __future__ import annotations

import fcntl
import os
import platform
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("GLIMPSE_BENCH_DATA", ROOT.parent / "shared" / "data"))
BENCHMARKS = ROOT / "BENCHMARKS.md"
HEADER = (
    "# glimpse benchmarks\n\nFigures measured on the public benchmark data in `../shared/data/`.\n"
)


def machine() -> str:
    """A one-line description of where a figure was measured."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
    except OSError:
        commit = "?"
    py = f"{platform.python_implementation()} {platform.python_version()}"
    return f"{py}, {os.cpu_count()} cores, commit {commit}"


def write_section(name: str, markdown: str) -> None:
    """Replace (or append) the ``name`` section of BENCHMARKS.md with ``markdown``."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{markdown.rstrip()}\n{end}"
    with open(ROOT / ".benchmarks.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = BENCHMARKS.read_text() if BENCHMARKS.exists() else HEADER
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
        text = (
            pattern.sub(lambda _: block, text)
            if pattern.search(text)
            else f"{text.rstrip()}\n\n{block}\n"
        )
        BENCHMARKS.write_text(text)


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table; floats are shown with three decimals."""

    def cell(v: object) -> str:
        return f"{v:.3f}" if isinstance(v, float) else str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
