"""Hostile records through the real CLI (``python -m glimpse`` in a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests._http import LocalServer

pytestmark = pytest.mark.e2e

PAGE = (
    "<html><head><title>Bridge reopens after repairs</title></head><body><article>"
    "<h1>Bridge reopens after repairs</h1>"
    + "<p>The old bridge over the river reopened on Monday after two years of repairs, "
    "the city council said, and traffic returned to the town centre within hours.</p>"
    * 3
    + "</article></body></html>"
)


def glimpse(*args: str, cwd: Path, python: str | None = None) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"GLIMPSE_FETCH_MIN_INTERVAL": "0", "COLUMNS": "200"}
    command = [sys.executable, "-c", python, *args] if python else [sys.executable, "-m", "glimpse"]
    return subprocess.run(
        command if python else [*command, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


def counts(result: subprocess.CompletedProcess[str]) -> dict[str, int]:
    [line] = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    return dict(line["counts"])


@pytest.fixture
def feed_server(http_server: LocalServer) -> str:
    """A JSON Feed whose first item has ``"url": 12345`` and whose second is a real page."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Town News",
        "items": [
            {"id": "1", "url": 12345},  # with a title: a headline article
            {"id": "2", "url": http_server.url("/bridge"), "title": "Bridge reopens"},
        ],
    }
    http_server.routes.update(
        {
            "/feed.json": (200, {"Content-Type": "application/feed+json"},
                           json.dumps(feed).encode()),
            "/bridge": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode()),
        }
    )  # fmt: skip
    return http_server.url("/feed.json")


def test_json_feed_item_with_an_int_url_is_one_error_and_the_rest_is_stored(
    tmp_path: Path, feed_server: str
) -> None:
    result = glimpse("-q", "ingest", feed_server, "--db", "d.db", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert counts(result)["stored"] == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "no http(s) link" in line and line.endswith("[G009]")


def test_bad_byte_long_text_and_escape_codes_end_in_a_clean_desk(tmp_path: Path) -> None:
    rows = [
        json.dumps({"title": f"Harbour story {n}", "text": f"Boats number {n} came in. " * 5})
        for n in range(50)
    ]
    rows[4] = json.dumps(
        {"title": "Evil \x1b[31mred\x1b[0m \u202eheadline", "text": "The mayor spoke today. " * 5}
    )
    raw = [r.encode() for r in rows]
    raw[2] = raw[2][:15] + b"\xff" + raw[2][15:]
    (tmp_path / "lines.jsonl").write_bytes(b"\n".join(raw))
    paragraph = "The council met on Monday to discuss the library budget at length. " * 30
    (tmp_path / "long.txt").write_text("Council debates library\n" + (paragraph + "\n\n") * 2500)
    assert (tmp_path / "long.txt").stat().st_size > 5_000_000

    first = glimpse("-q", "ingest", "lines.jsonl", "--db", "d.db", "--json", cwd=tmp_path)
    assert first.returncode == 0 and counts(first)["stored"] == 49
    [line] = first.stderr.splitlines()
    assert line.startswith("error: lines.jsonl:3: ") and line.endswith("[G002]")

    second = glimpse("-q", "ingest", "long.txt", "--db", "d.db", cwd=tmp_path)
    assert second.returncode == 0
    assert second.stderr.startswith("warning: long.txt: ingest: text cut to ")

    built = glimpse("-q", "build", "--db", "d.db", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "G016" not in built.stderr and "E088" not in built.stderr

    listed = glimpse("stories", "--db", "d.db", "--limit", "200", cwd=tmp_path)
    assert listed.returncode == 0 and listed.stdout
    assert "\x1b" not in listed.stdout and "\u202e" not in listed.stdout


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "bad\nerror: forged [G999].txt").write_text("")
    result = glimpse("-q", "ingest", str(tmp_path), "--db", "d.db", cwd=tmp_path)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert "\\x0aerror: forged" in line and line.endswith("[G010]")


def test_disk_full_during_ingest_exits_1_with_one_line(tmp_path: Path) -> None:
    rows = [json.dumps({"title": f"T{n}", "text": f"Body number {n} is here."}) for n in range(40)]
    (tmp_path / "a.jsonl").write_text("\n".join(rows))
    inject = (
        "import sqlite3, sys\n"
        "import glimpse.pipeline as p, glimpse.store.articles as a\n"
        "from glimpse.models import Features\n"
        "p.featurize = lambda arts: [Features(article=x.id) for x in arts]\n"
        "def full(*args):\n"
        "    raise sqlite3.OperationalError('database or disk is full')\n"
        "a.insert_article = full\n"
        "sys.argv = ['glimpse', *sys.argv[1:]]\n"
        "from glimpse.cli import main\n"
        "main()\n"
    )
    result = glimpse("-q", "ingest", "a.jsonl", "--db", "d.db", cwd=tmp_path, python=inject)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["error: d.db: cannot write: disk full [G019]"]


@pytest.mark.parametrize(
    "command", [["stories"], ["show", "s1"], ["publish", "site"], ["digest", "--md"]]
)
def test_a_reading_command_on_a_missing_database_is_an_error_not_a_new_file(
    tmp_path: Path, command: list[str]
) -> None:
    result = glimpse(*command, "--db", "typo.db", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().endswith("[G001]")
    assert not (tmp_path / "typo.db").exists() and not (tmp_path / "site").exists()
