"""How views say what the page cache may keep: @public_page on a view, @kept and @render_once on
the functions that compute a page's expensive parts."""

from functools import wraps

from django.conf import settings
from django.utils import timezone

from .store import CACHE_DOWN, DATABASE_DOWN, kept_value, page_versions, url_key
from .versions import GUIDES, SITE, read_versions, shared


def public_page(*, reads, tags=lambda **kwargs: [GUIDES]):
    """Mark a view whose answer is the same for every anonymous reader, for the page cache to keep.
    `reads` (required, so that no view forgets it): the query parameters it reads. The view sees
    only those (the others are dropped from the request), and the page is kept once per value of
    them: `?utm_source=` costs nothing. None: the query as sent, for views that refuse parameters
    they do not read (the API). `tags(**url_kwargs)`: what content it shows (versions.py); the
    default, lists of guides."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                return view(request, *args, **kwargs)  # never kept (the middleware's rule)
            try:
                # Read before the view reads the content, so a change committed meanwhile is caught.
                versions = read_versions([SITE, *tags(**kwargs)])
            except (*DATABASE_DOWN, *CACHE_DOWN):
                return view(
                    request, *args, **kwargs
                )  # not kept; the view answers (or the 503 page)
            request.page_versions = versions  # the middleware keeps the page under them
            token = page_versions.set(versions)
            try:
                return view(request, *args, **kwargs)
            finally:
                page_versions.reset(token)

        wrapped.page_reads = None if reads is None else tuple(reads)
        return wrapped

    return decorate


def kept(tags=(), *, key=None, shared_only=False):
    """Decorate a function whose value depends only on its arguments (or on `key(*args)`) and the
    content behind `tags` (a list, or a function of the same arguments): the value is kept until
    that content changes. `shared_only`: compute it every time without Redis, where reading the
    versions costs a query, as dear as some answers."""

    def decorate(function):
        name = f"{function.__module__}.{function.__qualname__}"

        @wraps(function)
        def wrapped(*args):
            if shared_only and not shared():
                return function(*args)
            return kept_value(
                (name, key(*args) if key else args),
                tags(*args) if callable(tags) else tags,
                lambda: (function(*args),),  # a tuple, so that None is kept too
            )[0]

        return wrapped

    return decorate


def render_once(tags):
    """Decorate `render(request, *args)`, which makes a public page's HTML: kept per URL (its
    declared parameters), year and version of `tags(*args)`, for the requests the page cache does
    not serve: signed-in readers, whose sessions keep them out of it. Exact like the page cache and
    the same for everyone who may see the content; the caller adds headers. Call `render.fresh()`
    for what must never be kept (a draft preview)."""

    def decorate(render):
        @wraps(render)
        def wrapped(request, *args):
            key = url_key("html", request, timezone.now().year)
            return kept_value(key, tags(*args), lambda: render(request, *args))

        wrapped.fresh = render
        return wrapped

    return decorate
