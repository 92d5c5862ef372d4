#!/usr/bin/env bash
# Checks the bundle a page loads (every .js and .wasm under target/site/grassroots, each
# gzip -9) against the budget in wasm/bundle-budget.txt. Prints the figures either way.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
budget=$(grep -Eo '^[0-9]+' wasm/bundle-budget.txt | head -1)
total=0
for f in target/site/grassroots/*.js target/site/grassroots/*.wasm; do
  n=$(gzip -9 -c "$f" | wc -c)
  printf '  %-32s %8d bytes raw %8d bytes gzip -9\n' "$(basename "$f")" "$(stat -c %s "$f")" "$n"
  total=$((total + n))
done
printf 'bundle size: %d bytes gzip -9 (budget %d bytes, %d%%)\n' "$total" "$budget" $((total * 100 / budget))
if [ "$total" -gt "$budget" ]; then
  echo "bundle size: OVER BUDGET by $((total - budget)) bytes"
  exit 1
fi
