// File: wasm/playground/src/state.js
//
// The playground's state, as plain data, and how it becomes the engine's
// input. A state is:
//
//   { docs: [{ id, kind, level, text }],   kind: identity | resource |
//                                          permissionsBoundary | session | scp | rcp |
//                                          vpcEndpoint | gatewayVpcEndpoint
//     resourceKind: 'auto' | 'resource' | 'roleTrust' | 'kmsKey',
//     request: { principal, action, resource, resourceAccount, currentTime,
//                context: [{ key, type: string|number|bool|list, value }] },
//     example: id of the example it came from, or null }
//
// Documents are passed to the engine as their raw text, so findings and
// explanations carry line and column within what the user sees.

import { findExample } from './examples.js';

/** The document kinds, in the order the page shows them. */
export const DOC_KINDS = [
  { kind: 'identity', label: 'Identity policy', many: true },
  { kind: 'resource', label: 'Resource policy', many: false },
  { kind: 'permissionsBoundary', label: 'Permissions boundary', many: false },
  { kind: 'session', label: 'Session policy', many: true },
  { kind: 'scp', label: 'SCP', many: true, levels: true },
  { kind: 'rcp', label: 'RCP', many: true, levels: true },
  { kind: 'vpcEndpoint', label: 'VPC endpoint policy', many: false },
  { kind: 'gatewayVpcEndpoint', label: 'Gateway endpoint policy', many: false },
];

export const LEVEL_NAMES = ['root', 'OU', 'OU', 'OU', 'OU', 'account'];

let nextId = 1;
export const newDocId = () => `doc${nextId++}`;

export function emptyRequest() {
  return { principal: '', action: '', resource: '', resourceAccount: '', currentTime: '', context: [] };
}

/** A fresh state from an example (deep copy, new document ids). */
export function stateFromExample(id) {
  const example = findExample(id);
  return {
    docs: example.docs.map((d) => ({ id: newDocId(), kind: d.kind, level: d.level ?? 0, text: d.text })),
    resourceKind: 'auto',
    request: { ...emptyRequest(), ...structuredClone(example.request) },
    example: example.id,
  };
}

/** Orders documents as the engine numbers them: by kind, then level. */
export function orderedDocs(state) {
  const rank = (kind) => DOC_KINDS.findIndex((k) => k.kind === kind);
  return state.docs
    .map((doc, i) => ({ doc, i }))
    .sort((a, b) => rank(a.doc.kind) - rank(b.doc.kind) || a.doc.level - b.doc.level || a.i - b.i)
    .map(({ doc }) => doc);
}

/**
 * The engine's `policies` object, and where each engine document came from:
 * `where` maps a document path (`identity[1]`, `scps[0][2]`) to a doc id.
 * Organization levels are numbered densely in order (levels 0 and 2 become
 * levels 0 and 1): an empty level would allow nothing.
 */
export function assemblePolicies(state) {
  const policies = {};
  const where = new Map();
  const push = (list, path, doc) => {
    where.set(`${path}[${list.length}]`, doc.id);
    list.push(doc.text);
  };
  for (const doc of orderedDocs(state)) {
    switch (doc.kind) {
      case 'identity':
        push((policies.identity ??= []), 'identity', doc);
        break;
      case 'session':
        push((policies.sessionPolicies ??= []), 'sessionPolicies', doc);
        break;
      case 'resource':
      case 'permissionsBoundary':
        policies[doc.kind] = doc.text;
        where.set(doc.kind, doc.id);
        break;
      case 'vpcEndpoint':
      case 'gatewayVpcEndpoint': // one slot; its type says how the engine reads it
        policies.vpcEndpoint = doc.text;
        policies.vpcEndpointType = doc.kind === 'vpcEndpoint' ? 'interface' : 'gateway';
        where.set('vpcEndpoint', doc.id);
        break;
      case 'scp':
      case 'rcp': {
        const field = `${doc.kind}s`;
        const levels = (policies[field] ??= { byLevel: new Map() });
        if (!levels.byLevel.has(doc.level)) levels.byLevel.set(doc.level, []);
        levels.byLevel.get(doc.level).push(doc);
        break;
      }
    }
  }
  for (const field of ['scps', 'rcps']) {
    if (!policies[field]) continue;
    const byLevel = [...policies[field].byLevel.entries()].sort((a, b) => a[0] - b[0]);
    policies[field] = byLevel.map(([, docs], level) => {
      const list = [];
      for (const doc of docs) push(list, `${field}[${level}]`, doc);
      return list;
    });
  }
  return { policies, where };
}

/** The path of the document a StatementRef of the explanation points into. */
export function statementDocument(ref) {
  switch (ref.kind) {
    case 'identity':
      return `identity[${ref.policyIndex}]`;
    case 'session':
      return `sessionPolicies[${ref.policyIndex}]`;
    case 'resource':
    case 'roleTrust':
    case 'kmsKey':
      return 'resource';
    case 'permissionsBoundary':
      return 'permissionsBoundary';
    case 'scp':
      return `scps[${ref.level}][${ref.policyIndex}]`;
    case 'rcp':
      return `rcps[${ref.level}][${ref.policyIndex}]`;
    case 'vpcEndpoint':
    case 'gatewayVpcEndpoint':
      return 'vpcEndpoint';
    default:
      return null;
  }
}

/** Reads one context row into its JSON value, or throws a message. */
export function contextValue({ key, type, value }) {
  switch (type) {
    case 'number': {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`\`${key}\` needs a number`);
      return n;
    }
    case 'bool':
      return value === 'true';
    case 'list':
      return value === '' ? [] : value.split(',').map((v) => v.trim());
    default:
      return value;
  }
}

/** The engine's `request` object; throws a message for an unreadable row. */
export function assembleRequest(state) {
  const r = state.request;
  const request = { principal: r.principal.trim(), action: r.action.trim(), resource: r.resource.trim() };
  if (r.resourceAccount.trim()) request.resourceAccount = r.resourceAccount.trim();
  if (r.currentTime.trim()) request.currentTime = r.currentTime.trim();
  if (state.resourceKind !== 'auto') request.resourcePolicyKind = state.resourceKind;
  const context = {};
  for (const row of r.context) {
    if (row.key.trim() === '') continue;
    context[row.key.trim()] = contextValue(row);
  }
  if (Object.keys(context).length) request.context = context;
  return request;
}
