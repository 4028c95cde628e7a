// The packed path (lib/packed.js, iameval_decide_packed) against the JSON path.
//
// PolicySet.decide/decideMany without an explanation send requests packed;
// with `explain: true` they send JSON text through RequestFromJson. Dropping
// the explanation, both must give the same answers and the same
// RequestErrors (message and index) for every request: every conformance
// request, one by one and all in one batch, and the edge cases below (types,
// omitted fields, non-ASCII and lone surrogates, numbers, lists, inherited
// and toJSON objects, duplicate keys, timestamps, big batches, requests
// mutated between calls). The tests also check that ordinary requests really
// take the packed path.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RequestError, load } from '../index.node.js';
import { Core } from '../lib/core.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const iam = await load();

// Counts JSON-path calls, to tell which path a decision took.
let jsonCalls = 0;
const decideLines = Core.prototype.decideLines;
Core.prototype.decideLines = function (...args) {
  jsonCalls++;
  return decideLines.apply(this, args);
};

function caseFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...caseFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

const cases = [];
for (const file of caseFiles(join(ROOT, 'conformance'))) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  for (const c of Array.isArray(data) ? data : data.cases) cases.push({ file, ...c });
}

/** What a call gave: the answers, or the error's class, message and index. */
function outcome(call) {
  try {
    return { answer: call() };
  } catch (e) {
    return { error: e.constructor.name, message: e.message, index: e.index, code: e.code };
  }
}

function withoutExplanation(answer) {
  const { explanation, ...rest } = answer;
  return rest;
}

/** The JSON path: with an explanation, which is then dropped. */
function jsonDecide(set, request) {
  return outcome(() => withoutExplanation(set.decide(request, { explain: true })));
}
function jsonDecideMany(set, requests) {
  return outcome(() => set.decideMany(requests, { explain: true }).map(withoutExplanation));
}

/** Asserts the packed path agrees with the JSON path, and was taken when `packed`. */
function agrees(set, request, name, { packed = true } = {}) {
  const before = jsonCalls;
  const got = outcome(() => set.decide(request));
  if (packed) assert.equal(jsonCalls, before, `${name}: took the JSON path`);
  assert.deepEqual(got, jsonDecide(set, request), name);
  const many = outcome(() => set.decideMany([request]));
  assert.deepEqual(many, jsonDecideMany(set, [request]), `${name} (decideMany)`);
  return got;
}

