"""/occupations/: the catalogue of every occupation, plain GET forms, no script needed."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from guides.occupations.models import Release as DataRelease
from guides.page_cache import public_page
from guides.wages.models import ALL_OCCUPATIONS, Occupation, Release
from guides.wages.pay import Pay, period_of

from .catalogue import PER_PAGE, SORTS, OccupationFilters, average_growth, strong_rule

# The filters the catalogue folds away on first sight (the name search and strong outlook stay).
FOLDED = ["group", "education", "growth_min", "pay_min", "pay_max", "openings_min", "sort"]


@public_page(reads=[*OccupationFilters.base_fields, "page"])
@require_safe
def occupation_list(request):
    """Every detailed occupation with its pay and outlook, by major group, filtered and sorted."""
    release = Release.objects.current()
    groups = list(
        Occupation.objects.filter(release=release, level=Occupation.Level.MAJOR).exclude(
            code=ALL_OCCUPATIONS
        )
    )
    projections = _projections()
    period = projections.name.removeprefix("EP ") if projections else ""
    form = OccupationFilters(request.GET, groups, period or "2024–34")
    average = average_growth()
    strong = strong_rule(average)
    page = None
    if release:
        page = Paginator(form.results(release, strong), PER_PAGE).get_page(request.GET.get("page"))
        for row in page.object_list:
            row.pay = Pay(row, release, period_of(row))
    names = {group.code[:2]: group.name for group in groups}
    return render(
        request,
        "finding/occupation_list.html",
        {
            "release": release,
            "projections": projections,
            "period": period,
            "form": form,
            "problems": form.problems,
            "page_obj": page,
            "sections": _sections(page, names) if page and form.chosen_sort == "code" else None,
            "groups": groups,
            "average": average,
            "strong": strong,
            "filtered": any(
                form.values.get(name) not in (None, "", False)
                for name in form.fields
                if name != "sort"
            ),
            "sort_label": SORTS[form.chosen_sort][0],
            "filters_open": any(
                form.values.get(name) not in (None, "") for name in form.fields if name in FOLDED
            ),
            "crumbs": [("Home", reverse("home")), ("Occupations", reverse("wages:list"))],
        },
    )


def _projections():
    """The current EP release, or None before it is imported."""

    return DataRelease.objects.current(DataRelease.Dataset.PROJECTIONS)


def _sections(page, names):
    """The page's rows under their major groups' headings, in SOC order."""
    sections = []
    for row in page.object_list:
        if not sections or sections[-1]["code"] != row.group:
            sections.append({"code": row.group, "name": names.get(row.group, ""), "rows": []})
        sections[-1]["rows"].append(row)
    return sections
