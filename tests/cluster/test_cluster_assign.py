"""Online story assignment on small inline sets of articles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from glimpse.cluster import (
    ClusterItem,
    ClusterOptions,
    StoryIndex,
    assign_story,
    cluster_articles,
    story_id_for,
)
from glimpse.cluster.assign import tfidf_vector
from glimpse.cluster.story import StoryProfile, dot
from glimpse.models import Article, Entity, Features

T0 = datetime(2026, 11, 2, 8, tzinfo=UTC)

WIRE = (
    "Rescue teams in southern Chile pulled twelve miners alive from a collapsed copper mine "
    "on Sunday after a three day operation, the regional governor said. The shaft at the "
    "Santa Rosa mine near Copiapo caved in on Thursday after a small earthquake, trapping "
    "the night shift four hundred metres underground. Families who had camped at the gate "
    "cheered as the men were lifted to the surface one at a time in a steel capsule."
)

BACKGROUND = [
    ("Central bank raises interest rates to curb inflation", "Economy"),
    ("Champions League final ends in penalty shootout drama", "Sports"),
    ("New smartphone sales beat analyst expectations", "Tech"),
    ("Heatwave sends temperatures soaring across southern Europe", "Weather"),
    ("Film festival opens with premiere of historical drama", "Culture"),
    ("Oil prices slide as supply concerns ease", "Markets"),
]


def art(
    aid: str, title: str, text: str = "", *, hours: float = 0.0, entities: tuple[str, ...] = ()
) -> tuple[Article, Features]:
    article = Article(id=aid, title=title, text=text, published=T0 + timedelta(hours=hours))
    feats = Features(article=aid, entities=tuple(Entity(name=e, type="PLACE") for e in entities))
    return article, feats


def run(pairs: list[tuple[Article, Features]], **options: object) -> dict[str, str]:
    arts, feats = [p[0] for p in pairs], [p[1] for p in pairs]
    index = StoryIndex(ClusterOptions(**options))  # type: ignore[arg-type]
    done = cluster_articles(arts, feats, index)
    return {a.article: index.resolve(a.story) for a in done}


def background() -> list[tuple[Article, Features]]:
    return [art(f"bg{i}", title, hours=i) for i, (title, _) in enumerate(BACKGROUND)]


def test_syndicated_copies_join_one_story_as_near_duplicates() -> None:
    pairs = [
        art("ap", "Twelve miners rescued alive in Chile", WIRE),
        art("reuters", "Chile: all 12 trapped miners brought out", WIRE, hours=1),
        art("local", "Joy at Santa Rosa as miners surface", WIRE + " Updated.", hours=2),
    ]
    done = cluster_articles([p[0] for p in pairs], [p[1] for p in pairs])
    assert len({a.story for a in done}) == 1
    assert [a.reason for a in done[1:]] == ["near-duplicate", "near-duplicate"]
    assert done[0].new_story and not done[1].new_story


def test_copies_are_looked_up_among_the_last_windows_articles_only() -> None:
    """A copy within the base window is a near-duplicate; a reprint two windows later is
    no longer in the LSH (which holds one window's articles) but still joins the story,
    which stays open, by similarity."""
    pairs = [
        art("ap", "Twelve miners rescued alive in Chile", WIRE),
        art("copy", "Chile: all 12 trapped miners brought out", WIRE, hours=20),
        art("follow", "Chile miners rescue: families celebrate at Santa Rosa", WIRE, hours=70),
        art("reprint", "Twelve miners rescued alive in Chile", WIRE, hours=150),
    ]
    options = ClusterOptions(window_hours=48.0, window_growth=2.0)
    index = StoryIndex(options)
    done = {
        a.article: a for a in cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    }
    assert done["copy"].reason == "near-duplicate"
    assert done["reprint"].reason == "similar"
    assert len({index.resolve(a.story) for a in done.values()}) == 1
    assert "ap" not in index.signatures and "reprint" in index.signatures
    # a saved and restored index expires each signature when the original would
    first = StoryIndex(options)
    cluster_articles([p[0] for p in pairs[:2]], [p[1] for p in pairs[:2]], first)
    restored = StoryIndex.from_state(first.to_state())
    later = (T0 + timedelta(hours=50)).timestamp()  # "ap" (0 h) is out, "copy" (20 h) is not
    first.advance(later)
    restored.advance(later)
    assert restored.signatures.keys() == first.signatures.keys() == {"copy"}


def test_two_events_sharing_a_country_stay_apart() -> None:
    nk = ("North Korea",)
    pairs = [
        *background(),
        art(
            "m1",
            "North Korea fires ballistic missile over Japan",
            hours=10,
            entities=(*nk, "Japan"),
        ),
        art(
            "s1",
            "North Korea and South Korea leaders hold summit at Panmunjom",
            hours=11,
            entities=(*nk, "South Korea", "Panmunjom"),
        ),
        art(
            "m2",
            "Missile launched by North Korea flies over Hokkaido in Japan",
            hours=12,
            entities=(*nk, "Hokkaido", "Japan"),
        ),
        art(
            "s2",
            "Panmunjom summit: Korea leaders pledge peace",
            hours=13,
            entities=("Panmunjom", "South Korea", *nk),
        ),
    ]
    story = run(pairs)
    assert story["m1"] == story["m2"]
    assert story["s1"] == story["s2"]
    assert story["m1"] != story["s1"]


def test_a_story_spanning_three_days_stays_one_story() -> None:
    pairs = [
        *background(),
        art(
            "d1", "Wildfire near Valparaiso forces thousands to evacuate", entities=("Valparaiso",)
        ),
        art(
            "d2",
            "Valparaiso wildfire spreads as evacuations grow",
            hours=26,
            entities=("Valparaiso",),
        ),
        art(
            "d3",
            "Firefighters contain Valparaiso wildfire after three days",
            hours=52,
            entities=("Valparaiso",),
        ),
    ]
    story = run(pairs)
    assert story["d1"] == story["d2"] == story["d3"]


def test_a_story_outside_the_window_takes_no_new_articles() -> None:
    pairs = [
        *background(),
        art("old", "Wildfire near Valparaiso forces thousands to evacuate"),
        art("new", "Wildfire near Valparaiso forces thousands to evacuate again", hours=24 * 10),
    ]
    story = run(pairs, window_hours=72.0)
    assert story["old"] != story["new"]


def _covered(outlets: int) -> list[tuple[Article, Features]]:
    """A wildfire story covered by ``outlets`` articles on day one, and a follow-up on day 10."""
    heads = [
        "Wildfire near Valparaiso forces thousands to evacuate",
        "Valparaiso wildfire: thousands evacuated as flames spread",
        "Thousands flee Valparaiso wildfire as homes burn",
        "Chile wildfire near Valparaiso destroys hundreds of homes",
        "Valparaiso wildfire evacuation grows as winds pick up",
        "Firefighters battle Valparaiso wildfire through the night",
        "Valparaiso wildfire death toll rises as evacuations continue",
        "Wildfire around Valparaiso burns thousands of hectares",
    ]
    pairs = [art(f"w{i}", heads[i], hours=i) for i in range(outlets)]
    follow = art("late", "Valparaiso wildfire evacuees return to burned homes", hours=24 * 10)
    return [*background(), *pairs, follow]


def test_a_widely_covered_story_stays_open_longer_than_a_lone_article() -> None:
    window = {"window_hours": 72.0, "window_growth": 1.0, "stale_penalty": 0.0}
    # 8 articles: 72 h x (1 + log2 8) = 12 days; one article: 72 h
    assert run(_covered(8), **window)["late"] == run(_covered(8), **window)["w0"]
    assert run(_covered(1), **window)["late"] != run(_covered(1), **window)["w0"]
    capped = run(_covered(8), **window, max_window_hours=120.0)
    assert capped["late"] != capped["w0"]
    fixed = run(_covered(8), **{**window, "window_growth": 0.0})
    assert fixed["late"] != fixed["w0"]


def test_a_story_grown_past_its_first_expiry_is_not_retired() -> None:
    index = StoryIndex(ClusterOptions(window_hours=72.0, window_growth=1.0, reopen_hours=None))
    pairs = _covered(8)[:-1]
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    sid = index.article_story["w0"]
    index.advance((T0 + timedelta(days=8)).timestamp())  # past 72 h, inside 12 days
    assert sid in index.stories and "bg0" not in index.article_story
    index.advance((T0 + timedelta(days=13)).timestamp())
    assert sid not in index.stories


def test_a_story_past_its_window_goes_dormant_then_retires() -> None:
    """With ``reopen_hours`` a story past its window leaves the active index for the dormant
    one, and is retired only once silent for ``reopen_hours``."""
    index = StoryIndex(ClusterOptions(window_hours=72.0, window_growth=1.0, reopen_hours=720.0))
    pairs = _covered(8)[:-1]
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    sid, lone = index.article_story["w0"], index.article_story["bg0"]
    index.advance((T0 + timedelta(days=8)).timestamp())  # past 72 h, inside 12 days
    assert lone in index.dormant and sid not in index.dormant
    assert all(lone not in ids for ids in index.postings.values())
    assert any(lone in ids for ids in index.archive.values())
    index.advance((T0 + timedelta(days=13)).timestamp())
    assert sid in index.dormant and sid in index.stories
    index.advance((T0 + timedelta(days=30, hours=3)).timestamp())  # bg0 + 30 days, w7 + 29.8
    assert lone not in index.stories and lone not in index.dormant
    assert sid in index.stories
    index.advance((T0 + timedelta(days=32)).timestamp())
    assert not index.stories and not index.archive and not index.postings


def test_after_a_long_silence_an_article_needs_a_closer_match() -> None:
    index = StoryIndex(ClusterOptions(window_hours=72.0, window_growth=1.0, max_window_hours=None))
    pairs = _covered(8)[:-1]
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    story = index.stories[index.article_story["w0"]]
    assert story.last is not None
    assert index.staleness(story, story.last) == 0.0
    half = story.last + 0.5 * 4 * 72 * 3600  # 72 h x (1 + log2 8) = 288 h
    assert abs(index.staleness(story, half) - 0.5) < 1e-9
    assert index.staleness(story, story.last + 10**9) == 1.0
    loose = {"window_hours": 72.0, "window_growth": 1.0, "threshold": 0.0}
    assert run(_covered(8), **loose, stale_penalty=0.0)["late"] == run(_covered(8), **loose)["w0"]
    strict = run(_covered(8), **loose, stale_penalty=5.0)
    assert strict["late"] != strict["w0"]


def test_candidates_read_a_bounded_slice_of_a_common_words_postings() -> None:
    """Forty open stories share "police"; the one sharing the rare words is still found,
    while at most ``max_postings`` stories are read per word."""
    pairs = [art(f"p{i}", f"Police {chr(97 + i % 26)}{i}town arrest suspect{i}") for i in range(40)]
    pairs.append(art("target", "Police investigate Valparaiso harbour explosion", hours=1))
    index = StoryIndex(ClusterOptions(max_postings=4))
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    probe = ClusterItem.from_records(
        *art("probe", "Police say Valparaiso harbour explosion was an accident", hours=2)
    )
    q = tfidf_vector(index, probe)
    found = index.candidates(q, ())
    assert found[0][0] == index.article_story["target"]
    assert len(found) <= 4 * len(q)
    exact = {sid: index.stories[sid].centroid_cosine(q) for sid, _ in found}
    assert abs(found[0][1] - exact[found[0][0]]) < 1e-9  # reached through every word


def test_an_article_that_arrives_late_joins_its_story() -> None:
    index = StoryIndex()
    first = [
        *background(),
        art("a1", "Volcano erupts on Iceland's Reykjanes peninsula", hours=0),
        art("a3", "Iceland volcano eruption forces Grindavik evacuation", hours=30),
    ]
    cluster_articles([p[0] for p in first], [p[1] for p in first], index)
    late, feats = art("a2", "Reykjanes volcano eruption lights up Iceland sky", hours=12)
    result = assign_story(index, ClusterItem.from_records(late, feats))
    assert result.story == index.article_story["a1"] == index.article_story["a3"]
    assert not result.new_story


def test_an_empty_headline_starts_its_own_story() -> None:
    pairs = [*background(), art("blank", "", "")]
    done = cluster_articles([p[0] for p in pairs], [p[1] for p in pairs])
    blank = next(a for a in done if a.article == "blank")
    assert blank.new_story and blank.reason == "empty"
    assert blank.story == story_id_for("blank")


def test_an_empty_headline_with_a_body_clusters_by_its_body() -> None:
    pairs = [
        art("t", "Twelve miners rescued alive in Chile", WIRE),
        art("nohead", "", WIRE.replace("Sunday", "Sunday evening"), hours=1),
    ]
    story = run(pairs)
    assert story["t"] == story["nohead"]


def test_two_stories_bridged_by_an_article_are_merged_into_the_older() -> None:
    pairs = [
        art("x", "alpha beta gamma delta"),
        art("y", "epsilon zeta eta theta", hours=1),
        art("bridge", "alpha beta gamma delta epsilon zeta eta theta", hours=2),
    ]
    index = StoryIndex(ClusterOptions(threshold=0.5, merge_threshold=0.5, entity_weight=0.0))
    done = cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    old, survivor = story_id_for("y"), story_id_for("x")
    assert done[2].merged == ((old, survivor),)
    assert done[2].story == survivor
    assert index.resolve(old) == survivor
    assert done[1].story == survivor  # earlier assignments name the surviving story
    assert index.article_story["y"] == survivor


def test_two_stories_whose_centroids_come_close_are_merged_into_the_older() -> None:
    pairs = [
        art("x", "alpha beta gamma delta"),
        art("y", "alpha beta epsilon zeta", hours=1),
        art("z", "alpha beta epsilon zeta eta", hours=2),
    ]
    options = {"lexical_threshold": 0.6, "merge_threshold": 2.0, "entity_weight": 0.0}
    options["story_merge_margin"] = -0.3  # z scores about 0.45 with x: it nearly links both
    apart = run(pairs, story_merge=None, **options)
    assert apart["x"] != apart["y"] == apart["z"]
    index = StoryIndex(ClusterOptions(story_merge=0.4, **options))  # type: ignore[arg-type]
    done = cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    survivor = story_id_for("x")
    assert done[2].merged == ((story_id_for("y"), survivor),)
    assert {a.story for a in done} == {survivor}


def test_assigning_an_article_twice_is_a_no_op() -> None:
    index = StoryIndex()
    article, feats = art("once", "Twelve miners rescued alive in Chile", WIRE)
    first = assign_story(index, ClusterItem.from_records(article, feats))
    again = assign_story(index, ClusterItem.from_records(article, feats))
    assert again.story == first.story and again.reason == "known"
    assert index.n_docs == 1


def _unit(axis: int) -> tuple[float, ...]:
    return tuple(1.0 if i == axis else 0.0 for i in range(8))


def test_vectors_decide_between_lexically_close_headlines() -> None:
    def pairs(vec_a: tuple[float, ...], vec_b: tuple[float, ...]) -> list[tuple[Article, Features]]:
        a, _fa = art("a", "Apple unveils new iPhone at September event")
        b, _fb = art("b", "Apple shares slide as markets fall", hours=1)
        return [
            *background(),
            (a, Features(article="a", vector=vec_a)),
            (b, Features(article="b", vector=vec_b)),
        ]

    lexical = run(
        pairs(_unit(0), _unit(1)), use_vectors=False, threshold=0.15, lexical_threshold=0.15
    )
    assert lexical["a"] == lexical["b"]
    apart = run(pairs(_unit(0), _unit(1)), threshold=0.15, lexical_threshold=0.15)
    assert apart["a"] != apart["b"]
    together = run(pairs(_unit(0), _unit(0)), threshold=0.15, lexical_threshold=0.15)
    assert together["a"] == together["b"]


def test_an_article_without_a_vector_falls_back_to_lexical_scoring() -> None:
    a, _fa = art("a", "Apple unveils new iPhone at September event")
    b, fb = art("b", "Apple shares slide as markets fall", hours=1)
    pairs = [*background(), (a, Features(article="a", vector=_unit(0))), (b, fb)]
    joined = run(pairs, threshold=0.9, lexical_threshold=0.15)
    assert joined["a"] == joined["b"]  # b has no vector: the lexical threshold decides
    split = run(pairs, threshold=0.15, lexical_threshold=0.9)
    assert split["a"] != split["b"]


def test_the_read_budget_goes_to_the_rarest_words_first() -> None:
    """Thirty open stories share "police"; with a budget of six posting reads the story that
    shares the article's rare words is still reached, and no more than six stories are."""
    pairs = [art(f"p{i}", f"Police {chr(97 + i % 26)}{i}town arrest suspect{i}") for i in range(30)]
    pairs.append(art("target", "Police investigate Valparaiso harbour explosion", hours=1))
    apart = {"threshold": 2.0, "lexical_threshold": 2.0, "story_merge": None}  # 31 stories
    index = StoryIndex(ClusterOptions(max_postings=12, max_reads=6, **apart))  # type: ignore[arg-type]
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    probe = ClusterItem.from_records(
        *art("probe", "Police say Valparaiso harbour explosion was an accident", hours=2)
    )
    found = index.candidates(tfidf_vector(index, probe), ())
    assert found[0][0] == index.article_story["target"]
    assert len(found) <= 6
    unbounded = StoryIndex(ClusterOptions(max_postings=12, **apart))  # type: ignore[arg-type]
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], unbounded)
    assert len(unbounded.candidates(tfidf_vector(unbounded, probe), ())) > 6


