"""Production: everything in base.py, plus HTTPS-only behaviour behind a TLS-terminating proxy."""

import os
import sys

from .base import *  # noqa: F403
from .base import env_bool

# Production never falls back to the development key file that `make run` writes.
if not os.environ.get("DJANGO_SECRET_KEY"):
    sys.exit("Set DJANGO_SECRET_KEY to a long random value: production settings need it.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
