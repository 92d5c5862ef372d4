#!/usr/bin/env bash
# Installs what building and testing Grassroots needs, and only what is missing:
#   - a Rust toolchain that can build wasm32-unknown-unknown:
#       * where rustc already has the wasm32 std (a laptop with `rustup target add`), that one;
#       * otherwise Debian's rustc-web/cargo-web + rust-web-src (std built with -Zbuild-std)
#         and the wasm-ld of lld-<rustc's LLVM major> (see shared/WASM-TOOLCHAIN.md);
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock;
#   - the npm packages of tests/browser (wasm-opt from binaryen, playwright-core, axe-core);
#   - with `setup.sh test`: Debian's chromium and chromium-driver for the browser tests, and
#     webkit2gtk-driver (WebKitWebDriver, with xvfb) and firefox-esr for the other engines.
# Then writes target/toolchain.env, which the Makefile's helpers source.
# Idempotent: on a machine that has everything it only checks, in about a second.
#   - with `setup.sh fuzz` or `test`: cargo-fuzz at a fixed version, for `make fuzz`,
#     `make fuzz-smoke` and the smoke in `make test`;
#   - with `setup.sh fixtures`: only LibreOffice Calc (headless, Debian's
#     libreoffice-calc-nogui) for `make sheets-fixtures`, which makes the spreadsheet test
#     corpus; `make test` does not need it (the corpus is checked in).
set -euo pipefail
mode=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
TOOLS=${GRASSROOTS_TOOLS:-$HOME/.cache/grassroots-tools}
export DEBIAN_FRONTEND=noninteractive
log() { printf '[setup] %s\n' "$*" >&2; }

