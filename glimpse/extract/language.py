"""The language of an article's text when the page does not state it.

py3langid (a maintained fork of langid.py: a small naive-Bayes model shipped inside the
package, offline, 97 languages) rather than a hand-written stopword vote: it is a pinned
dependency, loads once (about a second) and classifies a page in well under a millisecond.
"""

from __future__ import annotations

import re

MIN_WORDS = 20  # below this a guess is too often wrong: the field stays None
_SAMPLE = 3000  # characters classified: the start of an article is enough
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` ("de"), or None for text under :data:`MIN_WORDS` words
    (each CJK character counts as a word)."""
    if len(text.split()) + len(_CJK.findall(text)) < MIN_WORDS:
        return None
    import py3langid  # imported here: the model loads on first use, not at import

    code, _score = py3langid.classify(text[:_SAMPLE])
    return str(code)


def warm_up() -> None:
    """Load the language model now (about a second) rather than on the first article."""
    import py3langid

    py3langid.classify("warm up")
