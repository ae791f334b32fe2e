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


def snippet(text: str, wanted: Iterable[str], *, width: int = 30) -> str:
    """An HTML snippet of ``text`` around the first match, words matching a wanted stem in
    ``<mark>``; everything else escaped. ``width`` is the number of words shown."""
    wanted_set = set(wanted)
    # Only the words up to the window's end are split and stemmed: a document's text has
    # thousands of words, the snippet shows thirty (the search shows twenty snippets a page).
    spans: list[tuple[int, int]] = []
    first: int | None = None
    limit: int | None = None  # words needed: one past the window, to know whether text follows
    for match in _WORD.finditer(text):
        spans.append((match.start(), match.end()))
        if first is None and stem(match.group()) in wanted_set:
            first = len(spans) - 1
            limit = max(0, first - width // 3) + width + 1
        if limit is not None and len(spans) >= limit:
            break
    if not spans:
        return ""
    start = max(0, (first or 0) - width // 3)
    end = min(len(spans), start + width)
    out: list[str] = ["… " if start > 0 else ""]
    cursor = spans[start][0]
    for i in range(start, end):
        a, b = spans[i]
        out.append(escape(text[cursor:a]))
        word = escape(text[a:b])
        hit = first is not None and (i == first or (i > first and stem(text[a:b]) in wanted_set))
        out.append(f"<mark>{word}</mark>" if hit else word)
        cursor = b
    out.append(" …" if end < len(spans) else escape(text[cursor:]))
    return "".join(out).strip()


def similarity(a: Iterable[str], b: Iterable[str]) -> float:
    """Cosine similarity of two bags of stems (0 … 1)."""
    ca, cb = Counter(a), Counter(b)
    if not ca or not cb:
        return 0.0
    dot = sum(ca[k] * cb[k] for k in ca.keys() & cb.keys())
    norm = float(sum(v * v for v in ca.values()) ** 0.5) * float(sum(v * v for v in cb.values()) ** 0.5)
    return float(dot) / norm
