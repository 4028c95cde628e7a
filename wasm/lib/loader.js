// File: wasm/lib/loader.js
//
// `load()`, made once per entry point around that entry's way of instantiating
// the module: index.js (browsers and bundlers) passes lib/load.js, index.node.js
// passes lib/load_node.js, so the browser entry never reaches a Node built-in.

import { Iameval } from './api.js';
import { Core } from './core.js';

/**
 * @param {(options?: object) => Promise<object>} instantiate makes an Emscripten module
 * @returns {(options?: object) => Promise<Iameval>} the package's `load`
 */
export function makeLoad(instantiate) {
  let shared = null;
  let sharedCore = null;
  // Without options the instance is created once and shared; with `wasmBinary`
  // (bytes), `wasmUrl` (where to fetch the .wasm) or `limits` (the engine's
  // input limits, lib/core.js) a new one is made each call.
  return function load(options) {
    if (options && (options.wasmBinary || options.wasmUrl || options.limits)) {
      return instantiate(options).then((module) => new Iameval(new Core(module, options.limits)));
    }
    // A shared engine that ran out of memory or trapped refuses every call
    // (lib/core.js): the next load() replaces it.
    if (!shared || sharedCore?.stoppedBy != null) {
      sharedCore = null;
      shared = instantiate().then((module) => new Iameval((sharedCore = new Core(module))));
      shared.catch(() => (shared = null)); // let a later call try again
    }
    return shared;
  };
}
