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
# Two test files at a time (BROWSER_JOBS): each drives its own browsers and server, and the
# suite waits on browsers more than it computes; the longest files (WebKit's, Firefox's, the
# reflow of every page, the hostile data) no longer follow one another.
node --test --test-concurrency="${BROWSER_JOBS:-2}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=./summary-reporter.mjs --test-reporter-destination="$summary" \
  ./*.test.mjs || status=$?
echo "screenshots: tests/browser/artifacts/"
cat "$summary"
rm -f "$summary"
exit $status
