"""Search: typo tolerance, other titles, safe highlighting, suggestions, what is searched, the
word list that misspellings are corrected to, and the query plans that keep search fast."""

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from guides.indexing import index
from guides.loading import load
from guides.models import Category, Guide, ListItem, SearchWord
from guides.search import TYPO_FALLBACK_BELOW, WebSearch

from .admin_pages import form_data, save
from .factories import (
    fill_guide,
    guide_file_data,
    make_catalogue,
    make_guide,
    write_guide_file,
)

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
        ("mangaer", "Medical Manager"),
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
    assert "No guide or occupation matches" in html
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
    index([guide.pk])
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


def search_titles(client, query):
    return titles(client.get(reverse("guides:list"), {"q": query}))


def words():
    return dict(SearchWord.objects.values_list("word", "guides"))


def test_a_misspelling_keeps_the_matches_of_the_typed_word(client):
    """A word of some guide's text that no name uses may be "corrected" to a name's word; the
    guides the typed word finds stay in the results."""
    pilot = fill_guide(make_guide(title="Harbour pilot"), items=1)
    ListItem.objects.filter(guide=pilot, kind="responsibility").update(text="Steer a tanker")
    index([pilot.pk])
    make_guide(title="Banker")
    assert search_titles(client, "tanker") == ["Banker", "Harbour pilot"]


def test_words_that_find_a_page_are_not_corrected(client):
    """Spelling is corrected only when the words find less than a page: a word many summaries use
    but no name does is not "corrected" to a name."""
    category = Category.objects.create(name="Care", slug="care")
    for number in range(TYPO_FALLBACK_BELOW):
        make_guide(title=f"Carer {number}", summary="Works beside a nurse.", category=category)
    make_guide(title="Purse maker", category=category)
    found = search_titles(client, "nurse")
    assert "Purse maker" not in found and len(found) == TYPO_FALLBACK_BELOW


def test_word_list_counts_every_write_to_a_guide():
    """The database counts the words of the guides' names on every insert, update and delete,
    whichever code writes them."""
    nurse = make_guide(title="Registered Nurse", alternative_titles=["Staff nurse"])
    make_guide(title="Nurse Practitioner")
    assert words() == {"registered": 1, "nurse": 2, "staff": 1, "practitioner": 1}
    Guide.objects.filter(pk=nurse.pk).update(title="Midwife", alternative_titles=[])
    index([nurse.pk])
    assert words() == {"midwife": 1, "nurse": 1, "practitioner": 1}
    Guide.objects.bulk_create([Guide(title="Doula", slug="doula", category=nurse.category)])
    index(list(Guide.objects.values_list("pk", flat=True)))
    assert words() == {"midwife": 1, "nurse": 1, "practitioner": 1, "doula": 1}
    nurse.delete()
    Guide.objects.filter(title="Doula").delete()
    assert words() == {"nurse": 1, "practitioner": 1}


def test_an_admin_save_and_a_revision_restore_correct_to_the_names_they_write(
    client, publisher, django_capture_on_commit_callbacks
):
    """A misspelt word finds the guide by the name an editor gave it, and by the name a restored
    revision brings back."""
    guide = make_guide(title="Zookeeper")
    assert save(client, guide).status_code == 302  # the revision to restore
    with django_capture_on_commit_callbacks(execute=True):  # as when the admin's request commits
        assert save(client, guide, title="Astronomer").status_code == 302
    assert search_titles(client, "astronmer") == ["Astronomer"]
    assert search_titles(client, "zokeeper") == []

    older = Version.objects.get_for_object(guide)[1]
    revision_url = reverse("admin:guides_guide_revision", args=[guide.pk, older.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302
    assert search_titles(client, "zokeeper") == ["Zookeeper"]
    assert "astronomer" not in words()


def test_loads_and_synthetic_guides_fill_the_word_list(client, tmp_path):
    """Guides written by load_guides and by generate_synthetic_guides have their names' words."""
    write_guide_file(tmp_path, guide_file_data("zookeeper", responsibilities=["Feed animals"]))
    load([tmp_path])
    assert search_titles(client, "zokeeper") == ["Zookeeper"]
    call_command("generate_synthetic_guides", 3, stdout=StringIO())
    # Synthetic titles are a real title, a word and a number; numbers are no words.
    synthetic = [guide.title.lower().split() for guide in Guide.objects.filter(is_synthetic=True)]
    assert words() == {"zookeeper": 4, **Counter(title[1] for title in synthetic)}


def test_broad_words_are_matched_through_the_index():
    """The planner never learns a search's words, so a word that most guides use is still looked
    up in the GIN index: told it, the planner reads the whole table instead, fetching every
    guide's large search vector (at 10,000 guides, 48 ms against 4 for counting "manager")."""
    category = Category.objects.create(name="Care", slug="care")
    guides = Guide.objects.bulk_create(
        Guide(title=f"Nurse {number}", slug=f"nurse-{number}", category=category)
        for number in range(2000)
    )
    index([guide.pk for guide in guides])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE guides_guide")
    matches = Guide.objects.filter(search_vector=WebSearch("nurse"))
    assert "Bitmap Index Scan on guide_search_vector_gin" in matches.explain()


def test_ranking_reads_inline_vectors_and_only_a_page_of_guides(client):
    """Ranking reads search_rank from the guide's row, not from TOAST (STORAGE MAIN, migration
    0009), and sorts ids alone: whole guides are read for the page's twenty only."""
    make_catalogue()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'guides_guide'::regclass AND attname = 'search_rank'"
        )
        assert cursor.fetchone() == ("m",)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("guides:list"), {"q": "manager"})
    # Guides and occupations are ranked together as ids (guides.finding.results), one page of
    # them; then the page's guides alone are read whole, by id. Each kind is counted on its own,
    # without ranking every match.
    ranked = [query["sql"] for query in queries if "UNION ALL" in query["sql"]]
    assert len(ranked) == 1 and re.search(r"LIMIT \d+$", ranked[0])
    assert "change_percent" not in ranked[0]  # growth (and pay) only for the sorts that read them
    counts = [query["sql"] for query in queries if query["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 2 and not any("ts_rank" in sql or "ORDER BY" in sql for sql in counts)
    [page] = [q["sql"] for q in queries if "ts_headline" in q["sql"] and "guides_guide" in q["sql"]]
    assert re.search(r'"guides_guide"\."id" IN \(\d+(, \d+)*\)', page)
    assert not re.search(r"LIMIT \d+$", page)
