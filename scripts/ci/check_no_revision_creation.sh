#!/usr/bin/env bash
# CI runs migrations and never creates them. Fails (exit 1) when a CI script, a Makefile recipe or a
# workflow contains a command that would create an Alembic revision: `alembic revision`,
# `alembic merge`, autogenerate, or Alembic's command.revision/command.merge API. Comment lines
# are ignored.
#
# Usage: scripts/ci/check_no_revision_creation.sh [--root DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

root=.
while [[ $# -gt 0 ]]; do
  case "$1" in
    --root)
      [[ $# -ge 2 ]] || ci_die "$CI_EXIT_USAGE" "--root needs a directory"
      root="$2"
      shift
      ;;
    -h | --help) ci_usage; exit 0 ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ -d "$root" ]] || ci_die "$CI_EXIT_USAGE" "--root $root is not a directory"

files=()
while IFS= read -r -d '' file; do
  files+=("$file")
done < <(
  cd "$root"
  {
    [[ -f Makefile ]] && printf '%s\0' Makefile
    [[ -f .ci/run ]] && printf '%s\0' .ci/run
    [[ -d scripts ]] && find scripts -type f \( -name '*.sh' -o -name '*.bash' -o -name '*.py' -o -name '*.mk' \) -print0
    [[ -d .github ]] && find .github -type f \( -name '*.yml' -o -name '*.yaml' \) -print0
  } | sort -z
)

pattern="$(IFS='|'; printf '%s' "${CI_REVISION_CREATION_PATTERNS[*]}")"
found=0
for file in "${files[@]}"; do
  # Drop comment lines, keep line numbers.
  while IFS= read -r hit; do
    printf '%s/%s:%s\n' "${root%/}" "$file" "$hit"
    found=$((found + 1))
  done < <(grep -nE -- "$pattern" "$root/$file" | grep -vE '^[0-9]+:[[:space:]]*#' || true)
done

if [[ $found -gt 0 ]]; then
  ci_error "$found line(s) above would CREATE an Alembic revision. CI applies migrations; it never creates them. Create revisions locally and commit them."
  exit "$CI_EXIT_FAILED"
fi
ci_info "no CI script, Makefile recipe or workflow creates a revision (${#files[@]} files checked)"
