"""The compare page (/compare/?c=...&state=): two or three guides or occupations with the real
OEWS May 2025 release and the shipped guides; every kind of bad input gets a helpful page; the
"Compare" checkboxes on the catalogue, search, occupation list and guide page."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.compare.items import skill_key
from guides.models import Guide

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_wages", "shipped_guides")]


def get(client, query, status=200):
    response = client.get(f"/compare/?{query}")
    assert response.status_code == status, query
    return response.content.decode()


def text(html):
    """The page's words without tags, for asserting what a reader sees."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def chart_names(html):
    return re.findall(r'<text class="compare-chart__name"[^>]*>([^<]+)</text>', html)


def test_two_guides_nationally(client):
    """Two guides: one SVG scale with both bands, the pay table with its source, the facts."""
    html = get(client, "c=medical-manager&c=registered-nurse")
    words = text(html)
    assert "<h1>Medical Manager vs Registered Nurse</h1>" in html
    assert chart_names(html) == ["Medical Manager", "Registered Nurse"]
    assert html.count('class="band__median"') == 2
    for figure in ("$123,860", "$97,550", "$68,940", "$137,470"):  # medians, RN p10 and p90
        assert figure in words, figure
    assert 'oes291141.htm">BLS OEWS</a>, May 2025' in html  # each row cites its figures
    assert "Occupational Employment and Wage Statistics, May 2025, published" in words
    assert "Projected growth" in words and "6% over 2022-32" in words
    assert "Bachelor's degree" in words
    assert 'href="/guides/registered-nurse/"' in html


def test_the_state_picker_keeps_the_items_and_offers_the_nation(client):
    """Choosing a state on the compare page compares the same items there (a GET form, no
    JavaScript); its empty choice is the United States, and the chosen state stays selected."""
    html = get(client, "c=medical-manager&c=15-2051&state=tx")
    form = re.search(r'<form class="state-picker compare__state".*?</form>', html, re.S).group(0)
    assert 'action="/compare/"' in form and 'method="get"' in form
    assert re.findall(r'<input type="hidden" name="c" value="([^"]+)">', form) == [
        "medical-manager",
        "15-2051",
    ]
    assert '<label for="compare-state">Pay in</label>' in form
    assert '<option value="">The United States</option>' in form
    assert '<option value="tx" selected>Texas</option>' in form


def test_three_items_with_an_occupation_and_a_state(client):
    """Two guides and an occupation without a guide, in Texas: Texas bands beside the nation's."""
    html = get(client, "c=medical-manager&c=registered-nurse&c=15-2051&state=tx")
    words = text(html)
    assert "<h1>Medical Manager vs Registered Nurse vs Data Scientists</h1>" in html
    assert chart_names(html) == ["Medical Manager", "Registered Nurse", "Data Scientists"]
    assert "Pay in Texas" in words
    for figure in ("$114,150", "$95,970", "$122,090"):  # Texas medians
        assert figure in words, figure
    assert "U.S.: $123,860" in words
    assert "No guide" in words  # data scientists have no editors' ratings
    # This module imports no projections or O*NET (test_occupation_outlook.py does): each item
    # says so rather than leaving a gap.
    assert "No BLS projection for this occupation" in words
    assert "O*NET rates no skills for this occupation" in words
    assert 'href="/occupations/15-2051/"' in html
    assert '<option value="tx" selected>' in html
    assert 'href="/compare/?c=medical-manager&amp;c=registered-nurse&amp;c=15-2051"' in html


def test_two_occupations_and_hourly_pay_off_the_annual_scale(client):
    """Occupations alone compare too; actors (hourly pay only) are named, not drawn, on the
    data scientists' annual scale."""
    html = get(client, "c=15-2051&c=27-2011")
    words = text(html)
    assert chart_names(html) == ["Data Scientists"]
    assert "Not on the chart: Actors (pay an hour)" in words
    assert "$29.05 an hour" in words
    assert "Remote work No guide No guide" in words


def test_codes_and_slugs_are_read_as_written(client):
    """An O*NET code is paid as its SOC occupation; slugs in any case; spaces trimmed."""
    html = get(client, "c=29-1141.01&c=+Medical-Manager+")
    assert chart_names(html) == ["Registered Nurses", "Medical Manager"]


def test_one_canonical_url_for_every_order_and_noindex(client):
    """?c=b&c=a names ?c=a&c=b as canonical (state kept); the page is not indexed."""
    html = get(client, "c=registered-nurse&c=medical-manager&state=TX")
    canonical = "http://testserver/compare/?c=medical-manager&amp;c=registered-nurse&amp;state=tx"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert chart_names(html) == ["Registered Nurse", "Medical Manager"]  # the reader's order


def test_shared_and_unique_skills(client):
    """Skills both guides list are shown once, and left out of each guide's own list."""
    html = get(client, "c=medical-manager&c=registered-nurse")
    shared = html[html.index("Skills the guides list") : html.index("<h4>Only Medical Manager")]
    assert "Attention to detail" in shared and "Calm under pressure" not in shared
    only_nurse = html[html.index("<h4>Only Registered Nurse") :]
    only_nurse = only_nurse[: only_nurse.index("</ul>")]
    assert "Calm under pressure" in only_nurse and "Attention to detail" not in only_nurse


