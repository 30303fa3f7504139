"""The compare page: /compare/?c=medical-manager&c=registered-nurse&c=15-2051&state=tx.

Anything that is not two or three known items gets a page that says what is wrong and offers a
way on (a form to pick items, close spellings), never an error page. The compare page itself is
a plain view with ordinary headers; the site's page cache wraps it like the others.
"""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from guides.finding.catalogue import average_growth
from guides.models import SOC_CODE
from guides.occupations.credits import ONET_ATTRIBUTION
from guides.page_cache import public_page
from guides.search import suggestions
from guides.wages.states import STATES

from .items import (
    MAX_ITEMS,
    MIN_ITEMS,
    canonical_url,
    chosen_keys,
    compare_skills,
    compare_url,
    find_items,
    pay_chart,
    state_from,
)
from .occupation_data import TOP_SKILLS, add_occupation_data

# More items than this in one URL are not looked up at all: the page asks for three anyway.
MOST_LOOKED_UP = 12


@public_page(reads=["c", "state"])
@require_safe
def compare(request):
    keys = chosen_keys(request.GET.getlist("c"))
    state, state_problem = state_from(request.GET.get("state", ""))
    if len(keys) > MAX_ITEMS or state_problem:
        return _choose(request, keys, state, state_problem, status=400)
    items, unknown = find_items(keys, state)
    if unknown or len(items) < MIN_ITEMS:
        return _choose(request, keys, state, status=404 if unknown else 200)

    chart = pay_chart(items)
    add_occupation_data(items)
    return render(
        request,
        "compare/compare.html",
        {
            "items": items,
            "title": " vs ".join(item.title for item in items),
            "state": state,
            "states": STATES,
            "chart": chart,
            "oews_release": next((item.national.release for item in items if item.national), None),
            "off_scale": [item for item in items if item.pay and item.pay.chart is None],
            "shared_skills": compare_skills(items),
            "shared_onet_skills": compare_skills(items, "onet_skills", "onet_unique"),
            "onet_count": sum(1 for item in items if item.onet_skills),
            "top_skills": TOP_SKILLS,
            "onet_attribution": ONET_ATTRIBUTION,
            "average_growth": average_growth(),
            "projection_release": next(
                (item.projection.release for item in items if item.projection), None
            ),
            "guide_count": sum(1 for item in items if item.guide),
            "removals": [
                (item, compare_url([key for key in keys if key != item.key], state))
                for item in items
            ]
            if len(items) > MIN_ITEMS
            else [],
            "national_url": compare_url(keys) if state else "",
            "canonical_url": request.build_absolute_uri(canonical_url(keys, state)),
        },
    )


def _choose(request, keys, state, state_problem="", status=200):
    """The page for anything but two or three known items: what is wrong, and a form to pick."""
    items, unknown = find_items(keys[:MOST_LOOKED_UP], priced=False)
    problems = [state_problem] if state_problem else []
    if len(keys) > MAX_ITEMS:
        problems.append(
            f"You chose {len(keys)} items; the page compares at most {MAX_ITEMS}. "
            "Tick the ones you want to keep."
        )
    for key in unknown:
        if SOC_CODE.fullmatch(key):
            problems.append(f"{key} is not a detailed occupation in the current BLS wage data.")
        else:
            problems.append(f"There is no published guide “{key}”.")
    if len(keys) <= MAX_ITEMS and len(items) < MIN_ITEMS:
        problems.append(f"Choose {MIN_ITEMS} or {MAX_ITEMS} guides or occupations to compare.")
    chosen = {item.key for item in items}
    related = [
        other
        for item in items
        if item.guide
        for other in item.guide.related_roles.published().order_by("title")
        if other.slug not in chosen
    ]
    return render(
        request,
        "compare/choose.html",
        {
            "problems": problems,
            "items": items,
            "checked": len(items) <= MAX_ITEMS,
            "related": list({guide.slug: guide for guide in related}.values()),
            "spellings": [
                (key, suggestions(key.replace("-", " "), limit=3))
                for key in unknown[:MAX_ITEMS]
                if not SOC_CODE.fullmatch(key)
            ],
            "state": state,
            "crumbs": [("Home", reverse("home")), ("Compare", reverse("compare:compare"))],
        },
        status=status,
    )
