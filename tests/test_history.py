"""Revisions: what a guide's history holds, how its changes read, and restoring them."""

import pytest
from django.urls import reverse
from reversion.models import Version

from guides.history import revision_lines
from guides.indexing import SEARCH_COLUMNS
from guides.models import FAQ, Guide

from .admin_pages import change_url, form_data, save
from .factories import make_full_guide, make_guide

pytestmark = pytest.mark.django_db


def changes(client, guide):
    return client.get(reverse("admin:guides_guide_changes", args=[guide.pk])).content.decode()


def test_changes_page_shows_a_readable_diff(client, publisher):
    """The changes page says what changed between revisions, in words."""
    guide = make_full_guide(summary="Clinic managers run clinics.")
    save(client, guide)
    save(client, guide, summary="A sharper summary.")
    html = changes(client, guide)
    assert "+Guide · summary: A sharper summary." in html
    assert "-Guide · summary: Clinic managers run clinics." in html
    assert "eddie" in html


def test_history_holds_content_only(client, editor):
    """No search columns and no bookkeeping in a revision; related guides and the category by
    name, not by id."""
    guide = make_guide(title="Midwife")
    nurse = make_guide(title="Registered Nurse")
    lawyer = make_guide(title="Lawyer")
    save(client, guide, related_roles=[nurse.pk])
    save(client, guide, related_roles=[nurse.pk, lawyer.pk])
    version = Version.objects.get_for_object(guide).first()
    assert not set(SEARCH_COLUMNS) & set(version.field_dict)
    lines = revision_lines(version.revision)
    assert f"Guide · category: {guide.category.name}" in lines
    assert not any("search" in line or "updated_at" in line for line in lines)
    html = changes(client, guide)
    assert "+Guide · related_roles: Lawyer, Registered Nurse" in html
    assert "-Guide · related_roles: Registered Nurse" in html


def test_revision_restore_brings_back_a_deleted_inline(
    client, publisher, django_capture_on_commit_callbacks
):
    """Restoring an older revision brings back the FAQ deleted since, and its search data."""
    guide = make_full_guide()
    assert save(client, guide).status_code == 302  # revision 1: all 4 FAQs
    assert save(client, guide, **{"faqs-0-DELETE": "on"}).status_code == 302  # revision 2: 3
    assert guide.faqs.count() == 3

    older = Version.objects.get_for_object(guide)[1]
    revision_url = reverse("admin:guides_guide_revision", args=[guide.pk, older.pk])
    restore = form_data(client.get(revision_url))
    with django_capture_on_commit_callbacks(execute=True):  # as when the admin's request commits
        assert client.post(revision_url, restore).status_code == 302
    assert FAQ.objects.filter(guide=guide).count() == 4
    assert Guide.objects.filter(search_vector="clinic").get() == guide


def test_deleting_a_draft_asks_and_can_be_undone(client, publisher):
    """A once-published draft is deleted by a publisher after confirmation, then recovered."""
    guide = make_full_guide(slug="clinic-manager")
    save(client, guide, status="draft")
    delete_url = reverse("admin:guides_guide_delete", args=[guide.pk])
    assert "Are you sure" in client.get(delete_url).content.decode()
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Guide.objects.filter(slug="clinic-manager").exists()
    deleted = Version.objects.get_deleted(Guide).first()
    recover_url = reverse("admin:guides_guide_recover", args=[deleted.pk])
    assert client.post(recover_url, form_data(client.get(recover_url))).status_code == 302
    recovered = Guide.objects.get(slug="clinic-manager")
    assert recovered.faqs.count() == 4 and recovered.salary_bands.count() == 3
    assert client.get(change_url(recovered)).status_code == 200
