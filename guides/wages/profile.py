"""What an occupation page shows beyond pay: the BLS projection (EP) and the O*NET profile of the
occupation, with the pay and growth of the occupations O*NET relates to it.

Loaded in a fixed number of queries whatever the data size (the occupation page's test counts
them): the projections, the O*NET occupations of the SOC code, each of the O*NET details of the
one shown, the pay and growth of its related occupations, and the industries employing it. A part the data lacks is None or
empty, and the templates say so in a sentence: never a blank or a zero.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from guides.occupations.details import Details
from guides.occupations.models import ALL_OCCUPATIONS, OnetOccupation, Projection, Rating, Task

from .models import IndustryEstimate, Occupation
from .pay import Pay, period_of

TASKS_SHOWN = 6  # the rest of the core tasks are one click away (<details>)
RATINGS_SHOWN = 8  # skills, and knowledge areas, by O*NET importance
RELATED_SHOWN = 10
INDUSTRIES_SHOWN = 8
# RIASEC in a few plain words each, after O*NET's own definitions of the interest areas.
INTERESTS = {
    "R": ("Realistic", "hands-on work with tools, machines, plants or animals, often outdoors"),
    "I": ("Investigative", "working with ideas: searching for facts and solving problems"),
    "A": ("Artistic", "creating: forms, designs and patterns, self-expression"),
    "S": ("Social", "working with, helping, teaching or caring for people"),
    "E": ("Enterprising", "starting and carrying out projects, leading people, taking risks"),
    "C": ("Conventional", "following set procedures and routines, working with data and detail"),
}


def broad_code(soc):
    """13-1021 -> 13-1020: the broad occupation, which BLS and O*NET use for aggregates."""
    return soc[:6] + "0"


@dataclass
class Related:
    soc: str
    title: str
    occupation: object = None  # the OEWS Occupation with a page, if any
    growth: object = None  # EP change_percent, if projected


@dataclass
class Profile:
    soc: str
    projection: Projection | None = None
    average: Projection | None = None  # all occupations (EP's total row)
    onet: OnetOccupation | None = None  # the SOC occupation itself (".00")
    details: Details = field(default_factory=Details)  # its O*NET details
    specialties: list = field(default_factory=list)  # O*NET's other occupations under the code
    related: list = field(default_factory=list)
    industries: list = field(default_factory=list)  # Pay per industry, most jobs first

    @property
    def onet_release(self):
        occupation = self.onet or next(iter(self.specialties), None)
        return occupation.release if occupation else None

    @property
    def period(self):
        """The projection's decade as BLS writes it: "2024–34"."""
        release = self.projection.release if self.projection else None
        return f"{release.year}–{release.end_year % 100:02d}" if release else ""

    @property
    def growth_compared(self):
        """How the projected growth compares with the average for all occupations, in words."""
        if not (self.projection and self.average):
            return ""
        mine, average = self.projection.change_percent, self.average.change_percent
        if mine < 0:
            return "a decline, where employment overall grows"
        if mine > average * 2:
            return "much faster than the average"
        if mine > average:
            return "faster than the average"
        if mine == average:
            return "the same as the average"
        return "slower than the average"

    @cached_property
    def tasks(self):
        """O*NET's core tasks; all its tasks where it marks none as core (a few are unrated)."""
        tasks = self.details.tasks
        core = [task for task in tasks if task.kind == Task.Kind.CORE]
        return core or [task for task in tasks if task.kind != Task.Kind.SUPPLEMENTAL]

    @property
    def tasks_are_core(self):
        return any(task.kind == Task.Kind.CORE for task in self.tasks)

    @property
    def tasks_shown(self):
        return self.tasks[:TASKS_SHOWN]

    @property
    def tasks_more(self):
        return self.tasks[TASKS_SHOWN:]

    def _ratings(self, domain):
        return [r for r in self.details.ratings if r.domain == domain][:RATINGS_SHOWN]

    @cached_property
    def skills(self):
        return self._ratings(Rating.Domain.SKILL)

    @cached_property
    def knowledge(self):
        return self._ratings(Rating.Domain.KNOWLEDGE)

    @property
    def rating_lists(self):
        lists = [
            ("Most important skills", self.skills),
            ("Most important knowledge", self.knowledge),
        ]
        return [(heading, ratings) for heading, ratings in lists if ratings]

    @cached_property
    def technology(self):
        """[(kind of technology, [Technology])], the kinds with hot technologies first."""
        groups = {}
        for item in self.details.technologies:
            groups.setdefault(item.commodity_title, []).append(item)
        return sorted(
            groups.items(), key=lambda kind: (-sum(item.hot for item in kind[1]), kind[0])
        )

    @property
    def hot_count(self):
        return sum(item.hot for _, items in self.technology for item in items)

    @cached_property
    def technology_lists(self):
        """[(kind, its examples as HTML, hot technologies in bold)]. Made here rather than by a
        template per kind (for the 426 technologies of 15-1252 the templates took 6 ms of the
        page), each name escaped, then joined (format_html_join took 2 ms)."""
        hot = '<strong>{}</strong><span class="visually-hidden"> (hot technology)</span>'
        return [
            (
                kind,
                mark_safe(  # every name in it is escaped
                    ", ".join(
                        hot.format(escape(i.example)) if i.hot else escape(i.example) for i in items
                    )
                ),
            )
            for kind, items in self.technology
        ]

    @cached_property
    def education(self):
        """O*NET's shares of workers by the education their job requires: the levels reported."""
        return [share for share in self.details.education if share.percent > 0]

    @cached_property
    def interests(self):
        """[(name, what it means)] for the occupation's high-point interests, strongest first."""
        code = self.onet.interest_code if self.onet else ""
        return [INTERESTS[letter] for letter in code if letter in INTERESTS]

    @property
    def interest_scores(self):
        """[(name, score 1-7, bar width in percent)] in RIASEC order."""
        if not self.onet:
            return []
        return [(name, score, round(score / 7 * 100)) for name, score in self.onet.interests]


