"""Finding guides: home, catalogue filters and sorting, feeds and maps, bad input, query cost."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guides.models import Category, ChangeNote, Guide

from .factories import make_catalogue, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return make_catalogue()


def titles(response):
    return [guide.title for guide in response.context["guides"]]


def test_home_offers_search_categories_recent_and_comparisons(client, catalogue):
    """The home page answers 'what is here' in one look, from the data itself."""
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'name="q"' in html
    assert "Guides by category" in html and "/categories/healthcare/" in html
    assert [g.title for g in response.context["top_paid"]][:2] == ["Lawyer", "Pharmacist"]
    growth = [g.growth_percent for g in response.context["fastest_growing"]]
    assert growth == sorted(growth, reverse=True) and growth[0] == 46
    assert len(response.context["recent"]) == 6
    assert response.context["guide_count"] == 8


def test_filters_combine_and_show_as_removable(client, catalogue):
    """Filters narrow the list; each active filter links to the list without it."""
    response = client.get(
        reverse("guides:list"), {"category": "healthcare", "demand": "high", "sort": "pay"}
    )
    assert titles(response) == [
        "Nurse Practitioner",
        "Medical Manager",
        "Speech Pathologist",
        "Registered Nurse",
    ]
    active = dict(response.context["active_filters"])
    assert active["Category: Healthcare"] == "?demand=high&sort=pay"
    assert active["Market demand: High"] == "?category=healthcare&sort=pay"


def test_pay_and_growth_filters(client, catalogue):
    """Median pay range and minimum growth filter on the headline figures."""
    response = client.get(
        reverse("guides:list"), {"pay_min": "100000", "pay_max": "140000", "growth_min": "10"}
    )
    assert titles(response) == ["Medical Manager", "Nurse Practitioner", "Software Developer"]


def test_education_and_remote_filters(client, catalogue):
    """Entry education and remote work filter exactly."""
    response = client.get(
        reverse("guides:list"), {"education": "Master's degree", "remote": "on-site"}
    )
    assert titles(response) == ["Nurse Practitioner", "Speech Pathologist"]


@pytest.mark.parametrize(
    "sort, first",
    [("name", "Lawyer"), ("pay", "Lawyer"), ("growth", "Nurse Practitioner")],
)
def test_sorting(client, catalogue, sort, first):
    """Each sort puts the expected guide first."""
    assert titles(client.get(reverse("guides:list"), {"sort": sort}))[0] == first


def test_results_show_pay_growth_and_demand(client, catalogue):
    """Each result carries its headline figures."""
    html = client.get(reverse("guides:list"), {"q": "medical manager"}).content.decode()
    assert "Median pay: <strong>$110,680</strong>" in html
    assert "Growth: <strong>18%</strong>" in html
    assert "Demand: <strong>High</strong>" in html


def test_pagination(client, catalogue):
    """Twenty per page, with the rest a page away."""
    category = Category.objects.get(slug="technology")
    for number in range(15):
        make_guide(category=category, title=f"Zeta job {number:02}")
    first = client.get(reverse("guides:list"))
    assert len(first.context["guides"]) == 20
    second = client.get(reverse("guides:list"), {"page": "2"})
    assert titles(second) == ["Zeta job 12", "Zeta job 13", "Zeta job 14"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "nurse\x01\x1f"},  # NUL is refused before any view: tests/test_no_server_errors.py
        {"q": "'; DROP TABLE guides_guide; --"},
        {"q": '<script>alert("q")</script>'},
        {"q": "!!! & | ( ) : * <-> ''"},
        {"page": "-5"},
        {"page": "999999999999999999999"},
        {"page": "abc"},
        {"pay_min": "lots"},
        {"pay_max": "1e400"},
        {"growth_min": "NaN"},
        {"sort": "drop-table"},
        {"category": "no-such-category"},
        {"demand": "extreme"},
        {"remote": "mars"},
        {"education": "<b>"},
    ],
)
def test_odd_query_strings_never_break_the_page(client, catalogue, params):
    """Any query string gives a normal page with a clear message, never a 500 or a raw echo."""
    response = client.get(reverse("guides:list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>" not in html


@pytest.mark.parametrize(
    "raw", ["q=%ED%A0%80%FF%25uD800", "q=%", "q=%%%", "page=%01", "q=a&q=%C0%AF"]
)
def test_invalid_percent_escapes_never_break_the_page(client, raw):
    """Broken UTF-8 and malformed escapes in the raw query string still give a normal page."""
    assert client.get(reverse("guides:list") + "?" + raw).status_code == 200


def test_bad_values_are_explained(client, catalogue):
    """An ignored filter says why, in words, and the rest of the query still applies."""
    html = client.get(reverse("guides:list"), {"pay_min": "lots", "q": "nurse"}).content.decode()
    assert "Median pay from (USD a year): Enter a whole number. This filter was ignored." in html
    assert "Registered Nurse" in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"pay_max": "10000001"}, "less than or equal to 10000000"),
        ({"growth_min": "501"}, "less than or equal to 500"),
        ({"growth_min": "-101"}, "greater than or equal to -100"),
        ({"growth_min": "2.25"}, "no more than 1 decimal place"),
    ],
)
def test_filter_limits_are_the_models(client, params, message):
    """The catalogue refuses what no guide could hold, with the models' own limits."""
    html = client.get(reverse("guides:list"), params).content.decode()
    assert message in html and "This filter was ignored." in html


