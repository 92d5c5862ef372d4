#!/usr/bin/env bash
# Builds the release widget bundle and assembles the servable site in target/site:
#   target/site/            www/'s pages (www/pages/*.html inside www/layout.html), styles, script
#   target/site/grassroots/ grassroots.js (the ES module hosts import), the wasm-bindgen glue
#                           and the wasm-opt'd module
#   target/site/data/       the shared fixtures the demo pages load by `src`, county.json (the
#                           generated demo county) and county-five-star.json (its star ratings)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# shellcheck source=/dev/null
. target/toolchain.env
profile=${PROFILE:-release}
env $WASM_ENV RUSTFLAGS="$WASM_RUSTFLAGS" "$CARGO" build --quiet --profile "$profile" --target wasm32-unknown-unknown -p grassroots-wasm
# A shared CARGO_TARGET_DIR (several work trees, one build cache) is honoured.
raw=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/grassroots_wasm.wasm
pkg=target/pkg
rm -rf "$pkg" && mkdir -p "$pkg"
"$WASM_BINDGEN" --target web --no-typescript --out-dir "$pkg" "$raw"
"$WASM_OPT" -Oz -o "$pkg/grassroots_wasm_bg.wasm" "$pkg/grassroots_wasm_bg.wasm"

site=target/site
rm -rf "$site" && mkdir -p "$site/grassroots" "$site/data"
cp -R www/. "$site/"
rm -rf "$site/layout.html" "$site/pages"
node .ci/site.mjs www "$site"
cp wasm/js/grassroots.js "$pkg/grassroots_wasm.js" "$pkg/grassroots_wasm_bg.wasm" "$site/grassroots/"
cp tests/data/tree/valid/*.json "$site/data/"
# The other demo pages' data, from the shared fixtures.
printf '{"old": %s, "new": %s}\n' "$(cat tests/data/lists/valid/laifeng-2020.json)" "$(cat tests/data/lists/valid/laifeng-2021.json)" > "$site/data/county-lists.json"
printf '{"services": %s, "org": %s}\n' "$(cat tests/data/services/valid/tianyuan-2026.json)" "$(cat tests/data/services/tianyuan-org.json)" > "$site/data/county-services.json"
cp tests/data/cases/valid/season-shengli.json "$site/data/county-cases.json"
# The demo county: a realistic fictional county of 3 streets and 12 communities, generated
# reproducibly.
"$CARGO" run --quiet -p grassroots-core --features cli --bin grassroots -- \
  generate tree --communities 12 --streets 3 --seed 2026 --members 10-20 > "$site/data/county.json"
# Its communities rated on the 五星支部 rule set: the tree's own figures, and seeded values for
# the facts only a community reports (meetings, satisfaction, income …).
"$CARGO" run --quiet -p grassroots-core --features cli --bin grassroots -- \
  generate scorecard --rules tests/data/rules/five-star-community.json --org "$site/data/county.json" --seed 2026 \
  > "$site/data/county-five-star.json"
printf '{"org": %s, "scorecard": %s}\n' "$(cat "$site/data/county.json")" "$(cat "$site/data/county-five-star.json")" > "$site/data/dashboard-county.json"
echo "built $site ($(stat -c %s "$raw") bytes raw wasm, $(stat -c %s "$site/grassroots/grassroots_wasm_bg.wasm") after wasm-bindgen + wasm-opt -Oz)"
