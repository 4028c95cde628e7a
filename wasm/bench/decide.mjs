#!/usr/bin/env node
// File: wasm/bench/decide.mjs
//
// Rough timings of the wasm engine under Node: module load, compiling a
// policy set, and deciding one request at a time versus in batches.
//
//   node wasm/bench/decide.mjs [BUILD_DIR]
//
// BUILD_DIR holds an iameval_core.mjs and .wasm pair (default wasm/dist/), so
// builds can be compared, e.g. -O3 against -Oz (IAMEVAL_WASM_DIST_DIR).

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Iameval } from '../lib/api.js';
import { Core } from '../lib/core.js';

const dir = process.argv[2] ? pathToFileURL(`${process.argv[2]}/`) : new URL('../dist/', import.meta.url);
const t0 = performance.now();
const { default: createIamevalCore } = await import(new URL('iameval_core.mjs', dir));
const module = await createIamevalCore({ wasmBinary: readFileSync(new URL('iameval_core.wasm', dir)) });
const iam = new Iameval(new Core(module));
const loadMs = performance.now() - t0;

// 20 identity statements, a bucket policy, two SCP levels.
const statements = Array.from({ length: 20 }, (_, i) => ({
  Sid: `S${i}`,
  Effect: i % 7 === 6 ? 'Deny' : 'Allow',
  Action: [`s3:Get*`, `dynamodb:Query`, `ec2:Describe${i}*`],
  Resource: [`arn:aws:s3:::bucket-${i}/*`, `arn:aws:dynamodb:*:111122223333:table/t${i}`],
  Condition: i % 3 === 0 ? { StringEquals: { 'aws:PrincipalTag/team': ['blue', 'green'] } } : undefined,
}));
const policies = {
  identity: [{ Version: '2012-10-17', Statement: statements }],
  resource: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-3/*' }],
  },
  scps: [
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }] }],
  ],
};
const requests = Array.from({ length: 1000 }, (_, i) => ({
  principal: 'arn:aws:iam::111122223333:user/alice',
  action: i % 2 ? 's3:GetObject' : 'dynamodb:Query',
  resource: i % 2 ? `arn:aws:s3:::bucket-${i % 20}/k${i}` : `arn:aws:dynamodb:eu-west-1:111122223333:table/t${i % 20}`,
  context: { 'aws:PrincipalTag/team': i % 4 ? 'blue' : 'red' },
}));

// CPU time, not wall time: the machine is shared, and waiting for a core
// is not the engine's cost.
function time(label, rounds, body) {
  const warm = performance.now() + 1000; // until wasm tier-up is done
  while (performance.now() < warm) body();
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) body();
  const used = process.cpuUsage(start);
  return { label, ms: (used.user + used.system) / 1000 / rounds };
}

const results = [];
results.push(time('compile the set', 200, () => iam.compile(policies).free()));
const set = iam.compile(policies);
results.push(time('decideMany, 1000 requests', 20, () => set.decideMany(requests)));
results.push(time('decide, 1000 calls', 20, () => requests.forEach((r) => set.decide(r))));
results.push(time('decideMany + explain, 1000', 20, () => set.decideMany(requests, { explain: true })));
set.free();

console.log(`load ${loadMs.toFixed(1)} ms (wall)`);
for (const { label, ms } of results) {
  const per = label.includes('1000') ? ` (${((ms * 1000) / 1000).toFixed(2)} µs per request)` : '';
  console.log(`${label.padEnd(30)} ${ms.toFixed(3)} ms CPU${per}`);
}
