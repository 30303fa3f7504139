"""The full-page cache: what enters it, exact invalidation, compression, and stale pages when the
database is down. Every test runs with the per-process cache and, when the project's redis-server
answers (make run / make test start it), again with Redis."""

import gzip
import socket
from pathlib import Path

import brotli
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guides.models import Guide
from guides.page_cache.store import local
from guides.wages.testing import write_sqlite

from .factories import make_full_guide, make_guide

REDIS_SOCKET = Path(__file__).resolve().parent.parent / ".local" / "redis" / "redis.sock"
REDIS_URL = f"unix://{REDIS_SOCKET}?db=15"
# With test_redis_tracking.py on one pytest-xdist worker: both flush this database, and Redis tells
# every tracking client of a flush, whichever database it reads.
pytestmark = pytest.mark.xdist_group("redis")


def redis_answers():
    try:
        with socket.socket(socket.AF_UNIX) as unix:
            unix.settimeout(1)
            unix.connect(str(REDIS_SOCKET))
    except OSError:
        return False
    return True


BACKENDS = {
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "redis": {"BACKEND": "guides.page_cache.redis_backend.RedisCache", "LOCATION": REDIS_URL},
}


@pytest.fixture(params=list(BACKENDS))
def page_cache(request):
    if request.param == "redis" and not redis_answers():
        pytest.skip(f"no redis-server at {REDIS_URL} (make test starts one)")
    with override_settings(CACHES={"default": BACKENDS[request.param]}):
        cache.clear()
        local.clear()
        yield request.param
        cache.clear()
        local.clear()


def get(client, url, **headers):
    return client.get(url, headers=headers)


def state(response):
    return response.get("X-Page-Cache")


@pytest.mark.django_db
def test_anonymous_pages_are_rendered_once_then_served_from_the_cache(client, page_cache):
    guide = make_guide()
    for url in (
        reverse("home"),
        reverse("guides:list"),
        reverse("guides:list") + "?q=occupation",
        guide.get_absolute_url(),
        guide.category.get_absolute_url(),
        reverse("guides:feed"),
        reverse("sitemap"),
        reverse("robots_txt"),
    ):
        first, second = get(client, url), get(client, url)
        assert (state(first), state(second)) == ("miss", "hit"), url
        assert first.content == second.content
        assert first["ETag"] == second["ETag"]
        assert "s-maxage=60" in second["Cache-Control"]
        assert "stale-while-revalidate" in second["Cache-Control"]
        assert "stale-if-error" in second["Cache-Control"]
        assert "Content-Security-Policy" in second  # the stored response's own headers


@pytest.mark.django_db
def test_wage_compare_api_and_feedback_pages_are_cached_too(client, page_cache, tmp_path):
    call_command("import_wages", "--from", str(write_sqlite(tmp_path / "oews.sqlite")), verbosity=0)
    guide = make_full_guide(slug="clinic-manager")
    other = make_guide(slug="other-guide")
    for url in (
        "/occupations/",
        "/occupations/11-9111/",
        "/occupations/11-9111/ca/",
        f"/compare/?c={guide.slug}&c={other.slug}",
        f"/guides/{guide.slug}/feedback/thanks/",
        "/api/v1/",
        "/api/v1/guides",
        f"/api/v1/guides/{guide.slug}",
        "/api/v1/occupations/11-9111",
    ):
        first, second = get(client, url), get(client, url)
        assert (state(first), state(second)) == ("miss", "hit"), url
        assert first.content == second.content, url


@pytest.mark.django_db
def test_a_cached_api_answer_gets_cors_headers_for_the_request_at_hand(client, page_cache):
    """CORS headers are added outside the cache: a copy stored from a request without an Origin
    still answers a browser's cross-origin request, and no Vary: Cookie keeps CDNs sharing it."""
    make_guide()
    assert state(get(client, "/api/v1/guides")) == "miss"
    cross = get(client, "/api/v1/guides", origin="https://school.example")
    assert state(cross) == "hit"
    assert cross["Access-Control-Allow-Origin"] == "*"
    assert "Cookie" not in cross["Vary"]


