"""One log line per request, and the metrics of each: request id, view, status, duration, the
page cache's answer and the time and number of SQL statements.

First in MIDDLEWARE, so it measures everything, page-cache hits and /healthz included. The
request id is the client's X-Request-ID when it is a sane token (a proxy or load balancer usually
sets one), else a new one; it is echoed in the response and added to every log line written while
the request runs (RequestIdFilter), so an error's lines can be found from the reader's header.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar
from functools import lru_cache

from django.db import connection
from django.urls import Resolver404, resolve

from .metrics import DATABASE_QUERIES, DATABASE_SECONDS, LATENCY, PAGE_CACHE, REQUESTS

logger = logging.getLogger("careerguide.requests")
SANE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
current_request_id = ContextVar("request_id", default="-")
# Metric labels take only these methods: a client may send any token as a method, and each new
# label value would be a new series kept forever.
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class RequestIdFilter(logging.Filter):
    """Adds the current request's id to every log record (settings.LOGGING)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class DatabaseTimer:
    """connection.execute_wrapper: counts the statements and adds up their time."""

    def __init__(self):
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries += 1
            self.seconds += time.perf_counter() - started


def view_name(request):
    """The view's URL name; page-cache hits are answered before URL resolution, so resolve."""
    if request.path_info == "/metrics":
        return "metrics"  # answered by its middleware, outside the URLconf
    match = getattr(request, "resolver_match", None)
    return view_for(match) if match is not None else view_for_path(request.path_info)


def view_for(match):
    return match.view_name or match._func_path


@lru_cache(maxsize=4096)
def view_for_path(path):
    """Cached: a hit's path is usually one asked for again (the cache's own keys repeat)."""
    try:
        return view_for(resolve(path))
    except Resolver404:
        return "unmatched"  # one label for every unknown address: no unbounded label values


@lru_cache(maxsize=4096)
def series(view, method, status, cache):
    """The metrics' children for these labels, looked up once (labels() takes a lock each call).
    Views, statuses and cache answers are few; an unusual method only costs a lookup."""
    return (
        REQUESTS.labels(view, method, status),
        LATENCY.labels(view),
        PAGE_CACHE.labels(cache) if cache != "none" else None,
        DATABASE_SECONDS.labels(view),
        DATABASE_QUERIES.labels(view),
    )


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.META.get("HTTP_X_REQUEST_ID", "")  # not request.headers: it parses them all
        request_id = sent if SANE_ID.fullmatch(sent) else uuid.uuid4().hex
        token = current_request_id.set(request_id)
        timer = DatabaseTimer()
        started = time.perf_counter()
        try:
            with connection.execute_wrapper(timer):
                response = self.get_response(request)
            duration = time.perf_counter() - started
            response["X-Request-ID"] = request_id
            self.record(request, response, duration, timer)
            return response
        finally:
            current_request_id.reset(token)

    def record(self, request, response, duration, timer):
        view = view_name(request)
        cache = response.get("X-Page-Cache", "none")
        method = request.method if request.method in METHODS else "other"
        requests, latency, cache_answers, sql_seconds, sql_queries = series(
            view, method, response.status_code, cache
        )
        requests.inc()
        latency.observe(duration)
        if cache_answers is not None:
            cache_answers.inc()
        sql_seconds.inc(timer.seconds)
        sql_queries.inc(timer.queries)
        fields = {
            "method": request.method,
            "path": request.path,
            "view": view,
            "status": response.status_code,
            "duration_ms": round(duration * 1000, 2),
            "cache": cache,
            "db_queries": timer.queries,
            "db_ms": round(timer.seconds * 1000, 2),
        }
        logger.info(
            "%(method)s %(path)s %(status)s %(duration_ms)sms view=%(view)s cache=%(cache)s "
            "db=%(db_queries)sq/%(db_ms)sms",
            fields,
            extra=fields,
        )
