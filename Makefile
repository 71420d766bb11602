# qifu — the two commands a newcomer needs: `make run` and `make test`.
CARGO_TEST := $(shell cargo nextest --version >/dev/null 2>&1 && echo "cargo nextest run" || echo "cargo test")
FRONTEND_STAMP := frontend/node_modules/.package-lock.json

.PHONY: run test lint test-rust test-frontend e2e frontend bench test-servers fuzz api-types error-codes

## Build the front end and the release binary, load the demo data, serve on http://127.0.0.1:8080
run: frontend
	cargo build --release
	./target/release/qifu seed --demo
	./target/release/qifu serve

## Every check: formatting, lints, Rust tests (SQLite, then PostgreSQL when QIFU_TEST_DATABASE_URL is set), front-end unit tests, browser tests
test: lint test-rust test-frontend e2e

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

test-rust: test-servers
	env -u QIFU_TEST_DATABASE_URL $(CARGO_TEST)
	if [ -n "$$QIFU_TEST_DATABASE_URL" ]; then scripts/drop-test-databases && $(CARGO_TEST) && scripts/drop-test-databases; fi

test-frontend: $(FRONTEND_STAMP)
	cd frontend && npm run test:unit

## Browser end-to-end tests: Playwright drives Debian's Chromium against the debug binary
e2e: frontend
	cargo build
	cd frontend && QIFU_BIN=$(CURDIR)/target/debug/qifu npx playwright test

## Benchmarks (release build): search over 100,000 documents; the eligibility index over 1,000,000 profiles,
## side by side with PostgreSQL at QIFU_BENCH_DATABASE_URL (the SQL side is skipped when it is unreachable);
## the marketplace's bids per second and closing 10,000 procurements, on SQLite and on PostgreSQL at
## QIFU_BENCH_MARKET_DATABASE_URL (dropped and recreated on every run); the credit's nightly recompute of 100,000
## intermediaries with 1,000,000 ratings and one rating to updated stars, on SQLite and on PostgreSQL at
## QIFU_BENCH_CREDIT_DATABASE_URL (dropped and recreated on every run)
QIFU_BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qifu_bench
QIFU_BENCH_MARKET_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qifu_bench_market
QIFU_BENCH_CREDIT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/qifu_bench_credit
bench:
	cargo bench --bench search && QIFU_BENCH_DATABASE_URL=$(QIFU_BENCH_DATABASE_URL) cargo bench --bench eligibility && QIFU_BENCH_DATABASE_URL=$(QIFU_BENCH_MARKET_DATABASE_URL) cargo bench --bench marketplace && QIFU_BENCH_DATABASE_URL=$(QIFU_BENCH_CREDIT_DATABASE_URL) cargo bench --bench credit

## Fuzz the whole OpenAPI document with schemathesis (PyPI): unauthenticated and as each demo role, against the
## debug binary on a fresh SQLite (and a fresh database at QIFU_FUZZ_DATABASE_URL's PostgreSQL when set), for
## QIFU_FUZZ_BUDGET_SECONDS (600) per database; fails on any 5xx, dropped connection or crash
fuzz:
	cargo build
	python3 -c 'import schemathesis, sys; sys.exit(schemathesis.__version__ != "4.32.5")' 2>/dev/null || python3 -m pip install --quiet schemathesis==4.32.5
	scripts/fuzz

## The real servers the tests start: SMTP (aiosmtpd) and S3-compatible storage (moto), from PyPI
test-servers:
	python3 -c 'import aiosmtpd, moto.server' 2>/dev/null || pip install --quiet aiosmtpd 'moto[server]'

## Regenerate the front end's API types: the snapshot of the OpenAPI document (frontend/src/api/openapi.json,
## printed by `qifu openapi`) and the types openapi-typescript makes of it (frontend/src/api/schema.d.ts)
api-types: $(FRONTEND_STAMP)
	cargo run -q -- openapi > frontend/src/api/openapi.json.new && mv frontend/src/api/openapi.json.new frontend/src/api/openapi.json
	cd frontend && npx openapi-typescript src/api/openapi.json -o src/api/schema.d.ts

frontend: $(FRONTEND_STAMP)
	cd frontend && npm run build

## Rewrite frontend/src/i18n/error-codes.json from the code table (src/error/codes.rs) after adding a code
error-codes:
	QIFU_WRITE_ERROR_CODES=1 cargo test --lib error::codes

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
