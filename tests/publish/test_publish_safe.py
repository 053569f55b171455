"""What may leave glimpse in a page or a feed: http(s) links only, text valid in XML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from glimpse.publish.links import Links
from glimpse.publish.render import render
from glimpse.publish.safe import _link_url, clean_text, link_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a?b=1#c",
        "http://example.org",
        "HTTPS://Example.org/x",
    ],
)
def test_http_and_https_urls_are_links(url: str) -> None:
    assert link_url(url) == url


def test_a_browser_s_whitespace_is_trimmed_from_a_link() -> None:
    assert link_url("  https://example.org/a\n") == "https://example.org/a"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "   javascript:alert(1)",
        "\x01\x1fjavascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "//evil.example/x",
        "/relative/path",
        "https:///no-host",
        "https://[::1",
        "",
    ],
)
def test_other_schemes_and_relative_urls_are_not_links(url: str) -> None:
    assert link_url(url) is None


@given(st.text(alphabet=st.sampled_from("hts:/.exampl\t\x01 J[]"), max_size=40))
def test_a_remembered_link_check_answers_as_the_check_itself(url: str) -> None:
    # link_url remembers its answers (pages repeat their source URLs): asked twice, the
    # remembered answer is the fresh one
    assert link_url(url) == _link_url(url)
    assert link_url(url) == _link_url(url)


def test_an_overlong_url_is_checked_every_time_not_remembered() -> None:
    long_url = "https://example.com/" + "a" * 5000
    bad = "javascript:" + "a" * 5000
    assert link_url(long_url) == long_url
    assert link_url(bad) is None


def test_a_non_string_url_is_not_a_link() -> None:
    assert link_url(12345) is None and link_url(None) is None


def test_clean_text_drops_xml_illegal_and_bidi_controls_but_keeps_the_rest() -> None:
    assert clean_text("a\x00b\x1bc\u202ed\u2066e\tf\ng\u200fh") == "abcde\tf\ng\u200fh"


@given(st.text())
def test_clean_text_is_always_valid_xml_text(text: str) -> None:
    node = etree.Element("t")
    node.text = clean_text(text)  # lxml raises ValueError on anything XML cannot hold
    assert etree.fromstring(etree.tostring(node)).text in (node.text, None)


@given(st.text(alphabet=st.characters(codec=None)) | st.text())
def test_clean_text_s_printable_shortcut_removes_exactly_what_the_full_scan_removes(
    text: str,
) -> None:
    from glimpse.publish.safe import _UNSAFE_TEXT

    assert clean_text(text) == _UNSAFE_TEXT.sub("", text)


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\ud800", "\ufffe", "\uffff", "\u202e", "\u2069"])
def test_every_kind_of_unsafe_character_is_caught_inside_printable_text(char: str) -> None:
    assert clean_text(f"Putin and Kim {char}meet in Pyongyang") == "Putin and Kim meet in Pyongyang"


def test_templates_print_text_without_bidi_overrides() -> None:
    page = render(
        "error.html",
        links=Links("./", static=True),
        page_title="Evil \u202eheadline",
        status=400,
        message="a\x00b",
        q="",
        feeds=None,
        api_url=None,
    )
    assert "\u202e" not in page and "\x00" not in page and "Evil headline" in page
