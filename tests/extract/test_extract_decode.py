"""Decoding page bytes: BOM, UTF-8, declared charset, detection; binary is refused."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glimpse.errors import BadEncoding
from glimpse.extract.decode import decode_html

PAGE = "<html><body><p>Crème brûlée à São Paulo — “déjà vu”</p></body></html>"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-8-sig"])
def test_byte_order_marks_decide(encoding: str) -> None:
    data = PAGE.encode(encoding)
    if encoding == "utf-8":
        data = codecs.BOM_UTF8 + data
    assert decode_html(data) == PAGE


def test_declared_charset_is_used_when_bytes_are_not_utf8() -> None:
    page = '<meta charset="iso-8859-1"><p>Ça coûte très cher, déjà.</p>'
    assert decode_html(page.encode("iso-8859-1")) == page


def test_undeclared_legacy_text_is_detected() -> None:
    page = "<p>" + "Les élèves ont visité le musée près de la forêt, où l’été est doux. " * 5
    assert decode_html(page.encode("cp1252")) == page


def test_utf8_wins_over_a_wrong_declaration() -> None:
    page = '<meta charset="windows-1252"><p>Zürich café</p>'
    assert decode_html(page.encode("utf-8")) == page


def test_truncated_multibyte_character_at_the_end_is_dropped() -> None:
    data = "<p>café “".encode()[:-1]
    assert decode_html(data) == "<p>café "


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(BadEncoding, match="binary"):
        decode_html(b"<html>\x00\x00\x00</html>")


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_decode_or_raise_bad_encoding(data: bytes) -> None:
    try:
        text = decode_html(data)
    except BadEncoding:
        return
    assert isinstance(text, str)
