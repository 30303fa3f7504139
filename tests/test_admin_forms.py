"""The stale-save check: an editor never silently overwrites someone else's newer save."""

import pytest

from guides.models import Guide

from .admin_pages import change_url, open_form, save
from .factories import make_full_guide

pytestmark = pytest.mark.django_db


def test_stale_form_is_refused_and_input_kept(client, editor):
    """If someone saved after you opened the form, your save is refused and your text kept."""
    guide = make_full_guide()
    data = open_form(client, guide)
    other = Guide.objects.get(pk=guide.pk)
    other.summary = "Someone else's summary."
    other.save()
    data["summary"] = "My new summary."
    response = client.post(change_url(guide), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "after you opened it" in html
    assert "My new summary." in html
    guide.refresh_from_db()
    assert guide.summary == "Someone else's summary."


def test_a_fresh_form_saves(client, publisher):
    """Nobody else saved: the save goes through."""
    guide = make_full_guide()
    data = {**open_form(client, guide), "summary": "My new summary.", "_continue": "1"}
    assert client.post(change_url(guide), data).status_code == 302
    guide.refresh_from_db()
    assert guide.summary == "My new summary."


def test_a_source_typed_without_a_scheme_is_taken_as_https(client, publisher):
    """Editors paste "bls.gov/..." addresses; the admin stores them as https (as Django 6 will)."""
    guide = make_full_guide()
    assert save(client, guide, growth_source_url="bls.gov/ooh/").status_code == 302
    guide.refresh_from_db()
    assert guide.growth_source_url == "https://bls.gov/ooh/"
