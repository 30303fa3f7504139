"""Settings shared by every environment, read from environment variables.

Production behaviour is switched by the environment (see .env.example), never by editing files.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# Files that `make run` writes for the embedded set-up (scripts/setup.sh), kept out of git.
LOCAL_DIR = BASE_DIR / ".local"


def local_secret(name):
    """A value the set-up scripts keep in .local/, or "" when there is none."""
    try:
        return (LOCAL_DIR / name).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, PermissionError):
        return ""


# The environment wins; otherwise the key `make run` made, so every README command works as typed.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or local_secret("secret_key")
if not SECRET_KEY or SECRET_KEY.startswith("change-me"):
    if not DEBUG:
        # One line, not a traceback: this is an operator's configuration mistake.
        sys.exit(
            "Set DJANGO_SECRET_KEY to a long random value (or DJANGO_DEBUG=true for development)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The embedded PostgreSQL that scripts/db.sh runs when DATABASE_URL is unset.
EMBEDDED_DATABASE_URL = "postgres://careerguide@127.0.0.1:{}/careerguide".format(
    os.environ.get("CAREERGUIDE_PGPORT", "54329")
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
# - pg_trgm.word_similarity_threshold: how close a misspelt word must be to a title word for the
#   trigram index to match it (guides/search.py); the default of 0.6 misses "nurce" for "nurse".
# - random_page_cost: the site's data fits in memory, so index reads cost about as much as
#   sequential ones. The default (4, for spinning disks) makes broad searches scan the table and
#   read every large search vector instead of using the GIN index (see `make bench`).
# - max_parallel_workers_per_gather: page queries are small and many run at once; parallel
#   workers only add start-up cost on a two-core app server.
DATABASES["default"]["OPTIONS"]["options"] = (
    "-c pg_trgm.word_similarity_threshold=0.45 -c random_page_cost=1.1"
    " -c max_parallel_workers_per_gather=0"
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
    "markdownify",
    "reversion",
    "adminsortable2",
    "csp",
    "guides",
    "guides.wages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "guides.middleware.DatabaseUnavailableMiddleware",
]

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

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with content hashes in their names, served with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One cache shared by every app server when REDIS_URL is set; otherwise per process.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Markdown in guides: one configuration, used by every template through |markdownify.
# Only the tags a guide needs; headings start below the page's own h2 sections; no raw HTML.
MARKDOWNIFY = {
    "default": {
        "WHITELIST_TAGS": [
            "p",
            "ul",
            "ol",
            "li",
            "em",
            "strong",
            "a",
            "h3",
            "h4",
            "blockquote",
            "code",
            "br",
        ],
        "WHITELIST_ATTRS": ["href", "title"],
        "WHITELIST_PROTOCOLS": ["http", "https", "mailto"],
        "STRIP": True,
        "LINKIFY_TEXT": {"PARSE_URLS": False},
    }
}

LOGIN_URL = "admin:login"
# Only careerguide.settings.bench turns this on (see guides/management/commands/generate_synthetic_guides.py).
SHOW_SYNTHETIC_GUIDES = False
