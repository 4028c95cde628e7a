#!/usr/bin/env node
// File: bench/wasm_bench.mjs
//
// iameval's WebAssembly build in Node, and Cedar's own wasm build
// (@cedar-policy/cedar-wasm, pinned in bench/package.json) deciding the same
// scenario in the same run:
//
//   node bench/wasm_bench.mjs [--json FILE] [--quick] [--iameval-only]
//
// The scenario is the `typical` workload (bench/workloads/typical/): an
// application role's 5 identity policies, a bucket policy and an SCP level,
// and 20 requests. For Cedar each IAM statement becomes one Cedar policy
// (Allow -> permit, Deny -> forbid; Action lists -> `action in [...]`,
// wildcard actions and NotAction -> `context.action like`, Resource patterns
// -> `resource.arn like`, Principal -> `principal ==`, conditions ->
// `context[...]` tests); the one FullAWSAccess SCP statement is left out
// (it grants nothing by itself in IAM, and would permit everything in Cedar),
// and policy variables are filled in with the role's tag value (Cedar has no
// string interpolation). Before timing, both engines must agree on every
// request (allowed <-> allow), so the two are doing the same job.
//
// Timings are CPU time (process.cpuUsage) over loops run after a warm-up
// (V8's wasm tier-up), repeated; the median is reported. Figures:
//   iameval decide          PolicySet.decide(request object), one call per decision
//   iameval decideMany      PolicySet.decideMany(1,000 requests), per decision
//   iameval decideMany (one request 1,000 times)  the same, with nothing
//                           changing between requests: about the engine's
//                           own cost as wasm, the floor of the two above
//   cedar statefulIsAuthorized  pre-parsed policy set (preparsePolicySet), one
//                           call per decision: Cedar's fastest path
//   cedar isAuthorized      policies passed (and parsed) on every call

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';

const here = new URL('./', import.meta.url);
const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;
const quick = args.includes('--quick');
const iamevalOnly = args.includes('--iameval-only'); // for quick looks: no Cedar timings
const REPEATS = quick ? 3 : 7;

const { load } = await import(new URL('../wasm/index.js', here));
const require = createRequire(import.meta.url);
const cedar = require('@cedar-policy/cedar-wasm/nodejs');
const cedarVersion = JSON.parse(
  readFileSync(new URL('node_modules/@cedar-policy/cedar-wasm/package.json', here))).version;

const workload = new URL('workloads/typical/', here);
const policies = JSON.parse(readFileSync(new URL('policies.json', workload)));
const cases = JSON.parse(readFileSync(new URL('requests.json', workload)));
const requests = cases.map((c) => c.request);

// ---- iameval --------------------------------------------------------------
const iam = await load();
const set = iam.compile(policies);
const iamDecisions = set.decideMany(requests).map((a) => a.decision);
cases.forEach((c, i) => {
  if (iamDecisions[i] !== c.expect) throw new Error(`iameval: request ${i}: ${iamDecisions[i]} != ${c.expect}`);
});

// ---- Cedar: the same statements as Cedar policies ---------------------------
const TAG = 'payments'; // the role's aws:PrincipalTag/team in every request
const lit = (s) => JSON.stringify(s);
const likePattern = (p) => lit(p.replace(/\$\{aws:PrincipalTag\/team\}/g, TAG)).replace(/\\\\/g, '\\\\');
const list = (v) => (Array.isArray(v) ? v : [v]);
const ctx = (key) => `context[${lit(key.toLowerCase())}]`;

function conditionToCedar(condition) {
  const tests = [];
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    for (const [key, values] of Object.entries(keys)) {
      const vs = list(values).map((v) => String(v).replace(/\$\{aws:PrincipalTag\/team\}/g, TAG));
      const has = `context has ${lit(key.toLowerCase())}`;
      switch (operator) {
        case 'Bool':
          tests.push(`(${has} && ${ctx(key)} == ${vs[0] === 'true'})`);
          break;
        case 'StringEquals':
          tests.push(`(${has} && [${vs.map(lit).join(', ')}].contains(${ctx(key)}))`);
          break;
        case 'StringNotEquals':
          tests.push(`(!(${has}) || ![${vs.map(lit).join(', ')}].contains(${ctx(key)}))`);
          break;
        default:
          throw new Error(`no Cedar translation for ${operator}`);
      }
    }
  }
  return tests;
}

