// File: wasm/lib/analysis.js
//
// Access analysis in JavaScript (issue #15, spec/analysis.md): the module's
// analysis exports (wasm/src/analysis_bindings.cc, over iameval::CompareJson
// and iameval::AccessJson) behind Iameval's compare, accessNotGranted,
// publicAccess and externalAccess (lib/api.js). The catalogue must be loaded
// first (Iameval.loadCatalogue). Nothing is decided here: results are the
// engine's JSON, parsed.
//
//   iam.loadCatalogue(await readCatalogue());
//   iam.compare(before, after);                 // {result: 'FAIL', counterexamples: [...], ...}
//   iam.compare(beforeSet, afterSet, { kind: 'set' });
//   iam.accessNotGranted(policy, { actions: ['iam:*'] });
//   iam.publicAccess(bucketPolicy, { resource: 'arn:aws:s3:::reports' });
//   iam.externalAccess(bucketPolicy, { trusted: ['444455556666', 'o-a1b2c3d4e5'] });

import { IamevalError } from './errors.js';

const decoder = new TextDecoder();

/** Status codes of the analysis exports (analysis_bindings.cc). */
export const AnalysisStatus = Object.freeze({ ok: 0, internal: 4, noCatalogue: 6 });

// The engine's JSON text for `input`; throws only when no catalogue is
// loaded, the input is over the limit, or the engine failed.
function raw(core, name, input) {
  if (core.tooLong(input)) {
    throw new IamevalError(`iameval: the input is longer than ${core.limits.maxInputBytes} bytes`, {
      code: 'input-too-long',
    });
  }
  const m = core.module;
  const status = core.withText(input, (p, n) => m[name](p, n));
  const ptr = m._iameval_analysis_result_data();
  const size = m._iameval_analysis_result_size();
  const text = decoder.decode(m.HEAPU8.subarray(ptr, ptr + size));
  if (status === AnalysisStatus.noCatalogue) {
    throw new IamevalError(`iameval: ${JSON.parse(text).message}`, { code: 'no-catalogue' });
  }
  if (status !== AnalysisStatus.ok) throw new IamevalError('iameval: internal error while analysing');
  return text;
}

// The parsed answer; an error object of the engine becomes an IamevalError.
function call(core, name, input) {
  const answer = JSON.parse(raw(core, name, input));
  if (answer.result === null || answer.result === undefined) {
    const detail = answer.message ?? (answer.findings ?? []).map((f) => f.message).join('; ');
    const where = answer.document ? ` (${answer.document})` : '';
    throw new IamevalError(`iameval: ${answer.error}${where}: ${detail}`, { code: answer.error });
  }
  return answer;
}

function options(out, { maxCounterexamples, maxRequests, principalAccount, currentTime } = {}) {
  if (maxCounterexamples !== undefined) out.maxCounterexamples = maxCounterexamples;
  if (maxRequests !== undefined) out.maxRequests = maxRequests;
  if (principalAccount !== undefined) out.principalAccount = principalAccount;
  if (currentTime !== undefined) {
    out.currentTime = currentTime instanceof Date ? currentTime.toISOString().replace(/\.\d{3}Z$/, 'Z') : currentTime;
  }
  return out;
}

/** iameval::CompareJson, text in and out (error objects included). */
export function compareJson(core, input) {
  return raw(core, '_iameval_compare_json', String(input));
}

/** iameval::AccessJson, text in and out (error objects included). */
export function accessJson(core, input) {
  return raw(core, '_iameval_access_json', String(input));
}

/** Does `after` allow any request `before` does not? kind 'set': whole policy sets. */
export function compare(core, before, after, { kind = 'identity', resourcePolicyKind, ...rest } = {}) {
  const input = { before, after };
  if (kind === 'set') {
    input.sets = true;
    if (resourcePolicyKind !== undefined) input.resourcePolicyKind = resourcePolicyKind;
  } else {
    input.kind = kind;
  }
  return call(core, '_iameval_compare_json', JSON.stringify(options(input, rest)));
}

/** Does the policy (kind 'set': a policies object) grant any of `actions` on any of `resources`? */
export function accessNotGranted(core, policy, { actions = [], resources = [], kind = 'identity', ...rest } = {}) {
  const input = { check: 'accessNotGranted', actions: [...actions], resources: [...resources] };
  if (kind === 'set') input.policies = policy;
  else Object.assign(input, { policy, kind });
  return call(core, '_iameval_access_json', JSON.stringify(options(input, rest)));
}

function resourceCheck(core, check, policy, { kind = 'resource', resource, ownerAccount, ...rest }, extra) {
  const input = { check, policy, kind, ...extra };
  if (resource !== undefined) input.resource = resource;
  if (ownerAccount !== undefined) input.ownerAccount = ownerAccount;
  return call(core, '_iameval_access_json', JSON.stringify(options(input, rest)));
}

/** Does the resource policy grant access to anyone at all? */
export function publicAccess(core, policy, opts = {}) {
  return resourceCheck(core, 'publicAccess', policy, opts, {});
}

/** Does it grant access outside the owner and `trusted` (account ids, organization ids `o-...`)? */
export function externalAccess(core, policy, { trusted = [], ...opts } = {}) {
  const list = typeof trusted === 'string' ? [trusted] : [...trusted];
  return resourceCheck(core, 'externalAccess', policy, opts, {
    trustedAccounts: list.filter((t) => !t.startsWith('o-')),
    trustedOrgs: list.filter((t) => t.startsWith('o-')),
  });
}
