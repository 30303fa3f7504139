"""The restore drill: content of every kind, a backup, a damaged database, the restore, and
everything compared; no page cached before the restore is served after it."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from guides.feedback.models import Feedback
from guides.models import ChangeNote, Guide
from guides.ops.backups import backups
from guides.wages.testing import write_sqlite

from .factories import make_full_guide

ROOT = Path(__file__).resolve().parent.parent


def everything():
    """Every row of every model, in primary-key order."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models()
    }


def make_content(tmp_path):
    editor = User.objects.create_user("drill-editor", password="x", is_staff=True)
    guide = make_full_guide(slug="drill-guide", title="Drill Guide")
    with reversion.create_revision():
        reversion.set_user(editor)
        reversion.set_comment("Drill edit.")
        guide.save()
    ChangeNote.objects.create(guide=guide, note="Pay updated.", author=editor)
    Feedback.objects.create(guide=guide, useful=False, comment="More on shifts.", client_hash="a")
    call_command("import_wages", "--from", str(write_sqlite(tmp_path / "a.sqlite")), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_brings_back_everything_and_no_page_from_before(tmp_path, client):
    make_content(tmp_path)
    before = everything()
    assert before["wages.Estimate"] and before["reversion.Version"]
    folder = tmp_path / "backups"
    call_command("backup", dir=str(folder), keep=2, stdout=StringIO())
    (dump,) = backups(folder)
    assert dump.stat().st_mode & 0o777 == 0o600

    # After the backup: a wrong wage release goes in (it bumps only the site-wide version), a
    # reader gets a page showing it, then someone's SQL wipes the guides and the users.
    newer = write_sqlite(tmp_path / "b.sqlite", year="2027")
    call_command("import_wages", "--from", str(newer), verbosity=0)
    assert "May 2027" in client.get("/occupations/11-9111/").content.decode()
    assert client.get("/occupations/11-9111/")["X-Page-Cache"] == "hit"
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE guides_guide, auth_user CASCADE")
        cursor.execute("DROP TABLE feedback_feedback")

    call_command("restore", str(dump), interactive=False, stdout=StringIO())

    after = everything()
    # Every row as it was, but the site-wide page-cache version: moved past every earlier value.
    site_before, site_after = (
        dict(rows.pop("guides.ContentVersion"))["site"] for rows in (before, after)
    )
    assert after == before
    assert site_after > site_before
    page = client.get("/occupations/11-9111/")
    assert page["X-Page-Cache"] == "miss"  # not the copy from between the backup and the restore
    assert "May 2027" not in page.content.decode()
    assert client.get("/guides/drill-guide/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_backups_keep_the_newest_and_a_bad_restore_changes_nothing(tmp_path):
    folder = tmp_path / "backups"
    for _ in range(3):
        call_command("backup", dir=str(folder), keep=2, stdout=StringIO())
    assert len(backups(folder)) == 2
    make_full_guide(slug="kept-guide")
    broken = folder / "careerguide-broken.dump"
    broken.write_bytes(backups(folder)[0].read_bytes()[:5000])  # cut short
    with pytest.raises(CommandError, match="Not restored, the database is unchanged"):
        call_command("restore", str(broken), interactive=False)
    assert Guide.objects.filter(slug="kept-guide").exists()


def test_a_restore_needs_the_typed_confirmation(tmp_path):
    """As an operator types it: anything but RESTORE stops before the database is touched."""
    command = [sys.executable, "manage.py", "restore", str(tmp_path / "any.dump")]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "careerguide.settings.test"}
    result = subprocess.run(
        command, input="yes\n", capture_output=True, text=True, env=environment, cwd=ROOT
    )
    assert result.returncode == 1
    assert "Type RESTORE to go on" in result.stdout
    assert "Not restored: the confirmation was not typed." in result.stderr
