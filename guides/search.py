"""Full-text search with typo tolerance, on PostgreSQL.

A stored, weighted tsvector per guide (A: title and alternative titles; B: summary and the lists
guides.sections weighs B, the responsibilities; C: every Markdown field and the lists weighed C, the
skills) with a GIN index, plus a trigram index on the names so misspellings ("nurce") still match.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import (
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Concat, Greatest
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Guide, markdown_fields
from .sections import LISTS

CONFIG = "english"
# Below this many word matches, search also looks for close spellings (one page of results).
TYPO_FALLBACK_BELOW = 20
# The columns update_search_vectors() writes: derived data, so never part of a revision.
SEARCH_COLUMNS = ("search_names", "search_rank", "search_vector")
# Markers for highlighted words that cannot occur in guide text; replaced after escaping.
MARK_START, MARK_STOP = "\x02", "\x03"


def _names():
    return Concat(
        F("title"),
        Value(" "),
        Func(
            F("alternative_titles"),
            Value(" "),
            function="array_to_string",
            output_field=TextField(),
        ),
        output_field=TextField(),
    )


def _list_text(part):
    return Coalesce(
        Subquery(
            part.rows(OuterRef("pk"))
            .values("guide")
            .annotate(text=StringAgg("text", delimiter=" "))
            .values("text")
        ),
        Value(""),
        output_field=TextField(),
    )


def update_search_vectors(guide_ids):
    """Recompute the stored search data of these guides (after their children are saved)."""
    if not guide_ids:
        return
    ranked_part = SearchVector(_names(), weight="A", config=CONFIG) + SearchVector(
        "summary", *_lists_weighed("B"), weight="B", config=CONFIG
    )
    prose = [field.name for field in markdown_fields(Guide)]
    columns = {
        "search_names": _names(),
        "search_rank": ranked_part,
        "search_vector": ranked_part
        + SearchVector(*prose, *_lists_weighed("C"), weight="C", config=CONFIG),
    }
    Guide.objects.filter(pk__in=guide_ids).update(
        **{name: columns[name] for name in SEARCH_COLUMNS}
    )


def _lists_weighed(weight):
    return [_list_text(part) for part in LISTS if part.search_weight == weight]


def search(queryset, text):
    """Guides matching `text` by words or, when words find less than a page, also by close
    spelling; best first, with a highlighted snippet."""
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    # Each way of matching uses its own GIN index, as an id subquery: one OR of the two conditions
    # would make PostgreSQL re-check the large vector row by row (trigram matches need a recheck).
    by_words = Guide.objects.filter(search_vector=query).values("pk")
    matches = queryset.filter(pk__in=by_words)
    rank = SearchRank(F("search_rank"), query)
    # Spelling similarity costs microseconds a row; a common word can match most guides, and then
    # the word matches are answer enough. A misspelling finds few or none, so it gets the fallback.
    if matches[:TYPO_FALLBACK_BELOW].count() < TYPO_FALLBACK_BELOW:
        by_spelling = Guide.objects.filter(search_names__trigram_word_similar=text).values("pk")
        matches = queryset.filter(Q(pk__in=by_words) | Q(pk__in=by_spelling))
        rank = Greatest(rank, TrigramWordSimilarity(text, "search_names"))
        # Ties (several titles equally close to a misspelling) go to the closest whole name.
        order = ["-rank", TrigramSimilarity("search_names", text).desc(), "title"]
    else:
        order = ["-rank", "title"]
    return matches.annotate(
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


def highlight(snippet):
    """Escape a SearchHeadline result, then turn its markers into <mark> elements."""
    return mark_safe(escape(snippet).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def suggestions(text, limit=5):
    """Published titles closest in spelling to a query that found nothing."""
    return (
        Guide.objects.published()
        .annotate(similarity=TrigramWordSimilarity(text, "search_names"))
        .filter(similarity__gt=0.2)
        .order_by("-similarity", "title")[:limit]
    )
