"""The occupation page as a guide: the BLS projection and the O*NET profile of every occupation,
checked against the committed extracts (the files, not the import), the cells listed in
../shared/data/occupations-data.md, and a sample of occupations drawn afresh each run."""

import csv
import gzip
import html as html_lib
import json
import random
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.occupations.extracts import FOLDER
from guides.occupations.models import OnetOccupation, Projection, Task, Technology
from guides.wages.models import IndustryEstimate, Occupation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_wages", "real_occupations")]

# occupations-data.md, Table 1.2: growth %, openings a year (thousands), entry education,
# related work experience, on-the-job training.
CELLS = {
    "11-9111": ("23.2", "62,100", "Bachelor's degree", "Less than 5 years", "None"),
    "29-1141": ("4.9", "189,100", "Bachelor's degree", "None", "None"),
    "15-1252": ("15.8", "115,200", "Bachelor's degree", "None", "None"),
    "47-2111": ("9.5", "81,000", "High school diploma or equivalent", "None", "Apprenticeship"),
    "13-2011": ("4.6", "124,200", "Bachelor's degree", "None", "None"),
}
ATTRIBUTION = (
    "This site includes information from the O*NET 29.3 Database by the U.S. Department of Labor,"
    " Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license."
    " O*NET® is a trademark of USDOL/ETA."
)
# The page's query budget, whatever the occupation: versions, wage release, occupation, its
# estimates, guides; projections; O*NET occupations, then tasks, ratings, technology, titles,
# related occupations, education shares; the related occupations' pay and growth; industries.
QUERIES = 16


def tasks_as_shown(tasks, core=True):
    """The tasks as a reader meets them: the first few, then the rest behind "All N core tasks"."""
    shown, kind = " ".join(tasks[:6]), "core tasks" if core else "tasks"
    return f"{shown} All {len(tasks)} {kind} {' '.join(tasks[6:])}" if tasks[6:] else shown


def signed(percent):
    return f"{'+' if percent > 0 else '−' if percent < 0 else ''}{abs(percent):.1f}%"


def page(client, soc):
    response = client.get(f"/occupations/{soc}/")
    assert response.status_code == 200, soc
    return response.content.decode()


