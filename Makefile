# One target per habit. `make run` and `make test` set up everything they need on a fresh machine
# (Python 3.11+ and Node.js): the virtual environment, the npm packages and the compiled CSS.

PYTHON ?= python3

# Python keeps what it compiles (and pytest the tests it rewrites) in __pycache__, so that each test process,
# worker and server starts in one second, not three. Some machines turn this off in the environment.
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 3
SECRET_FILE := var/secret-key

# The demo's settings, said explicitly: the defaults are those of a hardened production service.
# Two-factor sign-in is off in the demo only (see the README); `make run TWO_FACTOR_REQUIRED=true` tries it.
TWO_FACTOR_REQUIRED ?= false
DEMO_ENV = DEMO=true DEBUG=false HTTPS=false SECRET_KEY_FILE=$(CURDIR)/$(SECRET_FILE) \
	ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost SITE_URL=http://$(HOST):$(PORT) \
	STATICFILES_BACKEND=django.contrib.staticfiles.storage.StaticFilesStorage WHITENOISE_USE_FINDERS=true \
	TWO_FACTOR_REQUIRED=$(TWO_FACTOR_REQUIRED)

.PHONY: setup run test test-access test-fast e2e lint lock format bench fuzz clean manage backup restore lighthouse \
	load load-cases load-faults

setup: $(VENV)/.installed node_modules/.installed static/build/css/staff.css $(SECRET_FILE)

# Python packages. requirements.txt (production) and requirements-dev.txt (tests and tooling) say what the
# project asks for, and are the files to edit; `make lock` (pip-tools' pip-compile) pins them, with every
# package they pull in, into requirements.lock and requirements-dev.lock, which is what pip installs
# from, here and in production. The inputs keep their names rather than becoming .in files, so that an
# edit to requirements.txt still lands in the file people know, and a file that must never be edited by
# hand says so in its name. The development lock is constrained by the production one, so that every
# package the two share has the same version in both.
$(VENV)/.installed: requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

# After changing requirements.txt or requirements-dev.txt. Pins that still fit are kept; to move every
# package to its newest release that fits: make lock LOCK_ARGS=--upgrade
LOCK_ARGS ?=
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links $(LOCK_ARGS)
lock: $(VENV)/.installed
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file requirements-dev.lock requirements-dev.txt

# The demo's own secret key, made once and kept (var/ is not in git).
$(SECRET_FILE):
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/css/staff.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build:css

# The embedded default: SQLite, a broker on disk, demo data; web server, worker and beat together.
# One reminder run is queued at start (beat's first comes after its interval), so the demo shows some.
# Every address the demo prints or emails is SITE_URL, which follows HOST and PORT (DEMO_ENV).
# Stopping it (Ctrl-C, or TERM to make, which make passes on to this shell) stops all three: the web server
# and the worker (with its beat) run in the background and the shell waits for them, because a shell runs
# its trap only once the command in the foreground has finished, and runserver would never finish.
run: setup
	$(DEMO_ENV) $(MANAGE) migrate --noinput
	$(DEMO_ENV) $(MANAGE) seed_demo
	@echo "Serving http://$(HOST):$(PORT)/ (sign in as worker, manager, ... with the password act-demo-2026)"
	@stop() { trap - INT TERM HUP; kill $$web $$worker 2>/dev/null; wait; }; \
	  trap 'stop; exit 0' INT TERM HUP; \
	  $(DEMO_ENV) $(BIN)/celery -A act worker --beat --loglevel=INFO --concurrency=1 --schedule=var/celerybeat-schedule & worker=$$!; \
	  $(DEMO_ENV) $(BIN)/celery -A act call accounts.tasks.send_reminders >/dev/null; \
	  $(DEMO_ENV) $(MANAGE) runserver $(HOST):$(PORT) & web=$$!; \
	  wait $$web; stop

# The tests run in PYTEST_WORKERS processes: three on a machine of two cores, because much of a test's time
# is spent waiting for the database or the browser. They take from a few milliseconds to about twenty
# seconds (the browser's walk of every page), so rather than handing them out in fixed chunks, a worker
# that runs out takes tests still waiting for the others (worksteal).
XDIST = -n $(PYTEST_WORKERS) --dist worksteal

# The access policy is the most important code: its own tests (these files, nothing else) must run every
# line and branch of cases/access/. They run on their own, and the rest of the suite leaves them out.
ACCESS_TESTS = cases/tests/test_access.py cases/tests/test_access_words.py cases/tests/test_access_referrals.py \
	cases/tests/test_access_plan.py cases/tests/test_access_changeable.py cases/tests/test_access_consent.py \
	cases/tests/test_access_oversight.py cases/tests/test_access_concerns.py cases/tests/test_access_missing.py
