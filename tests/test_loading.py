"""Loading writes nothing unless every file is valid, is idempotent, and updates guides in place."""

import pytest
from django.core.management import CommandError, call_command

from guides.loading import LoadError, load, plan_load
from guides.models import Guide

from .factories import guide_file_data, write_guide_file

pytestmark = pytest.mark.django_db

BAND = {
    "label": "Median pay",
    "kind": "survey",
    "country": "US",
    "currency": "USD",
    "period": "annual",
    "source": "A survey",
    "median": 50_000,
}


@pytest.fixture
def files(tmp_path):
    """Two valid guide files that refer to each other."""
    write_guide_file(
        tmp_path,
        guide_file_data(
            "nurse",
            salary_bands=[BAND],
            pros=["Meaningful work", "Steady demand"],
            career_tiers=[
                {"title": "Staff nurse", "years_min": 0, "years_max": 3},
                {"title": "Charge nurse", "years_min": 3},
            ],
            related_roles=["midwife"],
        ),
    )
    write_guide_file(tmp_path, guide_file_data("midwife", related_roles=["nurse"]))
    return tmp_path


def test_load_creates_then_leaves_unchanged_guides_alone(files):
    """A second load of the same files changes nothing, not even a timestamp."""
    assert load([files]).created == ["midwife", "nurse"]
    before = {g.slug: g.updated_at for g in Guide.objects.all()}
    report = load([files])
    assert (report.created, report.updated, sorted(report.unchanged)) == (
        [],
        [],
        ["midwife", "nurse"],
    )
    assert {g.slug: g.updated_at for g in Guide.objects.all()} == before
    nurse = Guide.objects.get(slug="nurse")
    assert [g.slug for g in nurse.related_roles.all()] == ["midwife"]
    assert [t.years_display for t in nurse.career_tiers.all()] == ["0–3 years", "3+ years"]


def test_edited_file_updates_the_guide_in_place(files):
    """Changed figures are updated and children that left the file are removed."""
    load([files])
    guide_id = Guide.objects.get(slug="nurse").pk
    write_guide_file(files, guide_file_data("nurse", title="Nurse (edited)", pros=["Meaningful"]))
    report = load([files])
    assert (report.created, report.updated) == ([], ["nurse"])
    guide = Guide.objects.get(slug="nurse")
    assert guide.pk == guide_id
    assert guide.title == "Nurse (edited)"
    assert list(guide.list_items.values_list("text", flat=True)) == ["Meaningful"]
    assert not guide.salary_bands.exists() and not guide.related_roles.exists()


def test_a_bad_file_writes_nothing_and_names_every_problem(files):
    """One bad figure anywhere stops the whole load, and every problem is reported."""
    load([files])
    write_guide_file(files, guide_file_data("midwife", title="Should not be saved"))
    write_guide_file(
        files,
        guide_file_data(
            "nurse",
            salary_bands=[{**BAND, "high": 40_000}],  # below the median
            growth_percent="lots",
            career_tiers=[{"title": "Backwards", "years_min": 3, "years_max": 1}],
            related_roles=["no-such-guide", "nurse"],
            colour="blue",
        ),
    )
    with pytest.raises(LoadError) as error:
        load([files])
    problems = [str(p) for p in error.value.problems]
    assert any("nurse.json: guide 'nurse': salary_bands[0].high" in p for p in problems)
    assert any("growth_percent" in p for p in problems)
    assert any("career_tiers[0].years_max" in p for p in problems)
    assert any("no guide with slug 'no-such-guide'" in p for p in problems)
    assert any("a guide cannot be related to itself" in p for p in problems)
    assert any("colour: is not a known key" in p for p in problems)
    assert Guide.objects.get(slug="midwife").title == "Midwife"


def test_two_files_with_one_slug_are_refused(tmp_path):
    """A slug names one guide: a second file using it is an error, not an overwrite."""
    write_guide_file(tmp_path, guide_file_data("nurse"))
    copy = tmp_path / "guides" / "copy.json"
    copy.write_text((tmp_path / "guides" / "nurse.json").read_text())
    with pytest.raises(LoadError) as error:
        plan_load([tmp_path])
    assert any("the same slug is also used by" in str(p) for p in error.value.problems)


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


def test_check_guides_validates_without_writing(files, capsys):
    """check_guides reports the files valid and writes nothing."""
    call_command("check_guides", str(files))
    assert "OK: 2 guide(s) and 1 category(ies) valid." in capsys.readouterr().out
    assert not Guide.objects.exists()
