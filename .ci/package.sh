#!/usr/bin/env bash
# Makes the npm package of the built widget bundle: target/npm/ (the bundle's files, the
# declarations, the element manifest, package.json at the workspace's version) and, from it,
# the tarball `npm pack` writes to target/. Prints the tarball's path as its last line.
#   bash .ci/package.sh          (after .ci/build.sh)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
site=target/site/grassroots
out=target/npm
[ -f "$site/grassroots.js" ] || { echo "package: no $site/grassroots.js; build first (make build)" >&2; exit 1; }
node wasm/package/manifest.mjs --check

rm -rf "$out"
mkdir -p "$out"
# The autoloader and exactly the files its manifest names (nothing stale from an older build).
node --input-type=module - "$site" "$out" <<'JS'
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const [site, out] = process.argv.slice(2);
const loader = readFileSync(join(site, 'grassroots.js'), 'utf8');
// The autoloader is minified: its manifest is found by the shape of the names it holds.
const files = [...new Set(loader.match(/[\w-]+\.[0-9a-f]{10}\.(?:css|js|wasm)/g) ?? [])];
if (!files.some((f) => f.endsWith('.wasm'))) throw new Error(`${site}/grassroots.js: the manifest names no module (not a built bundle)`);
for (const file of ['grassroots.js', ...files]) {
  if (!existsSync(join(site, file))) throw new Error(`${site}/${file} is named by the manifest but missing`);
  copyFileSync(join(site, file), join(out, file));
}
JS
cp wasm/package/grassroots.d.ts wasm/package/custom-elements.json wasm/package/README.md "$out/"
# package.json: the template with the workspace's version (Cargo.toml [workspace.package]).
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || { echo "package: no version in Cargo.toml [workspace.package]" >&2; exit 1; }
node --input-type=module - "$version" "$out/package.json" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs';
const [version, path] = process.argv.slice(2);
const { name, ...rest } = JSON.parse(readFileSync('wasm/package/package.json', 'utf8'));
writeFileSync(path, `${JSON.stringify({ name, version, ...rest }, null, 2)}\n`);
JS
tarball=$(cd "$out" && npm pack --pack-destination .. --json --loglevel=error | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{const [p]=JSON.parse(s);console.log(p.filename+" "+p.entryCount+" "+p.size)})')
read -r file entries bytes <<<"$tarball"
echo "package: $entries files, $bytes bytes packed"
echo "target/$file"