@pytest.mark.django_db
def test_a_wage_import_changes_every_page_that_shows_pay(client, page_cache, tmp_path):
    """Wage estimates are written with COPY, which no signal sees: the import bumps the site."""
    call_command("import_wages", "--from", str(write_sqlite(tmp_path / "a.sqlite")), verbosity=0)
    guide = make_full_guide(slug="clinic-manager")
    pages = [guide.get_absolute_url(), "/occupations/11-9111/", "/api/v1/occupations/11-9111"]
    for url in pages:
        assert "May 2026" in get(client, url).content.decode()
    newer = write_sqlite(tmp_path / "b.sqlite", year="2027")
    call_command("import_wages", "--from", str(newer), verbosity=0)
    for url in pages:
        response = get(client, url)
        assert state(response) == "miss", url
        assert "May 2027" in response.content.decode(), url


@pytest.mark.django_db
def test_revalidation_gets_a_304(client, page_cache):
    url = make_guide().get_absolute_url()
    etag = get(client, url)["ETag"]
    assert get(client, url, if_none_match=etag).status_code == 304
    gzip_etag = get(client, url, accept_encoding="gzip")["ETag"]
    assert gzip_etag != etag  # one validator per representation, any of them revalidates
    assert get(client, url, if_none_match=gzip_etag).status_code == 304


