// Input limits and the one rule for context keys (issue #12), through the
// JavaScript package, with the same words as C++ and Python: every path
// (packed requests, JSON lines, decideJson, compile) refuses alike.
//
//   node --test wasm/test/limits.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LIMITS, PolicyError, RequestError, load } from '../index.js';

const iam = await load();
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const officeOnly = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
    { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
  ],
};
// S3 ARNs name no account: the requests say the bucket is Alice's own.
const get = (context) => ({
  principal: ALICE,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  resourceAccount: '111122223333',
  context,
});

/** Every way a request reaches the engine; each must throw RequestError with `message`. */
function refusedEverywhere(engine, request, message) {
  const set = engine.compile({ identity: [officeOnly] });
  try {
    for (const decide of [
      () => set.decide(request),
      () => set.decide(request, { explain: true }),
      () => set.decideMany([get({ 'aws:SourceIp': '203.0.113.7' }), request]),
      () => set.decideMany([request], { explain: true }),
      () => engine.decide({ identity: [officeOnly] }, request),
    ]) {
      assert.throws(decide, (e) => e instanceof RequestError && e.message === message, message);
    }
  } finally {
    set.free();
  }
}

test('the default limits are the engine\'s', () => {
  assert.deepEqual({ ...DEFAULT_LIMITS }, {
    maxInputBytes: 16 * 1024 * 1024,
    maxContextKeys: 10000,
    maxContextValues: 1000,
    maxContextValueBytes: 65536,
  });
});

test('a context key given twice, ignoring case, is refused on every path', () => {
  const context = JSON.parse('{"aws:SourceIp": "198.51.100.9", "AWS:SOURCEIP": "203.0.113.7"}');
  refusedEverywhere(iam, get(context), 'duplicate context key `AWS:SOURCEIP` (keys compare ignoring case)');
});

test('context keys, list values and value bytes are bounded on every path', () => {
  const keys = {};
  for (let i = 0; i <= 10000; i++) keys[`app:k${i}`] = 'v';
  refusedEverywhere(iam, get(keys), 'request field `context` has more than 10,000 keys, the limit');
  refusedEverywhere(iam, get({ 'aws:TagKeys': Array(1001).fill('t') }),
    'context key `aws:TagKeys` holds more than 1,000 values, the limit');
  refusedEverywhere(iam, get({ 'aws:UserAgent': 'x'.repeat(65537) }),
    'context key `aws:UserAgent` holds a value longer than 65,536 bytes, the limit');
  refusedEverywhere(iam, get({ 'aws:TagKeys': ['a', 'é'.repeat(32769)] }),
    'context key `aws:TagKeys` holds a value longer than 65,536 bytes, the limit');
  const set = iam.compile({ identity: [officeOnly] });
  assert.equal(set.decide(get({ 'aws:SourceIp': '203.0.113.7', 'aws:UserAgent': 'x'.repeat(65536) })).decision, 'allowed');
  set.free();
});

test('JSON input over maxInputBytes is refused before it is copied', async () => {
  const small = await load({ limits: { maxInputBytes: 1000 } });
  const input = JSON.stringify({ policies: {}, request: get({ 'aws:UserAgent': 'x'.repeat(2000) }) });
  assert.deepEqual(JSON.parse(small.decideJson(input)), {
    decision: null,
    error: 'invalid-input',
    message: 'the input is longer than 1,000 bytes, the limit',
    findings: [],
  });
  assert.throws(
    () => small.compile({ identity: Array(20).fill(officeOnly) }),
    (e) => e instanceof PolicyError && e.message === 'invalid policies: the policies is longer than 1,000 bytes, the limit',
  );
  // Multi-byte text under the UTF-16 length but over in UTF-8: C++ counts it.
  const wide = JSON.stringify({ policies: {}, request: get({ k: 'é'.repeat(450) }) });
  assert.ok(wide.length < 1000);
  assert.equal(JSON.parse(small.decideJson(wide)).message, 'the input is longer than 1,000 bytes, the limit');
  await assert.rejects(load({ limits: { maxInputByte: 1 } }), TypeError);
});

test('limits can be lifted per engine', async () => {
  const lifted = await load({ limits: { maxContextValues: Infinity } });
  const set = lifted.compile({ identity: [officeOnly] });
  assert.equal(set.decide(get({ 'aws:SourceIp': '203.0.113.7', 'aws:TagKeys': Array(5000).fill('t') })).decision, 'allowed');
  set.free();
});
