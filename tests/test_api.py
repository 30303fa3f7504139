"""The read-only JSON API (/api/v1/): every endpoint, its filters, 400s and 404s, only published
guides, the OpenAPI document's validity, ETag and 304, CORS, the licence block and no cookies."""

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate

from guides.fixture_format import saved_guide_to_data
from guides.models import Guide
from guides.page_cache import CACHE_CONTROL

from .factories import make_catalogue, make_full_guide, make_guide

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture(scope="module", autouse=True)
def wages(django_db_setup, django_db_blocker, wages_subset):
    """A few occupations of the real OEWS release (11-9111, 15-1252, 15-2051, 27-2011,
    29-1211), imported once for the module."""
    from guides.wages.models import Release

    with django_db_blocker.unblock():
        call_command("import_wages", "--from", str(wages_subset), verbosity=0)
    yield
    with django_db_blocker.unblock():
        Release.objects.all().delete()


def get(client, path, **headers):
    return client.get(API + path, headers=headers)


def ok(client, path):
    response = get(client, path)
    assert response.status_code == 200, response.content
    return response.json()


def problem(client, path, status):
    response = get(client, path)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()["detail"]


def slugs(data):
    return [guide["slug"] for guide in data["results"]]


def test_openapi_document_is_valid_and_lists_every_endpoint(client):
    document = ok(client, "openapi.json")
    validate(document)
    assert set(document["paths"]) == {
        "/api/v1/guides",
        "/api/v1/guides/{slug}",
        "/api/v1/occupations",
        "/api/v1/occupations/{soc}",
        "/api/v1/occupations/{soc}/wages",
    }
    assert document["info"]["license"]["name"] == "CC BY 4.0"
    # The catalogue's filters are documented, with their choices.
    parameters = {p["name"]: p for p in document["paths"]["/api/v1/guides"]["get"]["parameters"]}
    assert {"q", "category", "demand", "pay_min", "sort", "page", "per_page"} <= set(parameters)
    assert "high" in parameters["demand"]["description"]
    # Errors are documented as 400 and 404, not ninja's 422.
    responses = document["paths"]["/api/v1/occupations/{soc}/wages"]["get"]["responses"]
    assert set(responses) == {"200", "400", "404"}


def test_index_links_every_part(client):
    data = ok(client, "")
    assert data["guides"] == "http://testserver/api/v1/guides"
    assert data["docs"] == "http://testserver/api/v1/docs"


def test_guides_lists_only_published_guides(client):
    make_catalogue()
    make_guide(title="Secret draft", slug="secret-draft", status=Guide.Status.DRAFT)
    data = ok(client, "guides")
    assert data["count"] == 8
    assert "secret-draft" not in slugs(data)
    first = data["results"][0]
    assert first["slug"] == "lawyer"  # by name
    assert first["category"] == {"slug": "legal", "name": "Legal"}
    assert first["median_pay"] == 145_760
    assert first["url"] == "http://testserver/guides/lawyer/"
    assert first["api_url"] == "http://testserver/api/v1/guides/lawyer"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("category=legal", ["lawyer", "paralegal"]),
        ("demand=low", ["paralegal"]),
        ("remote=remote-friendly", ["software-developer"]),
        ("education=Master%27s+degree", ["nurse-practitioner", "speech-pathologist"]),
        ("pay_min=130000&sort=pay", ["lawyer", "pharmacist", "software-developer"]),
        ("pay_max=61000", ["paralegal"]),
        ("growth_min=40", ["nurse-practitioner"]),
        ("q=attorney", ["lawyer"]),
        # The catalogue ranks occupations among the guides it finds; the guides API lists guides.
        ("q=managers", ["medical-manager"]),
        ("category=healthcare&sort=growth&per_page=2", ["nurse-practitioner", "medical-manager"]),
    ],
)
def test_guides_take_the_catalogues_filters(client, query, expected):
    make_catalogue()
    assert slugs(ok(client, f"guides?{query}")) == expected


def test_guides_are_paginated_with_links(client):
    make_catalogue()
    first = ok(client, "guides?per_page=3")
    assert (first["count"], first["pages"], first["per_page"]) == (8, 3, 3)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/guides?per_page=3&page=2"
    last = ok(client, "guides?per_page=3&page=3")
    assert len(last["results"]) == 2 and last["next"] is None
    assert problem(client, "guides?page=4&per_page=3", 404) == (
        "There is no page 4: 8 items make 3 pages of 3."
    )


