"""The imported BLS projections and O*NET data where guides and occupations are compared and
served: the compare page, the API, the editorial guides' pages and the content checks."""

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command

from guides.checks import check_guide
from guides.models import Guide
from guides.occupations.models import OnetOccupation, Projection
from guides.projections import guide_projection, outlook

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("real_wages", "real_occupations", "shipped_guides"),
]
ONET_CREDIT = "This site includes information from the O*NET 29.3 Database"


def words(response):
    assert response.status_code == 200
    html = response.content.decode()
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def row(text, heading, until):
    """The words of a facts-table row, from its heading to the next one's."""
    return text.split(heading, 1)[1].split(until, 1)[0]


def test_compare_shows_every_items_outlook_and_o_net_skills(client):
    text = words(client.get("/compare/?c=medical-manager&c=registered-nurse&c=15-2051"))
    growth = row(text, "Projected growth, 2024–34", "Projected change in jobs")
    # Each item's projection, in the items' order: medical managers, RNs, data scientists.
    assert re.findall(r"(\d+\.\d)% \(all occupations: 3\.1%\)", growth) == ["23.2", "4.9", "33.5"]
    assert "No guide" not in growth
    openings = row(text, "Openings a year", "Typical entry-level education")
    assert re.findall(r"([\d,]+) a year on average", openings) == ["62,100", "189,100", "23,400"]
    education = row(text, "Typical entry-level education", "Work experience")
    assert education.count("Bachelor's degree") == 3
    # The guide's own hand-typed figure stays, labelled.
    assert "The guide's own figure: 18%" in growth
    skills = text.split("Top skills they share", 1)[1].split("Skills the guides list", 1)[0]
    assert "Critical Thinking" in skills and "Complex Problem Solving" in skills
    assert (
        "O*NET rates its specialties: Business Intelligence Analysts, Clinical Data Managers"
        in skills
    )
    assert ONET_CREDIT in text


def test_compare_says_so_where_bls_projects_no_occupation(client):
    Projection.objects.filter(soc="15-2051").delete()  # undone with the test's transaction
    text = words(client.get("/compare/?c=13-1020&c=15-2051"))
    assert "No BLS projection for this occupation" in text


def test_the_api_returns_projection_education_skills_and_tasks(client):
    data = client.get("/api/v1/occupations/15-2051").json()
    projection = data["projection"]
    assert projection["release"] == "EP 2024–34"
    assert (projection["employment"], projection["employment_projected"]) == (245900, 328300)
    assert (projection["change_percent"], projection["openings_a_year"]) == (33.5, 23400)
    assert projection["entry_education"] == "Bachelor's degree"
    onet = data["onet"]
    assert onet["code"] == "15-2051.00" and onet["title"] == "Data Scientists"
    assert onet["tasks"] and onet["skills"] and onet["knowledge"]
    assert onet["ratings_from_specialties"] == [
        "Business Intelligence Analysts",
        "Clinical Data Managers",
    ]
    importance = [skill["importance"] for skill in onet["skills"]]
    assert importance == sorted(importance, reverse=True)
    sources = {source["name"]: source["terms"] for source in data["licence"]["sources"]}
    assert any(ONET_CREDIT in terms for terms in sources.values())
    assert "U.S. Bureau of Labor Statistics, Employment Projections" in sources
    nurse = client.get("/api/v1/occupations/29-1141").json()["projection"]
    assert nurse["change_percent"] == 4.9 and nurse["openings_a_year"] == 189100
    listed = client.get("/api/v1/occupations", {"q": "CPA"}).json()
    assert [item["code"] for item in listed["results"]] == ["13-2011"]
    assert listed["results"][0]["entry_education"] == "Bachelor's degree"


def test_the_api_says_null_where_the_data_has_nothing(client):
    Projection.objects.filter(soc="15-2051").delete()  # undone with the test's transaction
    OnetOccupation.objects.filter(soc="15-2051").delete()
    data = client.get("/api/v1/occupations/15-2051").json()
    assert data["projection"] is None and data["onet"] is None
    assert (
        client.get("/api/v1/occupations", {"q": "15-2051"}).json()["results"][0]["growth_percent"]
        is None
    )


def test_the_seed_guide_shows_the_2024_34_projection_beside_its_own_figures(client):
    text = words(client.get("/guides/medical-manager/"))
    glance = text.split("At a glance", 2)[2].split("Salary", 1)[0]
    assert "Projected growth 23% 23.2% over 2024–34 · all occupations 3.1%" in glance
    assert "about 62,100 openings a year" in glance
    assert "This guide's own figure: 18%" in glance
    assert "Number of jobs, 2024 616,200 (this guide: 562,700 in 2023)" in glance
    outlook = text.split("Job outlook and related roles", 2)[2]
    assert "616,200 in 2024 → 759,100 in 2034" in outlook
    assert "Projected change in jobs +142,900" in outlook
    assert "This guide's own figures" in outlook


def test_projection_period_ended_flags_go_away_where_the_data_is_current(client):
    """Registered Nurse's own figure is for 2022-32 (ended): the page shows EP 2024–34 instead."""
    text = words(client.get("/guides/registered-nurse/"))
    assert "Projection period ended" not in text
    assert "4.9% over 2024–34" in text
    cards = words(client.get("/guides/", {"sort": "growth"}))
    assert "period ended" not in cards


def test_lists_use_the_current_projection(client):
    guides = Guide.objects.published().annotate(**outlook())
    nurse = guides.get(slug="registered-nurse")
    assert (nurse.projected_growth, nurse.shown_growth) == (
        nurse.projected_growth,
        nurse.projected_growth,
    )
    assert str(nurse.projected_growth) == "4.9"
    # Nurse practitioner's main code is the one with the most jobs (29-1171).
    assert guide_projection("29-1151; 29-1161; 29-1171").soc == "29-1171"


def test_content_checks_compare_hand_typed_figures_with_the_data():
    data = {
        "slug": "medical-manager",
        "occupation_code": "11-9111",
        "growth_percent": 18,
        "employment": 562700,
        "employment_year": 2023,
        "entry_education": "Master's degree",
        "growth_period": "2014-24",
    }
    findings = {(f.field, f.rule) for f in check_guide(data, guide_projection)}
    assert ("growth_percent", "data-disagrees") in findings
    assert ("employment", "data-disagrees") in findings
    assert ("entry_education", "data-disagrees") in findings
    # The page shows the current projection, so the ended period is no longer flagged...
    assert ("growth_period", "projection-ended") not in findings
    # ...but is for a guide whose code has no projection.
    findings = {
        (f.field, f.rule) for f in check_guide({**data, "occupation_code": ""}, guide_projection)
    }
    assert ("growth_period", "projection-ended") in findings
    # Figures that agree with the data (within BLS's rounding) pass.
    agreeing = {
        "slug": "medical-manager",
        "occupation_code": "11-9111",
        "growth_percent": 23.2,
        "growth_period": "2024-34",
        "employment": 616200,
        "employment_year": 2024,
        "employment_change": 142900,
        "entry_education": "Bachelor's degree",
    }
    assert not [f for f in check_guide(agreeing, guide_projection) if f.rule == "data-disagrees"]


def test_check_guides_warns_on_the_shipped_guides_without_failing():
    out = StringIO()
    call_command("check_guides", "--db", stdout=out, stderr=StringIO())
    report = out.getvalue()
    assert "guide 'medical-manager': growth_percent: data-disagrees" in report
    assert "projection-ended" not in report
