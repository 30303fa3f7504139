"""The shipped guides (fixtures/): valid, faithful to their sources, and reproduced byte for byte.

The only tests that read fixtures/; every other test builds its own guides."""

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from guides.exporting import export_to
from guides.loading import load
from guides.models import Guide, ListItem, SalaryBand

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shipped_guides")]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED_URL = "/guides/medical-manager/"


def test_every_fixture_passes_check_guides(capsys):
    """The committed fixtures are valid, all 25 guides of them."""
    call_command("check_guides")
    assert "OK: 25 guide(s) and 6 category(ies) valid." in capsys.readouterr().out


def test_load_is_idempotent():
    """Loading the same files again changes nothing."""
    before = {g.slug: g.updated_at for g in Guide.objects.all()}
    report = load()
    assert (report.created, report.updated, report.kept) == ([], [], {})
    assert len(report.unchanged) == 25
    assert {g.slug: g.updated_at for g in Guide.objects.all()} == before


def test_round_trip_is_byte_identical(tmp_path):
    """load -> export writes exactly the committed files back."""
    export_to(tmp_path)
    for path in sorted(FIXTURES.rglob("*.json")):
        exported = tmp_path / path.relative_to(FIXTURES)
        assert exported.read_bytes() == path.read_bytes(), path.name


def test_every_shipped_guide_has_a_page(client):
    """Each of the 25 guides renders, with its title and contents."""
    for guide in Guide.objects.all():
        response = client.get(guide.get_absolute_url())
        assert response.status_code == 200, guide.slug
        assert f"<h1>{guide.title}</h1>" in response.content.decode(), guide.slug


def test_seed_guide_has_every_item_of_the_seed():
    """The seed guide keeps every list item and figure of the page it was modelled on."""
    guide = Guide.objects.get(slug="medical-manager")
    counts = {kind: guide.list_items.filter(kind=kind).count() for kind in ListItem.Kind.values}
    assert counts == {
        "responsibility": 15,
        "tech_skill": 20,
        "soft_skill": 10,
        "pro": 6,
        "con": 6,
        "mistake": 8,
        "advice": 8,
    }
    assert guide.tech_stack.count() == 19
    assert guide.career_tiers.count() == 4
    assert guide.day_blocks.count() == 3
    groups = list(guide.skill_groups.all())
    assert [g.kind for g in groups] == ["foundational", "specialization", "professional"]
    # The seed lists 5 + 5 + 6 skill-map items (the "15" miscounts them).
    assert [len(g.items) for g in groups] == [5, 5, 6]
    assert guide.case_studies.count() == 3
    assert guide.faqs.count() == 9
    assert guide.growth_percent == 18
    assert guide.remote_work == "hybrid"
    assert guide.market_demand == "high"
    assert guide.tech_stack.get(position=0).examples == "Epic, Cerner, Meditech"
    assert [t.years_display for t in guide.career_tiers.all()] == [
        "0–3 years",
        "3–7 years",
        "7–12 years",
        "12+ years",
    ]


def test_seed_salary_is_labelled_an_estimate_beside_cited_bls_bands():
    """The seed's figures are exact and labelled as an estimate; BLS figures are separate bands.
    (Its hand-typed May 2019 OEWS band is gone: the imported current release supersedes it.)"""
    estimate, bls_median = SalaryBand.objects.filter(guide__slug="medical-manager").order_by(
        "position"
    )
    assert estimate.kind == "estimate"
    assert (estimate.low, estimate.median, estimate.high) == (70_000, 105_000, 140_000)
    assert (estimate.entry, estimate.mid, estimate.senior) == (80_500, 105_000, 129_500)
    assert estimate.top_10_from == 140_000
    assert estimate.tier_basis == "derived"
    assert (bls_median.kind, bls_median.median, bls_median.data_year) == ("survey", 110_680, 2023)


def test_seed_page_shows_the_seeds_figures_with_sources(client):
    """The seed's headline and salary figures appear exactly, each with its source and year."""
    html = client.get(SEED_URL).content.decode()
    for figure in ("18%", "$105,000", "$110,680", "Much faster than average"):
        assert figure in html, figure
    assert "Occupational Outlook Handbook</a>, 2023." in html
    assert html.count("<details") == 9


def test_seed_page_is_under_120_kb(client):
    """The real seed page stays light enough for a slow phone connection."""
    assert len(client.get(SEED_URL).content) < 120 * 1024


def test_no_mojibake_in_any_fixture():
    """The seed's mis-decoded characters are repaired everywhere."""
    for path in FIXTURES.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        for broken in ("β€", "πŸ", "βœ", "Ã©"):
            assert broken not in text, f"{broken!r} in {path.name}"


def test_bls_figures_match_the_cited_data():
    """Every BLS median in the fixtures is the CSV's figure for that occupation, with its year."""
    data = Path(settings.BASE_DIR).parent / "shared/data/bls-occupations.csv"
    if not data.exists():
        pytest.skip("shared/data is not beside this checkout")
    rows = {row["soc_code"]: row for row in csv.DictReader(data.open(encoding="utf-8"))}
    checked = 0
    for band in SalaryBand.objects.filter(label="BLS median pay").select_related("guide"):
        row = rows[band.guide.occupation_code]
        assert band.median == int(row["median_annual_pay_usd"]), band.guide.slug
        assert band.data_year == int(row["pay_year"]), band.guide.slug
        checked += 1
    assert checked >= 20
