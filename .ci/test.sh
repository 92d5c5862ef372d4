#!/usr/bin/env bash
# `make test` after its set-up: every test, in two lanes on the machine's two cores, then the
# browser tests alone. Ends with the runners' own summary lines.
#
#   lane 1: native tests → rule cases → fuzz smoke   (target/debug, target/fuzz)
#   lane 2: types → wasm build → page budgets        (target/wasm32-unknown-unknown)
#   then:   browser tests, once both lanes are done (they time pages; nothing else runs beside them)
#
# The lanes build into different cargo build directories, so neither waits on the other's lock
# (the build's site data runs the debug CLI, which may wait for lane 1's compile, briefly). The
# wasm build spends most of its time in one-core LTO links, which leaves the other core to
# lane 1: a cold run took 2,485 s with the phases one after another (session 21; see
# ARCHITECTURE.md, "Build and size"). A lane stops at its first failing phase; the other runs
# on, and the browser tests run whenever the build and budgets passed, so one red run shows
# all it can.
#
# Each phase's output is in target/test-logs/<phase>.txt, printed whole as its lane ends (the
# browser tests' streams as it runs); its seconds are in times.txt.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
LOG=target/test-logs
start=${TEST_START:-$(date +%s)}
mkdir -p "$LOG"
rm -f "$LOG"/*.txt
echo "setup $(( $(date +%s) - start )) s" > "$LOG/times.txt"
m() { make --no-print-directory "$@"; }

# phase NAME FILE COMMAND… — COMMAND's output into $LOG/FILE.txt, its seconds into times.txt.
phase() {
  local name=$1 file=$2 s rc
  shift 2
  s=$(date +%s)
  "$@" > "$LOG/$file.txt" 2>&1
  rc=$?
  echo "$name $(( $(date +%s) - s )) s$([ $rc -eq 0 ] || echo ' (failed)')" >> "$LOG/times.txt"
  return $rc
}
# show FILE… — a lane's logs, each under its name.
show() { local f; for f in "$@"; do [ -f "$LOG/$f.txt" ] && { echo "=== $f"; cat "$LOG/$f.txt"; }; done; }

echo "lane 1: native tests, rule cases, fuzz smoke; lane 2: types, build, page budgets (logs: $LOG/)"
(
  phase native native m native-test &&
  phase "rule cases" rules m rule-cases &&
  phase "fuzz smoke" fuzz m fuzz-smoke
) &
lane1=$!
(
  phase types types m types &&
  phase "build and budgets" build m build size
) &
lane2=$!
wait $lane2; rc2=$?
wait $lane1; rc1=$?
show native rules fuzz types build

rc3=0
if [ $rc2 -eq 0 ]; then
  s=$(date +%s)
  m browser-test 2>&1 | tee "$LOG/browser.txt"
  rc3=${PIPESTATUS[0]}
  echo "browser $(( $(date +%s) - s )) s$([ $rc3 -eq 0 ] || echo ' (failed)')" >> "$LOG/times.txt"
else
  echo "browser tests not run: the build or the page budgets failed (above)"
fi

echo "time: $(paste -sd '|' "$LOG/times.txt" | sed 's/|/, /g'), all $(( $(date +%s) - start )) s (lanes 1 and 2 side by side)"
echo "=== summary"
grep -h '^test result:' "$LOG/native.txt" 2>/dev/null
grep -h '^fuzz: [0-9]* targets' "$LOG/fuzz.txt" 2>/dev/null
sed -n '/^page budgets (/,/^page budgets:/p' "$LOG/size.txt" 2>/dev/null
grep -h '^jsonlogic cross-check:' "$LOG/rules.txt" 2>/dev/null
[ -f "$LOG/rules.txt" ] && echo "rules: $(tail -n 1 "$LOG/rules.txt")"
grep -h '^types:' "$LOG/types.txt" 2>/dev/null
[ -f "$LOG/browser.txt" ] && tail -n 1 "$LOG/browser.txt"
if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ $rc3 -ne 0 ]; then
  echo "make test: FAILED ($(grep -h '(failed)' "$LOG/times.txt" | sed 's/ [0-9]* s (failed)//' | paste -sd ',' | sed 's/,/, /g'))"
  exit 1
fi
