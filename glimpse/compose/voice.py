"""Whose voice a sentence speaks in: the brief states only what it can state as its own.

A brief reports; it never speaks in the first person, asks questions, posts, or takes one
outlet's loaded words as its own. A source sentence that does any of these outside quotation
marks is not used (quoted with its speaker it is the key quote's business, see
:mod:`glimpse.compose.quote`). Hand-written word families: there is no offline model for
stance or subjectivity in the trusted dependencies.
"""

from __future__ import annotations

import re

from glimpse.compose.terms import guarded_search

FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Uu]s|[Oo]ur|"
                          r"[Oo]urs|[Ww]e're|[Ww]e've|[Ll]et's)\b")  # fmt: skip
SOCIAL = re.compile(r"\b(?:lmao|lol|omg|smh|wtf|tbh|rofl|haha\w*)\b|(?:^|\s)[@#]\w", re.I)
# Tabloid and editorial words that make a report one outlet's opinion ("the tubby tyrant",
# "as war continued to loom"); a sentence that uses them outside quotation marks is not used.
LOADED = re.compile(
    r"\b(?:despot\w*|tyrant\w*|tubby|dumpy|crazed|deranged|evil|vile|sickening|"
    r"hermit (?:state|kingdom)|rogue (?:state|regime|nation)|looms?|looming|loomed|chilling|"
    r"horrif\w+|shocking|stunning|jaw-dropping|heartbreaking|heart-breaking|nightmarish|"
    r"terrifying|bizarre|incredible|amazing|outrageous|disgraceful|monstrous|thugs?|"
    r"adorable|gorgeous|stunner|sizzling|flaunt\w*|cheeky|tragically|sadly|luckily|"
    r"fortunately|unfortunately|shamefully|of course|clearly|obviously|undoubtedly|"
    r"surprisingly|astonishingly|remarkably|absurdly|ridiculously|tone-deaf)\b"
)  # lowercase only: "Tom Savage" is a name, "savage" would be a judgement
# A photo caption states what a picture shows, in the present tense: "X gestures during a news
# briefing", "The ship is seen in waters off Yeosu", "Rescuers search the rubble ..., on Monday."
# A report says what happened, in the past ("spoke", "searched"). The verbs are the ones
# captions are written with (a family, not one story's words).
CAPTION_VERB = re.compile(
    r"^[^,\"“”]{0,90}?\b(?:gestures?|poses?|waves?|smiles?|reacts?|listens?|looks? on|"
    r"speaks?|arrives?|attends?|walks?|stands?|sits?|holds? up|shakes? hands|delivers? a speech|"
    r"addresses|address|greets?|embraces?|hugs?|mourns?|pays? (?:tribute|respects)|"
    r"lays? (?:a )?(?:wreath|flowers)|prays?|weeps?|cries|cry|kneels?|salutes?)"
    r" (?:during|at|as|after|while|in|outside|inside|near|on|with|among|before|next to|"
    r"beside|from)\b"
)
# "... poses for a photograph at the prison": a portrait's caption
POSES = re.compile(
    r"\bposes? for (?:a |the )?(?:photo(?:graph)?s?|pictures?|portraits?|photographers)\b"
)
SEEN = re.compile(
    r"\b(?:is|are) (?:seen|pictured|shown|photographed|depicted)(?! as\b| to\b| by\b)"
    r"(?= (?:in|at|on|during|outside|inside|near|with|after|before|leaving|arriving|walking|"
    r"being|here|left|right|center|centre|off|aboard)\b)"
)
# "Rescuers search the rubble of the hotel, on Monday.": a present-tense verb (a third-person
# -s form, or the base form after a plural subject) among the first words, dated in the past
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
DATED_ENDING = re.compile(
    rf", (?:on |early |late )?{_DAY}(?:,? [A-Z][a-z]{{2,8}}\.? \d{{1,2}})?\.$"
)
# "X reaches for the ball ... during the second half": a sports picture's moment of the game
GAME_TIME = re.compile(
    r"\bduring the (?:first|second|third|fourth|fifth|final|opening|closing) "
    r"(?:half|quarter|period|inning|innings|set|round|lap|leg|session|stage)\b"
)
GAME_OPENING = re.compile(r"^(?:[\w'’.-]+\s+){1,7}?(?P<verb>[a-z]{3,}s)\b")
PRESENT_OPENING = re.compile(
    r"^(?:[A-Z][\w'’.-]*\s+){0,4}?(?:[a-z][\w'’-]*\s+){0,2}?"
    r"(?P<verb>[a-z]{3,}s|(?<=s )(?:search|gather|walk|stand|wait|look|watch|hold|carry|pray|"
    r"sit|work|clear|march|protest|mourn|rest|ride|leave|arrive|pose|react|inspect))\b"
)
# A post's one-liner without its subject ("Will have double thrust of next largest rocket.")
SUBJECTLESS = re.compile(r"^(?:Will|Would|Can|Could|Should|Shall|Must|Might)(?: not)? [a-z]+\b")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?=[\s.,;:!?]|$)")


