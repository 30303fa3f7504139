"""manage.py import_occupations: idempotent, atomic, and a damaged extract named with its file,
sheet and row, with nothing written."""

import gzip
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guides.occupations.extracts import FOLDER, write_checksums
from guides.occupations.models import OnetOccupation, Projection, Release, Task

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_occupations", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def extracts(tmp_path):
    """A copy of the committed extracts to damage."""
    folder = tmp_path / "data"
    shutil.copytree(FOLDER, folder)
    return folder


def rewrite(folder, name, change):
    """Apply `change` to an extract's text and list its new checksum, as a careless refresh would."""
    path = folder / name
    text = gzip.decompress(path.read_bytes()).decode()
    path.write_bytes(gzip.compress(change(text).encode()))
    write_checksums(folder)


def assert_nothing_stored():
    assert not Release.objects.exists()
    assert not Projection.objects.exists() and not OnetOccupation.objects.exists()


def test_second_import_changes_nothing():
    first = run()
    assert "Imported EP 2024–34. Imported O*NET 29.3." in first
    releases = list(Release.objects.values_list("pk", "imported_at"))
    tasks = Task.objects.count()
    again = run()
    assert "EP 2024–34 is already imported (same files); nothing changed." in again
    assert "O*NET 29.3 is already imported (same files); nothing changed." in again
    assert list(Release.objects.values_list("pk", "imported_at")) == releases
    assert Task.objects.count() == tasks
    assert "already imported" in run("--if-none")


def test_extract_cut_short_is_refused_by_its_checksum(extracts):
    path = extracts / "onet-skills.csv.gz"
    path.write_bytes(path.read_bytes()[:50_000])
    with pytest.raises(
        CommandError, match=r"onet-skills.csv.gz: its SHA-256 differs from SHA256SUMS"
    ):
        run("--from", str(extracts))
    assert_nothing_stored()


def test_damaged_value_names_file_sheet_and_row_and_writes_nothing(extracts):
    """The projections are written before O*NET is read: the failure takes them back too."""
    rewrite(
        extracts,
        "onet-technology-skills.csv.gz",
        lambda text: text.replace(",Y,N\n", ",maybe,N\n", 1),
    )
    with pytest.raises(CommandError) as error:
        run("--from", str(extracts))
    assert str(error.value).startswith(
        "Nothing was imported: onet-technology-skills.csv.gz (sheet 'Technology Skills'), row 2: "
        "Hot Technology 'maybe' is not Y or N."
    )
    assert_nothing_stored()


def test_gzip_cut_mid_stream_names_the_row_reached(extracts):
    path = extracts / "onet-task-statements.csv.gz"
    path.write_bytes(path.read_bytes()[:100_000])
    write_checksums(extracts)
    with pytest.raises(
        CommandError,
        match=r"onet-task-statements.csv.gz \(sheet 'Task Statements'\), row \d+: unreadable",
    ):
        run("--from", str(extracts))
    assert_nothing_stored()


def test_table_cut_between_rows_is_found_by_the_other_table(extracts):
    rewrite(extracts, "ep-table-1.10.csv.gz", lambda text: "".join(text.splitlines(True)[:-1]))
    with pytest.raises(
        CommandError,
        match=r"ep-table-1.10.csv.gz \(sheet 'Table 1.10'\), row \d+: no row for 53-7199",
    ):
        run("--from", str(extracts))
    assert_nothing_stored()


def test_tables_that_disagree_are_refused(extracts):
    rewrite(
        extracts,
        "ep-table-1.10.csv.gz",
        lambda text: text.replace("47-2111,818.7", "47-2111,818.8"),
    )
    with pytest.raises(CommandError, match=r"Employment, 2024 differs from Table 1.2's"):
        run("--from", str(extracts))


def test_task_of_an_unknown_occupation_is_refused(extracts):
    rewrite(
        extracts,
        "onet-task-statements.csv.gz",
        lambda text: text.replace("11-1011.00,", "11-1011.99,", 1),
    )
    with pytest.raises(CommandError, match=r"row 2: 11-1011.99 is not in Occupation Data"):
        run("--from", str(extracts))


def test_other_files_of_a_stored_release_replace_it(extracts):
    run()
    rewrite(
        extracts,
        "onet-occupation-data.csv.gz",
        lambda text: text.replace("Electricians", "Electricians (new)"),
    )
    output = run("--from", str(extracts))
    assert "O*NET 29.3 is stored from other files; replacing it." in output
    assert "EP 2024–34 is already imported" in output
    assert Release.objects.count() == 2
    assert OnetOccupation.objects.get(code="47-2111.00").title == "Electricians (new)"
    assert OnetOccupation.objects.get(code="47-2111.00").tasks.exists()


def test_import_bumps_the_page_cache(client):
    """The rows are written with COPY, which no signal sees: the import itself bumps the site."""
    client.get("/guides/")
    assert client.get("/guides/")["X-Page-Cache"] == "hit"
    run()
    assert client.get("/guides/")["X-Page-Cache"] == "miss"
