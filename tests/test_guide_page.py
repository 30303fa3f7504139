"""The guide page: every section, honest figures, metadata, drafts, caching and cost."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guides.models import Guide
from guides.page import SECTIONS

from .factories import fill_guide, make_guide

pytestmark = pytest.mark.django_db

SEED_URL = "/guides/medical-manager/"


@pytest.fixture
def seed_html(client):
    response = client.get(SEED_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_named_route_gives_the_seed_address():
    """The seed guide lives at /guides/medical-manager/."""
    assert reverse("guides:detail", kwargs={"slug": "medical-manager"}) == SEED_URL


def test_seed_page_shows_every_section_in_order(seed_html):
    """Every section of the seed is on the page, in the reading order, and in the contents."""
    positions = [seed_html.index(f'id="{s.anchor}"') for s in SECTIONS]
    assert positions == sorted(positions)
    toc = seed_html[
        seed_html.index('id="toc-heading"') : seed_html.index(
            "</nav>", seed_html.index("toc-heading")
        )
    ]
    assert toc.count("<li>") == len(SECTIONS)


def test_seed_page_shows_the_seeds_figures_with_sources(seed_html):
    """Headline and salary figures appear exactly, each with its source and year."""
    for figure in (
        "18%",
        "$105,000",
        "$70,000",
        "$140,000",
        "$80,500",
        "$129,500",
        "$110,680",
        "$123,860",
        "$224,340",
        "Much faster than average",
        "Hybrid",
    ):
        assert figure in seed_html, figure
    assert "Estimate" in seed_html and "Survey data" in seed_html
    assert "These are derived from the range, not surveyed." in seed_html
    assert "Occupational Outlook Handbook</a>, 2023." in seed_html
    assert "year not stated" in seed_html  # the seed's own estimate is undated, and says so
    assert "BLS OEWS, May 2025" in seed_html
    assert seed_html.count("<details") == 9


def test_seed_page_is_under_120_kb(client):
    """The page stays light enough for a slow phone connection."""
    assert len(client.get(SEED_URL).content) < 120 * 1024


def test_guide_with_everything_optional_empty_leaves_sections_out(client):
    """An empty section is left out entirely, never shown as an empty heading."""
    guide = make_guide()
    html = client.get(guide.get_absolute_url()).content.decode()
    for anchor in ("salary", "responsibilities", "faq", "sources", "case-studies", "skill-map"):
        assert f'id="{anchor}"' not in html
    assert 'id="at-a-glance"' in html
    assert "No cited pay figure is available." in html


def test_query_count_is_constant_whatever_the_number_of_items(client):
    """A guide with 50 items in every list costs the same queries as one with 1 (no N+1)."""
    counts = []
    for items in (1, 50):
        guide = fill_guide(make_guide(), items=items)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(guide.get_absolute_url())
        assert response.status_code == 200
        assert response.content.decode().count('class="faq__item"') == items
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_repeat_visit_gets_304(client):
    """ETag and Last-Modified let a browser or CDN revalidate cheaply."""
    first = client.get(SEED_URL)
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(SEED_URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    since = client.get(SEED_URL, headers={"if-modified-since": first["Last-Modified"]})
    assert since.status_code == 304


def test_an_edit_changes_the_etag(client):
    """An edited guide is never answered with a stale 304."""
    first = client.get(SEED_URL)
    guide = Guide.objects.get(slug="medical-manager")
    guide.summary = "Changed."
    guide.save()
    again = client.get(SEED_URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 200
    assert "Changed." in again.content.decode()


def test_draft_is_404_for_the_public_and_a_preview_for_staff(client, admin_user):
    """Drafts stay private; staff see them marked as a preview and never cached."""
    draft = make_guide(status=Guide.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(admin_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview." in response.content.decode()
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_markdown_is_sanitised(client):
    """Raw HTML, scripts, event handlers, styles and javascript: links never reach the page."""
    guide = make_guide(
        core_functions=(
            'Hello <script>alert(1)</script> <b onclick="x()">bold</b> '
            '<span style="color:red">red</span> [bad](javascript:alert(1)) '
            "[good](https://example.org/) [mail](mailto:a@example.org)\n\n# Big heading"
        )
    )
    html = client.get(guide.get_absolute_url()).content.decode()
    section = html[
        html.index('id="core-functions"') : html.index(
            "</section>", html.index('id="core-functions"')
        )
    ]
    assert "<script>" not in section and "onclick" not in section and "style=" not in section
    assert "javascript:" not in section
    assert '<a href="https://example.org/">good</a>' in section
    assert '<a href="mailto:a@example.org">mail</a>' in section
    assert "<h1>" not in section


def test_no_inline_styles_or_scripts(seed_html):
    """A strict Content-Security-Policy can hold: no style= and no executable inline script."""
    assert "style=" not in seed_html
    scripts = re.findall(r"<script([^>]*)>", seed_html)
    assert all("src=" in attrs or 'type="application/ld+json"' in attrs for attrs in scripts)


def test_metadata_and_structured_data_match_the_page(seed_html):
    """Title, description, canonical, Open Graph, and JSON-LD saying what the page shows."""
    assert "<title>Medical Manager: pay, skills and career path · Career Guide</title>" in seed_html
    assert '<link rel="canonical" href="http://testserver/guides/medical-manager/">' in seed_html
    assert '<meta property="og:title"' in seed_html and '<meta name="twitter:card"' in seed_html
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', seed_html).group(1)
    occupation, breadcrumbs = json.loads(raw)["@graph"]
    assert occupation["@type"] == "Occupation"
    assert occupation["occupationalCategory"] == ["11-9111"]
    assert occupation["mainEntityOfPage"]["lastReviewed"]
    salaries = occupation["estimatedSalary"]
    assert [s["median"] for s in salaries] == [123860, 105000, 110680]
    assert salaries[0]["percentile90"] == 224340  # BLS OEWS, May 2025
    assert all(
        s["@type"] == "MonetaryAmountDistribution"
        and s["currency"] == "USD"
        and s["duration"] == "P1Y"
        for s in salaries
    )
    assert len(occupation["responsibilities"]) == 15
    assert len(occupation["skills"]) == 30
    assert occupation["educationRequirements"] == "Bachelor's degree"
    for responsibility in occupation["responsibilities"]:
        assert responsibility.replace("'", "&#x27;") in seed_html
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Home",
        "Guides",
        "Healthcare",
        "Medical Manager",
    ]


def test_share_links_are_plain_links(seed_html):
    """Sharing needs no third-party script."""
    assert "mailto:?subject=Medical%20Manager" in seed_html
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in seed_html
    )
    assert "https://x.com/intent/post?url=" in seed_html
