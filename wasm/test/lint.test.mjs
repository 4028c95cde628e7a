// File: wasm/test/lint.test.mjs
//
// Lint through the wasm package: did you mean at the line and column, kinds,
// expandActions, the catalogue's date, errors before the catalogue is loaded,
// and the lint corpus (conformance/lint/) through JavaScript.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { catalogueUrl, load, readCatalogue } from '../index.node.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TYPO =
  '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n' +
  '    "Action": ["s3:GetObjekt"],\n    "Resource": "arn:aws:s3:::bucket/*"\n  }]\n}\n';

test('the default catalogue URL is dist/catalogue.tsv, beside the module and its .wasm', async () => {
  // dist/catalogue_url.mjs makes it there, so that bundled it is beside the bundle
  // (e2e/bundle.test.mjs, in a folder not named dist) and unbundled beside the
  // .wasm (e2e/package.test.mjs).
  assert.equal(catalogueUrl.protocol, 'file:');
  assert.equal(fileURLToPath(catalogueUrl), path.join(root, 'wasm/dist/catalogue.tsv'));
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(catalogueUrl, 'utf8'), await readCatalogue());
});

test('lint before the catalogue is loaded says so', async () => {
  const iam = await load({ wasmBinary: (await import('node:fs')).readFileSync(path.join(root, 'wasm/dist/iameval_core.wasm')) });
  assert.throws(() => iam.lint(TYPO), /load the catalogue first/);
  assert.throws(() => iam.loadCatalogue('not a catalogue'), /not an iameval catalogue/);
});

test('did you mean s3:GetObject at 5:16', async () => {
  const iam = await load();
  const info = iam.loadCatalogue(await readCatalogue());
  assert.equal(info.date, '2026-09-26');
  assert.ok(info.actions > 20000);
  const result = iam.lint(TYPO);
  assert.equal(result.catalogue.date, '2026-09-26');
  assert.equal(result.findings.length, 1);
  const [finding] = result.findings;
  assert.equal(finding.code, 'unknown-action');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.awsCode, 'INVALID_ACTION');
  assert.equal(finding.line, 5);
  assert.equal(finding.column, 16);
  assert.equal(finding.path, 'Statement[0].Action[0]');
  assert.equal(finding.help, 'did you mean `s3:GetObject`?');
});

test('lint takes an object and a kind; expandActions lists a pattern', async () => {
  const iam = await load();
  iam.loadCatalogue(await readCatalogue());
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
  };
  assert.deepEqual(iam.lint(policy, { kind: 'resource' }).findings.map((f) => f.code), ['public-access']);
  assert.throws(() => iam.lint(policy, { kind: 'nonsense' }), /kind/);
  assert.deepEqual(iam.expandActions('s3:GetObjectT*'), ['s3:GetObjectTagging', 's3:GetObjectTorrent']);
  assert.deepEqual(iam.expandActions('s3:Nothing*'), []);
});

test('catalogueNames lists services and condition keys for completion', async () => {
  const iam = await load();
  const info = iam.loadCatalogue(await readCatalogue());
  const { services, conditionKeys } = iam.catalogueNames();
  assert.equal(services.length, info.services);
  assert.deepEqual(services.find((s) => s.prefix === 's3'), { prefix: 's3', title: 'Amazon S3' });
  assert.deepEqual(conditionKeys.find((k) => k.name === 's3:prefix'), { name: 's3:prefix', type: 'String', global: false });
  assert.deepEqual(conditionKeys.find((k) => k.name === 'aws:TagKeys'), { name: 'aws:TagKeys', type: 'ArrayOfString', global: true });
  assert.equal(new Set(conditionKeys.map((k) => k.name)).size, conditionKeys.length);
});

test('the lint corpus through JavaScript', () => {
  const out = execFileSync('/usr/bin/python3', [
    path.join(root, 'conformance/lint/run'), '--engine', 'node', '--wasm', path.join(root, 'wasm/dist'),
  ], { encoding: 'utf8' });
  assert.match(out.trim().split('\n').at(-1), / 0 failed$/);
});

