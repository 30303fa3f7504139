"""The full-page cache: anonymous GETs of public pages, rendered once, compressed once, served from
the cache until the content they show changes (guides.content_versions), and served stale rather than
not at all when the database is down.

Only requests without a session cookie are looked up or stored: a session may be a signed-in editor
(who sees drafts and their own edits at once), and reading it would need the database. A response is
kept only if its view is marked @public_page and it carries no secret: no cookie (a CSRF token sets
one), no private or no-store Cache-Control. So compression (gzip, brotli) never touches a response
holding a secret (BREACH).
"""

import gzip
import hashlib
import logging
from functools import wraps

import brotli
from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from redis import RedisError

from .content_versions import GUIDES, SITE, read_versions, shared
from .release import RELEASE

logger = logging.getLogger(__name__)

# Browsers revalidate every time (a 304 costs one cache read); shared caches (a CDN) may keep a page
# a minute, serve it a minute more while they refetch, and a day while the site answers with errors.
CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"
# A page served because the database is down: not to be kept as if it were current.
STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=0, stale-if-error=86400"
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
# Headers the cache sets itself on every answer, rather than keeping the first response's.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "cache-control"}
# Compressed once, when a page enters the cache, so the strongest settings pay: brotli's quality 10
# takes about 80 ms for the seed guide (63 KB to 14.5 KB), gzip's 9 a few (17.5 KB).
ENCODINGS = {
    "br": lambda body: brotli.compress(body, quality=10),
    "gzip": lambda body: gzip.compress(body, compresslevel=9),
}


def public_page(tags=lambda **kwargs: [GUIDES]):
    """Mark a view whose answer is the same for every anonymous reader. `tags(**url_kwargs)` says
    what content it shows (guides.content_versions); the default: lists of guides."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        wrapped.page_tags = tags
        return wrapped

    return decorate


class PageCacheMiddleware:
    """Placed after SecurityMiddleware and WhiteNoise, before everything that touches a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        key = url_key("page", request)
        entry = cached(key)
        if entry is not None:
            try:
                fresh = entry["year"] == timezone.now().year and (
                    read_versions(entry["versions"]) == entry["versions"]
                )
            except DATABASE_DOWN as error:
                logger.error("Database unavailable, serving a cached page: %s", error)
                return serve(request, entry, "stale")
            except CACHE_DOWN:
                fresh = False
            if fresh:
                return serve(request, entry, "hit")

        response = self.get_response(request)
        if getattr(response, "database_unavailable", False) and entry is not None:
            return serve(request, entry, "stale")
        versions = getattr(request, "page_versions", None)
        if versions is None or not keepable(request, response):
            return response
        entry = make_entry(response, versions)
        keep(key, entry)
        return serve(request, entry, "miss")

    def process_view(self, request, view, args, kwargs):
        tags = getattr(view, "page_tags", None)
        if tags is None or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        try:
            # Read before the view reads the content, so a change committed meanwhile is caught.
            request.page_versions = read_versions([SITE, *tags(**kwargs)])
        except (*DATABASE_DOWN, *CACHE_DOWN):
            pass  # not kept; the view answers (or the 503 page does)
        return None


def url_key(kind, request, *more):
    """One key per code release, host, path and query (and whatever else `more` adds)."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"{kind}:" + hashlib.sha256(f"{RELEASE} {url} {more}".encode()).hexdigest()


def render_once(request, tags, render):
    """The HTML `render()` makes, kept until the content behind `tags` or the year changes, for
    the requests the page cache does not serve: signed-in readers and editors' previews, whose
    sessions keep them out of it. Exact like the page cache (it is keyed by the versions, read
    before rendering) and the same for everyone who may see the content; the caller adds headers."""
    # An anonymous request's versions were read for the page cache already (the same tags).
    key = url_key("html", request, timezone.now().year)
    return kept(key, tags, render, getattr(request, "page_versions", None))


def kept(key, tags, make, versions=None):
    """make()'s value (never None), kept under `key` (any text or tuple) until the content behind
    `tags` changes: keyed by their versions, read before make() reads the content. `versions`:
    those already read for these tags."""
    try:
        versions = versions or read_versions([SITE, *tags])
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
    """A stored page or HTML: this process's copy if it has one, else the cache's."""
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


def keepable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def make_entry(response, versions):
    body = response.content
    return {
        "versions": versions,
        "year": timezone.now().year,  # decides which figures are "dated"
        "headers": [(k, v) for k, v in response.items() if k.lower() not in OWN_HEADERS],
        "digest": hashlib.sha256(body).hexdigest()[:32],
        "bodies": {"identity": body, **{name: zip_(body) for name, zip_ in ENCODINGS.items()}},
    }


def accepted_encoding(request, bodies):
    """br, else gzip, else none, as the client's Accept-Encoding allows (q=0 refuses)."""
    accepted = set()
    for item in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = item.strip().partition(";")
        if params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name.strip().lower())
    return next((name for name in ENCODINGS if name in accepted and name in bodies), "identity")


def serve(request, entry, state):
    encoding = accepted_encoding(request, entry["bodies"])
    # One validator per representation; any of them revalidates the page.
    etag = f'"{entry["digest"]}"' if encoding == "identity" else f'"{entry["digest"]}-{encoding}"'
    sent = {
        tag.removeprefix("W/").strip('"').split("-")[0]
        for tag in parse_etags(request.headers.get("If-None-Match", ""))
    }
    if entry["digest"] in sent:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(entry["bodies"][encoding])
        for name, value in entry["headers"]:
            response[name] = value
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["Content-Length"] = len(response.content)
    response["ETag"] = etag
    response["Cache-Control"] = STALE_CACHE_CONTROL if state == "stale" else CACHE_CONTROL
    # Cookie only where the view said so (it read the session: signed-in readers see more).
    patch_vary_headers(response, ["Accept-Encoding"])
    response["X-Page-Cache"] = state  # hit, miss, or stale (the database is down)
    return response
