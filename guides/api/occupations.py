"""/api/v1/occupations: the current OEWS release's occupations and their wages by area."""

import re
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import WithJsonSchema

from guides.finding.results import occupation_matches
from guides.models import SOC_CODE
from guides.projections import jobs
from guides.wages.models import DATATYPE_FIELDS, Area, Estimate, Occupation, Release
from guides.wages.pay import SOURCE
from guides.wages.queries import state_for

from .http import MAX_PER_PAGE, PER_PAGE, paginate, reject_unknown
from .occupation_data import occupation_data, with_projection
from .schemas import Error, OccupationDetail, OccupationList, Wages

router = Router(tags=["occupations"])
LEVELS = {label.split()[0].lower(): value for value, label in Occupation.Level.choices}
METRO_CODE = re.compile(r"\d{5}|\d{7}")  # BLS writes metro codes with or without leading zeros
POSTAL = re.compile(r"[A-Za-z]{2}")
# The shapes the views accept, declared in the OpenAPI document only (WithJsonSchema), so that
# clients and schema tools know them, while the views' own checks keep their messages in words.
SocCode = Annotated[str, WithJsonSchema({"type": "string", "pattern": f"^{SOC_CODE.pattern}$"})]
AREA = WithJsonSchema(
    {"type": "string", "pattern": f"^(?:[Uu][Ss]|{POSTAL.pattern}|{METRO_CODE.pattern})$"}
)
LEVEL = WithJsonSchema({"type": "string", "enum": list(LEVELS)})
LEVEL_QUERY = Query("detailed", description=f"One of {', '.join(LEVELS)}.")
AREA_QUERY = Query(
    "us",
    description="us, a state's postal code (ca) or a BLS metropolitan or nonmetropolitan "
    "area code (31080 or 0031080).",
)


def _release():
    release = Release.objects.current()
    if release is None:
        raise Http404("No wage release has been imported yet.")
    return release


def release_out(release):
    return {
        "code": release.code,
        "name": release.name,
        "year": release.year,
        "published": release.published,
    }


def occupation_summary(request, occupation):
    """An occupation with its pay and outlook (from with_projection())."""
    return {
        "code": occupation.code,
        "name": occupation.name,
        "level": occupation.get_level_display(),
        "national_median": occupation.national_median,
        "national_employment": occupation.national_employment,
        "growth_percent": None if occupation.growth is None else float(occupation.growth),
        "openings_a_year": jobs(occupation.openings),
        "entry_education": occupation.education,
        "url": request.build_absolute_uri(occupation.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:occupation", args=[occupation.code])),
    }


def estimate_out(release, estimate):
    area = estimate.area
    return {
        "area": {
            "code": area.code,
            "kind": area.get_kind_display(),
            "name": area.name,
            "states": area.states,
        },
        "figures": {name: getattr(estimate, name) for name in DATATYPE_FIELDS.values()},
        "footnotes": {
            name: {"code": code, "text": release.footnotes.get(code, "")}
            for name, code in estimate.footnotes.items()
        },
    }


def _occupation(release, soc):
    if not SOC_CODE.fullmatch(soc):
        raise HttpError(400, f"“{soc}” is not a SOC code: write it as 11-9111.")
    occupation = with_projection(Occupation.objects.filter(release=release, code=soc)).first()
    if occupation is None:
        raise Http404(f"There is no occupation {soc} in OEWS {release.name}.")
    return occupation


@router.get("", response={200: OccupationList, 400: Error, 404: Error}, url_name="occupations")
def occupation_list(
    request,
    q: str = Query("", max_length=200, description="Words of the name, or a SOC code."),
    level: Annotated[str, LEVEL] = LEVEL_QUERY,
    page: int = Query(1, ge=1),
    per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
):
    """The occupations of the current OEWS release, by SOC code, with their national median
    pay and jobs."""
    reject_unknown(request, ["q", "level", "page", "per_page"])
    if level not in LEVELS:
        raise HttpError(400, f"level: “{level}” is not one of {', '.join(LEVELS)}.")
    release = _release()
    occupations = Occupation.objects.filter(release=release, level=LEVELS[level])
    if q.strip():  # names of detailed occupations, as on /occupations/
        occupations = occupations.filter(pk__in=occupation_matches(release, q.strip()))
    occupations = with_projection(occupations).order_by("code")
    return {
        "release": release_out(release),
        **paginate(request, occupations, page, per_page, occupation_summary),
    }


def _national(occupation):
    return (
        Estimate.objects.filter(occupation=occupation, area__kind=Area.Kind.NATIONAL)
        .select_related("area")
        .first()
    )


@router.get(
    "/{soc}", response={200: OccupationDetail, 400: Error, 404: Error}, url_name="occupation"
)
def occupation_detail(request, soc: SocCode):
    """One occupation of the current OEWS release (any level of the SOC) and its national
    estimate."""
    reject_unknown(request, [])
    release = _release()
    occupation = _occupation(release, soc)
    national = _national(occupation)
    projection, onet = occupation_data(occupation.code)
    return {
        **occupation_summary(request, occupation),
        "parent": occupation.parent.code if occupation.parent_id else None,
        "wages_url": request.build_absolute_uri(reverse("api:wages", args=[occupation.code])),
        "release": release_out(release),
        "source": SOURCE,
        "national": estimate_out(release, national) if national else None,
        "projection": projection,
        "onet": onet,
    }


def _area(release, code):
    """The area an `area` parameter names: us, a state's postal code or a BLS metro code."""
    areas = Area.objects.filter(release=release)
    if code.lower() == "us":
        return areas.filter(kind=Area.Kind.NATIONAL).first()
    if POSTAL.fullmatch(code):
        state = state_for(code)
        if state is None:
            raise Http404(f"No state or territory has the postal code “{code}”.")
        return areas.filter(kind=Area.Kind.STATE, fips=state.fips).first()
    if METRO_CODE.fullmatch(code):
        return areas.filter(kind=Area.Kind.METRO, code=code.zfill(7)).first()
    raise HttpError(
        400,
        f"area: “{code}” is not us, a state's postal code (such as ca) or a BLS metropolitan "
        "area code (such as 31080).",
    )


@router.get("/{soc}/wages", response={200: Wages, 400: Error, 404: Error}, url_name="wages")
def wages(
    request,
    soc: SocCode,
    area: Annotated[str, AREA] = AREA_QUERY,
):
    """An occupation's OEWS estimate in one area: jobs, hourly and annual pay by percentile,
    with BLS's footnotes where a figure is missing."""
    reject_unknown(request, ["area"])
    release = _release()
    occupation = _occupation(release, soc)
    place = _area(release, area)
    if place is None:
        raise Http404(f"There is no area “{area}” in OEWS {release.name}.")
    estimate = Estimate.objects.filter(occupation=occupation, area=place).first()
    if estimate is None:
        raise Http404(f"BLS released no estimate for {occupation.name} in {place.name}.")
    estimate.area = place
    return {
        "occupation": occupation_summary(request, occupation),
        "release": release_out(release),
        "source": SOURCE,
        "estimate": estimate_out(release, estimate),
    }
