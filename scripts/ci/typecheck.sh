#!/usr/bin/env bash
# Type checks: the whole solution built with nullable analysis and warnings as errors (Release,
# the same settings as Directory.Build.props, forced here too), then mypy on the example project's
# env.py with Debian's Python (which has Alembic and SQLAlchemy).
#
# Usage: scripts/ci/typecheck.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

ci_no_options "$@"

ci_require dotnet "the .NET SDK, see global.json"
ci_require mypy "apt-get install mypy"

failed=()
ci_section "dotnet build (nullable, warnings as errors)"
if dotnet build LifeOs.slnx -c Release --nologo -p:Nullable=enable -p:TreatWarningsAsErrors=true -warnaserror; then
  ci_info "build: passed"
else
  failed+=("dotnet build")
fi
ci_end_section

project_dir="$(dirname "${ALEMBIC_CONFIG:-examples/lifeos-finance/alembic.ini}")"
env_py="$(find "$project_dir" -maxdepth 2 -name env.py -print -quit 2>/dev/null || true)"
if [[ -n "$env_py" ]]; then
  ci_section "mypy $env_py"
  if mypy --python-executable "${PYTHON:-/usr/bin/python3}" --ignore-missing-imports --no-incremental "$env_py"; then
    ci_info "mypy: passed"
  else
    failed+=("mypy")
  fi
  ci_end_section
else
  ci_skip "mypy" "no env.py under $project_dir"
fi

if [[ ${#failed[@]} -gt 0 ]]; then
  ci_error "typecheck failed: ${failed[*]}"
  exit "$CI_EXIT_FAILED"
fi
ci_info "typecheck passed"
