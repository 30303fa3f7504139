"""Search results in one list: the guides and the occupations that match, ranked together.

The rule (README, "Finding occupations"): results come in three tiers, each before the next,
- 3: the query is a whole name: a guide's title or alternative title, an occupation's OEWS or
  O*NET title, or one of O*NET's alternate titles or short titles ("RN", "CPA", "line cook");
- 2: every word of the query is in the names (guides: titles; occupations: titles and alternate
  titles);
- 1: the words are found elsewhere (a guide's summary and prose, an occupation's description).
Within a tier guides come first, since an editorial guide says more than the data alone, then by
PostgreSQL's rank, then by name. Another sort (pay, growth, name) orders both kinds by it.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    DecimalField,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length

from guides.models import SOC_CODE
from guides.occupations.models import AlternateTitle, OnetOccupation, Projection
from guides.query_forms import filters_in_use
from guides.search import MARK_START, MARK_STOP, highlight
from guides.wages.models import Occupation

from .index import CONFIG, NAME_KEY_SQL
from .models import OccupationEntry

GUIDE, OCCUPATION = "guide", "occupation"
COLUMNS = ["kind", "item", "tier", "rank", "name", "pay", "growth", "reviewed"]
# ?sort= key -> the order of the combined rows
ORDERS = {
    "relevance": ["-tier", "kind", "-rank", "name"],
    "name": ["name", "kind"],
    "pay": [F("pay").desc(nulls_last=True), "name"],
    "growth": [F("growth").desc(nulls_last=True), "name"],
    "reviewed": [F("reviewed").desc(nulls_last=True), "name"],
}


# The columns only some orders read; the others are NULL in the rows. Computed for every match
# (6,624 guides match "nurse" at 10,000 guides), a guide's pay and growth subqueries alone took
# 40 ms of a search.
NULLS = {
    "tier": IntegerField(),
    "rank": FloatField(),
    "pay": IntegerField(),
    "growth": DecimalField(),
    "reviewed": DateField(),
}
OPTIONAL = list(NULLS)


def _read_by(order):
    """The OPTIONAL columns that an order of ORDERS reads."""
    names = {getattr(getattr(term, "expression", None), "name", None) for term in order}
    names |= {term.lstrip("-") for term in order if isinstance(term, str)}
    return names & set(OPTIONAL)


def _only(needed, **columns):
    """`columns`, with NULL for the optional ones not `needed`."""
    return {
        name: value if name in needed or name not in OPTIONAL else Value(None, NULLS[name])
        for name, value in columns.items()
    }


class IsAName(Func):
    """True when the reader's text is one of `names` (keys made by index.names_sql)."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection):
        names, names_params = compiler.compile(self.source_expressions[0])
        text, text_params = compiler.compile(self.source_expressions[1])
        return f"{NAME_KEY_SQL.format(text)} = ANY({names})", [*text_params, *names_params]


def _names_match(vector, weights):
    """The vector's lexemes of these weights only: matching it means the words are in names."""
    return Func(
        F(vector),
        template=f"ts_filter(%(expressions)s, '{{{weights}}}')",
        output_field=SearchVectorField(),
    )


def _tier(exact, names, query, text):
    return Case(
        When(IsAName(exact, Value(text)), then=3),
        When(**{names: query}, then=2),
        default=1,
        output_field=IntegerField(),
    )


def projected_growth(code):
    """A subquery: the current EP percent change for the SOC code at `code` (an OuterRef)."""

    return Subquery(Projection.objects.current().filter(soc=code).values("change_percent")[:1])


def guide_rows(guides, query, text, needed):
    """The matching guides as combined rows (`guides` already filtered to the matches), with the
    optional columns `needed`."""
    return (
        guides.annotate(names=_names_match("search_rank", "a"))
        .annotate(
            **_only(
                needed,
                kind=Value(GUIDE, output_field=CharField()),
                item=F("pk"),
                tier=_tier("search_keys", "names", query, text),
                rank=SearchRank(F("search_rank"), query),
                name=F("title"),
                pay=F("headline_median"),
                growth=F("shown_growth"),
                reviewed=F("last_reviewed"),
            )
        )
        .values_list(*COLUMNS)
    )


