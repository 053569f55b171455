"""The web app: HTML pages, the JSON API and feeds over one store; one view per page kind.

Each view answers several formats chosen by the path's suffix: none or ``.html`` (page), ``.json``
(API), ``.atom`` and ``.feed.json`` (feeds). Merged story ids answer 301 to the surviving story.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from glimpse.models import Brief
from glimpse.publish.feeds import (
    ATOM_TYPE,
    JSON_FEED_TYPE,
    atom_feed,
    feed_briefs,
    json_feed,
    json_feed_bytes,
)
from glimpse.publish.front import top_tags
from glimpse.publish.links import Links, slugify
from glimpse.publish.list_view import Listing, listing_json, load_listing, page_url
from glimpse.publish.section_view import load_section, section_names
from glimpse.publish.story_view import load_story, story_json
from glimpse.publish.thread_view import thread_json
from glimpse.sections import DeskOptions
from glimpse.serve.cache import DEFAULT_CACHE_BYTES, ResponseCache, Version, db_version
from glimpse.serve.guard import PathGuard, page_number, search_words
from glimpse.serve.lookup import NameIndex, StorePool
from glimpse.serve.responses import (
    LINKS,
    ApiError,
    html_response,
    json_response,
    on_api_error,
    on_http_error,
    on_server_error,
)
from glimpse.serve.stored import front as front_view
from glimpse.serve.stored import thread_view
from glimpse.store import Store

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
FEED_SIZE = 50
FEED_HEADERS = {"Cache-Control": "max-age=60", "Access-Control-Allow-Origin": "*"}
Handler = Callable[[Request], Awaitable[Response]]
SUFFIXES = ((".feed.json", "feed"), (".json", "json"), (".atom", "atom"), (".html", "html"))


def split_key(key: str) -> tuple[str, str]:
    """``"abc.json"`` → ``("abc", "json")``; no suffix means the HTML page."""
    for suffix, fmt in SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)], fmt
    return key, "html"


class Desk:
    """The views, sharing one pool of store connections and the tag/outlet slug indexes."""

    def __init__(self, pool: StorePool, desk: DeskOptions | None = None) -> None:
        self.pool = pool
        self.desk = desk or DeskOptions()
        self.tags = NameIndex(lambda s: s.tags())
        self.outlets = NameIndex(lambda s: s.outlets())

    def _name(self, index: NameIndex, kind: str, slug: str | None) -> str | None:
        if not slug:
            return None
        name = index.find(self.pool.get(), slug)
        if name is None:
            raise ApiError(
                404,
                f"no {kind} {slug!r}; see /{kind}s.json for the list",
                "G001",
                page=f"There is no {kind} {slug!r} on this desk; /{kind}s lists every {kind}.",
            )
        return name

    async def home(self, request: Request, fmt: str = "html") -> Response:
        tag = self._name(self.tags, "tag", request.query_params.get("tag"))
        outlet = self._name(self.outlets, "outlet", request.query_params.get("outlet"))
        return self._listing(request, fmt, tag=tag, outlet=outlet)

    async def tag(self, request: Request) -> Response:
        slug, fmt = split_key(request.path_params["key"])
        return self._listing(request, fmt, tag=self._name(self.tags, "tag", slug))

    async def outlet(self, request: Request) -> Response:
        slug, fmt = split_key(request.path_params["key"])
        return self._listing(request, fmt, outlet=self._name(self.outlets, "outlet", slug))

    async def search(self, request: Request, fmt: str = "html") -> Response:
        query = search_words(request)
        if not query:
            if fmt == "html":
                return RedirectResponse(LINKS.home(), 302)
            raise ApiError(400, "search needs words: add ?q=…", "G010")
        tag = self._name(self.tags, "tag", request.query_params.get("tag"))
        outlet = self._name(self.outlets, "outlet", request.query_params.get("outlet"))
        return self._listing(request, fmt, tag=tag, outlet=outlet, query=query)

    def _listing(self, request: Request, fmt: str, **filters: Any) -> Response:
        store = self.pool.get()
        page = page_number(request)  # checked for feeds too: a bad parameter is a 400 everywhere
        if fmt in ("atom", "feed"):
            with store.snapshot():
                listing = load_listing(store, per_page=FEED_SIZE, **filters)
                briefs = feed_briefs(store, listing.rows)
            return self._feed(request, fmt, listing, briefs)
        front = None
        with store.snapshot():  # the page's reads in one transaction; rendering after it
            if fmt == "html" and max(page, 1) == 1 and not any(filters.values()):
                front, listing = front_view(store, self.desk)  # one ranking for page and list
            else:
                listing = load_listing(store, page=page, **filters)
            names = (self.tags.names(store), self.outlets.names(store)) if fmt == "html" else None
        if fmt == "json" or names is None:
            return json_response(_with_way_back(listing_json(listing, LINKS), listing))
        return html_response(
            "front.html" if front else "list.html",
            page_title=listing.title,
            listing=listing,
            page_url=page_url,
            front=front,
            top=front.top_tags if front else top_tags(listing.rows),
            tags=names[0],
            outlets=names[1],
            q=listing.query or "",
            feeds=_feeds(LINKS, listing),
            api_url=LINKS.page(listing.api_base, listing.page, ".json", listing.params),
        )

    def _feed(
        self, request: Request, fmt: str, listing: Listing, briefs: dict[str, Brief]
    ) -> Response:
        links = Links(str(request.base_url), static=False)
        feeds = _feeds(links, listing)
        home = page_url(links, listing, 1)
        title = f"glimpse: {listing.title}"
        if fmt == "atom":
            body = atom_feed(
                listing.rows,
                title=title,
                feed_id=listing.base + _qs(listing),
                self_url=feeds["atom"],
                home_url=home,
                links=links,
                briefs=briefs,
            )
            return Response(body, headers=FEED_HEADERS, media_type=ATOM_TYPE)
        doc = json_feed(
            listing.rows,
            title=title,
            feed_url=feeds["json"],
            home_url=home,
            links=links,
            briefs=briefs,
        )
        return Response(json_feed_bytes(doc), headers=FEED_HEADERS, media_type=JSON_FEED_TYPE)

    async def story(self, request: Request) -> Response:
        story_id, fmt = split_key(request.path_params["key"])
        if fmt not in ("html", "json"):
            raise HTTPException(404)
        store = self.pool.get()
        with store.snapshot():  # the page's reads in one transaction; rendering after it
            final = store.resolve_story(story_id)
            view = load_story(store, story_id) if final == story_id else None
            thread = thread_view(store, story_id) if view and fmt == "html" else None
        if final is not None and final != story_id:
            target = LINKS.story_json(final) if fmt == "json" else LINKS.story(final)
            return RedirectResponse(target, 301)
        if view is None:
            raise ApiError(
                404,
                f"no story {story_id!r}; list stories at /stories.json",
                "G014",
                page="There is no story at this address: it may have been removed, or the link"
                " may be mistyped. The front page lists the current stories.",
            )
        if fmt == "json":
            return json_response(story_json(view, LINKS.story(story_id)))
        return html_response(
            "story.html",
            page_title=view.brief.headline,
            view=view,
            thread=thread,
            api_url=LINKS.story_json(story_id),
        )

    async def thread(self, request: Request) -> Response:
        """``/stories/<id>/thread.json``: the story's thread and related stories as rows."""
        story_id = request.path_params["key"]
        store = self.pool.get()
        final = store.resolve_story(story_id)
        if final is not None and final != story_id:
            return RedirectResponse(LINKS.thread_json(final), 301)
        view = thread_view(store, story_id) if final else None
        if view is None:
            raise ApiError(404, f"no story {story_id!r}; list stories at /stories.json", "G014")
        return json_response(thread_json(view, LINKS))

    async def section(self, request: Request) -> Response:
        """``/sections/<slug>``: every current story of one front-page section."""
        slug, fmt = split_key(request.path_params["key"])
        name = section_names(self.desk).get(slug)
        if name is None or fmt not in ("html", "json"):
            raise ApiError(
                404,
                f"no section {slug!r}; the front page links its sections",
                "G001",
                page=f"There is no section {slug!r} on this desk; the front page lists them.",
            )
        store = self.pool.get()
        listing = load_section(store, name, self.desk)
        if fmt == "json":
            return json_response(listing_json(listing, LINKS))
        return html_response(
            "list.html",
            page_title=listing.title,
            listing=listing,
            page_url=page_url,
            top=top_tags(listing.rows),
            tags=self.tags.names(store),
            outlets=self.outlets.names(store),
            q="",
            feeds=None,
            api_url=f"/{listing.base}.json",
        )

    async def names_page(self, request: Request, kind: str) -> Response:
        """``/tags`` and ``/outlets``: every tag or outlet with its number of stories."""
        index = self.tags if kind == "tag" else self.outlets
        return html_response(
            "names.html",
            page_title="All tags" if kind == "tag" else "All outlets",
            names=index.names(self.pool.get()),
            link=LINKS.tag if kind == "tag" else LINKS.outlet,
            noun=kind,
            nouns=f"{kind}s",
            api_url=f"/{kind}s.json",
        )

    async def names_json(self, request: Request, kind: str) -> Response:
        index = self.tags if kind == "tag" else self.outlets
        links_for = LINKS.tag if kind == "tag" else LINKS.outlet
        items = [
            {"name": name, "stories": n, "slug": slugify(name), "url": links_for(slugify(name))}
            for name, n in index.names(self.pool.get())
        ]
        return json_response({"ok": True, f"{kind}s": items})


