#!/usr/bin/env node
// File: wasm/bench/lint.mjs
//
// Lint's speed in WebAssembly under Node, to set beside the native
// BM_LoadCatalogue, BM_Lint and BM_LintJson (engine/lint/lint_benchmark.cc;
// issue #14: wasm within 2x of native). The same catalogue and the same
// policies, given as objects: the JavaScript lint() serializes each
// (JSON.stringify) and calls LintTextJson, as BM_LintTextJson does, where
// BM_LintJson also reads LintJson's envelope.
//
//   node wasm/bench/lint.mjs [--json FILE] [BUILD_DIR]
//
// BUILD_DIR holds an iameval_core.mjs and .wasm pair (default wasm/dist/).
// Prints CPU time per call (process.cpuUsage: the machine is shared); with
// --json, also writes {"results": {label: microseconds}} to FILE, which
// `make bench` sets beside BM_LintJson in bench/RESULTS.md.

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Iameval } from '../lib/api.js';
import { Core } from '../lib/core.js';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonPath = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const dir = args[0]
  ? pathToFileURL(`${args[0]}/`)
  : new URL('../dist/', import.meta.url);
const root = new URL('../../', import.meta.url);
const { default: createIamevalCore } = await import(new URL('iameval_core.mjs', dir));
const module = await createIamevalCore({
  wasmBinary: readFileSync(new URL('iameval_core.wasm', dir)),
});
const iam = new Iameval(new Core(module));
const catalogue = readFileSync(new URL('engine/catalogue/data/catalogue.tsv', root), 'utf8');

const results = {};
function time(label, rounds, body) {
  const warm = performance.now() + 1000; // until wasm tier-up is done
  while (performance.now() < warm) body();
  const start = process.cpuUsage();
  for (let i = 0; i < rounds; i++) body();
  const used = process.cpuUsage(start);
  const us = (used.user + used.system) / rounds;
  results[label] = us;
  console.log(`${label.padEnd(40)} ${us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} us`}`);
}

iam.loadCatalogue(catalogue);
const policies = [
  ['aws_resiliencehub_6kb', 'engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json', 'identity'],
  ['aws_datazone_boundary_6kb', 'engine/lint/testdata/AmazonDataZoneProjectRolePermissionsBoundary.json', 'identity'],
  ['synthetic_6kb', 'bench/workloads/compile/managed_policy_6kb.json', 'identity'],
  ['bucket_policy_20kb', 'bench/workloads/compile/bucket_policy_20kb.json', 'resource'],
];
const loaded = policies.map(([name, path, kind]) => [
  name,
  JSON.parse(readFileSync(new URL(path, root), 'utf8')),
  kind,
]);
// V8 first runs the module's baseline code and swaps in optimized code when
// its background compile is done: on a loaded machine that takes seconds, so
// every policy is linted for a while before anything is timed.
const warm = performance.now() + 5000;
while (performance.now() < warm) for (const [, policy, kind] of loaded) iam.lint(policy, { kind });
for (const [name, policy, kind] of loaded) time(`lint/${name}`, 300, () => iam.lint(policy, { kind }));
time('loadCatalogue', 20, () => iam.loadCatalogue(catalogue));
if (jsonPath) {
  writeFileSync(jsonPath, `${JSON.stringify({ node: process.versions.node, results }, null, 1)}\n`);
}