def words(html):
    """What a reader sees: no tags, entities decoded, whitespace collapsed."""
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def extract(name):
    with gzip.open(FOLDER / name, "rt", encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


@pytest.fixture(scope="module")
def onet_files():
    """(description by O*NET-SOC code, (core?, tasks) by code in file order) from the extracts:
    the core tasks, or where O*NET rated none (software developers), all but the supplemental."""
    descriptions = {
        row["O*NET-SOC Code"]: row["Description"] for row in extract("onet-occupation-data.csv.gz")
    }
    by_kind = {}
    for row in extract("onet-task-statements.csv.gz"):
        kinds = by_kind.setdefault(row["O*NET-SOC Code"], {})
        kinds.setdefault(row["Task Type"], []).append(row["Task"])
    tasks = {
        code: (True, k["Core"]) if "Core" in k else (False, k.get("", []))
        for code, k in by_kind.items()
    }
    return descriptions, tasks


@pytest.mark.parametrize("soc", CELLS)
def test_cells_of_the_data_notes_show_as_published(client, soc, onet_files):
    """Growth, openings, entry education, experience and training as in Table 1.2; the O*NET
    description and every core task word for word, the first few in view, the rest in order."""
    growth, openings, education, experience, training = CELLS[soc]
    text = words(page(client, soc))
    assert f"+{growth}%" in text
    assert f"Openings a year {openings}" in text
    assert f"Typical entry education {education}" in text
    assert f"Typical education to enter {education}" in text
    assert f"Work experience in a related occupation {experience}" in text
    assert f"On-the-job training once hired {training}" in text
    assert "all occupations +3.1%" in text
    descriptions, tasks = onet_files
    assert f"What they do {descriptions[soc + '.00']}" in text
    core, listed = tasks[soc + ".00"]
    assert tasks_as_shown(listed, core) in text  # all of them, in O*NET's order
    assert ATTRIBUTION in text


def test_a_sample_drawn_each_run_matches_the_imported_rows(client):
    """Occupations chosen at random (the seed is printed, so a failure can be replayed): growth,
    openings and education from the projection, O*NET's description and core tasks, or the
    sentence saying the data has none."""
    seed = int(time.time())
    print(f"sample seed: {seed}")
    codes = sorted(
        Occupation.objects.filter(level=Occupation.Level.DETAILED).values_list("code", flat=True)
    )
    for soc in random.Random(seed).sample(codes, 8):
        text = words(page(client, soc))
        projection = Projection.objects.current().filter(soc=soc).first()
        if projection:
            assert signed(projection.change_percent) in text, soc
            assert f"Openings a year {int(projection.openings * 1000):,}" in text, soc
            assert f"Typical entry education {projection.education}" in text, soc
        else:
            assert "No projection" in text, soc
        onet = OnetOccupation.objects.current().filter(code=f"{soc}.00").first()
        if onet is None:
            assert "does not describe" in text, soc
            continue
        assert onet.description in text, soc
        core = list(onet.tasks.filter(kind=Task.Kind.CORE).values_list("text", flat=True))
        unrated = list(onet.tasks.filter(kind="").values_list("text", flat=True))
        if core or unrated:
            assert tasks_as_shown(core or unrated, bool(core)) in text, soc
        elif not onet.tasks.exists():
            assert "lists no tasks for this occupation" in text, soc


def test_an_occupation_without_a_projection_says_so(client):
    """Every OEWS May 2025 code has a projection (BLS projects aggregates such as 13-1020 under
    the same codes), so a release without one is made by removing its row: the strip and the
    outlook say so, with no zero in its place."""
    Projection.objects.current().filter(soc="13-1020").delete()
    text = words(page(client, "13-1020"))
    assert "Projected growth No projection" in text
    assert "Openings a year No projection" in text
    assert "have no projection for buyers and purchasing agents on their own" in text
    assert "give no entry requirements for this occupation" in text
    assert "+0.0%" not in text and "Openings a year 0" not in text


def test_an_all_other_occupation_says_o_net_has_no_profile(client):
    """Managers, All Other: O*NET describes it by what it is not and lists no tasks, skills or
    tools; the page says so and lists the specialties O*NET does profile within it."""
    text = words(page(client, "11-9199"))
    assert "All managers not listed separately." in text
    assert "lists no tasks for this occupation" in text
    assert "rates no skills or knowledge for this occupation" in text
    assert "Regulatory Affairs Managers" in text  # 11-9199.01, a specialty
    assert ATTRIBUTION in text


def test_an_occupation_o_net_does_not_describe_says_so(client):
    """21-1018 (an OEWS aggregate of counsellors) has no O*NET occupation: no attribution, and
    a sentence in each O*NET part instead of an empty heading."""
    text = words(page(client, "21-1018"))
    assert "does not describe substance abuse" in text
    assert "no skills, knowledge or tools to show" in text
    assert "O*NET lists no related occupations" in text
    assert "O*NET has no interest profile" in text
    assert ATTRIBUTION not in text


def test_related_occupations_have_pay_growth_and_a_compare_link(client):
    """O*NET's ranked list for electricians, as SOC pages with OEWS pay and EP growth."""
    html = page(client, "47-2111")
    table = html[html.index('id="related-heading"') : html.index('id="interests-heading"')]
    first = re.search(r"<tr><th scope=\"row\"><a href=\"/occupations/(\S+)/\">([^<]+)</a>", table)
    assert first.groups() == ("27-4015", "Lighting Technicians")
    assert "/compare/?c=47-2111&amp;c=27-4015" in table
    lighting = Occupation.objects.get(code="27-4015")
    assert f"${lighting.national_median:,}" in words(table)
    assert "−4.6%" in words(table)  # Table 1.2's change for 27-4015
    assert "51-2022" not in table  # inside the OEWS aggregate 51-2028: no page of its own


def test_who_employs_them_lists_the_industries_with_most_jobs_and_their_pay(client):
    """Registered nurses: the NAICS 3-digit industries with the most of them, in order, with
    their jobs, share of all registered nurses and median pay (OEWS industry estimates)."""
    html = page(client, "29-1141")
    section = words(
        html[html.index('id="industries-heading"') : html.index('id="related-heading"')]
    )
    nurses = Occupation.objects.get(code="29-1141")
    top = list(IndustryEstimate.objects.top_employers(nurses)[:8])
    rows = [
        f"{e.industry.name} {e.employment:,} {e.employment * 100 / nurses.national_employment:.0f}%"
        f" ${e.annual_median:,}"
        for e in top[:7]  # the eighth is "under 1%"
    ]
    assert " ".join(rows) in section
    assert rows[0].startswith("Hospitals 2,020,230 60% $100,220")
    assert f"{top[7].industry.name} {top[7].employment:,} under 1%" in section


@pytest.mark.parametrize("soc", ["47-2111", "15-1252", "11-9199", "21-1018"])
def test_page_costs_a_fixed_number_of_queries(client, soc):
    """The same few queries for electricians (33 kinds of technology) and software developers
    (hundreds), fewer where O*NET has no profile; the second request is a page-cache hit."""
    with CaptureQueriesContext(connection) as queries:
        page(client, soc)
    if soc in ("47-2111", "15-1252"):
        assert len(queries) == QUERIES
    assert len(queries) <= QUERIES
    assert client.get(f"/occupations/{soc}/")["X-Page-Cache"] == "hit"


def structured(html):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(block)["@graph"][0]


def test_json_ld_occupation_says_what_the_page_says(client):
    """schema.org Occupation: SOC code, OEWS national pay, EP entry education, O*NET skills and
    core tasks."""
    data = structured(page(client, "47-2111"))
    assert data["@type"] == "Occupation"
    assert data["occupationalCategory"] == "47-2111"
    salary = data["estimatedSalary"][0]
    assert (salary["median"], salary["currency"], salary["duration"]) == (63190, "USD", "P1Y")
    assert data["educationRequirements"] == "High school diploma or equivalent"
    assert data["skills"][0] == "Troubleshooting"
    assert len(data["responsibilities"]) == 20
    assert data["description"].startswith("Install, maintain, and repair electrical wiring")


def test_json_ld_keeps_markup_in_the_data_out_of_the_page(client):
    """A description holding "</script><script>" stays data: escaped in the block, parsed back
    to the same text, and no second script opens."""
    hostile = "Wire things.</script><script>alert(1)</script> & more"
    OnetOccupation.objects.current().filter(code="47-2111.00").update(description=hostile)
    html = page(client, "47-2111")
    assert structured(html)["description"] == hostile
    assert "<script>alert(1)" not in html


def test_technology_names_are_escaped_hot_or_not(client):
    """The technology lists are made as HTML in Python (profile.technology_lists): a name holding
    markup shows as text, in bold when hot and plain when not."""
    hostile = "<img src=x onerror=alert(1)>"
    technologies = Technology.objects.filter(occupation__code="47-2111.00")
    hot, plain = technologies.filter(hot=True).first(), technologies.filter(hot=False).first()
    Technology.objects.filter(pk__in=[hot.pk, plain.pk]).update(example=hostile)
    html = page(client, "47-2111")
    assert "<img src=x" not in html
    assert "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>" in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 2
