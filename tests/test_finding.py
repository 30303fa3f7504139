"""Finding occupations: the site's search over O*NET alternate titles and descriptions, ranked
with the guides by the documented rule; the /occupations/ catalogue's filters, sorting, strong
outlook rule and bad input. Expected sets are computed here from the imported rows."""

import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.finding.index import rebuild
from guides.finding.models import OccupationEntry
from guides.occupations.models import ALL_OCCUPATIONS, AlternateTitle, Projection
from guides.wages.models import Area, Estimate, Occupation, Release

from .conftest import no_statement_timeout

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("real_wages", "real_occupations", "shipped_guides"),
]


def search(client, query, **params):
    response = client.get("/guides/", {"q": query, **params})
    assert response.status_code == 200
    return response


def found(response):
    """The page's results as (kind, slug or SOC code), in order."""
    return [
        ("occupation", item.code)
        if getattr(item, "kind", "guide") == "occupation"
        else ("guide", item.slug)
        for item in response.context["guides"]
    ]


def oews_codes():
    release = Release.objects.current()
    return set(
        Occupation.objects.filter(release=release, level=Occupation.Level.DETAILED)
        .exclude(code="00-0000")
        .values_list("code", flat=True)
    )


def listed(client, **params):
    """Every SOC code the catalogue lists for these parameters (all pages), in order."""
    response = client.get("/occupations/", params)
    assert response.status_code == 200
    rows = response.context["page_obj"].paginator.object_list
    return response, [row.occupation.code for row in rows]


@pytest.mark.parametrize(
    "query, soc",
    [
        ("CPA", "13-2011"),
        ("RN", "29-1141"),
        ("line cook", "35-2014"),
        ("Grill Line Cook", "35-2011"),
    ],
)
def test_everyday_titles_find_their_occupation(client, query, soc):
    """O*NET's alternate titles and short titles find the occupation, near the top."""
    assert ("occupation", soc) in found(search(client, query))[:6]


def test_a_random_alternate_title_finds_its_occupation(client):
    """Any alternate title of an occupation with a page, chosen afresh each run, finds it."""
    codes = oews_codes()
    titles = list(
        AlternateTitle.objects.filter(occupation__soc__in=codes).values_list(
            "title", "occupation__soc"
        )
    )
    for title, soc in random.sample(titles, 5):
        _, listed_codes = listed(client, q=title)
        assert soc in listed_codes, title
        response = search(client, title)
        assert response.context["page_obj"].paginator.count >= 1, title


def test_descriptions_are_searched(client):
    """A phrase only in O*NET's description ("nursing care plans") finds Registered Nurses."""
    assert ("occupation", "29-1141") in found(search(client, "nursing care plans"))


def test_an_exact_name_ranks_first_then_guides_before_occupations_within_a_tier(client):
    """Tier 3, the query is a name: the guide titled "Registered Nurse" and the occupation whose
    alternate title it is come first, the guide before the occupation; an occupation matched
    only by its description comes after every name match."""
    results = found(search(client, "registered nurse"))
    assert results[:2] == [("guide", "registered-nurse"), ("occupation", "29-1141")]
    # "CPA" is no guide's name: the occupation it names outranks the Accountant guide, whose
    # text alone mentions it.
    results = found(search(client, "CPA"))
    assert results[0] == ("occupation", "13-2011")


def test_a_guide_only_filter_lists_guides_alone_and_shared_filters_narrow_both(client):
    response = search(client, "nurse", category="healthcare")
    assert {kind for kind, _ in found(response)} == {"guide"}
    response = search(client, "nurse", pay_min=100000)
    items = response.context["guides"]
    assert any(item.kind == "occupation" for item in items)
    for item in items:
        pay = item.national_median if item.kind == "occupation" else item.headline_median
        assert pay is not None and pay >= 100000


def test_typos_are_corrected_for_occupations_too(client):
    assert ("occupation", "29-1141") in found(search(client, "registerd nurce"))


def test_search_entries_follow_the_imports():
    """The import rebuilt the entries: one per occupation page, O*NET's names in them."""
    assert OccupationEntry.objects.count() == len(oews_codes())
    entry = OccupationEntry.objects.get(
        occupation__code="13-2011", occupation__release=Release.objects.current()
    )
    # Names as stemmed words: "CPA" (a short title), "Certified Public Accountant (CPA)".
    assert "cpa" in entry.exact_names and "account certifi public" in entry.exact_names
    OccupationEntry.objects.all().delete()
    with no_statement_timeout():  # as in the imports, which rebuild it (3 s here)
        rebuild()
    assert OccupationEntry.objects.count() == len(oews_codes())


