"""The editors' desk (the admin's index): each panel lists what needs attention, links to the
guide, and counts right with thousands of guides in a bounded number of queries."""

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guides.feedback.models import Feedback
from guides.models import Guide
from guides.occupations.models import Projection
from guides.occupations.models import Release as DataRelease
from guides.workflow.models import Editorial

from .admin_pages import change_url, review_url, save, take
from .factories import make_category, make_guide

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.date(2020, 1, 1)


def desk(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return {panel.key: panel for panel in response.context["panels"]}


def projection(soc, percent, thousands):
    release, _ = DataRelease.objects.get_or_create(
        dataset="ep", code="2024-34", defaults={"name": "EP", "year": 2024, "end_year": 2034}
    )
    figures = {"employment_projected": 0, "change": 0, "openings": 0, "exit_rate": 0}
    figures |= {"transfer_rate": 0, "exits": 0, "transfers": 0}
    return Projection.objects.create(
        release=release,
        soc=soc,
        title=soc,
        kind=Projection.Kind.DETAILED,
        employment=thousands,
        change_percent=percent,
        **figures,
    )


def test_each_panel_lists_what_needs_attention(people):
    ed_client, pub_client = people
    mine = make_guide(title="Draft Guide", status=Guide.Status.DRAFT)
    save(ed_client, mine, overview="Begun.")
    waiting = make_guide(title="Waiting Guide", status=Guide.Status.DRAFT)
    take(ed_client, waiting, "submit", message="")
    returned = make_guide(title="Returned Guide", status=Guide.Status.DRAFT)
    take(ed_client, returned, "submit", message="")
    take(pub_client, returned, "send_back", comment="No.")
    soon = make_guide(title="Soon Guide", status=Guide.Status.DRAFT)
    when = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    take(pub_client, soon, "approve", go_live_at=when)
    old = make_guide(title="Old Guide", last_reviewed=LONG_AGO)
    failing = make_guide(title="Failing Guide", last_reviewed=timezone.localdate())
    with TestCase.captureOnCommitCallbacks(execute=True):  # findings are counted after commit
        save(pub_client, failing, summary="TBD", change_note="Summary.")
    projection("47-2111", 9.5, 818.7)
    moved = make_guide(title="Moved Guide", occupation_code="47-2111", growth_percent=9.1)
    make_guide(
        title="Current Guide", occupation_code="47-2111", growth_percent=9.5, employment=818_700
    )
    Feedback.objects.create(guide=old, useful=False, comment="Out of date.")

    for client, role in ((ed_client, "editor"), (pub_client, "publisher")):
        panels = desk(client)
        titles = {key: [entry[1] for entry in panel.entries] for key, panel in panels.items()}
        assert titles["waiting"] == ["Waiting Guide"], role
        assert titles["scheduled"] == ["Soon Guide"]
        assert titles["checks"] == ["Failing Guide"]
        assert titles["data"] == ["Moved Guide"]
        assert "Old Guide" in titles["overdue"] and "Failing Guide" not in titles["overdue"]
        assert titles["feedback"] == ["Old Guide"]
    editor = desk(ed_client)
    assert [e[1] for e in editor["drafts"].entries] == ["Draft Guide"]
    assert [e[1] for e in editor["sent-back"].entries] == ["Returned Guide"]
    assert editor["waiting"].entries[0][0] == review_url(waiting)
    assert editor["checks"].entries[0][0] == change_url(failing)
    assert desk(pub_client)["drafts"].count == 0
    moved.last_reviewed = timezone.localdate() + datetime.timedelta(days=1)  # reviewed since
    moved.save()
    assert desk(ed_client)["data"].count == 0


def queries_for_desk(client):
    client.get("/admin/")  # the session and permissions are read once either way
    with CaptureQueriesContext(connection) as queries:
        desk(client)
    return len(queries)


def test_the_desk_counts_thousands_of_guides_in_a_bounded_number_of_queries(people):
    ed_client, _ = people
    category = make_category()
    projection("47-2111", 9.5, 818.7)  # (without a data release, that panel needs no query)
    few = queries_for_desk(ed_client)
    old = timezone.localdate() - datetime.timedelta(days=400)
    guides = Guide.objects.bulk_create(
        Guide(
            title=f"Guide {n}",
            slug=f"guide-{n}",
            summary="A guide.",
            category=category,
            status=Guide.Status.PUBLISHED,
            last_reviewed=old,
            occupation_code="47-2111",
            growth_percent=9.0,
        )
        for n in range(1200)
    )
    Editorial.objects.bulk_create(
        Editorial(guide=guide, check_errors=1, state=Editorial.State.IN_REVIEW) for guide in guides
    )
    Feedback.objects.bulk_create(
        Feedback(guide=guide, useful=False, comment="Hm.") for guide in guides[:300]
    )
    many = queries_for_desk(ed_client)
    panels = desk(ed_client)
    assert many == few <= 25
    for key in ("waiting", "checks", "overdue", "data"):
        assert panels[key].count == 1200, key
        assert len(panels[key].entries) == 8
    assert panels["feedback"].count == 300
