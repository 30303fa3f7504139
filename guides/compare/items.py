"""What the compare page compares: two or three guides or occupations named in ?c=, each with its
pay from the current OEWS release (nationally, or in one state), and a guide's facts and skills.

A guide is named by its slug, an occupation by its SOC code ("15-2051"; an O*NET code such as
"29-1141.01" is paid as its SOC occupation). Reading the items costs a fixed number of queries:
one for the guides, one for the occupations, one for the guides' skills and one per item's pay.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse

from guides.formatting import money
from guides.models import ONET_SOC_CODE, SOC_CODE, Guide, ListItem, SalaryBand
from guides.salary_chart import band_charts
from guides.wages.headline import headline_pay
from guides.wages.models import Occupation, Release
from guides.wages.queries import guide_pay, soc_codes, state_for

MIN_ITEMS, MAX_ITEMS = 2, 3
SKILL_KINDS = [ListItem.Kind.TECH_SKILL, ListItem.Kind.SOFT_SKILL]
# A value longer than any slug or code is nobody's item; it is cut before it is echoed back.
LONGEST_KEY = 120


def normalise(value):
    """A ?c= value as the page's URL writes it: "Registered-Nurse " -> "registered-nurse",
    "29-1141.01" -> "29-1141"."""
    value = value.strip().lower()[:LONGEST_KEY]
    codes = soc_codes(value)
    return codes[0] if codes and ONET_SOC_CODE.fullmatch(value) else value


def chosen_keys(values):
    """The distinct non-empty items asked for, in the reader's order."""
    return list(dict.fromkeys(key for key in map(normalise, values) if key))


def compare_url(keys, state=None):
    """The compare page for these items (and state), in the order given."""
    query = [("c", key) for key in keys] + ([("state", state.postal.lower())] if state else [])
    return f"{reverse('compare:compare')}?{urlencode(query)}"


def canonical_url(keys, state=None):
    """One URL for every order of the same items: sorted, so ?c=b&c=a is the page ?c=a&c=b."""
    return compare_url(sorted(keys), state)


@dataclass
class ItemPay:
    """The pay shown for an item: an OEWS estimate (nationally or in the chosen state), or, for a
    guide without OEWS data, its own first cited band. `band` places it on the shared chart."""

    band: SalaryBand
    where: str
    median: str
    p10: str
    p90: str
    per: str
    source: str
    source_url: str
    year: object  # a year, or the release's month and year
    jobs: int | None = None
    release: Release | None = None  # the OEWS release, for OEWS figures
    chart: object = None  # a guides.salary_chart.BandChart, set by the page

    @classmethod
    def of_oews(cls, pay, where):
        figures = pay.figures
        return cls(
            band=pay.salary_band(""),
            where=where,
            median=figures["median"].text,
            p10=figures["p10"].text,
            p90=figures["p90"].text,
            per=pay.per,
            source="BLS OEWS",
            source_url=pay.estimate.occupation.bls_url,
            year=pay.release.name,  # "May 2025": the month the survey describes
            jobs=pay.estimate.employment,
            release=pay.release,
        )

    @classmethod
    def of_band(cls, band):
        def text(value):
            return money(value, band.currency) if value is not None else "Not stated"

        return cls(
            band=band,
            where=band.country,
            median=text(band.median),
            p10=text(band.p10),
            p90=text(band.p90),
            per="a year" if band.period == SalaryBand.Period.ANNUAL else "an hour",
            source=band.source,
            source_url=band.source_url,
            year=band.data_year,
        )


@dataclass
class Item:
    key: str
    title: str
    url: str
    guide: Guide | None = None
    occupation: Occupation | None = None
    pay: ItemPay | None = None
    national: ItemPay | None = None  # beside a state's pay, the nation's
    skills: list = field(default_factory=list)  # the guide's own list
    unique_skills: list = field(default_factory=list)
    projection: object = None  # guides.occupations.models.Projection (compare.occupation_data)
    onet_skills: list = field(default_factory=list)  # O*NET's most important skills
    onet_unique: list = field(default_factory=list)
    onet_skills_from: list = field(default_factory=list)


