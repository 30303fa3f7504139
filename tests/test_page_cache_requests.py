"""What a request may make the page cache do: junk query parameters cost nothing (pages are kept
by the parameters their view reads), and Accept-Encoding is read as RFC 9110 says."""

import pytest
from django.urls import reverse

from guides.page_cache.encoding import accepted_encoding

from .factories import make_guide
from .test_page_cache import cache_keys, get, page_cache, state  # noqa: F401 (a fixture)


@pytest.mark.django_db
def test_junk_parameters_neither_render_nor_store_a_new_copy(client, page_cache):  # noqa: F811
    guide = make_guide()
    search = reverse("guides:list") + "?q=occupation"
    for url, junk in (
        (guide.get_absolute_url(), "?utm_source=1"),
        (search, "&utm_source=1&fbclid=x"),
        (reverse("home"), "?utm_source=1"),
    ):
        assert state(get(client, url)) == "miss", url
        stored = len(cache_keys(page_cache))
        for n in range(3):
            response = get(client, url + junk.replace("1", str(n)))
            assert state(response) == "hit", url
            assert b"utm_source" not in response.content and b"fbclid" not in response.content
        assert len(cache_keys(page_cache)) == stored, url


@pytest.mark.django_db
def test_parameters_the_view_reads_still_make_their_own_page(client, page_cache):  # noqa: F811
    guide = make_guide(title="Lighthouse keeper")
    make_guide(title="Harbour pilot", slug="harbour-pilot")
    url = reverse("guides:list")
    assert state(get(client, url + "?q=lighthouse")) == "miss"
    other = get(client, url + "?q=harbour&utm_source=1")
    assert state(other) == "miss" and "Harbour pilot" in other.content.decode()
    # The same parameters in another order are the same page.
    assert state(get(client, url + "?sort=title&q=pilot")) == "miss"
    assert state(get(client, url + "?q=pilot&sort=title")) == "hit"
    assert state(get(client, guide.get_absolute_url() + "?state=ca")) == "miss"
    # One parameter's values keep their order: compare's columns follow it.
    pair = f"c={guide.slug}&c=harbour-pilot"
    assert state(get(client, f"/compare/?{pair}")) == "miss"
    # state= is read (an empty choice): another page, if the same to the eye.
    assert state(get(client, f"/compare/?{pair}&state=")) == "miss"
    assert state(get(client, f"/compare/?c={guide.slug}&utm_source=1&c=harbour-pilot")) == "hit"
    assert state(get(client, f"/compare/?c=harbour-pilot&c={guide.slug}")) == "miss"


@pytest.mark.django_db
def test_the_api_refuses_junk_and_keeps_nothing_of_it(client, page_cache):  # noqa: F811
    make_guide()
    response = get(client, "/api/v1/guides?utm_source=1")
    assert response.status_code == 400 and state(response) is None


@pytest.mark.parametrize(
    "header, sent",
    [
        (None, "identity"),
        ("", "identity"),
        ("gzip, deflate, br", "br"),
        ("br;q=0, gzip", "gzip"),
        ("br;Q=0, gzip;Q=0", "identity"),
        ("BR;q=0., GZIP", "gzip"),
        ("br;q=0.000, gzip;q=0.00", "identity"),
        ("br ; q = 0 , gzip", "gzip"),
        ("gzip;q=1, br;q=0.5", "gzip"),
        ("br;q=0.5, gzip;q=0.5", "br"),
        ("*", "br"),
        ("*;q=0", "identity"),
        ("br;q=0, *", "gzip"),
        ("x-gzip", "gzip"),
        ("identity;q=1, gzip;q=0.5", "identity"),
        ("identity;q=0, *;q=0", "identity"),  # nothing acceptable: the page as it is
        ("br;q=2, gzip;q=0.0001", "identity"),  # weights outside the grammar accept nothing
        ("br, br;q=0", "identity"),  # a refusal is never overridden
        ("deflate", "identity"),
    ],
)
def test_accept_encoding_is_read_as_rfc_9110_says(header, sent):
    assert accepted_encoding(header, {"identity", "br", "gzip"}) == sent


@pytest.mark.django_db
def test_a_refused_encoding_is_not_sent(client, page_cache):  # noqa: F811
    url = make_guide().get_absolute_url()
    get(client, url)
    for header in ("br;Q=0, gzip;Q=0", "br;q=0., gzip;q=0.000"):
        assert "Content-Encoding" not in get(client, url, accept_encoding=header), header
    assert get(client, url, accept_encoding="BR;Q=0, gzip")["Content-Encoding"] == "gzip"