ACCESS_RUN = $(BIN)/pytest -p no:xdist -q $(ACCESS_TESTS) --cov=cases/access --cov-branch \
	--cov-report=term-missing:skip-covered --cov-fail-under=100
test-access: setup
	$(ACCESS_RUN)

# Every test: unit, integration and browser. DATABASE_URL and REDIS_URL, when set, are used. The access
# policy's own run goes alongside the rest (in a database of its own) and says what it found at the end. Both
# runs share one id, so that the apps are migrated once for all their processes (act/testdb.py).
test: setup
	@mkdir -p var
	@run=$$($(PYTHON) -c 'import uuid; print(uuid.uuid4().hex)'); \
	  TEST_TEMPLATE_RUN=$$run $(ACCESS_RUN) >var/test-access.log 2>&1 & access=$$!; \
	  $(BIN)/pytest $(XDIST) --testrunuid=$$run $(addprefix --ignore=,$(ACCESS_TESTS)); rest=$$?; \
	  wait $$access; policy=$$?; echo "The access policy's own tests:"; cat var/test-access.log; \
	  test $$rest -eq 0 && test $$policy -eq 0

# Everything but the browser tests: the quick loop while working. (--ignore=e2e would not do: e2e is
# one of pytest.ini's testpaths, which pytest collects whatever --ignore says.)
test-fast: test-access
	$(BIN)/pytest $(XDIST) -m "not bench and not e2e" $(addprefix --ignore=,$(ACCESS_TESTS))

e2e: setup
	$(BIN)/pytest e2e

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEMO_ENV) $(BIN)/mypy .
	$(DEMO_ENV) $(MANAGE) check
	$(DEMO_ENV) $(MANAGE) makemigrations --check --dry-run

# Any other manage.py command with the demo's settings: make manage ARGS="createsuperuser"
manage: setup
	$(DEMO_ENV) $(MANAGE) $(ARGS)

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Lighthouse's accessibility score (it must be 100) for every page of a young person's space, against a
# running `make run`: make lighthouse SPACE=<the space link seed_demo printed> PASSCODE=otter
lighthouse: setup
	$(BIN)/python scripts/lighthouse.py

# The service at a council's size (see "Benchmark" in the README): PostgreSQL databases of 100 and BENCH_CASES
# cases (made and seeded by seed_scale the first time, reused after; RESEED=1 rebuilds them), the application
# under gunicorn with two workers on BENCH_PORT, BENCH_REQUESTS signed-in requests per page; the table is
# printed and written to var/bench.md. Then the tests marked `bench` (the Cases page with 1,000 cases made by
# the factories, in the tests' database).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/act_bench
BENCH_CASES ?= 10000
BENCH_REQUESTS ?= 100
BENCH_PORT ?= 8821
bench: setup
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_CASES=$(BENCH_CASES) BENCH_REQUESTS=$(BENCH_REQUESTS) \
	  BENCH_PORT=$(BENCH_PORT) SECRET_KEY_FILE=$(CURDIR)/$(SECRET_FILE) DJANGO_SETTINGS_MODULE=scale.bench_settings \
	  $(MANAGE) bench
	$(BIN)/pytest -m bench -p no:xdist -s

# The load test (scale/load/, see "Load test" in the README): simulated people (locust) against gunicorn with 2
# workers on 127.0.0.1, on PostgreSQL (LOAD_POSTGRES, the local server by default). `make load`: 50 people
# (LOAD_USERS) for 5 minutes (LOAD_TIME): workers, managers and young people. `make load-cases`: 50 managers
# on the Cases page at once. `make load-faults`: the load while the Celery worker, Redis and PostgreSQL (its
# own, started for the test) fail, then the counts. Each prints requests per second, errors and the times.
load: setup
	$(BIN)/python -m scale.load mixed

load-cases: setup
	$(BIN)/python -m scale.load cases

load-faults: setup
	$(BIN)/python -m scale.load faults

# The hostile-input tests with many more generated inputs than `make test` tries, different on every
# run (FUZZ_EXAMPLES per form, 400 unless given). A failing input is kept in var/hypothesis and tried first
# next time.
FUZZ_EXAMPLES ?= 400
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest act/tests/hostile $(XDIST)

# Backups of the PostgreSQL database of DATABASE_URL (see "Backups" in the README): pg_dump's custom format
# into var/backups/act-<UTC time>.dump, or BACKUP_FILE; `make restore BACKUP_FILE=...` replaces what the
# database of DATABASE_URL holds with the backup. Both refuse anything but PostgreSQL.
backup:
	@scripts/db-backup backup

restore:
	@scripts/db-backup restore

clean:
	rm -rf $(VENV) node_modules static/build staticfiles var .pytest_cache .ruff_cache .mypy_cache
