"""Which person "he" or "she" in a quote's attribution refers to, or None when unsure.

The antecedent is the nearest person named before the quote (in its sentence and the four
before it) whose gender agrees with the pronoun. A person's gender comes from what the article
itself says: a courtesy title or gendered role word before the name ("Ms. Thurman", "actress
Uma Thurman"), the pronouns that follow a sentence where the person is the only one named,
and a short list of common first names. When the nearest person's gender is unknown and
another candidate is in reach, the answer is None: a missing speaker is better than a wrong
one. Hand-written because no coreference model is installed offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from glimpse.compose.attribution import speaks
from glimpse.compose.speaker import (
    VERBS,
    acronym,
    full_name,
    name_surfaces,
    plausible_person,
    strip_titles,
    word_set,
)
from glimpse.models import Article, Entity

_F_TITLE = (
    r"(?:Mrs|Ms|Miss|Madam|Lady|Dame|Queen|Princess|Duchess|Countess|actress|comedienne|spokeswoman|"
    r"chairwoman|congresswoman|businesswoman|sportswoman|policewoman|wife|mother|daughter|"
    r"sister|girlfriend|widow|grandmother|aunt|niece|heiress|waitress)"
)
_M_TITLE = (
    r"(?:Mr|Sir|Lord|King|Prince|Duke|Count|spokesman|congressman|businessman|sportsman|"
    r"policeman|husband|father|son|brother|boyfriend|widower|grandfather|uncle|nephew)"
)
_F_BEFORE = re.compile(rf"\b{_F_TITLE}\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}$")
_M_BEFORE = re.compile(rf"\b{_M_TITLE}\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}$")
# A short list of common first names.
_FEMALE = word_set(
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa "
    "margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa "
    "deborah stephanie rebecca laura helen sharon cynthia kathleen amy shirley angela anna "
    "ruth brenda pamela nicole katherine samantha christine emma catherine maria heather diane "
    "julie joyce victoria kelly christina joan evelyn lauren judith olivia martha cheryl "
    "megan andrea hannah jacqueline ann jean alice kathryn gloria teresa doris sara janet "
    "julia marie madison grace judy theresa rose beverly denise marilyn amber danielle "
    "uma hillary marine nikki oprah melania ivanka kate meghan "
    "marta sophie chloe charlotte isabella mia ava ella lucy ellen jane ayaka yoko kaoru "
    "mitsuyo gwyneth avril mandy malaak beyonce rihanna madonna britney natalie scarlett "
    "meryl serena venus simone greta jacinda ursula kamala sheryl zulay eyda bonnie"
)
_MALE = word_set(
    "james john robert michael william david richard joseph thomas charles christopher "
    "daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george "
    "edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry "
    "justin scott brandon benjamin samuel frank gregory raymond alexander patrick jack dennis "
    "jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy "
    "harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse "
    "dylan bryan joe billy bruce albert willie gabriel logan alan juan wayne roy ralph "
    "randy eugene vincent russell elijah louis bobby philip johnny barack vladimir boris "
    "emmanuel xi shinzo benjamin elon bill jeff harvey mike ben tom ivan igor "
    "dmitry sergei ahmed mohammed muhammad omar jimmy jim tony steve dave bob rob tim nick "
    "matt dan pete phil greg ken chad rex hock sigmundur rodrigo luis carlos pedro jorge "
    "javier miguel antonio francisco pablo diego pierre francois nicolas jacques hans klaus "
    "wolfgang hiroshi takashi kenji yoshihide taro koichi hiroaki masao recep narendra "
    "malcolm abdullah salman mohammad gerard moises felipe marcus gareth tidjane euan"
)


Evidence = list[tuple[int, int, int, int]]  # (sentence, other sentence, female, male)


@dataclass(frozen=True, slots=True)
class People:
    """The story's people: each full name with the forms the text may name them by.

    ``weak`` are names only the text gives (not PERSON entities of a story that has some):
    they may be a place the entity tagger knew better, so an unknown gender of theirs never
    blocks a resolution. ``pattern`` finds every form at once (one pass per sentence); the
    gender evidence of each article is gathered once, in ``evidence``.
    """

    forms: dict[str, set[str]]
    weak: frozenset[str] = frozenset()
    owner: dict[str, str] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None
    evidence: dict[str, dict[str, Evidence]] = field(default_factory=dict)


def people(
    articles: Iterable[Article], names: Counter[tuple[str, ...]], entities: Sequence[Entity]
) -> People:
    """Each person of the story (full name) with the forms the text may name them by.

    The story's PERSON entities and the capitalised names of two to four words the articles
    use (a fisherman quoted once is rarely an entity), each with its surname; names that are
    not plausibly a person's ("Cape Erimo", "CNN Abe") are left out. A form two people share
    goes to the more frequent one.
    """
    counted: Counter[str] = Counter()
    forms: dict[str, set[str]] = {}
    for e in entities:
        if e.type == "PERSON" and plausible_person(e.name.split(), entities):
            counted[e.name] += e.count
            forms.setdefault(e.name, set()).update({e.name, *e.aliases})
    other = {f for e in entities if e.type != "PERSON" for f in (e.name, *e.aliases)}
    # a story names its people many times: each surface is read, and each name resolved, once
    read: dict[str, str | None] = {}
    fullest: dict[str, str] = {}
    for article in articles:
        for s in article.sentences:
            for surface in name_surfaces(s.text):
                if surface not in read:
                    words = strip_titles(surface)
                    joined = " ".join(words)
                    person = joined not in other and plausible_person(words, entities)
                    read[surface] = joined if person else None
                name = read[surface]
                if name is None:
                    continue
                if name not in fullest:
                    fullest[name] = full_name(name, names, entities) or name
                full = fullest[name]
                counted[full] += 1
                forms.setdefault(full, set()).add(name)
    claimed: set[str] = set()
    found: dict[str, set[str]] = {}
    for full, _ in counted.most_common():
        mine = {*forms[full], full, full.split()[-1]} - claimed
        claimed |= mine
        found[full] = {f for f in mine if len(f) >= 2 and not all(map(acronym, f.split()))}
    entity_people = {e.name for e in entities if e.type == "PERSON"}
    weak = frozenset(found) - entity_people if entity_people else frozenset()
    owner = {form: full for full, mine in found.items() for form in mine}
    alternatives = "|".join(re.escape(f) for f in sorted(owner, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’])(?:{alternatives})(?!\w)") if owner else None
    return People(found, weak, owner, pattern)


_SAID_PRONOUN = re.compile(rf"\b{VERBS}\s+(?:that\s+)?(she|he)\b")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")


def _unquoted(text: str) -> str:
    """``text`` with quoted words blanked: a name inside a quote is not who speaks it."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def _mentions(text: str, persons: People) -> list[tuple[int, int, str]]:
    """(start, end, person) of every mention of a person in ``text``, in text order."""
    if persons.pattern is None:
        return []
    return [(m.start(), m.end(), persons.owner[m.group(0)]) for m in persons.pattern.finditer(text)]


