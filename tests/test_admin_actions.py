"""Workflow actions on selected guides: publish, unpublish, mark reviewed, download files."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from reversion.models import Version

from guides.exporting import export_to
from guides.models import Guide

from .factories import make_full_guide, make_guide

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:guides_guide_changelist")


def act(client, action, *guides):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [g.pk for g in guides]})


def test_publish_unpublish_and_mark_reviewed_actions(client, publisher):
    """The workflow actions change status and review date, each as one revision."""
    guide = make_guide(title="Lawyer")
    act(client, "unpublish", guide)
    guide.refresh_from_db()
    assert guide.status == "draft"
    assert client.get(guide.get_absolute_url()).status_code == 200  # staff preview
    client.logout()
    assert client.get(guide.get_absolute_url()).status_code == 404
    client.force_login(publisher)
    act(client, "publish", guide)
    Guide.objects.filter(pk=guide.pk).update(last_reviewed=datetime.date(2020, 1, 1))
    act(client, "mark_reviewed_today", guide)
    guide.refresh_from_db()
    assert guide.status == "published"
    assert guide.last_reviewed == datetime.date.today()
    comments = [v.revision.comment for v in Version.objects.get_for_object(guide)]
    assert comments == ["Marked reviewed", "Status: published", "Status: moved back to draft"]


def test_publishing_a_draft_sets_its_first_publication_date(client, publisher):
    """The first publication is dated once, and kept when republished."""
    draft = make_guide(status=Guide.Status.DRAFT)
    act(client, "publish", draft)
    draft.refresh_from_db()
    assert draft.first_published == datetime.date.today()
    Guide.objects.filter(pk=draft.pk).update(first_published=datetime.date(2020, 1, 1))
    act(client, "unpublish", draft)
    act(client, "publish", draft)
    draft.refresh_from_db()
    assert draft.first_published == datetime.date(2020, 1, 1)


def test_export_action_downloads_the_fixture_file(client, editor, tmp_path):
    """One guide downloads as exactly the file export_guides writes for it."""
    guide = make_full_guide(slug="clinic-manager")
    response = act(client, "export_fixtures", guide)
    assert response["Content-Disposition"] == 'attachment; filename="clinic-manager.json"'
    export_to(tmp_path)
    assert response.content == (tmp_path / "guides" / "clinic-manager.json").read_bytes()


def test_export_action_zips_several_guides(client, editor, tmp_path):
    """Several guides download as one zip of fixture files."""
    guides = [make_guide(slug="first"), make_guide(slug="second")]
    response = act(client, "export_fixtures", *guides)
    assert response["Content-Disposition"] == 'attachment; filename="guides.zip"'
    export_to(tmp_path)
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["guides/first.json", "guides/second.json"]
        for name in archive.namelist():
            assert archive.read(name) == (tmp_path / name).read_bytes()
