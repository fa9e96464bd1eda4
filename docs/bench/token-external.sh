#!/usr/bin/env bash
# Issue 15's own method: load POST /oauth/token from another process (autocannon, as the issue measured it) and read
# the server's CPU alone from /proc, at concurrency 1 and 8, without and with the credentials-exchange starter hook.
#
#   docs/bench/token-external.sh [path/to/HooksDashboard.dll]
#
# Default: a Release publish in /tmp/hd-bench-out (made when missing). Needs Node and npm (autocannon is installed into
# a temporary folder from the configured npm registry). Linux only (/proc). Run on a quiet machine; the figures are
# measurements, not tests (docs/benchmarks.md).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
dll="${1:-/tmp/hd-bench-out/HooksDashboard.dll}"
if [[ ! -f "$dll" ]]; then
  dotnet publish "$root/HooksDashboard" -c Release -o "$(dirname "$dll")" > /dev/null
fi
tools="$(mktemp -d)"
server=""
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2> /dev/null || true
  rm -rf "$tools"
}
trap cleanup EXIT
(cd "$tools" && npm install --silent --no-audit --no-fund autocannon@7 > /dev/null)
autocannon="$tools/node_modules/.bin/autocannon"
ticks="$(getconf CLK_TCK)"

# One server process per mode (the hook stays as chosen while it serves), alternated twice: processes of one build
# differ by up to ~20 % on a shared VM, so read the pairs, not one figure.
for mode in without with without with; do
  out="$tools/serve-$mode.txt"
  dotnet "$dll" bench-token --serve 600 --modes "$mode" > "$out" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do grep -q '^serving ' "$out" && break; sleep 1; done
  line="$(grep -m1 '^serving ' "$out")" || { cat "$out"; exit 1; }
  # serving sqlite (...) for 600 s, process PID: POST URL application/x-www-form-urlencoded FORM
  pid="$(sed -E 's/.*process ([0-9]+):.*/\1/' <<< "$line")"
  url="$(sed -E 's/.*POST ([^ ]+) .*/\1/' <<< "$line")"
  form="${line##* }"
  load() { "$autocannon" -m POST -H 'content-type=application/x-www-form-urlencoded' -b "$form" "$@" "$url"; }
  cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
  load -c 8 -d 20 > /dev/null 2>&1  # warm-up: JIT, connections, the hook's engines
  for c in 1 8; do
    load -c "$c" -d 5 > /dev/null 2>&1
    before="$(cpu)"
    json="$(load -c "$c" -d 15 -j 2> /dev/null)"
    after="$(cpu)"
    node -e '
      const [json, before, after, ticks, mode, c] = process.argv.slice(1);
      const o = JSON.parse(json), n = o.requests.total;
      const us = (after - before) / ticks * 1e6 / n;
      console.log(`${mode.padEnd(7)} hook, concurrency ${c}: ${(n / 15).toFixed(0)} tokens/s, server CPU ${us.toFixed(0)} µs per token, p50 ${o.latency.p50} ms, non-2xx ${o.non2xx}`);
    ' "$json" "$before" "$after" "$ticks" "$mode" "$c"
  done
  kill "$server"
  wait "$server" 2> /dev/null || true
  server=""
done
