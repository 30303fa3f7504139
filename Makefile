# The project's commands. `make run` serves the site; `make test` checks everything.
.PHONY: run stop test lint format bench setup browser

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
