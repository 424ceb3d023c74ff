# One target per habit. `make run` and `make test` set up everything they need on a fresh machine
# (Python 3.11+ and Node.js): the virtual environment, the npm packages and the compiled CSS.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: setup run test e2e lint format bench clean

setup: $(VENV)/.installed node_modules/.installed static/build/css/staff.css

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/css/staff.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build:css

# The embedded default: SQLite, a broker on disk, demo data; web server, worker and beat together.
# One reminder run is queued at start (beat's first comes after its interval), so the demo shows some.
run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	@echo "Serving http://$(HOST):$(PORT)/ (sign in as worker, manager, ... with the password act-demo-2026)"
	@$(BIN)/celery -A act worker --beat --loglevel=INFO --concurrency=1 --schedule=var/celerybeat-schedule & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/celery -A act call assessments.tasks.send_reminders >/dev/null; \
	  $(MANAGE) runserver $(HOST):$(PORT)

# Every test: unit, integration and browser. DATABASE_URL and REDIS_URL, when set, are used.
test: setup
	$(BIN)/pytest -n $(PYTEST_WORKERS)

e2e: setup
	$(BIN)/pytest e2e

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/pytest -m bench -p no:xdist -s

clean:
	rm -rf $(VENV) node_modules static/build staticfiles var .pytest_cache .ruff_cache
