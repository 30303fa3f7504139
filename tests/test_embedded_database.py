"""The embedded PostgreSQL (scripts/db.sh) admits only its own user, with its password, and no other
local account can reach its socket; clusters from before are secured in place, data kept."""

import hashlib
import os
import shutil
import socket
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        bool(os.environ.get("DATABASE_URL")), reason="DATABASE_URL names another database"
    ),
]
AS_ROOT = os.geteuid() == 0
PSQL = shutil.which("psql")
# Debian's server binaries, as scripts/db.sh finds them; the newest version.
PG_BIN = max(
    Path("/usr/lib/postgresql").glob("*/bin"), key=lambda bin: int(bin.parent.name), default=None
)


def connect(**overrides):
    """A fresh connection to the running server, as the app's settings describe it."""
    db = connection.settings_dict
    params = {
        "host": db["HOST"],
        "port": db["PORT"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "dbname": db["NAME"],
    }
    return psycopg.connect(**{**params, **overrides}, connect_timeout=5)


def test_the_app_connects_with_the_generated_password():
    password_file = settings.BASE_DIR / ".local" / "db_password"
    assert connection.settings_dict["PASSWORD"] == password_file.read_text().strip()
    assert password_file.stat().st_mode & 0o777 == 0o600
    with connect() as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.parametrize(
    ("overrides", "refusal"),
    [
        ({"password": ""}, "no password supplied"),
        ({"password": "guessed"}, 'password authentication failed for user "careerguide"'),
        ({"user": "postgres", "password": ""}, 'no pg_hba.conf entry for host "127.0.0.1"'),
    ],
)
def test_everyone_else_is_refused(overrides, refusal):
    with pytest.raises(psycopg.OperationalError, match=refusal):
        connect(**overrides).close()


def socket_directory():
    with connection.cursor() as cursor:
        cursor.execute("SHOW unix_socket_directories")
        return Path(cursor.fetchone()[0])


def test_the_socket_directory_is_closed_to_other_accounts():
    directory = socket_directory()
    assert directory.stat().st_mode & 0o077 == 0, oct(directory.stat().st_mode)
    server_socket = directory / f".s.PGSQL.{connection.settings_dict['PORT']}"
    assert server_socket.stat().st_mode & 0o077 == 0, oct(server_socket.stat().st_mode)


@pytest.mark.skipif(not AS_ROOT or not PSQL, reason="needs root to act as another account")
def test_another_account_cannot_use_the_socket():
    """What `nobody` (any local account) gets when it tries the socket, then TCP."""
    port = str(connection.settings_dict["PORT"])
    attempts = [
        ["-h", str(socket_directory()), "-U", "careerguide"],
        ["-h", "127.0.0.1", "-U", "careerguide"],
    ]
    answers = [
        subprocess.run(
            ["runuser", "-u", "nobody", "--", PSQL, *where, "-p", port, "-w", "-d", "careerguide"],
            capture_output=True,
            text=True,
            check=False,
            env={"PATH": os.environ["PATH"]},
        )
        for where in attempts
    ]
    assert "Permission denied" in answers[0].stderr
    assert "no password supplied" in answers[1].stderr
    assert all(answer.returncode != 0 for answer in answers)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OtherCheckout:
    """A copy of scripts/db.sh in a temporary checkout, with its own cluster and port."""

    def __init__(self, root):
        self.root = root
        (root / "scripts").mkdir(parents=True)
        shutil.copy(settings.BASE_DIR / "scripts" / "db.sh", root / "scripts" / "db.sh")
        self.port = free_port()
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PG", "DATABASE"))
        }
        self.env["CAREERGUIDE_PGPORT"] = str(self.port)
        # Where db.sh keeps a checkout's cluster (see its comments).
        checkout_id = hashlib.sha1(str(root).encode()).hexdigest()[:12]
        self.data_root = Path("/var/lib/careerguide", checkout_id) if AS_ROOT else root / ".local"
        self.pg_bin = PG_BIN

    def as_db(self, *command, **kwargs):
        prefix = ["runuser", "-u", "postgres", "--"] if AS_ROOT else []
        return subprocess.run(
            [*prefix, *map(str, command)], check=True, capture_output=True, text=True, **kwargs
        )

    def db_sh(self, action):
        return subprocess.run(
            ["bash", "scripts/db.sh", action],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def make_trusting_cluster(self):
        """A running cluster as db.sh made them before: initdb --auth=trust, world-usable socket."""
        self.data_root.mkdir(parents=True)
        if AS_ROOT:
            shutil.chown(self.data_root, "postgres")
        data = self.data_root / "pgdata"
        self.as_db(self.pg_bin / "initdb", "-D", data, "-U", "careerguide", "--auth=trust")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} "
        options += f"-c unix_socket_directories='{self.data_root}'"
        self.as_db(
            self.pg_bin / "pg_ctl",
            "start",
            "-D",
            data,
            "-l",
            self.data_root / "log",
            "-w",
            "-o",
            options,
        )

    def connect(self, password=None, dbname="careerguide"):
        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="careerguide",
            password=password,
            dbname=dbname,
            autocommit=True,
            connect_timeout=5,
        )

    def password(self):
        return (self.root / ".local" / "db_password").read_text().strip()

    def remove(self):
        subprocess.run(["bash", "scripts/db.sh", "stop"], cwd=self.root, env=self.env, check=False)
        shutil.rmtree(self.data_root, ignore_errors=True)


@pytest.fixture
def other_checkout(tmp_path):
    if PG_BIN is None:
        pytest.skip("needs Debian's PostgreSQL server binaries")
    checkout = OtherCheckout(tmp_path / "checkout")
    yield checkout
    checkout.remove()


def test_a_trusting_cluster_is_secured_in_place(other_checkout):
    """An existing developer's cluster, running and trusting everyone, keeps its data and from the
    next start admits only the careerguide user with the generated password."""
    checkout = other_checkout
    checkout.make_trusting_cluster()
    with checkout.connect(password=None, dbname="postgres") as conn:  # trusted: no password
        conn.execute("CREATE DATABASE careerguide")
    with checkout.connect(password=None) as conn:
        conn.execute("CREATE TABLE kept (note text)")
        conn.execute("INSERT INTO kept VALUES ('written before the upgrade')")

    output = checkout.db_sh("start")
    assert "Securing the database" in output

    with pytest.raises(psycopg.OperationalError, match="no password supplied"):
        checkout.connect(password=None)
    with checkout.connect(password=checkout.password()) as conn:
        assert conn.execute("SELECT note FROM kept").fetchall() == [("written before the upgrade",)]
    assert checkout.data_root.stat().st_mode & 0o077 == 0
    assert "Securing" not in checkout.db_sh("start")  # done once

    # A lost password file gets a new password on the next start, data still kept.
    old = checkout.password()
    (checkout.root / ".local" / "db_password").unlink()
    assert "password anew" in checkout.db_sh("start")
    assert checkout.password() != old
    with checkout.connect(password=checkout.password()) as conn:
        assert conn.execute("SELECT count(*) FROM kept").fetchone() == (1,)
