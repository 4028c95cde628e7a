// The wasm build agrees with itself and with the native build:
//   * on every conformance case, the handle path (compile + decide) gives
//     what DecideJson gives, explanations and findings included;
//   * DecideJson's text from wasm is byte for byte what the native CLI's
//     `iameval decide-json` prints, with explanations, for every case and
//     for generated numeric context values (the wasm build formats and
//     reads numbers through wasm/src/compat/charconv_float.h).
// The native comparison runs when a CLI is found: $IAMEVAL_CLI, else
// _build/release/iameval (what `make build` makes).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PolicyError, load } from '../index.node.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const iam = await load();

function caseFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...caseFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function loadCases() {
  const cases = [];
  for (const file of caseFiles(join(ROOT, 'conformance'))) {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    for (const c of Array.isArray(data) ? data : data.cases) cases.push({ file, ...c });
  }
  return cases;
}

function nativeCli() {
  const cli = process.env.IAMEVAL_CLI || join(ROOT, '_build/release/iameval');
  try {
    accessSync(cli, constants.X_OK);
    return cli;
  } catch {
    return null;
  }
}

// Positions point into the text each call was given (the policies alone to
// compile, the whole question to decide): the answers agree on all else.
// decide_json_test.cc pins where they point.
function withoutPositions(value) {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === 'line' || k === 'column' ? undefined : v)));
}

const cases = loadCases();
const questions = cases.map((c) => JSON.stringify({ policies: c.policies ?? {}, request: c.request, explain: true }));

test('the corpus is there', () => {
  assert.ok(cases.length > 100, `only ${cases.length} conformance cases found`);
});

test('compile + decide agrees with DecideJson on every conformance case', () => {
  let compared = 0;
  for (const [i, c] of cases.entries()) {
    const oneShot = JSON.parse(iam.decideJson(questions[i]));
    if (oneShot.error === 'invalid-request' || oneShot.error === 'invalid-input') continue;
    const kind = c.request.resourcePolicyKind ?? iam.inferResourcePolicyKind(c.request);
    const name = `${c.file}:${c.id}`;
    if (oneShot.decision === null) {
      assert.throws(() => iam.compile(c.policies ?? {}, { resourcePolicyKind: kind }), (e) => {
        assert.ok(e instanceof PolicyError, name);
        assert.deepEqual(withoutPositions(e.findings), withoutPositions(oneShot.findings), name);
        return true;
      });
      continue;
    }
    const set = iam.compile(c.policies ?? {}, { resourcePolicyKind: kind });
    try {
      const { findings, ...answer } = oneShot;
      assert.deepEqual(withoutPositions(set.findings), withoutPositions(findings), name);
      assert.deepEqual(withoutPositions(set.decide(c.request, { explain: true })), withoutPositions(answer), name);
      compared++;
    } finally {
      set.free();
    }
  }
  assert.ok(compared > 100);
  assert.equal(iam.liveHandles, 0);
});

function runNative(cli, lines) {
  const run = spawnSync(cli, ['decide-json'], { input: lines.join('\n') + '\n', maxBuffer: 1 << 28 });
  assert.equal(run.status, 0, run.stderr?.toString());
  return run.stdout.toString().split('\n').filter((l) => l !== '');
}

const cli = nativeCli();

test('wasm DecideJson is byte for byte the native CLI on every case', { skip: !cli && 'no native CLI (make build)' }, () => {
  const native = runNative(cli, questions);
  assert.equal(native.length, questions.length);
  for (const [i, line] of native.entries()) {
    assert.equal(iam.decideJson(questions[i]), line, `${cases[i].file}:${cases[i].id}`);
  }
});

/**
 * The text iameval gives a JSON number in the context: integers that fit in
 * int64 as written; other numbers in the shortest form that reads back, in
 * `f` or `e` style (printf's, exponent of at least two digits), whichever is
 * shorter, a tie going to `f` (std::to_chars's rule).
 */
function engineText(value) {
  const json = JSON.stringify(value);
  if (/^-?\d+$/.test(json) && BigInt(json) < 2n ** 63n && BigInt(json) >= -(2n ** 63n)) return json;
  if (Number.isInteger(value) && Math.abs(value) < 1e18) return BigInt(value).toString();
  const [mantissa, exponentText] = value.toExponential().split('e');
  const sign = value < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  const scientific = `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  let fixed;
  if (exponent >= digits.length - 1) fixed = sign + BigInt(Math.abs(value)).toString();
  else if (exponent >= 0) fixed = `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  else fixed = `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  return fixed.length <= scientific.length ? fixed : scientific;
}

/** The doubles next to `value` (RapidJSON's default parse may be 1 ulp off). */
function neighbours(value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  return [bits - 1n, bits + 1n].map((b) => {
    view.setBigUint64(0, b);
    return view.getFloat64(0);
  }).filter((v) => Number.isFinite(v) && Math.sign(v) === Math.sign(value));
}

test('numbers in the context read and print as natively', { skip: !cli && 'no native CLI (make build)' }, () => {
  // A number's text is what string operators compare, so it must be the same.
  const values = [0.1, 1e-7, 0.0001, 1e21, 1.5e17, 1.2345678901234567e18, 123.456, -0.25, 5e-324, 1e300, 2 ** 53 + 2, 1 / 3, 1e18, 123456789012];
  for (let i = 0; i < 300; i++) values.push(Math.sin(i) * 10 ** ((i % 50) - 25));
  const lines = values.map((value) =>
    JSON.stringify({
      policies: {
        identity: [
          {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'x:n': [value, ...neighbours(value)].map(engineText) } } }],
          },
        ],
      },
      request: { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:GetObject', resource: '*', context: { 'x:n': value } },
      explain: true,
    }),
  );
  const native = runNative(cli, lines);
  native.forEach((line, i) => {
    assert.equal(JSON.parse(line).decision, 'allowed', `native text of ${values[i]} is not ${engineText(values[i])}`);
    assert.equal(iam.decideJson(lines[i]), line, lines[i]);
  });
});
