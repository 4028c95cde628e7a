#!/usr/bin/env node
// File: bench/iam_simulate_bench.mjs
//
// The closest peer, @cloud-copilot/iam-simulate (same IAM semantics,
// TypeScript; AGPL, so installed for the benchmark only, pinned in
// bench/package.json, never a dependency of anything shipped), deciding the
// `typical` workload's requests:
//
//   node bench/iam_simulate_bench.mjs [--json FILE] [--quick]
//
// Each request becomes one Simulation: the 5 identity policies, the bucket
// policy as the resource policy, the SCP level, the request's principal,
// action, resource (with its owner account) and context (values as strings,
// as the library takes them). `runSimulation` validates its inputs against
// its own catalogue on every call, which is how its users call it. The
// script reports how many requests both engines decide alike (it does not
// stop on a disagreement: the peer's answers are its own) and the CPU time
// per decision, median of repeated loops; bench/report.py puts it next to
// iameval's wasm `decide` as a ratio.

import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const quick = args.includes('--quick');
const REPEATS = quick ? 3 : 5;

const { runSimulation } = await import('@cloud-copilot/iam-simulate');
const version = JSON.parse(
  readFileSync(new URL('node_modules/@cloud-copilot/iam-simulate/package.json', here))).version;

const workload = new URL('workloads/typical/', here);
const policies = JSON.parse(readFileSync(new URL('policies.json', workload)));
const cases = JSON.parse(readFileSync(new URL('requests.json', workload)));

function accountOf(request) {
  if (request.resourceAccount) return request.resourceAccount;
  const parts = request.resource.split(':');
  return parts.length > 4 && parts[4] ? parts[4] : request.principal.split(':')[4];
}

function simulationOf(request) {
  const contextVariables = {};
  for (const [key, value] of Object.entries(request.context ?? {})) {
    contextVariables[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: accountOf(request) },
      contextVariables,
    },
    identityPolicies: policies.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: (policies.scps ?? []).map((level, i) => ({
      orgIdentifier: `level-${i}`,
      policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })),
    })),
    resourceControlPolicies: [],
    resourcePolicy: policies.resource,
  };
}

const WORDS = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };
const simulations = cases.map((c) => simulationOf(c.request));
let agree = 0;
const answers = [];
for (let i = 0; i < cases.length; ++i) {
  const result = await runSimulation(simulations[i], {});
  const errors = result.errors ?? result.result?.errors;
  const said = errors ? `error: ${errors.message}` : WORDS[result.overallResult] ?? String(result.overallResult);
  answers.push(said);
  if (said === cases[i].expect) ++agree;
}

async function loop(n) {
  const start = process.cpuUsage();
  for (let k = 0; k < n; ++k) {
    for (const simulation of simulations) await runSimulation(simulation, {});
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / (n * simulations.length);
}
await loop(quick ? 1 : 3);  // warm-up
const runs = [];
for (let r = 0; r < REPEATS; ++r) runs.push(await loop(quick ? 2 : 10));
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)];

const out = {
  version, requests: cases.length, agree, answers,
  median_ns: median, repeats: REPEATS, date: new Date().toISOString(),
};
console.log(`@cloud-copilot/iam-simulate ${version}: ${(median / 1000).toFixed(1)} µs per decision (CPU), ` +
            `agrees with the expected decision on ${agree} of ${cases.length} requests`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(out, null, 1));
