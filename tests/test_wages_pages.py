"""Occupation pages, and the pay that guide pages, the catalogue, search, the home page and the
sitemap take from the current OEWS release (the real May 2025 release, imported at set-up)."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from guides.models import Guide
from guides.publishing import publish, unpublish

from .factories import make_guide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_wages", "shipped_guides")]


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def text(html):
    """The page's words without tags, for asserting what a reader sees."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_state_page_shows_californias_band_beside_the_nation(client):
    """/occupations/11-9111/ca/ shows California's median, jobs and location quotient in words."""
    html = page(client, "/occupations/11-9111/ca/")
    words = text(html)
    assert "Medical and Health Services Managers in California" in words
    assert "The median pay in California is $141,480 a year, against $123,860 nationally" in words
    assert "75,090" in words
    assert "1.07: this occupation is about as common here as nationally" in words
    assert "Los Angeles-Long Beach-Anaheim, CA" in words


def test_state_page_areas_sort_by_query_string(client):
    """?sort=-median puts the best-paid area first; an unknown sort falls back to names."""

    def first_area(query):
        html = page(client, f"/occupations/11-9111/ca/{query}")
        table = html[html.index('id="areas-heading"') :]
        return re.search(r'<th scope="row">([^<]+)</th>', table).group(1)

    assert first_area("") == first_area("?sort=nonsense") == "Bakersfield-Delano, CA"
    assert first_area("?sort=-median") == "San Jose-Sunnyvale-Santa Clara, CA"
    assert first_area("?sort=-employment") == "Los Angeles-Long Beach-Anaheim, CA"
    assert 'aria-sort="descending"' in page(client, "/occupations/11-9111/ca/?sort=-median")


def test_a_metro_area_across_a_state_line_is_listed_in_both_states(client):
    """Boston-Cambridge-Newton, MA-NH appears on the New Hampshire page too."""
    assert "Boston-Cambridge-Newton, MA-NH" in page(client, "/occupations/11-9111/nh/")


def test_occupation_without_a_guide_has_a_page(client):
    """/occupations/15-2051/ exists with the national band, the map and the state table."""
    html = page(client, "/occupations/15-2051/")
    words = text(html)
    assert "<h1>Data Scientists</h1>" in html
    for figure in ("262,440", "$67,240", "$85,660", "$120,230", "$158,880", "$199,130"):
        assert figure in words, figure
    assert html.count('class="state-map__tile ') == 51  # 50 states and DC
    assert 'aria-label="CA, California: median $' in html
    assert 'href="/occupations/15-2051/ca/"' in html
    assert "Source: U.S. Bureau of Labor Statistics" in words and "May 2025" in words


def test_occupation_page_links_its_guide_and_guides_nearby(client):
    """The occupation links to its guide and to guides of the same SOC group."""
    html = page(client, "/occupations/11-9111/")
    assert 'Read the career guide: <a href="/guides/medical-manager/">' in html
    assert 'href="/guides/social-community-service-manager/"' in html  # also 11-9xxx


def listed(client, path="/occupations/11-9111/"):
    """(titles of the occupation's own guides, titles of the guides nearby), in the page's order."""
    html = page(client, path)
    own = re.search(r"Read the career guide: (.*?)</p>", html)
    nearby = html[html.index('id="nearby-heading"') :] if 'id="nearby-heading"' in html else ""
    nearby = nearby[: nearby.find("</section>")]

    def titles(part):
        return re.findall(r'<a href="/guides/[^/]+/">([^<]+)</a>', part)

    return titles(own.group(1)) if own else [], titles(nearby)


def test_guides_nearby_are_the_closest_in_the_soc_hierarchy_then_by_name(client):
    """Own guides first, by name; then the closest: the broad occupation (11-911x), the minor
    group (11-9xxx), the major group (11-xxxx). A guide counts its closest code; drafts never
    show."""
    medical, social = (
        Guide.objects.get(slug=slug).title
        for slug in ("medical-manager", "social-community-service-manager")
    )
    majors = sorted(
        Guide.objects.filter(occupation_code__startswith="11-3").values_list("title", flat=True)
    )
    make_guide(title="Zz broad neighbour", occupation_code="11-3031; 11-9119")
    make_guide(title="Aa also medical", occupation_code="29-1141; 11-9111.00")
    make_guide(title="Zz second code", occupation_code="29-1141; 11-9199")
    for number in range(4):  # as many as the page shows: none may take a published one's place
        make_guide(title=f"Aa draft {number}", occupation_code="11-9111", status="draft")
    assert listed(client) == (
        ["Aa also medical", medical],
        ["Zz broad neighbour", social, "Zz second code", majors[0]],
    )


