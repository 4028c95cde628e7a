// Memory exhaustion (issue #12): one request sized to exhaust the wasm heap
// must stop the instance, and nothing may answer on it afterwards. Before
// the fix malloc returned 0 when memory could not grow, RapidJSON wrote the
// string through it from address 0 over the module's static data, and a
// time-bound Deny on the same instance then answered `allowed`.
//
// This test needs about 2.5 GB of memory for a few seconds: a 400-million
// character context value, its JSON text, and the wasm heap up to its 2 GiB
// maximum.
//
//   node --test wasm/test/memory.test.mjs

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EngineStoppedError, PolicyError, load } from '../index.node.js';

const wasmBinary = readFileSync(new URL('../dist/iameval_core.wasm', import.meta.url));

const ALICE = 'arn:aws:iam::111122223333:user/alice';
// Allowed, except after the start of 2025: a Deny bound in time.
const policies = {
  identity: [
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        {
          Sid: 'Expired',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } },
        },
      ],
    },
  ],
};
const victim = {
  principal: ALICE,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::reports/q1.csv',
  currentTime: '2026-06-01T00:00:00Z',
};

test('a request that exhausts the heap stops the engine; nothing answers on it after', () => {
  // Limits lifted: by default the request would be refused unread.
  return load({ wasmBinary, limits: { maxInputBytes: Infinity, maxContextValueBytes: Infinity } }).then((iam) => {
    const set = iam.compile(policies);
    assert.equal(set.decide(victim).decision, 'explicitDeny');
    assert.equal(iam.decide(policies, victim).decision, 'explicitDeny');

    // The request is read through the located JSON tree, which holds the
    // text, the tree and the Request's copy at once: the number 1e21 (which
    // JSON.stringify writes with an exponent) comes first, and the one-pass
    // reader (json_api/request_json_direct.h) hands any request with an
    // exponent to the tree path. Read in one pass, 400 million characters
    // would fit in the 2 GiB heap and answer.
    const huge = {
      ...victim,
      context: { 'aws:MultiFactorAuthAge': 1e21, 'aws:UserAgent': 'x'.repeat(400_000_000) },
    };
    let thrown = null;
    try {
      iam.decide(policies, huge);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof EngineStoppedError, `expected EngineStoppedError, got ${thrown}`);
    assert.ok(!(thrown instanceof PolicyError));
    assert.equal(thrown.code, 'out-of-memory');

    // The same engine object, and the set compiled on it, refuse: no answer
    // at all rather than one read from memory that may have been overwritten.
    assert.throws(() => set.decide(victim), EngineStoppedError);
    assert.throws(() => set.decideMany([victim, victim]), EngineStoppedError);
    assert.throws(() => set.decide(victim, { explain: true }), EngineStoppedError);
    assert.throws(() => iam.decide(policies, victim), EngineStoppedError);
    assert.throws(() => iam.compile(policies), EngineStoppedError);
    assert.throws(() => iam.check(policies.identity[0]), EngineStoppedError);
    set.free(); // nothing to free, never throws
  });
});

test('the shared engine is replaced by the next load() once it has stopped', async () => {
  const first = await load();
  assert.equal(first.decide(policies, victim).decision, 'explicitDeny');
  assert.equal(await load(), first);
});