def test_repeated_parameters_use_the_last(client, catalogue):
    """Repeated parameters are not an error."""
    response = client.get(reverse("guides:list") + "?demand=low&demand=high")
    assert response.status_code == 200
    assert titles(response) and all(g.market_demand == "high" for g in response.context["guides"])


@pytest.mark.parametrize("params", [{}, {"q": "manager"}, {"q": "nurce", "category": "healthcare"}])
def test_catalogue_queries_are_constant(client, catalogue, params):
    """More guides never means more queries (no N+1 on cards)."""
    counts = []
    category = Category.objects.get(slug="healthcare")
    for extra in (0, 30):
        for number in range(extra):
            make_guide(category=category, title=f"Extra manager nurse {number}", median_pay=1000)
        cache.clear()  # the page rendered, not served from the page cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("guides:list"), params).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # 5 for the page, 1 for the page cache's versions (a miss); a search also lists the BLS
    # occupations it matches (guides.wages), kept per wage release: two more queries without
    # Redis, where that release's version is a row (guides.page_cache.versions).
    assert counts[0] <= 6 + 2 * bool(params.get("q"))


def test_home_and_category_queries_are_constant(client, catalogue):
    """Home and category pages cost the same whatever the number of guides."""
    counts = []
    category = Category.objects.get(slug="healthcare")
    for extra in (0, 20):
        for _ in range(extra):
            make_guide(category=category)
        cache.clear()  # the page rendered, not served from the page cache
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
            client.get(category.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_category_page_lists_its_guides(client, catalogue):
    """A category page lists its published guides only."""
    draft = make_guide(
        status=Guide.Status.DRAFT, category=Category.objects.get(slug="legal"), title="Secret"
    )
    response = client.get(reverse("guides:category", kwargs={"slug": "legal"}))
    html = response.content.decode()
    assert "Lawyer" in html and "Paralegal" in html
    assert draft.title not in html and "Pharmacist" not in html
    assert client.get(reverse("guides:category", kwargs={"slug": "nope"})).status_code == 404


def test_drafts_appear_in_no_list_feed_or_map(client, catalogue):
    """Unpublished guides stay out of search, sitemap and feed."""
    draft = make_guide(
        status=Guide.Status.DRAFT, title="Hidden nurse draft", slug="hidden-nurse-draft"
    )
    assert draft.title not in client.get(reverse("guides:list"), {"q": "nurse"}).content.decode()
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "/guides/medical-manager/" in sitemap and "<lastmod>" in sitemap
    assert draft.slug not in sitemap
    for guide in Guide.objects.all():  # the feed carries change notes: a draft's must not leak
        ChangeNote.objects.create(guide=guide, note="First published.")
    feed = client.get(reverse("guides:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Medical Manager" in feed.content.decode()
    assert draft.slug not in feed.content.decode()


def test_synthetic_guides_are_never_public(client):
    """Benchmark data can never leak onto a real page."""
    synthetic = make_guide(title="Synthetic nurse", is_synthetic=True)
    assert client.get(synthetic.get_absolute_url()).status_code == 404
    assert "Synthetic nurse" not in client.get(reverse("sitemap")).content.decode()
