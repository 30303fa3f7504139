"""Starting a guide from an occupation: a draft linked to the SOC code, its data-backed figures
taken from the data (pay is read from the current OEWS release at page time through the code; the
projection and the entry requirements are copied from the current BLS Employment Projections, with
their source), its editorial sections left empty. O*NET's tasks and skills are offered beside the
form as attributed reference, never copied into the guide."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify

from ..models import Guide
from ..occupations.models import OnetOccupation, Projection
from ..wages.models import Occupation, Release
from .findings import record_findings
from .models import Editorial, ReviewStep

EP_SOURCE = "Bureau of Labor Statistics, Employment Projections"
EP_URL = "https://www.bls.gov/emp/tables/occupational-projections-and-characteristics.htm"
ONET_ATTRIBUTION = (
    "This page includes information from the O*NET {release} Database by the U.S. Department of "
    "Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license."
)
REFERENCE_ITEMS = 10


@dataclass
class OccupationFacts:
    soc: str
    oews: Occupation | None
    projection: Projection | None
    onet: OnetOccupation | None

    @property
    def title(self):
        return (self.onet and self.onet.title) or (self.oews and self.oews.name) or self.soc

    @property
    def found(self):
        return bool(self.oews or self.projection or self.onet)


def facts(soc):
    """What the data say about a detailed occupation (each source may lack it): three queries."""
    release = Release.objects.current()
    oews = (
        Occupation.objects.filter(release=release, code=soc, level=Occupation.Level.DETAILED)
        .select_related("release")
        .first()
    )
    projection = (
        Projection.objects.current()
        .filter(soc=soc, kind=Projection.Kind.DETAILED)
        .select_related("release")
        .first()
    )
    onet = (
        OnetOccupation.objects.current()
        .filter(code=f"{soc}.00")
        .select_related("release", "job_zone")
        .first()
    )
    return OccupationFacts(soc, oews, projection, onet)


def reference(occupation_code):
    """O*NET's tasks and most important skills for a guide's first SOC code (or None), with the
    attribution its licence asks for."""
    code = (occupation_code or "").split(";")[0].strip()[:7]
    onet = (
        OnetOccupation.objects.current().filter(code=f"{code}.00").select_related("release").first()
    )
    if onet is None:
        return None
    return {
        "occupation": onet,
        "tasks": list(onet.tasks.order_by("position")[:REFERENCE_ITEMS]),
        "skills": list(
            onet.ratings.filter(domain="skill").order_by("-importance", "name")[:REFERENCE_ITEMS]
        ),
        "attribution": ONET_ATTRIBUTION.format(release=onet.release.code),
    }


def figures(projection):
    """The guide's projection and entry fields from an EP row (thousands to jobs)."""
    if projection is None:
        return {}
    release = projection.release
    values = {
        "growth_percent": projection.change_percent,
        "growth_period": f"{release.year}-{release.end_year % 100:02d}",
        "growth_source": f"{EP_SOURCE} {release.year}-{release.end_year % 100:02d}",
        "growth_source_url": EP_URL,
        "growth_year": release.year,
        "employment": int(projection.employment * 1000),
        "employment_year": release.year,
        "employment_change": int(projection.change * 1000),
        "work_experience": projection.experience,
        "on_the_job_training": projection.training,
    }
    # The guide's choices are BLS's post-secondary labels; any other (a high school diploma, no
    # formal credential) has no choice, and the editor is told so on the start page.
    if projection.education in Guide.EntryEducation.values:
        values["entry_education"] = projection.education
    return values


def likely_category(soc):
    """The category most guides of the same SOC major group are in (None if none are)."""
    return (
        Guide.objects.filter(occupation_code__startswith=soc[:3])
        .values("category")
        .annotate(count=Count("pk"))
        .order_by("-count", "category")
        .values_list("category", flat=True)
        .first()
    )


def unique_slug(title):
    base = slugify(title)[:110] or "guide"
    taken = set(Guide.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    return next(s for s in [base, *(f"{base}-{n}" for n in range(2, 1000))] if s not in taken)


@transaction.atomic
def start_guide(found, user, title, category, summary):
    guide = Guide.objects.create(
        title=title,
        slug=unique_slug(title),
        status=Guide.Status.DRAFT,
        category=category,
        occupation_code=found.soc,
        summary=summary,
        **figures(found.projection),
    )
    Editorial.objects.create(guide=guide, owner=user)
    ReviewStep.objects.create(
        guide=guide, action=ReviewStep.Action.STARTED, user=user, message=found.soc
    )
    record_findings([guide])
    return guide
