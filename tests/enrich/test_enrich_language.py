"""Articles in a language the English pipeline does not read: stored and clustered (MinHash
kept), but given no English-model entities, keyphrases or tags (issue 14, item 6)."""

from __future__ import annotations

from glimpse.enrich import tag_articles, tag_story
from glimpse.enrich.features import compute_features
from glimpse.enrich.tagger import supported
from glimpse.extract import article_from_text

GERMAN = article_from_text(
    "Bundesregierung beschließt neues Heizungsgesetz nach langem Streit",
    "Die Bundesregierung in Berlin hat am Mittwoch das neue Heizungsgesetz beschlossen. "
    "Nach monatelangem Streit zwischen den Koalitionspartnern einigten sich die Minister "
    "auf einen Kompromiss. Hausbesitzer sollen beim Einbau neuer Heizungen stärker gefördert "
    "werden, teilte das Wirtschaftsministerium mit. Die Opposition kritisierte die Pläne.",
    id="de1",
)
FRENCH = article_from_text(
    "Le gouvernement présente son budget pour l'année prochaine",
    "Le gouvernement a présenté mercredi à Paris son projet de budget pour l'année "
    "prochaine. Le ministre de l'Économie a annoncé des économies dans plusieurs ministères "
    "et une hausse des dépenses pour la défense. Les syndicats ont dénoncé un budget "
    "d'austérité et appellent à manifester la semaine prochaine dans toute la France.",
    id="fr1",
)
ENGLISH = article_from_text(
    "Senate passes infrastructure bill after long debate",
    "The United States Senate passed a large infrastructure bill on Tuesday after weeks of "
    "debate in Washington. Senator Chuck Schumer said the bill would repair roads and "
    "bridges across the country. President Joe Biden is expected to sign the bill into law "
    "next week, the White House said.",
    id="en1",
)


def test_articles_are_detected_in_their_own_language() -> None:
    assert (GERMAN.language, FRENCH.language, ENGLISH.language) == ("de", "fr", "en")
    assert not supported(GERMAN) and not supported(FRENCH) and supported(ENGLISH)


def test_german_and_french_articles_get_no_english_tags_or_keyphrases() -> None:
    german, french, english = tag_articles([GERMAN, FRENCH, ENGLISH])
    for feats, article in ((german, GERMAN), (french, FRENCH)):
        assert feats.article == article.id
        assert (feats.entities, feats.keyphrases, feats.tags) == ((), (), ())
    assert english.article == "en1" and english.keyphrases and english.entities


def test_a_story_of_foreign_articles_has_no_tags() -> None:
    features = tag_articles([GERMAN, FRENCH])
    tags, entities = tag_story([GERMAN, FRENCH], features)
    assert tags == () and entities == ()


def test_foreign_articles_keep_their_minhash_for_clustering() -> None:
    german, english = compute_features([GERMAN, ENGLISH], vectors=False)
    assert german.minhash and len(german.minhash) == len(english.minhash)
    assert german.minhash != english.minhash


def test_a_story_of_other_language_articles_gets_no_english_brief_and_the_report_says_so() -> None:
    from glimpse.models import RunReport
    from glimpse.pipeline import compose_one

    report = RunReport()
    assert compose_one("s-de", [GERMAN], [], report) is None
    [skip] = report.skips
    assert skip.stage == "compose" and skip.record == "s-de" and "de" in skip.reason
    english = RunReport()
    assert compose_one("s-en", [ENGLISH], [], english) is not None and not english.skips