def _with_way_back(data: dict[str, Any], listing: Listing) -> dict[str, Any]:
    """Past the last page, ``prev`` points at the last page rather than at nothing."""
    if listing.page > listing.pages:
        data["prev"] = LINKS.page(listing.api_base, listing.pages, ".json", listing.params)
    return data


def _qs(listing: Listing) -> str:
    if not listing.params:
        return ""
    return "?" + "&".join(f"{k}={v}" for k, v in sorted(listing.params.items()))


def _feeds(links: Links, listing: Listing) -> dict[str, str]:
    base, params = listing.feed_base, listing.params
    return {"atom": links.feed(base, "atom", **params), "json": links.feed(base, "json", **params)}


def cached(cache: ResponseCache | None, handler: Handler) -> Handler:
    """Serve a page from ``cache`` while the database is unchanged; only 200 answers are kept.

    Cached answers carry an ``ETag``; a client that sends it back gets ``304 Not Modified``.
    """
    if cache is None:
        return handler

    @functools.wraps(handler)
    async def view(request: Request) -> Response:
        key = f"{request.base_url}|{request.url.path}?{request.url.query}"
        hit = cache.get(key)
        if hit is None:
            response = await handler(request)
            if response.status_code != 200 or not isinstance(response.body, bytes):
                return response
            body = bytes(response.body)
            headers = {k: v for k, v in response.headers.items() if k != "content-length"}
            headers["ETag"] = f'"{hashlib.blake2b(body, digest_size=12).hexdigest()}"'
            hit = (200, headers, body)
            cache.put(key, hit)
        if request.headers.get("if-none-match") == hit[1]["ETag"]:
            return Response(status_code=304, headers={"ETag": hit[1]["ETag"]})
        return Response(hit[2], hit[0], hit[1])

    return view


