"""The static site: every page the server shows, as files, written atomically.

Layout of ``out_dir`` (each list is paginated as ``<name>.p2.html``, ``<name>.p2.json``, …)::

    index.html  stories.json  feed.atom  feed.json  tags.json  outlets.json  static/style.css
    tags.html  outlets.html   (every tag and outlet with its number of stories)
    search.html  search-index.js  search-index.json   (search by a small script: no server)
    stories/<id>.html  stories/<id>.json  stories/<id>/thread.json
    tags/<slug>.html  tags/<slug>.json  tags/<slug>.atom  tags/<slug>.feed.json
    outlets/<slug>.html  outlets/<slug>.json
    sections/<slug>.html  sections/<slug>.json   (each front-page section's stories)

    .glimpse-site.json   (the manifest: every file above and the release that wrote them)

The site is built in a temporary folder beside ``out_dir`` and swapped in when complete, so a
reader never sees half a site; a folder with files glimpse did not write is never replaced
(:mod:`glimpse.publish.target`). Pages use the same templates as ``glimpse serve``.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glimpse.errors import ConfigError, WriteFailed
from glimpse.models import Brief
from glimpse.publish import target
from glimpse.publish.feeds import atom_feed, feed_briefs, json_feed, json_feed_bytes
from glimpse.publish.front import is_front, load_front, top_tags
from glimpse.publish.links import Links, safe_id, slugify
from glimpse.publish.list_view import Listing, listing_json, load_listing, page_url
from glimpse.publish.render import render, when
from glimpse.publish.safe import clean_text, link_url
from glimpse.publish.search_index import index_script, with_terms
from glimpse.publish.section_view import load_sections
from glimpse.publish.story_view import StoryView, load_story, story_json
from glimpse.publish.thread_view import load_thread, thread_json
from glimpse.sections import DeskOptions
from glimpse.store import Store, StoryRow

STATIC_DIR = target.STATIC_DIR
FEED_SIZE = 50


@dataclass(frozen=True, slots=True)
class PublishResult:
    """Where the site went, how many files were written and how many story pages."""

    out_dir: Path
    pages: int
    stories: int


def publish_site(
    store: Store,
    out_dir: Path,
    *,
    base_url: str = "",
    force: bool = False,
    desk: DeskOptions | None = None,
) -> PublishResult:
    """Write the whole site for ``store`` to ``out_dir``, replacing glimpse's previous site there
    atomically (see :mod:`glimpse.publish.target`).

    ``base_url`` (e.g. ``https://news.example.org/``) makes feed links absolute; without it they
    are relative to the feed file. A folder holding files glimpse did not write is refused
    (:class:`~glimpse.errors.PublishRefused`) unless ``force``, which writes the site among them.
    A write the system refuses (disk full, read-only) raises :class:`~glimpse.errors.WriteFailed`.
    ``desk`` (the ``[desk]`` config) lays out the front page.
    """
    if base_url and link_url(base_url) is None:
        raise ConfigError("--base-url must be an absolute http(s) URL", base_url)
    out_dir = Path(out_dir).resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with target.locked(out_dir.parent):
            target.recover(out_dir)
            target.check(target.inspect(out_dir), force=force)
            return _publish(store, out_dir, base_url, force, desk or DeskOptions())
    except OSError as exc:
        if exc.errno is None:
            raise
        advice = _ADVICE.get(exc.errno, "publish to a folder glimpse can write")
        reason = f"cannot write the site: {os.strerror(exc.errno)}; {advice}"
        raise WriteFailed(reason, str(exc.filename or out_dir)) from exc


_ADVICE = {errno.ENOSPC: "free some space", errno.EDQUOT: "free some space"}


def write_file(path: Path, data: bytes) -> None:
    """Every file of the site is written here (one place to inject disk errors in tests)."""
    path.write_bytes(data)


def _publish(
    store: Store, out_dir: Path, base_url: str, force: bool, desk: DeskOptions
) -> PublishResult:
    tmp = target.build_dir(out_dir)
    try:
        writer = _SiteWriter(store, tmp, base_url, desk)
        stories = writer.write_all()
        writer.write(target.MANIFEST, target.manifest_bytes(writer.written))
        folder = target.inspect(out_dir)  # again: files may have appeared while we built
        target.check(folder, force=force)
        if folder.replaceable:
            target.swap(tmp, out_dir)
        else:
            target.install_among(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return PublishResult(out_dir, writer.files, stories)


class _SiteWriter:
    def __init__(self, store: Store, root: Path, base_url: str, desk: DeskOptions) -> None:
        self.store, self.root, self.desk = store, root, desk
        self.base_url = base_url.rstrip("/") + "/" if base_url else ""
        self.files = 0
        self.written: set[str] = set()
        self.tags = _unique_by_slug(store.tags())
        self.outlets = _unique_by_slug(store.outlets())
        self.brief_cache: dict[str, Brief] = {}

    def links(self, depth: int) -> Links:
        return Links("./", static=True).at_depth(depth)

    def feed_links(self, depth: int) -> Links:
        return Links(self.base_url, static=True) if self.base_url else self.links(depth)

    def write(self, rel: str, data: str | bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_file(path, data.encode("utf-8") if isinstance(data, str) else data)
        self.written.add(rel)
        self.files += 1
        target.crash_point(f"build:{self.files}")

    def write_json(self, rel: str, data: Any) -> None:
        self.write(rel, json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def write_all(self) -> int:
        for asset in sorted(STATIC_DIR.iterdir()):
            if asset.is_file():
                self.write(f"static/{asset.name}", asset.read_bytes())
        self.write_listing()
        for name, _ in self.tags.values():
            self.write_listing(tag=name)
        for name, _ in self.outlets.values():
            self.write_listing(outlet=name)
        self.write_names()
        self.write_sections()
        index: list[dict[str, Any]] = []
        count = self.write_stories(index)
        self.write_search(index)
        return count

    def write_listing(self, tag: str | None = None, outlet: str | None = None) -> None:
        first = load_listing(self.store, tag=tag, outlet=outlet)
        depth = first.base.count("/")
        for page in range(1, first.pages + 1):
            listing = (
                first if page == 1 else load_listing(self.store, page=page, tag=tag, outlet=outlet)
            )
            self.write_list_page(listing, depth)
        if outlet is None:
            self.write_feeds(load_listing(self.store, per_page=FEED_SIZE, tag=tag), depth)

    def write_list_page(self, listing: Listing, depth: int) -> None:
        links = self.links(depth)
        suffix = "" if listing.page == 1 else f".p{listing.page}"
        feeds = _feed_names(listing)
        front = load_front(self.store, self.desk) if is_front(listing) else None
        self.write(
            f"{listing.base}{suffix}.html",
            render(
                "front.html" if front else "list.html",
                links=links,
                page_title=listing.title,
                listing=listing,
                page_url=page_url,
                front=front,
                top=top_tags(listing.rows),
                tags=self.tags_counts,
                outlets=self.outlets_counts,
                q="",
                feeds={k: links.root + v for k, v in feeds.items()} if feeds else None,
                api_url=links.root + f"{listing.api_base}{suffix}.json",
            ),
        )
        self.write_json(f"{listing.api_base}{suffix}.json", listing_json(listing, links))

    def write_sections(self) -> None:
        """``sections/<slug>.html`` (and ``.json``) for every section the front page shows."""
        names = [s.name for s in load_front(self.store, self.desk).sections]
        for listing in load_sections(self.store, names, self.desk):
            self.write_list_page(listing, 1)

    @property
    def tags_counts(self) -> list[tuple[str, int]]:
        return list(self.tags.values())

    @property
    def outlets_counts(self) -> list[tuple[str, int]]:
        return list(self.outlets.values())

    def write_feeds(self, listing: Listing, depth: int) -> None:
        names = _feed_names(listing)
        if not names:
            return
        links = self.feed_links(depth)
        # Without a base URL, links are relative to the feed file itself: its own name is its self.
        own = self.base_url or ""
        where = {k: own + (v if own else v.rsplit("/", 1)[-1]) for k, v in names.items()}
        title = f"glimpse: {listing.title}"
        home = page_url(links, listing, 1)
        briefs = self.briefs(listing.rows)
        atom = atom_feed(
            listing.rows,
            title=title,
            feed_id=listing.base,
            links=links,
            self_url=where["atom"],
            home_url=home,
            briefs=briefs,
            xml_base=where["atom"] if own else None,
        )
        self.write(names["atom"], atom)
        doc = json_feed(
            listing.rows, title=title, feed_url=where["json"], home_url=home, links=links,
            briefs=briefs,
        )  # fmt: skip
        self.write(names["json"], json_feed_bytes(doc))

    def briefs(self, rows: Sequence[StoryRow]) -> dict[str, Brief]:
        """The briefs of feed entries; a story in many tag feeds is read once."""
        missing = [r for r in rows if r.story not in self.brief_cache]
        self.brief_cache.update(feed_briefs(self.store, missing))
        return {r.story: self.brief_cache[r.story] for r in rows if r.story in self.brief_cache}

    def write_names(self) -> None:
        """``tags.json`` and ``outlets.json``, and their pages for people (``tags.html``, …)."""
        links = self.links(0)
        for kind, names in (("tag", self.tags), ("outlet", self.outlets)):
            url = links.tag if kind == "tag" else links.outlet
            page = render(
                "names.html",
                links=links,
                page_title=f"All {kind}s",
                names=list(names.values()),
                link=url,
                noun=kind,
                nouns=f"{kind}s",
                q="",
                feeds=None,
                api_url=f"{kind}s.json",
            )
            self.write(f"{kind}s.html", page)
            items = [
                {"name": name, "stories": n, "slug": slug, "url": url(slug)}
                for slug, (name, n) in names.items()
            ]
            self.write_json(f"{kind}s.json", {"ok": True, f"{kind}s": items})

    def write_search(self, index: list[dict[str, Any]]) -> None:
        """``search.html`` and the index its small script filters (the server needs neither)."""
        links = self.links(0)
        page = render(
            "search_static.html", links=links, page_title="Search", q="", feeds=None, api_url=None
        )
        self.write("search.html", page)
        entries = with_terms(index)
        self.write("search-index.js", index_script(entries))
        self.write_json("search-index.json", {"ok": True, "stories": entries})

    def write_stories(self, index: list[dict[str, Any]]) -> int:
        links = self.links(1)
        count, offset = 0, 0
        while rows := self.store.list_stories(limit=500, offset=offset):
            offset += len(rows)
            for row in rows:
                view = load_story(self.store, row.story)
                if view is None:
                    continue
                name = f"stories/{safe_id(row.story)}"
                thread = load_thread(self.store, row.story)
                self.write(
                    f"{name}.html",
                    render(
                        "story.html",
                        links=links,
                        page_title=view.brief.headline,
                        view=view,
                        thread=thread,
                        q="",
                        feeds=None,
                        api_url=f"{safe_id(row.story)}.json",
                    ),
                )
                self.write_json(f"{name}.json", story_json(view, links.story(row.story)))
                if thread is not None:
                    self.write_json(f"{name}/thread.json", thread_json(thread, links.at_depth(2)))
                index.append(_index_entry(view, row.story))
                count += 1
        return count


def _index_entry(view: StoryView, story: str) -> dict[str, Any]:
    """What the static search looks in: the brief (headline, summary, body, tags, as the server's
    ``briefs_fts``) and its sources' headlines and ledes (the start of the server's
    ``articles_fts``); ``terms`` are stemmed by FTS5 itself (:mod:`search_index`)."""
    b = view.brief
    words = [b.headline, *(s.text for s in b.summary), *(s.text for p in b.body for s in p)]
    words += [*b.tags, *(s.headline for s in b.sources), *(s.lede for s in b.sources)]
    return {
        "url": f"stories/{safe_id(story)}.html",
        "headline": clean_text(b.headline),
        "summary": clean_text(" ".join(s.text for s in b.summary)),
        "when": when(b.updated_at),
        "outlets": view.outlets,
        "text": clean_text(" ".join(words).lower()),
    }


def _feed_names(listing: Listing) -> dict[str, str]:
    if listing.kind == "home":
        return {"atom": "feed.atom", "json": "feed.json"}
    if listing.kind == "tag":
        return {"atom": f"{listing.base}.atom", "json": f"{listing.base}.feed.json"}
    return {}


def _unique_by_slug(names: Sequence[tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """Slug → (name, stories); of names sharing a slug, the one with more stories wins."""
    out: dict[str, tuple[str, int]] = {}
    for name, n in sorted(names, key=lambda item: (-item[1], item[0])):
        out.setdefault(slugify(name), (name, n))
    return out
