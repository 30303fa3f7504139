"""Once a guide exists the database is the source of truth: loads never overwrite an editor's work."""

import json
from io import StringIO

import pytest
import reversion
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from reversion.models import Version

from guides.loading import load
from guides.models import Category, FixtureRecord, Guide

from .admin_pages import change_url, open_form
from .factories import guide_file_data, write_guide_file

pytestmark = pytest.mark.django_db

SEED = "nurse"
SLUGS = ["doula", "midwife", "nurse"]


@pytest.fixture
def files(tmp_path):
    """Three guide files of a test's own, loaded into the database as `make run` would."""
    for slug in SLUGS:
        others = [other for other in SLUGS if other != slug]
        write_guide_file(tmp_path, guide_file_data(slug, related_roles=others[:1]))
    load([tmp_path])
    return tmp_path


def edit_file(files, slug, change):
    path = files / "guides" / f"{slug}.json"
    data = json.loads(path.read_text())
    change(data)
    write_guide_file(files, data)


def edit_in_admin(client, slug, **changes):
    """An editor opens the guide in the admin, changes fields and saves, as a browser would."""
    editor = User.objects.create_user(f"ed-{slug}", password="x", is_staff=True)
    editor.groups.add(*Group.objects.filter(name__in=["Editors", "Publishers"]))
    client.force_login(editor)
    guide = Guide.objects.get(slug=slug)
    data = open_form(client, guide)
    data.update(changes)
    response = client.post(change_url(guide), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def run_load(*args):
    out = StringIO()
    call_command("load_guides", *args, stdout=out)
    return out.getvalue()


def test_admin_edit_and_draft_status_survive_the_next_load(client, files):
    """The `make run` case: an editor's summary and draft status are kept, and the command says so."""
    edit_in_admin(client, SEED, summary="An editor's better summary.", status="draft")
    output = run_load(str(files))
    guide = Guide.objects.get(slug=SEED)
    assert (guide.summary, guide.status) == ("An editor's better summary.", "draft")
    assert f"Kept {SEED}: changed in the admin since the last load" in output
    assert "differs from its file in: status, summary" in output
    assert "manage.py export_guides" in output
    assert f"manage.py load_guides --force {SEED}" in output
    assert "2 unchanged, 1 kept as edited" in output


def test_a_guide_nobody_edited_follows_its_file_status_included(files):
    """Unchanged since the last load: the file's new content and status are loaded."""

    def change(data):
        data["summary"] = "Rewritten in the fixture."
        data["status"] = "draft"

    edit_file(files, "midwife", change)
    report = load([files])
    assert report.updated == ["midwife"]
    guide = Guide.objects.get(slug="midwife")
    assert (guide.summary, guide.status) == ("Rewritten in the fixture.", "draft")


def test_a_kept_guide_stays_kept_even_after_its_file_changes(client, files):
    """Editors' work wins over a later fixture change too, until someone forces it."""
    edit_in_admin(client, SEED, summary="Edited in the admin.")

    def change(data):
        data["title"] = "Changed in the file"

    edit_file(files, SEED, change)
    report = load([files])
    assert set(report.kept[SEED]) == {"summary", "title"}
    assert Guide.objects.get(slug=SEED).summary == "Edited in the admin."


def test_force_overwrites_and_keeps_the_editors_version_restorable(client, files):
    """--force SLUG loads the file, and the editor's version is a revision that can be restored."""
    edit_in_admin(client, SEED, summary="The editor's version.")
    original = json.loads((files / "guides" / f"{SEED}.json").read_text())["summary"]
    output = run_load(str(files), "--force", SEED)
    assert "1 overwritten" in output
    guide = Guide.objects.get(slug=SEED)
    assert guide.summary == original
    kept = [
        v
        for v in Version.objects.get_for_object(guide)
        if "kept before load_guides --force" in v.revision.comment
    ]
    assert kept and kept[0].field_dict["summary"] == "The editor's version."
    kept[0].revision.revert(delete=True)
    assert Guide.objects.get(slug=SEED).summary == "The editor's version."
    # The next plain load sees the editor's restored version as an edit, and keeps it.
    assert SEED in load([files]).kept


def test_a_guide_deleted_in_the_admin_is_not_recreated_unless_forced(files):
    """Deleting is an editor's decision too; --force brings the guide back from its file."""
    Guide.objects.get(slug="doula").delete()
    output = run_load(str(files))
    assert "Not recreated doula: deleted in the admin" in output
    assert not Guide.objects.filter(slug="doula").exists()
    run_load(str(files), "--force", "doula")
    assert Guide.objects.filter(slug="doula").exists()


def test_related_roles_to_a_deleted_guide_are_skipped_not_crashed(files):
    """A new guide in the files that names a guide an editor deleted loads without it."""
    Guide.objects.get(slug="doula").delete()
    write_guide_file(files, guide_file_data("doula-assistant", related_roles=["midwife", "doula"]))
    report = load([files])
    assert report.created == ["doula-assistant"]
    assert ("doula-assistant", "doula") in report.skipped_related
    new = Guide.objects.get(slug="doula-assistant")
    assert [g.slug for g in new.related_roles.all()] == ["midwife"]


def test_a_new_file_creates_its_guide(files):
    """New in the fixtures: created, and recorded for the next load."""
    write_guide_file(files, guide_file_data("midwife-two"))
    report = load([files])
    assert report.created == ["midwife-two"]
    assert FixtureRecord.objects.filter(key="guide:midwife-two").exists()
    assert load([files]).unchanged.count("midwife-two") == 1


def test_guides_that_predate_load_records_are_kept_when_they_differ(files):
    """A database from before this rule (no record) is treated as edited: nothing is lost."""
    FixtureRecord.objects.all().delete()
    Guide.objects.filter(slug=SEED).update(summary="Edited before records existed.")
    edit_file(files, "midwife", lambda data: data.update(summary="New file text."))
    report = load([files])
    assert set(report.kept) == {SEED, "midwife"}
    assert report.unchanged == ["doula"]
    assert FixtureRecord.objects.filter(key="guide:doula").exists()


def test_dry_run_prints_the_plan_and_writes_nothing(client, files):
    """--dry-run says what would happen and leaves guides and records untouched."""
    edit_in_admin(client, SEED, summary="Editor's.")
    edit_file(files, "midwife", lambda data: data.update(summary="From the file."))
    records = list(FixtureRecord.objects.values_list("key", "digest"))
    output = run_load(str(files), "--dry-run")
    assert "midwife: would be updated" in output
    assert f"Kept {SEED}" in output
    assert output.strip().endswith(
        "1 updated, 0 overwritten, 1 unchanged, 1 kept as edited, 0 not recreated."
    )
    assert "Dry run, nothing written." in output
    assert Guide.objects.get(slug="midwife").summary != "From the file."
    assert list(FixtureRecord.objects.values_list("key", "digest")) == records


def test_a_renamed_category_is_kept(files):
    """Categories follow the same rule: an editor's rename survives the next load."""
    category = Category.objects.get(slug="test-files")
    with reversion.create_revision():
        category.name = "Test files (renamed)"
        category.save()
    output = run_load(str(files))
    assert "Kept category test-files" in output
    assert Category.objects.get(slug="test-files").name == "Test files (renamed)"


def test_force_of_an_unknown_slug_is_a_clear_error(files):
    """--force names guides by slug; a slug no file holds is refused before anything is written."""
    with pytest.raises(Exception, match="problem"):
        call_command("load_guides", str(files), "--force", "no-such-guide", stderr=StringIO())
