"""/api/v1/guides: published guides only, filtered exactly as the catalogue filters them."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import create_model

from guides.catalogue import CatalogueForm
from guides.fixture_format import ALL_KEYS, PREFETCHES, saved_guide_to_data
from guides.models import Guide
from guides.models.fields import markdown_fields
from guides.sections import LISTS, SECTIONS, Children
from guides.sections.parts import Field as SectionField
from guides.wages.headline import headline_pay
from guides.wages.queries import soc_codes

from .http import MAX_PER_PAGE, PER_PAGE, paginate, reject_unknown
from .schemas import Error, GuideDetail, GuideList

router = Router(tags=["guides"])


def _described(field):
    """The catalogue field's label, and its choices when it has fixed ones."""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        values = ", ".join(str(value) for value, _ in field.choices if value)
        return f"{field.label}: one of {values}."
    if isinstance(field, forms.ModelChoiceField):
        return f"{field.label}: a category's slug."
    return f"{field.label}."


# The catalogue's own form declares the filters: the API documents and checks the same ones.
GuideFilters = create_model(
    "GuideFilters",
    __base__=Schema,
    **{
        name: (str | None, Field(None, description=_described(field)))
        for name, field in CatalogueForm.base_fields.items()
    },
)
FILTERS = list(CatalogueForm.base_fields)


def guide_summary(request, guide):
    return {
        "slug": guide.slug,
        "title": guide.title,
        "summary": guide.summary,
        "category": {"slug": guide.category.slug, "name": guide.category.name},
        "occupation_code": guide.occupation_code,
        "median_pay": guide.headline_median,
        "growth_percent": guide.growth_percent,
        "growth_period": guide.growth_period,
        "market_demand": guide.market_demand,
        "remote_work": guide.remote_work,
        "entry_education": guide.entry_education,
        "last_reviewed": guide.last_reviewed,
        "url": request.build_absolute_uri(guide.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:guide", args=[guide.slug])),
    }


@router.get("", response={200: GuideList, 400: Error, 404: Error}, url_name="guides")
def guide_list(
    request,
    filters: Query[GuideFilters],
    page: int = Query(1, ge=1),
    per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
):
    """Published guides, 20 a page (up to 100), sorted by name unless `sort` or `q` says
    otherwise. The filters are the catalogue's (/guides/)."""
    reject_unknown(request, [*FILTERS, "page", "per_page"])
    form = CatalogueForm({k: v for k, v in filters.model_dump().items() if v is not None})
    if form.problems:
        raise HttpError(
            400, " ".join(p.replace(" This filter was ignored.", "") for p in form.problems)
        )
    results = form.results(Guide.objects.published(), occupations=False)
    return paginate(request, results, page, per_page, guide_summary)


def _rendered(guide, data):
    """The Markdown values of a guide's data as the sanitised HTML stored when it was saved
    (RenderedMarkdownField), keyed as in the data."""
    html = {name: str(value) for name, value in guide.html.items() if name in data}
    for part in LISTS:
        if isinstance(part, Children) and markdown_fields(part.model) and part.key in data:
            html[part.key] = [
                {name: str(value) for name, value in item.html.items() if name in row}
                for item, row in zip(part.items(guide), data[part.key], strict=True)
            ]
    return html


def _keys(section):
    """The fixture keys a section shows: its fields as the admin lays them out, then its lists."""
    for entry in section.admin_fields:
        yield from entry if isinstance(entry, tuple) else (entry,)
    yield from (part.key for part in section.parts if not isinstance(part, SectionField))


@router.get("/{slug}", response={200: GuideDetail, 400: Error, 404: Error}, url_name="guide")
def guide_detail(request, slug: str):
    """One published guide: every section's data in the fixture format and its Markdown as
    sanitised HTML."""
    reject_unknown(request, [])
    guide = get_object_or_404(
        Guide.objects.published()
        .annotate(**headline_pay())
        .select_related("category")
        .prefetch_related(*PREFETCHES),
        slug=slug,
    )
    data = saved_guide_to_data(guide)
    return {
        "slug": guide.slug,
        "title": guide.title,
        "url": request.build_absolute_uri(guide.get_absolute_url()),
        "median_pay": guide.headline_median,
        "data": data,
        "html": _rendered(guide, data),
        "sections": [
            {
                "anchor": section.anchor,
                "heading": section.heading,
                "keys": [key for key in _keys(section) if key in ALL_KEYS],
            }
            for section in SECTIONS
        ],
        "occupations": [
            {
                "code": code,
                "api_url": request.build_absolute_uri(reverse("api:occupation", args=[code])),
            }
            for code in soc_codes(guide.occupation_code)
        ],
    }
