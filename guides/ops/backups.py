"""Backups of the whole database with pg_dump, and restoring one with pg_restore.

A backup is pg_dump's custom format (compressed, and pg_restore can restore it table by table),
written as `careerguide-<UTC time>.dump` into settings.BACKUP_DIR under a temporary name and
renamed once complete, so a directory never holds half a backup under a backup's name. pg_dump
reads one snapshot (a repeatable-read transaction), so a backup is consistent while the site
keeps writing. Only the newest settings.BACKUP_KEEP are kept.

pg_dump refuses a server newer than itself and pg_restore a dump newer than itself, so both come
from the server's own major version: Debian installs each in /usr/lib/postgresql/<major>/bin
(scripts/db.sh finds the server the same way); elsewhere one on PATH that is at least as new.
"""

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.db import DatabaseError, connection, transaction

from guides.models import ContentVersion
from guides.page_cache import SITE, bump

PREFIX = "careerguide-"
SUFFIX = ".dump"


class BackupError(Exception):
    """A backup or restore that could not be done, said in one line for the operator."""


def server_major():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def client_major(program):
    output = subprocess.run([program, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(found.group(1)) if found else 0


def postgres_program(name):
    """pg_dump or pg_restore that can handle this server's major version."""
    major = server_major()
    debian = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if debian.exists():
        return str(debian)
    on_path = shutil.which(name)
    if on_path and client_major(on_path) >= major:
        return on_path
    raise BackupError(
        f"{name} for PostgreSQL {major} not found: install it "
        f"(apt-get install postgresql-client-{major}) or put it on PATH."
    )


def libpq_environment():
    """The database's address and password for libpq, from the settings; the password travels in
    the environment, never on a command line that `ps` shows."""
    database = connection.settings_dict
    values = {
        "PGHOST": database["HOST"],
        "PGPORT": str(database["PORT"] or ""),
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"],
        "PGDATABASE": database["NAME"],
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def run(command):
    result = subprocess.run(command, env=libpq_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def backups(directory):
    """The directory's backups, oldest first (their names sort by time)."""
    return sorted(Path(directory).glob(f"{PREFIX}*{SUFFIX}"))


def create_backup(directory, keep):
    """Write a new backup and remove all but the newest `keep`; return its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    path = directory / f"{PREFIX}{stamp}{SUFFIX}"
    partial = path.with_suffix(".partial")
    pg_dump = postgres_program("pg_dump")
    try:
        # Custom format, compressed; the file holds password hashes, so only its owner reads it.
        run([pg_dump, "--format=custom", "--compress=6", f"--file={partial}"])
        partial.chmod(0o600)
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    for old in backups(directory)[:-keep]:
        old.unlink()
    return path


def restore_backup(path):
    """Replace the database's contents with the backup's, all or nothing, then make sure no page
    cached before the restore is served."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    pg_restore = postgres_program("pg_restore")
    before = site_version()
    connection.close()  # hold nothing that the restore's DROP TABLEs would wait for
    run(
        [
            pg_restore,
            "--clean",  # drop each object before recreating it from the backup
            "--if-exists",
            "--no-owner",  # a new server's database user may have another name
            "--no-privileges",
            "--single-transaction",  # all of it or, on any error, nothing
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        ]
    )
    connection.close()  # the tables are new: statements prepared before named the old ones
    invalidate_every_page(before)


def site_version():
    """The site-wide page-cache version before a restore (0 when it cannot be read)."""
    try:
        return ContentVersion.objects.filter(tag=SITE).values_list("value", flat=True).first() or 0
    except DatabaseError:  # a damaged database: nothing served from it needs protecting
        return 0


def invalidate_every_page(before):
    """The site-wide bump. Without Redis the versions are counters in the database, which the
    restore has just wound back: a page cached after the backup may hold the very value the bump
    would reach again. So the counter first goes back to where it was before the restore."""
    with transaction.atomic():
        ContentVersion.objects.get_or_create(tag=SITE)
        ContentVersion.objects.filter(tag=SITE, value__lt=before).update(value=before)
        bump(SITE)
