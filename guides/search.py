"""Full-text search with typo tolerance, on PostgreSQL.

A stored, weighted tsvector per guide (A: title and alternative titles; B: summary and
responsibilities; C: the rest of the prose and skills) with a GIN index, plus a trigram index on the
names so misspellings ("nurce") still match.
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
from django.db.models import F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, Greatest
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Guide, ListItem

CONFIG = "english"
# Markers for highlighted words that cannot occur in guide text; replaced after escaping.
MARK_START, MARK_STOP = "\x02", "\x03"
BODY_FIELDS = [
    "overview",
    "core_functions",
    "work_setting",
    "education_level",
    "career_entry",
    "required_education",
    "industry_trends",
    "growth_paths",
]


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


def _list_text(*kinds):
    return Coalesce(
        Subquery(
            ListItem.objects.filter(guide=OuterRef("pk"), kind__in=kinds)
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
    Guide.objects.filter(pk__in=guide_ids).update(
        search_names=_names(),
        search_vector=(
            SearchVector(_names(), weight="A", config=CONFIG)
            + SearchVector("summary", weight="B", config=CONFIG)
            + SearchVector(_list_text(ListItem.Kind.RESPONSIBILITY), weight="B", config=CONFIG)
            + SearchVector(*BODY_FIELDS, weight="C", config=CONFIG)
            + SearchVector(
                _list_text(ListItem.Kind.TECH_SKILL, ListItem.Kind.SOFT_SKILL),
                weight="C",
                config=CONFIG,
            )
        ),
    )


def search(queryset, text):
    """Guides matching `text` by words or by close spelling, best first, with a highlighted snippet."""
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    return (
        queryset.annotate(
            rank=Greatest(
                SearchRank(F("search_vector"), query),
                TrigramWordSimilarity(Value(text), "search_names"),
            ),
            snippet=SearchHeadline(
                "summary",
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            ),
        )
        # The word-similarity threshold is set on the connection (settings: DATABASES OPTIONS).
        .filter(Q(search_vector=query) | Q(search_names__trigram_word_similar=text))
        .order_by("-rank", TrigramSimilarity(Value(text), "search_names").desc(), "title")
    )


def highlight(snippet):
    """Escape a SearchHeadline result, then turn its markers into <mark> elements."""
    return mark_safe(escape(snippet).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def suggestions(text, limit=5):
    """Published titles closest in spelling to a query that found nothing."""
    return (
        Guide.objects.published()
        .annotate(similarity=TrigramWordSimilarity(Value(text), "search_names"))
        .filter(similarity__gt=0.2)
        .order_by("-similarity", "title")[:limit]
    )
