"""The catalogue's filters, sorting and search, read from the query string.

A bad value never breaks the page: the form reports it in words and the rest of the query still applies.
"""

from django import forms
from django.db.models import F

from .finding.results import with_occupations
from .models import GROWTH_PERCENT_MAX, GROWTH_PERCENT_MIN, MONEY_MAX, Category, Guide
from .projections import outlook
from .query_forms import QueryStringForm, filters_in_use
from .search import search
from .wages.headline import headline_pay

SORTS = {
    "name": ("Name (A to Z)", [F("title").asc()]),
    "pay": ("Median pay (highest first)", [F("headline_median").desc(nulls_last=True), "title"]),
    "growth": (
        "Projected growth (highest first)",
        [F("shown_growth").desc(nulls_last=True), "title"],
    ),
    "reviewed": (
        "Last reviewed (newest first)",
        [F("last_reviewed").desc(nulls_last=True), "title"],
    ),
}
RELEVANCE = "relevance"
# Filters that only guides have (editors' ratings, categories): a search using one lists guides
# alone; the others (education, pay, growth) apply to occupations too.
GUIDES_ONLY = ["category", "demand", "remote"]
# Each filter of the form and the guide field (or annotation) it narrows.
FILTER_LOOKUPS = {
    "category": "category",
    "demand": "market_demand",
    "remote": "remote_work",
    "education": "entry_education",
    "pay_min": "headline_median__gte",
    "pay_max": "headline_median__lte",
    "growth_min": "shown_growth__gte",
}
PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def _choices(choices, blank):
    return [("", blank), *choices]


class CatalogueForm(QueryStringForm):
    q = forms.CharField(label="Search", required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    category = forms.ModelChoiceField(
        label="Category",
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All categories",
    )
    demand = forms.ChoiceField(
        label="Market demand", required=False, choices=_choices(Guide.Demand.choices, "Any demand")
    )
    remote = forms.ChoiceField(
        label="Remote work", required=False, choices=_choices(Guide.RemoteWork.choices, "Any")
    )
    education = forms.ChoiceField(
        label="Typical entry education",
        required=False,
        choices=_choices([c for c in Guide.EntryEducation.choices if c[0]], "Any education"),
    )
    pay_min = forms.IntegerField(
        label="Median pay from (USD a year)", required=False, min_value=0, max_value=MONEY_MAX
    )
    pay_max = forms.IntegerField(
        label="Median pay up to (USD a year)", required=False, min_value=0, max_value=MONEY_MAX
    )
    growth_min = forms.DecimalField(
        label="Projected growth at least (%)",
        required=False,
        min_value=GROWTH_PERCENT_MIN,
        max_value=GROWTH_PERCENT_MAX,
        decimal_places=Guide._meta.get_field("growth_percent").decimal_places,
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(RELEVANCE, "Best match"), *((key, label) for key, (label, _) in SORTS.items())],
    )

    # Query-string parameter -> how an active filter reads in the "active filters" list.
    FILTER_PARAMS = [
        "q",
        "category",
        "demand",
        "remote",
        "education",
        "pay_min",
        "pay_max",
        "growth_min",
    ]

    def active_filters(self):
        """(label, link without it) for every filter in use, so each can be removed on its own."""
        values = self.values
        active = []
        for name in self.FILTER_PARAMS:
            value = values.get(name)
            if value in (None, ""):
                continue
            field = self.fields[name]
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                shown = dict(field.choices).get(value, value)
            elif name == "q":
                shown = f"“{value}”"
            else:
                shown = value
            remaining = self.data.copy()
            for param in (name, "page"):
                remaining.pop(param, None)
            active.append((f"{field.label}: {shown}", f"?{remaining.urlencode()}"))
        return active

    def results(self, queryset, occupations=True):
        """The guides of `queryset` the filters keep; a search ranks the occupations it finds
        among them unless `occupations` is false (the guides API lists guides alone)."""
        values = self.values
        queryset = (
            queryset.for_lists().annotate(**headline_pay(), **outlook()).select_related("category")
        )
        queryset = queryset.filter(**filters_in_use(values, FILTER_LOOKUPS))
        sort = values.get("sort") or ""
        if values.get("q"):
            ranked = search(queryset, values["q"], SORTS[sort][1] if sort in SORTS else None)
            if not occupations or any(values.get(name) for name in GUIDES_ONLY):
                return ranked
            return with_occupations(ranked, values, sort)
        else:
            queryset = queryset.order_by(*SORTS.get(sort, SORTS["name"])[1])
        return queryset
