"""Occupation pages: every detailed occupation as a guide (what the work is, how to get in, the
outlook: profile.py) with its pay from the current OEWS release, nationally, by state (a tile map
and a table) and by metro area. Each page costs a fixed number of queries."""

from django.db.models import Case, Max, Value, When
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from guides.models import SOC_CODE, Guide, GuideCode
from guides.page_cache import public_page
from guides.structured_data import occupation_structured_data

from .maps import state_map
from .models import Area, Occupation, Release
from .pay import Pay, charted, notes_of, period_of
from .profile import occupation_profile
from .queries import occupation_estimates, state_for
from .states import STATES

# ?sort= key -> (column heading, value, first direction is descending)
AREA_SORTS = {
    "name": ("Area", lambda pay: pay.estimate.area.name, False),
    "median": ("Median pay", lambda pay: pay.median.value, True),
    "employment": ("Jobs", lambda pay: pay.estimate.employment, True),
    "quotient": ("Location quotient", lambda pay: pay.estimate.location_quotient, True),
}


def not_found(request, message, release=None):
    """A 404 that says what was not found and offers the way back."""
    return render(
        request,
        "wages/not_found.html",
        {"message": message, "release": release, "states": STATES},
        status=404,
    )


def _occupation(soc):
    """(release, occupation) for a SOC code in the current release; occupation None if absent."""
    release = Release.objects.current()
    if release is None or not SOC_CODE.fullmatch(soc):
        return release, None
    occupation = (
        Occupation.objects.filter(release=release, code=soc, level=Occupation.Level.DETAILED)
        .select_related("parent", "parent__parent", "parent__parent__parent")
        .first()
    )
    return release, occupation


def _guides_near(occupation, limit=4):
    """(guides for this occupation, other guides nearest in the SOC hierarchy), up to `limit` of
    each, by name: two queries. The first reads only the narrow GuideCode rows; the second
    fetches the chosen guides through Guide.objects.published(), which alone decides what the
    public sees. The page cache keeps the page until a guide changes (the GUIDES tag), so no cache
    of its own here.

    Closeness: the occupation itself (4), its broad occupation 11-911x (3), its minor group
    11-9xxx (2), its major group 11-xxxx (1); a guide with several codes counts its closest."""
    code = occupation.code
    order = ("-closeness", "title", "guide")
    of_code = GuideCode.objects.filter(code=code)
    own = of_code.values("guide", "title").annotate(closeness=Value(4))
    # Only the other guides need grouping (one row per guide and code); grouping the guides of
    # the code itself too made PostgreSQL group the whole major group twice.
    others = (
        GuideCode.objects.filter(code__startswith=code[:3])
        .exclude(guide__in=of_code.values("guide"))
        .values("guide", "title")
        .annotate(
            closeness=Max(
                Case(
                    When(code__startswith=code[:6], then=3),
                    When(code__startswith=code[:4], then=2),
                    default=1,
                )
            )
        )
    )
    own, others = own.order_by(*order)[:limit], others.order_by(*order)[:limit]
    chosen = list(own.union(others, all=True).order_by(*order))
    guides = Guide.objects.published().only("slug", "title", "summary")
    found = guides.in_bulk([row["guide"] for row in chosen])
    exact, nearby = [], []
    for row in chosen:
        if row["guide"] in found:
            (exact if row["closeness"] == 4 else nearby).append(found[row["guide"]])
    return exact, nearby


def _breadcrumbs(occupation, *extra):
    groups = []
    parent = occupation.parent
    while parent is not None:
        groups.insert(0, parent)
        parent = parent.parent
    major = groups[0] if groups else None
    crumbs = [("Home", reverse("home")), ("Occupations", reverse("wages:list"))]
    if major:
        crumbs.append((major.name, f"{reverse('wages:list')}#group-{major.code}"))
    crumbs.append((occupation.name, occupation.get_absolute_url()))
    return crumbs + list(extra)


