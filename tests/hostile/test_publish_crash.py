"""kill -9 of ``glimpse publish`` at many points: the folder holds the old complete site or the new
complete one, and the next publish recovers and leaves no temporaries."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glimpse.publish import publish_site
from glimpse.publish.sample import fill_store
from glimpse.publish.target import MANIFEST, recover
from glimpse.store import Store

#: Named points of the publish (``GLIMPSE_PUBLISH_CRASH_AT``): during the build, before and after
#: the one-step exchange, and - without the exchange call - between and after the two renames.
HOOKED = [
    ("build:1", False),
    ("build:30", False),
    ("build:120", False),
    ("swap:before", False),
    ("swap:exchanged", False),
    ("swap:aside", True),
    ("swap:renamed", True),
]
RANDOM_KILLS = 3

Snapshot = frozenset[str]


def snapshot(folder: Path) -> Snapshot:
    """The site's files, each checked against the manifest (a partial site fails here)."""
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    listed = json.loads((folder / MANIFEST).read_text())["files"]
    assert files - {MANIFEST} == set(listed), sorted(files ^ set(listed))[:5]
    assert all((folder / f).stat().st_size > 0 for f in files)
    return frozenset(listed)


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Snapshot, Snapshot]:
    root = tmp_path_factory.mktemp("crash")
    refs = []
    for name, first, count in (("old", 0, 3), ("new", 20, 6)):
        with Store(root / f"{name}.db") as store:
            fill_store(store, count, first=first)
            publish_site(store, root / f"ref-{name}")
        refs.append(snapshot(root / f"ref-{name}"))
    return root / "old.db", root / "new.db", refs[0], refs[1]


def _start(out: Path, db: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "glimpse", "publish", str(out), "--db", str(db)]
    return subprocess.Popen(
        cmd, env=os.environ | env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _fresh_old_site(old_db: Path, out: Path) -> None:
    with Store(old_db) as store:
        publish_site(store, out)


def _check_then_recover(out: Path, new_db: Path, old: Snapshot, new: Snapshot) -> str:
    """Which complete site the crash left ("old"/"new"); then publish again and check it."""
    if not out.exists():  # only between the two renames of the no-exchange path
        recover(out)
    now = snapshot(out)
    assert now in (old, new), sorted(now ^ new)[:5]
    left = "new" if now == new else "old"
    with Store(new_db) as store:
        publish_site(store, out)
    assert (snapshot(out)) == new
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    return left


@pytest.mark.parametrize(("point", "no_exchange"), HOOKED)
def test_a_kill_at_a_named_point_leaves_a_complete_site(
    desks: tuple[Path, Path, Snapshot, Snapshot], tmp_path: Path, point: str, no_exchange: bool
) -> None:
    old_db, new_db, old, new = desks
    out = tmp_path / "site"
    _fresh_old_site(old_db, out)
    env = {"GLIMPSE_PUBLISH_CRASH_AT": point}
    if no_exchange:
        env["GLIMPSE_PUBLISH_NO_EXCHANGE"] = "1"
    proc = _start(out, new_db, env)
    assert proc.wait(timeout=120) == -signal.SIGKILL
    expected = "new" if point in ("swap:exchanged", "swap:renamed") else "old"
    assert _check_then_recover(out, new_db, old, new) == expected


def test_kills_at_random_times_leave_a_complete_site(
    desks: tuple[Path, Path, Snapshot, Snapshot], tmp_path: Path
) -> None:
    old_db, new_db, old, new = desks
    out = tmp_path / "site"
    _fresh_old_site(old_db, out)
    started = time.monotonic()
    _start(out, new_db, {}).wait(timeout=120)
    took = time.monotonic() - started
    rng = random.Random(16)
    for _ in range(RANDOM_KILLS):
        _fresh_old_site(old_db, out)
        proc = _start(out, new_db, {})
        time.sleep(rng.uniform(0.3, 1.0) * took)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=120)
        _check_then_recover(out, new_db, old, new)
