"""Django's Redis cache backend, keeping one client per connection pool, and able to keep a few hot
keys in the process until Redis says they changed.

Django's RedisCacheClient.get_client() builds a new redis.Redis for every cache call, and each one
sets up its ~170 response callbacks: measured, that was a third of the time of a page-cache hit
(0.5 ms of 1.5). A redis.Redis only wraps its pool and is safe to share between threads, so one per
pool is enough.
"""

import os
import threading

import redis as redis_lib
from django.core.cache.backends import redis
from django.utils.functional import cached_property


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    @cached_property
    def _tracked(self):
        # The primary: writes go there, so its invalidations are the ones that count.
        pool = redis_lib.ConnectionPool.from_url(self._servers[0])
        return TrackedKeys(pool, redis.RedisSerializer().loads)

    def get_many_tracked(self, keys):
        """get_many() for keys read on nearly every request and rarely written (the page cache's
        versions): answered from this process's copies, which Redis invalidates."""
        keys = {self.make_and_validate_key(key): key for key in keys}
        return {keys[key]: value for key, value in self._tracked.get_many(keys).items()}

    def set_many_tracked(self, mapping, timeout):
        """set_many() for those keys, after which this process reads the new values at once."""
        self.set_many(mapping, timeout)
        self._tracked.forget([self.make_and_validate_key(key) for key in mapping])


class TrackedKeys:
    """Server-assisted client-side caching (RESP3 CLIENT TRACKING, Redis 6 or later): this process
    keeps the values it read, and Redis pushes an invalidation on this connection when any of them
    is written, evicted or flushed. (redis-py's own implementation requires Redis 7.4; Debian 12
    ships 7.0.) Checking for invalidations is a non-blocking look at the socket, about 1 µs, where
    a read costs a round trip, about 90 µs: most of a page-cache hit.

    Redis queues the invalidation in the same turn of its event loop as the writer's reply, but it
    may write the reply to its socket first: the writer could act on its reply before the push has
    reached this one. So a process forgets the keys it writes itself (set_many_tracked) rather than
    wait for their push: it sees its own writes at once, and other processes a moment after.
    If the connection drops, what was missed meanwhile is unknowable: every value is forgotten and
    read again."""

    def __init__(self, pool, loads):
        self._pool = pool
        self._loads = loads  # kept decoded: decoding is most of the work left
        self._lock = threading.Lock()  # one connection, and its replies, per process
        self._connection = None
        self._pid = None
        self._values = {}

    def get_many(self, keys):
        """{key: value} of the keys that exist."""
        with self._lock:
            for attempt in (1, 2):
                try:
                    return self._read(keys)
                except BaseException as error:
                    self._forget()  # a reply may be half read: never reuse the connection
                    # Redis restarted or the connection dropped: once more, afresh.
                    dropped = isinstance(error, (redis_lib.ConnectionError, OSError))
                    if attempt == 2 or not dropped:
                        raise

    def forget(self, keys):
        with self._lock:
            for key in keys:
                self._values.pop(key, None)

    def _read(self, keys):
        connection = self._connect()
        while connection.can_read():  # invalidations already sent (handled by _invalidated)
            connection.read_response(push_request=True)
        missing = [key for key in keys if key not in self._values]
        if missing:
            # Reading a key is what makes Redis track it for this connection. An invalidation
            # that arrives before the reply was for an older value; one after it stays queued.
            connection.send_command("MGET", *missing)
            for key, value in zip(missing, connection.read_response(), strict=True):
                if value is not None:
                    self._values[key] = self._loads(value)
        return {key: self._values[key] for key in keys if key in self._values}

    def _connect(self):
        if self._connection is None or self._pid != os.getpid():  # a forked worker opens its own
            self._values.clear()  # nothing read before this connection is tracked on it
            pool = self._pool
            connection = pool.connection_class(**{**pool.connection_kwargs, "protocol": 3})
            connection.connect()
            # As redis-py's own client-side cache does (redis.connection.CacheProxyConnection).
            connection._parser.set_invalidation_push_handler(self._invalidated)
            connection.send_command("CLIENT", "TRACKING", "ON")
            connection.read_response()
            self._connection, self._pid = connection, os.getpid()
        return self._connection

    def _invalidated(self, message):
        keys = message[1]
        if keys is None:  # the database was flushed
            self._values.clear()
        for key in keys or ():
            self._values.pop(key.decode(), None)

    def _forget(self):
        """Drop the connection; the next read opens a new one and starts with nothing known."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.disconnect()
        self._connection = None
