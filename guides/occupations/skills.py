"""An occupation's O*NET skills by SOC code, so that any two occupations can be compared.

O*NET rates its occupations (29-1141.00) and some of their specialties (29-1141.01); for a few
SOC occupations only the specialties are rated (O*NET 29.3 rates Business Intelligence Analysts
and Clinical Data Managers, not Data Scientists 15-2051.00 itself). A SOC occupation's skills are
then the mean importance over its rated specialties, and say which they are.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .models import OnetOccupation, Rating


@dataclass
class SocSkills:
    soc: str
    ratings: list = field(default_factory=list)  # (name, importance), most important first
    from_specialties: list = field(default_factory=list)  # their titles, when averaged

    def top(self, count, least):
        """The names of the `count` most important skills rated at least `least`."""
        return [name for name, importance in self.ratings if importance >= least][:count]


def skills_by_soc(socs, domain="skill"):
    """{SOC code: SocSkills} for the codes with O*NET ratings in `domain`: one query."""

    rows = (
        Rating.objects.filter(
            occupation__in=OnetOccupation.objects.current().filter(soc__in=socs), domain=domain
        )
        .values_list(
            "occupation__soc", "occupation__code", "occupation__title", "name", "importance"
        )
        .order_by("occupation__code")
    )
    by_code = defaultdict(list)
    titles = {}
    for soc, code, title, name, importance in rows:
        by_code[soc, code].append((name, importance))
        titles[code] = title
    found = {}
    for soc in socs:
        own = by_code.get((soc, f"{soc}.00"))
        if own:
            found[soc] = SocSkills(soc, _ranked(own))
            continue
        specialties = sorted(code for (owner, code) in by_code if owner == soc)
        if not specialties:
            continue
        totals = defaultdict(list)
        for code in specialties:
            for name, importance in by_code[soc, code]:
                totals[name].append(importance)
        mean = [(name, sum(values) / len(values)) for name, values in totals.items()]
        found[soc] = SocSkills(
            soc,
            _ranked((name, value.quantize(Decimal("0.01"))) for name, value in mean),
            [titles[code] for code in specialties],
        )
    return found


def _ranked(ratings):
    return sorted(ratings, key=lambda rating: (-rating[1], rating[0]))
