"""Editors never lose work in the admin: reorders save, simultaneous saves cannot both win, and
publishing (and deleting what was published) is a permission of its own."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from guides.models import Guide

from .admin_pages import change_url, form_data, open_form
from .factories import make_full_guide

SEED = "clinic-manager"
STALE = "after you opened it"


def seed_like_guide():
    """Every list with four rows (three salary bands), published before."""
    return make_full_guide(slug=SEED, first_published=datetime.date(2026, 1, 15))


def make_user(name, *groups):
    user = User.objects.create_user(name, password="x", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_swapping_two_rows_saves_in_every_sortable_inline(client):
    """What drag and drop posts (two rows trading positions) saves for every inline, no 500."""
    client.force_login(make_user("ed", "Editors", "Publishers"))  # saves go live
    guide = seed_like_guide()
    response = client.get(change_url(guide))
    data = form_data(response)
    swapped = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms = formset.forms
        assert len(forms) >= 2, f"{formset.prefix} needs two rows in the seed guide"
        # adminsortable2's script numbers the rows 1..n in their new order: swap the first two.
        dragged = [forms[1], forms[0], *forms[2:]]
        for number, form in enumerate(dragged, start=1):
            data[form.add_prefix("position")] = number
        swapped[formset.prefix] = (forms[0].instance.pk, forms[1].instance.pk)
    response = client.post(change_url(guide), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.get(change_url(guide))
    for inline in response.context["inline_admin_formsets"]:
        first, second = swapped[inline.formset.prefix]
        order = [form.instance.pk for form in inline.formset.forms]
        assert order.index(second) < order.index(first), inline.formset.prefix


def post_in_thread(client, url, data, results, key):
    def run():
        try:
            results[key] = client.post(url, data)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_a_save_in_progress_and_is_then_refused(transactional_db):
    """Row lock: a save that starts while another holds the guide sees the other's change."""
    guide = seed_like_guide()
    editor = logged_in(make_user("eve", "Editors"))
    data = open_form(editor, guide)
    data["summary"] = "Eve's summary."
    locked, release = threading.Event(), threading.Event()

    def other_editor_saving():
        try:
            with transaction.atomic():
                Guide.objects.select_for_update().get(pk=guide.pk)
                locked.set()
                release.wait(10)
                Guide.objects.filter(pk=guide.pk).update(
                    summary="Olga's summary.", updated_at=timezone.now()
                )
        finally:
            connection.close()

    other = threading.Thread(target=other_editor_saving)
    other.start()
    assert locked.wait(10)
    results = {}
    eve = post_in_thread(editor, change_url(guide), data, results, "eve")
    eve.join(1.5)
    assert eve.is_alive(), "Eve's save should wait for the row lock"
    release.set()
    other.join(10)
    eve.join(10)
    assert results["eve"].status_code == 200
    assert STALE in results["eve"].content.decode()
    assert "Eve&#x27;s summary." in results["eve"].content.decode()  # her input is kept
    assert Guide.objects.get(pk=guide.pk).summary == "Olga's summary."


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_saves_exactly_one_wins(transactional_db):
    """Two editors open the same guide and press save at once: one saves, one is told."""
    guide = seed_like_guide()
    # Publishers: their saves go live (an editor's go to a draft: test_workflow_drafts).
    clients = [logged_in(make_user(name, "Editors", "Publishers")) for name in ("ann", "bob")]
    forms = [open_form(c, guide) for c in clients]
    for name, data in zip(("Ann", "Bob"), forms, strict=True):
        data["summary"] = f"{name}'s summary."
    results = {}
    threads = [
        post_in_thread(c, change_url(guide), d, results, i)
        for i, (c, d) in enumerate(zip(clients, forms, strict=True))
    ]
    for thread in threads:
        thread.join(20)
    codes = sorted(r.status_code for r in results.values())
    assert codes == [200, 302]
    loser = next(r for r in results.values() if r.status_code == 200)
    assert STALE in loser.content.decode()
    winner = next(i for i, r in results.items() if r.status_code == 302)
    assert Guide.objects.get(pk=guide.pk).summary == f"{('Ann', 'Bob')[winner]}'s summary."


