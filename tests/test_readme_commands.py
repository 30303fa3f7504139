"""Every `manage.py` command the README shows works exactly as typed, in a checkout after `make run`.

Each runs as a subprocess in a copy of the repository (so `export_guides` writes into the copy), on a
pseudo-terminal (so the password prompts behave as for a person), with no DJANGO_SECRET_KEY and no
settings module in the environment: only what `make run` left in `.local/`."""

import os
import pty
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection

from guides.models import Guide

ROOT = Path(settings.BASE_DIR)
COMMAND = re.compile(r"^(\.venv/bin/python manage\.py [^#\n]+?)\s*(?:#.*)?$", re.MULTILINE)
ANSWERS = {
    "Password": "a-Long-enough-passw0rd-2026",
    "Username": "root-admin",
    "Email address": "admin@example.org",
}


def readme_commands():
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    return [command for block in blocks for command in COMMAND.findall(block)]


def run_on_a_terminal(command, cwd, env, timeout=60):
    """Run a shell command on a pseudo-terminal, answering prompts as a person would."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a shell running the command exactly as written
        os.chdir(cwd)
        os.execve("/bin/sh", ["sh", "-c", command], env)
    output, pending, deadline = b"", b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        pending += chunk
        text = pending.decode(errors="replace")
        prompt = next((p for p in ANSWERS if p in text and text.rstrip().endswith(":")), None)
        if prompt:
            os.write(fd, (ANSWERS[prompt] + "\n").encode())
            pending = b""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


@pytest.fixture
def checkout(tmp_path):
    """A copy of the repository as `make run` leaves it: tracked files, .venv and .local/."""
    if not (ROOT / ".local" / "secret_key").exists():
        pytest.fail("Run `make run` or `make test` first: .local/secret_key is what it makes.")
    copy = tmp_path / "checkout"
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tracked:
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    # What `make run` keeps there for the app (keys, passwords), not the database or its socket.
    (copy / ".local").mkdir()
    for path in (ROOT / ".local").iterdir():
        if path.is_file() and not path.name.endswith((".log", ".pid")):
            shutil.copy2(path, copy / ".local" / path.name)
    return copy


def user_environment():
    """The environment of a person at a shell: none of the test run's Django variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "PYTEST_CURRENT_TEST")
    }
    # The one difference from a person's shell: the test database instead of the embedded one.
    db = connection.settings_dict
    login = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    env["DATABASE_URL"] = f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return env


def test_the_readme_lists_the_commands_it_promises():
    """The test below really sees the README's commands (a renamed block would hide them)."""
    commands = readme_commands()
    assert ".venv/bin/python manage.py createeditor alice" in commands
    assert len(commands) >= 8


@pytest.mark.heavy
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("real_wages", "real_occupations")  # `make run` imported both
def test_every_readme_command_works_as_typed(checkout):
    """Each README command exits 0 and does what the README says."""
    env = user_environment()
    outputs = {}
    for command in readme_commands():
        code, outputs[command] = run_on_a_terminal(command, checkout, env)
        assert code == 0, f"{command}\n{outputs[command]}"
    # The README: import_wages "says 'already imported' when it is stored".
    assert "already imported" in outputs[".venv/bin/python manage.py import_wages"]
    assert User.objects.get(username="alice").groups.filter(name="Editors").exists()
    assert User.objects.get(username="bob").has_perm("guides.publish_guide")
    assert User.objects.get(username="root-admin").is_superuser
    assert Guide.objects.filter(slug="medical-manager").exists()
    exported = checkout / "fixtures" / "guides" / "medical-manager.json"
    assert (
        exported.read_bytes()
        == (ROOT / "fixtures" / "guides" / "medical-manager.json").read_bytes()
    )
