#!/usr/bin/env bash
# Publishes the two commands into artifacts/bin: migration-guard and ci-harness (Release).
# migration-guard is compiled ahead of time (Native AOT): it runs in pre-commit hooks and on every
# pull request, and with no JIT it starts in milliseconds and parses at full speed from the first
# file (see the README's performance section). Where the native toolchain is missing it falls back
# to the ReadyToRun build, with a warning. ci-harness is framework-dependent ReadyToRun.
# Does nothing when the sources have not changed since the last successful build, unless --force.
#
# Usage: scripts/ci/build.sh [--force] [--no-ready-to-run] [--no-aot]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source-path=SCRIPTDIR/../..
source scripts/ci/lib.sh

force=false
ready_to_run=true
aot=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --force) force=true ;;
    --no-ready-to-run) ready_to_run=false ;;
    --no-aot) aot=false ;;
    -h | --help)
      ci_usage
      exit 0
      ;;
    *) ci_die "$CI_EXIT_USAGE" "unknown option '$1' (try --help)" ;;
  esac
  shift
done

ci_require dotnet "the .NET SDK, see global.json"
if [[ ! -f /usr/lib/x86_64-linux-gnu/libpg_query.a ]]; then
  ci_warn "libpg_query.a not found (Debian package libpg-query-dev; make ci-setup installs it): the guard is built without PostgreSQL's SQL parser, and SQL in execute() is reported as unknown operations"
fi

# The harness first: it references the guard library, so its publish also copies a framework-dependent
# migration-guard launcher here, which the guard's own (Native AOT) publish then replaces.
projects=(src/LifeOs.Ci.Harness src/LifeOs.Migrations.Guard)
for project in "${projects[@]}"; do
  [[ -d "$project" ]] || ci_die "$CI_EXIT_FAILED" "project $project does not exist"
done

# Fingerprint of everything that goes into the build: sources, project files, build props.
fingerprint() {
  {
    find src -type f -not -path '*/bin/*' -not -path '*/obj/*' -print0 | sort -z | xargs -0 sha256sum
    sha256sum global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt 2>/dev/null || true
    if [[ -d docs/rules ]]; then
      find docs/rules -type f -print0 | sort -z | xargs -0 -r sha256sum
    fi
    printf 'ready_to_run=%s aot=%s\n' "$ready_to_run" "$aot"
  } | sha256sum | cut -d' ' -f1
}

stamp="$CI_BIN_DIR/.build-fingerprint"
current="$(fingerprint)"
if [[ "$force" == false && -f "$stamp" && -x "$CI_GUARD" && -x "$CI_HARNESS" && "$(cat "$stamp")" == "$current" ]]; then
  ci_info "up to date ($CI_GUARD, $CI_HARNESS); use --force to rebuild"
  exit 0
fi

publish_args=(-c Release -o "$CI_BIN_DIR" --nologo)
if [[ "$ready_to_run" == true ]]; then
  publish_args+=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true)
fi

rm -f "$stamp"
mkdir -p "$CI_BIN_DIR"
for project in "${projects[@]}"; do
  ci_section "dotnet publish $project"
  if [[ "$aot" == true && "$project" == src/LifeOs.Migrations.Guard ]]; then
    # The AOT binary replaces any framework-dependent build of the same name.
    if dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -o "$CI_BIN_DIR" --nologo; then
      ci_end_section
      continue
    fi
    ci_warn "Native AOT publish of $project failed (no native toolchain?); falling back to ReadyToRun"
  fi
  dotnet publish "$project" "${publish_args[@]}"
  ci_end_section
done

for bin in "$CI_GUARD" "$CI_HARNESS"; do
  [[ -x "$bin" ]] || ci_die "$CI_EXIT_FAILED" "dotnet publish succeeded but $bin is missing"
done
printf '%s\n' "$current" >"$stamp"
ci_info "built $CI_GUARD and $CI_HARNESS"
