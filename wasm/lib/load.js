// File: wasm/lib/load.js
//
// Instantiates the Emscripten module in a browser (or a worker), with no Node
// built-in anywhere in its imports, so bundlers need no configuration. The
// .wasm is found, in order: `wasmBinary` (its bytes), `wasmUrl` (where to
// fetch it), else the glue's own `new URL('iameval_core.wasm', import.meta.url)`,
// i.e. next to dist/iameval_core.mjs, or next to the bundle once bundled. Vite,
// webpack 5 and Parcel see that `new URL(...)` and emit the file; with esbuild,
// import its URL (`import wasmUrl from 'iameval/iameval_core.wasm'` with
// `--loader:.wasm=file`) or copy it next to the bundle (wasm/README.md).
// Node uses lib/load_node.js (package.json's "node" condition).

import createIamevalCore from '../dist/iameval_core.mjs';

const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';

/**
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, wasmUrl?: string | URL }} options
 * @returns {Promise<object>} the Emscripten module
 */
export function instantiate(options = {}) {
  const args = {};
  if (options.wasmBinary) {
    args.wasmBinary = options.wasmBinary;
  } else if (options.wasmUrl) {
    args.locateFile = () => String(options.wasmUrl);
  } else if (isNode) {
    // index.js imported by path under Node: the glue cannot fetch a file: URL.
    // Node 20.16+ reads the file without an import a bundler would follow.
    const fs = globalThis.process.getBuiltinModule?.('node:fs');
    if (!fs) {
      return Promise.reject(new Error("iameval: under Node, import 'iameval' (its node entry) or pass { wasmBinary }"));
    }
    args.wasmBinary = fs.readFileSync(new URL('../dist/iameval_core.wasm', import.meta.url));
  }
  return createIamevalCore(args);
}
