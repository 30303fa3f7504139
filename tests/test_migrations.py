"""Upgrading a database that already holds guides, as `make run` does after a pull."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from guides.models import Guide, GuideCode

BEFORE_RENDERED_HTML = ("guides", "0008_change_notes_and_not_stated_facts")


@contextmanager
def upgraded_from(migration):
    """The test database migrated back to `migration`, its models then given for the body to write
    old data with; afterwards migrated to the latest, even when the body fails, so no test after
    this one meets a half-migrated database."""
    executor = MigrationExecutor(connection)
    executor.migrate([migration])
    try:
        yield executor.loader.project_state([migration]).apps
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_upgrading_a_database_with_guides_renders_their_markdown():
    """Migration 0009 saves every guide to render its Markdown; saving then bumped the page
    cache's versions, whose table 0010 creates: upgrading any real database failed."""
    with upgraded_from(BEFORE_RENDERED_HTML) as old:
        category = old.get_model("guides", "Category").objects.create(name="Health", slug="health")
        old.get_model("guides", "Guide").objects.create(
            title="Clinic manager",
            slug="clinic-manager",
            summary="Runs a clinic.",
            overview="Clinic managers *run* clinics.",
            category=category,
        )
    guide = Guide.objects.get(slug="clinic-manager")
    assert guide.html["overview"] == "<p>Clinic managers <em>run</em> clinics.</p>"


@pytest.mark.django_db(transaction=True)
def test_upgrading_re_renders_html_stored_by_the_previous_renderer():
    """Migration 0012: HTML stored by cmark is rendered again, so readers get the new renderer's."""
    with upgraded_from(("guides", "0011_search_words")) as old:
        category = old.get_model("guides", "Category").objects.create(name="Health", slug="health")
        guides = old.get_model("guides", "Guide").objects
        guides.create(
            title="Nurse",
            slug="nurse",
            summary="Cares.",
            overview="Nurses *care*.",
            category=category,
        )
        guides.filter(slug="nurse").update(html={"overview": "<p>As cmark left it.</p>"})
    assert Guide.objects.get(slug="nurse").html["overview"] == "<p>Nurses <em>care</em>.</p>"


@pytest.mark.django_db(transaction=True)
def test_upgrading_fills_the_codes_occupation_pages_read():
    """Migration 0015: the published guides already in a database get their SOC codes at once (an
    occupation page would otherwise show no guides nearby until each guide was saved again)."""
    with upgraded_from(("guides", "0014_occupation_code_index")) as old:
        category = old.get_model("guides", "Category").objects.create(name="Health", slug="health")
        guides = old.get_model("guides", "Guide").objects
        for slug, status in (("clinic-manager", "published"), ("draft-manager", "draft")):
            guides.create(
                title=slug,
                slug=slug,
                summary="Runs a clinic.",
                category=category,
                occupation_code="11-9111; 29-1141.01",
                status=status,
            )
    codes = GuideCode.objects.values_list("guide__slug", "code", "title")
    assert sorted(codes) == [
        ("clinic-manager", "11-9111", "clinic-manager"),
        ("clinic-manager", "29-1141", "clinic-manager"),
    ]
