"""Settings shared by every environment, read from environment variables.

Production behaviour is switched by the environment (see .env.example), never by editing files.
"""

import hashlib
import os
import socket
import sys
from datetime import timedelta
from urllib.parse import quote

import dj_database_url
from csp.constants import NONE, SELF

from .environment import BASE_DIR, LOCAL_DIR, env_bool, env_count, env_list, local_secret
from .operations import (  # noqa: F401 (settings Django reads from this module)
    BACKUP_DIR,
    BACKUP_KEEP,
    LOG_FORMAT,
    LOGGING,
    METRICS_TOKEN,
)

DEBUG = env_bool("DJANGO_DEBUG")

# The environment wins; otherwise the key `make run` made, so every README command works as typed.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret("secret_key")
if not SECRET_KEY or SECRET_KEY.startswith("change-me"):
    if not DEBUG:
        # One line, not a traceback: this is an operator's configuration mistake.
        sys.exit(
            "Set DJANGO_SECRET_KEY to a long random value (or DJANGO_DEBUG=true for development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

# Keys the feedback form's rate limit hashes client addresses with (guides/feedback/limits.py).
# Without one of its own (a deploy that sets only DJANGO_SECRET_KEY), a salt derived from the key.
FEEDBACK_SALT = (
    os.environ.get("DJANGO_FEEDBACK_SALT")
    or local_secret("feedback_salt")
    or hashlib.sha256(f"feedback-salt:{SECRET_KEY}".encode()).hexdigest()
)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The embedded PostgreSQL that scripts/db.sh runs when DATABASE_URL is unset, with the password it
# generated into .local/db_password.
EMBEDDED_DATABASE_URL = "postgres://careerguide:{}@127.0.0.1:{}/careerguide".format(
    quote(local_secret("db_password"), safe=""), os.environ.get("CAREERGUIDE_PGPORT", "54329")
)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or EMBEDDED_DATABASE_URL,
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
# Per-connection PostgreSQL settings:
# - pg_trgm.similarity_threshold: how close a word of the guides' names must be to a misspelt word
#   for search to correct it ("nurse" is 0.33 from "nurce"; guides/search.py). 0.3 is pg_trgm's
#   default, set here so that search does not depend on the server's.
# - pg_trgm.word_similarity_threshold: how close a guide's names must be to a query that found
#   nothing for the trigram index to offer them as suggestions; the default of 0.6 offers few.
# - random_page_cost: the site's data fits in memory, so index reads cost about as much as
#   sequential ones. The default (4, for spinning disks) makes broad searches scan the table and
#   read every large search vector instead of using the GIN index (see `make bench`).
# - max_parallel_workers_per_gather: page queries are small and many run at once; parallel
#   workers only add start-up cost on a two-core app server.
# - jit: a query PostgreSQL guesses to be costly is compiled first, and for the site's queries that
#   costs more than it saves: page 40 of the catalogue by growth among 10,000 guides spent 76 ms of
#   its 182 compiling (256 ms to 146 ms a first render without it; no other page changed).
# - statement_timeout: one slow query must not hold a worker; PostgreSQL cancels it and the page is
#   the 503 (guides/middleware.py). manage.py sets it to 0: migrations and imports are run by an
#   operator and may take longer than a page.
STATEMENT_TIMEOUT = env_count("DJANGO_STATEMENT_TIMEOUT", 5, " of seconds (0 for none)")
DATABASES["default"]["OPTIONS"]["options"] = (
    "-c pg_trgm.similarity_threshold=0.3 -c pg_trgm.word_similarity_threshold=0.2"
    " -c random_page_cost=1.1"
    " -c max_parallel_workers_per_gather=0 -c jit=off"
    f" -c statement_timeout={STATEMENT_TIMEOUT}s"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "reversion",
    "adminsortable2",
    "csp",
    "axes",
    "corsheaders",
    "markdownify",
    "guides",
    "guides.wages",
    "guides.occupations",
    "guides.feedback",
    "guides.ops",
    "guides.page_cache",
    "guides.workflow",
    "guides.finding",
]

MIDDLEWARE = [
    # First: one log line and the metrics of every request, page-cache hits and /healthz included.
    "guides.ops.requests_log.RequestLogMiddleware",
    "guides.middleware.HealthCheckMiddleware",
    # /metrics, like /healthz, before the HTTPS redirect and host validation (for a local scraper).
    "guides.ops.metrics.MetricsEndpointMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a cached API answer gets the CORS headers of the request at hand.
    "corsheaders.middleware.CorsMiddleware",
    # NUL (PostgreSQL cannot store it) and overlong paths are refused before any view reads them.
    "guides.ops.text_input.RefuseUnusableInputMiddleware",
    # Anonymous pages from the cache, before anything reads a session or the database.
    "guides.page_cache.middleware.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "guides.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# The API's data is public: any site may read it from a browser (GET only; no credentials, since
# it sets no cookies). ETag is exposed so that scripts can revalidate.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag"]

ROOT_URLCONF = "careerguide.urls"
WSGI_APPLICATION = "careerguide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Login throttling (django-axes): 5 failed logins for one username from one address lock that pair
# out for 15 minutes, counted from the last failure; other users and addresses are unaffected.
# Attempts made while locked out are refused without being counted, so the lockout ends on time.
# Lockouts are listed in the admin ("Access attempts"); `manage.py axes_reset` clears them all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# How many reverse proxies stand in front of the app; their X-Forwarded-For says who the client is.
# 0 (the default) ignores the header, which anyone can send.
TRUSTED_PROXIES = env_count("DJANGO_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "careerguide.client_ip.client_ip"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Addresses typed without a scheme ("bls.gov/ooh/...") are taken as https, as Django 6 will do.
# This transitional setting warns once at start-up, where leaving it unset warned on every form.
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with content hashes in their names, served with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def private_redis_url():
    """The project's own Redis (scripts/redis.sh, which `make run` starts) when it answers on its
    socket, else "". Every process of this checkout finds it the same way (gunicorn, every
    manage.py command, the shell, cron jobs), so all of them read and bump the same page-cache
    versions: a change made from a terminal reaches the running site at once."""
    path = LOCAL_DIR / "redis" / "redis.sock"
    try:
        with socket.socket(socket.AF_UNIX) as unix:
            unix.settimeout(1)
            unix.connect(str(path))
    except OSError:  # not started, stopped, or a socket left by a crash
        return ""
    return f"unix://{path}?db=0"


# One cache shared by every app server and command when REDIS_URL is set (production: set it for
# every process) or the project's Redis runs; otherwise per process, versions in PostgreSQL.
REDIS_URL = os.environ.get("REDIS_URL") or private_redis_url()
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "guides.page_cache.redis_backend.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security headers that hold in every environment; production.py adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# django-markdownify renders guide Markdown (guides/markdown.py). Its bleach step is off: nh3
# sanitises its output with the site's allow-list. Raw HTML is left out; lists may start right
# after a paragraph line (breakless lists) and a new list marker starts a new list (sane lists),
# as in CommonMark, which the guides were written for.
MARKDOWNIFY = {
    "default": {
        "BLEACH": False,
        "MARKDOWN_EXTENSIONS": [
            "guides.markdown:OmitRawHtml",
            "mdx_breakless_lists",
            "sane_lists",
        ],
    }
}

LOGIN_URL = "admin:login"
# Only careerguide.settings.bench turns this on (see guides/management/commands/generate_synthetic_guides.py).
SHOW_SYNTHETIC_GUIDES = False

# Review emails (guides.workflow.notify). With DJANGO_EMAIL_HOST: SMTP with STARTTLS unless
# DJANGO_EMAIL_USE_TLS=false; without it, emails are printed to the console (a developer's machine).
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_count("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Career Guide <editors@localhost>")
