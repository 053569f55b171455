"""Every reader on hostile bytes: no exception escapes, one error per bad record, every good
record comes through (hypothesis for random input, plus the cases the probe found)."""

from __future__ import annotations

import codecs
import contextlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glimpse.errors import SkipRecord
from glimpse.ingest import RawDoc, iter_sources
from glimpse.ingest.feeds import parse_feed
from glimpse.ingest.files import iter_bytes, iter_json, iter_jsonl
from glimpse.ingest.warc import iter_warc

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def good_line(n: int, text: str) -> bytes:
    return json.dumps({"id": f"a{n}", "title": f"T{n}", "text": text + " x"}).encode()


# A bad line: an invalid UTF-8 byte or a NUL (G002), not JSON (G007), not an object (G007),
# an object without title, text or html (G010; a title alone is a headline article). (A file that opens with a binary signature — gzip, PNG, ZIP —
# is one error for the whole file, so a bad line here never starts like one.)
BAD_LINES = st.one_of(
    st.binary(max_size=30).map(lambda b: b"x" + b.replace(b"\n", b"") + b"\xff"),
    st.binary(max_size=30).map(lambda b: b"{" + b.replace(b"\n", b"") + b"\x00"),
    st.just(b"{not json"),
    JSON.filter(lambda v: not isinstance(v, dict)).map(lambda v: json.dumps(v).encode()),
    st.just(b'{"id": "no title, text or html"}'),
)


@given(st.lists(st.one_of(st.text(min_size=1), BAD_LINES), min_size=1, max_size=15))
def test_jsonl_one_error_per_bad_line_and_every_good_line_yielded(
    lines: list[str | bytes],
) -> None:
    raw = [good_line(n, x) if isinstance(x, str) else x for n, x in enumerate(lines, start=1)]
    items = list(iter_jsonl(b"\n".join(raw) + b"\n", "f.jsonl"))
    good = {f"f.jsonl:{n}" for n, x in enumerate(lines, start=1) if isinstance(x, str)}
    docs = [i for i in items if isinstance(i, RawDoc)]
    skips = [i for i in items if isinstance(i, SkipRecord)]
    assert {d.origin for d in docs} == good
    assert len(skips) == len(lines) - len(good)
    assert all(s.subject not in good for s in skips)


@pytest.mark.parametrize(
    "data", [b"{\x00\x01\x00\n", b"\xff\xfe{\n" + b'{"title": "T", "text": "x"}\n']
)
def test_bytes_that_only_look_like_utf16_cost_their_own_lines(data: bytes) -> None:
    # found by the property test above: NULs (or a stray BOM) suggest UTF-16, the file is not
    items = list(iter_jsonl(data, "u.jsonl"))
    assert items and all(isinstance(i, (RawDoc, SkipRecord)) for i in items)
    assert sum(isinstance(i, SkipRecord) for i in items) == 1


def test_a_bad_byte_on_line_3_of_50_costs_that_line_only() -> None:
    lines = [good_line(n, f"Body {n}.") for n in range(1, 51)]
    lines[2] = lines[2][:20] + b"\xff" + lines[2][20:]
    lines[9] = lines[9][:20] + b"\x00" + lines[9][20:]
    items = list(iter_jsonl(b"\n".join(lines), "w.jsonl"))
    skips = [i for i in items if isinstance(i, SkipRecord)]
    assert [(s.subject, s.code) for s in skips] == [("w.jsonl:3", "G002"), ("w.jsonl:10", "G002")]
    assert sum(isinstance(i, RawDoc) for i in items) == 48


def test_a_valid_line_with_a_unicode_line_separator_is_one_record() -> None:
    line = json.dumps({"title": "T", "text": "one\u2028two"}, ensure_ascii=False).encode()
    [doc] = list(iter_jsonl(line, "u.jsonl"))
    assert isinstance(doc, RawDoc) and doc.fields["text"] == "one\u2028two"


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", b"\xef\xbb\xbf\n"])
def test_an_empty_jsonl_file_is_one_empty_input_error(data: bytes) -> None:
    with pytest.raises(SkipRecord) as caught:
        list(iter_jsonl(data, "e.jsonl"))
    assert caught.value.code == "G010"


def test_a_binary_file_named_jsonl_is_one_error_not_one_per_line() -> None:
    items = list(iter_jsonl(b"\xfe\x00garbage\n" * 500, "b.jsonl"))
    assert len(items) <= 21 and all(isinstance(i, SkipRecord) for i in items)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_text_files_are_decoded_not_called_binary(encoding: str) -> None:
    text = "Café headline\nLe maire a parlé lundi devant le conseil.\n"
    [doc] = list(iter_bytes(text.encode(encoding), "text", "u.txt"))
    assert isinstance(doc, RawDoc) and doc.fields["title"] == "Café headline"


def test_utf16_jsonl_with_a_bom_is_read() -> None:
    data = (json.dumps({"title": "T", "text": "Body."}) + "\n").encode("utf-16")
    assert data.startswith(codecs.BOM_UTF16_LE)
    [doc] = list(iter_jsonl(data, "u.jsonl"))
    assert isinstance(doc, RawDoc)


@given(st.binary(max_size=400))
def test_any_bytes_as_text_give_one_document_or_one_error(data: bytes) -> None:
    items = _items(data, "text", "r.txt")
    assert len(items) == 1


