#!/usr/bin/env bash
# Prints the path of the `grassroots` CLI that `cargo test --workspace` builds (debug, with the
# features the workspace's tests unify on core: `cli` and the domains, and `lean-paths` through
# grassroots-wasm), building it first if it is not there. `make test` runs the rule cases and
# generates the demo county with this one binary: a `cargo build -p grassroots-core --features
# cli` would compile core a second time for a different feature set (about 90 s of a cold run).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
. target/toolchain.env
"$CARGO" test --workspace --no-run --quiet --message-format=json-render-diagnostics \
  | node -e '
    let bin = null;
    for (const line of require("fs").readFileSync(0, "utf8").split("\n")) {
      if (!line.startsWith("{")) continue;
      const m = JSON.parse(line);
      if (m.reason === "compiler-artifact" && m.target.name === "grassroots" && m.target.kind.includes("bin") && !m.profile.test) bin = m.executable;
    }
    if (!bin) { console.error("cli.sh: cargo test --workspace built no grassroots binary"); process.exit(1); }
    console.log(bin);'
