#!/usr/bin/env bash
# Runs every test: unit, component (bUnit), server and end-to-end (headless Chromium).
# Installs Debian's Chromium first when it is missing (the browser tests never download one).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

dotnet test HooksDashboard.sln --logger "console;verbosity=normal" "$@"
