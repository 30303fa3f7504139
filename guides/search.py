"""Full-text search with typo tolerance, on PostgreSQL.

The stored, weighted tsvector of each guide (written by guides.indexing) with a GIN index. A
misspelt word ("nurce") is corrected to the closest word of the guides' names (SearchWord, a small
list with a trigram index that the database keeps counted), and the corrected query is searched
beside the typed one.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .indexing import CONFIG
from .models import Guide

# Below this many word matches, search also corrects the words no guide's name uses (one page).
TYPO_FALLBACK_BELOW = 20
# Markers for highlighted words that cannot occur in guide text; replaced after escaping.
MARK_START, MARK_STOP = "\x02", "\x03"


class WebSearch(SearchQuery):
    """What a reader typed, as a query that PostgreSQL plans without reading its words.

    Told the words, the planner estimates how many guides match; for a word most guides use, it
    then reads the whole table and fetches every guide's large search vector from TOAST, a cost it
    does not model (counting the guides that use "manager" at 10,000 guides: 48 ms, against 4 ms
    through the GIN index). A sub-select's value is unknown when the query is planned, so the
    planner assumes few matches and always asks the index."""

    template = "(SELECT %(function)s(%(expressions)s))"

    def __init__(self, text):
        super().__init__(text, search_type="websearch", config=CONFIG)


def search(queryset, text, order=None):
    """Guides of `queryset` matching `text` by words or, when words find less than a page, also by
    the corrected spelling of its words; best first unless `order` says otherwise, with a
    highlighted snippet. Returned for a paginator (Ranked)."""
    query = WebSearch(text)
    matches = queryset.filter(search_vector=query)
    corrections = _corrections(text, matches)
    if corrections:
        corrected = re.sub(r"\w+", lambda word: corrections.get(word[0].lower(), word[0]), text)
        query = query | WebSearch(corrected)
        matches = queryset.filter(search_vector=query)
    rank = SearchRank(F("search_rank"), query)
    order = order or ["-rank", "title"]
    guides = queryset.annotate(
        rank=rank,
        snippet=SearchHeadline(
            "summary",
            query,
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            highlight_all=True,
        ),
    ).order_by(*order)
    return Ranked(matches.annotate(rank=rank).order_by(*order).values("pk"), guides, query, matches)


class Ranked:
    """Search results for a paginator: counted and put in order as ids alone, then only a page of
    guides is read whole. Sorting thousands of matches with their whole rows (and the category
    joined to each) took a third longer ("nurse" at 10,000 guides: 12 ms against 9)."""

    def __init__(self, ids, guides, query, matches):
        # The query as searched (with its corrected spelling) and the matching guides unordered,
        # for searching occupations beside them (guides.finding.results).
        self.ids, self.guides, self.query, self.matches = ids, guides, query, matches

    def count(self):
        return self.ids.count()

    def __getitem__(self, page):
        """The guides of a slice of the results, in order, in one query."""
        return self.guides.filter(pk__in=self.ids[page])


def _corrections(text, matches):
    """{misspelt word: the closest word of the guides' names} for the words of `text` that no
    guide's name uses, if its word `matches` are fewer than a page; else {}. One query: the count
    is a sub-select of the corrections' query. A word of some guide's text but of no name may be
    "corrected" too: the typed query still runs beside the corrected one, so it keeps its matches.
    Stop words ("the") are not corrected; they are not searched."""
    found, found_params = (
        matches.order_by().values("pk")[:TYPO_FALLBACK_BELOW].query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT typo, (
                SELECT word FROM guides_searchword WHERE word %% typo
                ORDER BY similarity(word, typo) DESC, guides DESC, word LIMIT 1
            )
            FROM guides_name_words(%s) AS typo
            WHERE (SELECT count(*) FROM ({found}) AS found) < %s
                AND to_tsvector(%s::regconfig, typo) <> ''
                AND NOT EXISTS (SELECT FROM guides_searchword WHERE word = typo)
            """,
            [text, *found_params, TYPO_FALLBACK_BELOW, CONFIG],
        )
        return {typo: word for typo, word in cursor.fetchall() if word}


def highlight(snippet):
    """Escape a SearchHeadline result, then turn its markers into <mark> elements."""
    return mark_safe(escape(snippet).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def suggestions(text, limit=5):
    """Published titles closest in spelling to a query that found nothing. The names' trigram
    index finds the candidates: those word-similar to the query (pg_trgm.word_similarity_threshold,
    set per connection in the settings); only they are compared, not every guide."""
    return (
        Guide.objects.published()
        .filter(search_names__trigram_word_similar=text)
        .annotate(similarity=TrigramWordSimilarity(text, "search_names"))
        .order_by("-similarity", "title")[:limit]
    )
