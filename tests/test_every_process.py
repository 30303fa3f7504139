"""A change made from a terminal reaches the running site at once: the server started as `make run`
starts it (scripts/serve.sh: the project's Redis, then gunicorn), and the README's commands run as
separate `manage.py` processes, exactly as typed, in the same checkout."""

import os
import re
import signal
import socket
import subprocess
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.core.management import call_command

from guides.models import Guide
from guides.wages.testing import write_sqlite

from .test_readme_commands import ROOT, checkout, run_on_a_terminal, user_environment  # noqa: F401

SURFACES = {
    "page": "/guides/medical-manager/",
    "change log": "/guides/medical-manager/changes/",
    "API": "/api/v1/guides/medical-manager",
    "catalogue": "/guides/?q=medical",
    "API list": "/api/v1/guides?q=medical",
    "home": "/",
    "occupation": "/occupations/11-9111/",
    "API occupation": "/api/v1/occupations/11-9111",
}


def speed_commands():
    """The commands of the README's "Every process, one cache" block."""
    block = re.search(
        r"Every process, one cache.*?```shell\n(.*?)```",
        ROOT.joinpath("README.md").read_text(),
        re.DOTALL,
    ).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site(checkout):  # noqa: F811
    """The checkout served as `make run` serves it; (base URL, environment, checkout)."""
    if subprocess.run(["which", "redis-server"], capture_output=True).returncode:
        pytest.skip("no redis-server")
    (checkout / "staticfiles").symlink_to(ROOT / "staticfiles")
    env = {**user_environment(), "PORT": str(free_port()), "WEB_CONCURRENCY": "2"}
    started = subprocess.run(
        ["bash", "scripts/serve.sh"], cwd=checkout, env=env, capture_output=True, text=True
    )
    pid = checkout / ".local" / "gunicorn.pid"
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        assert "Redis running" in started.stdout
        yield f"http://127.0.0.1:{env['PORT']}", env, checkout
    finally:
        if pid.exists():
            os.kill(int(pid.read_text()), signal.SIGTERM)
        subprocess.run(["bash", "scripts/redis.sh", "stop"], cwd=checkout, capture_output=True)


def fetch(url):
    """(status, body, X-Page-Cache) through the running server."""
    try:
        with urlopen(url) as response:
            return response.status, response.read().decode(), response.headers["X-Page-Cache"]
    except HTTPError as error:
        return error.code, error.read().decode(), error.headers["X-Page-Cache"]


def everywhere(base):
    return {name: fetch(base + path) for name, path in SURFACES.items()}


def run(command, env, cwd):
    code, output = run_on_a_terminal(command, cwd, env, timeout=120)
    assert code == 0, f"{command}\n{output}"


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
def test_commands_from_a_terminal_change_every_surface_at_once(site, tmp_path):
    base, env, folder = site
    load_guides, import_wages, unpublish = speed_commands()
    assert load_guides.endswith("load_guides --force medical-manager")
    assert import_wages.endswith("import_wages") and "unpublish(" in unpublish
    call_command("import_wages", "--from", str(write_sqlite(tmp_path / "a.sqlite")), verbosity=0)
    call_command("load_guides", verbosity=0)
    # An edit the site has not been told about (update() sends no signal), then cached everywhere.
    Guide.objects.filter(slug="medical-manager").update(title="Stale Title")
    for name, (status, body, _) in everywhere(base).items():
        assert status == 200 and (
            "Stale Title" in body or name in ("home", "occupation", "API occupation")
        ), name
    assert {name: seen[2] for name, seen in everywhere(base).items()} == dict.fromkeys(
        SURFACES, "hit"
    )

    run(load_guides, env, folder)
    for name, (status, body, cached) in everywhere(base).items():
        assert status == 200 and "Stale Title" not in body and cached == "miss", name
    assert "Medical Manager" in fetch(base + SURFACES["page"])[1]

    newer = write_sqlite(tmp_path / "b.sqlite", year="2027")
    run(f"{import_wages} --from {newer}", env, folder)
    for name in ("page", "occupation", "API occupation"):
        assert "May 2027" in fetch(base + SURFACES[name])[1], name

    run(unpublish, env, folder)
    seen = everywhere(base)
    for name in ("page", "change log", "API"):
        assert seen[name][0] == 404, name
    for name in ("catalogue", "API list"):
        assert "Medical Manager" not in seen[name][1] and seen[name][2] == "miss", name