const typical = JSON.parse(readFileSync(join(ROOT, 'bench/workloads/typical/policies.json'), 'utf8'));
const base = {
  principal: 'arn:aws:sts::111122223333:assumed-role/payments-app/i-0abc123def4567890',
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::payments-data/2024/11/batch-17.csv',
  resourceAccount: '111122223333',
  context: { 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': true, 'aws:PrincipalTag/team': 'payments' },
};

test('every conformance request, one by one: packed = JSON', () => {
  let compared = 0;
  let packed = 0;
  for (const c of cases) {
    const name = `${c.file}:${c.id}`;
    const kind = outcome(() => c.request.resourcePolicyKind ?? iam.inferResourcePolicyKind(c.request));
    let set;
    try {
      set = iam.compile(c.policies ?? {}, { resourcePolicyKind: kind.answer ?? 'resource' });
    } catch {
      continue; // policy errors are the agreement tests' business
    }
    try {
      // Twice: the second time the request is sent as "unchanged".
      const before = jsonCalls;
      const first = agrees(set, c.request, name, { packed: false });
      if (!first.error && jsonCalls === before + 2) packed++; // only the two references
      agrees(set, c.request, `${name} (again)`, { packed: false });
      compared++;
    } finally {
      set.free();
    }
  }
  assert.ok(compared > 850, `only ${compared} compared`);
  assert.ok(packed > 800, `only ${packed} took the packed path`);
  assert.equal(iam.liveHandles, 0);
});

test('every conformance request in one batch, twice and shuffled: packed = JSON', () => {
  const set = iam.compile(typical);
  try {
    const requests = cases.map((c) => c.request);
    const good = requests.filter((r) => !jsonDecide(set, r).error);
    assert.ok(good.length > 900);
    const before = jsonCalls;
    const batch = [...good, ...good, ...good.slice().reverse()];
    const got = set.decideMany(batch);
    assert.equal(jsonCalls, before, 'a batch of valid requests took the JSON path');
    assert.deepEqual(got, jsonDecideMany(set, batch).answer);
    // Every request that fails, at its index in a batch of good ones.
    for (const r of requests) {
      const one = jsonDecide(set, r);
      if (!one.error) continue;
      const mixed = [good[0], good[1], r, good[2]];
      const want = jsonDecideMany(set, mixed);
      assert.equal(want.index, 2);
      assert.deepEqual(outcome(() => set.decideMany(mixed)), want, JSON.stringify(r));
    }
  } finally {
    set.free();
  }
});

test('the typical workload takes the packed path and gives its expected decisions', () => {
  const set = iam.compile(typical);
  const workload = JSON.parse(readFileSync(join(ROOT, 'bench/workloads/typical/requests.json'), 'utf8'));
  const before = jsonCalls;
  for (let round = 0; round < 3; round++) {
    for (const c of workload) assert.equal(set.decide(c.request).decision, c.expect);
    assert.deepEqual(set.decideMany(workload.map((c) => c.request)).map((a) => a.decision), workload.map((c) => c.expect));
  }
  assert.equal(jsonCalls, before);
  set.free();
});

test('edge cases: packed = JSON', () => {
  const set = iam.compile(typical);
  const proto = { principal: base.principal };
  class Req {
    constructor(fields) {
      Object.assign(this, fields);
    }
    get action() {
      return 's3:GetObject';
    }
  }
  const inherited = Object.create({ context: { 'aws:SecureTransport': false } });
  Object.assign(inherited, { principal: base.principal, action: base.action, resource: base.resource });
  const nullProto = Object.assign(Object.create(null), base);
  const withProto = Object.assign(Object.create(proto), { action: base.action, resource: base.resource });
  const ctx = (context) => ({ ...base, context });
  const edge = {
    'plain': [base, true],
    'empty strings': [{ principal: '', action: '', resource: '' }, true],
    'empty resourceAccount': [{ ...base, resourceAccount: '' }, true],
    'no context': [{ principal: base.principal, action: base.action, resource: base.resource }, true],
    'empty context': [ctx({}), true],
    'non-ASCII': [{ ...base, resource: 'arn:aws:s3:::payments-data/été/日本/😀.csv', context: { 'aws:PrincipalTag/team': 'paymënts', 'clé': '値' } }, true],
    'NUL inside strings': [{ ...base, resource: 'arn:aws:s3:::payments-data/a\u0000b', context: { 'k\u0000': 'v\u0000' } }, true],
    // A context value of 60,000 bytes: under maxContextValueBytes (64 KiB).
    'long strings': [{ ...base, resource: `arn:aws:s3:::payments-data/${'x'.repeat(100000)}`, context: { k: 'é'.repeat(30000) } }, true],
    // Over a limit, the JSON layer gives the error (both paths agree on it).
    'a context value over the limit': [ctx({ k: 'é'.repeat(32769) }), false],
    'a list over the limit': [ctx({ k: Array(1001).fill('v') }), false],
    'lone surrogate in resource': [{ ...base, resource: 'arn:aws:s3:::payments-data/\ud800.csv' }, false],
    'lone surrogate in a key': [ctx({ 'a\udc00': 'x' }), false],
    'lone surrogate in a value': [ctx({ a: ['x', 'y\ud83d'] }), false],
    'surrogate pair': [ctx({ a: '\ud83d\ude00' }), true],
    'lists': [ctx({ 'aws:TagKeys': ['team', 'cost-center'], empty: [], mixed: ['a', 1, true, 2.5, false, -0] }), true],
    'numbers': [ctx({ i: 42, neg: -7, zero: 0, negZero: -0, big: 2 ** 53 - 1, bigger: 2 ** 53, huge: 2 ** 60, e21: 1e21, frac: 0.1 + 0.2, tiny: 5e-324, max: Number.MAX_VALUE, third: 1 / 3, e: -1.5e-7 }), true],
    'NaN': [ctx({ n: NaN }), false],
    'Infinity': [ctx({ n: Infinity }), false],
    'NaN in a list': [ctx({ n: [1, NaN] }), false],
    'booleans': [{ ...base, principalIsServiceLinkedRole: true, principalInManagementAccount: true, resourceInManagementAccount: false, resourceIsAwsManagedKey: true, resourcePolicyRequired: false, context: { b: false, t: true } }, true],
    'resourcePolicyRequired true': [{ ...base, resourcePolicyRequired: true }, true],
    'resourcePolicyKind': [{ ...base, resourcePolicyKind: 'kmsKey' }, true],
    'bad resourcePolicyKind': [{ ...base, resourcePolicyKind: 'identity' }, false],
    'resourcePolicyKind not a string': [{ ...base, resourcePolicyKind: 1 }, false],
    'currentTime': [{ ...base, currentTime: '2026-01-31T12:00:00Z' }, true],
    'currentTime with fraction and offset': [{ ...base, currentTime: '2026-01-31T12:00:00.123456789+02:00' }, true],
    'bad currentTime': [{ ...base, currentTime: 'yesterday' }, false],
    'currentTime out of range': [{ ...base, currentTime: '1600-01-01T00:00:00Z' }, false],
    'currentTime needing escapes': [{ ...base, currentTime: '2026-01-31T12:00:00Z"\\\n' }, false],
    'currentTime a Date': [{ ...base, currentTime: new Date(Date.UTC(2026, 0, 31)) }, false],
    'principalRoleArn': [{ ...base, principalRoleArn: 'arn:aws:iam::111122223333:role/payments-app' }, true],
    'principalRoleArn with a path': [{ ...base, principalRoleArn: 'arn:aws:iam::111122223333:role/team/payments-app' }, true],
    'principalRoleArn of another role (an answer with an error)': [{ ...base, principalRoleArn: 'arn:aws:iam::111122223333:role/other' }, true],
    'principalRoleArn empty': [{ ...base, principalRoleArn: '' }, true],
    'principalRoleArn undefined': [{ ...base, principalRoleArn: undefined }, true],
    'principalRoleArn not a string': [{ ...base, principalRoleArn: 7 }, false],
    'principalRoleArn with a lone surrogate': [{ ...base, principalRoleArn: 'arn:aws:iam::111122223333:role/\ud800' }, false],
    'unknown field': [{ ...base, extra: 1 }, false],
    'unknown field undefined': [{ ...base, extra: undefined }, true],
    'unknown field a function': [{ ...base, extra() {} }, true],
    'optional field undefined': [{ ...base, resourceAccount: undefined, context: undefined }, true],
    'missing principal': [{ action: base.action, resource: base.resource }, false],
    'principal undefined': [{ ...base, principal: undefined }, false],
    'principal a number': [{ ...base, principal: 7 }, false],
    'principal a String object': [{ ...base, principal: new String(base.principal) }, false],
    'fact not a boolean': [{ ...base, principalIsServiceLinkedRole: 'true' }, false],
    'context an array': [ctx(['a']), false],
    'context null': [ctx(null), false],
    'context value null': [ctx({ a: null }), false],
    'context value an object': [ctx({ a: { b: 1 } }), false],
    'context value undefined': [ctx({ a: undefined, 'aws:SecureTransport': true }), true],
    'nested list': [ctx({ a: [['b']] }), false],
    'list with a hole': [ctx({ a: [1, , 3] }), false], // eslint-disable-line no-sparse-arrays
    'duplicate keys ignoring case': [ctx({ 'aws:SourceIp': '1.2.3.4', 'AWS:SOURCEIP': '5.6.7.8' }), false],
    'keys differing by non-ASCII case': [ctx({ 'É': '1', 'é': '2' }), true],
    'too many keys': [ctx(Object.fromEntries(Array.from({ length: 10001 }, (_, i) => [`k${i}`, 'v']))), false],
    'many keys': [ctx(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i % 2 ? 'v' : i]))), true],
    'integer-like keys': [ctx({ 2: 'b', 1: 'a', z: 'c' }), true],
    'class instance with a getter': [new Req({ principal: base.principal, resource: base.resource }), false],
    'class instance': [new Req({ principal: base.principal, resource: base.resource, context: base.context }), false],
    'inherited context': [inherited, false],
    'inherited principal': [withProto, false],
    'null prototype': [nullProto, false],
    'toJSON': [{ toJSON: () => base }, false],
    'toJSON on the context': [ctx({ toJSON: () => ({ a: 'b' }) }), false],
    'an array': [[base], false],
    'null': [null, false],
    'undefined': [undefined, false],
    'a number': [5, false],
    'JSON text': [JSON.stringify(base), false],
    'JSON text with a newline': [JSON.stringify(base, null, 2), false],
    'bad JSON text': ['{"principal":', false],
    'a malformed principal (an answer with an error)': [{ ...base, principal: 'nobody' }, true],
    'an action with a wildcard (an answer with an error)': [{ ...base, action: 's3:Get*' }, true],
  };
  for (const [name, [request, packed]] of Object.entries(edge)) {
    agrees(set, request, name, { packed });
    agrees(set, request, `${name} (again)`, { packed });
    agrees(set, base, `${name}, then plain`);
  }
  // All of them in one batch, in order and reversed: the first bad one is the error.
  const all = Object.values(edge).map(([r]) => r);
  assert.deepEqual(outcome(() => set.decideMany(all)), jsonDecideMany(set, all));
  const good = all.filter((r) => !jsonDecide(set, r).error);
  assert.deepEqual(outcome(() => set.decideMany(good)), jsonDecideMany(set, good));
  assert.deepEqual(outcome(() => set.decideMany(good.slice().reverse())), jsonDecideMany(set, good.slice().reverse()));
  set.free();
});

