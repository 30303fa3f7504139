"""The guide page: every section, honest figures, metadata, drafts, caching and cost."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guides.models import Guide, SalaryBand
from guides.sections import SECTIONS, sections_filled

from .factories import fill_guide, make_full_guide, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_guide():
    return make_full_guide(slug="clinic-manager")


@pytest.fixture
def full_html(client, full_guide):
    response = client.get(full_guide.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section_html(html, anchor):
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


def test_named_route_gives_the_guide_address():
    """A guide lives at /guides/<slug>/."""
    assert (
        reverse("guides:detail", kwargs={"slug": "medical-manager"}) == "/guides/medical-manager/"
    )


def test_full_guide_shows_every_section_in_order(full_html):
    """Every section of the registry is on the page, in its order, and in the contents."""
    positions = [full_html.index(f'id="{s.anchor}"') for s in SECTIONS]
    assert positions == sorted(positions)
    start = full_html.index('id="toc-heading"')
    toc = full_html[start : full_html.index("</nav>", start)]
    assert toc.count("<li>") == len(SECTIONS)
    for section in SECTIONS:
        assert f'<a href="#{section.anchor}">{section.heading}</a>' in toc


def test_each_section_shows_its_own_content(full_html):
    """Lists and prose land in their sections: the registry's content reaches the template."""
    assert "Text 0 of responsibilities" in section_html(full_html, "responsibilities")
    assert "Text 3 of mistakes" in section_html(full_html, "mistakes")
    skills = section_html(full_html, "skills")
    assert "Text 1 of tech_skills" in skills and "Text 1 of soft_skills" in skills
    assert "Name 0 of certifications" in skills and "education_level" in skills
    pros_cons = section_html(full_html, "pros-cons")
    assert "Text 0 of pros" in pros_cons and "Text 0 of cons" in pros_cons
    assert "<em>core_functions</em>" in section_html(full_html, "core-functions")
    assert "<em>industry_trends</em>" in section_html(full_html, "job-market")
    assert "Question 2 of faqs" in section_html(full_html, "faq")
    assert full_html.count('class="card__title"') == 4  # the related roles


def test_page_shows_the_figures_with_sources(full_html):
    """Headline and salary figures appear exactly, each with its source and year."""
    for figure in (
        "18%",
        "$105,000",
        "$70,000",
        "$140,000",
        "$80,500",
        "$129,500",
        "$110,680",
        "$189,000",
        "Much faster than average",
        "Hybrid",
    ):
        assert figure in full_html, figure
    assert "Estimate" in full_html and "Survey data" in full_html
    assert "These are derived from the range, not surveyed." in full_html
    assert "Occupational Outlook Handbook</a>, 2023." in full_html
    assert "year not stated" in full_html  # the estimate is undated, and says so
    assert "Dated: more than five years old." in full_html  # the 2019 percentiles
    assert full_html.count("<details") == 4


def test_salary_table_is_labelled_by_the_models_field_names(full_html):
    """The figures table names each figure as the model does."""
    salary = section_html(full_html, "salary")
    for label in ("Low end of range", "90th percentile", "Entry level", "Top 10% from"):
        assert f'<th scope="row">{label}</th>' in salary, label


def test_guide_with_everything_optional_empty_leaves_sections_out(client):
    """An empty section is left out entirely, never shown as an empty heading."""
    guide = make_guide()
    html = client.get(guide.get_absolute_url()).content.decode()
    for section in SECTIONS:
        assert (f'id="{section.anchor}"' in html) == section.always, section.anchor
    assert "No cited pay figure is available." in html


def test_draft_related_roles_are_not_shown(client):
    """A related guide that is a draft neither shows nor makes the section appear (or count)."""
    guide = make_guide()
    guide.related_roles.add(make_guide(status=Guide.Status.DRAFT, title="Secret draft"))
    html = client.get(guide.get_absolute_url()).content.decode()
    assert 'id="outlook"' not in html and "Secret draft" not in html
    assert (
        Guide.objects.annotate(sections_filled=sections_filled()).get(pk=guide.pk).sections_filled
        == 2
    )


def test_query_count_is_constant_whatever_the_number_of_items(client):
    """A guide with 50 items in every list costs the same queries as one with 1 (no N+1)."""
    counts = []
    for items in (1, 50):
        guide = fill_guide(make_guide(), items=items)
        cache.clear()  # the page rendered, not served from the page cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(guide.get_absolute_url())
        assert response.status_code == 200
        assert response.content.decode().count('class="faq__item"') == items
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # 14 for the page (finding the guide, then its page query and lists); 2 for the page cache
    assert counts[1] <= 16  # (its tag, its versions)


