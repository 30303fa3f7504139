"""Scheduled publishing and expiry: nothing is public before its time, anywhere; publish_scheduled
publishes what is due once, even when two copies run at once."""

import datetime
import threading

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from guides.models import ChangeNote, Guide
from guides.workflow.models import Editorial, ReviewStep
from guides.workflow.scheduling import publish_due

from .admin_pages import save, take
from .factories import make_guide

SOON = "%Y-%m-%dT%H:%M"


def in_an_hour():
    return (timezone.now() + datetime.timedelta(hours=1)).strftime(SOON)


def time_passes(guide):
    """The scheduled time arrives (rather than the test waiting an hour for it)."""
    moment = timezone.now() - datetime.timedelta(seconds=1)
    Editorial.objects.filter(guide=guide, go_live_at__isnull=False).update(go_live_at=moment)
    Editorial.objects.filter(guide=guide, expire_at__isnull=False).update(expire_at=moment)


def where_shown(slug, title):
    """Where an anonymous reader finds the guide (through the page cache, as readers do)."""
    reader = Client()
    link = f"/guides/{slug}/"
    return {
        "page": reader.get(link).status_code == 200,
        "api": reader.get(f"/api/v1/guides/{slug}").status_code == 200,
        "api list": slug in reader.get("/api/v1/guides").content.decode(),
        "sitemap": link in reader.get("/sitemap.xml").content.decode(),
        "search": f'href="{link}"' in reader.get(f"/guides/?q={title}").content.decode(),
        "catalogue": f'href="{link}"' in reader.get("/guides/").content.decode(),
        "feed": link in reader.get("/guides/feed/").content.decode(),
    }


@pytest.mark.django_db
def test_a_scheduled_guide_is_nowhere_before_its_time_and_everywhere_after(people):
    ed_client, pub_client = people
    guide = make_guide(title="Electrician", slug="electrician", status=Guide.Status.DRAFT)
    assert not any(where_shown("electrician", "Electrician").values())  # and now cached
    take(ed_client, guide, "submit", message="Ready.")
    page = take(pub_client, guide, "approve", go_live_at=in_an_hour())
    assert b"Approved: it goes live at" in page.content
    call_command("publish_scheduled")  # not yet due
    assert not any(where_shown("electrician", "Electrician").values())
    assert Guide.objects.get(pk=guide.pk).last_reviewed is None

    time_passes(guide)
    call_command("publish_scheduled")
    assert all(where_shown("electrician", "Electrician").values())
    assert list(ChangeNote.objects.filter(guide=guide).values_list("note", flat=True)) == [
        "First published."
    ]
    assert Guide.objects.get(pk=guide.pk).last_reviewed == timezone.localdate()
    steps = ReviewStep.objects.filter(guide=guide).values_list("action", flat=True)
    assert list(steps)[:2] == ["published", "scheduled"]
    call_command("publish_scheduled")  # nothing more to do
    assert ChangeNote.objects.filter(guide=guide).count() == 1


@pytest.mark.django_db
def test_a_scheduled_revision_waits_and_a_change_after_approval_cancels_it(people):
    ed_client, pub_client = people
    guide = make_guide(title="Plumber", slug="plumber")
    save(ed_client, guide, summary="Plumbers fit pipes.", change_note="Summary rewritten.")
    take(ed_client, guide, "submit", message="")
    take(pub_client, guide, "approve", go_live_at=in_an_hour())
    reader = Client()
    assert b"Plumbers fit pipes." not in reader.get("/guides/plumber/").content
    time_passes(guide)
    call_command("publish_scheduled")
    assert b"Plumbers fit pipes." in reader.get("/guides/plumber/").content
    assert ChangeNote.objects.get(guide=guide).note == "Summary rewritten."

    # Approved and scheduled, then changed: the schedule no longer holds, nothing goes live.
    save(ed_client, guide, summary="Changed again.", change_note="Again.")
    take(ed_client, guide, "submit", message="")
    take(pub_client, guide, "approve", go_live_at=in_an_hour())
    save(ed_client, guide, summary="Changed after approval.", change_note="Again.")
    editorial = Editorial.objects.get(guide=guide)
    assert (editorial.state, editorial.go_live_at) == (Editorial.State.EDITING, None)
    time_passes(guide)
    call_command("publish_scheduled")
    assert b"Plumbers fit pipes." in reader.get("/guides/plumber/").content


@pytest.mark.django_db
def test_a_guide_leaves_the_site_at_its_expiry(people):
    _, pub_client = people
    guide = make_guide(title="Census Taker", slug="census-taker", status=Guide.Status.DRAFT)
    later = (timezone.now() + datetime.timedelta(days=30)).strftime(SOON)
    take(pub_client, guide, "approve", expire_at=later)
    assert where_shown("census-taker", "Census Taker")["page"]
    time_passes(guide)
    call_command("publish_scheduled")
    assert not any(where_shown("census-taker", "Census Taker").values())
    assert ReviewStep.objects.filter(guide=guide, action="expired").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_publish_each_guide_once():
    """Two publish_scheduled runs, each with its own database connection, started together."""
    approver = User.objects.create_user("pat", is_staff=True)
    approver.groups.add(Group.objects.get(name="Publishers"))
    guides = [make_guide(status=Guide.Status.DRAFT) for _ in range(30)]
    past = timezone.now() - datetime.timedelta(minutes=1)
    Editorial.objects.bulk_create(
        Editorial(
            guide=guide,
            state=Editorial.State.SCHEDULED,
            go_live_at=past,
            approved_by=approver,
            approved_at=past,
        )
        for guide in guides
    )
    start, results = threading.Barrier(2), []

    def run():
        try:
            start.wait()
            results.append(publish_due()[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    published = results[0] + results[1]
    assert sorted(published) == sorted(str(guide) for guide in guides)
    assert ReviewStep.objects.filter(action="published").count() == 30
    assert ChangeNote.objects.count() == 30
    assert Guide.objects.published().count() == 30
