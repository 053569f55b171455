"""kill -9 at random moments of `ingest`, `build` and `publish` through the real CLI.

The desk runs a fixed sequence of commands on a small slice of the demo corpus: ingest a first
batch, build, ingest a second batch, build, publish. An uninterrupted run of that sequence
gives the expected article and story counts and each command's duration. Then, on a fresh
desk, every command of the sequence is first SIGKILLed at seeded random moments spread over
its measured duration, and after every kill:

- ``PRAGMA integrity_check`` is ``ok``;
- every article that an earlier completed command stored is still there;
- a killed ``publish`` left the database file in place and its content unchanged.

Then the command is run to completion, and at the end the counts equal the uninterrupted run's
and the site folder holds a complete site.

The commands run ``glimpse.cli:main`` (the ``glimpse`` entry point) in processes forked from
a warmed-up parent that has already imported spaCy, scikit-learn and onnxruntime: a cold
start costs 5-6 s of imports per command, which would put 20 kills past a minute while
telling us nothing about the database. Each child is a real process with its own arguments,
working folder and file descriptors, killed with SIGKILL. ``GLIMPSE_CRASH_COLD=1`` runs
``.venv/bin/glimpse`` as a fresh subprocess instead (the benchmark does both).

``GLIMPSE_CRASH_KILLS`` (default 20) and ``GLIMPSE_CRASH_SEED`` (default 16) set the plan.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("GLIMPSE_CRASH_KILLS", "20"))
SEED = int(os.environ.get("GLIMPSE_CRASH_SEED", "16"))
COLD = os.environ.get("GLIMPSE_CRASH_COLD", "") not in ("", "0")
#: The desk's commands, in order; ``{db}``, ``{a}``, ``{b}`` and ``{site}`` are filled in.
SEQUENCE = [
    ("ingest", "{a}", "--db", "{db}", "--json"),
    ("build", "--db", "{db}", "--json"),
    ("ingest", "{b}", "--db", "{db}", "--json"),
    ("build", "--db", "{db}", "--json"),
    ("publish", "{site}", "--db", "{db}"),
]
PRELOAD = ("glimpse.cli", "glimpse.pipeline", "glimpse.publish", "spacy", "sklearn", "onnxruntime")


@dataclass(frozen=True)
class Outcome:
    code: int | None  # exit status when the command finished, None when it was killed
    seconds: float

    @property
    def killed(self) -> bool:
        return self.code is None


# -- running the CLI --------------------------------------------------------------------------


def _env() -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return os.environ | {"PYTHONPATH": path, "GLIMPSE_FETCH_MIN_INTERVAL": "0", "COLUMNS": "200"}


def _serve_forks() -> None:
    """The warm parent: import once, then fork one child per request read from stdin."""
    for name in PRELOAD:
        importlib.import_module(name)
    from glimpse.cli import main

    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        job = json.loads(line)
        sys.stdout.flush()
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(job, main)
        print(json.dumps(_wait(pid, start, job["kill_after"])), flush=True)


def _child(job: dict[str, Any], main: Any) -> None:
    os.chdir(job["cwd"])
    for fd, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(
            os.path.join(job["cwd"], f"last.{name}"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        )
        os.dup2(out, fd)
    sys.argv = ["glimpse", *job["argv"]]
    code: Any = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    except BaseException:  # any escape is a failed command: keep its traceback for the report
        traceback.print_exc()
        code = 70
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


def _wait(pid: int, start: float, kill_after: float | None) -> dict[str, Any]:
    deadline = start + (kill_after if kill_after is not None else 600.0)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return {"code": os.waitstatus_to_exitcode(status), "seconds": time.monotonic() - start}
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return {"code": None, "seconds": time.monotonic() - start}
        time.sleep(0.002)


class Runner:
    """Runs one CLI command in ``cwd``, killing it with SIGKILL after ``kill_after`` seconds."""

    def __init__(self, cold: bool) -> None:
        self.cold = cold
        self.server: subprocess.Popen[str] | None = None
        if not cold:
            self.server = subprocess.Popen(
                [sys.executable, __file__, "--serve-forks"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=_env(),
            )
            assert self.server.stdout is not None
            assert json.loads(self.server.stdout.readline()) == {"ready": True}

    def run(self, argv: list[str], cwd: Path, kill_after: float | None = None) -> Outcome:
        if self.server is None:
            return self._run_cold(argv, cwd, kill_after)
        assert self.server.stdin is not None and self.server.stdout is not None
        job = {"argv": argv, "cwd": str(cwd), "kill_after": kill_after}
        self.server.stdin.write(json.dumps(job) + "\n")
        self.server.stdin.flush()
        reply = json.loads(self.server.stdout.readline())
        return Outcome(reply["code"], reply["seconds"])

    def _run_cold(self, argv: list[str], cwd: Path, kill_after: float | None) -> Outcome:
        start = time.monotonic()
        with open(cwd / "last.stdout", "w") as out, open(cwd / "last.stderr", "w") as err:
            glimpse = Path(sys.executable).parent / "glimpse"
            proc = subprocess.Popen(
                [str(glimpse), *argv], cwd=cwd, env=_env(), stdout=out, stderr=err
            )
            try:
                code = proc.wait(timeout=kill_after if kill_after is not None else 600)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return Outcome(None, time.monotonic() - start)
        return Outcome(code, time.monotonic() - start)

    def close(self) -> None:
        if self.server is not None:
            assert self.server.stdin is not None and self.server.stdout is not None
            self.server.stdin.close()
            self.server.wait(30)
            self.server.stdout.close()


# -- the desk and what is checked -------------------------------------------------------------


def write_corpus(folder: Path, events: int = 2, per_event: int = 3) -> tuple[Path, Path]:
    """Two JSON Lines batches from the demo corpus: each holds part of every chosen event."""
    text = (resources.files("glimpse.demo") / "corpus" / "articles.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    chosen: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["event"] not in chosen and len(chosen) >= events:
            continue
        group = chosen.setdefault(row["event"], [])
        if len(group) < per_event:
            group.append(row)
    picked = [row for group in chosen.values() for row in group]
    first, second = picked[0::2], picked[1::2]
    paths = folder / "a.jsonl", folder / "b.jsonl"
    for path, batch in zip(paths, (first, second), strict=True):
        path.write_text("".join(json.dumps(r) + "\n" for r in batch), encoding="utf-8")
    return paths


def argv_of(step: tuple[str, ...], desk: Path, corpus: tuple[Path, Path]) -> list[str]:
    names = {"{db}": "desk.db", "{site}": "site", "{a}": str(corpus[0]), "{b}": str(corpus[1])}
    return [names.get(arg, arg) for arg in step]


def connect(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db}?mode=rw", uri=True, timeout=30)


def integrity(db: Path) -> str:
    if not db.exists():
        return "ok"  # killed before the database was created
    with connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def article_ids(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return set()
        return {r[0] for r in conn.execute("SELECT id FROM articles")}


def counts(db: Path) -> tuple[int, int]:
    """(articles, listed stories): what a reader of the desk sees."""
    from glimpse.store.search import count_stories

    with connect(db) as conn:
        return len(article_ids(db)), count_stories(conn)


def content_digest(db: Path) -> str:
    """A digest of every row of every table (SQLite's own statistics tables left out)."""
    digest = hashlib.sha256()
    with connect(db) as conn:
        names = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        ).fetchall()
        for (name,) in names:
            rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
            digest.update(name.encode())
            digest.update(repr(sorted(map(repr, rows))).encode())
    return digest.hexdigest()


