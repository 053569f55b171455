"""Hostile input and faults: every test in tests/hostile/ on its own, with its time and memory.

Run from the repository root:
    .venv/bin/python -m bench.hostile [--kills 60] [--seed 16] [--cold] [--each] [--no-write]

It lists the tests with ``pytest --collect-only -q tests/hostile`` (so tests added there later
are picked up), then runs each test function (all its parametrized cases together; ``--each``
runs every node id on its own) as a separate ``pytest -q`` child and reports the outcome, the
wall seconds and the peak resident memory of the child and everything it started (``wait4``).
A longer crash run follows: the crash test again with ``--kills`` SIGKILLs (default 60) instead
of the suite's 20, forked from a warm parent; ``--cold`` adds the same run with a fresh
``.venv/bin/glimpse`` process per command. Writes the "hostile" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass

from bench._report import ROOT, machine, table, write_section

SUITE = "tests/hostile"
CRASH_TEST = "tests/hostile/test_crash.py"


@dataclass(frozen=True)
class Row:
    case: str
    outcome: str
    seconds: float
    peak_mb: float
    detail: str = ""  # the first assertion line of a failure


def collect(each: bool) -> list[str]:
    """The node ids under tests/hostile, or their test functions (parameters stripped)."""
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", SUITE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env({}),
    ).stdout
    ids = [line.strip() for line in out.splitlines() if "::" in line]
    if each:
        return ids
    return list(dict.fromkeys(re.sub(r"\[.*\]$", "", node) for node in ids))


def _env(extra: dict[str, str]) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return os.environ | {"PYTHONPATH": path} | extra


def measure(case: str, target: str, extra_env: dict[str, str] | None = None) -> Row:
    """Run one pytest target as a child; its outcome line, wall seconds and peak RSS."""
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", target],
        cwd=ROOT,
        env=_env(extra_env or {}),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    # wait4 gives the child's own rusage, whose ru_maxrss covers the descendants it reaped.
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    errors = [line[2:].strip() for line in output.splitlines() if line.startswith("E ")]
    detail = errors[0][:200] if errors else ""
    return Row(case, _outcome(output, proc.returncode), seconds, usage.ru_maxrss / 1024, detail)


def _outcome(output: str, code: int) -> str:
    """pytest's summary, e.g. ``3 passed`` or ``1 failed, 2 passed``; the exit code otherwise."""
    for line in reversed(output.strip().splitlines()):
        found = re.findall(r"(\d+ (?:passed|failed|skipped|error|errors|xfailed|xpassed))", line)
        if found:
            return ", ".join(found)
    return f"exit {code}"


def run(kills: int, seed: int, cold: bool, each: bool) -> list[Row]:
    rows = []
    for node in collect(each):
        row = measure(node.removeprefix(f"{SUITE}/"), node)
        print(f"{row.case}: {row.outcome}, {row.seconds:.1f} s, {row.peak_mb:.0f} MB", flush=True)
        rows.append(row)
    runs = [("warm", "0")] + ([("cold", "1")] if cold else [])
    for mode, flag in runs:
        env = {"GLIMPSE_CRASH_KILLS": str(kills), "GLIMPSE_CRASH_SEED": str(seed)}
        row = measure(
            f"crash run: {kills} kills, seed {seed}, {mode} processes",
            CRASH_TEST,
            env | {"GLIMPSE_CRASH_COLD": flag},
        )
        print(f"{row.case}: {row.outcome}, {row.seconds:.1f} s, {row.peak_mb:.0f} MB", flush=True)
        rows.append(row)
    return rows


def report(rows: list[Row], command: str) -> str:
    body = table(
        ["case", "outcome", "seconds", "peak memory (MB)"],
        [[r.case, r.outcome, f"{r.seconds:.1f}", f"{r.peak_mb:.0f}"] for r in rows],
    )
    failed = [
        f"`{r.case}` ({r.detail or 'see its output'})"
        for r in rows
        if "failed" in r.outcome or "error" in r.outcome
    ]
    return (
        "## Hostile input and faults (issue 16)\n\n"
        f"`{command}` ({machine()}). Each test of `tests/hostile/` runs as its own `pytest -q`"
        " child; seconds are wall time including pytest's start-up, peak memory is the child's"
        " maximum resident set (with everything it started). The crash runs SIGKILL `ingest`,"
        " `build` and `publish` at seeded random moments and check the database (integrity,"
        " no stored article lost, same counts after a re-run) and the site after each.\n\n"
        f"{body}\n\n"
        + ("Failing: " + "; ".join(failed) + ".\n" if failed else "Every case passed.\n")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=60, help="SIGKILLs in the long crash run")
    parser.add_argument("--seed", type=int, default=16, help="seed of the kill moments")
    parser.add_argument("--cold", action="store_true", help="also crash fresh CLI processes")
    parser.add_argument("--each", action="store_true", help="one child per parametrized case")
    parser.add_argument("--no-write", action="store_true", help="print only; keep BENCHMARKS.md")
    args = parser.parse_args()
    rows = run(args.kills, args.seed, args.cold, args.each)
    flags = [f"--kills {args.kills}", f"--seed {args.seed}"]
    flags += [f for f, on in (("--cold", args.cold), ("--each", args.each)) if on]
    markdown = report(rows, ".venv/bin/python -m bench.hostile " + " ".join(flags))
    print(markdown)
    if not args.no_write:
        write_section("hostile", markdown)


if __name__ == "__main__":
    main()
