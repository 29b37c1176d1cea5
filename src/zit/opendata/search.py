"""Polish full-text search of the project catalogue.

PostgreSQL has no Polish stemmer, so the text is lemmatised in Python (simplemma), for the index and for the
query alike: "przebudowy dróg gminnych w Ślesinie" and "drogi w Ślesinie" both become lemmas that meet
("przebudowa drogi gminny ślesin"). Lemmas are stored lowercased and without diacritics (the unaccenting is
done here, once, so the index needs no unaccent at query time), and searched with PostgreSQL full text
(configuration `simple`, a GIN index) or SQLite FTS5. On PostgreSQL, a query word with no exact hit falls back
to trigram word similarity (pg_trgm), so "Slesn" still finds Ślesin.

The Polish dictionary (3.7 million word forms) is read in its compact form (simplemma's `low_memory`: the
compressed stream itself, looked up by blocks, about 50 MB in memory and under two seconds to read, against
420 MB and several seconds for a dictionary of Python objects, which made the first search after a restart
time out). `prepare()` reads it once per process at start-up: the WSGI module calls it (gunicorn's workers,
or its master with `--preload`), and so does the background worker when it starts; any other process reads it
on its first lemma.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

from django.db import connection
from django.db.models import QuerySet

# words that say nothing about a project
STOPWORDS = frozenset(
    [
        "a",
        "aby",
        "albo",
        "ale",
        "bez",
        "by",
        "dla",
        "do",
        "i",
        "im",
        "jak",
        "jest",
        "lub",
        "na",
        "nad",
        "o",
        "od",
        "oraz",
        "po",
        "pod",
        "przez",
        "przy",
        "w",
        "we",
        "z",
        "za",
        "ze",
        "że",
    ]
)
# the forms simplemma does not know, for the places of the area ("w Koninie" is not horse meat)
PLACE_FORMS = {
    "konin": "konin",  # simplemma reads the nominative as a form of "konina"
    "konina": "konin",
    "koninie": "konin",
    "koninem": "konin",
    "koninowi": "konin",
    "konińskiego": "koniński",
    "konińskim": "koniński",
    "konińska": "koniński",
    "konińskiej": "koniński",
}
_WORD = re.compile(r"[\w-]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase without diacritics ("Ślesin" → "slesin"; ł is a letter of its own in Unicode)."""
    text = text.lower().replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_lemmatizer = None
_loading = threading.Lock()


def _polish():
    """The Polish lemmatiser, its dictionary read on the first call in the process (once, even with threads)."""
    global _lemmatizer
    if _lemmatizer is None:
        with _loading:
            if _lemmatizer is None:
                from simplemma import Lemmatizer
                from simplemma.strategies import DefaultStrategy

                # the same dictionary and the same rules as simplemma.lemmatize(word, lang="pl"), the same lemmas
                found = Lemmatizer(cache_max_size=0, lemmatization_strategy=DefaultStrategy(low_memory=True))
                found.lemmatize("drogi", lang="pl")  # reads the dictionary now, not in someone's request
                _lemmatizer = found
    return _lemmatizer


def prepare() -> None:
    """Reads the Polish dictionary now, so that no search waits for it (start-up of a web or worker process)."""
    _polish()


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    lower = word.lower()
    return fold(PLACE_FORMS.get(lower) or _polish().lemmatize(lower, lang="pl"))


def lemmas(text: str) -> list[str]:
    words = [w for w in _WORD.findall(text or "") if len(w) > 1 and w.lower() not in STOPWORDS]
    return [lemma(w) for w in words if not w.isdigit()] + [w for w in words if w.isdigit()]


def index_text(*parts: str) -> str:
    """What the index stores for a project: its lemmas, each once."""
    seen: dict[str, None] = {}
    for part in parts:
        for item in lemmas(part):
            seen.setdefault(item, None)
    return " ".join(seen)


# endings of Polish inflection, longest first: a query word the lemmatiser does not know (typed without
# Polish letters, "slesinie") is cut to its stem and searched as a prefix ("slesin*")
ENDINGS = ("owie", "ach", "ami", "iem", "owi", "ie", "em", "om", "ow", "a", "e", "i", "u", "y")


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def query_terms(query: str) -> list[str]:
    terms = []
    for word in _WORD.findall(query or ""):
        if len(word) <= 1 or word.lower() in STOPWORDS:
            continue
        found = lemma(word) if not word.isdigit() else word
        known = found != fold(word)
        terms.append(found if known or word.isdigit() else _stem(found))
    return list(dict.fromkeys(terms))


def search(projects: QuerySet, query: str) -> QuerySet:
    """The projects matching every word of the query; ordered by relevance on PostgreSQL."""
    terms = query_terms(query)
    if not terms:
        return projects
    if connection.vendor == "postgresql":
        return _postgres(projects, terms)
    return _sqlite(projects, terms)


def _sqlite(projects: QuerySet, terms: list[str]) -> QuerySet:
    match = " ".join(f'"{t}"*' for t in terms)  # every word, each as a prefix
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM opendata_search WHERE opendata_search MATCH %s", [match])
        ids = [row[0] for row in cursor.fetchall()]
    return projects.filter(pk__in=ids)


def _postgres(projects: QuerySet, terms: list[str]) -> QuerySet:
    from django.db.models import BooleanField, FloatField
    from django.db.models.expressions import RawSQL

    exact = " & ".join(f"{t}:*" for t in terms)
    # a condition on the row itself (not "id IN (subquery)"), so the planner scans the GIN index once
    # (search_lemmas is a column of the catalogue only, so the name is unambiguous in joins)
    matching = RawSQL(
        "to_tsvector('simple', search_lemmas) @@ to_tsquery('simple', %s)",
        [exact],
        output_field=BooleanField(),
    )
    hits = projects.filter(matching)
    if hits.exists():
        rank = RawSQL(
            "ts_rank(to_tsvector('simple', search_lemmas), to_tsquery('simple', %s))",
            [exact],
            output_field=FloatField(),
        )
        return hits.annotate(rank=rank).order_by("-rank", "-year", "id")
    # nothing exact: every word similar to a word of the text (typos)
    for term in terms:
        projects = projects.filter(
            pk__in=RawSQL("SELECT id FROM opendata_catalogueproject WHERE %s <%% search_lemmas", [term])
        )
    return projects
