"""The address rule as pure functions: no network, no resolver beyond a fake one."""

from __future__ import annotations

import ipaddress

import pytest

from glimpse.errors import AddressRefused
from glimpse.ingest.address import (
    Address,
    AddressPolicy,
    address_refusal,
    numeric_host,
    origin,
)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1.258", "10.1.1.2"),
        ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1"),
        ("fe80::1%eth0", "fe80::1"),
        ("127.0.0.1.", "127.0.0.1"),
    ],
)
def test_numeric_host_reads_every_form_the_c_resolver_accepts(host: str, expected: str) -> None:
    assert numeric_host(host) == ipaddress.ip_address(expected)


@pytest.mark.parametrize("host", ["example.org", "1.2.3.4.5", "256.1.1.1", "1_0.0.0.1", "+1", "09"])
def test_names_and_malformed_numbers_are_not_numeric_hosts(host: str) -> None:
    assert numeric_host(host) is None


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("10.0.0.5", "private"),
        ("172.16.3.4", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("::127.0.0.1", "loopback"),
        ("2002:7f00:1::", "loopback"),
        ("2002:a00:1::", "private"),
        ("64:ff9b::7f00:1", "loopback"),
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),
    ],
)
def test_local_and_special_addresses_are_refused_with_their_kind(address: str, kind: str) -> None:
    reason = address_refusal(ipaddress.ip_address(address))
    assert reason is not None and reason.startswith(f"{kind} address")


@pytest.mark.parametrize(
    "address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "2002:808:808::"]
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert address_refusal(ipaddress.ip_address(address)) is None


def test_numeric_forms_of_loopback_are_refused_without_dns() -> None:
    for host in ("2130706433", "0x7f.1", "[::ffff:127.0.0.1]", "017700000001"):
        ip = numeric_host(host)
        assert ip is not None and address_refusal(ip) is not None, host


def test_origin_is_scheme_host_and_port_with_defaults() -> None:
    assert origin("http://Example.ORG/a") == ("http", "example.org", 80)
    assert origin("https://example.org:8443/a") == ("https", "example.org", 8443)
    assert origin("javascript:alert(1)") is None
    assert origin("urn:uuid:0d6e2c3a-1111-2222-3333-444455556666") is None
    assert origin("ftp://example.org/x") is None


def fake(table: dict[str, str]) -> AddressPolicy:
    def resolver(host: str, port: int) -> list[Address]:
        return [ipaddress.ip_address(table.get(host, host))]

    return AddressPolicy(resolver=resolver)


def test_content_url_to_loopback_is_refused_with_one_line_naming_it() -> None:
    policy = fake({"admin.test": "127.0.0.1"})
    with pytest.raises(AddressRefused) as info:
        policy.check_url("http://admin.test:8080/secret")
    line = info.value.line()
    assert info.value.code == "G018" and "\n" not in line
    assert "http://admin.test:8080/secret" in line and "loopback address 127.0.0.1" in line


def test_same_origin_as_a_named_source_is_trusted_but_another_port_is_not() -> None:
    policy = fake({})
    policy.trust("http://127.0.0.1:8000/feed.xml")
    policy.check_url("http://127.0.0.1:8000/a.html")
    for other in ("http://127.0.0.1:8001/a.html", "https://127.0.0.1:8000/a.html"):
        with pytest.raises(AddressRefused):
            policy.check_url(other)


def test_allow_private_lifts_the_rule() -> None:
    policy = fake({})
    policy.allow_private = True
    policy.check_url("http://10.0.0.1/intranet")
    assert policy.connect_addresses("127.0.0.1", 9) == [ipaddress.ip_address("127.0.0.1")]


def test_only_http_urls_are_fetched() -> None:
    policy = fake({})
    policy.allow_private = True
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "file:///etc/passwd", "urn:uuid:1"):
        with pytest.raises(AddressRefused, match="only http"):
            policy.check_url(url)


def test_a_name_with_any_local_answer_is_refused_at_connect() -> None:
    answers = ["93.184.215.14", "127.0.0.1"]

    def resolver(host: str, port: int) -> list[Address]:
        return [ipaddress.ip_address(a) for a in answers]

    with pytest.raises(AddressRefused, match="loopback"):
        AddressPolicy(resolver=resolver).connect_addresses("mixed.test", 80)