def make_app(
    opener: Callable[[], Store],
    version: Callable[[], Version] | None = None,
    desk_options: DeskOptions | None = None,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
) -> Starlette:
    """The app over stores made by ``opener``; ``desk_options`` (the ``[desk]`` config) lays
    out the front page.

    ``version`` (when given) enables the page cache, which keeps at most ``cache_bytes`` of
    answers (least recently used dropped first); ``cache_bytes=0`` turns it off.
    """
    desk = Desk(StorePool(opener), desk_options)
    cache = None
    if version is not None and cache_bytes > 0:
        cache = ResponseCache(version, max_bytes=cache_bytes)

    def route(path: str, handler: Handler) -> Route:
        return Route(path, cached(cache, handler), methods=["GET", "HEAD"])

    fmt = functools.partial
    routes = [
        route("/", desk.home),
        route("/index.html", desk.home),
        route("/stories.json", fmt(desk.home, fmt="json")),
        route("/feed.atom", fmt(desk.home, fmt="atom")),
        route("/feed.json", fmt(desk.home, fmt="feed")),
        route("/stories/{key}", desk.story),
        route("/stories/{key}/thread.json", desk.thread),
        route("/tags", fmt(desk.names_page, kind="tag")),
        route("/outlets", fmt(desk.names_page, kind="outlet")),
        route("/tags.json", fmt(desk.names_json, kind="tag")),
        route("/outlets.json", fmt(desk.names_json, kind="outlet")),
        route("/tags/{key}", desk.tag),
        route("/sections/{key}", desk.section),
        route("/outlets/{key}", desk.outlet),
        route("/search", desk.search),
        route("/search.json", fmt(desk.search, fmt="json")),
        route("/search.atom", fmt(desk.search, fmt="atom")),
        route("/search.feed.json", fmt(desk.search, fmt="feed")),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]
    handlers = {ApiError: on_api_error, HTTPException: on_http_error, Exception: on_server_error}

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        desk.pool.close()  # the server is stopping: close the database cleanly

    app = Starlette(
        routes=routes,
        exception_handlers=handlers,
        lifespan=lifespan,
        middleware=[Middleware(PathGuard)],
    )
    app.state.pool = desk.pool
    app.state.cache = cache
    app.state.desk = desk.desk  # the [desk] options the front page is laid out by
    return app


def create_app(
    db_path: Path,
    *,
    cache: bool = True,
    cache_bytes: int = DEFAULT_CACHE_BYTES,
    desk: DeskOptions | None = None,
) -> Starlette:
    """The web UI and JSON API over the glimpse database at ``db_path``.

    The page cache holds at most ``cache_bytes`` (default 32 MiB); ``cache=False`` turns it off.
    """
    from glimpse.store import Store
    from glimpse.store.dialect import database

    path = database(db_path)
    version = db_version(path) if cache else None
    return make_app(lambda: Store(path), version, desk, cache_bytes=cache_bytes)
