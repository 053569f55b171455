"""The folder a site goes into: the manifest, refusal, adoption, --force, swap and recovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from glimpse.errors import ConfigError, PublishRefused
from glimpse.publish import publish_site
from glimpse.publish.sample import fill_store
from glimpse.publish.target import MANIFEST, inspect, recover
from glimpse.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("target") / "desk.db"
    with Store(path) as store:
        fill_store(store, 3)
    return path


def publish(db: Path, out: Path, **kw: object) -> None:
    with Store(db) as store:
        publish_site(store, out, **kw)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_manifest_lists_every_file_written_and_the_release(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(db, out)
    doc = json.loads((out / MANIFEST).read_text())
    assert doc["generator"] == "glimpse" and doc["release"] and doc["published_at"]
    assert set(doc["files"]) == set(snapshot(out)) - {MANIFEST}


def test_a_folder_with_other_files_is_refused_and_left_as_it_was(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "index.html").write_text("<p>my own page</p>")
    before = snapshot(out)
    with pytest.raises(PublishRefused) as caught:
        publish(db, out)
    line = caught.value.line()
    assert line.count("\n") == 0 and "[G017]" in line and str(out) in line
    assert "--force" in line and "another folder" in line
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["mine"]


def test_a_file_added_to_a_published_site_makes_the_next_publish_refuse(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    publish(db, out)
    (out / "CNAME").write_text("news.example.org")
    with pytest.raises(PublishRefused, match="CNAME"):
        publish(db, out)
    assert (out / "CNAME").read_text() == "news.example.org"


def test_an_empty_folder_is_published_into(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    publish(db, out)
    assert (out / "index.html").is_file() and (out / MANIFEST).is_file()


def test_a_site_of_this_release_without_a_manifest_is_adopted_by_its_layout(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    publish(db, out)
    (out / MANIFEST).unlink()
    assert inspect(out).replaceable
    publish(db, out)
    assert (out / MANIFEST).is_file()


def test_a_site_layout_with_one_stray_file_is_not_adopted(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(db, out)
    (out / MANIFEST).unlink()
    (out / "stories" / "draft.txt").write_text("x")
    assert inspect(out).foreign[0] == "stories/draft.txt"
    with pytest.raises(PublishRefused, match=r"draft\.txt"):
        publish(db, out)


def test_force_writes_among_other_files_and_later_removes_only_its_own(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shared"
    out.mkdir()
    (out / "keep.txt").write_text("keep")
    publish(db, out, force=True)
    assert (out / "index.html").is_file() and (out / "keep.txt").read_text() == "keep"
    (out / "stories" / "mine.md").write_text("also mine")
    old_story = next((out / "stories").glob("*.html"))
    with Store(tmp_path / "other.db") as store:
        fill_store(store, 1, first=40)
        publish_site(store, out, force=True)
    assert not old_story.exists()  # listed in the old manifest, not in the new site
    assert (out / "keep.txt").read_text() == "keep"
    assert (out / "stories" / "mine.md").read_text() == "also mine"
    assert "keep.txt" not in json.loads((out / MANIFEST).read_text())["files"]


def test_a_path_that_is_a_file_is_refused(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.write_text("not a folder")
    with pytest.raises(PublishRefused, match="not a folder"):
        publish(db, out, force=True)
    assert out.read_text() == "not a folder"


def test_recovery_restores_a_site_moved_aside_by_a_crash(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(db, out)
    before = snapshot(out)
    out.rename(tmp_path / ".out.old.k3j2h1g0")  # the crash: between the two renames
    shutil.copytree(tmp_path / ".out.old.k3j2h1g0", tmp_path / ".out.site.a1b2c3d4")
    recover(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_stale_temporaries_are_removed_but_not_folders_with_other_files(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    publish(db, out)
    (tmp_path / ".out.site.partial1" / "static").mkdir(parents=True)
    (tmp_path / ".out.site.partial1" / "static" / "style.css").write_text("x")
    (tmp_path / ".out.abcdefgh").mkdir()  # an earlier release's temporary
    (tmp_path / ".out.old.someone").mkdir()
    (tmp_path / ".out.old.someone" / "thesis.tex").write_text("not ours")
    publish(db, out)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".out.old.someone", "out"]


def test_the_swap_without_an_exchange_call_gives_the_same_site(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLIMPSE_PUBLISH_NO_EXCHANGE", "1")
    out = tmp_path / "out"
    publish(db, out)
    publish(db, out)
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_base_url_that_is_not_http_is_refused(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="http"):
        publish(db, tmp_path / "out", base_url="javascript:alert(1)//")
    assert not (tmp_path / "out").exists()