test('a request mutated between calls is read afresh', () => {
  const set = iam.compile(typical);
  const r = structuredClone(base);
  const check = (name) => assert.deepEqual(outcome(() => set.decide(r)), jsonDecide(set, r), name);
  check('first');
  r.context['aws:SecureTransport'] = false;
  check('value changed');
  r.context['aws:SecureTransport'] = 'true';
  check('bool became string');
  r.context['aws:TagKeys'] = ['a'];
  check('key added');
  r.context['aws:TagKeys'].push('b');
  check('list grown in place');
  r.context['aws:TagKeys'][0] = 'c';
  check('list changed in place');
  delete r.context['aws:RequestedRegion'];
  check('key removed');
  r.currentTime = '2026-01-31T12:00:00Z';
  check('time set');
  r.currentTime = '2026-02-01T12:00:00Z';
  check('time changed');
  delete r.currentTime;
  check('time removed');
  r.resourceAccount = '444455556666';
  check('account changed');
  delete r.resourceAccount;
  check('account removed');
  r.principalRoleArn = 'arn:aws:iam::111122223333:role/team/payments-app';
  check('role ARN set');
  r.principalRoleArn = 'arn:aws:iam::111122223333:role/other';
  check('role ARN changed (an answer with an error)');
  delete r.principalRoleArn;
  check('role ARN removed');
  r.resourcePolicyRequired = true;
  check('fact set');
  delete r.resourcePolicyRequired;
  check('fact removed');
  r.context = { 'aws:requestedregion': 'us-east-1' };
  check('context replaced');
  set.free();
});