def outside_quotes(text: str) -> str:
    """``text`` with every quotation (between matching marks) blanked out."""
    return QUOTED.sub(" ", text)


# a single quotation mark closing before its speaker ("... one way or another,' Musk posted.")
CLOSING_SINGLE = re.compile(r"[\w.,!?][’'](?=\s+[A-Za-z])")
OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘']")


def unpaired_quote(text: str) -> bool:
    """Whether a quotation opens or closes in ``text`` without its other mark: the sentence
    is a piece of a longer quotation whose speaker is in another sentence."""
    curly = text.count("“") != text.count("”")
    if "'" not in text and "’" not in text and "‘" not in text:  # most sentences: no single mark
        return curly or text.count('"') % 2 == 1
    single = (
        bool(CLOSING_SINGLE.search(text))
        and not OPENING_SINGLE.search(text)
        and not re.search(r"[’']\s+(?:s|t)\b", text)
    )
    opened = _opens_quote(text) and not CLOSE_ANY.search(text)  # "... to 'ships in the night."
    return curly or text.count('"') % 2 == 1 or (single and _closes_quote(text)) or bool(opened)


OPEN_ONLY = re.compile(r"(?:^|(?<=\s))[‘'](?=[A-Za-z]{2})")
# The words a quotation is introduced by ("compared them to 'ships", "called it 'a disaster",
# "said 'we ..."); after a noun, a word-initial mark is more often an apostrophe whose word
# lost its space ("the viewers 'calls for") than a quotation.
QUOTE_FRAME = frozenset(
    ["to", "as", "of", "for", "like", "called", "dubbed", "described", "named", "labelled",
     "labeled", "said", "says", "told", "tells", "wrote", "writes", "added", "was", "is",
     "were", "are", "be", "been", "being", "a", "an", "the", "it", "its", "this", "that",
     "and", "or", "but", "with", "about", "just", "simply", "only"]
)  # fmt: skip


def _opens_quote(text: str) -> bool:
    """A single mark opening a quotation: at the start, or after a word that introduces one."""
    for m in OPEN_ONLY.finditer(text):
        before = text[: m.start()].split()
        if not before or before[-1].lower().strip(",:;") in QUOTE_FRAME:
            return True
    return False


CLOSE_ANY = re.compile(r"[A-Za-z.,!?][’'](?=[\s.,;:!?)]|$)")


def verbless(text: str) -> bool:
    """Whether no lower-case word of ``text`` can be a verb: a fragment ("A Tesla Roadster
    with David Bowie on the stereo."), a post's line or a label, not a sentence."""
    from glimpse.compose.headline_check import verb_lemmas  # spaCy's lemma tables, lazily

    words = [w.strip(".,;:!?\"'“”‘’()") for w in text.split()]
    return not any(w and not w[0].isupper() and verb_lemmas(w) for w in words[1:]) and not (
        words and verb_lemmas(words[0].lower())
    )


def _closes_quote(text: str) -> bool:
    """A single mark after punctuation, then an attribution verb: the end of a quotation."""
    return bool(
        re.search(
            r"[.,!?][’']\s+(?:[\w.-]+\s+){0,3}(?:said|says|posted|wrote|"
            r"tweeted|added|told)\b",
            text,
        )
    )


_SAID = re.compile(r"\b(?:said|says?|told|tells?|according to)\b")
_said = guarded_search(_SAID, ("said", "say", "told", "tell", "according to"))


def caption_problem(text: str) -> bool:
    """Whether ``text`` reads as a photo caption: a caption verb in the present tense ("X
    gestures during ..."), "is seen in ...", or a present-tense opening dated in the past."""
    if _said(text):
        return False
    if CAPTION_VERB.search(text) or _seen(text) or ("pose" in text and POSES.search(text)):
        return True
    match = PRESENT_OPENING.search(text)
    game = GAME_TIME.search(text) if "during the " in text else None  # its words, then search
    if game:  # a longer subject: "Arlo wide receiver Jon Roe reaches ..."
        match = GAME_OPENING.search(text)
    dated = DATED_ENDING.search(text) or game
    if not (dated and match and _present(match.group("verb"))):
        return False
    following = text[match.end() :].split()[:1]  # "shares rose": the -s word was a noun
    return not (following and _past(following[0].strip(",.")))


_seen = guarded_search(SEEN, ("seen", "pictured", "shown", "photographed", "depicted"))


def _past(word: str) -> bool:
    """``word`` is a verb's past form ("rose", "searched")."""
    from glimpse.compose.headline_check import verb_lemmas

    lemmas = verb_lemmas(word.lower())
    return bool(lemmas) and word not in lemmas and not word.endswith(("s", "ing"))


