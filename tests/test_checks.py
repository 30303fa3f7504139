"""Content checks (guides.checks): each kind of slip, built into a guide, is reported by
check_guides by guide, field and rule, from fixture files and from the database alike; errors fail
the command, warnings do not; the admin's guide page shows the same findings."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from guides.checks import ERROR, WARNING, check_guide
from guides.fixture_format import saved_guide_to_data
from guides.models import DATED_AFTER_YEARS, Certification, Source

from .admin_pages import change_url
from .factories import guide_file_data, make_guide, write_guide_file

pytestmark = pytest.mark.django_db

YEAR = timezone.now().year
BLS = "U.S. Bureau of Labor Statistics, Occupational Outlook Handbook"
BLS_PAGE = "https://www.bls.gov/ooh/management/medical-and-health-services-managers.htm"
# A projection as BLS gives it: 160,600 more jobs on 562,700 is 28.5%, shown as 29%.
AGREEING = {
    "growth_percent": 29,
    "growth_period": "2023-33",
    "growth_source": BLS,
    "growth_source_url": BLS_PAGE,
    "employment": 562_700,
    "employment_year": 2023,
    "employment_change": 160_600,
}

# (guide fields, field reported, rule, severity): one slip each.
SLIPS = [
    ({"work_experience": "See How to Become One"}, "work_experience", "placeholder", ERROR),
    ({"on_the_job_training": "TBD"}, "on_the_job_training", "placeholder", ERROR),
    ({"growth_label": "n/a."}, "growth_label", "placeholder", ERROR),
    (
        {**AGREEING, "growth_percent": 18},
        "growth_percent",
        "figures-disagree",
        ERROR,
    ),
    (
        {**AGREEING, "growth_period": ""},
        "employment_change",
        "figures-disagree",
        ERROR,
    ),
    ({**AGREEING, "employment_year": 2022}, "employment_year", "figures-disagree", ERROR),
    (
        {"growth_percent": 5, "growth_period": "ten years"},
        "growth_period",
        "period",
        ERROR,
    ),
    (
        {"growth_percent": 31, "growth_period": f"{YEAR - 12}-{(YEAR - 2) % 100:02d}"},
        "growth_period",
        "projection-ended",
        WARNING,
    ),
    ({"growth_year": YEAR - DATED_AFTER_YEARS - 1}, "growth_year", "dated", WARNING),
    ({"employment_year": YEAR - DATED_AFTER_YEARS - 1}, "employment_year", "dated", WARNING),
    (
        {"growth_source": BLS, "growth_source_url": "http://www.bls.gov/ooh/a.htm"},
        "growth_source_url",
        "url",
        ERROR,
    ),
    (
        {"growth_source": BLS, "growth_source_url": f"{BLS_PAGE}?view_full"},
        "growth_source_url",
        "url",
        ERROR,
    ),
    (
        {
            "growth_source": BLS,
            "growth_source_url": "https://www.bls.gov/oes/current/oes132011.htm/oes_47900.htm",
        },
        "growth_source_url",
        "url",
        ERROR,
    ),
    (
        {"growth_source": BLS, "growth_source_url": "https://stats.bls.gov/ooh/a.htm"},
        "growth_source_url",
        "url",
        ERROR,
    ),
]


def findings_by_name(findings):
    return {(f.guide, f.field, f.rule, f.severity) for f in findings}


@pytest.mark.parametrize("fields, field, rule, severity", SLIPS)
def test_each_slip_is_reported_by_name_from_the_database(capsys, fields, field, rule, severity):
    """`check_guides --db` names guide, field and rule; errors exit non-zero, warnings do not."""
    make_guide(slug="slipped", **fields)
    make_guide(slug="clean", **AGREEING)
    line = f"{severity}: guide 'slipped': {field}: {rule}: "
    if severity == ERROR:
        with pytest.raises(CommandError, match="1 error"):
            call_command("check_guides", "--db")
        assert line in capsys.readouterr().err
    else:
        call_command("check_guides", "--db")
        out = capsys.readouterr().out
        assert line in out and "OK: 2 guide(s) in the database valid." in out
    assert "guide 'clean'" not in "".join(capsys.readouterr())


@pytest.mark.parametrize("fields, field, rule, severity", SLIPS)
def test_each_slip_is_reported_from_a_fixture_file(tmp_path, capsys, fields, field, rule, severity):
    """The same slip in a fixture file gets the same finding, before anything is loaded."""
    path = write_guide_file(tmp_path, guide_file_data("slipped", **fields))
    if severity == ERROR:
        with pytest.raises(CommandError):
            call_command("check_guides", str(path.parent.parent))
        assert f"{severity}: guide 'slipped': {field}: {rule}: " in capsys.readouterr().err
    else:
        call_command("check_guides", str(path.parent.parent))
        assert f"{severity}: guide 'slipped': {field}: {rule}: " in capsys.readouterr().out


def test_figures_that_agree_within_rounding_pass():
    """BLS's own rounding (whole percent, hundreds of jobs) is not a disagreement."""
    for growth, jobs, change in [(29, 562_700, 160_600), (4, 144_900, 5_300), (0.5, 20_000, 100)]:
        data = {
            **AGREEING,
            "growth_percent": growth,
            "employment": jobs,
            "employment_change": change,
        }
        assert check_guide({"slug": "x", **data}) == [], (growth, jobs, change)
    data = {**AGREEING, "growth_percent": 0.5, "employment": 20_000, "employment_change": 200}
    assert findings_by_name(check_guide({"slug": "x", **data})) == {
        ("x", "growth_percent", "figures-disagree", ERROR)
    }