def test_a_search_costs_a_fixed_number_of_queries(client):
    search(client, "nurse", sort="name")  # the filters' HTML is kept after the first search
    counts = []
    for query in ("nurse", "CPA", "manager"):
        with CaptureQueriesContext(connection) as queries:
            search(client, query)
        counts.append(len(queries))
    # Guides and occupations on the page: count, page of ids, guides, occupations, and the
    # page cache's and wage release's lookups; "nurse" also asks for the spelling check.
    assert max(counts) <= 8, counts


# The catalogue


def projections():
    return {
        row.soc: row for row in Projection.objects.current().filter(kind=Projection.Kind.DETAILED)
    }


def test_the_strong_outlook_rule_selects_exactly_its_occupations(client):
    """Growth at least twice the all-occupation average and at least 5,000 openings a year,
    computed here from the imported rows, and stated on the page."""
    average = Projection.objects.current().get(soc=ALL_OCCUPATIONS).change_percent
    assert average == Decimal("3.1")
    expected = {
        soc
        for soc, row in projections().items()
        if soc in oews_codes() and row.change_percent >= 2 * average and row.openings * 1000 >= 5000
    }
    response, codes = listed(client, strong="on")
    assert set(codes) == expected and len(codes) == len(expected)
    html = response.content.decode()
    assert (
        "growth of at least 6.2% over 2024–34 (twice the 3.1% average of all occupations) "
        "and at least 5,000 openings a year" in " ".join(html.split())
    )


def test_filters_select_exactly_the_right_occupations(client):
    rows = projections()
    national = {
        estimate.occupation.code: estimate.annual_median
        for estimate in Estimate.objects.filter(
            release=Release.objects.current(), area__kind=Area.Kind.NATIONAL
        ).select_related("occupation")
    }
    codes = oews_codes()
    _, got = listed(client, education="Bachelor's degree")
    assert set(got) == {c for c in codes if c in rows and rows[c].education == "Bachelor's degree"}
    _, got = listed(client, growth_min="10", pay_min="100000", openings_min="10000")
    assert set(got) == {
        c
        for c in codes
        if c in rows
        and rows[c].change_percent >= 10
        and rows[c].openings * 1000 >= 10000
        and (national.get(c) or 0) >= 100000
    }
    _, got = listed(client, group="29")
    assert set(got) == {c for c in codes if c.startswith("29-")}
    _, got = listed(client, q="15-2051")
    assert got == ["15-2051"]


def test_sorting_and_paging(client):
    _, got = listed(client, sort="growth")
    rows = projections()
    growth = [rows[c].change_percent for c in got if c in rows]
    assert growth == sorted(growth, reverse=True)
    assert all(c not in rows for c in got[len(growth) :])  # no projection: last
    response = client.get("/occupations/", {"page": "2"})
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 50


def test_the_default_view_groups_by_major_group_with_headings(client):
    html = client.get("/occupations/").content.decode()
    assert "Management Occupations" in html and "11-0000" in html
    Projection.objects.filter(soc="15-2051").delete()  # undone with the test's transaction
    assert "No projection" in client.get("/occupations/", {"q": "15-2051"}).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "nurse\x00"},
        {"q": "x" * 10_000},
        {"group": "\x00"},
        {"pay_min": "lots", "growth_min": "1e400", "openings_min": "-5"},
        {"sort": "../../etc", "page": "\x00"},
        {"strong": "\x00", "education": "x" * 10_000},
    ],
)
def test_odd_query_strings_get_a_clear_page(client, params):
    """Never a 500: a NUL anywhere is refused with the site's 400 page saying why (guides.ops);
    any other bad value is named on the page, ignored, and the rest applies."""
    for path in ("/occupations/", "/guides/"):
        response = client.get(path, params)
        html = response.content.decode()
        if any("\x00" in value for value in params.values()):
            assert response.status_code == 400 and "NUL" in html, path
            continue
        assert response.status_code == 200, path
        if path == "/occupations/" and params.keys() & {"q", "pay_min", "education"}:
            assert "This filter was ignored." in html


def test_the_catalogue_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/occupations/", {"strong": "on", "sort": "pay", "page": "2"})
