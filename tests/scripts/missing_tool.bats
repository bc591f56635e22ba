#!/usr/bin/env bats
# A script that needs a missing tool says which one and exits 127; no Docker engine exits 69.

load test_helper
bats_require_minimum_version 1.5.0

setup() {
  common_setup
}

@test "ci_require: a missing tool exits 127 with the tool's name and how to install it" {
  run -127 bash -c 'source scripts/ci/lib.sh; ci_require lifeos-no-such-tool "apt-get install lifeos-no-such-tool"; echo unreachable'
  [ "$status" -eq 127 ]
  [[ "$output" == *"required tool 'lifeos-no-such-tool' was not found on PATH (install: apt-get install lifeos-no-such-tool)"* ]]
  [[ "$output" != *unreachable* ]]
}

@test "ci_require_python_module: a module the interpreter lacks exits 127 naming the package" {
  run -127 bash -c 'source scripts/ci/lib.sh; ci_require_python_module lifeos_no_such_module python3-lifeos'
  [ "$status" -eq 127 ]
  [[ "$output" == *"Python module 'lifeos_no_such_module' is not importable"*"apt-get install python3-lifeos"* ]]
}

@test "smoketest.sh without curl exits 127 and names curl" {
  run -127 env PATH="$(path_without curl)" scripts/ci/smoketest.sh --url http://127.0.0.1:9 --retries 1
  [ "$status" -eq 127 ]
  [[ "$output" == *"required tool 'curl' was not found"* ]]
}

@test "lint.sh without shellcheck exits 127 before running anything" {
  run -127 env PATH="$(path_without shellcheck)" scripts/ci/lint.sh --check
  [ "$status" -eq 127 ]
  [[ "$output" == *"required tool 'shellcheck' was not found"* ]]
  [[ "$output" != *"dotnet format"* ]]
}

@test "test.sh without bats exits 127" {
  run -127 env PATH="$(path_without bats)" scripts/ci/test.sh
  [ "$status" -eq 127 ]
  [[ "$output" == *"required tool 'bats' was not found"* ]]
}

@test "build.sh without dotnet exits 127" {
  run -127 env PATH="$(path_without dotnet)" CI_BIN_DIR="$BATS_TEST_TMPDIR/bin" scripts/ci/build.sh
  [ "$status" -eq 127 ]
  [[ "$output" == *"required tool 'dotnet' was not found"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/bin" ]
}

@test "build_image.sh without the docker CLI exits 127" {
  run -127 env PATH="$(path_without docker)" scripts/ci/build_image.sh
  [ "$status" -eq 127 ]
  [[ "$output" == *"required tool 'docker' was not found"* ]]
}

@test "build_image.sh with no Docker engine answering exits 69 and says so" {
  command -v docker >/dev/null || skip "no docker CLI on this machine (covered by the test above)"
  docker info >/dev/null 2>&1 && skip "a Docker engine answers here"
  run scripts/ci/build_image.sh
  [ "$status" -eq 69 ]
  [[ "$output" == *"no Docker engine answers"* ]]
}

@test "docker-up without docker compose or an engine fails with a clear message" {
  docker info >/dev/null 2>&1 && skip "a Docker engine answers here"
  run bash -c 'scripts/ci/docker_compose.sh --up; echo "exit=$?"'
  [[ "${lines[-1]}" == "exit=127" || "${lines[-1]}" == "exit=69" ]]
  [[ "$output" == *"docker compose"* || "$output" == *"no Docker engine answers"* || "$output" == *"required tool 'docker'"* ]]
}

@test "an unknown option is a usage error (exit 2) in every script" {
  local script
  for script in scripts/ci/*.sh; do
    [[ "$script" == scripts/ci/lib.sh ]] && continue
    run "$script" --lifeos-no-such-option
    if [ "$status" -ne 2 ] || [[ "$output" != *"unknown option '--lifeos-no-such-option'"* ]]; then
      echo "$script: status $status: $output"
      return 1
    fi
  done
}

@test "--help prints the script's usage and exits 0 in every script" {
  local script
  for script in scripts/ci/*.sh; do
    [[ "$script" == scripts/ci/lib.sh ]] && continue
    run "$script" --help
    if [ "$status" -ne 0 ] || [[ "$output" != *"Usage: $script"* ]]; then
      echo "$script: status $status: $output"
      return 1
    fi
  done
}
