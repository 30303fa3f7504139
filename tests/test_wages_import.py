"""manage.py import_wages: both input layouts, idempotence, earlier releases kept, atomic failure
on damaged input, and the real bundled May 2025 release checked cell by cell."""

import gzip
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guides.wages.models import Area, Estimate, Industry, IndustryEstimate, Occupation, Release
from guides.wages.testing import SAMPLE_YEAR, flat_data_lines, write_flat_files, write_sqlite

pytestmark = pytest.mark.django_db

SAMPLE_CODE = f"{SAMPLE_YEAR}A01"


def run(path):
    """Run the command; return what it printed."""
    out = StringIO()
    call_command("import_wages", "--from", str(path), stdout=out)
    return out.getvalue()


def snapshot(code=SAMPLE_CODE):
    """Every stored estimate of a release as comparable tuples (ids left out)."""
    fields = ["area__code", "occupation__code", "employment", "annual_median", "hourly_p90"]
    rows = Estimate.objects.filter(release__code=code).values_list(*fields, "footnotes")
    return sorted(rows, key=lambda row: row[:2])


def assert_sample_stored():
    release = Release.objects.get(code=SAMPLE_CODE)
    assert release.name == f"May {SAMPLE_YEAR}" and release.year == int(SAMPLE_YEAR)
    assert release.top_hourly == Decimal("115.00") and release.top_annual == 239_200
    assert Area.objects.filter(release=release).count() == 5
    assert Estimate.objects.filter(release=release).count() == 12  # cross-industry only
    california = Estimate.objects.get(
        release=release, occupation__code="11-9111", area__code="0600000"
    )
    assert (california.employment, california.annual_median) == (75090, 141480)
    assert california.location_quotient == Decimal("1.07")
    assert california.annual_p90 is None and california.footnotes["annual_p90"] == "5"
    actors = Estimate.objects.get(release=release, occupation__code="27-2011", area__kind="N")
    assert actors.annual_median is None and actors.footnotes["annual_median"] == "4"
    assert actors.hourly_median == Decimal("29.05")
    detailed = Occupation.objects.get(release=release, code="27-2011")
    assert detailed.parent.code == "27-2010" and detailed.parent.parent.code == "27-2000"
    assert Occupation.objects.get(release=release, code="11-9111").parent.code == "11-9000"
    boston = Area.objects.get(release=release, code="0014460")
    assert boston.states == ["MA", "NH"]
    assert_industries_stored(release)


def assert_industries_stored(release):
    """The nation's estimates by industry; California's by industry skipped."""
    assert Industry.objects.filter(release=release).count() == 3
    assert IndustryEstimate.objects.filter(release=release).count() == 2
    managers = Occupation.objects.get(release=release, code="11-9111")
    top = IndustryEstimate.objects.top_employers(managers, level=Industry.Level.SECTOR)
    assert [(row.industry.name, row.employment) for row in top] == [
        ("Sector 62 - Health Care and Social Assistance", 400_000)
    ]
    hospitals = IndustryEstimate.objects.top_employers(managers).get()
    assert (hospitals.industry.code, hospitals.industry.level) == ("622000", 3)
    assert (hospitals.employment, hospitals.annual_median) == (180_000, 130_000)
    assert hospitals.location_quotient is None and hospitals.jobs_per_1000 is None


def test_sqlite_layout_is_imported(tmp_path):
    """An SQLite file of the bundled layout gives every estimate, footnote and SOC parent."""
    output = run(write_sqlite(tmp_path / "oews.sqlite"))
    assert f"Imported OEWS May {SAMPLE_YEAR}: 12 estimates" in output
    assert_sample_stored()


def test_gzipped_sqlite_is_imported(tmp_path):
    """The bundled file is gzipped; a gzipped file given with --from works the same way."""
    plain = write_sqlite(tmp_path / "oews.sqlite")
    packed = tmp_path / "oews.sqlite.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    run(packed)
    assert_sample_stored()


def test_flat_files_give_the_same_rows_as_sqlite(tmp_path):
    """BLS's tab-separated oe.* files and the SQLite file of the same release store the same."""
    run(write_sqlite(tmp_path / "oews.sqlite"))
    from_sqlite = snapshot()
    Release.objects.filter(code=SAMPLE_CODE).delete()
    run(write_flat_files(tmp_path / "bls"))
    assert_sample_stored()
    assert snapshot() == from_sqlite
    release = Release.objects.get(code=SAMPLE_CODE)
    assert str(release.published) == "2027-05-14"
    assert set(release.checksums) >= {"oe.area", "oe.data.0.Current", "oe.footnote"}


