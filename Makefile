# Two commands: `make run` (set up and serve the demo) and `make test` (the whole test suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TRANSLATIONS := scheduler/translations
export FLASK_APP := scheduler

.PHONY: run test setup translations messages lint clean-db

run: setup
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: setup
	$(BIN)/python -m pytest

setup: $(VENV)/.installed translations

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d $(TRANSLATIONS)

# Re-extract the source strings and merge them into the catalogues (then translate the new ones).
messages: $(VENV)/.installed
	$(BIN)/pybabel extract --no-location --sort-output -k _l -k lazy_gettext -F babel.cfg -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

lint: $(VENV)/.installed
	$(BIN)/ruff check scheduler tests

clean-db:
	rm -f instance/scheduler.sqlite3
