#!/usr/bin/env bash
# Runs every test: unit, component (bUnit), server and end-to-end (headless Chromium).
# Installs Debian's Chromium first when it is missing (the browser tests never download one).
# The full console output streams as usual; at the end the failed tests are repeated with their
# messages (so a cut-off log still shows them) followed by one "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

log="$(mktemp -t hooksdashboard-test-XXXXXX.log)"
trap 'rm -f "$log"' EXIT

set +e
dotnet test HooksDashboard.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Repeat each failure block: from "  Failed <name>" up to the next test result line.
failures="$(awk '
  /^  Failed [^ ]/ { show = 1; print; next }
  /^  (Passed|Skipped) [^ ]/ || /^\[xUnit\.net/ || /^(info|warn|fail|dbug): / { show = 0 }
  show { print }
' "$log")"
# Totals from the closing "Passed: N" / "Failed: N" lines (one pair per test project).
passed="$(awk '$1 == "Passed:" { n += $2 } END { print n + 0 }' "$log")"
failed="$(awk '$1 == "Failed:" { n += $2 } END { print n + 0 }' "$log")"

echo
echo "==================== test summary ===================="
if [ -n "$failures" ]; then
  echo "Failed tests:"
  echo "$failures"
  echo
fi
echo "$passed passed, $failed failed"
exit "$status"
