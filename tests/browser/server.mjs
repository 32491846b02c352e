// A small static file server for the built site, on loopback only, like a static host:
// the site lives under a sub-path prefix ("/bao-phu/"), "/dir/" serves "/dir/index.html",
// "/dir" redirects to "/dir/", anything else that is missing (or outside the prefix) gets
// the site's own 404.html with status 404.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}
function isDir(p) {
  try { return fs.statSync(p).isDirectory(); } catch { return false; }
}

/**
 * Starts serving `root` under `prefix` (which starts and ends with "/") on 127.0.0.1:`port`.
 * Resolves to { server, close(), requests } where `requests` counts what was served.
 */
export function serve({ root, prefix = '/', port = 8791, host = '127.0.0.1' }) {
  root = path.resolve(root);
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';
  const stats = { requests: 0, notFound: [] };

  function send(req, res, status, file, extraHeaders = {}) {
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      'Content-Type': contentType(file),
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extraHeaders,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function notFound(req, res, pathname) {
    stats.notFound.push(pathname);
    const page = path.join(root, '404.html');
    if (isFile(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : 'not found\n');
  }

  const server = http.createServer((req, res) => {
    stats.requests += 1;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('method not allowed\n');
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, `http://${host}:${port}`).pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      return res.end('bad request\n');
    }
    // The prefix itself without its trailing slash: like a host, redirect to the folder.
    if (pathname + '/' === prefix) {
      res.writeHead(301, { Location: prefix, 'Cache-Control': 'no-store' });
      return res.end();
    }
    if (!pathname.startsWith(prefix) || pathname.includes('\0')) return notFound(req, res, pathname);
    const rel = pathname.slice(prefix.length);
    const target = path.resolve(root, '.' + path.posix.normalize('/' + rel));
    if (target !== root && !target.startsWith(root + path.sep)) return notFound(req, res, pathname);

    if (pathname.endsWith('/')) {
      const index = path.join(target, 'index.html');
      if (isFile(index)) return send(req, res, 200, index);
      return notFound(req, res, pathname);
    }
    if (isFile(target)) return send(req, res, 200, target);
    if (isDir(target) && isFile(path.join(target, 'index.html'))) {
      const u = new URL(req.url, `http://${host}:${port}`);
      res.writeHead(301, { Location: u.pathname + '/' + u.search, 'Cache-Control': 'no-store' });
      return res.end();
    }
    return notFound(req, res, pathname);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        server,
        stats,
        origin: `http://${host}:${port}`,
        base: `http://${host}:${port}${prefix}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

// `node server.mjs <dir> [port] [prefix]`: serve a build by hand, for a look in a browser.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = '../../target/browser-site', port = '8791', prefix = '/bao-phu/'] = process.argv.slice(2);
  const s = await serve({ root: dir, port: Number(port), prefix });
  console.log(`serving ${path.resolve(dir)} at ${s.base} (Ctrl-C to stop)`);
}
