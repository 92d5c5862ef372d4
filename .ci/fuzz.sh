#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ (issue 17: one per reader of outside data) with cargo-fuzz and
# libFuzzer, FUZZ_JOBS targets at a time (default: one a core), each for FUZZ_SECONDS (default 180; `make fuzz-smoke`
# runs 20), or until FUZZ_RUNS executions when that is set and comes first (libFuzzer's -runs: a
# campaign of `FUZZ_RUNS=10000000 FUZZ_SECONDS=3600`). Each starts from its seeds, copied afresh out of tests/data into
# target/fuzz/seeds/<target>, and from what earlier runs found (target/fuzz/corpus/<target>),
# with the dictionary fuzz/dict/<target>.dict. Built once with the project's toolchain
# (target/toolchain.env), no sanitizer, debug assertions and overflow checks on (see
# ARCHITECTURE.md, "Fuzzing (issue 17)").
#
#   .ci/fuzz.sh [TARGET…]        every target when none is named
#
# Prints a line a target (executions, exec/s, libFuzzer's cov and ft from its final stats, the
# corpus, clean or what was found and where its input is), then `fuzz: N targets, N clean, N
# found`. Exit 0 when nothing was found, 1 when a target crashed, hung (FUZZ_TIMEOUT seconds an
# input, default 10) or ran out of memory: the input is in target/fuzz/artifacts/<target>/
# and the target's whole log in target/fuzz/logs/<target>.log.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
seconds=${FUZZ_SECONDS:-180}
timeout=${FUZZ_TIMEOUT:-10}
log() { printf '[fuzz] %s\n' "$*" >&2; }

bash .ci/setup.sh fuzz
# shellcheck disable=SC1091
. target/toolchain.env
# cargo-fuzz runs `cargo` from PATH: the project's own (toolchain.env). Without a sanitizer it
# passes rustc only stable flags (-Cpasses=sancov-module, -Cllvm-args=-sanitizer-coverage-*).
# FUZZ_SANITIZER=address adds -Zsanitizer=address, which needs a nightly rustc and its ASan
# runtime (Debian's rustc-web has none): rustup's nightly, which the image has.
sanitizer=${FUZZ_SANITIZER:-none}
if [ "$sanitizer" = none ]; then
  export PATH="$(dirname "$CARGO"):$PATH"
else
  command -v rustup >/dev/null || { log "-s $sanitizer needs rustup's nightly toolchain"; exit 2; }
  unset RUSTC RUSTDOC
  export RUSTUP_TOOLCHAIN=nightly PATH="$(dirname "$(command -v rustup)"):$PATH" ASAN_OPTIONS=detect_odr_violation=0
fi
out=target/fuzz
# FUZZ_CODEGEN_UNITS (default 1, as cargo-fuzz builds): the smoke run of `make test` builds with
# 16, which took a cold build of the sixteen targets from 538 s to 329 s on two cores (the
# library crate is no longer one single-threaded unit at opt-level 3) for executions that were
# between 24 % fewer and 16 % more a second; campaigns keep 1. Each setting has its own build.
cgu=${FUZZ_CODEGEN_UNITS:-1}
build="$top/$out/build-$sanitizer"
[ "$cgu" = 1 ] || build="$build-cgu$cgu"
# FUZZ_OPT_LEVEL (default: the profile's 3, with full debug info for a finding's stack trace): the
# smoke run builds at 1 with line tables only. Measured cold on the sixteen targets (session 33):
# 287 → 239 s of build, for executions a second within the runs' spread (organization 9,882
# against 9,533, recut 2,418 against 2,355, ten seconds each) and libFuzzer's coverage a
# little higher (less inlined); campaigns keep 3.
opt=${FUZZ_OPT_LEVEL:-}
if [ -n "$opt" ]; then
  export CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt CARGO_PROFILE_RELEASE_DEBUG=line-tables-only
  build="$build-o$opt"
