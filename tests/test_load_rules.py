"""Once a guide exists the database is the source of truth: loads never overwrite an editor's work."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from reversion.models import Version

from guides.loading import load
from guides.models import Category, FixtureRecord, Guide

from .admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEED = "medical-manager"


@pytest.fixture
def files(tmp_path):
    """A private copy of the fixtures, loaded into the database as `make run` would."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("*.md"))
    load([target])
    return target


def edit_file(files, slug, change):
    path = files / "guides" / f"{slug}.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


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
    assert "24 unchanged, 1 kept as edited" in output


def test_a_guide_nobody_edited_follows_its_file_status_included(files):
    """Unchanged since the last load: the file's new content and status are loaded."""

    def change(data):
        data["summary"] = "Rewritten in the fixture."
        data["status"] = "draft"

    edit_file(files, "lawyer", change)
    report = load([files])
    assert report.updated == ["lawyer"]
    guide = Guide.objects.get(slug="lawyer")
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
    Guide.objects.get(slug="paralegal").delete()
    output = run_load(str(files))
    assert "Not recreated paralegal: deleted in the admin" in output
    assert not Guide.objects.filter(slug="paralegal").exists()
    run_load(str(files), "--force", "paralegal")
    assert Guide.objects.filter(slug="paralegal").exists()


def test_related_roles_to_a_deleted_guide_are_skipped_not_crashed(files):
    """A new guide in the files that names a guide an editor deleted loads without it."""
    Guide.objects.get(slug="paralegal").delete()

    def change(data):
        data["slug"] = "paralegal-assistant"
        data["related_roles"] = ["lawyer", "paralegal"]

    edit_file(files, "lawyer", lambda data: None)
    shutil.copy(files / "guides" / "lawyer.json", files / "guides" / "paralegal-assistant.json")
    edit_file(files, "paralegal-assistant", change)
    report = load([files])
    assert report.created == ["paralegal-assistant"]
    assert ("paralegal-assistant", "paralegal") in report.skipped_related
    new = Guide.objects.get(slug="paralegal-assistant")
    assert [g.slug for g in new.related_roles.all()] == ["lawyer"]


def test_a_new_file_creates_its_guide(files):
    """New in the fixtures: created, and recorded for the next load."""
    shutil.copy(files / "guides" / "lawyer.json", files / "guides" / "lawyer-two.json")
    edit_file(files, "lawyer-two", lambda data: data.update(slug="lawyer-two", title="Lawyer 2"))
    report = load([files])
    assert report.created == ["lawyer-two"]
    assert FixtureRecord.objects.filter(key="guide:lawyer-two").exists()
    assert load([files]).unchanged.count("lawyer-two") == 1


def test_guides_that_predate_load_records_are_kept_when_they_differ(files):
    """A database from before this rule (no record) is treated as edited: nothing is lost."""
    FixtureRecord.objects.all().delete()
    Guide.objects.filter(slug=SEED).update(summary="Edited before records existed.")
    edit_file(files, "lawyer", lambda data: data.update(summary="New file text."))
    report = load([files])
    assert set(report.kept) == {SEED, "lawyer"}
    assert len(report.unchanged) == 23
    assert FixtureRecord.objects.filter(key="guide:registered-nurse").exists()


def test_dry_run_prints_the_plan_and_writes_nothing(client, files):
    """--dry-run says what would happen and leaves guides and records untouched."""
    edit_in_admin(client, SEED, summary="Editor's.")
    edit_file(files, "lawyer", lambda data: data.update(summary="From the file."))
    records = list(FixtureRecord.objects.values_list("key", "digest"))
    output = run_load(str(files), "--dry-run")
    assert "lawyer: would be updated" in output
    assert f"Kept {SEED}" in output
    assert output.strip().endswith(
        "1 updated, 0 overwritten, 23 unchanged, 1 kept as edited, 0 not recreated."
    )
    assert "Dry run, nothing written." in output
    assert Guide.objects.get(slug="lawyer").summary != "From the file."
    assert list(FixtureRecord.objects.values_list("key", "digest")) == records


def test_a_renamed_category_is_kept(files):
    """Categories follow the same rule: an editor's rename survives the next load."""
    category = Category.objects.get(slug="healthcare")
    with reversion.create_revision():
        category.name = "Health care (renamed)"
        category.save()
    output = run_load(str(files))
    assert "Kept category healthcare" in output
    assert Category.objects.get(slug="healthcare").name == "Health care (renamed)"


def test_force_of_an_unknown_slug_is_a_clear_error(files):
    """--force names guides by slug; a slug no file holds is refused before anything is written."""
    with pytest.raises(Exception, match="problem"):
        call_command("load_guides", str(files), "--force", "no-such-guide", stderr=StringIO())
