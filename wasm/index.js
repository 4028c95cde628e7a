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

import { Iameval } from './lib/api.js';
import { Core } from './lib/core.js';
import { instantiate } from './lib/load.js';

export { Iameval, PolicySet } from './lib/api.js';
export {
  IamevalError,
  PolicyError,
  RequestError,
  FreedHandleError,
  EngineStoppedError,
  formatFinding,
} from './lib/errors.js';

/** The package's version. */
export const version = '0.1.0';

let shared = null;
let sharedCore = null;

/**
 * Loads the engine. Without options the instance is created once and shared;
 * with `wasmBinary` (bytes) or `wasmUrl` (where to fetch the .wasm) a new one
 * is made each call.
 */
export function load(options) {
  if (options && (options.wasmBinary || options.wasmUrl)) {
    return instantiate(options).then((module) => new Iameval(new Core(module)));
  }
  // A shared engine that ran out of memory or trapped refuses every call
  // (lib/core.js): the next load() replaces it.
  if (!shared || sharedCore?.stoppedBy != null) {
    sharedCore = null;
    shared = instantiate().then((module) => new Iameval((sharedCore = new Core(module))));
    shared.catch(() => (shared = null)); // let a later call try again
  }
  return shared;
}
