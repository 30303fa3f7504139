"""Real data sets (the OEWS release, the occupation data) imported once per test database and
copied in for each module that asks.

Importing the full wage release takes 10 to 30 s, and deleting it row by row (Django's cascade) as
long again; six modules ask for it. So the first module on a pytest-xdist worker imports it with
the real command and keeps a copy of the tables in a schema of their own (`flush` empties only the
public tables it knows); each later module copies the rows back (INSERT ... SELECT, about a second)
and every module empties the tables with TRUNCATE when it is done. The search entries that depend
on both data sets (guides.finding) are rebuilt after each copy and each emptying, as the imports
rebuild them."""

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from guides.finding.index import rebuild

SCHEMA = "snapshot_"  # one schema per app: snapshot_wages, snapshot_occupations


def _tables(label):
    """App `label`'s models, and (table, its snapshot) quoted for SQL. The snapshot is named
    apart too, so that no look at pg_class by name meets it."""
    models = list(apps.get_app_config(label).get_models(include_auto_created=True))
    quote = connection.ops.quote_name
    pairs = [
        (quote(m._meta.db_table), f"{quote(SCHEMA + label)}.{quote(m._meta.db_table + '_kept')}")
        for m in models
    ]
    return models, pairs


def _superuser(cursor):
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return cursor.fetchone()[0]


def import_once(label, run_import):
    """Fill app `label`'s tables (empty, as every module leaves them) with what `run_import`
    writes: run for the first module on this database, copied from its snapshot afterwards."""
    models, pairs = _tables(label)
    tables = [table for table, _ in pairs]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", [SCHEMA + label]
        )
        kept = cursor.fetchone() is not None
    if not kept:
        run_import()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {connection.ops.quote_name(SCHEMA + label)}")
            for table, copy in pairs:
                cursor.execute(f"CREATE TABLE {copy} AS TABLE {table}")
        return
    with transaction.atomic(), connection.cursor() as cursor:
        if _superuser(cursor):
            # The rows were checked when they were imported: checking their foreign keys again
            # (400,000 lookups at commit) would take longer than copying them.
            cursor.execute("SET LOCAL session_replication_role = replica")
        for table, copy in pairs:  # in any order: Django's foreign keys are checked at commit
            cursor.execute(f"INSERT INTO {table} SELECT * FROM {copy}")
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)  # rows a test adds get new ids
        rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")  # as the imports do


def empty(label):
    """Empty app `label`'s tables (and the search entries on them) at once."""
    _, pairs = _tables(label)
    tables = ", ".join(table for table, _ in pairs)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} CASCADE")
        rebuild()
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")  # empty, as the planner should know
