// File: wasm/e2e/static_server.js
//
// A plain static file server, as any host would serve the playground: Python's
// http.server, bound to 127.0.0.1 on a free port. Nothing of ours runs in it
// (no headers, no rewrites), so what works here works on any static host.

import { spawn } from 'node:child_process';

export const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** Serves `root`; resolves to `{ url, close() }` once the server listens. */
export function serveStatic(root) {
  const child = spawn(PYTHON, ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '--directory', root, '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 10000);
    child.once('error', reject);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /port (\d+)/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${match[1]}/`, close: () => child.kill() });
    });
    child.stderr.on('data', () => {}); // the request log
  });
}
