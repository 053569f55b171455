"""Small feed validators for the tests: the Atom RFC 4287 and JSON Feed 1.1 requirements glimpse's
feeds must meet (no validator package works offline, so the rules are written out here)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _date(text: str | None, where: str) -> list[str]:
    """RFC 3339 date-time (RFC 4287 §3.3): a 'T', seconds and a zone."""
    if not text or "T" not in text or not (text.endswith("Z") or text[-6] in "+-"):
        return [f"{where}: not an RFC 3339 date-time: {text!r}"]
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return [f"{where}: not an RFC 3339 date-time: {text!r}"]
    return []


def _one(node: Any, name: str, where: str) -> list[str]:
    found = node.findall(f"{ATOM}{name}")
    return [] if len(found) == 1 else [f"{where}: {len(found)} atom:{name} (must be 1)"]


def atom_problems(data: bytes, location: str) -> list[str]:
    """What makes ``data`` (fetched from ``location``) not a valid Atom 1.0 feed."""
    try:
        feed = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if feed.tag != f"{ATOM}feed":
        return [f"root is {feed.tag}, not atom:feed"]
    problems = [*_one(feed, "id", "feed"), *_one(feed, "title", "feed"),
                *_one(feed, "updated", "feed")]  # fmt: skip
    problems += _date(feed.findtext(f"{ATOM}updated"), "feed updated")
    base = urljoin(location, feed.get(XML_BASE) or "")
    selfs = [x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "self"]
    if len(selfs) != 1 or urljoin(base, selfs[0].get("href") or "") != location:
        problems.append(f"feed self link does not resolve to {location}")
    feed_author = feed.find(f"{ATOM}author") is not None
    for n, entry in enumerate(feed.findall(f"{ATOM}entry")):
        where = f"entry {n}"
        problems += [*_one(entry, "id", where), *_one(entry, "title", where),
                     *_one(entry, "updated", where)]  # fmt: skip
        problems += _date(entry.findtext(f"{ATOM}updated"), f"{where} updated")
        if entry.find(f"{ATOM}published") is not None:
            problems += _date(entry.findtext(f"{ATOM}published"), f"{where} published")
        if not feed_author and entry.find(f"{ATOM}author") is None:
            problems.append(f"{where}: no author")
        alternates = [
            x for x in entry.findall(f"{ATOM}link") if x.get("rel", "alternate") == "alternate"
        ]
        if len([x for x in alternates if x.get("type") == "text/html"]) != 1:
            problems.append(f"{where}: not exactly one alternate text/html link")
        content = entry.find(f"{ATOM}content")
        if content is None and entry.find(f"{ATOM}summary") is None:
            problems.append(f"{where}: neither content nor summary")
    parsed = feedparser.parse(data)
    if parsed.bozo:
        problems.append(f"feedparser: {parsed.bozo_exception}")
    return problems


def json_feed_problems(data: bytes) -> list[str]:
    """What makes ``data`` not a valid JSON Feed 1.1 document."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [f"not UTF-8 JSON: {exc}"]
    problems = []
    if doc.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append(f"version is {doc.get('version')!r}")
    if not isinstance(doc.get("title"), str) or not doc["title"]:
        problems.append("no title")
    if not isinstance(doc.get("items"), list):
        return [*problems, "items is not a list"]
    for n, item in enumerate(doc["items"]):
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"item {n}: no string id")
        if not (item.get("content_html") or item.get("content_text")):
            problems.append(f"item {n}: neither content_html nor content_text")
        for key in ("date_published", "date_modified"):
            if key in item:
                problems += _date(item[key], f"item {n} {key}")
    return problems
