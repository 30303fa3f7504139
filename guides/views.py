"""Public pages. Each view declares its queries; templates never query in loops."""

import logging

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .catalogue import PER_PAGE, CatalogueForm
from .finding.results import Results
from .models import Category, Guide
from .page import GuidePage, breadcrumbs
from .page_cache import GUIDES, guide_tag, kept, public_page, render_once
from .projections import outlook
from .search import highlight, suggestions
from .structured_data import structured_data
from .wages.headline import headline_pay

logger = logging.getLogger(__name__)
CHANGES_PER_PAGE = 50


@public_page(reads=())
@require_safe
def home(request):
    """Search, categories, recently updated guides and a few comparisons drawn from the data."""
    published = (
        Guide.objects.published().annotate(**headline_pay(), **outlook()).select_related("category")
    )
    categories = Category.objects.annotate(
        guide_count=Count("guides", filter=Q(guides__in=Guide.objects.published()))
    ).filter(guide_count__gt=0)
    return render(
        request,
        "guides/home.html",
        {
            "categories": categories,
            "recent": published.order_by("-updated_at", "title")[:6],
            "top_paid": published.filter(headline_median__isnull=False).order_by(
                "-headline_median", "title"
            )[:5],
            "fastest_growing": published.filter(shown_growth__isnull=False).order_by(
                "-shown_growth", "title"
            )[:5],
            "guide_count": sum(category.guide_count for category in categories),
        },
    )


# The catalogue's filters, its search and its pages are all in the query string.
@public_page(reads=[*CatalogueForm.base_fields, "page"])
@require_safe
def guide_list(request):
    """The catalogue and search: every filter lives in the query string."""
    form = CatalogueForm(request.GET)
    results = form.results(Guide.objects.published())
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    query = form.values.get("q")
    return render(
        request,
        "guides/guide_list.html",
        {
            "form": form,
            "filters_html": filters_html(form),
            "page_obj": page,
            "guides": page.object_list
            if isinstance(results, Results)
            else [highlighted(guide) for guide in page.object_list]
            if query
            else page.object_list,
            "query": query,
            "problems": form.problems,
            "active_filters": form.active_filters(),
            "suggestions": suggestions(query) if query and not page.paginator.count else [],
            "with_occupations": isinstance(results, Results),
        },
    )


def filter_values(form):
    return [(name, form.data.getlist(name)) for name in form.fields if name != "q"]


@kept([GUIDES], key=filter_values)
def filters_html(form):
    """The catalogue's filters: nine widgets take Django's form renderer about 5 ms, and most
    searches share them, so they are kept per value of the filters (the query aside) until the
    guides change (the categories' names)."""
    # Folded away unless some are in use, so results come first on a phone.
    is_open = any(form.values.get(name) not in (None, "") for name, _ in filter_values(form))
    return render_to_string(
        "includes/catalogue_filters.html", {"form": form, "filters_open": is_open}
    )


def highlighted(guide):
    guide.snippet_html = highlight(guide.snippet)
    return guide


@kept([GUIDES], shared_only=True)
def published_pk(slug):
    """The pk of the published guide at this slug, or None. Every guide page asks (and the page
    cache, for its tags), so with a shared cache the answer is kept until any guide changes: every
    save, publication and deletion bumps GUIDES. Without one, versions cost a query: as dear as
    the question."""
    return Guide.objects.published().filter(slug=slug).values_list("pk", flat=True).first()


def guide_page_tags(slug):
    """A guide's page shows that guide (its related guides and category bump it when they change).
    No published guide by that slug: a 404, which is never kept."""
    pk = published_pk(slug)
    return [guide_tag(pk)] if pk else [GUIDES]


@render_once(tags=lambda pk: [guide_tag(pk)])
def guide_html(request, pk, drafts=False):
    """A guide's page; `drafts` only for those who may preview them (never kept: .fresh())."""
    visible = Guide.objects.all() if drafts else Guide.objects.published()
    # Headline pay takes ten subqueries, some 12 ms to compile: only when the HTML is rendered.
    guide = visible.annotate(**headline_pay()).select_related("category").get(pk=pk)
    page = GuidePage.build(guide, request.GET.get("state", "")[:2].lower())
    context = {
        "page": page,
        "guide": guide,
        "canonical_url": request.build_absolute_uri(guide.get_absolute_url()),
        "structured_data": structured_data(page, request),
    }
    return render_to_string("guides/guide_detail.html", context, request)


@public_page(tags=guide_page_tags, reads=["state"])
@require_safe
def guide_detail(request, slug):
    """One guide. Whoever may view guides in the admin also sees drafts, marked as a preview and
    never cached; other staff see what the public sees. Anonymous readers get it from the page
    cache, which sets its validators and shared-cache headers (guides.page_cache); everyone else
    gets a published guide's HTML rendered once per version of the guide."""
    preview = request.user.has_perm("guides.view_guide")
    if preview:
        found = get_object_or_404(Guide.objects.only("pk", "status"), slug=slug)
        pk, published = found.pk, found.is_published
    else:
        pk, published = published_pk(slug), True
        if pk is None:
            raise Http404("No published guide at this address.")
    # A draft preview is rendered afresh each time: drafts never enter a cache.
    response = HttpResponse(
        guide_html(request, pk) if published else guide_html.fresh(request, pk, True)
    )
    if preview:
        # What a signed-in editor sees (drafts, the preview banner) is theirs alone.
        patch_cache_control(response, private=True, no_cache=True)
    return response


@public_page(tags=guide_page_tags, reads=["page"])
@require_safe
def guide_changes(request, slug):
    """Every published change to a published guide, newest first (drafts have no public history)."""
    guide = get_object_or_404(Guide.objects.published().select_related("category"), slug=slug)
    page = Paginator(guide.change_notes.all(), CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "guides/guide_changes.html",
        {
            "guide": guide,
            "page_obj": page,
            "crumbs": [*breadcrumbs(guide), ("What changed", request.path)],
            "canonical_url": request.build_absolute_uri(request.path),
        },
    )


@public_page(reads=())
@require_safe
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    guides = (
        Guide.objects.published()
        .filter(category=category)
        .annotate(**headline_pay(), **outlook())
        .select_related("category")
        .order_by("title")
    )
    return render(request, "guides/category_detail.html", {"category": category, "guides": guides})


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("Health check failed: %s", error)
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@public_page(reads=(), tags=lambda: [])
@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the hashed icon."""
    return redirect(static("favicon.svg"), permanent=True)
