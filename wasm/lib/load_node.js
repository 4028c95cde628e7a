// File: wasm/lib/load_node.js
//
// Instantiates the Emscripten module under Node. The module is built for the
// web (no `require`, no `__dirname`), so we read the .wasm ourselves and hand
// its bytes over as `wasmBinary`. Only index.node.js imports this file.

import { readFile } from 'node:fs/promises';
import { instantiate as instantiateWeb } from './load.js';

/**
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, wasmUrl?: string | URL }} options
 * @returns {Promise<object>} the Emscripten module
 */
export async function instantiate(options = {}) {
  if (options.wasmBinary || options.wasmUrl) return instantiateWeb(options);
  return instantiateWeb({ wasmBinary: await readFile(new URL('../dist/iameval_core.wasm', import.meta.url)) });
}
