// The npm package as a user gets it: `npm pack`ed, installed from the tarball
// into an empty project (offline: the package has no dependencies), then
//   * its example (e2e/fixtures/bundle/src/main.ts) type-checks with
//     `tsc --noEmit --strict` against the installed index.d.ts,
//   * esbuild bundles it for the browser: no Node built-in may be reached
//     (esbuild's browser platform fails the build on one), the .wasm is
//     imported as an asset and copied next to the bundle, with lint's
//     catalogue, in a folder not named dist,
//   * the bundle decides and lints in Chromium, served by a plain static server.
// Cold start (module start to first answer) is measured in Chromium and in a
// fresh Node process, and printed (wasm/README.md quotes it).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch } from './browser.js';
import { serveStatic } from './static_server.js';

const PACKAGE = fileURLToPath(new URL('../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('fixtures/bundle/', import.meta.url));
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));

let work;
let app;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'iameval-npm-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: PACKAGE, encoding: 'utf8' }),
  );
  const files = packed[0].files.map((f) => f.path);
  for (const needed of ['index.js', 'index.node.js', 'index.d.ts', 'dist/iameval_core.wasm', 'lib/load.js',
                        'dist/catalogue.tsv', 'dist/catalogue_url.mjs']) {
    assert.ok(files.includes(needed), `the tarball lacks ${needed}`);
  }
  assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('playground/')), 'tests in the tarball');
  app = join(work, 'app');
  cpSync(FIXTURE, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, packed[0].filename)], {
    cwd: app,
    stdio: 'inherit',
  });
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the example type-checks with tsc --noEmit --strict against the installed package', () => {
  execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '-p', join(app, 'tsconfig.json')], { stdio: 'inherit' });
});

test('esbuild bundles it for the browser and it decides in Chromium', async (t) => {
  // A folder not named dist: what the package finds beside the bundle must
  // not depend on the bundle's folder's name.
  const dist = join(app, 'public');
  const result = await build({
    absWorkingDir: app,
    entryPoints: ['src/main.ts'],
    outdir: dist,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    loader: { '.wasm': 'file' },
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((p) => p.includes('node_modules/iameval/index.js')), 'the browser entry was not used');
  assert.ok(!inputs.some((p) => /^node:|index\.node\.js|load_node\.js/.test(p)), inputs.join('\n'));
  assert.ok(readdirSync(dist).some((f) => /^iameval_core-.*\.wasm$/.test(f)), 'esbuild did not emit the .wasm');
  // For load() without options: the .wasm next to the bundle, as the README says.
  copyFileSync(join(app, 'node_modules/iameval/dist/iameval_core.wasm'), join(dist, 'iameval_core.wasm'));
  // And lint's catalogue beside it, for fetchCatalogue() without a URL.
  copyFileSync(join(app, 'node_modules/iameval/dist/catalogue.tsv'), join(dist, 'catalogue.tsv'));
  copyFileSync(join(app, 'index.html'), join(dist, 'index.html'));

  const server = await serveStatic(dist);
  const browser = await launch();
  try {
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${server.url}index.html?run=${i}`);
      await page.waitForSelector('body[data-done]', { timeout: 20000 });
      const out = JSON.parse(await page.textContent('#out'));
      assert.equal(out.failure, undefined, out.failure);
      assert.deepEqual(out.decisions, ['allowed', 'implicitDeny', 'allowed']);
      assert.match(out.reason, /^no identity-based policy allows `s3:PutObject`/);
      assert.equal(out.errorCode, 'wrong-type');
      assert.deepEqual(out.lint, ['did you mean `s3:GetObject`?']);
      assert.deepEqual(problems, []);
      runs.push(out);
      await page.close();
    }
    const ms = (key) => runs.map((r) => r[key].toFixed(1)).join(', ');
    t.diagnostic(`Chromium cold start, module start to first answer: ${ms('coldStartMs')} ms`);
    t.diagnostic(`Chromium, navigation start to the end of the example: ${ms('sinceNavigationMs')} ms`);
  } finally {
    await browser.close();
    server.close();
  }
});

test('the installed package decides in a fresh Node process', (t) => {
  const script = `
    const t0 = performance.now();
    const { load } = await import('iameval');
    const iam = await load();
    const set = iam.compile({ identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }] });
    const d = set.decide({ principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '111122223333' });
    process.stdout.write(JSON.stringify({ decision: d.decision, ms: performance.now() - t0 }));`;
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' }));
    assert.equal(out.decision, 'allowed');
    runs.push(out.ms);
  }
  t.diagnostic(`Node cold start, import to first answer: ${runs.map((m) => m.toFixed(1)).join(', ')} ms`);
});
