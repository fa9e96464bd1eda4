#!/bin/sh
# Regenerates the expected output of every case from Node 20 (the reference): `<case>.out` is what
# `node <case>.js` prints, stdout and stderr interleaved. Run after adding or changing a case.
set -e
cd "$(dirname "$0")"
for js in *.js; do
  TZ=UTC node "$js" > "${js%.js}.out" 2>&1
done
