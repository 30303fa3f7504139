"""Finding guides: home, catalogue filters, typo-tolerant search, feeds and maps, bad input."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guides.models import Guide

from .factories import make_guide

pytestmark = pytest.mark.django_db


def titles(response):
    return [guide.title for guide in response.context["guides"]]


def test_home_offers_search_categories_recent_and_comparisons(client):
    """The home page answers 'what is here' in one look, from the data itself."""
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="search"' in html and 'name="q"' in html
    assert "Guides by category" in html and "/categories/healthcare/" in html
    assert response.context["top_paid"][0].headline_median == max(
        g.headline_median
        for g in Guide.objects.published().with_headline_pay()
        if g.headline_median is not None
    )
    growth = [g.growth_percent for g in response.context["fastest_growing"]]
    assert growth == sorted(growth, reverse=True)
    assert len(response.context["recent"]) == 6


@pytest.mark.parametrize(
    "query, expected",
    [
        ("nurce", "Registered Nurse"),
        ("helth manager", "Medical Manager"),
        ("health services manager", "Medical Manager"),
        ("pharmacist", "Pharmacist"),
        ("clinic manager", "Medical Manager"),
        ("paralegal", "Paralegal"),
    ],
)
def test_search_forgives_typos_and_knows_other_titles(client, query, expected):
    """Misspellings and alternative titles still find the guide, near the top."""
    response = client.get(reverse("guides:list"), {"q": query})
    assert response.status_code == 200
    assert expected in titles(response)[:3], titles(response)


def test_search_highlights_matches_safely(client):
    """Snippets mark the matching words and escape everything else."""
    make_guide(title="Widget maker", summary="Makes <b>widgets</b> & gadgets all day.")
    html = client.get(reverse("guides:list"), {"q": "widgets"}).content.decode()
    assert "<mark>widgets</mark>" in html
    assert "&lt;b&gt;" in html and "<b>widgets" not in html


def test_no_results_suggests_close_titles(client):
    """A query that finds nothing offers close titles and the catalogue."""
    response = client.get(reverse("guides:list"), {"q": "pharmacy technicianz xyzzy"})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
    assert "No guide matches" in html
    assert "Browse all guides" in html


def test_filters_combine_and_show_as_removable(client):
    """Filters narrow the list; each active filter links to the list without it."""
    response = client.get(
        reverse("guides:list"), {"category": "healthcare", "demand": "high", "sort": "pay"}
    )
    guides = list(response.context["guides"])
    assert guides and all(
        g.category.slug == "healthcare" and g.market_demand == "high" for g in guides
    )
    pays = [g.headline_median for g in guides if g.headline_median is not None]
    assert pays == sorted(pays, reverse=True)
    active = dict(response.context["active_filters"])
    assert active["Category: Healthcare"] == "?demand=high&sort=pay"
    assert active["Market demand: High"] == "?category=healthcare&sort=pay"


def test_pay_and_growth_filters(client):
    """Median pay range and minimum growth filter on the headline figures."""
    response = client.get(
        reverse("guides:list"), {"pay_min": "100000", "pay_max": "140000", "growth_min": "10"}
    )
    guides = list(response.context["guides"])
    assert guides
    for guide in guides:
        assert 100_000 <= guide.headline_median <= 140_000
        assert guide.growth_percent >= 10


def test_education_and_remote_filters(client):
    """Entry education and remote work filter exactly."""
    response = client.get(
        reverse("guides:list"), {"education": "Master's degree", "remote": "on-site"}
    )
    guides = list(response.context["guides"])
    assert guides
    assert all(
        g.entry_education == "Master's degree" and g.remote_work == "on-site" for g in guides
    )


def test_results_show_pay_year_growth_and_demand(client):
    """Each result carries its headline figures with their year."""
    html = client.get(reverse("guides:list"), {"q": "medical manager"}).content.decode()
    assert "Median pay: <strong>$123,860</strong> (2025)" in html  # BLS OEWS, May 2025
    assert "Growth: <strong>18%</strong>" in html
    assert "Demand: <strong>High</strong>" in html


def test_pagination(client):
    """Twenty per page, with the rest a page away."""
    category = Guide.objects.first().category
    for number in range(10):
        make_guide(category=category, title=f"Zeta job {number:02}")
    first = client.get(reverse("guides:list"))
    assert len(first.context["guides"]) == 20
    second = client.get(reverse("guides:list"), {"page": "2"})
    assert len(second.context["guides"]) == Guide.objects.published().count() - 20


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "nurse\x00\x01\x1f"},
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
def test_odd_query_strings_never_break_the_page(client, params):
    """Any query string gives a normal page with a clear message, never a 500 or a raw echo."""
    response = client.get(reverse("guides:list"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<b>" not in html


@pytest.mark.parametrize(
    "raw", ["q=%ED%A0%80%FF%25uD800", "q=%", "q=%%%", "page=%00", "q=a&q=%C0%AF"]
)
def test_invalid_percent_escapes_never_break_the_page(client, raw):
    """Broken UTF-8 and malformed escapes in the raw query string still give a normal page."""
    assert client.get(reverse("guides:list") + "?" + raw).status_code == 200


def test_bad_values_are_explained(client):
    """An ignored filter says why, in words."""
    html = client.get(reverse("guides:list"), {"pay_min": "lots", "q": "nurse"}).content.decode()
    assert "Median pay from (USD a year): Enter a whole number. This filter was ignored." in html
    assert "Registered Nurse" in html


def test_repeated_parameters_use_the_last(client):
    """Repeated parameters are not an error."""
    response = client.get(reverse("guides:list") + "?demand=low&demand=high")
    assert response.status_code == 200
    assert all(g.market_demand == "high" for g in response.context["guides"])


@pytest.mark.parametrize("params", [{}, {"q": "manager"}, {"q": "nurce", "category": "healthcare"}])
def test_catalogue_queries_are_constant(client, params):
    """More guides never means more queries (no N+1 on cards)."""
    counts = []
    for extra in (0, 30):
        category = Guide.objects.first().category
        for number in range(extra):
            make_guide(category=category, title=f"Extra manager nurse {number}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("guides:list"), params).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 5


def test_home_and_category_queries_are_constant(client):
    """Home and category pages cost the same whatever the number of guides."""
    counts = []
    for extra in (0, 20):
        category = Guide.objects.get(slug="medical-manager").category
        for _ in range(extra):
            make_guide(category=category)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
            client.get(category.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_category_page_lists_its_guides(client):
    """A category page lists its published guides only."""
    draft = make_guide(
        status=Guide.Status.DRAFT,
        category=Guide.objects.get(slug="lawyer").category,
        title="Secret draft",
    )
    response = client.get(reverse("guides:category", kwargs={"slug": "legal"}))
    html = response.content.decode()
    assert "Lawyer" in html and "Paralegal" in html
    assert draft.title not in html
    assert client.get(reverse("guides:category", kwargs={"slug": "nope"})).status_code == 404


def test_drafts_appear_in_no_list_feed_or_map(client):
    """Unpublished guides stay out of search, sitemap and feed."""
    draft = make_guide(
        status=Guide.Status.DRAFT, title="Hidden nurse draft", slug="hidden-nurse-draft"
    )
    assert draft.title not in client.get(reverse("guides:list"), {"q": "nurse"}).content.decode()
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "/guides/medical-manager/" in sitemap and "<lastmod>" in sitemap
    assert draft.slug not in sitemap
    feed = client.get(reverse("guides:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Medical Manager" in feed.content.decode()
    assert draft.slug not in feed.content.decode()


def test_synthetic_guides_are_never_public(client):
    """Benchmark data can never leak onto a real page."""
    synthetic = make_guide(title="Synthetic nurse", is_synthetic=True)
    assert client.get(synthetic.get_absolute_url()).status_code == 404
    assert (
        "Synthetic nurse" not in client.get(reverse("guides:list"), {"q": "nurse"}).content.decode()
    )
