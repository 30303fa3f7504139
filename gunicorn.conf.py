"""gunicorn settings: `gunicorn careerguide.wsgi --config gunicorn.conf.py`."""

import gc
import multiprocessing
import os
import shutil
from pathlib import Path

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# The usual rule of thumb for sync workers; WEB_CONCURRENCY overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound. Not too often: a cached
# page takes about a millisecond, so 2,000 requests meant a restart (a second of CPU to import
# Django, and the worker's copies of cached pages lost) every few seconds under load.
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = "-"
errorlog = "-"
# Django's logs (one line per request, errors) go to stdout: with --daemon (make run) that would be
# nowhere, so stdout and stderr follow the error log (.local/gunicorn.log there).
capture_output = True
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Prometheus multiprocess mode (guides/ops/metrics.py): every worker (and manage.py, which finds
# .local/metrics) writes its values into this directory, and /metrics adds them all up. Set here,
# in the master, before any worker imports prometheus_client.
metrics_dir = os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", str(Path(__file__).resolve().parent / ".local" / "metrics")
)


def on_starting(server):
    """Start from an empty directory: files of an earlier run's workers would be counted forever."""
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, mode=0o700)


def child_exit(server, worker):
    """A recycled worker's gauges stop counting; its counters are kept, as Prometheus expects."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, metrics_dir)


def post_worker_init(worker):
    """Django and the project are imported by now: about 95,000 objects that live as long as the
    worker. Frozen, the garbage collector stops walking them; a full collection took 33 ms with
    them (60 ms once the first pages were served), paid by whichever request set it off, and
    made the slowest 5 % of occupation-list requests 3x slower than the rest."""
    gc.freeze()
