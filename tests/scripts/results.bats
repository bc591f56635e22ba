#!/usr/bin/env bats
# Test counting: TRX files (dotnet test), TAP (bats), the closing `N passed, N failed` line, and
# the Cobertura summary with its threshold.

load test_helper

setup() {
  common_setup
  RESULTS="$BATS_TEST_TMPDIR/results"
  mkdir -p "$RESULTS/a" "$RESULTS/b"
}

counts() { bash -c 'source scripts/ci/lib.sh; ci_trx_counts "$@"' _ "$@"; }

@test "a TRX file gives passed, failed and skipped" {
  run counts "$FIXTURES/sample.trx"
  [ "$status" -eq 0 ]
  [ "$output" = "3 1 1" ]
}

@test "TRX files under several directories are summed" {
  cp "$FIXTURES/sample.trx" "$RESULTS/a/one.trx"
  cp "$FIXTURES/sample.trx" "$RESULTS/b/two.trx"
  run counts "$RESULTS"
  [ "$status" -eq 0 ]
  [ "$output" = "6 2 2" ]
}

@test "no TRX file counts nothing" {
  run counts "$RESULTS"
  [ "$output" = "0 0 0" ]
}

@test "an unreadable TRX file counts as one failure, never as success" {
  printf '<TestRun><Results>' >"$RESULTS/a/broken.trx"
  run counts "$RESULTS"
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "0 1 0" ]
  [[ "$output" == *"cannot read"* ]]
}

@test "the closing line is 'N passed, N failed', with skipped only when some were" {
  run bash -c 'source scripts/ci/lib.sh; ci_print_total 3 1 0; ci_print_total 3 1 2'
  [ "${lines[0]}" = "3 passed, 1 failed" ]
  [ "${lines[1]}" = "3 passed, 1 failed, 2 skipped" ]
}

@test "TAP output of bats is counted: ok, not ok, skip" {
  printf '1..4\nok 1 first\nnot ok 2 second\n# (in test file x.bats, line 3)\nok 3 third # skip no engine\nok 4 fourth\n' >"$RESULTS/out.tap"
  run bash -c 'source scripts/ci/lib.sh; ci_tap_counts "$1"' _ "$RESULTS/out.tap"
  [ "$output" = "2 1 1" ]
}

@test "coverage summary: passes at the threshold, fails below it" {
  run /usr/bin/python3 scripts/ci/cobertura_summary.py --threshold 80 "$FIXTURES/sample.cobertura.xml"
  [ "$status" -eq 0 ]
  [[ "${lines[-1]}" == "coverage: lines 80.0% (80/100), branches 50.0% (10/20); threshold 80%: OK" ]]
  run /usr/bin/python3 scripts/ci/cobertura_summary.py --threshold 80.5 "$FIXTURES/sample.cobertura.xml"
  [ "$status" -eq 1 ]
  [[ "${lines[-1]}" == *"BELOW THRESHOLD" ]]
}

@test "coverage_report.sh --no-test without Cobertura files fails: nothing measured is not a pass" {
  run env TEST_RESULTS_DIR="$RESULTS" COVERAGE_DIR="$BATS_TEST_TMPDIR/cov" scripts/ci/coverage_report.sh --no-test
  [ "$status" -eq 1 ]
  [[ "$output" == *"coverage was not measured"* ]]
}

@test "coverage_report.sh --no-test summarizes the Cobertura files of a previous run" {
  mkdir -p "$RESULTS/coverage/LifeOs.Migrations.Guard.Tests/0f1e"
  cp "$FIXTURES/sample.cobertura.xml" "$RESULTS/coverage/LifeOs.Migrations.Guard.Tests/0f1e/coverage.cobertura.xml"
  # The TRX logger's copy of the same attachment must not be counted twice.
  mkdir -p "$RESULTS/coverage/LifeOs.Migrations.Guard.Tests/_vm_run/In/vm"
  cp "$FIXTURES/sample.cobertura.xml" "$RESULTS/coverage/LifeOs.Migrations.Guard.Tests/_vm_run/In/vm/coverage.cobertura.xml"
  run env TEST_RESULTS_DIR="$RESULTS" COVERAGE_DIR="$BATS_TEST_TMPDIR/cov" COVERAGE_THRESHOLD=75 scripts/ci/coverage_report.sh --no-test
  [ "$status" -eq 0 ]
  [ -f "$BATS_TEST_TMPDIR/cov/LifeOs.Migrations.Guard.Tests.cobertura.xml" ]
  [[ "$output" == *"coverage: lines 80.0% (80/100)"*"threshold 75%: OK"* ]]
  [ "$(find "$BATS_TEST_TMPDIR/cov" -type f | wc -l)" -eq 1 ]
}
