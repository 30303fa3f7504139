"""Reading the current OEWS release: small functions the occupation pages and guide pages share.

Each returns what one page part needs in one or two queries, whatever the number of rows.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F, Q

from guides.models import SOC_CODE

from .models import Area, Estimate, Release
from .pay import Pay, charted, period_of
from .states import BY_POSTAL, STATES


def soc_codes(occupation_code):
    """A guide's "11-9111; 29-1141.01" -> ["11-9111", "29-1141"]: O*NET specialisations
    (.01, .02) are paid as the SOC occupation they belong to."""
    return list(dict.fromkeys(SOC_CODE.findall(occupation_code or "")))


def state_for(postal):
    """The State for a postal code in any case, or None."""
    return BY_POSTAL.get((postal or "").upper())


def current_release_id():
    """A subquery: the current release's id."""
    return Release.objects.newest_first().values("pk")[:1]


@dataclass
class GuidePay:
    """What a guide's salary section shows from the current release."""

    release: Release | None
    national: list = field(default_factory=list)  # Pay per SOC code, most jobs first
    state: object = None  # the chosen State, if any
    states: dict = field(default_factory=dict)  # SOC code -> Pay in the chosen state (or None)

    states_list = STATES  # for the state picker

    def __bool__(self):
        return bool(self.national)

    @property
    def headline(self):
        return self.national[0] if self.national else None

    def pairs(self):
        """(national Pay, state Pay or None) per SOC code, shown side by side."""
        return [(pay, self.states.get(pay.estimate.occupation.code)) for pay in self.national]

    @cached_property
    def salary_bands(self):
        """The national figures as unsaved SalaryBands, for headline pay and JSON-LD."""
        return [
            pay.salary_band(f"BLS OEWS, {self.release.name}: {pay.estimate.occupation.name}")
            for pay in self.national
        ]


def guide_pay(occupation_code, postal=None):
    """The national band of each of a guide's SOC codes in the current release and, with a
    state, that state's band: one query."""
    codes = soc_codes(occupation_code)
    if not codes:
        return GuidePay(None)
    state = state_for(postal)
    where = Q(area__kind=Area.Kind.NATIONAL)
    if state:
        where |= Q(area__kind=Area.Kind.STATE, area__fips=state.fips)
    rows = list(
        Estimate.objects.filter(where, release=current_release_id(), occupation__code__in=codes)
        .select_related("release", "area", "occupation")
        .order_by(F("employment").desc(nulls_last=True))
    )
    if not rows:
        return GuidePay(None)
    release = rows[0].release
    national = [
        Pay(row, release, period_of(row)) for row in rows if row.area.kind == Area.Kind.NATIONAL
    ]
    periods = {pay.estimate.occupation.code: pay.period for pay in national}
    states = {
        row.occupation.code: Pay(row, release, periods.get(row.occupation.code, "annual"))
        for row in rows
        if row.area.kind == Area.Kind.STATE
    }
    charted([*national, *states.values()])
    return GuidePay(release, national, state, states)


def occupation_estimates(release, occupation, postal=None):
    """The national estimate and every state's (or, with `postal`, that state's and its metro
    and nonmetro areas'), each with its area: one query."""
    where = Q(area__kind=Area.Kind.NATIONAL)
    if postal:
        metro_or_state = [Area.Kind.STATE, Area.Kind.METRO]
        where |= Q(area__kind__in=metro_or_state, area__states__contains=[postal])
    else:
        where |= Q(area__kind=Area.Kind.STATE)
    rows = Estimate.objects.filter(where, release=release, occupation=occupation)
    return list(rows.select_related("area", "occupation"))
