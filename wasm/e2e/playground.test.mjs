// The playground in a real browser: Debian's Chromium, headless, loading the
// static site (wasm/playground/dist/, `make playground-dist`) from a plain
// static file server (Python's http.server on 127.0.0.1), one folder deep, so
// the page works only if every path in it is relative and it runs under its own
// Content-Security-Policy. Screenshots go to _build/test-results/ (gitignored).
//
//   node --test wasm/e2e/

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXAMPLES } from '../playground/src/examples.js';
import { serveStatic } from './static_server.js';
import { CHROMIUM, launch } from './browser.js';

const DIST = fileURLToPath(new URL('../playground/dist/', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../_build/test-results/', import.meta.url));

let browser;
let server;
let url;
let page;
const problems = []; // console errors and page errors: any fails the run
const fetched = []; // every URL the page asked for

before(async () => {
  assert.ok(existsSync(`${DIST}index.html`), 'the playground is not built: run `make playground-build`');
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (scripts/setup.sh --all)`);
  mkdirSync(RESULTS, { recursive: true });
  // Served from the folder above, so the page lives at /dist/, not at the root.
  server = await serveStatic(fileURLToPath(new URL('../playground/', import.meta.url)));
  url = `${server.url}dist/`;
  browser = await launch();
  page = await browser.context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const decisionOf = () => page.getAttribute('#decision', 'data-decision');

async function pickExample(id) {
  await page.selectOption('#example', id);
  await page.waitForFunction((id) => document.querySelector('#example').value === id, id);
}

/** The editor of the n-th policy panel of `kind` (0-based). */
const editor = (kind, n = 0) => page.locator(`.doc[data-kind="${kind}"]`).nth(n);

test('the page loads with the first example decided', async () => {
  assert.equal(await decisionOf(), EXAMPLES[0].expect);
  assert.equal(await page.locator('.cm-editor').count(), EXAMPLES[0].docs.length);
});

test('the catalogue is not fetched before lint is first needed', async () => {
  await page.waitForTimeout(300); // nothing is fetched in idle time either
  assert.deepEqual(fetched.filter((u) => u.includes('catalogue')), []);
  assert.equal(await page.getAttribute('body', 'data-catalogue'), null);
  assert.match(await page.textContent('#lint-status'), /starts when you edit a policy/);
  // Grammar findings only until then; the page decided without the catalogue.
  assert.equal(await decisionOf(), EXAMPLES[0].expect);
});

test('every example loads and shows its decision', async () => {
  const words = { allowed: 'Allowed', explicitDeny: 'Explicitly denied', implicitDeny: 'Implicitly denied' };
  for (const example of EXAMPLES) {
    await pickExample(example.id);
    assert.equal(await decisionOf(), example.expect, example.id);
    assert.equal((await page.textContent('#decision-word')).trim(), words[example.expect], example.id);
    assert.ok((await page.textContent('#decision-reason')).trim().length > 0, `${example.id}: no reason shown`);
  }
});

test('the deciding statement is highlighted in its editor', async () => {
  await pickExample('scp-region-guard');
  assert.equal(await decisionOf(), 'explicitDeny');
  const scpOu = editor('scp', 1);
  assert.ok((await scpOu.locator('.cm-stmt-deny').count()) > 0, 'no Deny highlight in the OU-level SCP');
  assert.equal(await editor('scp', 0).locator('.cm-stmt-deny').count(), 0);
  assert.match(await page.textContent('#decision-details'), /DenyOutsideEurope/);

  await pickExample('cross-account-s3');
  assert.equal(await decisionOf(), 'allowed');
  assert.ok((await editor('identity').locator('.cm-stmt-allow').count()) > 0);
  assert.ok((await editor('resource').locator('.cm-stmt-allow').count()) > 0);
  await page.screenshot({ path: `${RESULTS}playground.png` });
});

test('editing the request re-decides as you type', async () => {
  await pickExample('scp-region-guard');
  const value = page.getByLabel('Value of context key 1');
  await value.fill('eu-west-1');
  await page.waitForFunction(() => document.querySelector('#decision').dataset.decision === 'allowed');
  await value.fill('us-east-1');
  await page.waitForFunction(() => document.querySelector('#decision').dataset.decision === 'explicitDeny');
});

test('broken JSON shows a diagnostic at the right line', async () => {
  await pickExample('cross-account-s3');
  const identity = editor('identity');
  // Line 6 is `      "Effect": "Allow",`: put a stray character before its key.
  await identity.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.type('x');
  await page.waitForFunction(() => document.querySelector('#decision').dataset.decision === 'policy-error');

  const finding = identity.locator('.findings li').first();
  assert.match(await finding.textContent(), /line 6, col \d+/);
  assert.match(await finding.textContent(), /invalid-json/);
  const line6 = identity.locator('.cm-content .cm-line').nth(5);
  assert.ok((await line6.locator('.cm-lintRange-error').count()) > 0, 'no error underline on line 6');
  assert.ok((await identity.locator('.cm-lint-marker-error').count()) > 0, 'no error marker in the gutter');
  assert.match(await page.textContent('#decision-details'), /Identity policy:6:\d+/);
  await page.screenshot({ path: `${RESULTS}playground-json-error.png` });

  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => document.querySelector('#decision').dataset.decision === 'allowed');
});

/** Replaces the text of the n-th `kind` editor (as a paste) and waits for lint. */
async function setPolicy(kind, text) {
  const target = editor(kind);
  await target.locator('.cm-content').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText(text);
  await page.waitForSelector('body[data-catalogue="loaded"]');
  return target;
}

const TYPO_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObje",
      "Resource": "arn:aws:s3:::example-bucket/*"
    }
  ]
}`;

test('typing s3:GetObjekt shows "did you mean s3:GetObject" at its place', async () => {
  await pickExample('cross-account-s3');
  const identity = await setPolicy('identity', TYPO_POLICY);
  // Type the last two letters on line 6, just before `",`.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('kt');
  const finding = identity.locator('.findings li[data-code="unknown-action"]');
  await finding.waitFor();
  assert.match(await finding.textContent(), /line 6, col 17/);
  assert.match(await finding.textContent(), /did you mean s3:GetObject\?/);
  assert.match(await finding.getAttribute('class'), /sev-error/);
  // Underlined exactly: the string on line 6, no more.
  const underline = identity.locator('.cm-content .cm-line').nth(5).locator('.cm-lintRange-error');
  assert.equal(await underline.textContent(), '"s3:GetObjekt"');
  assert.match(await identity.locator('.doc-status').textContent(), /1 error/);
  assert.match(await page.textContent('#lint-status'), /IAM catalogue of \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: `${RESULTS}playground-lint.png` });
});

test('completion offers s3:GetObject after s3:GetOb', async () => {
  // The cursor is still after `s3:GetObjekt`: back to `s3:GetO`, then type.
  for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('b');
  const options = page.locator('.cm-tooltip-autocomplete li');
  await options.first().waitFor();
  const labels = await options.allTextContents();
  assert.ok(labels.some((l) => l.startsWith('s3:GetObject')), `no s3:GetObject in ${labels.slice(0, 8)}`);
  await options.filter({ hasText: /^s3:GetObject$/ }).click();
  const identity = editor('identity');
  await page.waitForFunction(
    () => !document.querySelector('.doc[data-kind="identity"] .findings li[data-code="unknown-action"]'),
  );
  assert.match(await identity.locator('.cm-content .cm-line').nth(5).textContent(), /"Action": "s3:GetObject",/);
});

test('hover on s3:Get* lists what it expands to', async () => {
  await setPolicy('identity', TYPO_POLICY.replace('s3:GetObje', 's3:Get*'));
  await page.mouse.move(0, 0);
  await editor('identity').locator('.cm-line').nth(5).getByText('"s3:Get*"').hover();
  const hover = page.locator('.cm-tooltip-hover .cm-expansion');
  await hover.waitFor();
  const text = await hover.textContent();
  assert.match(text, /s3:Get\* matches \d+ actions/);
  const items = await hover.locator('li').allTextContents();
  assert.ok(items.includes('s3:GetObject') && items.includes('s3:GetBucketPolicy'), items.join(' '));
  assert.ok(items.every((name) => name.startsWith('s3:Get')), items.join(' '));
  await page.screenshot({ path: `${RESULTS}playground-hover.png` });
  const timings = await page.evaluate(() => window.__iamevalCatalogue);
  console.log(
    `# catalogue: fetched and inflated in ${(timings.fetched - timings.fetchStart).toFixed(0)} ms, ` +
      `loaded in ${(timings.loaded - timings.fetched).toFixed(0)} ms, first lint shown ` +
      `${(timings.firstLint - timings.fetchStart).toFixed(0)} ms after the fetch started`,
  );
  await page.mouse.move(0, 0);
});

test('new access: a widened identity policy fails with a request that clicks into the form', async () => {
  await pickExample('cross-account-s3');
  // The bucket policy lets a role of another account in: a cross-account badge.
  const badge = editor('resource').locator('.access-badge');
  await page.waitForFunction(() => document.querySelector('#new-access').dataset.result === 'same');
  await badge.waitFor();
  assert.equal(await badge.getAttribute('data-access'), 'external');
  assert.equal(await badge.textContent(), 'cross-account');

  await setPolicy('identity', JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'ReadAndWrite', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
      Resource: ['arn:aws:s3:::shared-reports', 'arn:aws:s3:::shared-reports/*'] }],
  }, null, 2));
  await page.waitForFunction(() => document.querySelector('#new-access').dataset.result === 'FAIL', null, { timeout: 20000 });
  const example = page.locator('#new-access-list .counterexample', { hasText: 's3:PutObject' }).first();
  assert.match(await example.textContent(), /granted by Identity policy:\d+:\d+ \(ReadAndWrite\)/);
  await example.click();
  assert.equal(await page.inputValue('input[name="action"]'), 's3:PutObject');
  // A counterexample is a request the edited set allows: the page agrees.
  await page.waitForFunction(() => document.querySelector('#decision').dataset.decision === 'allowed');
  await page.screenshot({ path: `${RESULTS}playground-new-access.png` });

  // Pinned: the same set compared with itself has nothing new.
  await page.click('#new-access-pin');
  await page.waitForFunction(() => document.querySelector('#new-access').dataset.result === 'same');
});

