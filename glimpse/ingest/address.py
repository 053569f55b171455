"""Which addresses a URL may reach: the pure rule, the resolver and the per-run policy.

A URL glimpse found in content (a feed item link, a redirect, a robots.txt redirect) must not
reach loopback, private, link-local, multicast, reserved or unspecified addresses, in IPv4 or
IPv6, including IPv4 addresses carried inside IPv6 (mapped ``::ffff:a.b.c.d``, compatible
``::a.b.c.d``, 6to4, Teredo, NAT64) and the numeric host forms ``inet_aton`` accepts
(``2130706433``, ``0x7f.1``, ``0177.0.0.1``). The exception is a URL with the same origin
(scheme, host, port) as a source the user named: the user's own sources are trusted, so a feed
served on 127.0.0.1 works. ``[fetch] allow_private = true`` lifts the rule.

:func:`address_refusal` and :func:`numeric_host` are pure; :func:`resolve` is the only I/O.
The stdlib ``ipaddress`` classifies; it is wrapped by hand because on Python 3.11 it does not
look inside mapped/6to4/NAT64 forms and does not parse inet_aton's numeric forms.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from glimpse.errors import AddressRefused

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Origin = tuple[str, str, int]
Resolver = Callable[[str, int], list[Address]]

HTTP_PORTS = {"http": 80, "https": 443}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_COMPATIBLE = ipaddress.ip_network("::/96")
# (attribute of ipaddress objects, what the refusal calls it), most specific first
_KINDS = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_site_local", "site-local"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, 6to4, Teredo, NAT64)."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or (ip in _COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_refusal(ip: Address) -> str | None:
    """Why content may not reach ``ip`` ("loopback address 127.0.0.1"), or None when public."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        reason = address_refusal(inner) if inner is not None else None
        if reason:
            return f"{reason} (inside {ip})"
    for attribute, name in _KINDS:
        if getattr(ip, attribute, False):
            return f"{name} address {ip}"
    return None if ip.is_global else f"non-public address {ip}"


def numeric_host(host: str) -> Address | None:
    """The address a numeric host names, as the C resolver reads it, or None for a name.

    Accepts IP literals (``[::1]``, ``fe80::1%eth0``) and inet_aton's forms: one to four
    parts, each decimal, ``0x`` hex or ``0`` octal, the last part filling the remaining bytes.
    """
    host = host.strip().strip("[]").split("%")[0].removesuffix(".")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    parts = host.split(".")
    try:
        values = [_inet_part(part) for part in parts]
    except ValueError:
        return None
    if not 1 <= len(values) <= 4 or any(v > 255 for v in values[:-1]):
        return None
    if values[-1] >= 256 ** (5 - len(values)):
        return None
    number = values[-1]
    for index, value in enumerate(values[:-1]):
        number += value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def _inet_part(text: str) -> int:
    if not text.isascii() or not text.isalnum():
        raise ValueError(text)
    if text[:2].lower() == "0x":
        return int(text[2:] or "0", 16)
    if len(text) > 1 and text[0] == "0":
        return int(text, 8)
    return int(text, 10)


def origin(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL as httpx will connect to it; None otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    scheme = parsed.scheme.lower()
    host = parsed.raw_host.decode("ascii").lower()
    if scheme not in HTTP_PORTS or not host:
        return None
    return scheme, host, parsed.port or HTTP_PORTS[scheme]


def is_http_url(url: str) -> bool:
    return origin(url) is not None


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (numeric forms read by :func:`numeric_host`).

    Raises OSError when the name does not resolve. getaddrinfo has no timeout of its own: a
    slow DNS server is bounded by the system resolver's settings, not by ``deadline``.
    """
    literal = numeric_host(host)
    if literal is not None:
        return [literal]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found = (ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos)
    return list(dict.fromkeys(found))


@dataclass
class AddressPolicy:
    """The run's rule: trusted origins (the user's sources) may be local, content may not."""

    allow_private: bool = False
    resolver: Resolver = resolve
    trusted: set[Origin] = field(default_factory=set)

    def trust(self, url: str) -> None:
        """The user named ``url``: its origin may resolve to any address."""
        found = origin(url)
        if found is not None:
            self.trusted.add(found)

    def check_url(self, url: str, subject: str | None = None) -> None:
        """Raise AddressRefused unless ``url`` is http(s) and may be reached."""
        found = origin(url)
        if found is None:
            scheme = url.split(":", 1)[0][:20] if ":" in url else "no scheme"
            raise AddressRefused(f"only http(s) URLs are fetched, not {scheme}:", subject or url)
        if self.allow_private or found in self.trusted:
            return
        try:
            addresses = self.resolver(found[1], found[2])
        except OSError:
            return  # cannot resolve: the connect fails with its own message
        self._refuse_any(found[1], addresses, url, subject)

    def connect_addresses(self, host: str, port: int) -> list[Address]:
        """The addresses to connect to for ``host``; raises AddressRefused (or OSError)."""
        addresses = self.resolver(host, port)
        key = host.lower()
        if not (self.allow_private or any(o[1:] == (key, port) for o in self.trusted)):
            self._refuse_any(host, addresses, f"{host}:{port}", None)
        return addresses

    def _refuse_any(
        self, host: str, addresses: list[Address], url: str, subject: str | None
    ) -> None:
        for ip in addresses:
            reason = address_refusal(ip)
            if reason:
                via = "" if subject in (None, url) else f"redirect to {url} "
                what = reason if numeric_host(host) is not None else f"{host} resolves to {reason}"
                raise AddressRefused(
                    f"{via}refused: {what}; only sources you named may be local"
                    " ([fetch] allow_private = true lifts this)",
                    subject or url,
                )