def test_a_merged_story_holds_the_exact_sum_of_both() -> None:
    """Merging folds the smaller map into the larger and updates the squared norm from the
    cross term: the result must equal summing the two stories from scratch."""
    big, small = StoryProfile("b", None, None), StoryProfile("s", None, None)
    for i in range(6):
        big.add({f"w{i}": 0.6, "quake": 0.8}, ("Chile", f"Town{i}"), None, 4)
    small.add({"quake": 0.6, "rescue": 0.8}, ("Chile",), None, 4)
    expected = dict(big.terms)
    for t, w in small.terms.items():
        expected[t] = expected.get(t, 0.0) + w
    small.absorb(big, 4)  # the survivor is the smaller story
    assert small.terms == expected
    assert abs(small.norm2 - dot(expected, expected)) < 1e-9
    assert small.entities["Chile"] == 7 and small.entities["Town0"] == 1
    assert small.size == 7 and len(small.recent) == 4


def test_ids_merged_twice_redirect_to_the_last_survivor() -> None:
    index = StoryIndex()
    for sid, when in (("a", 1.0), ("b", 2.0), ("c", 3.0)):
        story = StoryProfile(sid, first=when, last=when)
        story.add({f"t{sid}": 1.0}, (), None, 4)
        index.stories[sid] = story
        index.post(story, story.terms)
    index.merge("c", "b")
    index.merge("b", "a")
    assert index.resolve("c") == index.resolve("b") == "a"
    restored = StoryIndex.from_state(index.to_state())
    later = StoryProfile("d", first=0.5, last=0.5)
    restored.stories["d"] = later
    restored.merge("a", "d")
    assert restored.resolve("c") == restored.resolve("b") == restored.resolve("a") == "d"
    assert set(index.postings["tc"]) == {"a"}