def test_import_leaves_the_planner_statistics_of_what_it_stored(tmp_path):
    """Autovacuum may take a minute to notice 236,799 new rows; until then PostgreSQL plans with
    the statistics of whatever the tables held before, and the occupation list passed the 5 s
    statement timeout on a fresh machine. The import analyzes the tables itself."""
    from django.db import connection

    run(write_sqlite(tmp_path / "oews.sqlite"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples FROM pg_class WHERE relname IN "
            "('wages_estimate', 'wages_area', 'wages_occupation', 'wages_release')"
        )
        counted = dict(cursor.fetchall())
    assert counted == {
        "wages_estimate": Estimate.objects.count(),
        "wages_area": Area.objects.count(),
        "wages_occupation": Occupation.objects.count(),
        "wages_release": Release.objects.count(),
    }


def test_same_release_again_changes_nothing(tmp_path):
    """Importing the same files twice says so and leaves the stored rows untouched."""
    folder = write_flat_files(tmp_path / "bls")
    run(folder)
    ids = sorted(Estimate.objects.filter(release__code=SAMPLE_CODE).values_list("pk", flat=True))
    output = run(folder)
    assert "already imported" in output and "nothing changed" in output
    after = Estimate.objects.filter(release__code=SAMPLE_CODE).values_list("pk", flat=True)
    assert sorted(after) == ids


def test_reissued_files_replace_the_release(tmp_path):
    """The same release from changed files (BLS re-issued it) replaces the stored one."""
    folder = write_flat_files(tmp_path / "bls")
    run(folder)
    lines = [line.replace("     141480", "     141999") for line in flat_data_lines()]
    write_flat_files(folder, lines)
    assert "replacing it" in run(folder)
    assert Release.objects.filter(code=SAMPLE_CODE).count() == 1
    california = Estimate.objects.get(
        release__code=SAMPLE_CODE, occupation__code="11-9111", area__code="0600000"
    )
    assert california.annual_median == 141999


@pytest.mark.usefixtures("real_wages")
def test_a_newer_release_is_added_beside_the_earlier_one(tmp_path):
    """Earlier releases stay; the newest is the current one."""
    run(write_sqlite(tmp_path / "oews.sqlite"))
    assert Release.objects.filter(code="2025A01").exists()  # the bundled one
    assert Release.objects.current().code == SAMPLE_CODE
    assert Estimate.objects.filter(release__code="2025A01").count() == 236_799


def damaged(tmp_path, lines):
    """Import a damaged folder after a good one; return the error and check nothing changed."""
    run(write_sqlite(tmp_path / "good.sqlite"))
    before = snapshot()
    releases = list(Release.objects.values_list("code", "checksums"))
    write_flat_files(tmp_path / "bad", lines)
    with pytest.raises(CommandError) as error:
        run(tmp_path / "bad")
    assert snapshot() == before
    assert list(Release.objects.values_list("code", "checksums")) == releases
    return str(error.value)


def test_malformed_value_fails_naming_file_line_and_series(tmp_path):
    """A value that is not a number stops the import, says where, and changes nothing."""
    lines = flat_data_lines()
    number = next(i for i, line in enumerate(lines) if line.startswith("OEUS060000000000011911113"))
    lines[number] = lines[number].replace("141480", "14l480")
    message = damaged(tmp_path, lines)
    assert message.startswith("Nothing was imported: oe.data.0.Current, line ")
    assert f"line {number + 1}, series OEUS060000000000011911113:" in message
    assert "annual median '14l480' is not a number" in message


def test_file_cut_mid_line_fails(tmp_path):
    """A data file cut in the middle of a line fails on that line."""
    lines = flat_data_lines()[:40]
    lines[-1] = lines[-1][:12]
    message = damaged(tmp_path, lines)
    assert "line 40, series OEUN00000000" in message
    assert "not an OEWS series line" in message


def test_file_cut_between_lines_fails(tmp_path):
    """A data file cut at a line boundary is caught by what it lost."""
    lines = flat_data_lines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("OEUS3300000"))
    message = damaged(tmp_path, lines[:cut])
    assert "no estimates for area 3300000 (New Hampshire)" in message


def test_unknown_footnote_fails(tmp_path):
    """A footnote code the release does not define is damage, not data."""
    lines = flat_data_lines()
    lines[5] = lines[5] + "9"
    assert "unknown footnote code '9'" in damaged(tmp_path, lines)


@pytest.mark.parametrize(
    "change, problem",
    [
        ("v13 = '12,0'", "series OEUS060000000000011911113: annual median '12,0' is not a number"),
        ("v13 = '12345678901'", "annual median '12345678901' is not a number"),
        ("f13 = '9'", "series OEUS060000000000011911113: unknown footnote code '9'"),
        ("v01 = NULL", "series OEUS0600000000000119111: datatype 01 is missing"),
        ("v16 = NULL, v17 = NULL, f03 = '4,5'", None),  # optional datatypes; two footnotes
        (
            "key = 'OEUS0600000000000119112'",
            "series OEUS0600000000000119112: occupation 119112 is not in the release's",
        ),
    ],
)
def test_damaged_sqlite_row_fails_naming_row_and_series(tmp_path, change, problem):
    """In the SQLite layout the message names the table row, the series and what is wrong with
    it; what is allowed imports."""
    import sqlite3

    path = write_sqlite(tmp_path / "oews.sqlite")
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE cell SET {change} WHERE key = 'OEUS0600000000000119111'")
    if problem is None:
        run(path)
        assert Release.objects.filter(code=SAMPLE_CODE).exists()
        return
    with pytest.raises(CommandError) as error:
        run(path)
    assert "table cell, row" in str(error.value)
    assert problem in str(error.value)
    assert not Release.objects.filter(code=SAMPLE_CODE).exists()


