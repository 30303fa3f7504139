"""Real data sets (the OEWS release, the occupation data) imported once per test run and copied
in for each module that asks.

Importing the full wage release takes 10 to 30 s, and deleting it row by row (Django's cascade) as
long again; six modules ask for it. So the first module of the run to ask imports it with the real
command and leaves a copy of the tables' rows in a folder every pytest-xdist worker shares
(COPY ... TO STDOUT in PostgreSQL's binary format, some 60 MB; a lock makes the other workers wait
for it rather than import too). Each later module, on any worker, copies the rows in (COPY ...
FROM STDIN, about a second), and every module empties the tables with TRUNCATE when it is done.
The copy is kept outside the database so that the database holds only what a module wrote: the
backup tests dump and restore the whole of it. The search entries that depend on both data sets
(guides.finding) are rebuilt after each copy and each emptying, as the imports rebuild them."""

import fcntl
import pickle
from contextlib import contextmanager

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from guides.finding.index import rebuild

_kept = {}  # app label -> [(table, its rows in COPY's binary format)], as read by this worker


def _tables(label):
    """App `label`'s models, and their tables quoted for SQL."""
    models = list(apps.get_app_config(label).get_models(include_auto_created=True))
    return models, [connection.ops.quote_name(model._meta.db_table) for model in models]


def _superuser(cursor):
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return cursor.fetchone()[0]


def import_once(label, run_import, folder):
    """Fill app `label`'s tables (empty, as every module leaves them) with what `run_import`
    writes: run by the first module of the run, copied from `folder` (shared by the run's
    workers) afterwards."""
    models, tables = _tables(label)
    if label not in _kept:
        saved = folder / f"{label}.copy"
        with _locked(folder / f"{label}.lock"):
            if not saved.exists():
                run_import()
                with connection.cursor() as cursor:
                    rows = [(table, _copy_out(cursor, table)) for table in tables]
                partial = saved.with_suffix(".partial")
                partial.write_bytes(pickle.dumps(rows))
                partial.replace(saved)  # whole or not there
                _kept[label] = rows
                return
        _kept[label] = pickle.loads(saved.read_bytes())  # written by this run, above
    with transaction.atomic(), connection.cursor() as cursor:
        if _superuser(cursor):
            # The rows were checked when they were imported: checking their foreign keys again
            # (400,000 lookups at commit) would take longer than copying them.
            cursor.execute("SET LOCAL session_replication_role = replica")
        # In any order: Django's foreign keys are checked at commit.
        for table, rows in _kept[label]:
            with cursor.copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(rows)
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)  # rows a test adds get new ids
        rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")  # as the imports do


@contextmanager
def _locked(path):
    with open(path, "w") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        yield


def _copy_out(cursor, table):
    with cursor.copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as copy:
        return b"".join(copy)


def empty(label):
    """Empty app `label`'s tables (and the search entries on them) at once."""
    _, tables = _tables(label)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")  # empty, as the planner should know