test('after an error or a JSON fallback the next request is whole', () => {
  const set = iam.compile(typical);
  const a = { ...base, context: { ...base.context, 'aws:RequestedRegion': 'us-east-1' } };
  const bad = [
    { ...base, extra: 1 },
    { ...base, currentTime: 'never' },
    { ...base, context: { a: '1', A: '2' } },
    { ...base, resourcePolicyKind: 'scp' },
  ];
  for (const b of bad) {
    for (const following of [base, a]) {
      agrees(set, following, 'before');
      assert.throws(() => set.decide(b), RequestError);
      assert.throws(() => set.decideMany([following, a, b, following]), (e) => e.index === 2);
      agrees(set, following, `after ${JSON.stringify(b)}`);
    }
  }
  // An exception thrown while packing (a getter) leaves nothing behind.
  const throwing = { ...base, get context() { throw new Error('boom'); } };
  agrees(set, a, 'before the getter');
  assert.throws(() => set.decideMany([base, throwing]), /boom/);
  agrees(set, a, 'after the getter');
  // BigInt: JSON.stringify's own TypeError, as on the JSON path.
  assert.deepEqual(outcome(() => set.decide(ctx(1n))), jsonDecide(set, ctx(1n)));
  assert.equal(outcome(() => set.decide(ctx(1n))).error, 'TypeError');
  set.free();
  function ctx(v) {
    return { ...base, context: { v } };
  }
});

test('big batches grow the buffer, and it is given back', () => {
  const set = iam.compile(typical);
  const requests = [];
  for (let i = 0; i < 20000; i++) {
    requests.push({
      ...base,
      action: i % 3 ? 's3:GetObject' : 's3:PutObject',
      resource: `arn:aws:s3:::payments-data/${i}/${'k'.repeat(i % 200)}é.csv`,
      context: i % 7 ? base.context : { ...base.context, [`key${i % 5}`]: [String(i), i, i % 2 === 0] },
    });
  }
  const before = jsonCalls;
  const got = set.decideMany(requests);
  assert.equal(jsonCalls, before);
  assert.deepEqual(got, jsonDecideMany(set, requests).answer);
  // A few small calls after the big one, which freed its buffer.
  agrees(set, base, 'after the big batch');
  assert.deepEqual(set.decideMany(requests.slice(0, 50)), jsonDecideMany(set, requests.slice(0, 50)).answer);
  set.free();
});

