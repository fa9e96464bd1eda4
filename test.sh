#!/usr/bin/env bash
# Runs every test: unit, component (bUnit), server and end-to-end (headless Chromium).
# Installs Debian's Chromium first when it is missing (the browser tests never download one).
#
# The full console output streams as usual. At the end the failed tests are repeated with their
# messages (so a cut-off log still shows them). Tests that failed are then run once more on their
# own: a test that passes alone is reported as FLAKY by name (fix it!) and does not fail the run; a
# test that fails again does. The last line is "N passed, N failed" for the final outcome.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  # The Auth0 SDK tests and the real-package tests run node and npm; NodeOracle compares with node where present.
  echo "test.sh: installing Debian's nodejs and npm for the SDK and package tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && [ -z "${HOOKS_TEST_POSTGRES_BIN:-}" ]; then
  # The storage tests run every store on SQLite and on a throwaway PostgreSQL cluster (TestHelpers/PostgreSqlServer).
  echo "test.sh: installing Debian's postgresql for the PostgreSQL storage tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
fi

work="$(mktemp -d -t hooksdashboard-test-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Prints each failure block: from "  Failed <name>" up to the next test result or log line.
failure_blocks() {
  awk '
    /^  Failed [^ ]/ { show = 1; print; next }
    /^  (Passed|Skipped) [^ ]/ || /^\[xUnit\.net/ || /^(info|warn|fail|dbug|crit): / || /^Test Run / { show = 0 }
    show { print }
  ' "$1"
}

# The distinct test methods that failed (a theory's cases share one method name).
failed_methods() {
  awk '/^  Failed [^ ]/ { name = $2; sub(/\(.*/, "", name); print name }' "$1" | sort -u
}

# Totals from the closing "Passed: N" / "Failed: N" lines (one pair per test project).
total() { awk -v key="$2:" '$1 == key { n += $2 } END { print n + 0 }' "$1"; }

# The Registry category installs real packages from the configured npm registry (network, slow): run it on CI
# (CI=true) or when asked (HOOKS_TEST_REGISTRY=1); a --filter given here is used as it is.
category=()
if [ "${CI:-}" != "true" ] && [ "${HOOKS_TEST_REGISTRY:-}" != "1" ] && [[ " $* " != *" --filter "* ]]; then
  category=(--filter "Category!=Registry")
fi

set +e
dotnet test HooksDashboard.sln --logger "console;verbosity=normal" "${category[@]}" "$@" 2>&1 | tee "$work/run.log"
status=${PIPESTATUS[0]}
set -e

passed="$(total "$work/run.log" Passed)"
failed="$(total "$work/run.log" Failed)"
methods="$(failed_methods "$work/run.log")"

echo
echo "==================== test summary ===================="
if [ -n "$methods" ]; then
  echo "Failed tests:"
  failure_blocks "$work/run.log"
  echo
fi

if [ "$status" -ne 0 ] && [ -n "$methods" ] && [ "$(echo "$methods" | wc -l)" -le 5 ]; then
  filter="$(echo "$methods" | sed 's/^/FullyQualifiedName=/' | paste -sd'|' -)"
  echo "Running the failed tests once more, alone: $filter"
  set +e
  dotnet test HooksDashboard.sln --no-build --logger "console;verbosity=normal" --filter "$filter" 2>&1 | tee "$work/rerun.log"
  rerun_status=${PIPESTATUS[0]}
  set -e
  rerun_failed="$(total "$work/rerun.log" Failed)"
  rerun_passed="$(total "$work/rerun.log" Passed)"
  echo
  echo "==================== re-run summary ===================="
  if [ "$rerun_status" -eq 0 ] && [ "$rerun_failed" -eq 0 ] && [ "$rerun_passed" -gt 0 ]; then
    echo "FLAKY (failed in the full run, passed alone):"
    echo "$methods" | sed 's/^/  /'
    status=0
    passed=$((passed + failed))
    failed=0
  else
    echo "Failed again:"
    failure_blocks "$work/rerun.log"
  fi
fi

echo "$passed passed, $failed failed"
exit "$status"
