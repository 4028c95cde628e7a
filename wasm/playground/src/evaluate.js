// File: wasm/playground/src/evaluate.js
//
// One evaluation of the playground state, without touching the page:
//   * lint() on every document, with its kind, once the IAM catalogue is
//     loaded (grammar and catalogue findings in one list), check() before:
//     the editor diagnostics;
//   * decide() on the whole set with an explanation: the decision, its
//     reason, and which statements decided, mapped back to their documents.
// Everything it reports comes from the engine; nothing here judges policies.

import { PolicyError, RequestError } from '../../index.js';
import { assemblePolicies, assembleRequest, statementDocument } from './state.js';

const CHECK_KIND = {
  identity: 'identity',
  permissionsBoundary: 'permissionsBoundary',
  session: 'session',
  scp: 'scp',
  rcp: 'rcp',
  vpcEndpoint: 'vpcEndpoint',
  gatewayVpcEndpoint: 'gatewayVpcEndpoint',
};

/** Lint's findings (which include check's), or check's without the catalogue. */
function findingsOf(iam, text, kind, lint) {
  if (lint) {
    try {
      return iam.lint(text, { kind }).findings;
    } catch {
      // an input lint refuses (over its size limit): the grammar check says why
    }
  }
  return iam.check(text, { kind }).findings;
}

/**
 * `lint`: whether the catalogue is loaded (Iameval.loadCatalogue).
 * @returns {{
 *   findings: Map<string, object[]>,       // doc id -> findings of check()
 *   outcome: 'decided' | 'policy-error' | 'request-error',
 *   answer?: object, message?: string,
 *   statements: Map<string, object[]>,     // doc id -> determining StatementRefs
 *   resourceKind: string,                  // how the resource policy was read
 *   where: Map<string, string>,            // document path -> doc id
 *   docs: Map<string, object>,             // doc id -> the document evaluated
 * }}
 */
export function evaluate(iam, state, { lint = false } = {}) {
  const result = { findings: new Map(), statements: new Map(), outcome: 'decided', resourceKind: 'resource' };

  let request = null;
  try {
    request = assembleRequest(state);
  } catch (e) {
    result.outcome = 'request-error';
    result.message = e.message;
  }
  if (state.resourceKind !== 'auto') {
    result.resourceKind = state.resourceKind;
  } else if (request) {
    try {
      result.resourceKind = iam.inferResourcePolicyKind(request);
    } catch {
      // an incomplete request: read the resource policy as a plain one
    }
  }

  result.docs = new Map(state.docs.map((doc) => [doc.id, doc]));
  for (const doc of state.docs) {
    const kind = doc.kind === 'resource' ? result.resourceKind : CHECK_KIND[doc.kind];
    result.findings.set(doc.id, findingsOf(iam, doc.text, kind, lint));
  }

  const { policies, where } = assemblePolicies(state);
  result.where = where;
  if (!request) return result;
  try {
    result.answer = iam.decide(policies, request, { explain: true });
  } catch (e) {
    if (e instanceof PolicyError) {
      result.outcome = 'policy-error';
      result.message = e.message;
      result.policyFindings = e.findings.map((f) => ({ ...f, docId: where.get(f.document) ?? null }));
    } else if (e instanceof RequestError) {
      result.outcome = 'request-error';
      result.message = e.message;
    } else {
      throw e;
    }
    return result;
  }
  for (const ref of result.answer.explanation.determining) {
    const id = where.get(statementDocument(ref));
    if (!id) continue;
    if (!result.statements.has(id)) result.statements.set(id, []);
    result.statements.get(id).push(ref);
  }
  return result;
}
