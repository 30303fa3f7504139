"""What operators configure: logs, /metrics, error reports and backups (guides/ops). base.py
takes these settings from here."""

import os
import sys
from pathlib import Path

from .environment import LOCAL_DIR, env_count

# One line per log record on stdout: plain text for a developer's terminal, or one JSON object per
# line (DJANGO_LOG_FORMAT=json) for a log collector. Every record carries the id of the request it
# was written in (guides/ops/requests_log.py), and careerguide.requests writes one per request.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain").strip().lower()
if LOG_FORMAT not in {"plain", "json"}:
    sys.exit(f"DJANGO_LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "guides.ops.requests_log.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "request_id", "message"],
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601, UTC
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes logs every login at INFO; its warnings (failures, lockouts) are the useful part.
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# /metrics (guides/ops/metrics.py) answers loopback clients, and anyone sending this bearer token.
METRICS_TOKEN = os.environ.get("DJANGO_METRICS_TOKEN", "")

# Error reports to Sentry only when SENTRY_DSN is set; otherwise the SDK is not even started.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # no cookies, users or addresses of readers and editors
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# manage.py backup (guides/ops/backups.py): where backups go and how many of the newest stay.
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR") or LOCAL_DIR / "backups")
BACKUP_KEEP = env_count("DJANGO_BACKUP_KEEP", 14, " of backups")