def test_page_with_every_section_is_under_120_kb(client):
    """A guide with ten items in every list stays light enough for a slow phone connection."""
    guide = make_full_guide(items=10)
    assert len(client.get(guide.get_absolute_url()).content) < 120 * 1024


def test_repeat_visit_gets_304(client, full_guide):
    """The ETag lets a browser or CDN revalidate cheaply."""
    url = full_guide.get_absolute_url()
    first = client.get(url)
    assert first["ETag"]
    assert "max-age=0" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_an_edit_changes_the_etag(client, full_guide):
    """An edited guide is never answered with a stale 304."""
    url = full_guide.get_absolute_url()
    first = client.get(url)
    full_guide.summary = "Changed."
    full_guide.save()
    again = client.get(url, headers={"if-none-match": first["ETag"]})
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
    section = section_html(html, "core-functions")
    assert "<script>" not in section and "onclick" not in section and "style=" not in section
    assert "javascript:" not in section
    assert '<a href="https://example.org/">good</a>' in section
    assert '<a href="mailto:a@example.org">mail</a>' in section
    assert "<h1>" not in section


def test_no_inline_styles_or_scripts(full_html):
    """A strict Content-Security-Policy can hold: no style= and no executable inline script."""
    assert "style=" not in full_html
    scripts = re.findall(r"<script([^>]*)>", full_html)
    assert all("src=" in attrs or 'type="application/ld+json"' in attrs for attrs in scripts)


def test_metadata_and_structured_data_match_the_page(full_html, full_guide):
    """Title, description, canonical, Open Graph, and JSON-LD saying what the page shows."""
    assert "<title>Clinic Manager: pay, skills and career path · Career Guide</title>" in full_html
    assert '<link rel="canonical" href="http://testserver/guides/clinic-manager/">' in full_html
    assert '<meta property="og:title"' in full_html and '<meta name="twitter:card"' in full_html
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', full_html).group(1)
    occupation, breadcrumbs = json.loads(raw)["@graph"]
    assert occupation["@type"] == "Occupation"
    assert occupation["occupationalCategory"] == ["11-9111"]
    assert occupation["mainEntityOfPage"]["lastReviewed"] == "2026-01-15"
    salaries = occupation["estimatedSalary"]
    assert [s["median"] for s in salaries] == [105000, 110680, 100980]
    assert salaries[2]["percentile90"] == 189000
    assert all(
        s["@type"] == "MonetaryAmountDistribution"
        and s["currency"] == "USD"
        and s["duration"] == "P1Y"
        for s in salaries
    )
    assert occupation["responsibilities"] == [f"Text {n} of responsibilities" for n in range(4)]
    assert len(occupation["skills"]) == 8
    assert occupation["qualifications"].startswith("Name 0 of certifications")
    assert occupation["educationRequirements"] == "Bachelor's degree"
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == [
        "Home",
        "Guides",
        full_guide.category.name,
        "Clinic Manager",
    ]


def test_share_links_are_plain_links(full_html):
    """Sharing needs no third-party script."""
    assert "mailto:?subject=Clinic%20Manager" in full_html
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in full_html
    )
    assert "https://x.com/intent/post?url=" in full_html


@pytest.mark.parametrize(
    "remote_work, sentence",
    [
        (Guide.RemoteWork.HYBRID, "Some work can be done remotely; most of it cannot."),
        (Guide.RemoteWork.ON_SITE, "The work is done in person."),
        (Guide.RemoteWork.REMOTE_FRIENDLY, "Much of the work can be done remotely."),
    ],
)
def test_each_remote_work_choice_has_its_sentence(client, remote_work, sentence):
    """The templates compare with the model's choices, so each choice gets its own words."""
    guide = make_guide(remote_work=remote_work)
    glance = section_html(client.get(guide.get_absolute_url()).content.decode(), "at-a-glance")
    assert sentence in glance


def test_each_band_is_labelled_by_its_kind_and_tier_basis(client):
    """An estimate band carries the estimate badge, a survey band none; tiers say whether they
    were surveyed or derived (the templates compare with the model's choices)."""
    guide = make_guide()
    for position, (kind, basis) in enumerate(
        [
            (SalaryBand.Kind.ESTIMATE, SalaryBand.TierBasis.DERIVED),
            (SalaryBand.Kind.SURVEY, SalaryBand.TierBasis.SURVEYED),
        ]
    ):
        SalaryBand.objects.create(
            guide=guide, position=position, label=f"Band {position}", kind=kind, source="A survey",
            low=50_000, median=60_000, high=70_000, entry=55_000, mid=60_000, senior=65_000,
            tier_basis=basis,
        )  # fmt: skip
    salary = section_html(client.get(guide.get_absolute_url()).content.decode(), "salary")
    assert salary.count("badge--estimate") == 1
    assert salary.count("These are derived from the range") == 1
    assert salary.count("They are surveyed figures.") == 1
