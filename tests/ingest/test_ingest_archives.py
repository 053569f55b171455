"""Web archives of any size: WARC and ARC, gzip per record or as one member, streamed from
the file handle so memory does not grow with the archive."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from glimpse.errors import SkipRecord
from glimpse.ingest import RawDoc, iter_sources
from glimpse.ingest import files as files_module


def page(n: int, size: int = 2000) -> bytes:
    body = f"<p>Story {n} from the harbour.</p>" * (size // 34)
    return f"<html><body><article>{body}</article></body></html>".encode()


def write_warc(path: Path, count: int, *, gz: bool = False, size: int = 2000) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for n in range(count):
            status = "404 Not Found" if n % 10 == 9 else "200 OK"
            headers = StatusAndHeaders(
                status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            body = page(n, size)
            record = writer.create_warc_record(
                f"http://news.example/{n}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),  # no temporary copy in warcio
                http_headers=headers,
            )
            writer.write_record(record)


def arc(pages: list[tuple[str, bytes]]) -> bytes:
    """An ARC v1 file, written by hand (warcio reads ARC but does not write it)."""
    info = b"1 0 Glimpse\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://t.arc 0.0.0.0 20260601000000 text/plain %d\n" % len(info) + info + b"\n"
    for url, html in pages:
        payload = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
        line = b"%s 127.0.0.1 20260601000000 text/html %d\n" % (url.encode(), len(payload))
        out += line + payload + b"\n"
    return out


def read(path: Path) -> list[RawDoc | SkipRecord]:
    return list(iter_sources([str(path)]))


@pytest.mark.parametrize("name", ["crawl.arc", "crawl.arc.gz"])
def test_an_arc_file_gives_its_html_pages(tmp_path: Path, name: str) -> None:
    data = arc([("http://news.example/1", page(1)), ("http://news.example/2", page(2))])
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = read(tmp_path / name)
    assert [i.url for i in items if isinstance(i, RawDoc)] == [
        "http://news.example/1",
        "http://news.example/2",
    ]
    assert not [i for i in items if isinstance(i, SkipRecord)]


def test_a_single_member_gzip_warc_is_read_whole(tmp_path: Path) -> None:
    plain = tmp_path / "plain.warc"
    write_warc(plain, 5)
    (tmp_path / "one.warc.gz").write_bytes(gzip.compress(plain.read_bytes()))
    items = read(tmp_path / "one.warc.gz")
    assert [i.url for i in items] == [f"http://news.example/{n}" for n in range(5)]


def test_only_2xx_responses_are_read(tmp_path: Path) -> None:
    write_warc(tmp_path / "c.warc.gz", 20, gz=True)
    urls = [i.url for i in read(tmp_path / "c.warc.gz") if isinstance(i, RawDoc)]
    assert len(urls) == 18 and "http://news.example/9" not in urls


def test_an_archive_over_the_file_size_limit_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_warc(tmp_path / "big.warc", 30)
    monkeypatch.setattr(files_module, "MAX_FILE_BYTES", 1000)
    items = read(tmp_path / "big.warc")
    assert len([i for i in items if isinstance(i, RawDoc)]) == 27


def peak_bytes(path: Path) -> int:
    tracemalloc.start()
    try:
        for item in iter_sources([str(path)]):
            assert isinstance(item, RawDoc)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("gz", [False, True])
def test_memory_does_not_grow_with_the_archive(tmp_path: Path, gz: bool) -> None:
    small, large = tmp_path / "small.warc", tmp_path / "large.warc"
    write_warc(small, 9, gz=gz, size=20_000)
    write_warc(large, 900, gz=gz, size=20_000)  # ~18 MB of pages
    assert large.stat().st_size > 100 * small.stat().st_size
    assert peak_bytes(large) < peak_bytes(small) + 2_000_000
