#!/usr/bin/env bats
# make pack and make test-packages: the two tools and the two libraries pack, the tools install with
# `dotnet tool install --tool-path` from the local feed and run on the example, and an NUnit project
# that references the LifeOs.Ci.Harness package (not the project) passes a database test.

load test_helper

setup() {
  common_setup
}

@test "make pack writes both tools and both libraries, with README, notices and XML docs" {
  run scripts/ci/pack.sh
  [ "$status" -eq 0 ]
  for package in migration-guard ci-harness LifeOs.Migrations.Guard LifeOs.Ci.Harness; do
    [ -f "artifacts/packages/$package.0.1.0.nupkg" ]
  done
  run unzip -l artifacts/packages/LifeOs.Ci.Harness.0.1.0.nupkg
  [[ "$output" == *"README.md"* ]]
  [[ "$output" == *"THIRD-PARTY-NOTICES.md"* ]]
  [[ "$output" == *"lib/net10.0/ci-harness.xml"* ]]
  run unzip -p artifacts/packages/migration-guard.0.1.0.nupkg migration-guard.nuspec
  [[ "$output" == *'<packageType name="DotnetTool" />'* ]]
}

@test "the installed tools run on the example and the harness package serves an NUnit project" {
  run scripts/ci/test_packages.sh
  [ "$status" -eq 0 ]
  [[ "$output" == *"Checked 22 files"* ]]
  [[ "$output" == *"PASS  upgrade"* ]]
  [[ "$output" == *"Passed!  - Failed:     0, Passed:     1"* ]]
}
