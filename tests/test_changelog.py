"""The public change log: who writes notes (admin saves, publishing, loads), where readers see
them (the guide page, /guides/<slug>/changes/, the Atom feed), and that drafts never appear."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from guides.loading import load
from guides.models import FAQ, ChangeNote, Guide

from .admin_pages import change_url, form_data, open_form, save
from .factories import guide_file_data, make_guide, write_guide_file

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:guides_guide_changelist")


def notes(guide):
    return list(ChangeNote.objects.filter(guide=guide).values_list("note", flat=True))


def note(guide, text, days_ago=0):
    return ChangeNote.objects.create(
        guide=guide, note=text, published_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def section(html, anchor):
    start = html.index(f'id="{anchor}"')
    return html[start : html.index("</section>", start)]


class TestWriting:
    def test_saving_a_published_guide_needs_a_note_and_records_it(self, client, publisher):
        """No note, no save (the form says why); with one, the note is recorded with its author."""
        guide = make_guide(title="Nurse")
        data = {**open_form(client, guide), "summary": "A better summary.", "_continue": "1"}
        del data["change_note"]
        response = client.post(reverse("admin:guides_guide_change", args=[guide.pk]), data)
        assert response.status_code == 200
        assert "what this save changes for readers" in response.content.decode()
        assert Guide.objects.get(pk=guide.pk).summary != "A better summary." and not notes(guide)

        response = save(client, guide, summary="A better summary.", change_note="Summary reworded.")
        assert response.status_code == 302
        recorded = ChangeNote.objects.get(guide=guide)
        assert (recorded.note, recorded.author) == ("Summary reworded.", publisher)

    def test_an_untouched_save_needs_no_note_and_records_none(self, client, editor):
        guide = make_guide()
        assert save(client, guide, change_note="").status_code == 302
        assert not notes(guide)

    def test_changing_only_a_list_needs_a_note_too(self, client, publisher):
        """Editing, adding or reordering an inline's rows is a change readers see."""
        guide = make_guide()
        FAQ.objects.create(guide=guide, question="Is it hard?", answer="Yes.")
        response = save(client, guide, **{"faqs-0-answer": "Often.", "change_note": ""})
        assert response.status_code == 200 and "what this save changes for readers" in (
            response.content.decode()
        )
        assert FAQ.objects.get(guide=guide).answer == "Yes." and not notes(guide)
        response = save(client, guide, **{"faqs-0-answer": "Often.", "change_note": "FAQ fixed."})
        assert response.status_code == 302 and notes(guide) == ["FAQ fixed."]

    def test_restoring_a_revision_of_a_published_guide_needs_a_note(self, client, publisher):
        """The restore form matches the version it restores, yet the page changes."""
        guide = make_guide(summary="The first summary.")
        save(client, guide, summary="The second summary.", change_note="Summary rewritten.")
        older = Version.objects.get_for_object(guide).first()
        save(client, guide, summary="The third summary.", change_note="Summary rewritten again.")
        url = reverse("admin:guides_guide_revision", args=[guide.pk, older.pk])
        restore = {**form_data(client.get(url)), "change_note": ""}
        assert client.post(url, restore).status_code == 200
        assert Guide.objects.get(pk=guide.pk).summary == "The third summary."
        restore["change_note"] = "Summary restored."
        assert client.post(url, restore).status_code == 302
        assert Guide.objects.get(pk=guide.pk).summary == "The second summary."
        assert notes(guide)[0] == "Summary restored."

    def test_editors_see_earlier_notes_with_their_authors(self, client, publisher):
        guide = make_guide()
        note(guide, "Published from the editors' source files.", days_ago=1)
        save(client, guide, change_note="Summary reworded.")
        html = client.get(change_url(guide)).content.decode()
        assert "eddie · Summary reworded." in html
        assert "automatic · Published from the editors&#x27; source files." in html

    def test_a_note_is_short(self, client, editor):
        guide = make_guide()
        response = save(client, guide, change_note="x" * 161)
        assert response.status_code == 200 and not notes(guide)

    def test_saving_a_draft_needs_no_note_and_records_none(self, client, editor):
        """Drafts never reach the change log, even when the editor writes a note."""
        draft = make_guide(status=Guide.Status.DRAFT)
        assert save(client, draft, summary="Work in progress.", change_note="").status_code == 302
        assert save(client, draft, change_note="Not for the public.").status_code == 302
        assert not notes(draft)

    def test_publishing_writes_a_note_unpublishing_does_not(self, client, publisher):
        """Publishing a draft is news ("First published.", later "Published again."); taking it
        down, or publishing what is already published, writes nothing."""
        draft = make_guide(status=Guide.Status.DRAFT)
        already = make_guide()

        def act(action, *guides):
            client.post(CHANGELIST, {"action": action, "_selected_action": [g.pk for g in guides]})

        act("publish", draft, already)
        assert notes(draft) == ["First published."] and not notes(already)
        assert ChangeNote.objects.get(guide=draft).author == publisher
        act("unpublish", draft)
        assert notes(draft) == ["First published."]
        act("publish", draft)
        assert notes(draft) == ["Published again.", "First published."]

    def test_loads_write_their_own_note_for_published_guides_only(self, tmp_path):
        """A load notes what it publishes or updates; an unchanged guide or a draft gets nothing."""
        write_guide_file(tmp_path, guide_file_data("loaded"))
        write_guide_file(tmp_path, guide_file_data("loaded-draft", status="draft"))
        load([tmp_path])
        loaded = Guide.objects.get(slug="loaded")
        assert notes(loaded) == ["Published from the editors' source files."]
        load([tmp_path])
        assert len(notes(loaded)) == 1
        write_guide_file(tmp_path, guide_file_data("loaded", summary="Updated by a file."))
        load([tmp_path])
        assert notes(loaded)[0] == "Updated from the editors' source files."
        assert not notes(Guide.objects.get(slug="loaded-draft"))

    def test_a_dry_run_writes_no_note(self, tmp_path):
        write_guide_file(tmp_path, guide_file_data("dry"))
        load([tmp_path], dry_run=True)
        assert not ChangeNote.objects.exists()

    def test_guides_published_before_the_change_log_get_one_note(self):
        """The migration gives each published guide a note dated when it was first published."""
        published = make_guide(first_published=datetime.date(2026, 11, 27))
        make_guide(status=Guide.Status.DRAFT)
        migration = importlib.import_module(
            "guides.migrations.0008_change_notes_and_not_stated_facts"
        )
        migration.note_published_guides(apps, None)
        (only,) = ChangeNote.objects.all()
        assert (only.guide, only.note) == (published, "First published.")
        assert only.published_at.date() == datetime.date(2026, 11, 27)


