"""Fixtures load atomically and idempotently, and export reproduces them byte for byte."""

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from guides.exporting import export_to
from guides.loading import LoadError, load, plan_load
from guides.models import Guide, ListItem, SalaryBand

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED = FIXTURES / "guides" / "medical-manager.json"


@pytest.fixture
def fixture_copy(tmp_path):
    """A private copy of the real fixtures to edit."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def test_every_fixture_passes_check_guides(capsys):
    """The committed fixtures are valid, all 25 guides of them."""
    call_command("check_guides")
    assert "OK: 25 guide(s) and 6 category(ies) valid." in capsys.readouterr().out


def test_load_is_idempotent():
    """Loading the same files again changes nothing (the test database already holds them)."""
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


def test_edited_file_updates_the_guide_in_place(fixture_copy):
    """Changed figures are updated and children that left the file are removed."""
    path = fixture_copy / "guides" / "medical-manager.json"
    guide_id = Guide.objects.get(slug="medical-manager").pk

    def change(data):
        data["title"] = "Medical Manager (edited)"
        data["pros"] = data["pros"][:2]
        data["salary_bands"] = data["salary_bands"][:1]

    edit(path, change)
    report = load([fixture_copy])
    assert (report.created, report.updated) == ([], ["medical-manager"])
    guide = Guide.objects.get(slug="medical-manager")
    assert guide.pk == guide_id
    assert guide.title == "Medical Manager (edited)"
    assert guide.list_items.filter(kind="pro").count() == 2
    assert guide.salary_bands.count() == 1


def test_a_bad_file_writes_nothing_and_names_every_problem(fixture_copy):
    """One bad figure anywhere stops the whole load, and every problem is reported."""
    good = fixture_copy / "guides" / "registered-nurse.json"
    bad = fixture_copy / "guides" / "medical-manager.json"
    edit(good, lambda data: data.update(title="Should not be saved"))

    def break_it(data):
        data["salary_bands"][0]["median"] = 150_000  # above the high end
        data["growth_percent"] = "lots"
        data["career_tiers"][1]["years_max"] = 1  # before years_min 3
        data["related_roles"].append("no-such-guide")
        data["colour"] = "blue"

    edit(bad, break_it)
    with pytest.raises(LoadError) as error:
        load([fixture_copy])
    problems = [str(p) for p in error.value.problems]
    assert any(
        "medical-manager.json: guide 'medical-manager': salary_bands[0].high" in p for p in problems
    )
    assert any("growth_percent" in p for p in problems)
    assert any("career_tiers[1].years_max" in p for p in problems)
    assert any("no guide with slug 'no-such-guide'" in p for p in problems)
    assert any("colour: is not a known key" in p for p in problems)
    assert Guide.objects.get(slug="registered-nurse").title == "Registered Nurse"


def test_malformed_json_is_reported_with_its_position(tmp_path):
    """A broken file says where it is broken; the command exits non-zero."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"slug": "x",\n  "title": }')
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("load_guides", str(broken))
    with pytest.raises(LoadError) as error:
        plan_load([broken])
    assert "not valid JSON" in str(error.value.problems[0])
    assert "line 2" in str(error.value.problems[0])


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
    (The May 2019 OEWS band is gone: the imported current release supersedes it.)"""
    estimate, bls_median = SalaryBand.objects.filter(guide__slug="medical-manager").order_by(
        "position"
    )
    assert estimate.kind == "estimate"
    assert (estimate.low, estimate.median, estimate.high) == (70_000, 105_000, 140_000)
    assert (estimate.entry, estimate.mid, estimate.senior) == (80_500, 105_000, 129_500)
    assert estimate.top_10_from == 140_000
    assert estimate.tier_basis == "derived"
    assert (bls_median.kind, bls_median.median, bls_median.data_year) == ("survey", 110_680, 2023)


def test_no_mojibake_in_any_fixture():
    """The seed's mis-decoded characters are repaired everywhere."""
    for path in FIXTURES.rglob("*.json"):
        text = path.read_text(encoding="utf-8")
        for broken in ("β€", "πŸ", "βœ", "Ã©"):
            assert broken not in text, f"{broken!r} in {path.name}"


def test_bls_figures_match_the_cited_data():
    """Every BLS median in the fixtures is the CSV's figure for that occupation, with its year."""
    import csv

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
