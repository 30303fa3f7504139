"""What an operator sees: one log line per request (JSON on request), request ids, Prometheus
metrics at /metrics for loopback or a bearer token, command durations, and Sentry only with a DSN."""

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sentry_sdk
from django.conf import settings
from prometheus_client import REGISTRY, CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector
from pythonjsonlogger.json import JsonFormatter

from guides.ops.requests_log import RequestIdFilter

from .factories import make_guide

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


@pytest.fixture
def json_log():
    """The request logger's lines, formatted as DJANGO_LOG_FORMAT=json formats them."""
    options = {key: value for key, value in settings.LOGGING["formatters"]["json"].items()}
    del options["()"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("careerguide.requests")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_each_request_is_one_json_line_with_its_id_view_status_timing_cache_and_database(
    client, json_log
):
    guide = make_guide(slug="logged-guide")
    first = client.get(guide.get_absolute_url(), headers={"X-Request-ID": "lb-7f3a"})
    second = client.get(guide.get_absolute_url())
    assert first["X-Request-ID"] == "lb-7f3a"
    assert len(second["X-Request-ID"]) == 32  # made here when the client sends none
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert [line["cache"] for line in lines] == ["miss", "hit"]
    miss = lines[0]
    assert miss["request_id"] == "lb-7f3a"
    assert (miss["method"], miss["path"], miss["status"]) == ("GET", guide.get_absolute_url(), 200)
    assert miss["view"] == "guides:detail" and lines[1]["view"] == "guides:detail"
    assert miss["db_queries"] > 0 and miss["db_ms"] > 0 and miss["duration_ms"] >= miss["db_ms"]
    assert {"time", "level", "logger", "message"} <= set(miss)


@pytest.mark.parametrize("sent", ["two words", "x" * 129, "new\\nline", "é"])
def test_an_insane_request_id_is_replaced(client, sent):
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    assert response["X-Request-ID"] != sent and len(response["X-Request-ID"]) == 32


def test_counters_move_with_requests_and_the_page_cache(client):
    guide = make_guide(slug="counted-guide")
    labels = {"view": "guides:detail", "method": "GET", "status": "200"}
    before = {
        "requests": sample("careerguide_requests_total", **labels),
        "hits": sample("careerguide_page_cache_total", result="hit"),
        "misses": sample("careerguide_page_cache_total", result="miss"),
        "queries": sample("careerguide_database_queries_total", view="guides:detail"),
        "latency": sample("careerguide_request_duration_seconds_count", view="guides:detail"),
    }
    for _ in range(3):
        client.get(guide.get_absolute_url())
    assert sample("careerguide_requests_total", **labels) == before["requests"] + 3
    assert sample("careerguide_page_cache_total", result="miss") == before["misses"] + 1
    assert sample("careerguide_page_cache_total", result="hit") == before["hits"] + 2
    assert sample("careerguide_database_queries_total", view="guides:detail") > before["queries"]
    latency = sample("careerguide_request_duration_seconds_count", view="guides:detail")
    assert latency == before["latency"] + 3
    body = client.get("/metrics").content.decode()  # the test client comes from 127.0.0.1
    assert 'careerguide_requests_total{method="GET",status="200",view="guides:detail"}' in body


def test_labels_stay_bounded_whatever_a_client_sends(client):
    """Any method token and any unknown address: a few label values, never one per request."""
    before = sample("careerguide_requests_total", view="unmatched", method="other", status="404")
    for number in range(3):
        client.generic(f"PROBE{number}", f"/no-such-page-{number}/")
    after = sample("careerguide_requests_total", view="unmatched", method="other", status="404")
    assert after == before + 3


@pytest.mark.parametrize(
    "address, headers, status",
    [
        ("127.0.0.1", {}, 200),
        ("::1", {}, 200),
        ("203.0.113.5", {}, 403),
        ("203.0.113.5", {"Authorization": "Bearer wrong"}, 403),
        ("203.0.113.5", {"Authorization": "Bearer metrics-secret"}, 200),
        # A proxy on this machine that the settings do not know of: every reader would be local.
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.5"}, 403),
    ],
)
def test_metrics_are_served_to_loopback_or_the_bearer_token(
    client, settings, address, headers, status
):
    settings.METRICS_TOKEN = "metrics-secret"
    response = client.get("/metrics", headers=headers, REMOTE_ADDR=address)
    assert response.status_code == status
    assert response["Cache-Control"] == "no-store"
    if status == 200:
        assert "careerguide_requests_total" in response.content.decode()


def test_no_token_means_loopback_only(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", headers={"Authorization": "Bearer "}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 403


def run_manage(*args, **environment):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerguide.settings.test",
        **environment,
    }
    command = [sys.executable, "manage.py", *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, cwd=ROOT)


def test_commands_add_their_duration_and_finishing_time_to_the_shared_metrics(tmp_path):
    assert run_manage("check", PROMETHEUS_MULTIPROC_DIR=str(tmp_path)).returncode == 0
    assert run_manage("no_such_command", PROMETHEUS_MULTIPROC_DIR=str(tmp_path)).returncode == 1
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(tmp_path))  # what /metrics adds up under gunicorn
    count = "careerguide_command_duration_seconds_count"
    assert registry.get_sample_value(count, {"command": "check", "outcome": "ok"}) == 1
    assert (
        registry.get_sample_value(count, {"command": "no_such_command", "outcome": "failed"}) == 1
    )
    finished = registry.get_sample_value(
        "careerguide_command_last_finished_timestamp_seconds", {"command": "check", "outcome": "ok"}
    )
    assert finished > 1.7e9


def test_sentry_is_off_without_a_dsn_and_on_with_one():
    assert not sentry_sdk.get_client().is_active()
    # With a DSN the SDK starts; no event is sent, and the address is this machine's anyway.
    probe = "import django; django.setup(); import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "careerguide.settings.test",
        "SENTRY_DSN": "http://public@127.0.0.1:9/1",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment, cwd=ROOT
    )
    assert result.stdout.strip() == "True", result.stderr
