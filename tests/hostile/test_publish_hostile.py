"""Hostile input and faults at publish: a folder that is not ours, script URLs, characters that
break XML or reverse a page, a full disk and a read-only file system."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from glimpse.cli import main
from glimpse.publish import publish_site, site, target
from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

SCRIPT_URLS = (
    "javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    " \x01\tjavascript:alert(3)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==",
    "vbscript:msgbox(5)",
)
BAD_TEXT = "Harbour\x00 closes\x1b[31m after \u202estorm\u2066 \x0b\ufffe"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "glimpse.db"
    with Store(path) as store:
        fill_store(store, 2)
        for i, url in enumerate(SCRIPT_URLS):
            articles = [replace(sample_article(60 + i, n), url=f"{url}#{n}") for n in range(2)]
            add_story(store, story_id(60 + i), articles, ("Lisbon",))
        bad = [sample_article(70, 0, title=BAD_TEXT), sample_article(70, 1)]
        add_story(store, story_id(70), bad, (BAD_TEXT, "Lisbon"))
    return path


@pytest.fixture(scope="module")
def hostile_site(hostile_db: Path) -> Path:
    out = hostile_db.parent / "site"
    with Store(hostile_db) as store:
        publish_site(store, out)
    return out


@pytest.fixture(scope="module")
def client(hostile_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db)) as c:
        yield c


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glimpse", *args], capture_output=True, text=True, cwd=cwd
    )


def test_publish_into_the_folder_of_the_database_refuses_and_touches_nothing(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "glimpse.db") as store:
        fill_store(store, 2)
    (tmp_path / "notes.txt").write_text("my notes")
    names = sorted(p.name for p in tmp_path.parent.iterdir())
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    done = _cli("publish", ".", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("[G017]") and "--force" in lines[0]
    assert str(tmp_path) in lines[0] and "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == names
    with Store(tmp_path / "glimpse.db") as store:
        assert len(store.list_stories(limit=10)) == 2


def test_publish_dot_with_force_leaves_the_database_alone(tmp_path: Path) -> None:
    with Store(tmp_path / "glimpse.db") as store:
        fill_store(store, 2)
    db = (tmp_path / "glimpse.db").read_bytes()
    done = _cli("publish", ".", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "index.html").is_file() and (tmp_path / "glimpse.db").read_bytes() == db
    assert "glimpse.db" not in json.loads((tmp_path / ".glimpse-site.json").read_text())["files"]


def _hrefs(doc: lxml_html.HtmlElement) -> list[str]:
    return [str(v) for v in doc.xpath("//@href | //@src | //@cite | //@action")]


def test_script_urls_are_never_links_in_the_static_site(hostile_site: Path) -> None:
    pages = list(hostile_site.rglob("*.html"))
    for page in pages:
        for value in _hrefs(lxml_html.fromstring(page.read_bytes())):
            scheme = value.split(":", 1)[0].lower().strip() if ":" in value else ""
            assert scheme in ("", "http", "https") or value == "data:,", f"{page}: {value!r}"
    story = (hostile_site / "stories" / f"{story_id(60)}.html").read_text()
    assert "javascript:alert(1)#0" in story  # shown as text, so a reader can still see it


def test_script_urls_are_never_links_in_served_pages(client: TestClient) -> None:
    for i in range(len(SCRIPT_URLS)):
        page = client.get(f"/stories/{story_id(60 + i)}")
        assert page.status_code == 200
        values = _hrefs(lxml_html.fromstring(page.content))
        assert not [v for v in values if "alert" in v or "msgbox" in v or v.startswith("data:t")]


def test_control_characters_do_not_break_the_static_feeds(hostile_site: Path) -> None:
    for rel in ("feed.atom", "tags/lisbon.atom"):
        raw = (hostile_site / rel).read_bytes()
        root = etree.fromstring(raw)  # strict: raises on any illegal character
        titles = [t.text or "" for t in root.iter("{http://www.w3.org/2005/Atom}title")]
        assert any(t.startswith("Harbour closes[31m after storm") for t in titles), titles
        assert not feedparser.parse(raw).bozo
    feed = json.loads((hostile_site / "feed.json").read_text())
    assert all("\x00" not in item["title"] for item in feed["items"])


def test_control_characters_do_not_break_the_served_feeds(client: TestClient) -> None:
    for path in ("/feed.atom", "/tags/lisbon.atom"):
        answer = client.get(path)
        assert answer.status_code == 200
        etree.fromstring(answer.content)
        assert not feedparser.parse(answer.content).bozo


def test_bidi_overrides_cannot_reverse_a_page(hostile_site: Path, client: TestClient) -> None:
    texts = [p.read_text() for p in hostile_site.rglob("*.html")]
    texts += [(hostile_site / "search-index.js").read_text()]
    texts += [client.get(p).text for p in ("/", f"/stories/{story_id(70)}")]
    for text in texts:
        assert not any(c in text for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        assert "\x00" not in text and "\x1b" not in text


def _fail_with(code: int) -> object:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, "injected", str(args[0]) if args else None)

    return fail


@pytest.mark.parametrize(
    ("code", "where"),
    [
        (errno.ENOSPC, "write"),
        (errno.EROFS, "write"),
        (errno.EROFS, "mkdtemp"),
        (errno.ENOSPC, "swap"),
    ],
)
def test_a_full_disk_or_read_only_folder_is_one_line_and_exit_1(
    hostile_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    where: str,
) -> None:
    out = tmp_path / "site"
    with Store(hostile_db) as store:
        publish_site(store, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    if where == "write":
        monkeypatch.setattr(site, "write_file", _fail_with(code))
    elif where == "mkdtemp":
        monkeypatch.setattr(tempfile, "mkdtemp", _fail_with(code))
    else:
        monkeypatch.setattr(target, "exchange", _fail_with(code))
    monkeypatch.setattr(sys, "argv", ["glimpse", "publish", str(out), "--db", str(hostile_db)])
    with pytest.raises(SystemExit) as caught:
        main()
    assert caught.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and lines[0].endswith("[G019]")
    assert ("free some space" in lines[0]) == (code == errno.ENOSPC)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
