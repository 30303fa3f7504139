"""The base every page stands on: health checks, error pages, headers, settings."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_is_200_when_the_database_answers(client):
    """Load balancers keep sending traffic while the database works."""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def database_gone():
    """Point the connection at a port where nothing listens: a real lost database, not a mock."""
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"
    yield
    connection.close()
    connection.settings_dict["PORT"] = real_port


@pytest.mark.django_db(transaction=True)
def test_healthz_is_503_when_the_database_is_gone(client, database_gone):
    """A lost database is reported as 503 (take me out of rotation), never as a 500."""
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db(transaction=True)
def test_pages_show_a_friendly_503_when_the_database_is_gone(client, database_gone):
    """Readers get a page in the site's look with Retry-After, not a traceback."""
    response = client.get(reverse("guides:list"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert b"Traceback" not in response.content


def test_404_page_is_in_the_sites_look(client):
    """An unknown address gets the custom page with a way back."""
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert reverse("guides:list").encode() in response.content


def test_500_page_renders_without_a_request_context():
    """The 500 template must render even when nothing else works."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html


def test_security_headers_on_every_page(client):
    """Strict CSP and the usual hardening headers are sent by default."""
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_anonymous_pages_set_no_cookies(client):
    """So a CDN may cache them."""
    for name in ("home", "guides:list"):
        assert not client.get(reverse(name)).cookies


def test_robots_txt_points_to_the_sitemap(client):
    """Search engines find the sitemap from robots.txt."""
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_site_refuses_to_start_without_a_secret_key():
    """Production without DJANGO_SECRET_KEY stops with one clear line (no .local/ fallback)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "DJANGO_DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "careerguide.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "Set DJANGO_SECRET_KEY to a long random value: production settings need it."
    ]


def test_deploy_check_is_clean_with_production_settings():
    """`check --deploy` prints no warning with the README's production variables."""
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="careerguide.settings.production",
        DJANGO_SECRET_KEY="a" * 20 + "-production-like-secret-key-with-enough-entropy-0192837465",
        DJANGO_ALLOWED_HOSTS="careers.example.org",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
