# IKZ-Plattform — the two commands a newcomer needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
export IKZ_DEBUG ?= 1
export DJANGO_SETTINGS_MODULE := ikz.settings

.PHONY: demo test test-unit test-browser test-s3 coverage coverage-report lint typecheck check bench bench-search loadtest lock clean

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 oder neuer wird benötigt (gefunden: %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	@touch $@

## demo: Umgebung installieren, SQLite-Datenbank anlegen, Demo laden, Server auf http://127.0.0.1:8000 starten
## (mit einem Arbeitsprozess für die Aufträge im Hintergrund: E-Mails, Erinnerungen, Importe; endet mit dem Server)
demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@$(PY) manage.py run_worker --name demo --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

## test: die ganze Testsuite (Browser-Tests laufen, wenn Chromium installiert ist)
test: $(VENV)/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

test-unit: $(VENV)/.installed
	$(PY) -m pytest -m "not browser"

test-browser: $(VENV)/.installed
	$(PY) -m pytest -m browser

## test-s3: die Tests von Dokumenten, Sicherung und Übertragung gegen einen S3-kompatiblen Endpunkt (moto im Servermodus, auf einem freien Port; danach beendet)
S3_TESTS ?= ikz/documents ikz/backup ikz/transfer
test-s3: $(VENV)/.installed
	@port=$$($(PY) -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	log=$$(mktemp); \
	$(PY) -m moto.server -H 127.0.0.1 -p $$port >"$$log" 2>&1 & moto=$$!; \
	trap 'kill $$moto 2>/dev/null; wait $$moto 2>/dev/null; rm -f "$$log"' EXIT; \
	$(PY) -c 'import socket, sys, time; addr = ("127.0.0.1", int(sys.argv[1])); \
	sys.exit("moto startet nicht") if all(socket.socket().connect_ex(addr) and not time.sleep(0.2) for _ in range(100)) else None' $$port; \
	echo "S3-Endpunkt (moto): http://127.0.0.1:$$port, Bucket ikz-test"; \
	IKZ_S3_BUCKET=ikz-test IKZ_S3_ENDPOINT_URL=http://127.0.0.1:$$port \
	IKZ_S3_ACCESS_KEY=test IKZ_S3_SECRET_KEY=test IKZ_S3_REGION=eu-central-1 \
	$(PY) -m pytest $(S3_TESTS) -m "not browser" $(PYTEST_ARGS) || { status=$$?; echo "--- moto-Log:"; tail -n 20 "$$log"; exit $$status; }

## coverage: die Tests ohne Browser unter coverage; Zweigabdeckung von rules und services mindestens 90 % (Bericht in coverage.txt)
COVERAGE_INCLUDE := ikz/*/rules.py,ikz/*/rules/*.py,ikz/*/services.py,ikz/*/services/*.py
COVERAGE_FAIL_UNDER ?= 90
coverage: $(VENV)/.installed
	$(PY) -m coverage run -m pytest -m "not browser" $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory coverage-report

## coverage-report: Bericht über die letzte Messung (.coverage), scheitert unter COVERAGE_FAIL_UNDER
coverage-report: $(VENV)/.installed
	@$(PY) -m coverage report --include='$(COVERAGE_INCLUDE)' --fail-under=$(COVERAGE_FAIL_UNDER) > coverage.txt; \
		status=$$?; cat coverage.txt; exit $$status

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(VENV)/.installed
	$(VENV)/bin/mypy

check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## bench: alle Hauptseiten messen – klein (ein Kreis) und national (alle Gemeinden, 400 Regionen), auf SQLite und PostgreSQL (docs/performance.md)
REGISTER ?= ../shared/data/GV100AD_30112025.txt
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_REPEAT ?= 15
bench: $(VENV)/.installed
	BENCH_PG=$(BENCH_PG) $(PY) bench/all.py --register $(REGISTER) --repeat $(BENCH_REPEAT) $(BENCH_ARGS)

## loadtest: gunicorn + PostgreSQL (nationaler Datenbestand), locust 50 Nutzer 60 s; scheitert bei Fehlern (docs/performance.md)
loadtest: $(VENV)/.installed
	BENCH_PG=$(BENCH_PG) $(PY) bench/loadtest.py --register $(REGISTER) $(LOADTEST_ARGS)

## capacity: Kapazität ohne Denkzeit – gunicorn + PostgreSQL (nationaler Datenbestand), geschlossene Schleife mit 1-32 gleichzeitigen Nutzern, Seitenmix und floor (/status/) im selben Lauf; Kapazität = höchste Rate mit p95 ≤ 300 ms (bench/results/capacity.md)
## kurz: make capacity CAPACITY_ARGS="--reuse --steps 1,4,16 --seconds 10"
.PHONY: capacity
CAPACITY_ARGS ?=
capacity: $(VENV)/.installed
	BENCH_PG=$(BENCH_PG) $(PY) bench/capacity.py --register $(REGISTER) $(CAPACITY_ARGS)

## bench-search: Suche über 20.000 Dokumente auf PostgreSQL messen (eigene, leere Datenbank in BENCH_SEARCH_DB)
BENCH_SEARCH_DB ?= postgres://postgres@127.0.0.1:5432/ikz_bench_search
bench-search: $(VENV)/.installed
	DATABASE_URL=$(BENCH_SEARCH_DB) $(PY) bench/search.py

## scale-test: zwei App-Server (gunicorn), zwei Arbeitsprozesse, S3 (moto), SMTP-Auffang und eine frische PostgreSQL-Datenbank ikz_scale; scheitert, wenn etwas verloren geht oder doppelt ankommt (docs/performance.md)
.PHONY: scale-test bench-queue
SCALE_ARGS ?=
scale-test: $(VENV)/.installed
	SCALE_PG=$(BENCH_PG) $(PY) scale/run.py $(SCALE_ARGS)

## bench-queue: Aufträge je Sekunde mit einem und zwei Arbeitsprozessen, Erinnerungen an 400 Kommunen bis zur letzten E-Mail (bench/results/queue.md)
bench-queue: $(VENV)/.installed
	SCALE_PG=$(BENCH_PG) $(PY) bench/queue_speed.py $(BENCH_QUEUE_ARGS)

## lock: Lock-Dateien aus requirements/*.in neu erzeugen (braucht pip-tools)
lock:
	pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/base.txt requirements/base.in
	pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links -o requirements/dev.txt requirements/dev.in

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .mypy_cache .ruff_cache
