"""Options of the compose stage, with their documented defaults."""

from __future__ import annotations

from dataclasses import dataclass

WRITERS = ("extractive", "llm")


@dataclass(frozen=True, slots=True)
class ComposeOptions:
    """How briefs are composed. Every field has a default; override with ``dataclasses.replace``.

    Attributes:
        summary_sentences: at most this many sentences in the summary (1-3).
        summary_words: the summary stays within this many words.
        body_words: the body stops growing past this many words.
        max_words: the summary and body together stay within this many words (a wire
            brief runs 150-300).
        min_words: below this many words (summary and body) the body keeps looking for
            sentences that fit under ``max_words``; a story with less to say stays shorter.
        paragraph_sentences: at most this many sentences per body paragraph.
        headline_words: at most this many words in the headline (a wire headline: 12).
        duplicate_threshold: two sentences whose TF-IDF cosine reaches this say the same thing;
            only one of them is used.
        semantic_duplicate: a sentence whose MiniLM embedding has at least this cosine with
            a chosen one (or the key quote) restates it in other words and is not used; the
            next best sentence takes its place (0: off; stories of one outlet skip it).
        same_event: a sentence whose MiniLM cosine with a chosen one reaches this, and that
            tells the same event (a verb in common, not a reporting verb) about the same
            participants (a name or a number in common, read by spaCy), repeats it and is not
            used (0: off; like ``semantic_duplicate``, only for stories of several outlets).
        same_subject: a sentence at least this close (MiniLM) to a chosen one that names one of
            its participants (a person, place, organisation or amount) says the same about it
            and is not used (0: off; applies only with ``same_event`` on).
        same_fact_share: a sentence sharing at least this share of the shorter one's fact
            terms (content terms less reporting words) with a chosen sentence or the key
            quote, and at least ``same_fact_terms`` of them, tells the same fact and is not
            used (:mod:`glimpse.compose.repeats`).
        same_fact_terms: see ``same_fact_share``.
        novelty: a sentence less than this share of whose content words are new repeats
            what the brief already says and is not used.
        position_weight: weight of the lead-position prior in a sentence's score.
        centrality_weight: weight of similarity to the story (TF-IDF centroid) in the score.
        coverage_weight: weight of the share of the story's top entities a sentence names.
        agreement_weight: weight of how many other outlets report a similar sentence.
        quote_penalty: subtracted from sentences that open or close a quotation (a summary
            reports; the key quote quotes).
        caption_penalty: subtracted from photo captions ("Pictured: ...").
        lead_weight: weight of a sentence's similarity to its article's lead (the lead restates
            the story; sentences that develop it make better summary sentences).
        title_weight: weight of the share of its article's title words a sentence contains.
        importance_weight: weight of a sentence's mean similarity to the first
            ``importance_window`` sentences of its article.
        importance_window: see ``importance_weight``.
        opener_penalty: subtracted from a sentence (not an article's first) that opens with a
            connective or pronoun ("But", "He", "This"): it leans on a sentence left out.
        dangling_penalty: like ``opener_penalty``, but applied while choosing, and only while
            the sentence before it is not in the summary (its antecedent is missing).
        density_weight: weight of a sentence's content terms per word (fact density).
        length_penalty: subtracted per ``summary_words`` words of a sentence, so shorter
            sentences win close calls and the word budget holds more facts.
        position_decay: the position prior is ``1 / (1 + index / position_decay)``.
        max_candidates: at most about this many sentences of a story are scored (memory and
            time stay bounded on huge stories); each article gives an equal share of its first
            usable sentences, and never fewer than ``min_per_article``.
        min_per_article: see ``max_candidates``.
        min_centrality: a sentence less similar than this to the story (TF-IDF cosine to its
            centroid), or than half of it to the story's titles and ledes, is off the story's
            topic and is not used.
        min_sentence_words: shorter sentences (captions, bylines) are not selected.
        max_sentence_words: longer sentences are trimmed or skipped.
        trim: shorten selected sentences (drop datelines, parentheticals, connectives,
            non-restrictive clauses) when the result keeps the source's meaning and passes the
            grounding test; off gives pure extraction.
        quote_min_words: a quotation shorter than this is a scare quote, not a key quote.
        max_tags: at most this many tags.
        writer: ``"extractive"`` (offline, the default) or ``"llm"``: the extractive brief
            rewritten by the model the ``[llm]`` table names, every sentence verified; the
            extractive brief is kept when the model cannot be used.
    """

    summary_sentences: int = 3
    summary_words: int = 75
    body_words: int = 240
    max_words: int = 300
    min_words: int = 150
    paragraph_sentences: int = 3
    headline_words: int = 12
    duplicate_threshold: float = 0.45
    novelty: float = 0.55
    semantic_duplicate: float = 0.7
    same_event: float = 0.5
    same_subject: float = 0.6
    same_fact_share: float = 0.55
    same_fact_terms: int = 3
    position_weight: float = 1.0
    centrality_weight: float = 1.0
    coverage_weight: float = 0.3
    agreement_weight: float = 0.4
    position_decay: float = 4.0
    lead_weight: float = 0.0
    title_weight: float = 0.0
    importance_weight: float = 0.0
    importance_window: int = 10
    opener_penalty: float = 0.0
    length_penalty: float = 0.0
    dangling_penalty: float = 0.4
    density_weight: float = 0.5
    quote_penalty: float = 0.3
    caption_penalty: float = 0.5
    max_candidates: int = 1000
    min_per_article: int = 8
    min_centrality: float = 0.03
    min_sentence_words: int = 8
    max_sentence_words: int = 55
    trim: bool = True
    quote_min_words: int = 6
    max_tags: int = 6
    writer: str = "extractive"

    def __post_init__(self) -> None:
        if self.writer not in WRITERS:
            raise ValueError(f"compose.writer must be one of {', '.join(WRITERS)}: {self.writer!r}")
