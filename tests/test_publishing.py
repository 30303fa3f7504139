"""The publishing service (guides.publishing) called directly, as a scheduled job would: who may
change a status, what it writes, and the revision it records. The admin's and the loader's use of
it are in test_admin_actions, test_admin_integrity, test_changelog and test_loading."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from guides.models import ChangeNote, Guide
from guides.publishing import publish, unpublish

from .factories import make_guide

pytestmark = pytest.mark.django_db


def notes(guide):
    return list(ChangeNote.objects.filter(guide=guide).values_list("note", flat=True))


def test_an_editor_without_the_permission_cannot_change_a_status(editor):
    """Refused before anything is written; saving a change to a public guide is allowed."""
    draft = make_guide(status=Guide.Status.DRAFT, summary="Before.")
    draft.summary = "After."
    with pytest.raises(PermissionDenied):
        publish(draft, editor)
    stored = Guide.objects.get(pk=draft.pk)
    assert (stored.status, stored.summary, stored.first_published) == ("draft", "Before.", None)
    public = make_guide()
    with pytest.raises(PermissionDenied):
        unpublish(public, editor)
    assert Guide.objects.get(pk=public.pk).status == "published"
    public.summary = "Edited while public."
    publish(public, editor, "Summary reworded.")
    assert notes(public) == ["Summary reworded."]


def test_a_scheduled_publication_is_dated_noted_and_recorded(publisher):
    """Outside the admin (no revision open): the guide is dated today, noted, and saved as a
    revision of its own by the user; publishing it again writes nothing more."""
    draft = make_guide(status=Guide.Status.DRAFT)
    publish(draft, publisher)
    stored = Guide.objects.get(pk=draft.pk)
    assert (stored.status, stored.first_published) == ("published", timezone.localdate())
    assert notes(draft) == ["First published."]
    (version,) = Version.objects.get_for_object(draft)
    assert (version.revision.comment, version.revision.user) == ("Published", publisher)
    publish(stored, publisher)
    assert notes(draft) == ["First published."]


def test_the_system_may_publish_and_a_load_keeps_its_dates():
    """user None (a load, a job) is trusted; stamp=False leaves first_published as the caller set
    it; a given note replaces "First published."; taking a guide down writes no note."""
    draft = make_guide(status=Guide.Status.DRAFT)
    publish(draft, None, "From the files.", stamp=False)
    assert Guide.objects.get(pk=draft.pk).first_published is None
    assert notes(draft) == ["From the files."]
    unpublish(draft, None)
    draft.first_published = datetime.date(2020, 1, 1)
    publish(draft, None)
    assert notes(draft) == ["Published again.", "From the files."]