def _first_name_vote(full: str) -> tuple[int, int]:
    first = full.split()[0].lower()
    return (3 if first in _FEMALE else 0, 3 if first in _MALE else 0)


def _evidence(article: Article, persons: People) -> dict[str, Evidence]:
    """Each person's gender evidence in ``article`` (see :func:`gender`), gathered once."""
    if article.id in persons.evidence:
        return persons.evidence[article.id]
    found: dict[str, Evidence] = {}
    sentences = article.sentences
    for i, sentence in enumerate(sentences):
        mentions = _mentions(sentence.text, persons)
        for start, end, who in mentions:
            # up to the mention's last word, so "Ms." inside the form "Ms. Dalworth" counts
            head = sentence.text[: max(start, sentence.text.rfind(" ", start, end) + 1)]
            f = 3 * bool(_F_BEFORE.search(head))
            m = 3 * bool(_M_BEFORE.search(head))
            found.setdefault(who, []).append((i, i, f, m))
        if len({who for _, _, who in mentions}) != 1:
            continue
        who = mentions[0][2]
        if said := _SAID_PRONOUN.search(sentence.text, mentions[0][1]):
            found[who].append((i, i, int(said.group(1) == "she"), int(said.group(1) == "he")))
        if i + 1 < len(sentences):
            opening = sentences[i + 1].text.split()[:1]
            f, m = opening in (["She"], ["Her"]), opening in (["He"], ["His"])
            found[who].append((i, i + 1, int(f), int(m)))
    persons.evidence[article.id] = found
    return found


def gender(
    full: str, article: Article, persons: People, skip: frozenset[int] = frozenset()
) -> str | None:
    """ "f", "m" or None: what the article's titles, pronouns and the first name say.

    A title or gendered role word before the name and a known first name count 3 each; a
    sentence opening with "She"/"He" after one where the person is the only one named, or a
    "said she"/"said he" in it, counts 1 (other pronouns are too often someone else's).
    Sentences in ``skip`` (the quote's own) give no evidence, so the pronoun being resolved
    cannot vote for its own antecedent.
    """
    female, male = _first_name_vote(full)
    for i, j, f, m in _evidence(article, persons).get(full, []):
        if i not in skip and j not in skip:
            female, male = female + f, male + m
    if female > 2 * male:
        return "f"
    if male > 2 * female:
        return "m"
    return None


def _window(article: Article, index: int, before: str) -> list[str]:
    """The text a pronoun may look back over: the quote sentence up to the quote and the four
    sentences before it that have four words or more ("Video", "Advertisement" are skipped)."""
    earlier = [s.text for s in article.sentences[:index] if len(s.text.split()) >= 4]
    return [*earlier[-4:], before]


def resolve_pronoun(
    pronoun_gender: str,
    article: Article,
    index: int,
    before: str,
    persons: People,
    skip: frozenset[int] = frozenset(),
) -> str | None:
    """The person a "he"/"she" attributing the quote at sentence ``index`` refers to, or None.

    ``before`` is the quote sentence's text before the quote; ``skip`` the quote's sentences.
    Someone who speaks ("X said", "said X") in this or the previous sentence is meant unless
    the pronoun's gender rules them out; else the nearest person named, if the article shows
    their gender agrees. A person of unknown gender nearer than that makes it None (unless
    only the text, not the entity tagger, calls them a person).
    """
    talkers: list[tuple[int, str]] = []
    named: list[str] = []
    for distance, text in enumerate(reversed(_window(article, index, before))):
        text = _unquoted(text)
        for start, end, who in reversed(_mentions(text, persons)):
            if speaks(text, start, end):
                talkers.append((distance, who))
            if who not in named:
                named.append(who)
    known = {who: gender(who, article, persons, skip | {index}) for who in named}
    talkers = [(d, who) for d, who in talkers if known[who] in {pronoun_gender, None}]
    if talkers and talkers[0][0] <= 1:
        return talkers[0][1]
    compatible = [
        who
        for who in named
        if known[who] == pronoun_gender or (known[who] is None and who not in persons.weak)
    ]
    return compatible[0] if compatible and known[compatible[0]] == pronoun_gender else None