apt_updated=0
apt_install() { # apt_install PKG… — installs the packages that are not installed yet
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    log "missing ${missing[*]} and no apt-get here: install them by hand"; exit 1
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"; $sudo apt-get update -q >/dev/null; apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# ---------------------------------------------------------------- spreadsheet fixtures
if [ "$mode" = fixtures ]; then
  apt_install libreoffice-calc-nogui
  log "ready ($(soffice --version 2>/dev/null | head -n 1))"
  exit 0
fi

# ---------------------------------------------------------------- Rust for wasm32
# Prefer a rustc that already has the wasm32 std.
route=""
if command -v rustc >/dev/null; then
  libdir=$(rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null || true)
  if [ -n "$libdir" ] && ls "$libdir"/libstd-*.rlib >/dev/null 2>&1; then
    route=rustup
    CARGO=$(command -v cargo); RUSTC=$(command -v rustc); RUSTDOC=$(command -v rustdoc)
    WASM_ENV=""
    WASM_RUSTFLAGS=""
  fi
fi
if [ -z "$route" ]; then
  route=debian
  apt_install rustc-web cargo-web rust-web-src
  rustc_v=$(dpkg-query -W -f='${Version}' rustc-web)
  src_v=$(dpkg-query -W -f='${Version}' rust-web-src)
  if [ "$rustc_v" != "$src_v" ]; then
    # A security update moved one without the other; build-std needs them equal.
    log "rustc-web $rustc_v and rust-web-src $src_v differ: upgrading both"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -q >/dev/null
    $sudo apt-get install -y -q --no-install-recommends rustc-web cargo-web rust-web-src >/dev/null
  fi
  llvm=$(/usr/bin/rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
  apt_install "lld-$llvm"
  CARGO=/usr/bin/cargo; RUSTC=/usr/bin/rustc; RUSTDOC=/usr/bin/rustdoc
  # std's optimize_for_size feature picks its smaller algorithms (sorting, formatting): -2 KB
  # gzip per module, the same behaviour.
  WASM_ENV="RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-$llvm/bin/wasm-ld"
  # std is built from source on this route, so it can drop the panic and Debug-formatting
  # machinery: 136.0 KB → 116.3 KB gzip for the same code (measured, see ARCHITECTURE.md).
  # With fmt-debug=shallow derived `Debug` prints only the type name (hand-written ones, such as str's, still work), so no user-visible text may use a derived Debug.
  WASM_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=shallow"
fi
log "rust: $route route, $("$RUSTC" --version)"

# ---------------------------------------------------------------- cargo-fuzz
# The fuzz targets (fuzz/, `make fuzz`, `make fuzz-smoke`): cargo-fuzz at exactly this
# version, built with the toolchain above, which also builds the targets: without a sanitizer
# cargo-fuzz passes rustc only stable flags (see ARCHITECTURE.md, "Fuzzing (issue 17)").
# `setup.sh fuzz` (make fuzz, make fuzz-smoke) and `setup.sh test` (make test runs the smoke)
# install it.
CARGO_FUZZ_VERSION=0.13.2
CARGO_FUZZ="$TOOLS/cargo-fuzz-$CARGO_FUZZ_VERSION/bin/cargo-fuzz"
if [ "$mode" = fuzz ] || [ "$mode" = test ]; then
  if [ "$("$CARGO_FUZZ" --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    log "installing cargo-fuzz $CARGO_FUZZ_VERSION (a minute or two, once)"
    mkdir -p "$TOOLS"
    RUSTC=$RUSTC "$CARGO" install -q --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION" --root "$TOOLS/cargo-fuzz-$CARGO_FUZZ_VERSION"
    [ "$("$CARGO_FUZZ" --version)" = "cargo-fuzz $CARGO_FUZZ_VERSION" ]
  fi
fi

# ---------------------------------------------------------------- wasm-bindgen-cli
# The Cargo.lock is committed; the CLI must be exactly its wasm-bindgen version.
wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
[ -n "$wbg_version" ] || { log "no wasm-bindgen in Cargo.lock"; exit 1; }
wbg_root="$TOOLS/wasm-bindgen-$wbg_version"
WASM_BINDGEN="$wbg_root/bin/wasm-bindgen"
if [ "$("$WASM_BINDGEN" --version 2>/dev/null || true)" != "wasm-bindgen $wbg_version" ]; then
  log "installing wasm-bindgen-cli $wbg_version (a few minutes, once)"
  mkdir -p "$TOOLS"
  if ! RUSTC=$RUSTC "$CARGO" install -q wasm-bindgen-cli --version "$wbg_version" --locked --root "$wbg_root" 2>"$TOOLS/wbg-install.log"; then
    # The registry reached here lacks a crate version that wasm-bindgen-cli's own lock file
    # pins (0.2.130 pins webpki-roots 1.0.11). Unpack the downloaded .crate, move only that
    # package back to the newest version that exists, and install from the path, still locked.
    log "locked install failed (see $TOOLS/wbg-install.log); retrying with webpki-roots 1.0.10"
    crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"wasm-bindgen-cli-$wbg_version.crate" | head -1)
    src="$TOOLS/wasm-bindgen-cli-$wbg_version-src"
    rm -rf "$src"; mkdir -p "$src"
    tar xzf "$crate" -C "$src" --strip-components=1
    ( cd "$src" && RUSTC=$RUSTC "$CARGO" update -q -p webpki-roots --precise 1.0.10 \
      && RUSTC=$RUSTC "$CARGO" install -q --path . --locked --root "$wbg_root" )
    rm -rf "$src"
  fi
  [ "$("$WASM_BINDGEN" --version)" = "wasm-bindgen $wbg_version" ]
fi

# ---------------------------------------------------------------- npm packages
# node_modules is reinstalled only when package-lock.json changed since the last install.
npm_dir=tests/browser
stamp="$npm_dir/node_modules/.lock-sha"
want=$(sha256sum "$npm_dir/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  log "npm ci in $npm_dir"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) \
    || (cd "$npm_dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
WASM_OPT="$top/$npm_dir/node_modules/.bin/wasm-opt"

# ---------------------------------------------------------------- browser
if [ "$mode" = test ]; then
  # CJK fonts so that screenshots show the Chinese text instead of empty boxes.
  # The engines phones run besides Chromium (tests/browser/engines.test.mjs): WebKitGTK through
  # WebKitWebDriver (webkit2gtk-driver), which needs an X display (xvfb), and Firefox ESR
  # over WebDriver BiDi.
  apt_install chromium chromium-driver fonts-noto-cjk webkit2gtk-driver xvfb xauth firefox-esr
  # The JDK's XSD validator checks the CLI's JUnit reports against docs/schemas/junit.xsd
  # (core/tests/cli_formats.rs).
  apt_install openjdk-17-jdk-headless
fi
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

mkdir -p target
cat > target/toolchain.env <<EOT
# Written by .ci/setup.sh; sourced by the Makefile's helpers.
route=$route
CARGO=$CARGO
export RUSTC=$RUSTC RUSTDOC=$RUSTDOC
WASM_ENV="$WASM_ENV"
WASM_RUSTFLAGS="$WASM_RUSTFLAGS"
WASM_BINDGEN=$WASM_BINDGEN
WASM_OPT=$WASM_OPT
export CHROMIUM=$CHROMIUM
CARGO_FUZZ=$CARGO_FUZZ
EOT
log "ready (wasm-bindgen $wbg_version, $("$WASM_OPT" --version))"