@pytest.mark.django_db
def test_pages_are_compressed_once_for_clients_that_accept_it(client, page_cache):
    url = make_full_guide(items=10).get_absolute_url()
    plain = get(client, url)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"] and "Cookie" in plain["Vary"]
    zipped = get(client, url, accept_encoding="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    best = get(client, url, accept_encoding="gzip, deflate, br")
    assert best["Content-Encoding"] == "br"
    assert brotli.decompress(best.content) == plain.content
    assert len(best.content) < len(plain.content) / 4
    refused = get(client, url, accept_encoding="br;q=0, gzip")
    assert refused["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_an_edit_changes_its_page_at_once_and_leaves_other_pages_cached(client, page_cache):
    guide, other = make_guide(summary="Before."), make_guide()
    for page in (guide, other):
        get(client, page.get_absolute_url())
    guide.summary = "After the edit."
    guide.save()
    edited = get(client, guide.get_absolute_url())
    assert state(edited) == "miss" and "After the edit." in edited.content.decode()
    assert state(get(client, other.get_absolute_url())) == "hit"


@pytest.mark.django_db
def test_renaming_a_related_guide_changes_the_pages_that_list_it(client, page_cache):
    nurse, unrelated = make_guide(title="Registered Nurse"), make_guide()
    midwife = make_guide(title="Midwife")
    midwife.related_roles.add(nurse)
    assert "Registered Nurse" in get(client, midwife.get_absolute_url()).content.decode()
    get(client, unrelated.get_absolute_url())
    nurse.title = "Staff Nurse"
    nurse.save()
    html = get(client, midwife.get_absolute_url()).content.decode()
    assert "Staff Nurse" in html and "Registered Nurse" not in html
    assert state(get(client, unrelated.get_absolute_url())) == "hit"
    midwife.related_roles.remove(nurse)
    assert "Staff Nurse" not in get(client, midwife.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_renaming_a_category_changes_its_guides_pages(client, page_cache):
    guide, elsewhere = make_guide(), make_guide()
    get(client, guide.get_absolute_url())
    get(client, elsewhere.get_absolute_url())
    guide.category.name = "Renamed category"
    guide.category.save()
    assert "Renamed category" in get(client, guide.get_absolute_url()).content.decode()
    assert state(get(client, elsewhere.get_absolute_url())) == "hit"


@pytest.mark.django_db
def test_a_new_guide_shows_in_the_catalogue_at_once(client, page_cache):
    get(client, reverse("guides:list"))
    make_guide(title="Lighthouse keeper")
    assert "Lighthouse keeper" in get(client, reverse("guides:list")).content.decode()


@pytest.mark.django_db
def test_a_change_of_year_renders_the_page_again(client, page_cache):
    """The year decides which figures are "dated", so a page from last year is not served."""
    url = make_guide().get_absolute_url()
    get(client, url)
    (key,) = [k for k in cache_keys(page_cache) if k.startswith("page:")]
    entry = cache.get(key)
    cache.set(key, {**entry, "year": timezone.now().year - 1})
    local.clear()  # as another process would, which has no copy of its own
    assert state(get(client, url)) == "miss"


def cache_keys(backend):
    if backend == "redis":
        client = cache._cache.get_client()
        return [k.decode().split(":", 2)[2] for k in client.keys("*")]
    return [k.split(":", 2)[2] for k in cache._cache]


@pytest.mark.django_db
def test_editors_and_draft_previews_bypass_the_cache(client, admin_user, page_cache):
    published = make_guide()
    draft = make_guide(status=Guide.Status.DRAFT)
    client.force_login(admin_user)
    for guide in (published, draft):
        response = get(client, guide.get_absolute_url(), accept_encoding="gzip")
        assert response.status_code == 200 and state(response) is None
        assert "Content-Encoding" not in response  # a session is a secret: never compressed
    assert "private" in get(client, draft.get_absolute_url())["Cache-Control"]
    client.logout()
    assert state(get(client, published.get_absolute_url())) == "miss"  # nothing was kept
    assert get(client, draft.get_absolute_url()).status_code == 404
    assert get(client, draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_not_found_pages_are_not_kept(client, page_cache):
    url = reverse("guides:detail", args=["no-such-guide"])
    assert get(client, url).status_code == 404
    make_guide(slug="no-such-guide")
    assert get(client, url).status_code == 200


@pytest.fixture
def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # free once closed: nothing listens there


@pytest.mark.django_db(transaction=True)
def test_a_stopped_database_serves_cached_pages_and_503s_the_rest(client, page_cache, closed_port):
    cached, uncached = make_guide(), make_guide()
    get(client, cached.get_absolute_url())
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port  # as if PostgreSQL had stopped
    try:
        stale = get(client, cached.get_absolute_url(), accept_encoding="gzip")
        assert stale.status_code == 200
        assert cached.title in gzip.decompress(stale.content).decode()
        if page_cache == "locmem":  # the versions live in the database: unknown, so stale
            assert state(stale) == "stale" and "s-maxage=0" in stale["Cache-Control"]
        missing = get(client, uncached.get_absolute_url())
        assert missing.status_code == 503
        assert "no-store" in missing["Cache-Control"]
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    # Back without a restart.
    assert state(get(client, uncached.get_absolute_url())) == "miss"
    cached.summary = "Edited after the outage."
    cached.save()
    assert "Edited after the outage." in get(client, cached.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_changed_page_is_served_stale_when_the_database_stops(client, page_cache, closed_port):
    """Its versions say it changed, but nothing can render it: the old copy beats a 503."""
    guide = make_guide(summary="The old summary.")
    get(client, guide.get_absolute_url())
    guide.summary = "The new summary."
    guide.save()
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port
    try:
        stale = get(client, guide.get_absolute_url())
        assert stale.status_code == 200 and state(stale) == "stale"
        assert "The old summary." in stale.content.decode()
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


@pytest.mark.django_db
def test_signed_in_readers_get_html_rendered_once_per_version(client, admin_user, page_cache):
    """The page cache keeps sessions out; their guide pages reuse the HTML rendered for the same
    guide version (no section queries), and an edit shows at once. Draft previews are rendered
    every time: drafts never enter a cache."""
    guide = make_full_guide(summary="First version.")
    draft = make_full_guide(slug="draft", status=Guide.Status.DRAFT)
    client.force_login(admin_user)
    url = guide.get_absolute_url()
    with CaptureQueriesContext(connection) as first:
        assert "First version." in get(client, url).content.decode()
    with CaptureQueriesContext(connection) as again:
        response = get(client, url)
    assert "First version." in response.content.decode() and state(response) is None
    assert len(again) < len(first) - 8  # the section lists were not fetched again
    guide.summary = "Second version."
    guide.save()
    assert "Second version." in get(client, url).content.decode()
    with CaptureQueriesContext(connection) as other_query:
        get(client, url + "?state=ca")  # another query string: another page, rendered
    assert len(other_query) > len(again) + 8
    get(client, draft.get_absolute_url())
    with CaptureQueriesContext(connection) as preview:
        get(client, draft.get_absolute_url())
    assert len(preview) > len(again) + 8


@pytest.mark.django_db
def test_a_reader_s_repeat_visit_does_not_ask_for_the_guide_again(
    client, django_user_model, page_cache
):
    """With Redis, which guide a slug names is kept until any guide changes: a signed-in reader's
    repeat visit reads only their session. Unpublishing or moving the guide shows at once."""
    guide = make_full_guide(slug="nurse")
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 16))
    get(client, "/guides/nurse/")
    with CaptureQueriesContext(connection) as again:
        assert get(client, "/guides/nurse/").status_code == 200
    asked = [query["sql"] for query in again if "guides_guide" in query["sql"]]
    assert asked == [] if page_cache == "redis" else len(asked) == 1
    guide.slug = "registered-nurse"
    guide.save()
    assert get(client, "/guides/nurse/").status_code == 404
    assert get(client, "/guides/registered-nurse/").status_code == 200
    guide.status = Guide.Status.DRAFT
    guide.save()
    assert get(client, "/guides/registered-nurse/").status_code == 404


@pytest.mark.django_db
def test_the_catalogue_s_kept_parts_show_changes_at_once(
    client, django_user_model, page_cache, tmp_path
):
    """A search reuses its filters' HTML (kept until the guides change) and its occupations (until
    a wage release), for signed-in readers too; a renamed category and a new release show at once,
    and other filter values get their own."""
    call_command("import_wages", "--from", str(write_sqlite(tmp_path / "a.sqlite")), verbosity=0)
    guide = make_guide(title="Clinic manager")
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 16))
    url = "/guides/?q=manager"
    first = get(client, url).content.decode()
    assert "(BLS OEWS, May 2026)" in first and f">{guide.category.name}</option>" in first
    with CaptureQueriesContext(connection) as again:
        get(client, url + "&page=1")
    asked = [query["sql"] for query in again]
    assert not [sql for sql in asked if sql.startswith('SELECT "wages_estimate"')]  # occupations
    assert not [sql for sql in asked if 'FOR SELECT "guides_category"' in sql]  # the filters
    guide.category.name = "Health and care"
    guide.category.save()
    assert ">Health and care</option>" in get(client, url).content.decode()
    assert 'value="64000"' in get(client, url + "&pay_min=64000").content.decode()
    newer = write_sqlite(tmp_path / "b.sqlite", year="2027")
    call_command("import_wages", "--from", str(newer), verbosity=0)
    assert "(BLS OEWS, May 2027)" in get(client, url).content.decode()


def test_the_private_redis_is_closed_to_other_accounts():
    """Whoever can write the cache decides what pages say: the project's Redis listens on no TCP
    port, only on a socket in a directory that other accounts cannot enter."""
    if not redis_answers():
        pytest.skip(f"no redis-server at {REDIS_SOCKET} (make test starts one)")
    import redis

    assert redis.Redis(unix_socket_path=str(REDIS_SOCKET)).config_get("port") == {"port": "0"}
    assert REDIS_SOCKET.parent.stat().st_mode & 0o077 == 0


def test_the_redis_backend_keeps_one_client_per_pool():
    """Django's backend built a redis.Redis for every call: a third of a page-cache hit."""
    if not redis_answers():
        pytest.skip(f"no redis-server at {REDIS_SOCKET} (make test starts one)")
    with override_settings(CACHES={"default": BACKENDS["redis"]}):
        client = cache._cache
        assert client.get_client(write=True) is client.get_client()