function statementToCedar(st, id) {
  const effect = st.Effect === 'Allow' ? 'permit' : 'forbid';
  const when = [];
  let actionScope = 'action';
  if (st.Action) {
    const actions = list(st.Action);
    if (actions.some((a) => a.includes('*'))) {
      when.push(`(${actions.map((a) => `context.action like ${likePattern(a)}`).join(' || ')})`);
    } else {
      actionScope = `action in [${actions.map((a) => `Action::${lit(a)}`).join(', ')}]`;
    }
  } else {
    when.push(`!(${list(st.NotAction).map((a) => `context.action like ${likePattern(a)}`).join(' || ')})`);
  }
  const resources = list(st.Resource ?? '*');
  if (!resources.includes('*')) {
    when.push(`(${resources.map((r) => `resource.arn like ${likePattern(r)}`).join(' || ')})`);
  }
  let principalScope = 'principal';
  if (st.Principal && st.Principal !== '*') {
    const arn = list(st.Principal.AWS)[0];
    principalScope = `principal == Role::${lit(arn.split('/').pop())}`;
  }
  when.push(...conditionToCedar(st.Condition));
  const body = when.length ? ` when { ${when.join(' && ')} }` : '';
  return `@id(${lit(id)})\n${effect}(${principalScope}, ${actionScope}, resource)${body};`;
}

const cedarPolicies = [];
policies.identity.forEach((doc, p) => doc.Statement.forEach((st, s) => cedarPolicies.push(statementToCedar(st, `identity${p}.${s}`))));
policies.resource.Statement.forEach((st, s) => cedarPolicies.push(statementToCedar(st, `resource.${s}`)));
policies.scps.forEach((level, l) => level.forEach((doc, p) => doc.Statement.forEach((st, s) => {
  if (st.Sid === 'FullAWSAccess') return;
  cedarPolicies.push(statementToCedar(st, `scp${l}.${p}.${s}`));
})));
const cedarText = cedarPolicies.join('\n');

const PRINCIPAL = { type: 'Role', id: 'payments-app' };
function cedarCall(request) {
  const context = { action: request.action };
  for (const [k, v] of Object.entries(request.context ?? {})) context[k.toLowerCase()] = v;
  return {
    principal: PRINCIPAL,
    action: { type: 'Action', id: request.action },
    resource: { type: 'Resource', id: request.resource },
    context,
    entities: [{ uid: { type: 'Resource', id: request.resource }, attrs: { arn: request.resource }, parents: [] }],
  };
}
const cedarCalls = requests.map(cedarCall);
const parsed = cedar.preparsePolicySet('typical', { staticPolicies: cedarText });
if (parsed.type !== 'success') throw new Error(`cedar: ${JSON.stringify(parsed.errors)}`);
const statefulCalls = cedarCalls.map((c) => ({ ...c, preparsedPolicySetId: 'typical' }));
const fullCalls = cedarCalls.map((c) => ({ ...c, policies: { staticPolicies: cedarText } }));
statefulCalls.forEach((call, i) => {
  const answer = cedar.statefulIsAuthorized(call);
  if (answer.type !== 'success') throw new Error(`cedar: request ${i}: ${JSON.stringify(answer.errors)}`);
  const allowed = answer.response.decision === 'allow';
  if (allowed !== (cases[i].expect === 'allowed')) {
    throw new Error(`cedar disagrees on request ${i} (${requests[i].action}): ${answer.response.decision}, iameval ${cases[i].expect}`);
  }
});