def test_guides_nearby_follow_every_change_to_a_guide(client, django_capture_on_commit_callbacks):
    """A new title, a new code, a status changed by the publishing service, a deletion: the page
    shows each at its next request, through the page cache (each committed as the admin would)."""
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = make_guide(title="Zz neighbour", occupation_code="11-9199")
        draft = make_guide(title="Aa draft", occupation_code="11-9111", status=Guide.Status.DRAFT)
    own, nearby = listed(client)
    assert "Aa draft" not in own and nearby.index("Zz neighbour") == 1  # after Social...

    def committed(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    neighbour.title = "Aa neighbour"
    committed(neighbour.save)
    assert listed(client)[1][0] == "Aa neighbour"
    committed(lambda: publish(draft, user=None))
    assert listed(client)[0][0] == "Aa draft"
    committed(lambda: unpublish(draft, user=None))
    assert "Aa draft" not in listed(client)[0]
    neighbour.occupation_code = "47-2111"
    committed(neighbour.save)
    assert "Aa neighbour" not in listed(client)[1]
    assert "Aa neighbour" in listed(client, "/occupations/47-2111/")[0]
    committed(neighbour.delete)
    assert "Aa neighbour" not in listed(client, "/occupations/47-2111/")[0]


def test_a_synthetic_guide_never_shows_nearby_whatever_its_codes_say(client):
    """Codes written under the bench settings (which show synthetic guides) stay in the table;
    the page still shows only what Guide.objects.published() shows under the site's settings."""
    with override_settings(SHOW_SYNTHETIC_GUIDES=True):
        make_guide(title="Aa synthetic", occupation_code="11-9111; 11-9151", is_synthetic=True)
        assert "Aa synthetic" in listed(client)[0]
    cache.clear()
    own, nearby = listed(client)
    assert "Aa synthetic" not in own + nearby and len(nearby) == 4


def test_hourly_only_occupation_shows_hourly_pay(client):
    """Actors: BLS publishes hourly pay only, and the page says an hour, never a blank."""
    words = text(page(client, "/occupations/27-2011/"))
    assert "Median $29.05" in words and "USD an hour" in words


def test_not_released_and_top_coded_figures_are_worded_as_bls_does(client):
    """'-' figures read "Not released" or "$239,200 or more" with BLS's footnote."""
    words = text(page(client, "/occupations/29-1211/ak/"))  # anesthesiologists, Anchorage
    assert "$239,200 or more" in words
    assert "This wage is equal to or greater than $115.00 per hour or $239,200 per year." in words
    words = text(page(client, "/occupations/15-1254/al/"))  # web developers, Alabama
    assert "Not released" in words and "Estimate not released." in words
    assert "$0" not in words


def test_unknown_codes_get_a_404_with_a_way_back(client):
    """Unknown SOC codes and states are 404 pages that say so and link back."""
    for path in ("/occupations/99-9999/", "/occupations/nurse/", "/occupations/11-9111/zz/"):
        html = page(client, path, status=404)
        assert 'href="/occupations/"' in html
    assert "not a state postal code" in page(client, "/occupations/11-9111/zz/", 404)
    assert "no detailed occupation 11-0000" in page(client, "/occupations/11-0000/", 404)


def test_uppercase_state_redirects_to_the_lowercase_address(client):
    response = client.get("/occupations/11-9111/CA/")
    assert response.status_code == 301 and response["Location"] == "/occupations/11-9111/ca/"


def test_state_picker_works_without_javascript(client):
    """The occupation page's GET form (?state=ca) goes to the state's page."""
    response = client.get("/occupations/11-9111/", {"state": "ca"})
    assert response.status_code == 302 and response["Location"] == "/occupations/11-9111/ca/"


def test_list_has_every_detailed_occupation_by_major_group(client):
    """/occupations/ lists the 830 detailed occupations, 50 a page, under their major groups'
    headings, and links each of the 22 groups (guides/finding: the catalogue)."""
    html = page(client, "/occupations/")
    assert len(re.findall(r'<th scope="row"><a href="/occupations/\d\d-\d{4}/"', html)) == 50
    assert html.count('<a href="?group=') == 22
    assert "830 occupations, page 1 of 17" in text(html)
    html = page(client, "/occupations/?page=17")
    assert len(re.findall(r'<th scope="row"><a href="/occupations/\d\d-\d{4}/"', html)) == 30


def test_list_filters_by_name(client):
    """?q= keeps matching names only (word stems: "scientist" finds "Scientists")."""
    html = page(client, "/occupations/?q=data+scientist")
    assert 'href="/occupations/15-2051/"' in html and "1 occupation ·" in text(html)
    assert "No occupation matches" in page(client, "/occupations/?q=zzzzqq")


@pytest.mark.parametrize(
    "paths",
    [
        ("/occupations/11-9111/", "/occupations/27-2011/"),
        ("/occupations/11-9111/ca/", "/occupations/15-2051/wy/"),
        ("/occupations/", "/occupations/?q=nurse"),
    ],
)
def test_occupation_pages_cost_a_constant_few_queries(client, paths):
    """Each page costs the same handful of queries whatever the occupation or state (no N+1).
    Actors get a guide nearby, as 11-9111 has: with none, the page skips fetching guides."""
    make_guide(title="Stage director", occupation_code="27-2012")
    counts = []
    for path in paths:
        cache.clear()  # count a first render, not a page-cache hit
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10, counts


def test_guide_shows_the_current_release_beside_the_seeds_estimate(client):
    """/guides/medical-manager/ shows the May 2025 national median beside the seed's estimate."""
    html = page(client, "/guides/medical-manager/")
    words = text(html)
    assert "Current pay: BLS OEWS, May 2025" in words
    assert "$123,860" in words and "$105,000" in words and "Source guide estimate" in words
    glance = text(html[html.index('id="at-a-glance"') : html.index('id="salary"')])
    assert "$123,860" in glance
    assert "the middle half of workers earn between $94,700 and $166,100" in words.lower()
    assert "it does not give pay by years of experience" in words
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html).group(1))
    assert data["@graph"][0]["estimatedSalary"][0]["median"] == 123860


