"""Production by default: the entry points, refusals at start-up, the health check behind a load
balancer, and the statement timeout."""

import gc
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

pytestmark = pytest.mark.django_db

SECRET = "a-production-like-secret-key-with-enough-entropy-0192837465-abcdefgh"


def python(*args, **env):
    """Run Python in a fresh process with the environment a server would have: no settings module,
    secret key or debug switch unless given (pytest-django exports its own settings module)."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name
        not in (
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_SECRET_KEY",
            "DJANGO_DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }
    return subprocess.run(
        [sys.executable, *args],
        env={**inherited, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


ENTRY_POINT = """
import importlib, sys
importlib.import_module(sys.argv[1])
from django.conf import settings
print(settings.SETTINGS_MODULE, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)
"""


@pytest.mark.parametrize("entry_point", ["careerguide.wsgi", "careerguide.asgi"])
def test_entry_points_default_to_production(entry_point):
    """Forgetting DJANGO_SETTINGS_MODULE no longer drops HSTS, secure cookies and the redirect."""
    result = python("-c", ENTRY_POINT, entry_point, DJANGO_SECRET_KEY=SECRET)
    assert result.stdout.split() == ["careerguide.settings.production", "True", "True"], (
        result.stderr
    )


def test_manage_py_keeps_the_development_settings():
    """So the README's `manage.py createeditor` works right after `make run`."""
    result = python(
        "manage.py",
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; print(settings.SETTINGS_MODULE)",
    )
    assert result.stdout.strip() == "careerguide.settings.base", result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_SECRET_KEY": SECRET, "DJANGO_DEBUG": "true"},
            "DJANGO_DEBUG is on: production settings refuse to run with debug.",
        ),
        (
            {"DJANGO_SECRET_KEY": "", "DJANGO_DEBUG": "true"},
            "Set DJANGO_SECRET_KEY to a long random value: production settings need it.",
        ),
    ],
)
def test_production_refuses_to_start_with_one_line(env, message):
    """Debug on, or debug on without a key from the environment (the key check comes first; the
    development key in .local/ never counts): one line saying why, not a traceback. Without a key
    and without debug: tests/test_foundation.py."""
    result = python(
        "-c",
        "import careerguide.wsgi",
        DJANGO_SETTINGS_MODULE="careerguide.settings.production",
        **env,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [message]


@pytest.fixture
def behind_a_load_balancer(settings):
    """Production's HTTPS and host rules (the test client builds its middleware afresh)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["careers.example.org"]


def test_healthz_answers_plain_http_and_any_host(client, behind_a_load_balancer):
    """A load balancer probes over HTTP with its own IP as Host: it gets the answer, while every
    other page still redirects to HTTPS and refuses unknown hosts."""
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert client.get("/", HTTP_HOST="careers.example.org").status_code == 301
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400
    assert client.get("/", HTTP_HOST="careers.example.org", secure=True).status_code == 200


def test_statement_timeout_is_five_seconds_for_the_site():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == ("5s",)


SHOW_TIMEOUT = (
    "from django.db import connection; c = connection.cursor();"
    " c.execute('SHOW statement_timeout'); print(c.fetchone()[0])"
)


def test_statement_timeout_comes_from_the_environment_and_commands_lift_it():
    web = python(
        "-c",
        "import django; django.setup(); " + SHOW_TIMEOUT,
        DJANGO_SETTINGS_MODULE="careerguide.settings.base",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_STATEMENT_TIMEOUT="2",
    )
    assert web.stdout.strip() == "2s", web.stderr
    command = python(
        "manage.py", "shell", "-v", "0", "-c", SHOW_TIMEOUT, DJANGO_STATEMENT_TIMEOUT="2"
    )
    assert command.stdout.strip() == "0", command.stderr


def test_a_bad_statement_timeout_is_explained():
    result = python(
        "-c",
        "import careerguide.wsgi",
        DJANGO_SETTINGS_MODULE="careerguide.settings.base",
        DJANGO_STATEMENT_TIMEOUT="five",
    )
    assert result.stderr.strip().splitlines() == [
        "DJANGO_STATEMENT_TIMEOUT must be a whole number of seconds (0 for none), not 'five'."
    ]


def slow_page(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(3)")
    return HttpResponse("finished")


urlpatterns = [path("slow/", slow_page), path("", include("careerguide.urls"))]


@pytest.fixture
def short_statement_timeout():
    """The site's setting, shortened on this connection so the test waits 0.3 s, not 5."""
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '300ms'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET statement_timeout")


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_a_query_that_hits_the_timeout_gets_the_503_page(client, short_statement_timeout, caplog):
    """PostgreSQL cancels the slow query; the reader gets the site's 503 page, not a traceback."""
    response = client.get("/slow/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert "Query cancelled by the statement timeout: /slow/" in caplog.text


def test_gunicorn_workers_freeze_what_they_imported(monkeypatch, tmp_path):
    """A full garbage collection over Django's import-time objects took 33 ms of some request."""
    # The config sets PROMETHEUS_MULTIPROC_DIR for gunicorn's workers: not for the other tests that
    # share this process (the metrics tests would then read a directory nobody writes).
    # Set through monkeypatch, so that it is removed again after this test.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    config = runpy.run_path(str(Path(settings.BASE_DIR) / "gunicorn.conf.py"))
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