@given(JSON)
def test_any_json_gives_one_document_or_error_per_item(value: object) -> None:
    data = json.dumps(value).encode()
    items = _items(data, "json", "r.json")
    expected = len(value) if isinstance(value, list) else 1
    assert len(items) == max(expected, 1)


@given(st.binary(max_size=400))
def test_any_bytes_as_json_or_jsonl_never_raise_anything_but_a_skip(data: bytes) -> None:
    _items(data, "json", "r.json")
    _items(data, "jsonl", "r.jsonl")


@FAST
@given(st.binary(max_size=2000) | st.text(max_size=600).map(lambda t: f"<html>{t}".encode()))
def test_any_bytes_as_html_extract_to_an_article_or_a_skip(data: bytes) -> None:
    from glimpse.pipeline import to_article

    for item in _items(data, "html", "r.html"):
        if isinstance(item, RawDoc):
            with contextlib.suppress(SkipRecord):
                to_article(item)


@given(JSON)
def test_any_json_feed_parses_or_is_not_a_feed(items: object) -> None:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": 5, "items": items}
    parsed = parse_feed(json.dumps(feed).encode(), "f.json")
    dicts = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    assert len(parsed.entries) == len(dicts)
    assert all(e.url is None or isinstance(e.url, str) for e in parsed.entries)


def test_json_feed_item_with_an_int_url_is_an_entry_without_a_link() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [{"url": 12345, "title": ["x"]}, {"url": "https://a.example/1", "title": "ok"}],
    }
    entries = parse_feed(json.dumps(feed).encode(), "f.json").entries
    assert [(e.url, e.title) for e in entries] == [(None, ""), ("https://a.example/1", "ok")]


@FAST
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: f"<rss>{t}".encode()))
def test_any_bytes_as_rss_parse_or_are_not_a_feed(data: bytes) -> None:
    try:
        parse_feed(data, "f.xml")
    except SkipRecord as exc:
        assert exc.code == "G004"


def make_warc(count: int, gz: bool) -> tuple[bytes, list[int]]:
    """An archive of ``count`` HTML responses and the offset where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out, ends = io.BytesIO(), []
    writer = WARCWriter(out, gzip=gz)
    for n in range(count):
        body = f"<html><body><p>Story {n} body text.</p></body></html>".encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        record = writer.create_warc_record(
            f"https://n.example/{n}",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
        )
        writer.write_record(record)
        ends.append(out.tell())
    return out.getvalue(), ends


@settings(max_examples=80, deadline=None)
@given(st.booleans(), st.floats(min_value=0.01, max_value=0.99))
def test_a_truncated_warc_keeps_the_records_before_the_cut_and_says_so_once(
    gz: bool, where: float
) -> None:
    data, ends = make_warc(5, gz)
    cut = int(len(data) * where)
    items = list(iter_warc(data[:cut], "c.warc"))
    docs = [i for i in items if isinstance(i, RawDoc)]
    skips = [i for i in items if isinstance(i, SkipRecord)]
    whole = sum(end <= cut for end in ends)
    # an uncompressed record cut in its closing blank lines is whole: nothing is lost
    in_blank_lines = not gz and cut not in ends and ends[whole] - cut <= 4
    # a gzip member cut after its record's body (in the closing blank lines or the gzip
    # trailer) has given the whole record: it is kept, and the cut is still reported
    after_body = gz and cut not in ends
    assert [d.url for d in docs] == [f"https://n.example/{n}" for n in range(len(docs))]
    assert len(docs) == whole + in_blank_lines or (after_body and len(docs) == whole + 1)
    if cut in ends or in_blank_lines:
        assert skips == []
    else:
        [skip] = skips
        assert skip.code == "G020" and f"{len(docs)} record(s) read before it" in skip.reason


@given(st.binary(max_size=3000))
def test_random_bytes_as_warc_give_at_most_one_short_line(data: bytes) -> None:
    for prefix in (b"", b"\x1f\x8b", b"WARC/1.0\r\n"):
        items = list(_items(prefix + data, "warc", "r.warc.gz"))
        skips = [i for i in items if isinstance(i, SkipRecord)]
        assert len(skips) <= 1 + sum(isinstance(i, RawDoc) for i in items)
        assert all(len(s.line()) < 200 and s.line().isprintable() for s in skips)


def test_warcio_warnings_do_not_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    data, _ = make_warc(2, gz=False)
    broken = data.replace(b"Content-Length: ", b"Content-Length: 1", 1)
    items = list(iter_warc(broken, "w.warc"))
    assert capfd.readouterr().err == ""
    assert any(isinstance(i, SkipRecord) and i.code == "G020" for i in items)


@FAST
@given(st.binary(max_size=500), st.sampled_from([".txt", ".json", ".jsonl", ".html", ".warc.gz"]))
def test_any_file_through_iter_sources_never_raises(data: bytes, suffix: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"f{suffix}"
        path.write_bytes(data)
        items = list(iter_sources([str(path)]))
    assert all(isinstance(i, RawDoc | SkipRecord) for i in items)
    assert items  # nothing read is still one line saying why


def _items(data: bytes, kind: str, name: str) -> list[RawDoc | SkipRecord]:
    try:
        return list(iter_bytes(data, kind, name))
    except SkipRecord as exc:
        return [exc]


def test_iter_json_on_an_empty_list_is_one_empty_input_error() -> None:
    with pytest.raises(SkipRecord) as caught:
        list(iter_json(b"[]", "e.json"))
    assert caught.value.code == "G010"
