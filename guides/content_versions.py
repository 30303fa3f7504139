"""What each cached page depends on (its tags) and the version of each tag, bumped on every change.

A page is cached with the versions of its tags read before it was rendered, and served only while
they are unchanged: exact invalidation without knowing which pages exist. Tags:
- SITE: every page (wage releases, change notes, anything not tied to one guide);
- GUIDES: the pages that list guides (home, catalogue, search, categories, feed, sitemap);
- guide:<pk>: that guide's page. A change to a guide also bumps the guides that list it as related
  (their pages show its title), and a category's change bumps its guides (they show its name).

Where versions live: with a shared cache (Redis) a random token per tag in that cache, read by every
app server without touching the database; each bump writes new tokens, at once (this transaction
sees its change) and again after commit (a page rendered meanwhile from the old rows is never kept).
Each process keeps the tokens it read until Redis says they changed (careerguide.redis_cache), so a
page-cache hit usually costs no round trip at all.
With a per-process cache, processes share nothing but the database: versions are ContentVersion
rows, bumped in the writing transaction, and a cached page costs one small query.
"""

import uuid

from django.apps import apps
from django.core.cache import cache, caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

from careerguide.redis_cache import RedisCache

from .models import Category, ContentVersion, FixtureRecord, Guide

SITE = "site"
GUIDES = "guides"
# Apps whose models are shown on public pages; their writes bump versions. Bookkeeping excluded.
CONTENT_APPS = {"guides"}
NOT_CONTENT = {ContentVersion, FixtureRecord}


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
    rows = dict(ContentVersion.objects.filter(tag__in=tags).values_list("tag", "value"))
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
            cache.set_many({version_key(tag): uuid.uuid4().hex for tag in tags}, timeout=None)

        renew()
        transaction.on_commit(renew)


def tags_for(instance):
    """The tags whose pages show this row."""
    if isinstance(instance, Guide):
        guide_ids = {instance.pk}
    elif isinstance(instance, Category):
        guide_ids = set(instance.guides.values_list("pk", flat=True))
    elif getattr(instance, "guide_id", None):
        guide_ids = {instance.guide_id}
    else:
        return [SITE]
    # Guides that list these as related show their titles and summaries.
    guide_ids |= set(
        Guide.related_roles.through.objects.filter(to_guide__in=guide_ids).values_list(
            "from_guide", flat=True
        )
    )
    return [GUIDES, *(guide_tag(pk) for pk in guide_ids)]


def is_content(model):
    # Migrations save historical models (another registry), sometimes before guides_contentversion
    # exists; a deploy changes the page cache's keys anyway (guides.release).
    return (
        model._meta.apps is apps
        and model._meta.app_label in CONTENT_APPS
        and model not in NOT_CONTENT
    )


def content_saved(sender, instance, **kwargs):
    if is_content(sender):
        bump(*tags_for(instance))


def relations_changed(sender, instance, action, pk_set, **kwargs):
    if action.startswith("post_") and is_content(type(instance)):
        # pk_set: the guides on the other side, which may no longer be related after a removal.
        bump(*tags_for(instance), *(guide_tag(pk) for pk in pk_set or ()))


def connect():
    # pre_delete, not post_delete: a deleted guide's relations must still be readable.
    post_save.connect(content_saved, dispatch_uid="content_versions_save")
    pre_delete.connect(content_saved, dispatch_uid="content_versions_delete")
    m2m_changed.connect(relations_changed, dispatch_uid="content_versions_m2m")
