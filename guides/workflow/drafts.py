"""Pending changes to a published guide: kept in the fixture format (Editorial.draft) and written
into the guide's rows only inside a savepoint that is rolled back, except when a publisher approves.

The admin edits a draft as it edits any guide: the draft is written into the rows, Django's change
form runs on them (every section, its validation, the content checks, the stale-save check), and
what the save produced is read back as the new draft before the savepoint is rolled back. Readers
never see those rows: the savepoint is never committed, and other connections see only committed
rows. Nothing is cached from inside one either (pages rendered there are never kept)."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from ..checks import check_guide
from ..fixture_format import CHILD_MODELS, data_to_objects
from ..indexing import index
from ..loading import children_by_model, saved_data
from ..models import Category, Guide
from ..sections import LISTS, RELATIONS
from .findings import count_findings
from .models import Editorial

# What only publishing changes: a draft carries the values it was made with, never applies them.
LIVE_FIELDS = ("status", "first_published", "last_reviewed", "created_at", "is_synthetic")


class DraftError(Exception):
    """A stored draft no longer fits the models (a related guide deleted since, say)."""


def guide_data(guide):
    """The guide's saved content in the fixture format."""
    return saved_data([guide.slug])[guide.slug]


def write_data(guide_pk, data):
    """Make the guide's rows say what `data` says (its children replaced wholesale, as a load
    does), keeping the fields only publishing changes. Returns the saved guide."""
    plan, problems = data_to_objects("draft", data)
    live = Guide.objects.select_for_update().get(pk=guide_pk)
    category = Category.objects.filter(slug=plan.category_slug if plan else None).first()
    if problems or category is None:
        raise DraftError("; ".join(f"{p.field}: {p.message}" for p in problems) or "no category")
    guide = plan.guide
    guide.pk, guide._state.adding, guide.category = live.pk, False, category
    for name in LIVE_FIELDS:
        setattr(guide, name, getattr(live, name))
    for model in CHILD_MODELS:
        model.objects.filter(guide=live).delete()
    guide.save()
    for part in LISTS:
        for instance in plan.children.get(part.key, []):
            instance.guide = guide
    for model, objects in children_by_model(plan).items():
        model.objects.bulk_create(objects)
    slugs = {slug for part in RELATIONS for slug in plan.related.get(part.key, [])}
    ids = dict(Guide.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    for part in RELATIONS:
        getattr(guide, part.relation).set(
            [ids[s] for s in plan.related.get(part.key, []) if s in ids]
        )
    index([guide.pk])  # its list items were bulk-created: no signal reached guides.indexing
    return guide


def locked_editorial(guide):
    """The guide's editorial row, locked until the transaction ends (made if missing): two draft
    saves, or a save and an approval, then take turns and the second sees the first."""
    Editorial.objects.get_or_create(guide=guide)
    return Editorial.objects.select_for_update().get(guide=guide)


@contextmanager
def draft_applied(editorial, apply=True):
    """Within: the guide's rows hold its pending draft (if it has one). Everything done within is
    rolled back on leaving, so callers must render what they need before they leave."""
    with transaction.atomic():
        if apply and editorial.has_draft:
            write_data(editorial.guide_id, editorial.draft)
            # The stale-save check compares this with the form's: a draft's time is its own.
            Guide.objects.filter(pk=editorial.guide_id).update(updated_at=editorial.draft_saved_at)
        try:
            yield
        finally:
            transaction.set_rollback(True)


def store_draft(editorial, data, note, user):
    """Keep `data` as the guide's pending changes (after a save of a published guide)."""
    editorial.draft, editorial.draft_note = data, note or editorial.draft_note
    editorial.draft_saved_at = timezone.now()
    editorial.owner = user
    store_findings(editorial, data)
    editorial.save()


def store_findings(editorial, data):
    count_findings(editorial, check_guide(data))
