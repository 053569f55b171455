"""Feeds and archives (ingest): real-shaped feeds on 127.0.0.1 and a generated >= 1 GB WARC.

Run from the repository root (the WARC part under the shared heavy-job lock):
    nice -n 19 flock /tmp/glimpse-heavy.lock .venv/bin/python -m bench.ingest [--gb 1.0]
        [--share 200] [--skip-warc] [--no-write]

Feeds (bench/_ingest_feeds.py): each feed is ingested into its own fresh database with the
packaged fetch settings (``allow_private`` on: the servers are local); enrich is replaced by
empty features, so the seconds are fetch + extract + store. Reported per feed: items seen,
articles stored from feed text / from pages, errors by code, seconds. Checks: every item with
>= 50 words of feed text is stored (by its link or its feed id), no feed is stored as a page,
the 25 items whose links never answer are done in under 30 s.

Archives: a WARC of ``--gb`` GB is written under /tmp from the benchmark's pages (each page
many times under new URLs, with request, 404 and image records between), plus a 10-record
WARC and a ``--share``-record WARC; each is read in a child process whose peak resident
memory (``ru_maxrss`` from ``wait4``) is reported: glimpse's streaming reader (every HTML
document, no extraction), warcio's and fastwarc's bare iterators (every response payload read)
and full extraction (``load_articles``) on the small files. All WARCs are deleted at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import _ingest_feeds as feeds
from bench._report import ROOT, machine, table, write_section

NEVER_ANSWER_LIMIT = 30.0
PEAK_MARGIN_MB = 150.0
ARCHIVE_NOTE = (
    "The G005 lines of `comment.xml` are its two teaser items (under 50 words) whose links are"
    ' 404s: each is reported, and stored only as a headline article (`kind: "headline"`,'
    " never a brief's source). The WARCs are uncompressed and read from the page cache"
    " (written just before), so the read rates are CPU rates. Extraction (records/s of"
    " `extract`) is two orders of magnitude slower than any reader, so the reader's speed does"
    " not show in an ingest run; that is also why `fastwarc` (2.0.1, a PyPI wheel, installed in"
    " .venv for this comparison only) is not a glimpse dependency although its bare iterator is"
    " the fastest here. The records/s of `glimpse-read` count HTML documents; the bare"
    " iterators count every response record."
)
FEED_HEADERS = ["feed", "items", "feed text ≥ 50 words", "stored", "from feed", "from page"]
FEED_HEADERS += ["errors by code", "seconds"]
WARC_HEADERS = ["reader", "archive", "documents", "skips", "seconds", "records/s", "MB/s"]
WARC_HEADERS += ["peak MB (VmHWM)", "ru_maxrss MB"]


def run_feed(url: str, workdir: Path) -> dict[str, Any]:
    """Ingest one feed URL into a fresh database; what was stored and what failed."""
    from dataclasses import replace

    from glimpse import pipeline
    from glimpse.config import Config
    from glimpse.ingest import Fetcher
    from glimpse.models import Features, RunReport
    from glimpse.store import Store

    pipeline.featurize = lambda arts: [Features(article=a.id) for a in arts]  # type: ignore[assignment]
    options = replace(Config.load().options("fetch"), allow_private=True)
    db = workdir / f"{abs(hash(url))}.db"
    report = RunReport()
    start = time.monotonic()
    with Store(db) as store, Fetcher(options) as fetcher:
        pipeline.ingest(store, [url], report, fetcher)
    seconds = time.monotonic() - start
    with sqlite3.connect(db) as conn:
        rows = [json.loads(r[0]) for r in conn.execute("SELECT json FROM articles")]
    return {"report": report, "rows": rows, "seconds": seconds}


def expected(data: bytes, url: str) -> tuple[int, list[str]]:
    """Items in the feed, and the link (or feed id) of each with >= 50 words of its own text."""
    from glimpse.ingest.feeds import entry_link, parse_feed
    from glimpse.ingest.items import item_id, item_text

    feed = parse_feed(data, url)
    keys = []
    for entry in feed.entries:
        text = item_text(entry)
        if text:
            keys.append(entry_link(entry, url) or item_id(url, entry, text))
    return len(feed.entries), keys


def bench_feeds(workdir: Path) -> tuple[list[list[object]], list[str]]:
    all_stories = feeds.stories()
    cycle = itertools.cycle(all_stories)

    def pick(n: int) -> list[feeds.Story]:
        return [next(cycle) for _ in range(n)]

    rows, checks = [], []
    with feeds.servers() as (base, refused, silent):
        files = feeds.feed_files(pick, f"{base}/page/", f"{base}/gone/", refused, silent)
        feeds.serve_files(files)
        for f in files:
            url = base + f.path
            seen, wanted = expected(f.body, url)
            got = run_feed(url, workdir)
            report, stored = got["report"], got["rows"]
            keys = {r["url"] for r in stored} | {r["id"] for r in stored}
            missing = [k for k in wanted if k not in keys]
            as_page = [r for r in stored if r["url"] == url]
            by_source = Counter(r.get("text_source") for r in stored)
            codes = Counter(s.code for s in report.skips)
            rows.append(
                [
                    f.path.lstrip("/"),
                    seen,
                    len(wanted),
                    len(stored),
                    by_source.get("feed", 0),
                    by_source.get("page", 0),
                    ", ".join(f"{c} × {n}" for c, n in sorted(codes.items())) or "-",
                    f"{got['seconds']:.1f}",
                ]
            )
            if missing:
                checks.append(f"{f.path}: {len(missing)} item(s) with feed text not stored")
            if as_page:
                checks.append(f"{f.path}: the feed itself was stored as a page")
            if f.path == "/silent.xml" and got["seconds"] >= NEVER_ANSWER_LIMIT:
                checks.append(f"{f.path}: {got['seconds']:.1f} s, over {NEVER_ANSWER_LIMIT} s")
            print(rows[-1], flush=True)
    return rows, checks


# --- archives -------------------------------------------------------------------------------


def write_warc(path: Path, pages: list[Path], target_bytes: int, records: int | None) -> int:
    """A WARC of response records from ``pages`` (cycled under new URLs) until ``target_bytes``
    or ``records`` HTML responses; every fifth page is preceded by its request record, and a
    404 and an image response are mixed in. Returns the HTML responses written."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bodies = [p.read_bytes() for p in pages]
    written = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers
            )
            writer.write_record(record)

        for n in itertools.count():
            if (records is not None and written >= records) or out.tell() >= target_bytes:
                break
            url = f"https://news.example/{n // len(bodies)}/{pages[n % len(bodies)].stem}.html"
            if n % 5 == 0:
                ask = f"GET /{n} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
                request = writer.create_warc_record(url, "request", payload=BytesIO(ask))
                writer.write_record(request)
            if n % 50 == 7:
                response(url + "?gone", "404 Not Found", "text/html", b"<p>gone</p>")
                response(url + ".jpg", "200 OK", "image/jpeg", b"\xff\xd8" + b"\0" * 30_000)
            response(url, "200 OK", "text/html; charset=utf-8", bodies[n % len(bodies)])
            written += 1
    return written


