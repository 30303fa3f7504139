"""Writing many rows at once with PostgreSQL's COPY (about ten times as fast as bulk_create)."""

from django.db import connection


def copy_rows(model, fields, rows):
    """COPY `rows` (sequences of values in the order of `fields`, column names) into `model`'s
    table; return how many. psycopg quotes each value (None is NULL)."""
    sql = f"COPY {model._meta.db_table} ({', '.join(fields)}) FROM STDIN"
    count = 0
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