class TestReading:
    def test_the_page_ends_with_the_newest_few_changes_and_links_to_all(self, client):
        """ "What changed" is the page's last section and in its contents: dates and notes of the
        five newest changes, newest first, and a link to the full list."""
        guide = make_guide(slug="charted")
        for days_ago in range(7):
            note(guide, f"Change made {days_ago} days ago.", days_ago)
        html = client.get(guide.get_absolute_url()).content.decode()
        changes = section(html, "changes")
        assert html.index('id="changes"') > html.index('id="at-a-glance"')
        assert '<a href="#changes">What changed</a>' in html
        shown = [f"Change made {days} days ago." for days in range(5)]
        assert [text for text in shown if text in changes] == shown
        assert changes.index(shown[0]) < changes.index(shown[4])
        assert "Change made 5 days ago." not in changes
        assert 'href="/guides/charted/changes/"' in changes
        assert timezone.localdate().strftime("%-d %B %Y") in changes

    def test_a_guide_without_notes_has_no_section(self, client):
        guide = make_guide()
        html = client.get(guide.get_absolute_url()).content.decode()
        assert 'id="changes"' not in html and "What changed" not in html

    def test_the_changes_page_lists_every_note_newest_first(self, client):
        guide = make_guide(slug="listed", title="Listed occupation")
        for days_ago in range(60):
            note(guide, f"Change number {60 - days_ago}.", days_ago)
        response = client.get(reverse("guides:changes", args=["listed"]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "What changed in the Listed occupation guide" in html
        assert html.index("Change number 60.") < html.index("Change number 11.")
        assert "Change number 10." not in html and "Page 1 of 2" in html
        older = client.get(reverse("guides:changes", args=["listed"]), {"page": 2})
        assert "Change number 1." in older.content.decode()

    def test_drafts_have_no_public_change_log(self, client, editor):
        """Not for the public, and not for staff either: a draft's notes are not news."""
        draft = make_guide(status=Guide.Status.DRAFT, slug="hidden")
        note(draft, "Written while it was published.")
        assert client.get(reverse("guides:changes", args=["hidden"])).status_code == 404
        assert client.get(reverse("guides:changes", args=["no-such-guide"])).status_code == 404

    def test_the_feed_carries_each_published_guides_notes_newest_first(self, client):
        """One entry per note, titled by guide and note, linking to the note on the changes
        page; notes of drafts and of guides unpublished since stay out."""
        guide = make_guide(slug="fed", title="Fed occupation", summary="What the job is.")
        note(guide, "First published.", days_ago=3)
        newest = note(guide, "Pay figures updated.", days_ago=1)
        unpublished = make_guide(title="Unpublished occupation")
        note(unpublished, "First published.", days_ago=2)
        unpublished.status = Guide.Status.DRAFT
        unpublished.save()
        feed = client.get(reverse("guides:feed")).content.decode()
        assert feed.count("<entry>") == 2
        assert feed.index("Fed occupation: Pay figures updated.") < feed.index(
            "Fed occupation: First published."
        )
        assert f"/guides/fed/changes/#change-{newest.pk}" in feed
        assert "What the job is." in feed
        assert "Unpublished occupation" not in feed


class TestHonestGaps:
    def test_an_ended_projection_says_so_beside_its_figure(self, client):
        year = timezone.now().year
        period = f"{year - 12}-{(year - 2) % 100:02d}"
        guide = make_guide(
            growth_percent=31,
            growth_period=period,
            growth_source="U.S. Bureau of Labor Statistics, Occupational Outlook Handbook",
        )
        html = client.get(guide.get_absolute_url()).content.decode()
        said = f"Projection period ended in {year - 2}; BLS has published newer projections."
        assert said in section(html, "at-a-glance") and said in section(html, "outlook")
        other = make_guide(growth_percent=5, growth_period=period, growth_source="A trade body")
        assert (
            "the source may have published newer ones"
            in client.get(other.get_absolute_url()).content.decode()
        )
        current = make_guide(growth_percent=5, growth_period=f"{year - 1}-{(year + 9) % 100:02d}")
        assert (
            "Projection period ended" not in client.get(current.get_absolute_url()).content.decode()
        )

    def test_facts_bls_does_not_state_show_as_not_stated(self, client):
        guide = make_guide(employment=1000, entry_education="", work_experience="5 years or more")
        glance = section(client.get(guide.get_absolute_url()).content.decode(), "at-a-glance")
        assert glance.count("Not stated") == 2 and "5 years or more" in glance