test('the URL fragment reproduces the page', async () => {
  await pickExample('permissions-boundary');
  await page.getByLabel('Action').fill('s3:PutObject');
  await page.waitForFunction(() => document.querySelector('#decision').dataset.decision === 'allowed');
  await page.waitForFunction(() => location.hash.startsWith('#s='));
  await page.waitForTimeout(400); // the fragment is written 250 ms after the last change
  const link = page.url();

  const other = await browser.context.newPage();
  await other.goto(link);
  await other.waitForSelector('body[data-ready]');
  assert.equal(await other.getAttribute('#decision', 'data-decision'), 'allowed');
  assert.equal(await other.inputValue('input[name="action"]'), 's3:PutObject');
  assert.equal(await other.locator('.doc[data-kind="permissionsBoundary"]').count(), 1);
  await other.close();
});

test('the static site has relative paths and a strict Content-Security-Policy', async () => {
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  assert.doesNotMatch(html, /(src|href)="\/(?!\/)/, 'an absolute path in index.html');
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /object-src|default-src 'none'/);
  assert.doesNotMatch(csp, /(^|; )(script-src|default-src|connect-src) [^;]*('unsafe-inline'|'unsafe-eval'|\*|https?:|data:)/);
  assert.match(csp, /style-src 'self'(;|$)/); // no 'unsafe-inline', no nonce
  // CodeMirror's themes apply without one: no <style> element, the rules in an
  // adopted stylesheet (src/adopted_styles.js); its base theme makes the
  // editor a flex column.
  const styles = await page.evaluate(() => ({
    elements: document.querySelectorAll('style').length,
    adopted: document.adoptedStyleSheets.reduce((n, sheet) => n + sheet.cssRules.length, 0),
    display: getComputedStyle(document.querySelector('.cm-editor')).display,
    gutter: getComputedStyle(document.querySelector('.cm-gutters')).display,
  }));
  assert.equal(styles.elements, 0);
  assert.ok(styles.adopted > 50, `${styles.adopted} adopted rules`);
  assert.equal(styles.display, 'flex');
  assert.equal(styles.gutter, 'flex');
  // The policy is enforced: an inline script is refused.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return window.__inlineRan === true;
  });
  assert.equal(ran, false);
  problems.splice(0, problems.length, ...problems.filter((p) => !/Executing inline script violates/.test(p)));
  assert.ok(readFileSync(`${DIST}_headers`, 'utf8').includes(`content-security-policy: ${csp}`));
});

for (const [name, state] of [
  ['a context row that is null', '{"d":[],"r":{"context":[null]}}'],
  ['a request that is a list', '{"d":[["identity",0,"{}"]],"r":[]}'],
  ['a policy that is not [kind, level, text]', '{"d":[null]}'],
  ['text that is not JSON', 'not json'],
]) {
  test(`a malformed link (${name}) shows an error and the first example`, async () => {
    const fragment = `s=0.${Buffer.from(state).toString('base64url')}`;
    const other = await browser.context.newPage();
    const errors = [];
    other.on('pageerror', (e) => errors.push(e.message));
    await other.goto(`${url}#${fragment}`);
    await other.waitForSelector('body[data-ready]', { timeout: 10000 });
    assert.equal(await other.getAttribute('#decision', 'data-decision'), EXAMPLES[0].expect);
    assert.ok(await other.isVisible('#link-error'));
    assert.match(await other.textContent('#link-error'), /This link could not be opened: .+\. Showing the first example/);
    assert.equal(await other.locator('.cm-editor').count(), EXAMPLES[0].docs.length);
    assert.deepEqual(errors, []);
    await other.close();
  });
}

test('no console errors', () => {
  assert.deepEqual(problems, []);
});
