#!/usr/bin/env bats
# make trace-migrations end to end: the example project is traced on a throwaway PostgreSQL (the
# harness's own providers) and agrees with migration-guard; TRACE_SINCE skips a change that does not
# touch the Alembic project; bad arguments are usage errors. Tracing needs PostgreSQL: where none can
# be had the harness says so and the test fails, as every database test does in CI.

load test_helper

setup_file() {
  cd "$BATS_TEST_DIRNAME/../.." || return 1
  scripts/ci/build.sh >"$BATS_FILE_TMPDIR/build.log" 2>&1 || true
}

setup() {
  common_setup
}

@test "the example is traced: the per-revision table, full agreement, reports in artifacts/trace" {
  run scripts/ci/trace_migrations.sh --seed-rows 20
  [ "$status" -eq 0 ]
  [[ "$output" == *"Lock trace: 22 revisions"* ]]
  [[ "$output" == *"Agreement: 100.0 % "* ]]
  [[ "$output" == *"every lock migration-guard predicted is the one PostgreSQL took"* ]]
  [ -s artifacts/trace/trace.md ]
  grep -q '"agreement"' artifacts/trace/trace.json
}

@test "TRACE_SINCE with no change to the project or src/ traces nothing" {
  TRACE_SINCE=HEAD run scripts/ci/trace_migrations.sh
  [ "$status" -eq 0 ]
  [[ "$output" == *"no trace needed"* ]]
}

@test "an unknown option or a bad row count is a usage error (exit 2)" {
  run scripts/ci/trace_migrations.sh --no-such-option
  [ "$status" -eq 2 ]
  run scripts/ci/trace_migrations.sh --seed-rows many
  [ "$status" -eq 2 ]
}
