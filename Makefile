# The project's commands. `make run` serves the site; `make test` checks everything.
.PHONY: run stop test lint format bench setup browser backup restore

run:
	@bash scripts/run.sh

stop:
	@bash scripts/stop.sh

setup:
	@bash scripts/setup.sh

test: setup browser
	@bash scripts/test.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports --no-cache

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

browser:
	@bash scripts/browser.sh

bench: setup
	@.venv/bin/python scripts/bench.py

# A backup of the whole database into .local/backups (DJANGO_BACKUP_DIR); see README "Backups".
backup:
	@bash scripts/db.sh start >/dev/null
	@.venv/bin/python manage.py backup

# make restore FILE=.local/backups/careerguide-....dump (asks to confirm; YES=1 does not)
restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=path/to/backup.dump [YES=1]" >&2; exit 2; }
	@bash scripts/db.sh start >/dev/null
	@.venv/bin/python manage.py restore "$(FILE)" $(if $(YES),--no-input)
