// File: wasm/lib/load.js
//
// Finds iameval_core.wasm and instantiates the Emscripten module, the same way
// in Node and in browsers. The module is built for the web (no `require`, no
// `__dirname`), so on Node we read the .wasm ourselves and hand its bytes over
// as `wasmBinary`; in a browser the module fetches the file next to itself
// (or at `wasmUrl`) and compiles it while it streams.

import createIamevalCore from '../dist/iameval_core.mjs';

const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';

/**
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, wasmUrl?: string | URL }} options
 * @returns {Promise<object>} the Emscripten module
 */
export async function instantiate(options = {}) {
  const args = {};
  if (options.wasmBinary) {
    args.wasmBinary = options.wasmBinary;
  } else if (options.wasmUrl) {
    args.locateFile = () => String(options.wasmUrl);
  } else if (isNode) {
    const { readFile } = await import('node:fs/promises');
    args.wasmBinary = await readFile(new URL('../dist/iameval_core.wasm', import.meta.url));
  }
  return createIamevalCore(args);
}