def test_placeholders_are_found_in_every_list_and_only_as_whole_values():
    """A placeholder in a list entry is named by its path; prose mentioning it is not flagged."""
    guide = make_guide(
        slug="lists",
        required_education='BLS points readers to its "How to Become One" section.',
    )
    Certification.objects.create(guide=guide, name="A licence", issuer="N/A")
    Source.objects.create(guide=guide, title="Lorem ipsum dolor", position=0)
    found = findings_by_name(check_guide(saved_guide_to_data(guide)))
    assert found == {
        ("lists", "certifications[0].issuer", "placeholder", ERROR),
        ("lists", "sources[0].title", "placeholder", ERROR),
    }


def test_urls_must_be_on_the_named_sources_host_others_only_plain_https():
    """A BLS source must link to www.bls.gov; another publisher's plain https address passes."""
    guide = make_guide(slug="links")
    Source.objects.create(
        guide=guide,
        title="Occupational Employment and Wages",
        publisher="U.S. Bureau of Labor Statistics",
        url="https://webharvest.gov/congress115th/20190109050018/https:/www.bls.gov/oes/a.htm",
        position=0,
    )
    Source.objects.create(
        guide=guide, title="CPA licensure", publisher="NASBA", url="https://nasba.org/", position=1
    )
    Certification.objects.create(guide=guide, name="CMA", url="https://user:pw@imanet.org/")
    found = findings_by_name(check_guide(saved_guide_to_data(guide)))
    assert found == {
        ("links", "sources[0].url", "url", ERROR),
        ("links", "certifications[0].url", "url", ERROR),
    }


def test_the_admin_shows_the_same_findings_on_the_guides_page(client, editor):
    """An editor sees each finding, with field and rule, at the top of the guide's change page."""
    guide = make_guide(**{**AGREEING, "growth_percent": 18, "work_experience": "TBD"})
    html = client.get(change_url(guide)).content.decode()
    assert "Content checks" in html
    assert "growth_percent · figures-disagree" in html
    assert "work_experience · placeholder" in html
    clean = make_guide(**AGREEING)
    assert "No findings" in client.get(change_url(clean)).content.decode()
