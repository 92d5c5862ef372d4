#!/usr/bin/env bash
# Builds the release widget bundle and assembles the servable site in target/site:
#   target/site/            www/'s pages (www/pages/*.html inside www/layout.html), styles, script
#   target/site/grassroots/ grassroots.js (the ES module hosts import: the autoloader), and the
#                           content-hashed stylesheet, glue and wasm-opt'd module of each kind
#   target/site/data/       the demo county's data (generated below), which the pages load by `src`
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# shellcheck source=/dev/null
. target/toolchain.env
# The `wasm` profile: release's LTO and panic=abort at opt-level "z" (Cargo.toml); release
# itself is for fast native builds.
profile=${PROFILE:-wasm}
# The modules: one per widget kind (a page with one kind loads only that one), the larger
# variants some data asks for (grid-map-full: a map with cases or a scorecard; grid-map-recut:
# a map that re-cuts its blocks; dashboard-map: a dashboard with geometry), one with the six kinds but no map (a page with several kinds), one
# with everything (several kinds, one of them a map), the rules alone (`evaluate()` on a
# page with no widget), and the spreadsheets: `roster-import` (`<gr-roster-import>`'s form and
# tables, no spreadsheet code), `sheets` (`read_sheet()`: calamine, GBK and the import, which
# the import loads when a person first chooses a file) and `xlsx` (the workbook writer alone,
# which an export button loads when pressed); no other module reads or writes spreadsheets.
# Each is a cargo feature set of grassroots-wasm.
modules=(
  "org-tree:--no-default-features --features org-tree"
  "scorecard:--no-default-features --features scorecard"
  "duty-list:--no-default-features --features duty-list"
  "service-board:--no-default-features --features service-board"
  "case-tracker:--no-default-features --features case-tracker"
  "dashboard:--no-default-features --features dashboard"
  "dashboard-map:--no-default-features --features dashboard-map"
  "grid-map:--no-default-features --features grid-map"
  "grid-map-full:--no-default-features --features grid-map-full"
  "grid-map-recut:--no-default-features --features grid-map-recut"
  "all:--no-default-features --features org-tree,scorecard,duty-list,service-board,case-tracker,dashboard"
  "all-map:--no-default-features --features org-tree,scorecard,duty-list,service-board,case-tracker,dashboard-map,grid-map-full"
  "rules:--no-default-features --features rules"
  "roster-import:--no-default-features --features roster-import"
  "sheets:--no-default-features --features sheet-reader"
  "xlsx:--no-default-features --features xlsx"
)
[ -n "${MODULES:-}" ] && { keep=(); for m in "${modules[@]}"; do [[ " $MODULES " == *" ${m%%:*} "* ]] && keep+=("$m"); done; modules=("${keep[@]}"); }
# A shared CARGO_TARGET_DIR (several work trees, one build cache) is honoured.
out=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile
pkg=target/pkg
mkdir -p "$pkg"
# SKIP_WASM=1 lays out the site again from the modules already in target/pkg (a CSS or page change).
[ -n "${SKIP_WASM:-}" ] && modules=()
# The whole build, skipped when nothing it reads has changed since it last ran to its end (a warm
# `make test` spent ~3 minutes here re-linking sixteen modules, re-compressing the bundle and
# regenerating the county to the same bytes): the stamp hashes every file, tracked or new, of
# what the build reads (the crates, the widgets, the pages, these scripts, the rule sets the
# county is rated by, the minifier's lock file) and the tools' versions. Only for a full build.
stamp_file=target/pkg/build.stamp
stamp=
if [ -z "${MODULES:-}${SKIP_WASM:-}" ]; then
  stamp=$( { git ls-files -z --cached --others --exclude-standard -- core wasm www .ci tests/data/rules tests/browser/package-lock.json Cargo.toml Cargo.lock \
      | sort -z | xargs -0 sha256sum 2>&1; cat target/toolchain.env; "$WASM_BINDGEN" --version; "$WASM_OPT" --version; node --version; echo "$profile"; } | sha256sum | cut -d' ' -f1) || stamp=
  if [ -n "$stamp" ] && [ -f target/site/grassroots/grassroots.js ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then
    echo "build: nothing it reads has changed since the last build (target/pkg/build.stamp); target/site is as it was"
    exit 0
  fi
fi
# A build that does not run to its end, or builds only some modules, leaves no stamp.
rm -f "$stamp_file"
# post NAME RAW CARGO_SECONDS OPT… — wasm-bindgen and wasm-opt of a module, only when it changed (wasm-opt
# takes a minute): the stamp holds the hash of the module and of the tools' versions that made it.
post() {
  local name=$1 raw=$2 built=$3 levels stamp start=$SECONDS; shift 3
  # The optimize and shrink levels of the module's passes, for the renaming pass below: the
  # binary writer optimizes the code again at those levels (-Oz is 2 and 2; -O3 3 and 0).
  if [ "$1" = -Oz ]; then levels=(--optimize-level=2 --shrink-level=2); else levels=(--optimize-level=3 --shrink-level=0); fi
  stamp=$( { sha256sum < "$raw"; "$WASM_BINDGEN" --version; "$WASM_OPT" --version; echo "$* names.json"; } | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$pkg/$name.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$pkg/$name" && mkdir -p "$pkg/$name"
    "$WASM_BINDGEN" --target web --no-typescript --out-dir "$pkg/$name" --out-name "$name" "$raw"
    # --converge repeats the -Oz passes until the module stops shrinking: 2.5 KB gzip for ~40 s.
    "$WASM_OPT" "$@" -o "$pkg/$name/${name}_bg.wasm" "$pkg/$name/${name}_bg.wasm"
    # Then the names between the module and its glue made short: wasm-bindgen's imports are
    # `__wbg_createElement_de4a31ed2fb252be` (a hash each, which does not compress), its closure
    # exports 100–200 characters; `a`, `B`, `Za` instead, and the module `a`, with the producers
    # and target-features sections dropped (nothing reads them). wasm-opt prints the mapping,
    # which .ci/bundle.mjs applies to the glue (and fails on a name it does not find).
    # ARCHITECTURE.md, "Short names between a module and its glue (session 25)".
    "$WASM_OPT" "${levels[@]}" --minify-imports-and-exports-and-modules --strip-producers --strip-target-features \
      -o "$pkg/$name/${name}_bg.wasm" "$pkg/$name/${name}_bg.wasm" > "$pkg/$name/names.json"
    echo "$stamp" > "$pkg/$name.stamp"
  fi
  # With the seconds each stage took (cargo's, and this one's; 0 when the module was as before).
  echo "module $name: $(stat -c %s "$raw") bytes raw, $(stat -c %s "$pkg/$name/${name}_bg.wasm") after wasm-bindgen + wasm-opt $1 (cargo $built s, post-processing $((SECONDS - start)) s)"
}
# A two-stage pipeline: cargo builds the modules one after another while their wasm-bindgen and
# wasm-opt run beside it, one module at a time and in order (cargo's LTO link at codegen-units 1
# keeps one core busy, wasm-opt the other), two at a time once cargo has built the last module. Until session 23 cargo waited for the module before
# last to finish its wasm-opt before it went on, so a long wasm-opt (all-map's, 146 s) left the
# other core idle; now cargo never waits, and a failed post-processing fails the build as soon as
# the loop sees it, or at the end.
posts=()
cargo_done=$pkg/cargo.done
rm -f "$cargo_done"
# reap PID — the post-processing's status; a failed one fails the build.
reap() { wait "$1" || { echo "build: wasm-bindgen or wasm-opt failed" >&2; exit 1; }; }
# alive PID — whether that post-processing is still running (or waiting its turn); false for none.
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
check_posts() { # the finished ones must have succeeded; keeps the running ones
  local p keep=()
  for p in "${posts[@]}"; do
    if alive "$p"; then keep+=("$p"); else reap "$p"; fi
  done
  posts=("${keep[@]}")
}
for m in "${modules[@]}"; do
  name=${m%%:*}; features=${m#*:}
  # `rules` (evaluate() alone, no widget: bulk scoring) is built for speed, not size: our two
  # crates at opt-level 3 and wasm-opt -O3, std and the dependencies as every module has them
  # (until session 31 a profile of its own, which compiled std and every dependency a second
  # time: about 75 s of a cold build, for 5–8 % of the bulk evaluation's time; ARCHITECTURE.md,
  # "Scorecard speed").
  opt=(-Oz --converge); fast=()
  if [ "$name" = rules ]; then
    fast=(--config "profile.$profile.package.grassroots-core.opt-level=3" --config "profile.$profile.package.grassroots-wasm.opt-level=3"); opt=(-O3)
  fi
  built=$SECONDS
  # shellcheck disable=SC2086
  env $WASM_ENV RUSTFLAGS="$WASM_RUSTFLAGS" "$CARGO" build --quiet --profile "$profile" "${fast[@]}" --target wasm32-unknown-unknown -p grassroots-wasm $features
  built=$((SECONDS - built))
  raw=$pkg/$name.raw.wasm
  check_posts
  cp "$out/grassroots_wasm.wasm" "$raw"
  # After the one before it (the last started, which waits in turn for its own predecessor)
  # while cargo holds the other core; once cargo has built the last module, two at a time
  # (after the one before that): the tail, sheets' and xlsx's wasm-opt, on both cores (−23 s).
  prev=; prev2=; n=${#posts[@]}
  [ "$n" -lt 1 ] || prev=${posts[n-1]}
  [ "$n" -lt 2 ] || prev2=${posts[n-2]}
  {
    while alive "$prev" && { [ ! -e "$cargo_done" ] || alive "$prev2"; }; do sleep 0.5; done
    post "$name" "$raw" "$built" "${opt[@]}"
  } &
  posts+=($!)
done
touch "$cargo_done"
for p in "${posts[@]}"; do reap "$p"; done

site=target/site
rm -rf "$site" && mkdir -p "$site/grassroots" "$site/data"
cp -R www/. "$site/"
rm -rf "$site/layout.html" "$site/pages"
# The bundle: grassroots.js (the autoloader, its name kept) with the manifest of the
# content-hashed files it loads; then the pages, which name those files in their preloads.
node .ci/bundle.mjs "$pkg" wasm/src/style.css wasm/js/grassroots.js "$site/grassroots"
node .ci/site.mjs www "$site"
# The demo county, 凤溪县, generated reproducibly from seed 2026 by the CLI's generators: 3
# streets and 12 communities, its 五星支部 ratings (the tree's own figures, seeded values for
# the facts only a community reports), its lists in two versions, a year of services up to the
# demo's "today" (2026-08-31) and a summer of cases up to 18:00 that day.
# GRASSROOTS_CLI: a CLI already built (`make test` passes the one its tests built, .ci/cli.sh).
if [ -n "${GRASSROOTS_CLI:-}" ]; then gr() { "$GRASSROOTS_CLI" "$@"; }
else gr() { "$CARGO" run --quiet -p grassroots-core --features cli --bin grassroots -- "$@"; }; fi
data=$site/data
gr generate tree --communities 12 --streets 3 --seed 2026 --members 10-20 > "$data/county.json"
gr generate scorecard --rules tests/data/rules/five-star-community.json --org "$data/county.json" --seed 2026 > "$data/county-five-star.json"
gr generate lists --org "$data/county.json" --seed 2026 --year 2026 > "$data/county-lists.json"
gr generate services --org "$data/county.json" --seed 2026 --year 2026 --until 2026-08-31 > "$data/county-services.tmp"
printf '{"services": %s, "org": %s}\n' "$(cat "$data/county-services.tmp")" "$(cat "$data/county.json")" > "$data/county-services.json"
rm "$data/county-services.tmp"
gr generate cases --org "$data/county.json" --seed 2026 --from 2026-06-01 --to 2026-08-31 --now 2026-08-31T18:00:00+08:00 > "$data/county-cases.tmp"
printf '{"cases": %s, "org": %s}\n' "$(cat "$data/county-cases.tmp")" "$(cat "$data/county.json")" > "$data/county-cases.json"
# The county's geometry (grids, communities and streets; no blocks: the map does not draw them),
# generated to pass `validate geo` clean; the map page reads it with the organization alone,
# the dashboard with the cases and the ratings too.
gr generate geo --org "$data/county.json" --seed 2026 --no-blocks > "$data/county-geo.json"
printf '{"org": %s, "geo": %s}\n' "$(cat "$data/county.json")" "$(cat "$data/county-geo.json")" > "$data/county-map.json"
# The re-cut page (片区重划): the same geometry with its blocks (each with households,
# population, community and today's grid), re-cut in the browser into grids of 300–500
# households; and the CLI's outcome of the same re-cut, which the browser test compares with.
gr generate geo --org "$data/county.json" --seed 2026 > "$data/county-geo-blocks.json"
printf '{"org": %s, "geo": %s, "recut": {"households": {"min": 300, "max": 500}}}\n' "$(cat "$data/county.json")" "$(cat "$data/county-geo-blocks.json")" > "$data/county-recut.json"
gr recut "$data/county-geo-blocks.json" --households 300..500 --org "$data/county.json" --format json > "$data/county-recut-outcome.json"
# The sample roster the import page offers (generated people: names, ID-card and phone numbers
# are fictional, so it is written in full and imports back).
gr export members "$data/county.json" --reveal -o "$data/county-members.xlsx"
printf '{"org": %s, "geo": %s, "cases": %s, "period": {"from": "2026-06-01", "to": "2026-09-01"}, "scorecard": %s}\n' \
  "$(cat "$data/county.json")" "$(cat "$data/county-geo.json")" "$(cat "$data/county-cases.tmp")" "$(cat "$data/county-five-star.json")" > "$data/dashboard-county.json"
rm "$data/county-cases.tmp"
[ -n "$stamp" ] && echo "$stamp" > "$stamp_file"
echo "built $site"
