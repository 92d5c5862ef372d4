#!/usr/bin/env bash
# Checks what each page loads of the widget bundle against wasm/bundle-budget.txt, counted from
# the requests Chromium makes (tests/browser/page-budgets.mjs); before that, lists every file of
# the bundle with its size. Prints the figures either way.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# shellcheck source=/dev/null
. target/toolchain.env
echo "bundle files:"
for f in target/site/grassroots/*.js target/site/grassroots/*.wasm target/site/grassroots/*.css; do
  printf '  %-36s %9d bytes raw %8d bytes gzip -9\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done
node tests/browser/page-budgets.mjs