// ---- timing -------------------------------------------------------------------
function cpuNs() {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

// Runs each body for `ms` of wall time, all of them before any is timed:
// V8 compiles hot wasm functions again, optimized, on background threads
// whose CPU time process.cpuUsage counts, so the first loops timed after a
// short warm-up of only their own body measured tier-up, not decisions.
function warmUp(bodies, ms) {
  for (const body of bodies) {
    const until = performance.now() + ms;
    let i = 0;
    while (performance.now() < until) body(i++);
  }
}

// Median over REPEATS loops of ns of CPU per decision; `body(i)` makes
// `perCall` decisions.
function measure(body, perCall, targetMs) {
  warmUp([body], 300);
  // Calibrate the loop to ~targetMs of CPU.
  let rounds = 1;
  for (;;) {
    const start = cpuNs();
    for (let r = 0; r < rounds; r++) body(r);
    const spent = cpuNs() - start;
    if (spent > targetMs * 1e6 / 4 || rounds > 1e7) {
      rounds = Math.max(1, Math.round(rounds * (targetMs * 1e6) / Math.max(spent, 1)));
      break;
    }
    rounds *= 4;
  }
  const samples = [];
  for (let k = 0; k < REPEATS; k++) {
    const start = cpuNs();
    for (let r = 0; r < rounds; r++) body(r);
    samples.push((cpuNs() - start) / (rounds * perCall));
  }
  samples.sort((a, b) => a - b);
  return { median_ns: samples[Math.floor(samples.length / 2)], min_ns: samples[0], max_ns: samples[samples.length - 1], rounds, repeats: REPEATS };
}

const n = requests.length;
const batch = Array.from({ length: 1000 }, (_, i) => requests[i % n]);
const target = quick ? 60 : 300;
const sameBatch = Array.from({ length: 1000 }, () => requests[0]);
const iamBodies = {
  'iameval decide': [(i) => set.decide(requests[i % n]), 1],
  'iameval decideMany (1,000)': [() => set.decideMany(batch), batch.length],
  // The first request 1,000 times: nothing changes from one request to the
  // next, so nearly nothing crosses the boundary. About the engine's own
  // cost as wasm, the floor of the two figures above.
  'iameval decideMany (one request 1,000 times)': [() => set.decideMany(sameBatch), sameBatch.length],
};
warmUp(Object.values(iamBodies).map(([body]) => body), quick ? 300 : 1000);
const results = {};
for (const [name, [body, perCall]] of Object.entries(iamBodies)) results[name] = measure(body, perCall, target);
if (!iamevalOnly) {
  results['cedar statefulIsAuthorized'] = measure((i) => cedar.statefulIsAuthorized(statefulCalls[i % n]), 1, target);
  results['cedar isAuthorized'] = measure((i) => cedar.isAuthorized(fullCalls[i % n]), 1, target);
}
set.free();

const single = results['iameval decide'].median_ns;
const batched = results['iameval decideMany (1,000)'].median_ns;
const cedarBest = results['cedar statefulIsAuthorized']?.median_ns ?? NaN;
const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  load_average: os.loadavg(),
  cedar_wasm_version: cedarVersion,
  scenario: { workload: 'typical', requests: n, iam_statements: cedarPolicies.length + 1, cedar_policies: cedarPolicies.length },
  results,
  targets: { 'iameval decide': 500, 'iameval decideMany (1,000)': 300 }, // issue #16
  ratios: {
    cedar_stateful_over_iameval_decide: cedarBest / single,
    cedar_stateful_over_iameval_batched: cedarBest / batched,
  },
};

console.log(`Node ${process.version}, ${report.cpu} x${report.cores}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`typical workload: ${n} requests, ${cedarPolicies.length} Cedar policies (cedar-wasm ${cedarVersion}); CPU ns per decision, median of ${REPEATS}`);
for (const [name, r] of Object.entries(results)) {
  const t = report.targets[name];
  const verdict = t ? `  target <= ${t} ns: ${r.median_ns <= t ? 'ok' : 'MISSED'}` : '';
  console.log(`  ${name.padEnd(30)} ${r.median_ns.toFixed(0).padStart(8)} ns${verdict}`);
}
console.log(`  Cedar (pre-parsed) / iameval decide:     ${report.ratios.cedar_stateful_over_iameval_decide.toFixed(1)}x`);
console.log(`  Cedar (pre-parsed) / iameval decideMany: ${report.ratios.cedar_stateful_over_iameval_batched.toFixed(1)}x`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2) + '\n');
