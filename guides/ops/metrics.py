"""Prometheus metrics, and the /metrics endpoint that serves them to loopback or a bearer token.

gunicorn runs several worker processes, each with its own counters: prometheus_client's
multiprocess mode keeps every process's values in files of one directory
(PROMETHEUS_MULTIPROC_DIR, made empty by gunicorn.conf.py at start), and /metrics adds them up, so
any worker answers for all. manage.py commands write there too when the variable is set (after
`make run` it is found in .local/metrics): their durations outlive the command. Without the
variable (tests, runserver) the values are the process's own.
"""

import hmac
import ipaddress
import os
import time
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

from careerguide.client_ip import client_ip

REQUESTS = Counter(
    "careerguide_requests_total", "Requests answered, by view.", ["view", "method", "status"]
)
LATENCY = Histogram(
    "careerguide_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it, by view.",
    ["view"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
PAGE_CACHE = Counter(
    "careerguide_page_cache_total", "Answers of the page cache (X-Page-Cache).", ["result"]
)
DATABASE_SECONDS = Counter(
    "careerguide_database_seconds_total", "Time spent in SQL while answering, by view.", ["view"]
)
DATABASE_QUERIES = Counter(
    "careerguide_database_queries_total", "SQL statements run while answering, by view.", ["view"]
)
COMMAND_SECONDS = Histogram(
    "careerguide_command_duration_seconds",
    "How long manage.py commands (imports, backups, the scheduler) ran.",
    ["command", "outcome"],
    buckets=(0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
)
COMMAND_FINISHED = Gauge(
    "careerguide_command_last_finished_timestamp_seconds",
    "When each manage.py command last finished, by outcome (Unix time).",
    ["command", "outcome"],
    multiprocess_mode="mostrecent",
)


@contextmanager
def timed_command(name):
    """Record a command's duration and finishing time, whether it succeeds or fails."""
    started = time.monotonic()
    outcome = "failed"
    try:
        yield
        outcome = "ok"
    except SystemExit as exit:  # Django's commands exit 0 or 1 through here on the command line
        outcome = "ok" if not exit.code else "failed"
        raise
    finally:
        COMMAND_SECONDS.labels(name, outcome).observe(time.monotonic() - started)
        COMMAND_FINISHED.labels(name, outcome).set(time.time())


def exposition():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def allowed(request):
    """A bearer token (DJANGO_METRICS_TOKEN) from anywhere, or a loopback client without one.
    Loopback means the client as login throttling sees it (DJANGO_TRUSTED_PROXIES), and a
    request that came through a proxy the settings do not know of (X-Forwarded-For with no
    trusted proxies) is not trusted as loopback: a proxy on the same machine would make every
    reader look local."""
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        return True
    if "X-Forwarded-For" in request.headers and not settings.TRUSTED_PROXIES:
        return False
    try:
        return ipaddress.ip_address(client_ip(request) or "").is_loopback
    except ValueError:
        return False


class MetricsEndpointMiddleware:
    """/metrics, answered ahead of the HTTPS redirect and host validation (as /healthz is): a
    scraper on the machine asks http://127.0.0.1:8000/metrics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/metrics":
            return self.get_response(request)
        if not allowed(request):
            response = HttpResponse(
                "Metrics are served to loopback, or with the bearer token.\n",
                status=403,
                content_type="text/plain",
            )
        else:
            response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
        response["Cache-Control"] = "no-store"
        return response