test('re-entry from a getter takes the JSON path and still agrees', () => {
  const set = iam.compile(typical);
  let inner;
  const r = {
    ...base,
    get action() {
      inner = set.decide(base);
      return 's3:GetObject';
    },
  };
  const got = set.decide(r);
  assert.deepEqual(inner, { decision: 'allowed', error: null });
  assert.deepEqual(got, jsonDecide(set, r).answer);
  // A getter that grows wasm memory while a batch is being packed.
  const growing = {
    ...base,
    get action() {
      iam.decideJson(JSON.stringify({ policies: {}, request: { ...base, resource: 'x'.repeat(32 << 20) } }));
      return 's3:PutObject';
    },
  };
  const batch = [base, growing, { ...base, resource: `${base.resource}.2` }];
  // ... and then a request that makes the packing buffer grow too.
  const huge = { ...base, resource: `${base.resource}/${'y'.repeat(300000)}` };
  for (const b of [[base, growing, huge], [growing, huge, base], [base, growing, base, huge]]) {
    assert.deepEqual(set.decideMany(b), jsonDecideMany(set, b).answer);
  }
  assert.deepEqual(set.decideMany(batch), jsonDecideMany(set, batch).answer);
  agrees(set, base, 'after memory grew');
  set.free();
});

test('answers are fresh objects', () => {
  const set = iam.compile(typical);
  const a = set.decide(base);
  a.decision = 'mutated';
  assert.equal(set.decide(base).decision, 'allowed');
  const [x, y] = set.decideMany([base, base]);
  assert.notEqual(x, y);
  set.free();
});

test('strings sent by id: table resets, slots that stop looking, dropped records', () => {
  const set = iam.compile(typical);
  const check = (batch, name) => assert.deepEqual(outcome(() => set.decideMany(batch)), jsonDecideMany(set, batch), name);
  // More distinct strings than the table keeps, then the first ones again.
  const many = Array.from({ length: 9000 }, (_, i) => ({
    ...base,
    principal: `arn:aws:sts::111122223333:assumed-role/payments-app/session-${i % 5000}`,
    resource: `arn:aws:s3:::payments-data/${i % 4500}/object.csv`,
    context: { ...base.context, 'aws:PrincipalTag/team': i % 3 ? 'payments' : `team-number-${i % 6000}` },
  }));
  check(many, 'past the table size');
  check(many.slice(0, 300), 'the first ones again');
  check(many.slice().reverse(), 'reversed');
  // A record that defines strings and is then dropped (a lone surrogate
  // further on), followed by requests that use the same strings.
  const fresh = 'arn:aws:sts::111122223333:assumed-role/payments-app/brand-new-session';
  const dropped = { ...base, principal: fresh, resource: `${base.resource}.fresh`, context: { a: 'x\ud800' } };
  const after = { ...base, principal: fresh, resource: `${base.resource}.fresh` };
  check([base, dropped, after, after], 'a dropped record');
  agrees(set, after, 'after a dropped record');
  agrees(set, { ...after, context: { 'aws:PrincipalTag/team': 'a value long enough to keep' } }, 'then a kept value');
  set.free();
});

test('contexts of a few shapes, parked and swapped back', () => {
  const set = iam.compile(typical);
  const shapes = [
    (i) => ({ ...base.context }),
    (i) => ({ ...base.context, 'aws:SourceIp': `10.0.0.${i % 256}` }),
    (i) => ({ 'aws:SecureTransport': i % 2 === 0, ...base.context }),
    (i) => ({ 'aws:PrincipalTag/team': i % 3 ? 'payments' : 'risk', 'aws:TagKeys': ['a', String(i % 4)] }),
    (i) => ({}),
    (i) => undefined,
    (i) => ({ 'aws:RequestedRegion': i % 2 ? 'eu-west-1' : 'us-east-1', 'aws:SecureTransport': true, 'aws:PrincipalTag/team': 'payments' }),
  ];
  for (const width of [2, 3, 4, 5, 7]) {
    const batch = Array.from({ length: 400 }, (_, i) => ({ ...base, context: shapes[(i * 5 + (i >> 3)) % width](i) }));
    const before = jsonCalls;
    const got = set.decideMany(batch);
    assert.equal(jsonCalls, before, `${width} shapes took the JSON path`);
    assert.deepEqual(got, jsonDecideMany(set, batch).answer, `${width} shapes`);
    for (const r of batch.slice(0, 40)) agrees(set, r, `${width} shapes, one by one`);
  }
  // A bad request in between: the parked contexts are forgotten on both sides.
  const mixed = [0, 1, 0, 1].map((k, i) => ({ ...base, context: shapes[k](i) }));
  assert.throws(() => set.decideMany([...mixed, { ...base, context: { a: '1', A: '2' } }]), RequestError);
  assert.deepEqual(set.decideMany(mixed), jsonDecideMany(set, mixed).answer);
  set.free();
});
