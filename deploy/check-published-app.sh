#!/bin/bash
# Checks what the Dockerfile does, without Docker: runs its restore + publish commands, then starts the published app
# the way the image does (as a non-root user, from the publish folder, data in its own folder, configuration by
# environment variables only) and probes it with the image's HEALTHCHECK script (deploy/healthcheck.sh).
# Run as root (it switches to the unprivileged user "nobody", as the image runs as "app").
#   deploy/check-published-app.sh [--skip-publish] [port]
# Exit 0 when /healthz and /readyz answer 200, the process runs as the non-root user and the data folder holds the
# database and the signing key owned by that user.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_publish=false
if [[ "${1:-}" == "--skip-publish" ]]; then skip_publish=true; shift; fi
port="${1:-18080}"
work="${CHECK_WORK_DIR:-/tmp/hooksdashboard-image-check}"
app="$work/app"
data="$work/data"
user=nobody

if [[ $(id -u) -ne 0 ]]; then echo "Run as root: the check starts the app as '$user'." >&2; exit 2; fi

if [[ "$skip_publish" == false ]]; then
  rm -rf "$app"
  # The Dockerfile's build stage, same commands.
  dotnet restore HooksDashboard/HooksDashboard.csproj
  dotnet publish HooksDashboard/HooksDashboard.csproj -c Release --no-restore -o "$app"
fi
[[ -f "$app/HooksDashboard.dll" ]] || { echo "No published app in $app." >&2; exit 1; }
chmod -R a+rX "$work"

# The image's volume: a fresh folder owned by the unprivileged user, mode 700.
rm -rf "$data" && mkdir -p "$data" && chown "$user:" "$data" && chmod 700 "$data"

log="$work/app.log"
# The image's ENV, and its WORKDIR as the current folder (the content root).
(cd "$app" && exec setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups \
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$data" \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_HTTP_PORTS="$port" \
    DataDirectory="$data" DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    dotnet HooksDashboard.dll) >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT

ok=false
for _ in $(seq 1 120); do
  if deploy/healthcheck.sh "$port" /healthz 2>/dev/null; then ok=true; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [[ "$ok" != true ]]; then echo "FAIL: /healthz never answered 200; log:" >&2; cat "$log" >&2; exit 1; fi

for _ in $(seq 1 20); do deploy/healthcheck.sh "$port" /readyz 2>/dev/null && break; sleep 0.5; done
deploy/healthcheck.sh "$port" /readyz || { echo "FAIL: /readyz is not 200; log:" >&2; cat "$log" >&2; exit 1; }

runs_as=$(ps -o user= -p "$pid" | tr -d ' ')
[[ "$runs_as" == "$user" ]] || { echo "FAIL: the app runs as '$runs_as', not '$user'." >&2; exit 1; }
for file in hooks.db signing-key.json; do
  owner=$(stat -c %U "$data/$file" 2>/dev/null || echo missing)
  [[ "$owner" == "$user" ]] || { echo "FAIL: $data/$file is $owner, expected owned by $user." >&2; exit 1; }
done
echo "OK: published app started as '$user' on port $port with DataDirectory=$data; /healthz and /readyz answer 200."
