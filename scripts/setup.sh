#!/usr/bin/env bash
# Everything `make run` and `make test` need, idempotent and quick on a second run:
# uv and the locked Python environment, the database, migrations, the guides, static files.
set -euo pipefail
cd "$(dirname "$0")/.."

# uv, the Python package manager: the one on PATH, else a private copy in .local/uv. The copy lives in
# its own virtual environment because system Pythons refuse `pip install` outside one (PEP 668).
uv=$(command -v uv || true)
if [ -z "$uv" ]; then
    uv=.local/uv/bin/uv
    if [ ! -x "$uv" ]; then
        echo "Installing uv (the Python package manager) into .local/uv..."
        rm -rf .local/uv
        python3 -m venv .local/uv || {
            echo "python3 cannot create virtual environments: install python3-venv" \
                "(sudo apt-get install python3-venv) and run this again." >&2
            exit 1
        }
        .local/uv/bin/python -m pip install --quiet --disable-pip-version-check uv
    fi
fi

# --compile-bytecode: uv leaves compiling to the first import, which cannot keep the result where
# PYTHONDONTWRITEBYTECODE is set: then every process (each manage.py, test worker and the
# commands the tests start) compiled some 1,200 modules again, 1.6 s of the 2.6 s of `manage.py check`.
"$uv" sync --frozen --quiet --compile-bytecode
bash scripts/db.sh start

# A local secret key for `make run`, made once and kept out of git (production sets its own).
if [ -z "${DJANGO_SECRET_KEY:-}" ] && [ ! -s .local/secret_key ]; then
    mkdir -p .local
    .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(50))" > .local/secret_key
    chmod 600 .local/secret_key
fi
# The same for the salt of the feedback form's rate limit (DJANGO_FEEDBACK_SALT in production).
if [ -z "${DJANGO_FEEDBACK_SALT:-}" ] && [ ! -s .local/feedback_salt ]; then
    .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(32))" > .local/feedback_salt
    chmod 600 .local/feedback_salt
fi

.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_guides
.venv/bin/python manage.py import_wages --if-none
.venv/bin/python manage.py import_occupations --if-none
.venv/bin/python manage.py collectstatic --no-input -v 0
