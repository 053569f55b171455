"""Reading local sources: files, folders, JSON Lines, stdin and WARC archives."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glimpse.errors import SkipRecord
from glimpse.ingest import RawDoc, iter_sources
from glimpse.ingest.files import iter_jsonl, sniff_kind


def collect(*sources: str) -> tuple[list[RawDoc], list[SkipRecord]]:
    docs, skips = [], []
    for item in iter_sources(sources):
        (skips if isinstance(item, SkipRecord) else docs).append(item)
    return docs, skips


def test_text_file_first_line_is_headline(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("\n\nPutin arrives in Pyongyang\nThe Russian leader landed on Wednesday.\n")
    docs, skips = collect(str(path))
    assert skips == []
    assert docs[0].fields == {
        "title": "Putin arrives in Pyongyang",
        "text": "The Russian leader landed on Wednesday.",
    }


def test_missing_file_is_reported_and_run_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("Headline\nBody text here.")
    docs, skips = collect(str(tmp_path / "nope.txt"), str(good))
    assert len(docs) == 1
    assert skips[0].code == "G001" and "nope.txt" in skips[0].subject


def test_malformed_jsonl_line_is_skipped_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "One", "text": "First body."}),
        "{not json",
        json.dumps({"id": "a3", "source": "Three"}),  # no title, text or html
        json.dumps({"id": "a4", "title": "Four", "text": "Fourth body.", "story": "s9"}),
    ]
    path.write_text("\n".join(lines))
    docs, skips = collect(str(path))
    assert [d.fields["id"] for d in docs] == ["a1", "a4"]
    assert docs[1].fields["story"] == "s9"
    assert {s.subject for s in skips} == {f"{path}:2", f"{path}:3"}
    assert {s.code for s in skips} == {"G007", "G010"}


def test_binary_and_non_utf8_text_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (tmp_path / "latin.txt").write_bytes("Café\nUn été à Paris.".encode("latin-1"))
    docs, skips = collect(str(tmp_path / "bin.txt"), str(tmp_path / "latin.txt"))
    assert docs == []
    assert [s.code for s in skips] == ["G002", "G002"]


def test_folder_is_read_recursively_and_ignores_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B\nbody b")
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    (tmp_path / "notes.md").write_text("# not an input")
    docs, skips = collect(str(tmp_path))
    assert [Path(d.origin).name for d in docs] == ["a.html", "b.txt"]
    assert skips == []


def test_unsupported_extension_given_explicitly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF")
    _, skips = collect(str(path))
    assert "unsupported file type" in skips[0].reason


def test_stdin_jsonl_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"title": "T", "text": "Body."}).encode() + b"\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs, _ = collect("-")
    assert docs[0].origin == "<stdin>:1" and docs[0].fields["text"] == "Body."


def test_warc_response_records_become_html_documents(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, ctype, body in [
            ("https://news.example/a", "text/html", b"<html><p>A story</p></html>"),
            ("https://news.example/logo.png", "image/png", b"\x89PNG"),
        ]:
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)
    docs, skips = collect(str(path))
    assert skips == []
    assert [d.url for d in docs] == ["https://news.example/a"]
    assert b"A story" in docs[0].content


def test_truncated_warc_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort")
    docs, skips = collect(str(path))
    assert docs == [] or all(d.kind == "html" for d in docs)
    assert skips and skips[0].subject.endswith("broken.warc")


@given(st.binary(max_size=300))
def test_any_bytes_on_stdin_give_documents_or_skips_never_a_crash(data: bytes) -> None:
    kind = sniff_kind(data)
    assert kind in {"html", "json", "jsonl", "text", "warc"}
    if kind == "jsonl":
        for item in iter_jsonl(data, "<stdin>"):
            assert isinstance(item, RawDoc | SkipRecord)