def test_an_article_titled_with_the_site_name_clusters_by_its_url() -> None:
    """A title that only names the site says nothing about the event: its URL does; and two
    articles with that title on different events do not meet through it."""
    site = "https://harbournews.example/local/wire/"
    pairs = [
        art("post", "Ferry strike ends after three days of talks"),
        art("quake", "Strong earthquake shakes southern Peru", hours=1),
    ]
    slugs = ["ferry-strike-ends-after-three-days-5204", "wildfire-evacuations-in-oregon-5205"]
    titled = [
        Article(
            id=f"h{i}",
            title="Harbour News",
            text="",
            url=site + slug,
            published=T0 + timedelta(hours=1 + i),
        )
        for i, slug in enumerate(slugs, 1)
    ]
    arts = [*(p[0] for p in pairs), *titled]
    feats = [*(p[1] for p in pairs), *(Features(article=a.id) for a in titled)]
    index = StoryIndex()
    done = {a.article: index.resolve(a.story) for a in cluster_articles(arts, feats, index)}
    assert done["h1"] == done["post"]
    assert done["h2"] not in {done["h1"], done["quake"]}


FOLLOW_UP = (
    "Six weeks after their rescue, the twelve miners pulled alive from the collapsed Santa "
    "Rosa copper mine near Copiapo returned to the shaft where they were trapped, the "
    "regional governor said. The night shift had spent three days four hundred metres "
    "underground after a small earthquake caved in the mine, before rescue teams lifted them "
    "to the surface one at a time in a steel capsule as their families cheered at the gate."
)