def site_is_complete(site: Path, stories: int) -> bool:
    needed = ("index.html", "feed.atom", "feed.json", "stories.json")
    if not all((site / name).is_file() for name in needed):
        return False
    listed = json.loads((site / "stories.json").read_text("utf-8"))
    pages = list((site / "stories").glob("*.html"))
    return bool(listed["total"] == stories and len(pages) >= stories)


def plan(kills: int, seed: int) -> list[int]:
    """How many kills each command of :data:`SEQUENCE` gets: evenly, the rest at random."""
    per_step = [kills // len(SEQUENCE)] * len(SEQUENCE)
    for i in random.Random(seed).sample(range(len(SEQUENCE)), kills % len(SEQUENCE)):
        per_step[i] += 1
    return per_step


@pytest.fixture(scope="module")
def runner() -> Iterator[Runner]:
    run = Runner(COLD)
    yield run
    run.close()


def run_sequence(runner: Runner, desk: Path, corpus: tuple[Path, Path]) -> list[float]:
    durations = []
    for step in SEQUENCE:
        outcome = runner.run(argv_of(step, desk, corpus), desk)
        assert outcome.code == 0, (step, (desk / "last.stderr").read_text())
        durations.append(outcome.seconds)
    return durations


def test_kill_9_anywhere_in_ingest_build_and_publish_loses_nothing(
    runner: Runner, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path)
    calm = tmp_path / "calm"
    calm.mkdir()
    durations = run_sequence(runner, calm, corpus)
    expected = counts(calm / "desk.db")
    assert expected[0] > 0 and expected[1] > 0
    assert site_is_complete(calm / "site", expected[1])

    rng = random.Random(SEED)
    desk = tmp_path / "crash"
    desk.mkdir()
    db = desk / "desk.db"
    kept: set[str] = set()
    killed = 0
    for step, duration, wanted in zip(SEQUENCE, durations, plan(KILLS, SEED), strict=True):
        argv = argv_of(step, desk, corpus)
        before = content_digest(db) if step[0] == "publish" else None
        done = attempts = 0
        while done < wanted and attempts < 6 * wanted:
            attempts += 1
            outcome = runner.run(argv, desk, kill_after=rng.uniform(0.02, 0.98) * duration)
            done += outcome.killed
            if not outcome.killed:  # it ended first: aim within its real length next time
                assert outcome.code == 0, (step, (desk / "last.stderr").read_text())
                duration = outcome.seconds
            assert integrity(db) == "ok", (step, outcome)
            lost = kept - article_ids(db)
            assert not lost, f"{step[0]} killed at {outcome.seconds:.2f}s lost {len(lost)}"
            if before is not None:
                assert content_digest(db) == before, "publish changed the database"
        killed += done
        finished = runner.run(argv, desk)
        assert finished.code == 0, (step, (desk / "last.stderr").read_text())
        kept = article_ids(db)
    assert killed >= KILLS, f"only {killed} of {KILLS} kills landed before the command ended"
    assert counts(db) == expected
    assert site_is_complete(desk / "site", expected[1])
    print(f"\ncrash: {killed} kills ({'cold' if COLD else 'warm'}), counts {expected}")


if __name__ == "__main__" and sys.argv[1:] == ["--serve-forks"]:
    _serve_forks()
