#!/usr/bin/env bash
# Runs the browser tests (tests/browser/*.test.mjs) in headless Chromium against the built
# site, and ends with the line "N passed, N failed".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top/tests/browser"
# shellcheck source=/dev/null
. "$top/target/toolchain.env"
summary=$(mktemp)
status=0
node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=./summary-reporter.mjs --test-reporter-destination="$summary" \
  ./*.test.mjs || status=$?
echo "screenshots: tests/browser/artifacts/"
cat "$summary"
rm -f "$summary"
exit $status
