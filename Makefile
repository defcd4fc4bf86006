# The two commands of the README: `make run` and `make test`. Everything else is a convenience.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install lint format migrate seed bench messages clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: seed
	@echo ""
	@echo "Serving on http://127.0.0.1:8000  (Ctrl+C to stop)"
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# The national-scale benchmark (tests/bench): PostgreSQL when DATABASE_URL is set, else SQLite.
# BENCH_ARGS=--quick for a smoke run; BENCH_SCALE, BENCH_SEED, BENCH_LOAD_SECONDS in the environment.
bench: install
	$(PY) -m tests.bench.run $(BENCH_ARGS)

messages: install
	$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=staticfiles --no-obsolete
	$(PY) manage.py compilemessages -l vi --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
