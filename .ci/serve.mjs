// A static file server for the demo site and the browser tests; loopback only, no deps.
//   node .ci/serve.mjs --root target/site [--mount /test/=tests/browser/pages] [--port 8080]
// Paths under /csp/ (in any mount) are served with the strict Content-Security-Policy that
// portals use, so tests can prove the widgets work under it. Like a portal's nginx, it sends
// text, scripts and wasm brotli- or gzip-compressed when the browser asks, and lets browsers
// keep content-hashed files (org-tree.3f9a1c2b7d.wasm) for a year; everything else is
// revalidated on every load.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.json', '.css', '.svg', '.txt']);
/** A build's content-hashed file: its name changes whenever its bytes do. */
const HASHED = /\.[0-9a-f]{10}\.(js|wasm|css)$/;
const compressed = new Map(); // `${encoding} ${file}` → { mtime, body }

/** The encoding to send, from the request's Accept-Encoding: br, gzip or none. */
function encodingFor(req, file) {
  if (!COMPRESSIBLE.has(extname(file))) return null;
  const accept = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/** The body compressed with `encoding`: the build's FILE.br / FILE.gz where there is one (the
 * bundle), else compressed here at a quick level, once per file version. */
async function compress(encoding, file, mtime, body) {
  const ready = await readFile(`${file}.${encoding === 'br' ? 'br' : 'gz'}`).catch(() => null);
  if (ready) return ready;
  const key = `${encoding} ${file}`;
  const hit = compressed.get(key);
  if (hit && hit.mtime === mtime) return hit.body;
  const out = encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipSync(body, { level: 6 });
  compressed.set(key, { mtime, body: out });
  return out;
}

/**
 * Starts serving; resolves to the server once it listens. `mounts` is a list of
 * [urlPrefix, directory], matched in order; `port` 0 picks a free port.
 */
export function serve({ mounts, host = '127.0.0.1', port = 0 }) {
  mounts = mounts.map(([prefix, dir]) => [prefix, resolve(dir)]);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) { res.writeHead(403).end('forbidden'); return; }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
      };
      if (path.includes('/csp/')) headers['content-security-policy'] = STRICT_CSP;
      const encoding = encodingFor(req, file);
      if (encoding) {
        body = await compress(encoding, file, info.mtimeMs, body);
        headers['content-encoding'] = encoding;
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const mounts = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--mount') { const [prefix, dir] = args[i + 1].split('='); mounts.push([prefix, dir]); }
  }
  mounts.push(['/', opt('--root', '.')]);
  const host = opt('--host', '127.0.0.1');
  const server = await serve({ mounts, host, port: Number(opt('--port', process.env.PORT ?? 8080)) });
  console.log(`Grassroots demo: http://${host}:${server.address().port}/  (Ctrl-C stops it)`);
}