@pytest.mark.parametrize(
    "query, message",
    [
        ("demand=urgent", "Market demand: Select a valid choice."),
        ("category=nowhere", "Category: Select a valid choice."),
        ("pay_min=lots", "Median pay from (USD a year): Enter a whole number."),
        ("growth_min=900", "Projected growth at least (%): Ensure this value is less than"),
        ("sort=random", "Sort by: Select a valid choice."),
        ("page=0", "page: Input should be greater than or equal to 1."),
        ("page=two", "page: Input should be a valid integer"),
        ("per_page=101", "per_page: Input should be less than or equal to 100."),
        ("catgory=legal", "Unknown parameter catgory. This endpoint takes: q, category,"),
    ],
)
def test_bad_guide_parameters_are_400s_in_words(client, query, message):
    make_catalogue()
    assert problem(client, f"guides?{query}", 400).startswith(message)


def test_one_guide_has_every_section_as_data_and_html(client):
    guide = make_full_guide(slug="clinic-manager")
    guide.overview = "Clinic managers *run* clinics."
    guide.work_setting = "Offices <script>alert(1)</script> and [wards](javascript:alert(1))."
    guide.save()  # renders the Markdown into guide.html, which the API serves
    data = ok(client, "guides/clinic-manager")
    guide.refresh_from_db()
    assert data["data"] == saved_guide_to_data(
        Guide.objects.select_related("category").get(pk=guide.pk)
    )
    assert data["data"]["overview"] == "Clinic managers *run* clinics."
    assert data["html"]["overview"] == "<p>Clinic managers <em>run</em> clinics.</p>"
    assert "<script" not in data["html"]["work_setting"]
    assert "javascript" not in data["html"]["work_setting"]
    assert data["html"]["faqs"][0]["answer"].startswith("<p>")
    assert data["sections"][0]["anchor"] == "at-a-glance"
    assert "entry_education" in data["sections"][0]["keys"]
    assert data["occupations"] == [
        {"code": "11-9111", "api_url": "http://testserver/api/v1/occupations/11-9111"}
    ]
    assert data["median_pay"] is not None  # the OEWS national median


def test_drafts_and_unknown_guides_are_404s(client):
    make_guide(slug="a-draft", status=Guide.Status.DRAFT)
    assert problem(client, "guides/a-draft", 404) == "No Guide matches the given query."
    assert problem(client, "guides/nothing-here", 404) == "No Guide matches the given query."
    assert problem(client, "guides/a-draft?state=ca", 400) == (
        "Unknown parameter state. This endpoint takes no parameters."
    )


def test_occupations_list_search_and_levels(client):
    data = ok(client, "occupations")
    assert data["release"]["name"] == "May 2025"
    assert [o["code"] for o in data["results"]] == [
        "11-9111",
        "15-1252",
        "15-2051",
        "27-2011",
        "29-1211",
    ]
    found = ok(client, "occupations?q=data+scientists")["results"]
    assert [(o["code"], o["name"]) for o in found] == [("15-2051", "Data Scientists")]
    assert found[0]["url"] == "http://testserver/occupations/15-2051/"
    majors = ok(client, "occupations?level=major")["results"]
    assert "11-0000" in [o["code"] for o in majors]
    assert problem(client, "occupations?level=tiny", 400).startswith("level: “tiny” is not one")
    assert problem(client, "occupations?area=ca", 400).startswith("Unknown parameter area.")


def test_one_occupation_with_its_national_estimate(client):
    data = ok(client, "occupations/11-9111")
    assert data["name"] == "Medical and Health Services Managers"
    assert data["parent"].startswith("11-")  # its SOC group
    assert data["national"]["area"]["kind"] == "National"
    assert data["national"]["figures"]["annual_median"] > 100_000
    assert data["wages_url"] == "http://testserver/api/v1/occupations/11-9111/wages"
    assert problem(client, "occupations/11-1011", 404) == (
        "There is no occupation 11-1011 in OEWS May 2025."
    )
    assert (
        problem(client, "occupations/119111", 400)
        == "“119111” is not a SOC code: write it as 11-9111."
    )


