# Un stage et après – the commands that build, serve and check the portal.
# `make run` and `make test` are all a newcomer needs; `make help` lists the rest.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
# Test processes for `make test` (pytest-xdist): one per CPU core; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help run test e2e fuzz openapi lint format check bench demo messages lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-9s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run ## Serve the portal with demo content on http://127.0.0.1:8000/ (`make run PORT=8080`: another port; SQLite unless DATABASE_URL is set)
	$(BIN)/python manage.py migrate --no-input
	RUN_HOST=$(HOST) RUN_PORT=$(PORT) $(BIN)/python manage.py load_demo $(DEMO_ARGS)
	@echo ""
	@echo "Portail :        http://$(HOST):$(PORT)/"
	@echo "Administration : http://$(HOST):$(PORT)/admin/  (compte Équipe ci-dessus)"
	@echo ""
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev ## Run the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m "not e2e and not fuzz" -n $(TEST_WORKERS) $(PYTEST_ARGS)

fuzz: $(VENV)/.installed-dev ## Fuzz the API (Schemathesis) and every form of the portal with bad ids (bounded; CI runs it on PostgreSQL)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m fuzz -n0 $(PYTEST_ARGS) tests/test_api_fuzz.py
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -m fuzz -n $(TEST_WORKERS) $(PYTEST_ARGS) tests/test_forms_fuzz.py

openapi: $(VENV)/.installed-dev ## Write the API's OpenAPI schema to api/openapi.json (commit it with the API change)
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python -m api.openapi > api/openapi.json.new
	mv api/openapi.json.new api/openapi.json

e2e: $(VENV)/.installed-dev ## Run the browser journeys in Chromium with an accessibility scan
	DJANGO_SETTINGS_MODULE=config.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m e2e -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev ## Check code style (ruff, djhtml) and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev ## Reformat code and templates
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

bench: $(VENV)/.installed-dev ## Print render times, SQL query counts, search relevance and readability (after make run)
	$(BIN)/python bench/render.py
	$(BIN)/python bench/metiers.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/readability.py
	$(BIN)/python bench/ateliers_concurrency.py
	$(BIN)/python bench/stages.py
	$(BIN)/python bench/api.py

messages: $(VENV)/.installed-dev ## Update the translation catalogues (needs gettext)
	$(BIN)/python manage.py makemessages -l en -l ar -l fr --ignore=.venv --ignore=staticfiles
	$(BIN)/python manage.py compilemessages --ignore=.venv

lock: $(VENV)/.installed-dev ## Regenerate requirements.lock and requirements-dev.lock (every package, with hashes) from the pins
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock requirements.txt
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements-dev.lock requirements-dev.txt

clean: ## Remove the SQLite database, media and collected static files
	rm -rf db.sqlite3 media staticfiles var
