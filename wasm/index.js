// File: wasm/index.js
//
// iameval for JavaScript: AWS IAM decisions (allowed / explicitDeny /
// implicitDeny) from the iameval C++ engine compiled to WebAssembly.
//
//   import { load } from 'iameval';
//   const iam = await load();
//   const set = iam.compile({ identity: [policy], scps: [[scp]] });
//   const answer = set.decide({ principal, action, resource, context }, { explain: true });
//   answer.decision;              // 'allowed' | 'explicitDeny' | 'implicitDeny'
//   answer.explanation.reason;    // one sentence; determining: the statements
//   set.free();
//
// Types are in index.d.ts; the README has the whole tour.

// This is the entry for browsers and bundlers (package.json's "default"
// condition): nothing here or below reaches a Node built-in. Node gets
// index.node.js, the same API with a loader that reads the .wasm from disk.

import { makeLoad } from './lib/loader.js';
import { instantiate } from './lib/load.js';

export { Iameval, PolicySet } from './lib/api.js';
export { DEFAULT_LIMITS } from './lib/core.js';
export {
  IamevalError,
  PolicyError,
  RequestError,
  FreedHandleError,
  EngineStoppedError,
  formatFinding,
} from './lib/errors.js';

import { fetchCatalogue } from './lib/lint.js';

export { fetchCatalogue, catalogueUrl } from './lib/lint.js';

/**
 * The IAM catalogue's text, for Iameval.loadCatalogue: fetched from
 * catalogueUrl (dist/catalogue.tsv, or beside the bundle) when first wanted.
 * Node's entry reads it from disk instead.
 */
export const readCatalogue = () => fetchCatalogue();

/** The package's version. */
export const version = '0.1.0';

/**
 * Loads the engine. Without options the instance is created once and shared;
 * with `wasmBinary` (bytes), `wasmUrl` (where to fetch the .wasm) or `limits`
 * (the input limits, SECURITY.md: `{maxInputBytes, maxContextKeys,
 * maxContextValues, maxContextValueBytes}`, Infinity for none) a new one is
 * made each call.
 */
export const load = makeLoad(instantiate);
