// The playground's dev server (playground/server.js): a path that does not
// decode is a 400 and the server keeps serving; every answer carries the
// security headers of playground/security.js; only GET and HEAD.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { META_CSP, SECURITY_HEADERS } from '../playground/security.js';
import { serve } from '../playground/server.js';

let root;
let server;
let base;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'iameval-serve-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  ({ server, url: base } = await serve(root, 0));
});

after(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw request (fetch() would normalise the path first). */
function get(path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a path that does not decode is a 400, and the server lives on', async () => {
  for (const path of ['/%', '/%E0%A4%A', '/a%ZZ']) {
    const res = await get(path);
    assert.equal(res.status, 400, path);
    assert.match(res.body, /does not decode/);
  }
  assert.equal((await get('/')).status, 200);
});

test('every answer carries the security headers', async () => {
  for (const path of ['/', '/index.html', '/missing', '/%']) {
    const res = await get(path);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(res.headers[name], value, `${path} ${name}`);
  }
  const csp = SECURITY_HEADERS['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.ok(csp.startsWith(META_CSP), 'the header holds the <meta> policy and more');
});

test('only GET and HEAD; nothing outside the root', async () => {
  assert.equal((await get('/', 'POST')).status, 405);
  const head = await get('/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  // The URL parser resolves dot segments (also %2e%2e) before the server sees them.
  for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
    const res = await get(path);
    assert.ok(res.status === 403 || res.status === 404, `${path}: ${res.status}`);
    assert.doesNotMatch(res.body, /root:/);
  }
  assert.equal((await get('/index.html%00.txt')).status, 403);
});
