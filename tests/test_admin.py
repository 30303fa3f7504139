"""Editors maintain every part of a guide in the admin, without fear of losing work."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from guides.models import FAQ, Guide

from .admin_forms import change_url, form_data, open_form

pytestmark = pytest.mark.django_db
SEED = "medical-manager"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("eddie", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def publisher(editor):
    """An editor who may also publish (in the Publishers group)."""
    editor.groups.add(Group.objects.get(name="Publishers"))
    return editor


def test_admin_pages_render_for_an_editor(client, editor):
    """The change list, a full guide, the add form, history and changes open for an editor."""
    guide = Guide.objects.get(slug=SEED)
    changelist = client.get(reverse("admin:guides_guide_changelist"))
    assert changelist.status_code == 200
    html = changelist.content.decode()
    assert "Medical Manager" in html and "28 / 28" in html and "Dated (over 5 years)" in html
    for url in (
        change_url(guide),
        reverse("admin:guides_guide_add"),
        reverse("admin:guides_guide_history", args=[guide.pk]),
        reverse("admin:guides_guide_changes", args=[guide.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_change_form_holds_every_section_in_page_order(client, editor):
    """Every child list has its inline, in the order the public page shows them."""
    response = client.get(change_url(Guide.objects.get(slug=SEED)))
    names = [
        inline.opts.verbose_name_plural for inline in response.context["inline_admin_formsets"]
    ]
    assert names == [
        "salary bands",
        "key responsibilities",
        "tech stack items",
        "tech skills",
        "soft abilities",
        "certifications",
        "career tiers",
        "day-in-the-life blocks",
        "skill map groups",
        "pros",
        "cons",
        "beginner mistakes",
        "pieces of advice",
        "case studies",
        "FAQs",
        "sources and references",
    ]
    counts = {
        inline.opts.verbose_name_plural: len(inline.formset.forms)
        for inline in response.context["inline_admin_formsets"]
    }
    assert counts["key responsibilities"] == 15 and counts["FAQs"] == 9


def test_inline_edit_saves_and_shows_on_the_public_page(client, editor):
    """Changing a salary figure in the inline changes the public page at once."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["salary_bands-0-median"] = "106000"
    data["salary_bands-0-mid"] = "106000"
    data["_continue"] = "1"
    response = client.post(change_url(guide), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "$106,000" in page


def test_invalid_input_is_shown_and_nothing_is_saved(client, editor):
    """A median above the high end and tiers out of order are explained next to the field."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["salary_bands-0-median"] = "150000"
    data["career_tiers-1-years_max"] = "1"
    data["title"] = "Should not be saved"
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "High end of range (140,000) must not be below median (150,000)." in html
    assert "The experience range ends (1 years) before it starts (3 years)." in html
    guide.refresh_from_db()
    assert guide.title == "Medical Manager"
    assert guide.salary_bands.get(position=0).median == 105_000


def test_malformed_url_is_refused(client, editor):
    """A source URL that is not a URL is caught by the form."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["sources-0-url"] = "not a url"
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()


def test_two_items_in_the_same_position_are_refused(client, editor):
    """A duplicated position is an error on the form, not a database crash."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["faqs-1-position"] = data["faqs-0-position"]
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data for position." in response.content.decode()
    assert list(guide.faqs.values_list("position", flat=True)) == list(range(9))


def test_stale_form_is_refused_and_input_kept(client, editor):
    """If someone saved after you opened the form, your save is refused and your text kept."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    other = Guide.objects.get(pk=guide.pk)
    other.summary = "Someone else's summary."
    other.save()
    data["summary"] = "My new summary."
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "after you opened it" in html
    assert "My new summary." in html
    guide.refresh_from_db()
    assert guide.summary == "Someone else's summary."


def test_revision_restore_brings_back_a_deleted_inline(client, editor):
    """Restoring an older revision brings back the FAQ deleted since."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["_continue"] = "1"
    assert client.post(change_url(guide), data).status_code == 302  # revision 1: all 9 FAQs
    data = open_form(client, guide)
    data["faqs-0-DELETE"] = "on"
    data["_continue"] = "1"
    assert client.post(change_url(guide), data).status_code == 302  # revision 2: 8 FAQs
    assert guide.faqs.count() == 8

    older = Version.objects.get_for_object(guide)[1]
    revision_url = reverse("admin:guides_guide_revision", args=[guide.pk, older.pk])
    restore = form_data(client.get(revision_url))
    assert client.post(revision_url, restore).status_code == 302
    assert FAQ.objects.filter(guide=guide).count() == 9
    changes = client.get(reverse("admin:guides_guide_changes", args=[guide.pk]))
    assert "eddie" in changes.content.decode()


def test_changes_page_shows_a_readable_diff(client, editor):
    """The changes page says what changed between revisions, in words."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["_continue"] = "1"
    client.post(change_url(guide), data)
    data = open_form(client, guide)
    data["summary"] = "A sharper summary."
    data["_continue"] = "1"
    client.post(change_url(guide), data)
    html = client.get(reverse("admin:guides_guide_changes", args=[guide.pk])).content.decode()
    assert "+Guide · summary: A sharper summary." in html
    assert "-Guide · summary: Medical managers run" in html


def test_editors_cannot_manage_users_or_delete_published_guides(client, editor):
    """Editors edit content; they cannot reach users, groups or delete what is live."""
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    guide = Guide.objects.get(slug=SEED)
    assert client.get(reverse("admin:guides_guide_delete", args=[guide.pk])).status_code == 403


def test_deleting_a_draft_asks_and_can_be_undone(client, publisher):
    """A once-published draft can be deleted by a publisher after confirmation and recovered."""
    guide = Guide.objects.get(slug=SEED)
    data = open_form(client, guide)
    data["status"] = "draft"
    data["_continue"] = "1"
    client.post(change_url(guide), data)
    delete_url = reverse("admin:guides_guide_delete", args=[guide.pk])
    assert "Are you sure" in client.get(delete_url).content.decode()
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Guide.objects.filter(slug=SEED).exists()
    deleted = Version.objects.get_deleted(Guide).first()
    recover_url = reverse("admin:guides_guide_recover", args=[deleted.pk])
    assert client.post(recover_url, form_data(client.get(recover_url))).status_code == 302
    recovered = Guide.objects.get(slug=SEED)
    assert recovered.faqs.count() == 9 and recovered.salary_bands.count() == 2


def test_publish_unpublish_and_mark_reviewed_actions(client, publisher):
    """The workflow actions change status and review date for the selected guides."""
    guide = Guide.objects.get(slug="lawyer")
    url = reverse("admin:guides_guide_changelist")
    client.post(url, {"action": "unpublish", "_selected_action": [guide.pk]})
    guide.refresh_from_db()
    assert guide.status == "draft"
    assert client.get(guide.get_absolute_url()).status_code == 200  # staff preview
    client.logout()
    assert client.get(guide.get_absolute_url()).status_code == 404
    client.force_login(publisher)
    client.post(url, {"action": "publish", "_selected_action": [guide.pk]})
    Guide.objects.filter(pk=guide.pk).update(last_reviewed=datetime.date(2020, 1, 1))
    client.post(url, {"action": "mark_reviewed_today", "_selected_action": [guide.pk]})
    guide.refresh_from_db()
    assert guide.status == "published"
    assert guide.last_reviewed == datetime.date.today()


def test_export_action_downloads_the_fixture_file(client, editor, settings):
    """An editor's export of a guide is exactly the committed fixture format."""
    guide = Guide.objects.get(slug=SEED)
    response = client.post(
        reverse("admin:guides_guide_changelist"),
        {"action": "export_fixtures", "_selected_action": [guide.pk]},
    )
    assert response["Content-Disposition"] == 'attachment; filename="medical-manager.json"'
    committed = (settings.BASE_DIR / "fixtures" / "guides" / "medical-manager.json").read_bytes()
    assert response.content == committed


def test_markdown_preview_uses_the_public_rendering(client, editor):
    """The preview is the page's own sanitised Markdown."""
    response = client.post(
        reverse("admin:guides_guide_preview_markdown"),
        {"text": "Some *words* <script>x()</script>"},
    )
    assert response.json()["html"] == "<p>Some <em>words</em> x()</p>"


def test_createeditor_makes_an_editor(capsys, monkeypatch):
    """One command makes a staff account in the Editors group, not a superuser."""
    monkeypatch.setenv("NEW_EDITOR_PASSWORD", "a-Long-enough-passw0rd")
    call_command("createeditor", "ada", "--password-from-env", "NEW_EDITOR_PASSWORD")
    user = User.objects.get(username="ada")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editors").exists()
    assert user.check_password("a-Long-enough-passw0rd")
