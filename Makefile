# Two commands do everything: `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PATH := $(HOME)/.local/bin:$(PATH)
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup deps system-deps lint format bench messages clean-db

$(UV):
	python3 -m pip install --user --quiet uv || python3 -m pip install --quiet uv

deps: $(UV)
	$(UV) sync --frozen --quiet

setup: deps
	@bash scripts/ensure-system-packages.sh runtime || echo "Uwaga: bez tych pakietów platforma działa, ale nie wygeneruje dokumentów PDF."
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_area konin
	$(PY) manage.py load_association
	$(PY) manage.py load_funding
	$(PY) manage.py load_demo
	$(PY) manage.py load_strategy
	$(PY) manage.py load_projects
	$(PY) manage.py load_assessment
	$(PY) manage.py load_governance
	$(PY) manage.py load_social_economy
	$(PY) manage.py refresh_catalogue
	$(PY) manage.py ensure_recurring_jobs

run: setup
	@echo "Platforma ZIT: http://$(HOST):$(PORT)/  (Ctrl-C zatrzymuje serwer i worker)"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py db_worker --no-reload --interval 1 & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

system-deps:
	bash scripts/ensure-system-packages.sh

test: system-deps deps
	.venv/bin/pytest -n $${ZIT_TEST_WORKERS:-2} $(PYTEST_ARGS)

lint: deps
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: deps
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

bench: deps
	$(PY) benchmarks/run.py
	$(PY) benchmarks/published_import.py
	$(PY) benchmarks/catalogue_load.py  # PostgreSQL and Redis: see benchmarks/README.md

messages: deps
	cd src/zit && ../../$(PY) ../../manage.py makemessages -l en --no-location --no-obsolete
	cd src/zit && ../../$(PY) ../../manage.py compilemessages -l en

clean-db:
	rm -f var/zit.sqlite3 var/zit.sqlite3-wal var/zit.sqlite3-shm