def test_wages_by_area(client):
    from guides.wages.models import Area

    national = ok(client, "occupations/11-9111/wages")["estimate"]
    assert national["area"]["kind"] == "National"
    assert ok(client, "occupations/11-9111/wages?area=US")["estimate"] == national
    state = ok(client, "occupations/11-9111/wages?area=ca")["estimate"]
    assert state["area"] == {
        "code": "0600000",
        "kind": "State",
        "name": "California",
        "states": ["CA"],
    }
    metro = Area.objects.get(code="0031080")  # Los Angeles
    for code in ("31080", "0031080"):
        data = ok(client, f"occupations/11-9111/wages?area={code}")
        assert data["estimate"]["area"]["name"] == metro.name
    # Footnotes name why a figure is missing: actors are paid by the hour only.
    actors = ok(client, "occupations/27-2011/wages")["estimate"]
    assert actors["figures"]["annual_median"] is None
    assert actors["footnotes"]["annual_median"]["code"] == "4"
    assert actors["footnotes"]["annual_median"]["text"]


@pytest.mark.parametrize(
    "query, status, message",
    [
        ("area=zz", 404, "No state or territory has the postal code “zz”."),
        ("area=99999", 404, "There is no area “99999” in OEWS May 2025."),
        ("area=los-angeles", 400, "area: “los-angeles” is not us, a state's postal code"),
        ("area=x1", 400, "area: “x1” is not us"),
        ("state=ca", 400, "Unknown parameter state."),
    ],
)
def test_bad_or_unknown_areas(client, query, status, message):
    assert problem(client, f"occupations/11-9111/wages?{query}", status).startswith(message)


def test_unknown_addresses_under_the_api_are_json_404s(client):
    assert problem(client, "nothing/here", 404).startswith("There is no /api/v1/nothing/here.")


EVERY_RESPONSE = [
    ("", 200),
    ("openapi.json", 200),
    ("guides", 200),
    ("guides/clinic-manager", 200),
    ("occupations", 200),
    ("occupations/11-9111", 200),
    ("occupations/11-9111/wages?area=ca", 200),
    ("guides?demand=urgent", 400),
    ("guides/nothing", 404),
    ("occupations/11-9111/wages?area=zz", 404),
    ("nothing", 404),
]


@pytest.mark.parametrize("path, status", EVERY_RESPONSE)
def test_every_response_has_licence_no_cookies_and_cors(client, path, status):
    make_full_guide(slug="clinic-manager")
    response = get(client, path, origin="https://school.example")
    assert response.status_code == status
    body = response.json()
    licence = body["x-licence"] if path == "openapi.json" else body["licence"]
    assert licence["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Bureau of Labor Statistics" in licence["sources"][0]["name"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["guides", "guides/clinic-manager", "occupations/11-9111/wages"])
def test_etag_gives_304_and_caching_headers(client, path):
    make_full_guide(slug="clinic-manager")
    first = get(client, path)
    assert first["Cache-Control"] == CACHE_CONTROL
    etag = first["ETag"]
    again = get(client, path, if_none_match=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert get(client, path, if_none_match='"stale"').status_code == 200


def test_an_edit_changes_the_etag(client):
    guide = make_full_guide(slug="clinic-manager")
    etag = get(client, "guides/clinic-manager")["ETag"]
    guide.overview = "Rewritten."
    guide.save()
    response = get(client, "guides/clinic-manager", if_none_match=etag)
    assert response.status_code == 200
    assert response.json()["data"]["overview"] == "Rewritten."


def test_errors_are_not_cached(client):
    response = get(client, "guides/nothing")
    assert response["Cache-Control"] == "no-cache"
    assert not response.has_header("ETag")


def test_cors_preflight_allows_revalidation_from_any_site(client):
    response = client.options(
        API + "guides",
        headers={
            "origin": "https://school.example",
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match",
        },
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert "POST" not in response["Access-Control-Allow-Methods"]
    assert (
        get(client, "guides", origin="https://school.example")["Access-Control-Expose-Headers"]
        == "ETag"
    )
    # The site's own pages do not open up.
    assert not client.get("/guides/", headers={"origin": "https://school.example"}).has_header(
        "Access-Control-Allow-Origin"
    )


def test_docs_page_is_made_from_the_openapi_document(client):
    response = client.get(API + "docs")
    assert response.status_code == 200
    page = response.content.decode()
    for path in ok(client, "openapi.json")["paths"]:
        assert f"GET {path}</code>" in page
    assert '<a href="/api/v1/occupations/11-9111/wages?area=ca">' in page
    assert "<script" not in page.split("</header>")[1]
    assert "CC BY 4.0" in page
    assert not response.cookies
