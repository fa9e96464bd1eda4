#!/bin/sh
# Regenerates each case's expected output from Node 20 (the reference): `<case>.out` is what `node <case>.js`
# prints, with this folder's real path shown as the executor presents it (`/hook/node_modules/...`, `hook.js`).
set -e
cd "$(dirname "$0")"
here="$(pwd)"
for js in *.js; do
  node "$js" 2>&1 | sed -e "s#$here/$js#hook.js#g" -e "s#$here/#/hook/#g" > "${js%.js}.out"
done
