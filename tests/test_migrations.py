"""Upgrading a database that already holds guides, as `make run` does after a pull."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from guides.models import Guide

BEFORE_RENDERED_HTML = ("guides", "0008_change_notes_and_not_stated_facts")


@pytest.mark.django_db(transaction=True)
def test_upgrading_a_database_with_guides_renders_their_markdown():
    """Migration 0009 saves every guide to render its Markdown; saving then bumped the page
    cache's versions, whose table 0010 creates: upgrading any real database failed."""
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE_RENDERED_HTML])
    old = executor.loader.project_state([BEFORE_RENDERED_HTML]).apps
    category = old.get_model("guides", "Category").objects.create(name="Health", slug="health")
    old.get_model("guides", "Guide").objects.create(
        title="Clinic manager",
        slug="clinic-manager",
        summary="Runs a clinic.",
        overview="Clinic managers *run* clinics.",
        category=category,
    )
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:  # never leave the test database half migrated for the tests after this one
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    guide = Guide.objects.get(slug="clinic-manager")
    assert guide.html["overview"] == "<p>Clinic managers <em>run</em> clinics.</p>"


@pytest.mark.django_db(transaction=True)
def test_upgrading_re_renders_html_stored_by_the_previous_renderer():
    """Migration 0012: HTML stored by cmark is rendered again, so readers get the new renderer's."""
    before = ("guides", "0011_search_words")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps
    category = old.get_model("guides", "Category").objects.create(name="Health", slug="health")
    guides = old.get_model("guides", "Guide").objects
    guides.create(
        title="Nurse", slug="nurse", summary="Cares.", overview="Nurses *care*.", category=category
    )
    guides.filter(slug="nurse").update(html={"overview": "<p>As cmark left it.</p>"})
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Guide.objects.get(slug="nurse").html["overview"] == "<p>Nurses <em>care</em>.</p>"
