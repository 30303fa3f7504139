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

from django.db import connection
from django.urls import Resolver404, resolve

from .metrics import DATABASE_QUERIES, DATABASE_SECONDS, LATENCY, PAGE_CACHE, REQUESTS

logger = logging.getLogger("careerguide.requests")
SANE_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
current_request_id = ContextVar("request_id", default="-")


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
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "unmatched"  # one label for every unknown address: no unbounded label values
    return match.view_name or match._func_path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
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
        REQUESTS.labels(view, request.method, response.status_code).inc()
        LATENCY.labels(view).observe(duration)
        if cache != "none":
            PAGE_CACHE.labels(cache).inc()
        DATABASE_SECONDS.labels(view).inc(timer.seconds)
        DATABASE_QUERIES.labels(view).inc(timer.queries)
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
