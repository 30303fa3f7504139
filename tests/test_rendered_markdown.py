"""Markdown is rendered when content is written (admin, inlines, loads, restores), never per page."""

import pytest
from django.urls import reverse
from reversion.models import Version

from guides.loading import load
from guides.markdown import render_markdown
from guides.models import FAQ, Guide, markdown_fields

from .admin_pages import form_data, save
from .factories import guide_file_data, make_full_guide, make_guide, write_guide_file

pytestmark = pytest.mark.django_db


def test_saving_stores_every_markdown_field_rendered():
    guide = make_guide(overview="Some *emphasis*.", core_functions="<script>x()</script>Run it.")
    stored = Guide.objects.get(pk=guide.pk).html
    assert set(stored) == {field.name for field in markdown_fields(Guide)}
    assert stored["overview"] == "<p>Some <em>emphasis</em>.</p>"
    assert stored["core_functions"] == render_markdown(guide.core_functions)
    assert "<script" not in stored["core_functions"]


def test_the_page_reads_the_stored_html(client):
    """A write that skips save() leaves the rendered HTML alone, and the page shows that HTML:
    proof that the page does not render Markdown itself."""
    guide = make_guide(core_functions="Rendered *once*.")
    Guide.objects.filter(pk=guide.pk).update(core_functions="Never *rendered*.")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "Rendered <em>once</em>." in html
    assert "Never" not in html


def test_admin_save_renders_the_guide_and_its_inlines(client, publisher):
    guide = make_full_guide()
    response = save(
        client, guide, overview="New **overview**.", **{"faqs-0-answer": "A *new* answer."}
    )
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.html["overview"] == "<p>New <strong>overview</strong>.</p>"
    assert (
        FAQ.objects.get(pk=guide.faqs.first().pk).html["answer"] == "<p>A <em>new</em> answer.</p>"
    )


def test_loading_renders(tmp_path):
    data = guide_file_data(
        "midwife", overview="Loaded *text*.", faqs=[{"question": "Q?", "answer": "An **A**."}]
    )
    write_guide_file(tmp_path, data)
    load([tmp_path])
    guide = Guide.objects.get(slug="midwife")
    assert guide.html["overview"] == "<p>Loaded <em>text</em>.</p>"
    assert guide.faqs.get().html["answer"] == "<p>An <strong>A</strong>.</p>"


def test_restoring_a_revision_renders_the_restored_text(client, publisher):
    guide = make_full_guide()
    save(client, guide, overview="First *version*.")
    save(client, guide, overview="Second version.")
    older = Version.objects.get_for_object(guide)[1]
    assert "html" not in older.field_dict  # derived, so not part of the history
    revision_url = reverse("admin:guides_guide_revision", args=[guide.pk, older.pk])
    assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302
    guide.refresh_from_db()
    assert guide.html["overview"] == "<p>First <em>version</em>.</p>"