def test_guide_state_picker_shows_the_states_band(client):
    """?state=ca on a guide adds California's band and location quotient; nonsense is ignored."""
    words = text(page(client, "/guides/medical-manager/?state=ca"))
    assert "$141,480" in words and "Jobs in California" in words
    assert "1.07: this occupation is about as common here as nationally" in words
    assert "$141,480" not in text(page(client, "/guides/medical-manager/?state=zz"))


def test_guide_with_several_soc_codes_shows_a_band_for_each(client):
    """Nurse practitioner covers three SOC codes; the headline is the one with most jobs."""
    html = page(client, "/guides/nurse-practitioner/")
    words = text(html)
    for name in ("Nurse Practitioners", "Nurse Anesthetists", "Nurse Midwives"):
        assert name in words
    glance = text(html[html.index('id="at-a-glance"') : html.index('id="salary"')])
    assert "$132,300" in glance  # nurse practitioners, not anesthetists


def test_catalogue_pay_filter_sort_and_home_use_the_current_release(client):
    """Headline pay everywhere is the May 2025 national median."""
    words = text(page(client, "/guides/?pay_min=170000"))
    assert "1 guide" in words and "Computer and Information Systems Manager" in words
    html = page(client, "/guides/?sort=pay")
    first = re.search(r'class="card__title"><a href="([^"]+)"', html).group(1)
    assert first == "/guides/computer-information-systems-manager/"
    assert "$175,140" in text(page(client, "/"))


def test_search_finds_occupations_without_a_guide(client):
    """q=data scientist finds Data Scientists (15-2051) though no guide covers it."""
    html = page(client, "/guides/?q=data+scientist")
    assert 'href="/occupations/15-2051/">Data Scientists</a>' in html


def test_sitemap_lists_occupation_pages(client):
    xml = page(client, "/sitemap.xml")
    assert "/occupations/15-2051/</loc>" in xml
    assert xml.count("/occupations/") == 830
