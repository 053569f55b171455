"""The Python-written list items print exactly what the template loops they replaced printed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from glimpse.publish import fragments
from glimpse.publish.links import Links
from glimpse.publish.render import environment
from glimpse.publish.story_view import Evidence
from glimpse.store import StoryRow

#: The loops as the templates wrote them before (trim_blocks and lstrip_blocks as in the env).
MORE = (
    '{% for row in rows %}<li><a href="{{ row.story | story_url(links) }}">{{ row.headline }}'
    '</a> <span class="n">{{ row.outlets | plural("outlet") }}</span></li>{% endfor %}'
)
THREAD = """{% for row in rows %}
<li class="thread-item"><h4><a href="{{ row.story | story_url(links) }}">{{ row.headline }}</a></h4>
<p class="meta">{{ row.updated_at | time_tag }} · <span class="n-outlets">{{ row.outlets | plural("outlet") }}</span></p></li>
{% endfor %}
"""
TAGS = '{% for t in tags %}<li><a href="{{ t | tag_url(links) }}">{{ t }}</a></li>{% endfor %}'
OUTLETS = (
    '{% for name, n in names %}<li><a href="{{ name | outlet_url(links) }}">{{ name }}</a>'
    ' <span class="n">{{ n }}</span></li>{% endfor %}'
)
EVIDENCE = """{% for e in evidence %}
<span class="ev-item"><q>{{ e.text }}</q> <span class="ev-from">— {% set href = e.url | link_url %}{% if href %}<a href="{{ href }}" rel="noopener nofollow">{{ e.outlet or "source" }}</a>{% else %}{{ e.outlet or "source" }}{% endif %}{% if e.headline %}, “{{ e.headline }}”{% endif %}</span></span>
{% endfor %}
"""
OPTIONS = (
    '{% for name, n in names %}<option value="{{ name | slug }}"{% if name == selected %}'
    " selected{% endif %}>{{ name }} ({{ n }})</option>{% endfor %}"
)

#: Texts that need escaping, cleaning (a NUL, a bidi override), non-ASCII and plain ones.
NAMES = [
    "North Korea",
    'AT&T <b>"quoted"</b> it\'s',
    "Zürich \u202eevil",
    "Kim\x00 Jong Un",
    "Москва",
    "北京",
    "",
]
LINKS = [Links("/"), Links("../", static=True), Links("https://desk.example/a?b=1&c=2/", True)]


def _rows() -> list[StoryRow]:
    times = [datetime(2024, 6, 19, 3, 4, tzinfo=UTC), datetime(2017, 12, 31), None]
    return [
        StoryRow(f"s{i}" if i % 3 else f"odd id {i}/&", name, "", (), times[i % 3], i % 3, 1, 0.0)
        for i, name in enumerate(NAMES)
    ]


def _template(source: str, **context: object) -> str:
    return environment().from_string(source).render(**context)


@pytest.mark.parametrize("links", LINKS)
def test_headline_items_print_what_the_more_list_loop_printed(links: Links) -> None:
    rows = _rows()
    assert fragments.headline_items(rows, links) == _template(MORE, rows=rows, links=links)


@pytest.mark.parametrize("links", LINKS)
def test_thread_items_print_what_the_thread_loop_printed(links: Links) -> None:
    rows = _rows()
    assert fragments.thread_items(rows, links) == _template(THREAD, rows=rows, links=links)


@pytest.mark.parametrize("links", LINKS)
def test_tag_and_outlet_items_print_what_their_loops_printed(links: Links) -> None:
    names = [(name, i) for i, name in enumerate(NAMES)]
    assert fragments.tag_items(NAMES, links) == _template(TAGS, tags=NAMES, links=links)
    assert fragments.outlet_items(names, links) == _template(OUTLETS, names=names, links=links)


@pytest.mark.parametrize("selected", [None, "North Korea", "Москва", "nowhere"])
def test_option_items_print_what_the_menu_loop_printed(selected: str | None) -> None:
    names = [(name, 10 - i) for i, name in enumerate(NAMES)]
    expected = _template(OPTIONS, names=names, selected=selected)
    assert fragments.option_items(names, selected) == expected
    assert expected.count(" selected") == (selected in NAMES)


def test_fragments_escape_markup_and_drop_unsafe_characters() -> None:
    html = fragments.tag_items(['<script>alert("x")</script>', "a\u202eb\x00c"], Links("/"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "\u202e" not in html and "\x00" not in html and ">abc</a>" in html


def test_evidence_items_print_what_the_evidence_loop_printed() -> None:
    urls = ["https://x.example/a?b=1&c=<2>", None, "javascript:alert(1)", "ftp://x", ""]
    evidence = [
        Evidence(f"a{i}", i, text, outlet, urls[i % len(urls)], headline)
        for i, (text, outlet, headline) in enumerate(
            zip(NAMES, [None, "", "NPR", 'A&B "News"', "Le Monde", "北京日报", None],
                ["", "Kim <meets> Putin", "Zürich \u202e", "", "x", "y", ""], strict=True)
        )
    ]  # fmt: skip
    expected = _template(EVIDENCE, evidence=evidence)
    assert fragments.evidence_items(evidence) == expected
    assert 'href="javascript' not in expected and expected.count("<a href") == 2  # items 0 and 5