FOLLOW = art("follow", "Rescued Chile miners return to Santa Rosa", FOLLOW_UP, hours=24 * 40)
# the first headline word for word, without a body
REPEAT = art("repeat", "Twelve miners rescued alive in Chile", hours=24 * 40)


def _reopening(late: tuple[Article, Features], **options: object) -> dict[str, str]:
    """The Chile mine rescue, 40 days of silence, then ``late``."""
    pairs = [
        *background(),
        art("ap", "Twelve miners rescued alive in Chile", WIRE),
        art("local", "Joy at Santa Rosa as miners surface", WIRE + " Updated.", hours=2),
        late,
    ]
    return run(pairs, **options)


def test_a_full_article_reopens_a_story_silent_past_its_window() -> None:
    story = _reopening(FOLLOW)
    assert story["follow"] == story["ap"] == story["local"]
    # a headline has too few words to tell a follow-up from the next event on the subject
    story = _reopening(REPEAT, reopen_margin=0.0)
    assert story["repeat"] != story["ap"]
    story = _reopening(REPEAT, reopen_margin=0.0, reopen_min_words=0)  # unless told to
    assert story["repeat"] == story["ap"]


def test_reopening_needs_the_margin_and_the_horizon() -> None:
    for options in ({"reopen_hours": None}, {"reopen_margin": 5.0}, {"reopen_hours": 24 * 30}):
        story = _reopening(FOLLOW, **options)  # 24 x 30: the follow-up comes after 40 days
        assert story["follow"] != story["ap"], options
    assert _reopening(FOLLOW, reopen_hours=24 * 41)["follow"] == _reopening(FOLLOW)["ap"]


