"""The occupation catalogue (/occupations/): every detailed occupation of the current OEWS release
with its EP 2024–34 projection, by SOC major group, filtered and sorted from the query string.

A bad value never breaks the page: the form names it in words, ignores it and applies the rest.
"""

from decimal import Decimal

from django import forms
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Left

from guides.occupations.models import Projection
from guides.query_forms import QueryStringForm, filters_in_use
from guides.wages.models import ALL_OCCUPATIONS, Area, Estimate, Occupation

from .results import occupation_matches

PER_PAGE = 50
MAX_QUERY_LENGTH = 100
# The strong-outlook rule: growth at least STRONG_GROWTH_TIMES the all-occupation average, and
# at least STRONG_OPENINGS openings a year. Twice the average (3.1% in 2024–34, so 6.2%) is
# "much faster than average" in BLS's own words (its scale starts at 5%); 5,000 openings a year
# is about the median occupation's (4,500), so a strong outlook also means many chances to get in.
STRONG_GROWTH_TIMES = 2
STRONG_OPENINGS = 5000
# BLS's typical entry-level education labels, from least to most.
EDUCATION = [
    "No formal educational credential",
    "High school diploma or equivalent",
    "Some college, no degree",
    "Postsecondary nondegree award",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
]
# ?sort= key -> (label, order)
SORTS = {
    "code": ("SOC code (by group)", ["occupation__code"]),
    "name": ("Name (A to Z)", ["occupation__name"]),
    "pay": ("Median pay (highest first)", [F("annual_median").desc(nulls_last=True)]),
    "growth": ("Projected growth (highest first)", [F("growth").desc(nulls_last=True)]),
    "openings": ("Openings a year (most first)", [F("openings").desc(nulls_last=True)]),
    "jobs": ("Jobs (most first)", [F("employment").desc(nulls_last=True)]),
}

# Each filter of the form and the estimate's field (or annotation) it narrows.
FILTER_LOOKUPS = {
    "group": "group",
    "education": "education",
    "growth_min": "growth__gte",
    "pay_min": "annual_median__gte",
    "pay_max": "annual_median__lte",
    "openings_min": "openings__gte",
}


def _projection(column):

    rows = Projection.objects.current().filter(soc=OuterRef("occupation__code"))
    return Subquery(rows.values(column)[:1])


def average_growth():
    """The all-occupation percent change of the current projections (3.1 for 2024–34), or None."""

    rows = Projection.objects.current().filter(soc=ALL_OCCUPATIONS)
    return rows.values_list("change_percent", flat=True).first()


def strong_rule(average):
    """(minimum growth, minimum openings a year) of a strong outlook, or None without data."""
    if average is None:
        return None
    return Decimal(average) * STRONG_GROWTH_TIMES, STRONG_OPENINGS


class OccupationFilters(QueryStringForm):
    q = forms.CharField(
        label="Name, other title or SOC code",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
    )
    group = forms.ChoiceField(label="Group", required=False)
    education = forms.ChoiceField(
        label="Typical entry education",
        required=False,
        choices=[("", "Any education"), *((label, label) for label in EDUCATION)],
    )
    growth_min = forms.DecimalField(
        label="Projected growth at least (%)",
        required=False,
        min_value=-100,
        max_value=1000,
        decimal_places=1,
    )
    pay_min = forms.IntegerField(
        label="Median pay from (USD a year)", required=False, min_value=0, max_value=10_000_000
    )
    pay_max = forms.IntegerField(
        label="Median pay up to (USD a year)", required=False, min_value=0, max_value=10_000_000
    )
    openings_min = forms.IntegerField(
        label="Openings a year at least", required=False, min_value=0, max_value=10_000_000
    )
    strong = forms.BooleanField(label="Strong outlook only", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in SORTS.items()],
    )

    def __init__(self, data, groups, period="2024–34"):
        super().__init__(data)
        self.fields["growth_min"].label = f"Growth {period} at least (%)"
        self.fields["group"].choices = [("", "All groups")] + [
            (group.code[:2], group.name) for group in groups
        ]

    @property
    def chosen_sort(self):
        return self.values.get("sort") or "code"

    def results(self, release, strong):
        """The national estimates of the chosen detailed occupations, each with its projection
        (growth, openings a year, employment and entry education), in the chosen order."""

        values = self.values
        rows = (
            Estimate.objects.filter(
                release=release,
                area__kind=Area.Kind.NATIONAL,
                occupation__level=Occupation.Level.DETAILED,
            )
            .exclude(occupation__code=ALL_OCCUPATIONS)
            .select_related("occupation")
            .annotate(
                group=Left("occupation__code", 2),
                growth=_projection("change_percent"),
                openings=_projection("openings") * 1000,
                education=_projection("education"),
            )
        )
        if values.get("q"):
            rows = rows.filter(occupation__in=occupation_matches(release, values["q"]))
        rows = rows.filter(**filters_in_use(values, FILTER_LOOKUPS))
        if values.get("strong") and strong:
            rows = rows.filter(growth__gte=strong[0], openings__gte=strong[1])
        return rows.order_by(*SORTS[self.chosen_sort][1], "occupation__code")
