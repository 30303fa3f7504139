"""The full-page cache: anonymous GETs of public pages, rendered once, compressed once, served from
the cache until the content they show changes (versions.py), and served stale rather than not at
all when the database is down.

Only requests without a session cookie are looked up or stored: a session may be a signed-in editor
(who sees drafts and their own edits at once), and reading it would need the database. A response is
kept only if its view is marked @public_page and it carries no secret: no cookie (a CSRF token sets
one), no private or no-store Cache-Control. So compression (gzip, brotli) never touches a response
holding a secret (BREACH).
"""

import hashlib
import logging
from functools import lru_cache
from operator import itemgetter
from urllib.parse import unquote_plus

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

from .encoding import ENCODINGS, accepted_encoding
from .store import CACHE_DOWN, DATABASE_DOWN, cached, keep, url_key
from .versions import read_versions

logger = logging.getLogger(__name__)

# Browsers revalidate every time (a 304 costs one cache read); shared caches (a CDN) may keep a page
# a minute, serve it a minute more while they refetch, and a day while the site answers with errors.
CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=60, stale-if-error=86400"
# A page served because the database is down: not to be kept as if it were current.
STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=0, stale-if-error=86400"
# Headers the cache sets itself on every answer, rather than keeping the first response's.
OWN_HEADERS = {"content-length", "content-encoding", "etag", "last-modified", "cache-control"}


class PageCacheMiddleware:
    """Placed after SecurityMiddleware and WhiteNoise, before everything that touches a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        keep_declared_parameters(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
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
        # Set by @public_page: the versions of what the page shows, read before it was rendered.
        versions = getattr(request, "page_versions", None)
        if versions is None or not keepable(request, response):
            return response
        entry = make_entry(response, versions)
        keep(key, entry)
        return serve(request, entry, "miss")


def keep_declared_parameters(request):
    """Drop the query parameters a public page's view does not read (@public_page(reads=...)), in a
    fixed order, before the cache is looked up and before the view runs: junk (`?utm_source=1`)
    neither renders nor stores a new copy, and the page kept cannot echo it (pagination links are
    made from the query). Views not so declared (the API, which refuses unknown parameters, and
    pages never kept) see their query as sent. Only the raw query string is rewritten (request.GET
    is parsed from it when a view first reads it), so a hit parses nothing."""
    query = request.META.get("QUERY_STRING")
    if not query:
        return
    reads = declared_reads(settings.ROOT_URLCONF, request.path_info)
    if reads is None:
        return
    named = [(unquote_plus(pair.partition("=")[0]), pair) for pair in query.split("&")]
    # Sorted by the declaration, stably: one parameter's values keep their order (?c=...&c=...).
    kept = sorted(
        ((reads.index(name), pair) for name, pair in named if name in reads), key=itemgetter(0)
    )
    request.META["QUERY_STRING"] = "&".join(pair for _, pair in kept)
    request.__dict__.pop("GET", None)  # parsed already (by a middleware): parse the new query


@lru_cache(maxsize=1024)
def declared_reads(urlconf, path):
    """The parameters the view at `path` declared, or None. Kept per path: resolving costs more
    than the rest of a hit."""
    try:
        return getattr(resolve(path, urlconf).func, "page_reads", None)
    except Resolver404:
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


def serve(request, entry, state):
    encoding = accepted_encoding(request.headers.get("Accept-Encoding"), entry["bodies"])
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
    # hit, miss, or stale (the database is down). Operators count hits and misses from it.
    response["X-Page-Cache"] = state
    return response