def test_a_reopened_story_is_active_again() -> None:
    pairs = [
        art("ap", "Twelve miners rescued alive in Chile", WIRE),
        art("follow", "Rescued Chile miners return to Santa Rosa", FOLLOW_UP, hours=24 * 40),
    ]
    index = StoryIndex(ClusterOptions())
    cluster_articles([pairs[0][0]], [pairs[0][1]], index)
    sid = index.article_story["ap"]
    index.advance((T0 + timedelta(days=10)).timestamp())
    assert sid in index.dormant and "copiapo" in index.archive and "copiapo" not in index.postings
    cluster_articles([pairs[1][0]], [pairs[1][1]], index)
    assert index.article_story["follow"] == sid and sid not in index.dormant
    assert sid in index.postings["copiapo"] and "copiapo" not in index.archive


def test_the_longest_silent_dormant_stories_go_first_past_the_cap() -> None:
    index = StoryIndex(ClusterOptions(max_dormant=2))
    pairs = background()
    cluster_articles([p[0] for p in pairs], [p[1] for p in pairs], index)
    index.advance((T0 + timedelta(days=30)).timestamp())
    kept = {index.article_story[f"bg{i}"] for i in (4, 5)}
    assert set(index.dormant) == kept and set(index.stories) == kept
    assert all(sid in kept for ids in index.archive.values() for sid in ids)
