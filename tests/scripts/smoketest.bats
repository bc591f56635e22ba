#!/usr/bin/env bats
# smoketest.sh against a real HTTP server on 127.0.0.1 that fails, then recovers.

load test_helper

setup() {
  common_setup
  SERVER_PID=""
}

teardown() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

# start_server FAIL_FIRST [SLOW_SECONDS]: sets URL to the server's address.
start_server() {
  local port_file="$BATS_TEST_TMPDIR/port"
  /usr/bin/python3 "$FIXTURES/flaky_server.py" "$port_file" "$@" 3>&- &
  SERVER_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$port_file" ]] && break
    sleep 0.05
  done
  [[ -s "$port_file" ]] || { echo "the test server did not start"; return 1; }
  URL="http://127.0.0.1:$(cat "$port_file")"
}

@test "a service that answers 503 first and then recovers passes within the retries" {
  start_server 3
  run scripts/ci/smoketest.sh --url "$URL" --paths "/healthz /readyz" --retries 5 --delay 0 --timeout 2
  [ "$status" -eq 0 ]
  [[ "$output" == *"not ready: $URL/healthz answered 503 (attempt 1/5)"* ]]
  [[ "$output" == *"ok: $URL/healthz answered 200"* ]]
  [[ "$output" == *"ok: $URL/readyz answered 200"* ]]
  [[ "$output" == *"smoke test passed: 2 health path(s)"* ]]
}

@test "a service that never recovers fails after the bounded number of attempts" {
  start_server 1000
  run scripts/ci/smoketest.sh --url "$URL" --paths /healthz --retries 3 --delay 0 --timeout 2
  [ "$status" -eq 1 ]
  [[ "$output" == *"attempt 3/3"* ]]
  [[ "$output" != *"attempt 4/"* ]]
  [[ "$output" == *"smoke test failed after 3 attempt(s): /healthz"* ]]
}

@test "a request that hangs is cut by the timeout" {
  start_server 0 10
  SECONDS=0
  run scripts/ci/smoketest.sh --url "$URL" --paths /slow --retries 2 --delay 0 --timeout 1
  [ "$status" -eq 1 ]
  [ "$SECONDS" -lt 8 ]
  [[ "$output" == *"$URL/slow answered 000"* ]]
}

@test "nothing listening: fails, does not hang" {
  start_server 0
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  run scripts/ci/smoketest.sh --url "$URL" --retries 2 --delay 0 --timeout 1
  [ "$status" -eq 1 ]
}

@test "SMOKE_URL from the environment is used, SMOKE_PATHS default from .env.ci" {
  start_server 0
  run env SMOKE_URL="$URL" SMOKE_DELAY=0 scripts/ci/smoketest.sh
  [ "$status" -eq 0 ]
  [[ "$output" == *"ok: $URL/healthz"* && "$output" == *"ok: $URL/readyz"* ]]
}

@test "no URL, a bad URL or a bad number is a usage error (exit 2)" {
  run scripts/ci/smoketest.sh
  [ "$status" -eq 2 ]
  [[ "$output" == *"no URL to test"* ]]
  run scripts/ci/smoketest.sh --url ftp://example.invalid
  [ "$status" -eq 2 ]
  run scripts/ci/smoketest.sh --url http://127.0.0.1:9 --retries many
  [ "$status" -eq 2 ]
}
