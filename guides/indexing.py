"""The guides' stored search data: what is indexed, with which weights, and when.

A stored, weighted tsvector per guide (A: title and alternative titles; B: summary and the lists
guides.sections weighs B, the responsibilities; C: every Markdown field and the lists weighed C, the
skills), the smaller `search_rank` (A and B) that ranking reads, `search_names` for the typo
correction's trigram index, and `search_keys`, the names as a search compares whole names.
guides.search and guides.finding.results read them. Beside them, the guide's SOC codes (GuideCode),
which occupation pages read to list the guides nearby.

When: one hook. Saving or deleting a guide or one of its searched list items, by any means that
sends Django's signals (the admin, the publishing service, a revision restored, the shell), queues
the guide; when the transaction commits, each queued guide is indexed once, and the pages that list
guides (search among them) are marked changed. Bulk creation sends no signals: code that
bulk-creates list items (load_guides, generate_synthetic_guides) calls `index()` itself.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import F, Func, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.db.models.signals import post_delete, post_save

from .finding.index import names_sql
from .models import Guide, GuideCode, ListItem, markdown_fields
from .page_cache import GUIDES, bump
from .sections import LISTS
from .wages.queries import soc_codes

CONFIG = "english"
# The columns index() writes: derived data, so never part of a revision.
SEARCH_COLUMNS = ("search_keys", "search_names", "search_rank", "search_vector")
SEARCHED = [part for part in LISTS if part.search_weight]


def index(guide_ids):
    """Recompute now the stored search data of these guides and of any this connection has queued:
    for code that bulk-creates list items, which sends no signals."""
    _write({*guide_ids, *_take_queued()})


def _write(guide_ids):
    if not guide_ids:
        return
    ranked_part = SearchVector(_names(), weight="A", config=CONFIG) + SearchVector(
        "summary", *_lists_weighed("B"), weight="B", config=CONFIG
    )
    prose = [field.name for field in markdown_fields(Guide)]
    columns = {
        # Kept rather than computed by each search: the tier of every match (6,624 for "nurse" at
        # 10,000 guides) compared the words with keys made on the spot.
        "search_keys": Func(
            F("title"),
            F("alternative_titles"),
            template=names_sql("array_prepend(%(expressions)s)"),
            output_field=ArrayField(TextField()),
        ),
        "search_names": _names(),
        "search_rank": ranked_part,
        "search_vector": ranked_part
        + SearchVector(*prose, *_lists_weighed("C"), weight="C", config=CONFIG),
    }
    Guide.objects.filter(pk__in=guide_ids).update(
        **{name: columns[name] for name in SEARCH_COLUMNS}
    )
    write_codes(guide_ids)


def write_codes(guide_ids):
    """The guides' GuideCode rows, as Guide.objects.published() shows them now: a guide that is
    not public has none, so it never takes the place of one that is."""
    GuideCode.objects.filter(guide__in=guide_ids).delete()
    public = Guide.objects.published().filter(pk__in=guide_ids).only("title", "occupation_code")
    GuideCode.objects.bulk_create(
        GuideCode(guide=guide, code=code, title=guide.title)
        for guide in public
        for code in soc_codes(guide.occupation_code)
    )


def _names():
    """A guide's title and alternative titles, as one text."""
    return Concat(
        F("title"),
        Value(" "),
        Func(
            F("alternative_titles"),
            Value(" "),
            function="array_to_string",
            output_field=TextField(),
        ),
        output_field=TextField(),
    )


def _list_text(part):
    return Coalesce(
        Subquery(
            part.rows(OuterRef("pk"))
            .values("guide")
            .annotate(text=StringAgg("text", delimiter=" "))
            .values("text")
        ),
        Value(""),
        output_field=TextField(),
    )


def _lists_weighed(weight):
    return [_list_text(part) for part in SEARCHED if part.search_weight == weight]


def changed(guide_id):
    """Queue a guide for indexing when the current transaction commits (at once outside one).

    Every change registers the flush: the first to run at the commit indexes every guide queued,
    the others find nothing. Registering only once would lose the flush when the savepoint that
    registered it rolls back. A rolled-back change leaves its guide queued: indexed again by the
    next flush, which changes nothing."""
    _queued().add(guide_id)
    transaction.on_commit(_flush)


def _flush():
    guide_ids = _take_queued()
    if not guide_ids:
        return
    with transaction.atomic():
        _write(guide_ids)
        # A search page rendered between the commit and this update holds the old results under
        # the new versions: mark the lists changed again.
        bump(GUIDES)


def _queued():
    connection = transaction.get_connection()
    if not hasattr(connection, "guides_to_index"):
        connection.guides_to_index = set()
    return connection.guides_to_index


def _take_queued():
    queued = _queued()
    taken = set(queued)
    queued.clear()
    return taken


def row_changed(sender, instance, **kwargs):
    # Not filtered by sender: the admin's inlines save ListItem's proxies (one per kind).
    if isinstance(instance, Guide):
        changed(instance.pk)
    elif isinstance(instance, ListItem) and any(p.kind == instance.kind for p in SEARCHED):
        changed(instance.guide_id)


def connect():
    """The hook, from GuidesConfig.ready()."""
    post_save.connect(row_changed, dispatch_uid="indexing_saved")
    post_delete.connect(row_changed, dispatch_uid="indexing_deleted")
