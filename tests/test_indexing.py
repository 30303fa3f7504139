"""The search-indexing hook (guides.indexing): any save of a guide or of a searched list item is
indexed when its transaction commits, once per guide, and the lists of guides are marked changed."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from guides.models import Guide, ListItem
from guides.page_cache import GUIDES
from guides.page_cache.versions import read_versions

from .factories import make_guide

pytestmark = pytest.mark.django_db


def found(word):
    return list(Guide.objects.filter(search_vector=word).values_list("title", flat=True))


@pytest.fixture
def guide(django_capture_on_commit_callbacks):
    """A guide whose transaction has committed (pytest-django's test transaction never does)."""
    with django_capture_on_commit_callbacks(execute=True):
        return make_guide(title="Harbour pilot")


def test_a_save_is_indexed_when_its_transaction_commits(guide, django_capture_on_commit_callbacks):
    """Guide fields and list items, saved through the ORM as the shell or a job would; the
    lists of guides (search results among them) get a new version after the index changes."""
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        guide.overview = "Boards ships in fog."
        guide.save()
        ListItem.objects.create(
            guide=guide, kind="responsibility", text="Steer tankers", position=1
        )
        assert found("tankers") == []  # not before the commit
        before = read_versions([GUIDES])
    indexing = [q for q in queries if q["sql"].startswith('UPDATE "guides_guide" SET "search_')]
    assert len(indexing) == 1  # two changes, one update
    assert found("fog") == found("tankers") == ["Harbour pilot"]
    assert read_versions([GUIDES]) != before
    with django_capture_on_commit_callbacks(execute=True):
        ListItem.objects.filter(guide=guide).delete()  # a queryset delete sends the signal too
    assert found("tankers") == []


def test_a_rolled_back_savepoint_does_not_stop_the_next_change(
    guide, django_capture_on_commit_callbacks
):
    """The queue's flush is discarded with a rolled-back savepoint; the next change queues anew."""
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                guide.overview = "Boards ships in fog."
                guide.save()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        guide.overview = "Reads the tides."
        guide.save()
    assert found("tides") == ["Harbour pilot"] and found("fog") == []