def _present(word: str) -> bool:
    """``word`` is a verb's present form (a third-person "-s" form or a base form)."""
    from glimpse.compose.headline_check import verb_lemmas  # spaCy's lemma tables, lazily

    lemmas = verb_lemmas(word)
    return bool(lemmas) and (
        word in lemmas or any(word.startswith(lem[:-1]) and word.endswith("s") for lem in lemmas)
    )


def _loaded(plain: str) -> bool:
    """Loaded words in lower case, or opening the sentence ("Unfortunately, ..."); a name
    such as "Tom Savage" elsewhere in the sentence is not a judgement."""
    opening = plain.lstrip(" \"“‘'")
    return bool(LOADED.search(plain) or LOADED.match(opening[:1].lower() + opening[1:]))


# A list's later item ("Second, ...") or a time counted from the article's own day ("Two days
# ago, ...", "Yesterday ...") at the start: true on the day the source was written, not in a
# brief read days later beside other outlets' sentences.
OUT_OF_PLACE = re.compile(
    r"^(?:(?:Second|Third|Fourth|Fifth|Secondly|Thirdly|Lastly|Finally)\b,?"
    r"|(?:\w+|\d+) (?:days|weeks|months) ago\b"
    r"|(?:Yesterday|Today|Tomorrow|Tonight|Last night|This morning|This afternoon)\b)",
    re.IGNORECASE,
)


# A reader addressed ("you", "your") or teased ("Here's what most travellers don't know:",
# "There's one thing everyone agrees on:"): a feature's or a columnist's voice, not a report's.
# (lower case, or opening the sentence: "World Have Your Say" is a programme's name)
SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|yourself|you['’](?:ll|re|ve|d))\b"
    r"|^[\"“‘']?(?:You|Your)\b"
)
TEASER = re.compile(
    r"^(?:(?:But|And|So),? )?(?:[Hh]ere['’]s|[Hh]ere (?:is|are)|"
    r"There['’]s (?:one|only one|just one) (?:thing|question|problem)|Guess what|"
    r"Believe it or not|Make no mistake|Needless to say|"
    r"The (?:bottom line|upshot|takeaway|short answer|answer)(?: is)?:)|"
    r"\b(?:everyone|everybody) (?:agrees|knows)\b"
)


# a quotation opened after its frame ("..., said: ‘ in one sense, ...") that runs on into
# the next sentence: what follows the mark is the speaker's, not the brief's
OPEN_QUOTE = re.compile(r"[:,]\s*[‘“\"']\s?(?=[^’”\"']*$)")


def _before_open_quote(plain: str) -> str:
    m = OPEN_QUOTE.search(plain)
    return plain[: m.start()] if m else plain


_social = guarded_search(
    SOCIAL, ("@", "#", "lmao", "lol", "omg", "smh", "wtf", "tbh", "rofl", "haha"), fold=True
)


# The searches below run on every candidate sentence; each is skipped when the words it
# needs are absent (the same answers, tests/compose/test_compose_speed_paths.py).
_RUN = re.compile(r"\w+")
_FIRST_PERSON_WORDS = frozenset(
    ["I", "me", "Me", "my", "My", "mine", "Mine", "we", "We", "us", "Us", "our", "Our", "ours",
     "Ours"]
)  # fmt: skip


def _first_person(plain: str) -> bool:
    """:data:`FIRST_PERSON` in ``plain``. In ASCII text a match is a whole run of word
    characters from the pronouns ("I'm", "we're": "I", "we"), or "Let's"."""
    ascii_words = plain.isascii() and "et's" not in plain
    if ascii_words and _FIRST_PERSON_WORDS.isdisjoint(_RUN.findall(plain)):
        return False
    return bool(FIRST_PERSON.search(plain))


def _teaser(opening: str) -> bool:
    """:data:`TEASER` in ``opening``: without "every" only its opening forms can match."""
    return bool(TEASER.search(opening) if "every" in opening else TEASER.match(opening))


def voice_problem(text: str) -> str | None:
    """Why ``text`` cannot be stated in the brief's own voice, or None when it can."""
    if unpaired_quote(text):
        return "piece of a quotation"
    plain = outside_quotes(text)
    if "?" in plain:
        return "question"
    if plain.rstrip(" \"”’'").endswith("!"):  # a post's or a columnist's, not a wire brief's
        return "exclamation"
    if OUT_OF_PLACE.match(plain.lstrip(" \"“‘'")):
        return "out of place"
    if not re.search(r"[^\W\d_]", plain):
        return "quotation without its speaker"
    if caption_problem(plain):
        return "photo caption"
    if verbless(plain):
        return "no verb"
    if SUBJECTLESS.match(plain.lstrip(" \"“‘'")):
        return "social media"
    if _first_person(plain):
        return "first person"
    if ("you" in plain or "You" in plain) and SECOND_PERSON.search(
        _before_open_quote(plain).lstrip()
    ):
        return "direct address"
    if _teaser(plain.lstrip(" \"“‘'")):
        return "teaser"
    if _social(plain):
        return "social media"
    if _loaded(plain):
        return "loaded words"
    return None