def test_truncated_gzip_fails(tmp_path):
    """A gzipped file cut short is reported as truncated, not as a traceback."""
    plain = write_sqlite(tmp_path / "oews.sqlite")
    packed = gzip.compress(plain.read_bytes())
    (tmp_path / "cut.sqlite.gz").write_bytes(packed[: len(packed) // 2])
    with pytest.raises(CommandError, match="truncated or damaged"):
        run(tmp_path / "cut.sqlite.gz")


def test_missing_input_says_so(tmp_path):
    """A path that does not exist, or a folder without BLS's files, gets one clear line."""
    with pytest.raises(CommandError, match="no such file or folder"):
        run(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match=r"oe\.area: missing"):
        run(tmp_path / "empty")


# The real bundled release (the real_wages fixture imports it once for this module).
REAL_CELLS = {
    "11-9111": (597_080, 73_390, 94_700, 123_860, 166_100, 224_340),
    "15-1252": (1_687_890, 82_460, 105_210, 135_980, 171_980, 214_670),
    "15-2051": (262_440, 67_240, 85_660, 120_230, 158_880, 199_130),
}


@pytest.mark.usefixtures("real_wages")
@pytest.mark.parametrize("soc, expected", REAL_CELLS.items())
def test_real_release_national_cells(soc, expected):
    """The bundled May 2025 release gives BLS's published national figures."""
    estimate = Estimate.objects.get(
        release__code="2025A01", occupation__code=soc, area__code="0000000"
    )
    fields = ["employment", "annual_p10", "annual_p25", "annual_median", "annual_p75"]
    assert tuple(getattr(estimate, name) for name in [*fields, "annual_p90"]) == expected


@pytest.mark.usefixtures("real_wages")
def test_real_release_california_and_counts():
    """California's medical and health services managers, and the release's row counts."""
    release = Release.objects.get(code="2025A01")
    assert release.name == "May 2025" and str(release.published) == "2026-05-15"
    estimate = Estimate.objects.get(
        release=release, occupation__code="11-9111", area__code="0600000"
    )
    assert (estimate.employment, estimate.annual_median) == (75_090, 141_480)
    assert estimate.location_quotient == Decimal("1.07")
    assert Estimate.objects.filter(release=release).count() == 236_799
    assert IndustryEstimate.objects.filter(release=release).count() == 133_373
    assert Industry.objects.filter(release=release).count() == 444
    assert Occupation.objects.filter(release=release, level=3).count() == 830
    assert Area.objects.filter(release=release, kind="S").count() == 54


@pytest.mark.django_db(transaction=True)
def test_a_second_import_waits_for_the_first(tmp_path):
    """Imports take a table lock: one started while another holds it waits, then goes on."""
    import threading

    import psycopg
    from django.db import connection

    path = write_sqlite(tmp_path / "oews.sqlite")
    settings = connection.settings_dict
    finished = threading.Event()

    def import_in_thread():
        try:
            run(path)
        finally:
            connection.close()
            finished.set()

    with psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        password=settings["PASSWORD"],
        dbname=settings["NAME"],
    ) as other:
        # A mode that conflicts with the import's lock but not with plain inserts, so only the
        # import's own lock can make it wait.
        other.execute("LOCK TABLE wages_release IN SHARE UPDATE EXCLUSIVE MODE")
        worker = threading.Thread(target=import_in_thread)
        worker.start()
        assert not finished.wait(1.5), "the import did not wait for the lock"
    worker.join(30)
    assert finished.is_set() and Release.objects.filter(code=SAMPLE_CODE).exists()


@pytest.mark.usefixtures("real_wages")
def test_real_release_industries_employing_electricians():
    """Who employs electricians: BLS's national estimates by 3-digit NAICS industry."""
    electricians = Occupation.objects.get(release__code="2025A01", code="47-2111")
    top = IndustryEstimate.objects.top_employers(electricians)[:2]
    assert [
        (row.industry.code, row.industry.name, row.employment, row.annual_median) for row in top
    ] == [
        ("238000", "Specialty Trade Contractors", 565_430, 61_630),
        ("561000", "Administrative and Support Services", 24_240, 58_760),
    ]


def test_release_imported_before_industries_is_imported_again(tmp_path):
    """A database from before industry estimates were imported gets them on the next import,
    --if-none included (as `make setup` runs it)."""
    path = write_sqlite(tmp_path / "oews.sqlite")
    run(path)
    # This release's industries only: the real release of the tests above may still be stored.
    release = Release.objects.get(code=SAMPLE_CODE)
    IndustryEstimate.objects.filter(release=release).delete()
    Industry.objects.filter(release=release).delete()
    out = StringIO()
    call_command("import_wages", "--if-none", "--from", str(path), stdout=out)
    assert "stored from an import without its industries; replacing it" in out.getvalue()
    assert_industries_stored(Release.objects.get(code=SAMPLE_CODE))
    assert "already imported" in run(path)
