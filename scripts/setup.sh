#!/usr/bin/env bash
# Everything `make run` and `make test` need, idempotent and quick on a second run:
# uv and the locked Python environment, the database, migrations, the guides, static files.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v uv >/dev/null 2>&1 && [ ! -x "$HOME/.local/bin/uv" ]; then
    echo "Installing uv (the Python package manager) with pip..."
    python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
fi
export PATH="$HOME/.local/bin:$PATH"

uv sync --frozen --quiet
bash scripts/db.sh start

# A local secret key for `make run`, made once and kept out of git (production sets its own).
if [ -z "${DJANGO_SECRET_KEY:-}" ] && [ ! -s .local/secret_key ]; then
    mkdir -p .local
    .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .local/secret_key
    chmod 600 .local/secret_key
fi

.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_guides
.venv/bin/python manage.py import_wages --if-none
.venv/bin/python manage.py collectstatic --no-input -v 0
