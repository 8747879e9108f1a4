# Mandate: `make demo` to try it, `make test` to check it. Both install what they need.
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: install demo serve worker test test-unit test-e2e lint schema messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --all-groups --quiet
	@touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/mandate migrate --noinput
	$(BIN)/mandate load_demo
	$(BIN)/mandate runserver $(HOST):$(PORT)

serve: install
	$(BIN)/mandate runserver $(HOST):$(PORT)

# Production runs background jobs in a worker process: JOBS_BACKEND=database on both sides.
worker: install
	JOBS_BACKEND=database $(BIN)/mandate db_worker

# Production: DEBUG off, static files collected for WhiteNoise, migrations applied, then
# gunicorn (workers and bind in src/mandate/gunicorn.conf.py; see docs/deployment.md).
# Needs SECRET_KEY and ALLOWED_HOSTS (and DATABASE_URL for PostgreSQL) in the environment.
serve-prod: install
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (and ALLOWED_HOSTS, DATABASE_URL): see docs/deployment.md"; exit 1; }
	DEBUG=0 $(BIN)/mandate collectstatic --noinput --verbosity 0
	DEBUG=0 $(BIN)/mandate migrate --noinput
	DEBUG=0 $(BIN)/gunicorn -c src/mandate/gunicorn.conf.py

# The whole suite: unit, integration, API and browser tests. Browser tests need Debian's
# Chromium at /usr/bin/chromium (apt-get install chromium); without it they are skipped
# with a message, unless MANDATE_REQUIRE_BROWSER=1 (as in CI) makes that a failure.
test: install
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

test-unit: install
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not e2e" $(PYTEST_ARGS)

test-e2e: install
	$(BIN)/python -m pytest -n 2 --dist loadfile -m e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mandate makemigrations --check --dry-run

schema: install
	$(BIN)/mandate spectacular --lang en --file docs/openapi.yaml --validate

messages: install
	cd src/mandate && ../../$(BIN)/mandate makemessages -l vi --no-obsolete && ../../$(BIN)/mandate compilemessages -l vi

clean:
	rm -rf $(VENV) $(TOOLS) var
