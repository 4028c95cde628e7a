// The npm package itself (not the playground bundle) in a browser: the page
// imports wasm/index.js as a plain ES module from 127.0.0.1 (Python's
// http.server), and the module fetches its .wasm next to itself.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launch } from './browser.js';
import { serveStatic } from './static_server.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));

test('the package decides in Chromium without a bundler', async () => {
  const server = await serveStatic(PACKAGE); // a plain static server, as a user's
  const { url } = server;
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${url}e2e/fixtures/package.html`);
    await page.waitForSelector('body[data-done]', { timeout: 20000 });
    const out = JSON.parse(await page.textContent('#out'));
    assert.equal(out.failure, undefined, out.failure);
    assert.deepEqual(out.decisions, ['allowed', 'implicitDeny']);
    assert.equal(out.sid, 'Read');
    assert.deepEqual(out.error, { isPolicyError: true, code: 'wrong-type', line: 1, column: 15 });
    assert.equal(out.live, 0);
    assert.deepEqual(out.lint, ['did you mean `s3:GetObject`?']);
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    server.close();
  }
});