def find_items(keys, state=None, priced=True):
    """(items found, keys not found), both in the order of `keys`; `priced` adds their pay."""
    socs = [key for key in keys if SOC_CODE.fullmatch(key)]
    guides = {
        guide.slug: guide
        for guide in Guide.objects.published()
        .annotate(**headline_pay())
        .filter(slug__in=[key for key in keys if key not in socs])
        .select_related("category")
        .prefetch_related(
            Prefetch(
                "list_items",
                queryset=ListItem.objects.filter(kind__in=SKILL_KINDS).order_by("kind", "position"),
                to_attr="skill_items",
            )
        )
    }
    release = Release.objects.current()
    occupations = {
        occupation.code: occupation
        for occupation in Occupation.objects.filter(
            release=release, code__in=socs, level=Occupation.Level.DETAILED
        )
    }
    items, unknown = [], []
    for key in keys:
        if key in guides:
            guide = guides[key]
            item = Item(key, guide.title, guide.get_absolute_url(), guide=guide)
            item.skills = [entry.text for entry in guide.skill_items]
            codes = guide.occupation_code
        elif key in occupations:
            occupation = occupations[key]
            item = Item(key, occupation.name, occupation.get_absolute_url())
            codes = occupation.code
        else:
            unknown.append(key)
            continue
        if priced:
            _add_pay(item, codes, state)
        items.append(item)
    if priced:
        _fallback_bands([item for item in items if item.guide and item.national is None])
    return items, unknown


def _add_pay(item, codes, state):
    """The national band of the code with the most jobs and, with a state, that state's band."""
    pay = guide_pay(codes, state.postal if state else None)
    if not pay:
        return
    headline = pay.headline
    item.occupation = item.occupation or headline.estimate.occupation
    item.national = ItemPay.of_oews(headline, "United States")
    if state is None:
        item.pay = item.national
    elif own := pay.states.get(headline.estimate.occupation.code):
        item.pay = ItemPay.of_oews(own, state.name)


def _fallback_bands(items):
    """Guides without OEWS data show their headline band, as their own page does: one query."""
    bands = SalaryBand.objects.in_bulk([item.guide.headline_band_id for item in items])
    for item in items:
        band = bands.get(item.guide.headline_band_id)
        if band is not None:
            item.national = item.pay = ItemPay.of_band(band)


def skill_key(text):
    """Skills match when their words match, whatever the case, punctuation or spacing."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def compare_skills(items, listed="skills", unique="unique_skills"):
    """Skills two or more items list (in their `listed` attribute), each once (in the first item's
    words) with the items that list it; sets each item's `unique` attribute to those no other
    item lists."""
    shared = {}
    for item in items:
        for skill in getattr(item, listed):
            entry = shared.setdefault(skill_key(skill), {"skill": skill, "items": []})
            if item not in entry["items"]:
                entry["items"].append(item)
    for item in items:
        setattr(
            item,
            unique,
            [s for s in getattr(item, listed) if len(shared[skill_key(s)]["items"]) == 1],
        )
    return [entry for entry in shared.values() if len(entry["items"]) > 1]


# The chart's rows: the item's name, its bar below, the median's figure under the bar.
ROW_HEIGHT = 62


@dataclass
class ChartRow:
    item: Item
    top: int

    name_y = property(lambda self: self.top + 14)
    bar_y = property(lambda self: self.top + 22)
    tick_top = property(lambda self: self.top + 17)
    tick_bottom = property(lambda self: self.top + 41)
    label_y = property(lambda self: self.top + 54)


@dataclass
class PayChart:
    """The compare page's one SVG: every item's band on one scale, then the scale's ends."""

    rows: list
    scale_min: object
    scale_max: object
    per: str

    @property
    def axis_y(self):
        return len(self.rows) * ROW_HEIGHT + 12

    @property
    def height(self):
        return self.axis_y + 6


def pay_chart(items):
    """Place every item's pay that has a median on one scale per currency and period (as the
    guide page does); the chart shows the scale most items share, or None if no item has pay.
    Items on another scale (hourly-only pay) keep `pay.chart` None and are named under it."""
    priced = [item for item in items if item.pay and item.pay.band.median is not None]
    groups = {}
    for item, chart in zip(priced, band_charts([item.pay.band for item in priced]), strict=True):
        groups.setdefault((chart.scale_min, chart.scale_max, item.pay.per), []).append(item)
        item.pay.chart = chart
    if not groups:
        return None
    (low, high, per), shown = max(groups.items(), key=lambda group: len(group[1]))
    for item in priced:
        if item not in shown:
            item.pay.chart = None
    rows = [ChartRow(item, number * ROW_HEIGHT) for number, item in enumerate(shown)]
    return PayChart(rows, low, high, per)


def state_from(value):
    """(State or None, problem text or "") for ?state=."""
    value = value.strip()[:LONGEST_KEY]
    if not value or value.lower() == "us":
        return None, ""
    state = state_for(value)
    if state is None:
        return None, f"“{value}” is not a state postal code such as tx or ca."
    return state, ""
