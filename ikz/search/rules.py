"""German text for search and matching: folding, tokens, stems, scores, snippets. Pure functions.

The same stems serve the SQLite index, the PostgreSQL query text (folded before ``to_tsvector``)
and the reuse matching, so "Straße"/"Strasse" and "Gebühren"/"Gebuehren" meet everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape

_FOLD = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"}
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STEMMER = snowballstemmer.stemmer("german")

# Words that carry no meaning for search or matching (short German stop list).
STOPWORDS = frozenset(
    [
        "aber",
        "alle",
        "als",
        "also",
        "am",
        "an",
        "auch",
        "auf",
        "aus",
        "bei",
        "bis",
        "das",
        "dass",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "dieser",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "es",
        "für",
        "fuer",
        "hat",
        "im",
        "in",
        "ins",
        "ist",
        "mit",
        "nach",
        "nicht",
        "noch",
        "oder",
        "sich",
        "sie",
        "sind",
        "so",
        "über",
        "ueber",
        "um",
        "und",
        "uns",
        "von",
        "vor",
        "wie",
        "wir",
        "wird",
        "zu",
        "zum",
        "zur",
    ]
)


def fold(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss: "Straße" and "Strasse" become one spelling."""
    return text.lower().translate(_FOLD)


def words(text: str) -> list[str]:
    """The words of ``text`` as written (for snippets)."""
    return _WORD.findall(text)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The German stem of one word, after folding: "Beschaffungen" → "beschaff"."""
    stemmed: str = _STEMMER.stemWord(fold(word))
    return stemmed


def stems(text: str) -> list[str]:
    """Stems of all meaningful words, in order (stop words and one-letter words left out)."""
    return [stem(w) for w in words(text) if len(w) > 1 and fold(w) not in STOPWORDS]


def token_text(title: str, body: str, *, title_weight: int = 3) -> str:
    """The stored token field of the SQLite index: space-framed stems, the title counted
    ``title_weight`` times, so that ``LIKE '% stem %'`` finds whole stems and the count ranks."""
    parts = stems(title) * title_weight + stems(body)
    return " " + " ".join(parts) + " " if parts else " "


def query_stems(query: str) -> list[str]:
    """The distinct stems of a search query, in order."""
    return list(dict.fromkeys(stems(query)))


def score(tokens: str, wanted: Sequence[str]) -> float:
    """Rank of one entry: the summed term frequency of the wanted stems (0 if any is missing)."""
    # Counting in the string (with doubled spaces, so that neighbouring equal stems both count) is
    # several times faster than splitting thousands of candidates into bags of words.
    spaced = tokens.replace(" ", "  ")
    counts = [spaced.count(f" {s} ") for s in wanted]
    if not counts or min(counts) == 0:
        return 0.0
    return float(sum(counts))


# How a letter of a stem may be written in the text: the stemmer reads the folded word (ä as ae)
# and writes ae, oe, ue as a, o, u; ß was folded to ss. Everything else only loses its ending.
_SPELLINGS = {"a": "(?:ae?|ä)", "o": "(?:oe?|ö)", "u": "(?:ue?|ü)"}


def _spelling(stem: str) -> str:
    """A pattern for the beginnings of the words, as written, whose stem may be ``stem``."""
    out, i = [], 0
    while i < len(stem):
        if stem.startswith("ss", i):
            out.append("(?:ss|ß|ẞ)")
            i += 2
            continue
        out.append(_SPELLINGS.get(stem[i], re.escape(stem[i])))
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def _candidates(wanted: frozenset[str]) -> re.Pattern[str]:
    """Where in a text a word starts that may have one of the ``wanted`` stems (a superset: each
    candidate is checked with :func:`stem`), so a snippet stems a handful of words, not thousands."""
    parts = sorted((_spelling(s) for s in wanted if s), key=len, reverse=True)
    if not parts:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _first_hit(text: str, wanted: set[str]) -> re.Match[str] | None:
    for candidate in _candidates(frozenset(wanted)).finditer(text):
        word = _WORD.match(text, candidate.start())
        if word is not None and stem(word.group()) in wanted:
            return word
    return None


def _window(
    text: str, hit: re.Match[str] | None, width: int
) -> tuple[list[tuple[int, int]], int, bool, bool]:
    """The spans of the words shown (up to ``width``, a third of them before the hit), the index of
    the hit among them (-1: none), and whether words come before and after them."""
    if hit is None:
        spans = [m.span() for _i, m in zip(range(width + 1), _WORD.finditer(text), strict=False)]
        return spans[:width], -1, False, len(spans) > width
    before_wanted = width // 3
    # the words before the hit: a look back of a few hundred characters is enough for ten words
    back = hit.start()
    spans_before: list[tuple[int, int]] = []
    while True:
        back = max(0, back - 50 * (before_wanted + 1))
        spans_before = [m.span() for m in _WORD.finditer(text, back, hit.start())]
        if back > 0 and spans_before and spans_before[0][0] == back and _WORD.match(text, back - 1):
            spans_before = spans_before[1:]  # a word cut by the look back
        if back == 0 or len(spans_before) > before_wanted:
            break
    shown_before = spans_before[max(0, len(spans_before) - before_wanted) :] if before_wanted else []
    more_before = len(spans_before) > len(shown_before) or (
        back > 0 and _WORD.search(text, 0, shown_before[0][0] if shown_before else hit.start()) is not None
    )
    after = [
        m.span()
        for _i, m in zip(
            range(width - len(shown_before) + 1), _WORD.finditer(text, hit.start()), strict=False
        )
    ]
    spans = shown_before + after
    return spans[:width], len(shown_before), more_before, len(spans) > width


def snippet(text: str, wanted: Iterable[str], *, width: int = 30) -> str:
    """An HTML snippet of ``text`` around the first match, words matching a wanted stem in
    ``<mark>``; everything else escaped. ``width`` is the number of words shown."""
    wanted_set = set(wanted)
    # Only the words of the window are split and stemmed: a document's text has thousands of words,
    # the snippet shows thirty (the search shows twenty snippets a page); the first match is found
    # by a pattern of the wanted stems' spellings (:func:`_candidates`).
    hit = _first_hit(text, wanted_set)
    spans, first, more_before, more_after = _window(text, hit, width)
    if not spans:
        return ""
    out: list[str] = ["… " if more_before else ""]
    cursor = spans[0][0]
    for i, (a, b) in enumerate(spans):
        out.append(escape(text[cursor:a]))
        word = escape(text[a:b])
        hit_here = first >= 0 and (i == first or (i > first and stem(text[a:b]) in wanted_set))
        out.append(f"<mark>{word}</mark>" if hit_here else word)
        cursor = b
    out.append(" …" if more_after else escape(text[cursor:]))
    return "".join(out).strip()


def similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Cosine similarity of two bags of stems (0 … 1)."""
    ca, cb = Counter(a), Counter(b)
    if not ca or not cb:
        return 0.0
    dot = sum(ca[k] * cb[k] for k in ca.keys() & cb.keys())
    norm = float(sum(v * v for v in ca.values()) ** 0.5) * float(sum(v * v for v in cb.values()) ** 0.5)
    return float(dot) / norm
