#!/usr/bin/env bash
# make test: lint, Django's checks, migrations in sync, then pytest (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check . && ruff format --check .
echo "== import floors (pyproject.toml)"; lint-imports --no-cache
echo "== manage.py check"; python manage.py check --fail-level WARNING
echo "== deploy check (production settings)"
DJANGO_SETTINGS_MODULE=careerguide.settings.production DJANGO_ALLOWED_HOSTS=careers.example.org \
    DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    python manage.py check --deploy --fail-level WARNING
echo "== makemigrations --check"; python manage.py makemigrations --check --dry-run
# The page cache's tests run against Redis too when the project's redis-server starts.
bash scripts/redis.sh start || echo "(the page cache's Redis tests will be skipped)"
# Test modules run in parallel (pytest-xdist), each module on one worker (tests/conftest.py), each
# worker with its own test database (pytest-django adds _gw0, _gw1...), the longest modules first
# (tests/conftest.py orders them). TEST_WORKERS=0: one process.
echo "== pytest"
python -m pytest -n "${TEST_WORKERS:-$(($(nproc) + 1))}" --dist loadgroup --no-loadscope-reorder "$@"
