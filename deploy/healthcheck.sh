#!/bin/bash
# Liveness probe of one HooksDashboard instance without curl or wget (the runtime image has neither): an HTTP/1.0
# GET of /healthz over bash's /dev/tcp; exit 0 only for a 200. Used by the Dockerfile's HEALTHCHECK and by
# deploy/check-published-app.sh. Usage: healthcheck.sh [port] [path]   (defaults: $HEALTHCHECK_PORT or 8080, /healthz)
set -u
port="${1:-${HEALTHCHECK_PORT:-8080}}"
path="${2:-/healthz}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3 || exit 1
exec 3<&- 3>&-
[[ "$status" == HTTP/1.[01]\ 200* ]]