@pytest.mark.django_db
class TestPublishing:
    """Editors edit and save drafts; publishers publish, unpublish and delete what was published."""

    def test_an_editor_cannot_change_the_status_and_is_told_who_can(self, client):
        make_user("pat", "Editors", "Publishers")
        client.force_login(make_user("ed", "Editors"))
        guide = seed_like_guide()
        response = client.get(change_url(guide))
        assert "status" not in response.context["adminform"].form.fields
        assert "Who can publish: pat" in response.content.decode()
        data = form_data(response)
        data["status"] = "draft"  # a hand-made post is ignored for a read-only field
        data["summary"] = "Edited by an editor."
        assert client.post(change_url(guide), data).status_code == 302
        guide.refresh_from_db()  # the edit waits as a draft (guides.workflow), status untouched
        assert (guide.status, guide.editorial.draft["status"]) == ("published", "published")
        assert guide.editorial.draft["summary"] == "Edited by an editor."

    def test_an_editor_cannot_unpublish_with_the_action(self, client):
        client.force_login(make_user("ed", "Editors"))
        guide = seed_like_guide()
        url = reverse("admin:guides_guide_changelist")
        client.post(url, {"action": "unpublish", "_selected_action": [guide.pk]})
        guide.refresh_from_db()
        assert guide.status == "published"

    def test_an_editor_cannot_delete_a_once_published_guide(self, client):
        """Not directly, not after it went back to draft, not with the bulk action."""
        client.force_login(make_user("ed", "Editors"))
        guide = seed_like_guide()
        Guide.objects.filter(pk=guide.pk).update(status="draft")
        delete_url = reverse("admin:guides_guide_delete", args=[guide.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        action = {"action": "delete_selected", "_selected_action": [guide.pk]}
        changelist = reverse("admin:guides_guide_changelist")
        confirmation = client.post(changelist, action).content.decode()
        assert "Cannot delete guide" in confirmation
        assert client.post(changelist, {**action, "post": "yes"}).status_code == 403
        assert Guide.objects.filter(pk=guide.pk).exists()

    def test_an_editor_may_delete_a_draft_never_published(self, client):
        client.force_login(make_user("ed", "Editors"))
        guide = seed_like_guide()
        Guide.objects.filter(pk=guide.pk).update(status="draft", first_published=None)
        delete_url = reverse("admin:guides_guide_delete", args=[guide.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 302
        assert not Guide.objects.filter(pk=guide.pk).exists()

    def test_a_publisher_publishes_and_first_published_is_set(self, client):
        client.force_login(make_user("pat", "Editors", "Publishers"))
        guide = seed_like_guide()
        Guide.objects.filter(pk=guide.pk).update(status="draft", first_published=None)
        data = open_form(client, guide)
        data["status"] = "published"
        assert client.post(change_url(guide), data).status_code == 302
        guide.refresh_from_db()
        assert guide.status == "published"
        assert guide.first_published == timezone.localdate()

    def test_an_editor_cannot_republish_by_restoring_an_old_revision(self, client):
        """A revision holds the status too: restoring a published one is a publisher's call."""
        client.force_login(make_user("pat", "Editors", "Publishers"))
        guide = seed_like_guide()
        published = open_form(client, guide)
        published["summary"] = "Saved while published."
        client.post(change_url(guide), published)
        draft = open_form(client, guide)
        draft["status"] = "draft"
        client.post(change_url(guide), draft)
        version = next(
            v
            for v in Version.objects.get_for_object(guide)
            if v.field_dict["status"] == "published"
        )
        url = reverse("admin:guides_guide_revision", args=[guide.pk, version.pk])
        restore = form_data(client.get(url))  # what the revert form posts, seen by a publisher
        client.force_login(make_user("ed", "Editors"))
        assert "needs a publisher (pat)" in client.get(url, follow=True).content.decode()
        assert client.post(url, restore).status_code == 302
        assert Guide.objects.get(pk=guide.pk).status == "draft"

    def test_draft_previews_need_view_guide_not_just_staff(self, client):
        guide = seed_like_guide()
        Guide.objects.filter(pk=guide.pk).update(status="draft")
        client.force_login(make_user("staffer"))  # staff, no guide permissions
        assert client.get(guide.get_absolute_url()).status_code == 404
        client.force_login(make_user("ed", "Editors"))
        assert client.get(guide.get_absolute_url()).status_code == 200

    def test_createeditor_can_make_a_publisher(self, monkeypatch):
        monkeypatch.setenv("EDITOR_PASSWORD", "a-long-enough-password-2026")
        call_command("createeditor", "pia", "--publisher", "--password-from-env", "EDITOR_PASSWORD")
        user = User.objects.get(username="pia")
        assert user.has_perm("guides.publish_guide") and user.has_perm("guides.change_guide")
