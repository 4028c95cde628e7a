// File: wasm/test/analysis.test.mjs
//
// Access analysis through the wasm package (issue #15 point 4): compare FAIL
// with the s3:PutObject request that proves it and PASS for a narrowing,
// whole policy sets, accessNotGranted, publicAccess / externalAccess, errors
// before the catalogue is loaded; the answers the C++ and Python faces give.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { load, readCatalogue } from '../index.node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const READ = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
};
const READ_WRITE = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
    { Sid: 'Write', Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports/*' },
  ],
};
const NARROWER = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/2026/*' }],
};
const PUBLIC_BUCKET = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }],
};
const PARTNER_BUCKET = {
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' },
    Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*',
  }],
};
const SITE = { ownerAccount: '111122223333' };

let shared;
async function engine() {
  if (!shared) {
    shared = await load();
    shared.loadCatalogue(await readCatalogue());
  }
  return shared;
}

test('analysis before the catalogue is loaded says so', async () => {
  const iam = await load({ wasmBinary: readFileSync(path.join(root, 'wasm/dist/iameval_core.wasm')) });
  assert.throws(() => iam.compare(READ, READ_WRITE), /load the catalogue first/);
});

test('compare: FAIL with the s3:PutObject request that proves it', async () => {
  const iam = await engine();
  const answer = iam.compare(READ, READ_WRITE);
  assert.equal(answer.result, 'FAIL');
  assert.deepEqual([...new Set(answer.counterexamples.map((c) => c.request.action))], ['s3:PutObject']);
  const [example] = answer.counterexamples;
  assert.equal(example.decision, 'allowed');
  assert.notEqual(example.before, 'allowed');
  assert.deepEqual(example.grantedBy.map((g) => g.sid), ['Write']);
  // The request is one the engine allows under `after` and not under `before`.
  assert.equal(iam.decide({ identity: [READ_WRITE] }, example.request).decision, 'allowed');
  assert.notEqual(iam.decide({ identity: [READ] }, example.request).decision, 'allowed');
});

test('compare: PASS when after only narrows, and for whole sets', async () => {
  const iam = await engine();
  assert.equal(iam.compare(READ, NARROWER).result, 'PASS');
  assert.equal(iam.compare(READ, READ).result, 'PASS');
  const before = { identity: [READ_WRITE], scps: [[READ]] };
  const after = { identity: [READ_WRITE] };
  assert.equal(iam.compare(before, after, { kind: 'set' }).result, 'FAIL');
  assert.equal(iam.compare(after, before, { kind: 'set' }).result, 'PASS');
});

test('compare refuses an invalid document, naming it', async () => {
  const iam = await engine();
  assert.throws(() => iam.compare({ Statement: 'nope' }, READ), /before/);
});

test('accessNotGranted, publicAccess and externalAccess', async () => {
  const iam = await engine();
  const granted = iam.accessNotGranted(READ_WRITE, { actions: ['s3:PutObject'], resources: ['arn:aws:s3:::reports/*'] });
  assert.equal(granted.result, 'FAIL');
  assert.equal(iam.accessNotGranted(READ, { actions: ['s3:PutObject', 'iam:*'] }).result, 'PASS');
  const open = iam.publicAccess(PUBLIC_BUCKET, SITE);
  assert.equal(open.result, 'FAIL');
  assert.equal(open.findings[0].public, true);
  assert.ok(open.findings[0].actions.includes('s3:GetObject'));
  assert.equal(iam.publicAccess(PARTNER_BUCKET, SITE).result, 'PASS');
  assert.equal(iam.externalAccess(PARTNER_BUCKET, SITE).result, 'FAIL');
  assert.equal(iam.externalAccess(PARTNER_BUCKET, { ...SITE, trusted: ['444455556666'] }).result, 'PASS');
});

// The native tool ($IAMEVAL_CLI, else the release build) answers the same
// question with the same JSON: documents given as text, so positions point
// into the same bytes.
test('compare: the native CLI and this package give the same answer', async (t) => {
  const cli = process.env.IAMEVAL_CLI || path.join(root, '_build/release/iameval');
  if (!existsSync(cli)) {
    if (process.env.IAMEVAL_CLI) assert.fail(`IAMEVAL_CLI=${cli} does not exist`);
    t.skip('no native CLI built');
    return;
  }
  const iam = await engine();
  const dir = mkdtempSync(path.join(tmpdir(), 'iameval-compare-'));
  for (const [before, after, expected] of [[READ, READ_WRITE, 'FAIL'], [READ, NARROWER, 'PASS']]) {
    const [a, b] = [JSON.stringify(before, null, 2), JSON.stringify(after, null, 2)];
    writeFileSync(path.join(dir, 'old.json'), a);
    writeFileSync(path.join(dir, 'new.json'), b);
    const run = spawnSync(cli, ['compare', path.join(dir, 'old.json'), path.join(dir, 'new.json'),
      '--kind', 'identity', '--format', 'json'], { encoding: 'utf8' });
    assert.equal(run.status, expected === 'PASS' ? 0 : 1, run.stderr);
    const native = JSON.parse(run.stdout);
    const ours = iam.compare(a, b);
    assert.equal(ours.result, expected);
    assert.deepEqual(ours, native);
  }
});
