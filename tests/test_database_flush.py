"""The test run's flush (tests/database/): every table empty afterwards, as with Django's TRUNCATE,
whether a table holds a few rows (DELETE) or many (TRUNCATE, as a real data set would)."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection

from guides.models import Category

from .database.base import MANY_ROWS


def file_of(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_relation_filenode(%s)", [table])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_flush_empties_tables_of_few_rows_and_of_many():
    editors = Group.objects.get(name="Editors")
    users = User.objects.bulk_create(User(username=f"u{n}") for n in range(MANY_ROWS))
    # Many rows that refer to a table of few (auth_group), and few rows of a table of many.
    User.groups.through.objects.bulk_create(
        User.groups.through(user=user, group=editors) for user in users
    )
    Category.objects.create(name="Few", slug="few")
    before = {table: file_of(table) for table in ("auth_user", "auth_group", "auth_user_groups")}

    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)

    assert not User.objects.exists()
    assert not User.groups.through.objects.exists()
    assert not Category.objects.exists()
    assert Group.objects.filter(name="Editors").exists()  # made again, as after any flush
    after = {table: file_of(table) for table in before}
    assert after["auth_user"] != before["auth_user"]  # truncated
    assert after["auth_user_groups"] != before["auth_user_groups"]
    assert after["auth_group"] == before["auth_group"]  # deleted from
