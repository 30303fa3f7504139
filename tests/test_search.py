"""Search: typo tolerance, other titles, safe highlighting, suggestions, and what is searched."""

import pytest
from django.urls import reverse

from guides.models import Guide, ListItem
from guides.search import update_search_vectors

from .factories import fill_guide, make_catalogue, make_guide

pytestmark = pytest.mark.django_db


def titles(response):
    return [guide.title for guide in response.context["guides"]]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("nurce", "Registered Nurse"),
        ("helth manager", "Medical Manager"),
        ("health services manager", "Medical Manager"),
        ("pharmacist", "Pharmacist"),
        ("clinic manager", "Medical Manager"),
        ("paralegal", "Paralegal"),
        ("atorney", "Lawyer"),
    ],
)
def test_search_forgives_typos_and_knows_other_titles(client, query, expected):
    """Misspellings and alternative titles still find the guide, near the top."""
    make_catalogue()
    response = client.get(reverse("guides:list"), {"q": query})
    assert response.status_code == 200
    assert expected in titles(response)[:3], titles(response)


def test_search_highlights_matches_safely(client):
    """Snippets mark the matching words and escape everything else."""
    make_guide(title="Widget maker", summary="Makes <b>widgets</b> & gadgets all day.")
    html = client.get(reverse("guides:list"), {"q": "widgets"}).content.decode()
    assert "<mark>widgets</mark>" in html
    assert "&lt;b&gt;" in html and "<b>widgets" not in html


def test_no_results_suggests_close_titles(client):
    """A query that finds nothing offers close titles and the catalogue."""
    make_catalogue()
    response = client.get(reverse("guides:list"), {"q": "pharmacy technicianz xyzzy"})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 0
    assert "No guide matches" in html
    assert "Browse all guides" in html
    assert "Pharmacist" in [guide.title for guide in response.context["suggestions"]]


def test_search_reads_prose_and_the_lists_the_registry_weighs(client):
    """Markdown prose and the searched lists (responsibilities, skills) find a guide; an FAQ
    answer is not searched."""
    guide = fill_guide(make_guide(title="Harbour pilot"), items=1)
    ListItem.objects.filter(guide=guide, kind="responsibility").update(text="Steer tankers")
    ListItem.objects.filter(guide=guide, kind="soft_skill").update(text="Unflappable calm")
    guide.portfolio_tips = "Keep a logbook of manoeuvres."
    guide.save()
    guide.faqs.update(answer="Zeppelins are unrelated.")
    update_search_vectors([guide.pk])
    for word in ("tankers", "unflappable", "manoeuvres"):
        response = client.get(reverse("guides:list"), {"q": word})
        assert titles(response) == ["Harbour pilot"], word
    assert titles(client.get(reverse("guides:list"), {"q": "zeppelins"})) == []


def test_a_title_ranks_above_a_mention(client):
    """A guide named for the words comes before one that only mentions them."""
    make_guide(title="Ship broker", summary="Arranges cargo.", overview="Works with a pilot.")
    make_guide(title="Pilot", summary="Flies aircraft.")
    assert titles(client.get(reverse("guides:list"), {"q": "pilot"})) == ["Pilot", "Ship broker"]


def test_drafts_and_synthetic_guides_are_never_found(client):
    """Search shows published, real guides only."""
    make_guide(title="Published nurse")
    make_guide(title="Draft nurse", status=Guide.Status.DRAFT)
    make_guide(title="Synthetic nurse", is_synthetic=True)
    assert titles(client.get(reverse("guides:list"), {"q": "nurse"})) == ["Published nurse"]
