"""Production: everything in base.py, plus HTTPS-only behaviour behind a TLS-terminating proxy.

wsgi.py and asgi.py use this module unless DJANGO_SETTINGS_MODULE names another, so a forgotten
variable can never drop HSTS, secure cookies or the HTTPS redirect.
"""

import os
import sys

# Checked before base.py runs, so the message is the same whether or not a development key exists:
# production never falls back to the .local/secret_key that `make run` writes.
if not os.environ.get("DJANGO_SECRET_KEY"):
    sys.exit("Set DJANGO_SECRET_KEY to a long random value: production settings need it.")

from .base import *  # noqa: F403
from .base import DEBUG, env_bool

if DEBUG:
    # Debug pages show settings and source code to anyone who triggers an error.
    sys.exit("DJANGO_DEBUG is on: production settings refuse to run with debug.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