def occupation_rows(query, text, filters, needed):
    """Detailed occupations matching the query as combined rows, narrowed by `filters` (a dict of
    lookups on Occupation, e.g. national_median__gte), with the optional columns `needed`."""
    entries = OccupationEntry.objects.filter(vector=query)
    if filters:
        entries = entries.filter(
            occupation__in=Occupation.objects.annotate(
                growth=projected_growth(OuterRef("code")),
                education=_education(OuterRef("code")),
            ).filter(**filters)
        )
    return (
        entries.annotate(names=_names_match("vector", "a,b"))
        .annotate(
            **_only(
                needed,
                kind=Value(OCCUPATION, output_field=CharField()),
                item=F("occupation_id"),
                tier=_tier("exact_names", "names", query, text),
                rank=SearchRank(F("vector"), query),
                name=F("occupation__name"),
                pay=F("occupation__national_median"),
                growth=projected_growth(OuterRef("occupation__code")),
                reviewed=Value(None, NULLS["reviewed"]),
            )
        )
        .values_list(*COLUMNS)
    )


def _education(code):

    return Subquery(Projection.objects.current().filter(soc=code).values("education")[:1])


class Results:
    """Guides and occupations for a paginator: counted and ordered as rows of ids, then only a
    page's guides and occupations are read whole (two queries)."""

    def __init__(self, rows, parts, guides, query):
        self.rows, self.parts, self.guides, self.query = rows, parts, guides, query

    def count(self):
        # Each part on its own: Django leaves out the columns a count does not read, which it
        # cannot do through a UNION (counting "nurse"'s 6,663 rows took 74 ms, ranking them all).
        return sum(part.count() for part in self.parts)

    def __getitem__(self, window):
        rows = list(self.rows[window])
        ids = {kind: [row[1] for row in rows if row[0] == kind] for kind in (GUIDE, OCCUPATION)}
        found = {(GUIDE, guide.pk): guide for guide in self.guides.filter(pk__in=ids[GUIDE])}
        for occupation in self._occupations(ids[OCCUPATION]):
            found[OCCUPATION, occupation.pk] = occupation
        items = []
        for kind, pk, *_ in rows:
            item = found[kind, pk]
            item.kind = kind
            item.snippet_html = highlight(item.snippet) if item.snippet else ""
            items.append(item)
        return items

    def _occupations(self, ids):
        """The page's occupations, each with its projection, a highlighted piece of its O*NET
        description and the alternate title that matched, if one did."""
        if not ids:
            return []
        onet = OnetOccupation.objects.current().filter(soc=OuterRef("code")).order_by("code")
        also_called = (
            AlternateTitle.objects.filter(
                occupation__in=OnetOccupation.objects.current().filter(
                    soc=OuterRef(OuterRef("code"))
                )
            )
            .annotate(words=SearchVector("title", "short_title", config=CONFIG))
            .filter(words=self.query)
            .order_by(Length("title"), "title")  # the plainest name that matched
        )
        # The release rides along: each card cites its pay with the release's month and year.
        return (
            Occupation.objects.filter(pk__in=ids)
            .select_related("release")
            .annotate(
                growth=projected_growth(OuterRef("code")),
                description=Subquery(onet.values("description")[:1]),
                also_called=Subquery(also_called.values("title")[:1]),
                snippet=SearchHeadline(
                    "description",
                    self.query,
                    config=CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=30,
                    min_words=15,
                ),
            )
        )


# The catalogue's filters that occupations have too, and the occupation's field each narrows.
OCCUPATION_LOOKUPS = {
    "education": "education",
    "pay_min": "national_median__gte",
    "pay_max": "national_median__lte",
    "growth_min": "growth__gte",
}


def with_occupations(ranked, values, sort):
    """A catalogue search (guides.search.Ranked) with the matching occupations ranked among its
    guides; the catalogue's education, pay and growth filters narrow both."""
    filters = filters_in_use(values, OCCUPATION_LOOKUPS)
    text = values["q"]
    order = ORDERS.get(sort, ORDERS["relevance"])
    needed = _read_by(order)
    parts = [
        guide_rows(ranked.matches, ranked.query, text, needed),
        occupation_rows(ranked.query, text, filters, needed),
    ]
    rows = parts[0].union(parts[1], all=True).order_by(*order)
    return Results(rows, parts, ranked.guides, ranked.query)


def occupation_matches(release, text):
    """Detailed occupations of `release` that the words of `text` find (names, O*NET alternate
    titles, description) or whose SOC code it is: a subquery of ids."""
    occupations = Occupation.objects.filter(release=release, level=Occupation.Level.DETAILED)
    if SOC_CODE.fullmatch(text):
        return occupations.filter(code=text).values("pk")
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    entries = OccupationEntry.objects.filter(vector=query).values("occupation_id")
    # Part of a word too ("electric"): the trigram index on the name serves it.
    return occupations.filter(Q(pk__in=entries) | Q(name__icontains=text)).values("pk")
