"""Version tokens kept in each process and invalidated by Redis (guides.page_cache.redis_backend): a second
process's write is seen at once, a flush or a dropped connection forgets everything, and a forked
worker opens its own connection."""

import os

import pytest

from guides.page_cache.redis_backend import RedisCache

from .test_page_cache import REDIS_URL, redis_answers

pytestmark = pytest.mark.xdist_group("redis")  # see test_page_cache.py


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