@public_page(reads=["state"])
@require_safe
def occupation_detail(request, soc):
    release, occupation = _occupation(soc)
    if occupation is None:
        return not_found(request, f"There is no detailed occupation {soc} in the data.", release)
    if request.GET.get("state"):
        state = state_for(request.GET["state"])
        if state:
            return redirect("wages:state", soc=soc, state=state.postal.lower())
    estimates = occupation_estimates(release, occupation)
    national = next((e for e in estimates if e.area.kind == Area.Kind.NATIONAL), None)
    period = period_of(national) if national else "annual"
    by_state = {e.area.states[0]: Pay(e, release, period) for e in estimates if e.area.kind == "S"}
    exact, nearby = _guides_near(occupation)
    national = charted([Pay(national, release, period)])[0] if national else None
    profile = occupation_profile(occupation, release)
    crumbs = _breadcrumbs(occupation)
    return render(
        request,
        "wages/occupation_detail.html",
        {
            "release": release,
            "occupation": occupation,
            "national": national,
            "profile": profile,
            "structured_data": occupation_structured_data(
                occupation, national, profile, crumbs, request
            ),
            "map": state_map(occupation, by_state),
            "notes": notes_of(by_state.values()),
            "missing_states": [s.name for s in STATES if s.postal not in by_state],
            "states": STATES,
            "guides": exact,
            "nearby": nearby,
            "crumbs": crumbs,
        },
    )


def _sorted_areas(areas, sort):
    """Sort by ?sort=key or ?sort=-key (descending); areas without the figure always go last.
    An unknown key sorts by name."""
    descending, key = sort.startswith("-"), sort.lstrip("-")
    if key not in AREA_SORTS:
        key, descending = "name", False
    value = AREA_SORTS[key][1]
    known = [pay for pay in areas if value(pay) is not None]
    known.sort(key=lambda pay: (value(pay), pay.estimate.area.name), reverse=descending)
    unknown = sorted(
        (pay for pay in areas if value(pay) is None), key=lambda p: p.estimate.area.name
    )
    return key, descending, known + unknown


def _sort_links(current, descending):
    """Each column's link: its first direction, or the other one when it is the current sort."""
    links = []
    for key, (label, _value, first_descending) in AREA_SORTS.items():
        down = (not descending) if key == current else first_descending
        links.append(
            {
                "label": label,
                "current": key == current,
                "descending": descending,
                "query": f"?sort={'-' if down else ''}{key}",
            }
        )
    return links


@public_page(reads=["sort"])
@require_safe
def occupation_state(request, soc, state):
    release, occupation = _occupation(soc)
    if occupation is None:
        return not_found(request, f"There is no detailed occupation {soc} in the data.", release)
    chosen = state_for(state)
    if chosen is None:
        return not_found(
            request, f"“{state}” is not a state postal code such as ca or ny.", release
        )
    if state != chosen.postal.lower():
        return redirect("wages:state", soc=soc, state=chosen.postal.lower(), permanent=True)
    estimates = occupation_estimates(release, occupation, chosen.postal)
    national = next((e for e in estimates if e.area.kind == Area.Kind.NATIONAL), None)
    period = period_of(national) if national else "annual"
    own = next((e for e in estimates if e.area.kind == Area.Kind.STATE), None)
    national, own = charted([Pay(e, release, period) if e else None for e in (national, own)])
    areas = [Pay(e, release, period) for e in estimates if e.area.kind == Area.Kind.METRO]
    key, descending, areas = _sorted_areas(areas, request.GET.get("sort", ""))
    return render(
        request,
        "wages/occupation_state.html",
        {
            "release": release,
            "occupation": occupation,
            "state": chosen,
            "national": national,
            "own": own,
            "areas": areas,
            "area_notes": notes_of(areas),
            "sorts": _sort_links(key, descending),
            "states": STATES,
            "crumbs": _breadcrumbs(
                occupation,
                (chosen.name, reverse("wages:state", args=[soc, chosen.postal.lower()])),
            ),
        },
    )