def _projections(soc):
    """The occupation's projection and the all-occupation average: one query."""
    rows = Projection.objects.current().filter(soc__in=[soc, ALL_OCCUPATIONS])
    found = {row.soc: row for row in rows.select_related("release")}
    return found.get(soc), found.get(ALL_OCCUPATIONS)


def _onet(soc):
    """(the SOC occupation's O*NET profile, its details, O*NET's specialties under the code).

    An OEWS aggregate (13-1020) has no O*NET occupation of its own; O*NET's occupations under its
    broad code (13-1021...) are its specialties then. One query, plus one per kind of detail."""
    where = Q(soc=soc)
    if soc.endswith("0"):
        where |= Q(soc__startswith=soc[:6])
    rows = list(
        OnetOccupation.objects.current()
        .filter(where)
        .select_related("release", "job_zone")
        .order_by("code")
    )
    own = next((row for row in rows if row.code == f"{soc}.00"), None)
    details = Details.of(own) if own else Details()  # of this one only, not of its specialties
    return own, details, [row for row in rows if row is not own]


def _related(profile, release):
    """O*NET's related occupations as SOC pages, best first, each with its pay and growth: two
    queries. Specialties map to their SOC code, and codes OEWS publishes only as an aggregate to
    the aggregate (13-1021 -> 13-1020). Left out: the occupation itself, repeats, and the few
    that map to no OEWS page (51-2022 is inside 51-2028): they could be neither opened nor
    compared, and their pay would read "not published" when BLS publishes it in a group."""
    rows = profile.details.related
    codes = {*rows, *map(broad_code, rows)}
    pages = {
        occupation.code: occupation
        for occupation in Occupation.objects.filter(
            release=release, code__in=codes, level=Occupation.Level.DETAILED
        ).only("code", "name", "national_median", "national_employment")
    }
    related, seen = [], {profile.soc}
    for soc in rows:
        page = pages.get(soc) or pages.get(broad_code(soc))
        if page is None or page.code in seen:
            continue
        seen.add(page.code)
        related.append(Related(page.code, page.name, page))
        if len(related) == RELATED_SHOWN:
            break
    growth = dict(
        Projection.objects.current()
        .filter(soc__in=[item.soc for item in related])
        .values_list("soc", "change_percent")
    )
    for item in related:
        item.growth = growth.get(item.soc)
    return related


def occupation_profile(occupation, release):
    """Everything the occupation page shows beyond pay, for an OEWS detailed occupation."""
    projection, average = _projections(occupation.code)
    onet, details, specialties = _onet(occupation.code)
    profile = Profile(occupation.code, projection, average, onet, details, specialties)
    profile.related = _related(profile, release)
    # NAICS 3-digit industries ("Hospitals", "Specialty Trade Contractors"): the level at which
    # BLS's industries neither overlap nor split an employer type into its ownerships.
    profile.industries = [
        Pay(estimate, release, period_of(estimate))
        for estimate in IndustryEstimate.objects.top_employers(occupation)[:INDUSTRIES_SHOWN]
    ]
    for pay in profile.industries:
        pay.share = _share(pay.estimate.employment, occupation.national_employment)
    return profile


def _share(part, whole):
    """An industry's share of the occupation's jobs, in words that never round to "0%"."""
    if not whole:
        return ""
    percent = part * 100 / whole
    return "under 1%" if percent < 1 else f"{percent:.0f}%"
