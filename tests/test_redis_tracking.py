"""Version tokens kept in each process and invalidated by Redis (guides.page_cache.redis_backend): a second
process's write is seen at once, a flush or a dropped connection forgets everything, and a forked
worker opens its own connection."""

import os

import pytest
from django.core.cache import cache
from django.test import override_settings

from guides.page_cache.redis_backend import RedisCache
from guides.page_cache.versions import bump, read_versions

from .test_page_cache import REDIS_URL, redis_answers

pytestmark = pytest.mark.xdist_group("redis")  # see test_page_cache.py
BACKEND = "guides.page_cache.redis_backend.RedisCache"


@pytest.fixture
def processes():
    """Two caches on the same Redis, as two app processes would have."""
    if not redis_answers():
        pytest.skip(f"no redis-server at {REDIS_URL} (make test starts one)")
    reader, writer = (RedisCache(REDIS_URL, {}) for _ in range(2))
    writer.clear()
    yield reader, writer
    writer.clear()


def mget_calls(cache):
    stats = cache._cache.get_client().info("commandstats")
    return stats.get("cmdstat_mget", {}).get("calls", 0)


def test_a_value_read_once_is_answered_without_a_round_trip(processes):
    reader, writer = processes
    writer.set("version:site", "one", timeout=None)
    assert reader.get_many_tracked(["version:site"]) == {"version:site": "one"}
    before = mget_calls(writer)
    assert reader.get_many_tracked(["version:site"]) == {"version:site": "one"}
    assert mget_calls(writer) == before


def test_another_process_s_write_is_seen_at_once(processes):
    reader, writer = processes
    writer.set_many({"version:site": "one", "version:guide:1": "a"}, timeout=None)
    assert reader.get_many_tracked(["version:site", "version:guide:1"])["version:site"] == "one"
    writer.set("version:site", "two", timeout=None)
    assert reader.get_many_tracked(["version:site", "version:guide:1"]) == {
        "version:site": "two",
        "version:guide:1": "a",
    }


def test_a_flush_or_an_eviction_forgets_the_values(processes):
    reader, writer = processes
    writer.set_many({"version:site": "one", "version:guides": "x"}, timeout=None)
    reader.get_many_tracked(["version:site", "version:guides"])
    writer.delete("version:guides")  # as an LRU eviction would
    assert reader.get_many_tracked(["version:site", "version:guides"]) == {"version:site": "one"}
    writer.clear()
    assert reader.get_many_tracked(["version:site"]) == {}


def test_a_dropped_connection_forgets_what_it_may_have_missed(processes):
    reader, writer = processes
    writer.set("version:site", "one", timeout=None)
    reader.get_many_tracked(["version:site"])
    # Redis restarts, or a network blip: the invalidation for the next write cannot arrive.
    client = writer._cache.get_client()
    for tracking in [c for c in client.client_list() if "t" in c["flags"]]:
        client.client_kill_filter(_id=tracking["id"])
    writer.set("version:site", "two", timeout=None)
    assert reader.get_many_tracked(["version:site"]) == {"version:site": "two"}


def test_a_process_sees_its_own_write_before_redis_s_push_arrives(processes):
    """Redis may send the writer its reply before it sends the reader the invalidation: the
    writing process does not wait for the push to see what it wrote (a page it renders next
    must not be kept under the old version)."""
    cache, _ = processes
    cache.set("version:site", "one", timeout=None)
    assert cache.get_many_tracked(["version:site"]) == {"version:site": "one"}
    # The push, not yet arrived: tracking off, so none will.
    connection = cache._tracked._connection
    connection.send_command("CLIENT", "TRACKING", "OFF")
    connection.read_response()
    cache.set_many_tracked({"version:site": "two"}, timeout=None)
    assert cache.get_many_tracked(["version:site"]) == {"version:site": "two"}


@pytest.mark.django_db
def test_a_bump_is_read_back_at_once_by_the_process_that_made_it(processes):
    """versions.bump() writes through set_many_tracked, as the test above needs."""
    with override_settings(CACHES={"default": {"BACKEND": BACKEND, "LOCATION": REDIS_URL}}):
        before = read_versions(["guides"])
        connection = cache._tracked._connection
        connection.send_command("CLIENT", "TRACKING", "OFF")
        connection.read_response()
        bump("guides")
        assert read_versions(["guides"]) != before


def test_a_forked_worker_opens_its_own_connection(processes):
    """gunicorn forks its workers: sharing the parent's socket would mix up their replies."""
    reader, writer = processes
    writer.set("version:site", "one", timeout=None)
    reader.get_many_tracked(["version:site"])
    writer.set("version:site", "two", timeout=None)
    pid = os.fork()
    if pid == 0:  # the worker
        try:
            os._exit(
                0 if reader.get_many_tracked(["version:site"]) == {"version:site": "two"} else 1
            )
        except BaseException:
            os._exit(2)
    assert os.waitpid(pid, 0)[1] == 0
    # Had the worker used this process's socket, it would have taken the invalidation meant here.
    assert reader.get_many_tracked(["version:site"]) == {"version:site": "two"}