def child(mode: str, path: str) -> dict[str, Any]:
    """Runs in the child process: read ``path`` one way, return counts and seconds (the
    libraries are imported before the clock starts)."""
    from warcio.archiveiterator import ArchiveIterator

    from glimpse import pipeline
    from glimpse.ingest.warc import iter_warc
    from glimpse.models import RunReport

    start = time.monotonic()
    docs = other = 0
    with open(path, "rb") as handle:
        if mode == "glimpse-read":
            for item in iter_warc(handle, path):
                docs += hasattr(item, "content")
                other += not hasattr(item, "content")
        elif mode == "warcio":
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    docs += bool(record.content_stream().read())
        elif mode == "fastwarc":  # bench-only, not a glimpse dependency
            from fastwarc.warc import ArchiveIterator as FastIterator
            from fastwarc.warc import WarcRecordType

            for record in FastIterator(handle, record_types=WarcRecordType.response):
                docs += bool(record.reader.read())
        elif mode == "extract":
            report = RunReport()
            docs = sum(1 for _ in pipeline.load_articles([path], report))
            other = len(report.skips)
    seconds = time.monotonic() - start
    return {"docs": docs, "other": other, "seconds": seconds, "hwm_mb": _vm_hwm_mb()}


def _vm_hwm_mb() -> float:
    """This process's peak resident memory since its exec (``VmHWM``): unlike ``ru_maxrss``,
    which Linux carries over from the parent the child was forked from, it starts at exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(mode: str, path: Path) -> dict[str, Any]:
    """``child`` in a fresh process; its result plus its peak RSS in MB."""
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "bench.ingest", "--child", mode, str(path)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"child {mode} on {path} failed")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = usage.ru_maxrss / 1024
    print(mode, path.name, result, flush=True)
    return result


def bench_warc(
    workdir: Path, gigabytes: float, share: int, full: bool = False
) -> tuple[list[list[object]], list[str]]:
    pages = sorted((feeds.BENCH / "html").glob("*.html"))
    big, small, mid = workdir / "big.warc", workdir / "ten.warc", workdir / "share.warc"
    start = time.monotonic()
    n_big = write_warc(big, pages, int(gigabytes * 1e9), None)
    print(f"wrote {big.stat().st_size / 1e9:.2f} GB in {time.monotonic() - start:.0f} s")
    write_warc(small, pages, 1 << 40, 10)
    write_warc(mid, pages, 1 << 40, share)
    plan = [("glimpse-read", small), ("glimpse-read", big), ("warcio", big)]
    plan += [("fastwarc", big)] if importlib.util.find_spec("fastwarc") else []
    plan += [("extract", small), ("extract", mid)]
    plan += [("extract", big)] if full else []
    rows, results = [], {}
    try:
        for mode, path in plan:
            got = measure(mode, path)
            results[(mode, path.name)] = got
            size = path.stat().st_size
            size, secs = path.stat().st_size, max(got["seconds"], 1e-6)
            label = f"{path.name} ({size / 1e6:,.1f} MB"
            label += f", {n_big:,} pages)" if path == big else ")"
            rows.append(
                [
                    mode,
                    label,
                    got["docs"],
                    got["other"],
                    f"{secs:.1f}",
                    f"{got['docs'] / secs:,.0f}",
                    f"{size / 1e6 / secs:,.1f}",
                    f"{got['hwm_mb']:.0f}",
                    f"{got['peak_mb']:.0f}",
                ]
            )
    finally:
        for path in (big, small, mid):
            path.unlink(missing_ok=True)
    checks = []
    read_gap = results[("glimpse-read", "big.warc")]["hwm_mb"]
    read_gap -= results[("glimpse-read", "ten.warc")]["hwm_mb"]
    if read_gap > PEAK_MARGIN_MB:
        checks.append(f"1 GB read peak {read_gap:.0f} MB over the 10-record peak")
    if full:
        peaks = {name: results[("extract", name)]["hwm_mb"] for name in ("big.warc", "ten.warc")}
        gap = peaks["big.warc"] - peaks["ten.warc"]
        if gap > PEAK_MARGIN_MB:
            checks.append(f"1 GB extraction peak {gap:.0f} MB over the 10-record peak")
    return rows, checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0, help="size of the big WARC")
    parser.add_argument("--share", type=int, default=200, help="records extracted in full")
    parser.add_argument(
        "--full", action="store_true", help="also extract every page of the big WARC (minutes)"
    )
    parser.add_argument("--skip-warc", action="store_true")
    parser.add_argument("--skip-feeds", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="glimpse-bench-ingest-") as tmp:
        # archives first: the children are forked from a parent that is still small
        warc_rows, warc_checks = (
            ([], []) if args.skip_warc else bench_warc(Path(tmp), args.gb, args.share, args.full)
        )
        feed_rows, feed_checks = ([], []) if args.skip_feeds else bench_feeds(Path(tmp))
    markdown = render(feed_rows, feed_checks, warc_rows, warc_checks, args)
    print(markdown)
    if not args.no_write:
        write_section("ingest", markdown)


def render(
    feed_rows: list[list[object]],
    feed_checks: list[str],
    warc_rows: list[list[object]],
    warc_checks: list[str],
    args: argparse.Namespace,
) -> str:
    lines = [
        "## Feeds and archives (ingest)",
        "",
        f"`nice -n 19 flock /tmp/glimpse-heavy.lock .venv/bin/python -m bench.ingest"
        f"{' '.join(['', *sys.argv[1:]])}` — {machine()}.",
        "",
        "Feeds written from the article-extraction benchmark's pages and texts, served on"
        " 127.0.0.1 with the packaged `[fetch]` settings (enrich stubbed out: seconds are fetch,"
        " extract and store). `feed text ≥ 50 words` counts the items that must be stored.",
        "",
        table(FEED_HEADERS, feed_rows),
        "",
        "Targets: " + ("all met" if not feed_checks else "MISSED — " + "; ".join(feed_checks)),
    ]
    if warc_rows:
        lines += [
            "",
            "Archives, each read in a child process: peak = the child's `VmHWM` (its peak"
            " resident memory since exec); `ru_maxrss` (from `wait4`) is shown too, but Linux"
            " carries it over from the parent at fork, so it is a floor set by the parent;"
            " `glimpse-read` is"
            " glimpse's streaming reader (every HTML document, not extracted), `warcio` and"
            " `fastwarc` their bare iterators reading every response payload, `extract` full"
            " extraction (`load_articles`) on the 10-record and share WARCs"
            + (" and on the whole 1 GB WARC." if args.full else "."),
            "",
            table(WARC_HEADERS, warc_rows),
            "",
            "Target (1 GB peak within 150 MB of the 10-record peak, reading"
            + (" and extracting" if args.full else "")
            + "): "
            + ("met" if not warc_checks else "MISSED — " + "; ".join(warc_checks)),
            "",
            ARCHIVE_NOTE,
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
