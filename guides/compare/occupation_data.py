"""What the compare page shows of each item from BLS Employment Projections and O*NET: the
projection (growth, change, openings, education, experience, training) and the top skills.

A guide is compared through its main SOC code (the one with the most jobs, as its headline pay),
an occupation through its own. Two queries for any number of items.
"""

from guides.occupations.models import Projection
from guides.occupations.skills import skills_by_soc
from guides.wages.queries import soc_codes

# O*NET rates 35 skills for every occupation by importance (1 to 5). An item's top skills are
# its TOP_SKILLS most important with an importance of at least IMPORTANT ("important" on O*NET's
# scale): every occupation with O*NET data has some, so any two can be compared.
TOP_SKILLS = 10
IMPORTANT = 3


def item_code(item):
    """The SOC code whose data stands for the item: an occupation's own, a guide's main code."""
    if item.occupation is not None:
        return item.occupation.code
    codes = soc_codes(item.guide.occupation_code) if item.guide else []
    return codes[0] if codes else None


def add_occupation_data(items):
    """Set each item's `projection` (or None), `onet_skills` (names, most important first) and
    `onet_skills_from` (the specialties they were averaged over, if any)."""

    codes = [item_code(item) for item in items]
    wanted = [code for code in codes if code]
    projections = {
        row.soc: row
        for row in Projection.objects.current().filter(soc__in=wanted).select_related("release")
    }
    skills = skills_by_soc(wanted)
    for item, code in zip(items, codes, strict=True):
        item.projection = projections.get(code)
        rated = skills.get(code)
        item.onet_skills = rated.top(TOP_SKILLS, IMPORTANT) if rated else []
        item.onet_skills_from = rated.from_specialties if rated else []
