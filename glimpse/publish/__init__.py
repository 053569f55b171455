"""Publishing: the static site, Atom and JSON Feed, and the page views the server shares."""

from __future__ import annotations

from glimpse.publish.site import PublishResult, publish_site

__all__ = ["PublishResult", "publish_site"]