test('lint of an object or a text answers as LintJson with it in its envelope', async () => {
  // lint() hands a text, or an object's JSON.stringify, to LintTextJson
  // (lib/lint.js), whose findings come back packed, not as JSON; the answer
  // must be LintJson's for {policy, kind}, byte for byte: every document of the lint corpus, the benchmark's, as object
  // and as text, under every kind the corpus uses and two more.
  const { readdirSync, readFileSync } = await import('node:fs');
  const { Iameval } = await import('../lib/api.js');
  const { Core } = await import('../lib/core.js');
  const { default: createIamevalCore } = await import('../dist/iameval_core.mjs');
  const module = await createIamevalCore({ wasmBinary: readFileSync(path.join(root, 'wasm/dist/iameval_core.wasm')) });
  const core = new Core(module);
  const iam = new Iameval(core);
  iam.loadCatalogue(await readCatalogue());
  const throughEnvelope = (policy, kind) => {
    const status = core.withText(JSON.stringify({ policy, kind }), (p, n) => module._iameval_lint_json(p, n));
    assert.equal(status, 0);
    const ptr = module._iameval_lint_result_data();
    return new TextDecoder().decode(module.HEAPU8.subarray(ptr, ptr + module._iameval_lint_result_size()));
  };
  const documents = [];
  const corpus = path.join(root, 'conformance/lint');
  for (const file of readdirSync(corpus).filter((f) => f.endsWith('.json'))) {
    for (const c of JSON.parse(readFileSync(path.join(corpus, file), 'utf8')).cases) {
      if (c.policy !== undefined) documents.push([c.policy, c.kind ?? 'identity']);
      if (c.policyText !== undefined) documents.push([c.policyText, c.kind ?? 'identity']);
    }
  }
  for (const [file, kind] of [
    ['engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json', 'identity'],
    ['engine/lint/testdata/AmazonDataZoneProjectRolePermissionsBoundary.json', 'permissionsBoundary'],
    ['bench/workloads/compile/managed_policy_6kb.json', 'identity'],
    ['bench/workloads/compile/bucket_policy_20kb.json', 'resource'],
  ]) {
    const text = readFileSync(path.join(root, file), 'utf8');
    documents.push([text, kind], [JSON.parse(text), kind]);
  }
  // Texts that are not ASCII come back as JSON (lint_bindings.cc), control
  // characters and quotes unescaped.
  documents.push(
    [{ Version: '2012-10-17', Statement: [{ Sid: 'café', Effect: 'Allow', Action: 's3:Gét*', Resource: '*' }] }, 'identity'],
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get\tObject', 's3:"x"', 's3:\\'], Resource: '*' }] }, 'identity'],
  );
  assert.ok(documents.length > 100, `${documents.length} documents`);
  let compared = 0;
  for (const [policy, kind] of documents) {
    for (const k of [kind, 'scp', 'resource']) {
      const expected = JSON.parse(throughEnvelope(policy, k));
      if (expected.error !== undefined) {
        assert.throws(() => iam.lint(policy, { kind: k }), { message: `iameval: ${expected.message}` });
      } else {
        assert.equal(JSON.stringify(iam.lint(policy, { kind: k })), JSON.stringify(expected));
      }
      compared += 1;
    }
  }
  // Errors and the edges that keep the envelope: an unknown kind, no document,
  // a text with a lone surrogate (LintJson's reader refuses it, as before).
  assert.throws(() => iam.lint({}, { kind: 'nope' }), /`kind` must be identity/);
  assert.throws(() => iam.lint('{}', { kind: 'nope' }), /`kind` must be identity/);
  assert.throws(() => iam.lint(undefined), /has no `policy`/);
  assert.throws(() => iam.lint('{"Statement": "\uD800"}'), /not JSON/);
  // An object's lone surrogate is an escape in its JSON: reported where it is.
  const lone = iam.lint({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get\uD800', Resource: '*' }] });
  assert.equal(lone.findings[0].code, 'invalid-json');
  assert.ok(compared > 300);
});