def test_skills_match_whatever_their_case_and_punctuation():
    """ "Clear, jargon-free communication" and "clear jargon free communication" are one."""
    assert skill_key("Clear, jargon-free  Communication.") == skill_key(
        "clear jargon free communication"
    )
    assert skill_key("Empathy") != skill_key("Empathy and patience")


def test_the_page_costs_a_fixed_number_of_queries(client):
    """Three items cost the same few queries however many skills and rows they have: the
    guides, occupations, skills, pay per item, and the projections, O*NET skills and the
    all-occupation average."""
    with CaptureQueriesContext(connection) as queries:
        get(client, "c=medical-manager&c=registered-nurse&c=15-2051&state=tx")
    assert len(queries) <= 11, [query["sql"][:120] for query in queries]


def test_no_inline_script_or_style(client):
    """The strict CSP holds: no inline script, style attribute or style element."""
    html = get(client, "c=medical-manager&c=15-2051")
    assert "<script" not in html and " style=" not in html and "<style" not in html


@pytest.mark.parametrize(
    "query", ["", "c=", "c=medical-manager", "c=medical-manager&c=medical-manager"]
)
def test_fewer_than_two_asks_for_more(client, query):
    """No item, one item, or one item twice: a page that asks for two or three, offering the
    chosen guide (ticked) and its related roles as checkboxes."""
    html = get(client, query)
    words = text(html)
    assert "Choose 2 or 3 guides or occupations to compare." in words
    assert '<form class="compare-choose" action="/compare/" method="get">' in html
    assert '<meta name="robots" content="noindex">' in html
    if "medical-manager" in query:
        assert '<input type="checkbox" name="c" value="medical-manager" checked>' in html
        assert 'value="registered-nurse">' in html  # a related role


def test_more_than_three_asks_to_choose(client):
    """Four items: 400 with a page that lists them, unticked, to keep three at most."""
    query = "c=medical-manager&c=registered-nurse&c=15-2051&c=pharmacist"
    html = get(client, query, status=400)
    assert "You chose 4 items; the page compares at most 3." in text(html)
    assert html.count('<input type="checkbox" name="c"') >= 4
    assert 'value="pharmacist">' in html


def test_hundreds_of_items_are_refused_cheaply(client):
    """A URL with 500 items is answered in a few queries, and long values are cut."""
    query = "c=" + "x" * 5000 + "&" + "&".join(f"c=guide-{number}" for number in range(500))
    with CaptureQueriesContext(connection) as queries:
        html = get(client, query, status=400)
    assert len(queries) <= 6  # 5 for the page, 1 for the page cache's versions
    words = text(html)
    assert "You chose 501 items" in words
    assert words.count("There is no published guide") <= 12  # the first few are looked up
    assert "x" * 121 not in html


def test_unknown_items_say_which_and_suggest_spellings(client):
    """An unknown slug or SOC code: 404, naming it, with close titles offered."""
    html = get(client, "c=registerd-nurse&c=medical-manager", status=404)
    words = text(html)
    assert "There is no published guide “registerd-nurse”." in words
    suggested = html[html.index("did you mean") :]
    assert '<a href="/guides/registered-nurse/">Registered Nurse</a>' in suggested[:400]
    html = get(client, "c=99-9999&c=medical-manager", status=404)
    assert "99-9999 is not a detailed occupation in the current BLS wage data." in text(html)


def test_only_published_guides_are_compared(client):
    """A draft guide is unknown to the compare page."""
    Guide.objects.filter(slug="pharmacist").update(status=Guide.Status.DRAFT)
    try:
        html = get(client, "c=pharmacist&c=medical-manager", status=404)
        assert "There is no published guide “pharmacist”." in text(html)
    finally:
        Guide.objects.filter(slug="pharmacist").update(status=Guide.Status.PUBLISHED)


def test_an_unknown_state_is_explained(client):
    """?state=zz: 400, saying what a state code looks like, the items kept ticked."""
    html = get(client, "c=medical-manager&c=registered-nurse&state=zz", status=400)
    assert "“zz” is not a state postal code such as tx or ca." in text(html)
    assert '<input type="checkbox" name="c" value="registered-nurse" checked>' in html


def test_catalogue_and_search_offer_compare_checkboxes(client):
    """Search results: a checkbox per guide and per occupation, all in one GET form."""
    html = client.get("/guides/?q=nurse").content.decode()
    assert '<form id="compare-form" class="compare-bar" action="/compare/" method="get">' in html
    pick = '<input type="checkbox" name="c" value="{}" form="compare-form">'
    assert pick.format("registered-nurse") in html
    assert pick.format("29-1141") in html  # the occupation Registered Nurses
    html = client.get("/guides/").content.decode()
    assert pick.format("medical-manager") in html


def test_occupation_list_offers_compare_checkboxes(client):
    """The occupation list: a checkbox per occupation, in the column headed Compare."""
    html = client.get("/occupations/?q=data").content.decode()
    assert '<input type="checkbox" name="c" value="15-2051" form="compare-form">' in html
    assert 'id="compare-form"' in html


def test_guide_page_offers_compare_with_its_related_roles(client):
    """A guide's page: its related roles as checkboxes in a form that sends the guide too."""
    html = client.get("/guides/medical-manager/?state=ca").content.decode()
    form = html[html.index('<form class="compare-with"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="c" value="medical-manager">' in form
    assert '<input type="hidden" name="state" value="ca">' in form
    assert '<input type="checkbox" name="c" value="registered-nurse">' in form
