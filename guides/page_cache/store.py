"""Where pages and kept values are stored: the cache (Redis or per process), plus, with Redis, this
process's copies of what it served last. A cache that is down means no caching, not an error."""

import hashlib
import logging
from contextvars import ContextVar

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import InterfaceError, OperationalError
from redis import RedisError

from .release import RELEASE
from .versions import SITE, read_versions, shared

logger = logging.getLogger(__name__)

# Pages of old versions are never served; they leave the cache after a day, or sooner under LRU.
ENTRY_TIMEOUT = 60 * 60 * 24
# With a shared cache, each process also keeps the pages (and signed-in readers' HTML) it served
# last: a hit then needs only the version tokens, not the whole entry from Redis (every encoding:
# about 95 KB for a guide). Exact all the same, since the versions decide. At most LOCAL_ENTRIES
# pages, about 20 MB.
LOCAL_ENTRIES = 200
local = LocMemCache("page-cache-local", {"TIMEOUT": ENTRY_TIMEOUT, "MAX_ENTRIES": LOCAL_ENTRIES})
DATABASE_DOWN = (OperationalError, InterfaceError)
CACHE_DOWN = (RedisError, OSError)
# The versions a public page's view read before rendering (public_page), so that what it keeps
# while rendering is keyed by the same versions rather than read again.
page_versions = ContextVar("page_versions", default=None)


def url_key(kind, request, *more):
    """One key per code release, host, path and query (and whatever else `more` adds)."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{kind}:" + hashlib.sha256(f"{RELEASE} {url} {more}".encode()).hexdigest()


def kept_value(key, tags, make):
    """make()'s value, kept under `key` (any text or tuple) until the content behind `tags`
    changes: keyed by their versions, read before make() reads the content."""
    tags = {SITE, *tags}
    known = page_versions.get() or {}
    try:
        versions = (
            {tag: known[tag] for tag in tags} if tags <= known.keys() else read_versions(tags)
        )
    except (*DATABASE_DOWN, *CACHE_DOWN):
        return make()
    key = (
        "kept:"
        + hashlib.sha256(repr((RELEASE, key, sorted(versions.items()))).encode()).hexdigest()
    )
    value = cached(key)
    if value is None:
        value = make()
        keep(key, value)
    return value


def cached(key):
    """A stored page or value: this process's copy if it has one, else the cache's."""
    if not shared():
        return cache_call(cache.get, key)
    value = local.get(key)
    if value is None:
        value = cache_call(cache.get, key)
        if value is not None:
            local.set(key, value)
    return value


def keep(key, value):
    cache_call(cache.set, key, value, ENTRY_TIMEOUT)
    if shared():
        local.set(key, value)


def cache_call(method, *args):
    """A cache that is down means no caching, not an error page."""
    try:
        return method(*args)
    except CACHE_DOWN as error:
        logger.warning("Page cache unavailable: %s", error)
        return None
