"""Hand labels for checking the editor detectors: one reading of 16 TUNING-event briefs.

The briefs are those of the "before" code (commit 27478ac), so the labels stay valid while the
compose code changes. Every sentence of the 16 briefs was read; sentences not listed here were
read as clean. Each entry keeps the sentence's first words, so a label is never applied to a
different sentence. No held-out brief was opened.

Readings: "furniture" is page furniture or a sentence from another story; "unresolved" is an
opening pronoun, demonstrative or definite description with no antecedent earlier in the
brief; "cut" is a cut that removed an attribution, negation or hedge qualifying the claim kept
(a whole removed "while ..."/"which ..." clause qualifying something else is not such a cut).
"""

from __future__ import annotations

LABELLED_COMMIT = "27478ac"
EVENTS = (3, 6, 13, 17, 18, 31, 32, 34, 36, 37, 38, 43, 56, 62, 65, 70)

SENTENCES: dict[tuple[int, int], tuple[str, frozenset[str]]] = {
    (6, 5): ("Add Weather as an interest", frozenset({"furniture"})),
    (6, 6): ("Erie, Pa., residents on East", frozenset({"furniture"})),
    (13, 1): ("Pittsburgh Steelers quarterbac", frozenset({"furniture"})),
    (13, 3): ("Houston Texans wide receiver", frozenset({"furniture"})),
    (18, 6): ("Will have double thrust", frozenset({"furniture"})),
    (18, 15): ("Falcon Heavy to launch next mo", frozenset({"furniture"})),
    (32, 8): ("ABC News is not responsible", frozenset({"furniture"})),
    (32, 11): ("After months of over-the-top", frozenset({"furniture"})),
    (34, 3): ("A missile is launched during", frozenset({"furniture"})),
    (36, 0): ("OFER PRISON, West Bank - Israe", frozenset({"furniture"})),
    (36, 1): ("File - In this Thursday", frozenset({"furniture"})),
    (36, 2): ("RAMALLAH, West Bank", frozenset({"furniture"})),
    (38, 7): ("I'm Ailsa Chang with news", frozenset({"furniture"})),
    (38, 11): ("Visit our website terms of use", frozenset({"furniture"})),
    (38, 12): ("NPR transcripts are created", frozenset({"furniture"})),
    (38, 13): ("This text may not be in its fi", frozenset({"furniture"})),
    (38, 14): ("The authoritative record of NP", frozenset({"furniture"})),
    (43, 0): ("Chicago Bears fire coach John", frozenset({"furniture"})),
    (43, 16): ("This material may not be publi", frozenset({"furniture"})),
    (56, 3): ("CLOSE John Mahoney", frozenset({"furniture"})),
    (62, 3): ("CLOSE A potential mega-merger", frozenset({"furniture"})),
    (70, 4): ("SEOUL/UNITED NATIONS, Aug 30", frozenset({"furniture"})),
    (3, 2): ("The bill includes 34.5 million", frozenset({"unresolved"})),
    (3, 9): ("The rabbis allegedly expressed", frozenset({"unresolved"})),
    (3, 10): ("It does add weight", frozenset({"unresolved"})),
    (17, 10): ("This theory until now", frozenset({"unresolved"})),
    (38, 4): ("It landed in Honolulu", frozenset({"unresolved"})),
    (56, 11): ("The women became good pals", frozenset({"unresolved"})),
    (56, 15): ("The couple, who were married", frozenset({"unresolved"})),
    (70, 7): ("Only days later, that optimism", frozenset({"unresolved"})),
    (31, 12): ("The P-3 Orion has a scanning", frozenset({"cut"})),  # "according to NASA"
    (32, 10): ("The space apparatus was placed", frozenset({"cut"})),  # "according to NORAD"
    (34, 4): ("Rather than encouraging U.S.", frozenset({"cut"})),  # ", Kim said"
    (37, 0): ("Thousands of revellers fled", frozenset({"cut"})),  # "Australian media said"
    (37, 2): ("A crowd had gathered at Terrig", frozenset({"cut"})),  # "News.com.au reported"
    (56, 4): ("US comedian Sarah borrowed", frozenset({"cut"})),  # "as she told fans"
    (70, 10): ("The test, one of the most prov", frozenset({"cut"})),  # ", experts said"
}

# Pairs of sentences (reading-order indices) that state the same fact.
REPEATS: dict[int, tuple[tuple[int, int], ...]] = {
    3: ((0, 3),), 6: ((0, 4),), 13: (), 17: ((3, 7),), 18: ((5, 15),),
    31: ((0, 1), (1, 3), (0, 3), (4, 6), (10, 11)),
    32: ((0, 1), (0, 5), (1, 5), (2, 4), (4, 9)), 34: ((9, 11),), 36: ((0, 2),),
    37: ((0, 1), (0, 3), (1, 3), (3, 10), (4, 11), (5, 11)), 38: ((1, 4), (4, 9), (1, 9)),
    43: ((0, 2),),
    56: ((0, 1), (0, 2), (1, 2), (0, 9), (2, 5), (5, 9), (2, 9), (0, 14), (9, 14), (12, 14),
         (13, 17)),
    62: ((0, 1), (0, 2), (1, 2), (0, 6), (1, 6), (2, 6)), 65: ((2, 10),), 70: ((2, 9), (9, 12)),
}  # fmt: skip

# Brief-level readings. Every headline was one source title (the copy in 36 ends in "...").
QUOTE_REPEATED = {17, 32, 37, 43}
QUOTE_INCOMPLETE = {32, 37}  # a sentence tail; a witness's words run into the narration
QUOTE_WRONG_SPEAKER: set[int] = set()
HEADLINE_COPIED = set(EVENTS)
HEADLINE_TEASER = {36}
# Defective tags (distinct tags, plus one for more than six): junk keyphrases, fragments,
# outlets and drop-cap names, counted by reading each brief's eight tags.
TAG_DEFECTS = {3: 3, 6: 5, 13: 4, 17: 3, 18: 2, 31: 5, 32: 4, 34: 3, 36: 5, 37: 3, 38: 6, 43: 4,
               56: 4, 62: 3, 65: 2, 70: 3}  # fmt: skip
