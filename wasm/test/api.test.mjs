// The JavaScript API over the wasm module: decisions, explanations, batches,
// check() findings, errors and handle lifetimes.
//
//   node --test --expose-gc wasm/test/

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  FreedHandleError,
  IamevalError,
  PolicyError,
  RequestError,
  formatFinding,
  load,
  version,
} from '../index.node.js';

const iam = await load();

const ALICE = 'arn:aws:iam::111122223333:user/alice';
const allowGet = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
};
const denyQ4 = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'NotQ4', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::reports/q4/*' }],
};
// S3 ARNs name no account: the requests say the bucket is Alice's own.
const get = (key) => ({
  principal: ALICE,
  action: 's3:GetObject',
  resource: `arn:aws:s3:::reports/${key}`,
  resourceAccount: '111122223333',
});

test('the three decisions, with the same words as C++ and Python', () => {
  const set = iam.compile({ identity: [allowGet, denyQ4] });
  try {
    assert.equal(set.decide(get('q1.csv')).decision, 'allowed');
    assert.equal(set.decide(get('q4/x.csv')).decision, 'explicitDeny');
    assert.equal(set.decide({ ...get('q1.csv'), action: 's3:PutObject' }).decision, 'implicitDeny');
  } finally {
    set.free();
  }
});

test('an answer is {decision, error} plus the explanation when asked', () => {
  const set = iam.compile({ identity: [allowGet, denyQ4] });
  const plain = set.decide(get('q1.csv'));
  assert.deepEqual(Object.keys(plain), ['decision', 'error']);
  assert.equal(plain.error, null);

  const { explanation } = set.decide(get('q4/x.csv'), { explain: true });
  assert.equal(typeof explanation.reason, 'string');
  assert.ok(explanation.reason.length > 0);
  assert.equal(explanation.reasonCode, 'explicit-deny'); // spec/decision.md §11
  assert.equal(explanation.determining.length, 1);
  const [ref] = explanation.determining;
  assert.equal(ref.kind, 'identity');
  assert.equal(ref.policyIndex, 1);
  assert.equal(ref.statementIndex, 0);
  assert.equal(ref.sid, 'NotQ4');
  assert.equal(ref.effect, 'Deny');
  assert.ok(ref.line > 0 && ref.column > 0);
  assert.ok(explanation.verdicts.some((v) => v.kind === 'identity' && v.verdict === 'denied'));
  set.free();
});

// Positions point into the text each call was given (the policies alone to
// compile, the whole question to decide): the answers agree on all else.
// decide_json_test.cc pins where they point.
function withoutPositions(value) {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'line' || k === 'column' ? undefined : v)));
}

test('the handle path and the one-shot path give the same answer', () => {
  const policies = { identity: [allowGet, denyQ4] };
  const set = iam.compile(policies);
  for (const key of ['q1.csv', 'q4/x.csv', 'other']) {
    const oneShot = iam.decide(policies, get(key), { explain: true });
    const { findings, ...answer } = oneShot;
    assert.deepEqual(findings, []);
    assert.deepEqual(withoutPositions(set.decide(get(key), { explain: true })), withoutPositions(answer));
  }
  set.free();
});

test('decideMany answers in order, in one call', () => {
  const set = iam.compile({ identity: [allowGet, denyQ4] });
  const requests = [];
  for (let i = 0; i < 300; i++) requests.push(get(i % 3 === 0 ? `q4/${i}` : `q1/${i}`));
  const answers = set.decideMany(requests);
  assert.equal(answers.length, 300);
  answers.forEach((a, i) => assert.equal(a.decision, i % 3 === 0 ? 'explicitDeny' : 'allowed'));
  assert.deepEqual(set.decideMany([]), []);
  set.free();
});

test('requests may be JSON text, even with raw newlines', () => {
  const set = iam.compile({ identity: [allowGet] });
  const text = JSON.stringify(get('q1.csv'), null, 2);
  assert.ok(text.includes('\n'));
  assert.deepEqual(
    set.decideMany([text, get('q1.csv')]).map((a) => a.decision),
    ['allowed', 'allowed'],
  );
  set.free();
});

test('context values: strings, numbers, booleans and lists', () => {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: {
          IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
          NumericLessThan: { 's3:max-keys': '100' },
          Bool: { 'aws:SecureTransport': 'true' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'owner'] },
        },
      },
    ],
  };
  const set = iam.compile({ identity: [policy] });
  const context = {
    'aws:SourceIp': '203.0.113.7',
    's3:max-keys': 10,
    'aws:SecureTransport': true,
    'aws:TagKeys': ['team'],
  };
  assert.equal(set.decide({ ...get('a'), context }).decision, 'allowed');
  assert.equal(set.decide({ ...get('a'), context: { ...context, 's3:max-keys': 1000 } }).decision, 'implicitDeny');
  assert.equal(set.decide({ ...get('a'), context: { ...context, 'aws:TagKeys': ['x'] } }).decision, 'implicitDeny');
  set.free();
});

test('check() reports findings with code, message, path, line and column', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "allow",\n    "Action": "s3:GetObject",\n    "Resource": "*"\n  }\n}';
  const { valid, findings } = iam.check(text);
  assert.equal(valid, false);
  const effect = findings.find((f) => f.code === 'invalid-effect');
  assert.ok(effect, JSON.stringify(findings));
  assert.equal(effect.severity, 'error');
  assert.equal(effect.path, 'Statement.Effect');
  assert.equal(effect.line, 4);
  assert.equal(effect.column, 15);
  assert.match(effect.message, /`allow`/);
  assert.deepEqual(iam.check(allowGet), { valid: true, findings: [] });
});

test('over the size quota: decided with a warning; an error only when enforced', () => {
  // AWS's own managed policies exceed the customer quota (decisions.md §10).
  const big = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject',
      Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::reports/archive/${i}/*`) }],
  };
  const warned = iam.check(big);
  assert.equal(warned.valid, true);
  assert.deepEqual(warned.findings.map((f) => [f.code, f.severity]), [['policy-too-large', 'warning']]);
  const enforced = iam.check(big, { enforceAwsSizeQuotas: true });
  assert.equal(enforced.valid, false);
  assert.deepEqual(enforced.findings.map((f) => [f.code, f.severity]), [['policy-too-large', 'error']]);
  const answer = iam.decide({ identity: [big] }, get('archive/7/x.csv'));
  assert.equal(answer.decision, 'allowed');
});

test('check() on broken JSON points at the line', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow" "Action": "*"}\n  ]\n}';
  const { valid, findings } = iam.check(text);
  assert.equal(valid, false);
  assert.equal(findings[0].code, 'invalid-json');
  assert.equal(findings[0].line, 4);
});

test('columns count Unicode code points', () => {
  // 🙂 is two UTF-16 code units and four UTF-8 bytes, but one column.
  const text = '{"Id": "🙂", "Statement": {"Effect": "Maybe", "Action": "*", "Resource": "*"}}';
  const finding = iam.check(text, { kind: 'resource' }).findings.find((f) => f.code === 'invalid-effect');
  assert.equal(finding.column, text.indexOf('"Maybe"') - 1 + 1);
});

test('check() honours the kind', () => {
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }],
  };
  assert.equal(iam.check(trust, { kind: 'resource' }).valid, true);
  const asTrust = iam.check(trust, { kind: 'roleTrust' });
  assert.equal(asTrust.valid, false);
  assert.ok(asTrust.findings.some((f) => f.code === 'resource-not-allowed'));
  assert.throws(() => iam.check(trust, { kind: 'bucket' }), IamevalError);
});

test('an invalid document throws a PolicyError naming the document and place', () => {
  const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get*"}]\n}';
  for (const attempt of [
    () => iam.compile({ identity: [allowGet, broken] }),
    () => iam.decide({ identity: [allowGet, broken] }, get('a')),
  ]) {
    assert.throws(attempt, (e) => {
      assert.ok(e instanceof PolicyError && e instanceof IamevalError && e instanceof Error);
      assert.equal(e.name, 'PolicyError');
      assert.equal(e.code, 'missing-resource');
      assert.equal(e.document, 'identity[1]');
      assert.equal(e.path, 'Statement[0]');
      assert.equal(e.line, 3);
      assert.ok(e.column > 0);
      assert.match(e.message, /^invalid policy: identity\[1\]:3:\d+: error: .* \[missing-resource\]$/);
      assert.ok(e.findings.length >= 1 && e.errors.every((f) => f.severity === 'error'));
      return true;
    });
  }
  assert.equal(iam.liveHandles, 0);
});

test('a policies object of the wrong shape is a PolicyError too', () => {
  assert.throws(() => iam.compile({ identiy: [allowGet] }), (e) => e instanceof PolicyError && e.code === 'invalid-input' && /identiy/.test(e.message));
  assert.throws(() => iam.compile({ resource: allowGet }, { resourcePolicyKind: 'bucket' }), PolicyError);
});

test('warnings do not stop compiling and are kept on the set', () => {
  const noVersion = { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
  const set = iam.compile({ identity: [noVersion] });
  assert.deepEqual(set.findings.map((f) => [f.code, f.severity, f.document]), [['missing-version', 'warning', 'identity[0]']]);
  set.free();
});

test('an unreadable request throws a RequestError, with its index in a batch', () => {
  const set = iam.compile({ identity: [allowGet] });
  assert.throws(() => set.decide({ principal: ALICE, action: 's3:GetObject' }), (e) => {
    assert.ok(e instanceof RequestError);
    assert.equal(e.code, 'invalid-request');
    assert.match(e.message, /`resource`/);
    assert.equal(e.index, 0);
    return true;
  });
  assert.throws(() => set.decideMany([get('a'), get('b'), { ...get('c'), colour: 'red' }]), (e) => e.index === 2 && e.path === '[2]' && /colour/.test(e.message));
  assert.throws(() => iam.decide({}, { action: 's3:GetObject' }), RequestError);
  set.free();
});

test('a request the engine cannot evaluate is an implicit deny with an error', () => {
  const set = iam.compile({ identity: [allowGet] });
  const answer = set.decide({ ...get('a'), action: 'GetObject' });
  assert.equal(answer.decision, 'implicitDeny');
  assert.equal(answer.error, 'invalid-request');
  assert.match(answer.message, /action/);
  set.free();
});

test('free() releases the handle; using it afterwards throws', () => {
  const before = iam.liveHandles;
  const set = iam.compile({ identity: [allowGet] });
  assert.equal(iam.liveHandles, before + 1);
  set.free();
  set.free(); // idempotent
  assert.equal(set.freed, true);
  assert.equal(iam.liveHandles, before);
  assert.throws(() => set.decide(get('a')), FreedHandleError);
});

test('Symbol.dispose frees', () => {
  const before = iam.liveHandles;
  const set = iam.compile({ identity: [allowGet] });
  set[Symbol.dispose]();
  assert.equal(iam.liveHandles, before);
});

test('a PolicySet dropped without free() is released by the FinalizationRegistry', { skip: typeof gc !== 'function' && 'needs --expose-gc' }, async () => {
  const before = iam.liveHandles;
  (() => {
    for (let i = 0; i < 20; i++) iam.compile({ identity: [allowGet] });
  })();
  assert.equal(iam.liveHandles, before + 20);
  for (let i = 0; i < 50 && iam.liveHandles > before; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.equal(iam.liveHandles, before);
});

test('many compiles and frees do not grow memory without bound', () => {
  const big = { identity: Array.from({ length: 20 }, () => allowGet) };
  for (let i = 0; i < 300; i++) iam.compile(big).free();
  assert.equal(iam.liveHandles, 0);
});

test('inferResourcePolicyKind', () => {
  assert.equal(iam.inferResourcePolicyKind(get('a')), 'resource');
  assert.equal(
    iam.inferResourcePolicyKind({ principal: ALICE, action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/x' }),
    'roleTrust',
  );
  assert.equal(
    iam.inferResourcePolicyKind({ principal: ALICE, action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:111122223333:key/k' }),
    'kmsKey',
  );
  assert.throws(() => iam.inferResourcePolicyKind({}), RequestError);
});

test('decideJson is iameval::DecideJson', () => {
  const out = JSON.parse(iam.decideJson(JSON.stringify({ policies: { identity: [allowGet] }, request: get('a') })));
  assert.deepEqual(out, { decision: 'allowed', error: null, findings: [] });
  const bad = JSON.parse(iam.decideJson('{not json'));
  assert.equal(bad.decision, null);
  assert.equal(bad.error, 'invalid-input');
});

test('formatFinding prints file:line:column: severity: message [code]', () => {
  const f = { code: 'x', severity: 'error', message: 'bad', path: '', line: 3, column: 7, document: 'identity[0]' };
  assert.equal(formatFinding(f), 'identity[0]:3:7: error: bad [x]');
  assert.equal(formatFinding({ ...f, line: 0 }, 'p.json'), 'p.json: error: bad [x]');
  assert.equal(formatFinding({ ...f, document: undefined }), '3:7: error: bad [x]');
});

test('the version matches package.json and the engine (iameval/version.h)', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(version, pkg.version);
  const header = readFileSync(new URL('../../engine/include/iameval/version.h', import.meta.url), 'utf8');
  assert.equal(/#define IAMEVAL_VERSION_STRING "([^"]+)"/.exec(header)?.[1], version);
});

test('the node entry and the browser entry are the same API', async () => {
  const browser = await import('../index.js');
  const node = await import('../index.node.js');
  assert.deepEqual(Object.keys(browser).sort(), Object.keys(node).sort());
  assert.notEqual(browser.load, node.load);
  // The loaders differ: `load` reads the .wasm, `readCatalogue` lint's catalogue (fetch or disk).
  const loaders = ['load', 'readCatalogue'];
  for (const name of Object.keys(browser)) {
    if (!loaders.includes(name)) assert.equal(browser[name], node[name], name);
  }
  // The browser entry reaches no Node built-in; under Node 20.16+ it still loads.
  const engine = await browser.load();
  assert.equal(engine.compile({ identity: [allowGet] }).decide(get('a')).decision, 'allowed');
});

test('package.json routes node and browsers to their entries', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const root = pkg.exports['.'];
  assert.equal(Object.keys(root)[0], 'types');
  assert.equal(root.node, './index.node.js');
  assert.equal(root.default, './index.js');
  assert.equal(pkg.browser, './index.js');
  assert.equal(pkg.exports['./iameval_core.wasm'].default, './dist/iameval_core.wasm');
  for (const file of ['lib/load.js', 'lib/loader.js', 'lib/api.js', 'lib/core.js', 'lib/errors.js', 'lib/packed.js', 'index.js']) {
    const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(text, /from ['"]node:|import\(['"]node:/, `${file} imports a Node built-in`);
  }
});

test('load() shares one engine; load({wasmBinary}) makes a new one', async () => {
  assert.equal(await load(), iam);
  const bytes = readFileSync(new URL('../dist/iameval_core.wasm', import.meta.url));
  const other = await load({ wasmBinary: bytes });
  assert.notEqual(other, iam);
  assert.equal(other.compile({ identity: [allowGet] }).decide(get('a')).decision, 'allowed');
});

test('policy kinds are read ignoring case, as in every binding', () => {
  const scp = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  assert.deepEqual(iam.check(scp, { kind: 'SCP' }), iam.check(scp, { kind: 'scp' }));
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
  const set = iam.compile({ resource: trust }, { resourcePolicyKind: 'ROLETRUST' });
  const answer = set.decide({
    principal: 'ec2.amazonaws.com',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::111122223333:role/app',
  });
  assert.equal(answer.decision, 'allowed');
  set.free();
  assert.throws(() => iam.check(scp, { kind: 'bucket' }), IamevalError);
});

test('a VPC endpoint policy limits through the same JSON as C++ and Python', () => {
  const listOnly = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: '*' }] };
  const through = { ...get('q1.csv'), context: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } };
  const limited = iam.decide({ identity: [allowGet], vpcEndpoint: listOnly }, through, { explain: true });
  assert.equal(limited.decision, 'implicitDeny');
  assert.match(limited.explanation.reason, /vpc endpoint `vpce-1a2b3c4d`/);
  assert.equal(iam.decide({ identity: [allowGet] }, through).decision, 'allowed');
  const named = { Statement: [{ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:*', Resource: '*' }] };
  assert.equal(iam.decide({ identity: [allowGet], vpcEndpoint: named }, through).decision, 'allowed');
  assert.throws(
    () => iam.decide({ identity: [allowGet], vpcEndpoint: named, vpcEndpointType: 'gateway' }, through),
    (e) => e instanceof PolicyError && e.findings.some((f) => f.code === 'gateway-endpoint-principal-must-be-wildcard'),
  );
  assert.equal(iam.check(named, { kind: 'gatewayVpcEndpoint' }).valid, false);
});
