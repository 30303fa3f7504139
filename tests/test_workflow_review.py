"""Review before publishing, walked as the people do it: an editor's changes to a published guide
wait as a draft that readers never see, the editor submits, a publisher is emailed, sends back or
approves; every step is in the guide's history."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from guides.models import ChangeNote, Guide
from guides.workflow.models import Editorial, ReviewStep

from .admin_pages import change_url, open_form, person, review_url, save, take
from .factories import make_guide

pytestmark = pytest.mark.django_db


def public_title(guide):
    page = Client().get(guide.get_absolute_url())
    assert page.status_code == 200
    return page


def test_a_published_guides_changes_wait_for_approval(people):
    ed_client, pub_client = people
    guide = make_guide(title="Welder", slug="welder")
    response = save(ed_client, guide, title="Welder and cutter", change_note="New title.")
    assert response.status_code == 302
    # Readers, the API and the database's row keep the published version.
    assert b"Welder and cutter" not in public_title(guide).content
    api = Client().get("/api/v1/guides/welder").json()
    assert api["title"] == "Welder"
    assert Guide.objects.get(pk=guide.pk).title == "Welder"
    assert not ChangeNote.objects.filter(guide=guide).exists()
    # The editor sees their draft when they open the guide again, and can preview it.
    form = ed_client.get(change_url(guide))
    assert form.context["adminform"].form.initial["title"] == "Welder and cutter"
    assert b"changes waiting for approval" in form.content
    preview = ed_client.get(reverse("admin:guides_guide_preview", args=[guide.pk]))
    assert b"Welder and cutter" in preview.content and "private" in preview["Cache-Control"]
    # A second save edits the draft (the stale check follows the draft's own time).
    assert save(ed_client, guide, summary="Joins metal.").status_code == 302
    assert Editorial.objects.get(guide=guide).draft["summary"] == "Joins metal."

    take(ed_client, guide, "submit", message="Retitled to match BLS.")
    assert [m.to for m in mail.outbox] == [["pablo@example.org"]]
    assert "Retitled to match BLS." in mail.outbox[0].body
    assert b"Welder and cutter" not in public_title(guide).content

    page = take(pub_client, guide, "approve", message="")
    assert b"Approved and published." in page.content
    shown = public_title(guide).content
    assert b"Welder and cutter" in shown and b"Joins metal." in shown
    assert Client().get("/api/v1/guides/welder").json()["title"] == "Welder and cutter"
    assert ChangeNote.objects.get(guide=guide).note == "New title."
    guide.refresh_from_db()
    assert guide.last_reviewed is not None
    assert Editorial.objects.get(guide=guide).draft is None
    actions = list(ReviewStep.objects.filter(guide=guide).values_list("action", "user__username"))
    assert actions == [("approved", "pablo"), ("submitted", "edna")]


def test_sent_back_with_a_comment_the_editor_sees_then_resubmitted(people):
    ed_client, pub_client = people
    guide = make_guide(title="Roofer", slug="roofer", status=Guide.Status.DRAFT)
    take(ed_client, guide, "submit", message="First draft, please check.")
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Review requested: Roofer"
    waiting = pub_client.get(review_url(guide))
    assert b"First draft, please check." in waiting.content
    take(pub_client, guide, "send_back", comment="The summary is too vague.")
    assert mail.outbox[1].to == ["edna@example.org"]
    seen = ed_client.get(change_url(guide)).content.decode()
    assert "Sent back for changes" in seen and "The summary is too vague." in seen
    assert save(ed_client, guide, summary="Roofers repair and install roofs.").status_code == 302
    take(ed_client, guide, "submit", message="Fixed the summary.")
    assert Editorial.objects.get(guide=guide).state == Editorial.State.IN_REVIEW
    assert Client().get(guide.get_absolute_url()).status_code == 404
    for page in (review_url(guide), reverse("admin:guides_guide_history", args=[guide.pk])):
        history = ed_client.get(page).content.decode()
        for text in ("Submitted for review", "Sent back", "The summary is too vague.", "pablo"):
            assert text in history, (page, text)


def test_only_publishers_approve_or_send_back(people):
    ed_client, _ = people
    guide = make_guide(status=Guide.Status.DRAFT)
    take(ed_client, guide, "submit", message="")
    for step in ("approve", "send_back"):
        assert ed_client.post(review_url(guide), {"step": step, "comment": "x"}).status_code == 403
    assert not Guide.objects.get(pk=guide.pk).is_published


def test_a_send_back_needs_a_comment_and_a_past_time_is_refused(people):
    ed_client, pub_client = people
    guide = make_guide(status=Guide.Status.DRAFT)
    take(ed_client, guide, "submit", message="")
    page = take(pub_client, guide, "send_back", comment="  ")
    assert b"This field is required" in page.content
    page = take(pub_client, guide, "approve", go_live_at="2020-01-01T09:00")
    assert b"That time has passed" in page.content
    assert Editorial.objects.get(guide=guide).state == Editorial.State.IN_REVIEW


def test_a_draft_is_checked_and_validated_like_a_guide(people):
    ed_client, _ = people
    guide = make_guide()
    data = open_form(ed_client, guide)
    response = ed_client.post(change_url(guide), {**data, "growth_period": "soon", "title": ""})
    assert response.status_code == 200 and b"This field is required" in response.content
    assert not Editorial.objects.filter(guide=guide, draft__isnull=False).exists()
    save(ed_client, guide, summary="TBD", change_note="Summary.")
    assert Editorial.objects.get(guide=guide).check_errors == 1
    assert b"placeholder" in ed_client.get(change_url(guide)).content


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_draft_saves_exactly_one_wins():
    """Two editors open a guide's draft and save at once: one saves, the other is told (the draft's
    row is locked before it is read, so the second cannot save over the first unseen)."""
    from .test_admin_integrity import STALE, post_in_thread

    guide = make_guide()
    clients = [person(name, "Editors")[1] for name in ("ann", "bob")]
    assert save(clients[0], guide, summary="A first draft.").status_code == 302
    forms = [open_form(client, guide) for client in clients]
    for name, data in zip(("Ann", "Bob"), forms, strict=True):
        data["summary"] = f"{name}'s summary."
    results = {}
    threads = [
        post_in_thread(client, change_url(guide), data, results, index)
        for index, (client, data) in enumerate(zip(clients, forms, strict=True))
    ]
    for thread in threads:
        thread.join(30)
    codes = sorted(response.status_code for response in results.values())
    assert codes == [200, 302]
    loser = next(response for response in results.values() if response.status_code == 200)
    assert STALE in loser.content.decode()
    winner = next(index for index, response in results.items() if response.status_code == 302)
    draft = Editorial.objects.get(guide=guide).draft
    assert draft["summary"] == f"{('Ann', 'Bob')[winner]}'s summary."


def test_no_save_moves_last_reviewed(people):
    """ "Last reviewed" is a publisher's statement (approve, mark reviewed), not a form field."""
    _, pub_client = people
    guide = make_guide(last_reviewed=datetime.date(2024, 5, 1))
    assert save(pub_client, guide, last_reviewed="2030-01-01", summary="New.").status_code == 302
    guide.refresh_from_db()
    assert (guide.summary, guide.last_reviewed) == ("New.", datetime.date(2024, 5, 1))
    take(pub_client, guide, "mark_reviewed")
    guide.refresh_from_db()
    assert guide.last_reviewed == datetime.date.today()
    assert b"Last reviewed" in Client().get(guide.get_absolute_url()).content