fi
mkdir -p "$out/logs"
fuzz() { "$CARGO_FUZZ" fuzz "$@"; }
# -O without -a: the debug assertions and overflow checks come from fuzz/Cargo.toml's profile,
# which leaves calamine's overflow checks off (finding 4).
FLAGS=(--fuzz-dir fuzz -O -s "$sanitizer" --codegen-units "$cgu" --target-dir "$build")
bin="$build/x86_64-unknown-linux-gnu/release"

all=$(fuzz list --fuzz-dir fuzz)
if [ $# -gt 0 ]; then targets=("$@"); else read -r -a targets <<< "$(echo $all)"; fi
for t in "${targets[@]}"; do
  grep -qx "$t" <<< "$all" || { log "no fuzz target $t (targets: $(echo $all))"; exit 2; }
done

log "building the fuzz targets ($(rustc --version), -s $sanitizer, debug assertions, $cgu codegen units${opt:+, opt-level $opt})"
if ! fuzz build "${FLAGS[@]}" > "$out/logs/build.log" 2>&1; then
  tail -n 30 "$out/logs/build.log"; log "the build failed (whole log: $out/logs/build.log)"; exit 2
fi

d=tests/data
# json DIR… — the JSON documents of these folders, without the expected outputs beside them.
json() { find "$@" -maxdepth 1 -name '*.json' ! -name '*.expected.json' ! -name '*.schema.json' | sort; }
# Seeds: copied at every run, so that a changed fixture is a changed seed.
seed() { # seed TARGET — fills $out/seeds/TARGET
  local t=$1 dir="$out/seeds/$1" f o i=0
  rm -rf "$dir"; mkdir -p "$dir"
  # copy FILE… — named by folder and file, as two folders may have a file of one name.
  copy() { for f in "$@"; do cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"; done; }
  case $t in
    organization) copy $(json $d/tree/valid $d/tree/broken $d/tree/diff $d/geo $d/services $d/nets) ;;
    roster)
      for f in $d/tree/csv/*.csv $d/tree/positions/*.csv; do cp "$f" "$dir"/; done
      for f in $d/tree/csv/roster.csv $d/tree/csv/broken-roster.csv; do
        for o in $d/tree/csv/members.csv $d/tree/csv/broken-roster.csv; do
          i=$((i + 1)); { cat "$f"; printf '\0'; cat "$o"; } > "$dir/pair-$i.csv"
        done
      done ;;
    lists) copy $(json $d/lists/valid $d/lists/broken) ;;
    services) copy $(json $d/services/valid $d/services/broken) ;;
    cases) copy $(json $d/cases/valid $d/cases/broken $d/cases/edge) ;;
    rules) copy $(json $d/rules $d/rules/broken); copy $d/rules/diff/five-star-v*.json ;;
    scorecard) copy $(json $d/rules/scorecards) ;;
    entities) copy $(json $d/rules/entities); copy $d/rules/diff/entities.json ;;
    rule_cases) copy $(json $d/rules/cases $d/rules/broken-cases) ;;
    geo) copy $(json $d/geo/valid $d/geo/broken $d/geo/foreign $d/geo/widget $d/recut) ;;
    tables) copy $(json $d/tree/valid $d/tree/broken $d/lists/valid $d/lists/broken $d/cases/valid $d/cases/broken $d/cases/edge $d/services/valid $d/services/broken $d/rules $d/rules/broken $d/rules/entities) ;;
    recut)
      local options=('{"parts": 2}' '{"parts": 25, "tolerance": 0.05}' '{"households": {"min": 300, "max": 500}}'
        '{"households": {"min": 1, "max": 900}, "population": {"max": 2500}, "balance": "households", "compactness": 2, "seed": 7, "within_community": false}'
        '{"parts": 3, "fresh": true, "pinned": {"b1": "p1"}, "current": {"b1": "p1", "b2": "p2"}}')
      for f in $(json $d/recut $d/geo/valid); do
        for o in "${options[@]}"; do
          i=$((i + 1)); { cat "$f"; printf '\0%s' "$o"; } > "$dir/$(basename "$f" .json)-$i.json"
        done
      done ;;
    sheets_xlsx|sheets_xls|sheets_ods|sheets_csv) # the corpus, and what fuzzing found (broken/)
      for f in $d/sheets/*."${t#sheets_}" $d/sheets/broken/*."${t#sheets_}"; do [ ! -f "$f" ] || cp "$f" "$dir"/; done ;;
    *) log "no seeds for $t: add them to .ci/fuzz.sh"; exit 2 ;;
  esac
}

# Longest input tried: the largest seeds (a re-cut's 77 KB county, a 37 KB .ods) fit.
max_len() { case $1 in recut) echo 131072 ;; sheets_*|geo) echo 65536 ;; *) echo 16384 ;; esac; }

# run_one TARGET — runs one target; its summary line (and, for a finding, where the input
# is) goes to $out/logs/TARGET.result.
run_one() {
  local t=$1 corpus artifacts tlog args start status took runs speed last cov ft corp line input what
  corpus="$out/corpus/$t" artifacts="$out/artifacts/$t" tlog="$out/logs/$t.log"
  mkdir -p "$corpus" "$artifacts"
  args=(-max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 -max_len="$(max_len "$t")"
    -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -z "${FUZZ_RUNS:-}" ] || args+=(-runs="$FUZZ_RUNS")
  [ -f "fuzz/dict/$t.dict" ] && args+=(-dict="fuzz/dict/$t.dict")
  log "$t: ${seconds} s ($(ls "$out/seeds/$t" | wc -l) seeds, $(ls "$corpus" | wc -l) in its corpus)"
  start=$(date +%s)
  status=0
  # The binary cargo-fuzz built above, run as `cargo fuzz run` would (which would build again,
  # and a core/src changed meanwhile would then be rebuilt for each target).
  "$bin/$t" "${args[@]}" "$corpus" "$out/seeds/$t" > "$tlog" 2>&1 || status=$?
  took=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tlog" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tlog" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$tlog" | grep ' cov: ' | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<< "$last")
  line="fuzz: $t: ${runs:-0} runs in $took s, ${speed:-0} exec/s, cov ${cov:-?} ft ${ft:-?}, corpus ${corp:-?}"
  if [ "$status" -eq 0 ] && grep -q 'Done [0-9]* runs' "$tlog"; then
    echo "$line, clean" > "$out/logs/$t.result"
  else
    input=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$tlog" | tail -n 1)
    what=$(grep -m 1 -E "panicked at|ERROR: libFuzzer: (timeout|out-of-memory|deadly signal)|==[0-9]+== ERROR|has overflowed its stack" "$tlog" || echo "exit $status, see the log")
    {
      echo "$line, FOUND: ${what:0:300}"
      grep -m 1 -A 2 'panicked at' "$tlog" | tail -n +2 | cut -c 1-300 | sed 's/^/    /' || true
      echo "    input: ${input:-none written}; log: $tlog"
      [ -z "$input" ] || echo "    again: $bin/$t $input; minimise: $CARGO_FUZZ fuzz tmin ${FLAGS[*]} $t $input"
    } > "$out/logs/$t.result"
  fi
}

# FUZZ_JOBS targets at a time (default: one a core; libFuzzer runs one thread), each for the
# whole of FUZZ_SECONDS; the lines are printed in the targets' order once all have run.
jobs_max=${FUZZ_JOBS:-$(nproc)}
for t in "${targets[@]}"; do
  seed "$t"
  rm -f "$out/logs/$t.result"
  run_one "$t" &
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
done
wait
clean=0 found=0
for t in "${targets[@]}"; do
  if [ -f "$out/logs/$t.result" ]; then cat "$out/logs/$t.result"; else echo "fuzz: $t: FOUND: no result (the run itself failed)"; fi
  if grep -q ', clean$' "$out/logs/$t.result" 2>/dev/null; then clean=$((clean + 1)); else found=$((found + 1)); fi
done
echo "fuzz: ${#targets[@]} targets, $clean clean, $found found"
[ "$found" -eq 0 ]
