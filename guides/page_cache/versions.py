"""What each cached page depends on (its tags) and the version of each tag, bumped on every change.

A page is cached with the versions of its tags read before it was rendered, and served only while
they are unchanged: exact invalidation without knowing which pages exist. Tags:
- SITE: every page (wage releases, change notes, anything not tied to one guide);
- GUIDES: the pages that list guides (home, catalogue, search, categories, feed, sitemap);
- guide:<pk>: that guide's page. A change to a guide also bumps the guides that list it as related
  (their pages show its title), and a category's change bumps its guides (they show its name).
Which writes bump which tags is wired in apps.py (receivers in invalidation.py).

Where versions live: with a shared cache (Redis) a random token per tag in that cache, read by every
app server without touching the database; each bump writes new tokens, at once (this transaction
sees its change) and again after commit (a page rendered meanwhile from the old rows is never kept).
Each process keeps the tokens it read until Redis says they changed, or it writes them itself
(redis_backend.TrackedKeys), so a page-cache hit usually costs no round trip at all.
With a per-process cache, processes share nothing but the database: versions are ContentVersion
rows, bumped in the writing transaction, and a cached page costs one small query.
"""

import uuid

from django.core.cache import cache, caches
from django.db import connection, transaction

from .redis_backend import RedisCache

SITE = "site"
GUIDES = "guides"


def guide_tag(pk):
    return f"guide:{pk}"


def shared():
    return isinstance(caches["default"], RedisCache)


def version_key(tag):
    return f"version:{tag}"


def read_versions(tags):
    """{tag: version}; raises a database error when the versions live there and it is down."""
    if shared():
        keys = {version_key(tag): tag for tag in tags}
        found = cache.get_many_tracked(keys)
        missing = {key: uuid.uuid4().hex for key in keys if key not in found}
        if missing:  # never bumped, or evicted: a new token, which no cached page holds
            for key, token in missing.items():
                cache.add(key, token, timeout=None)
            found = cache.get_many_tracked(keys)
        return {keys[key]: value for key, value in found.items()}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tag, value FROM guides_contentversion WHERE tag = ANY(%s::text[])", [list(tags)]
        )
        rows = dict(cursor.fetchall())
    return {tag: rows.get(tag, 0) for tag in tags}


def bump(*tags):
    """Mark the content behind these tags as changed; call inside the writing transaction."""
    tags = sorted(set(tags))  # one order for every writer, so two bumps never deadlock
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO guides_contentversion (tag, value) SELECT unnest(%s::text[]), 1"
            " ON CONFLICT (tag) DO UPDATE SET value = guides_contentversion.value + 1",
            [tags],
        )
    if shared():

        def renew():
            cache.set_many_tracked(
                {version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None
            )

        renew()
        transaction.on_commit(renew)
