// File: wasm/index.node.js
//
// iameval for Node (package.json's "node" condition): the API of index.js,
// with a `load` that reads dist/iameval_core.wasm from disk (lib/load_node.js).

import { makeLoad } from './lib/loader.js';
import { instantiate } from './lib/load_node.js';

export * from './index.js'; // everything; the `load` below takes the place of index.js's

/**
 * Loads the engine. Without options the instance is created once and shared;
 * with `wasmBinary` (bytes), `wasmUrl` (where to fetch the .wasm) or `limits`
 * (the input limits) a new one is made each call.
 */
export const load = makeLoad(instantiate);

/** The IAM catalogue's text for Iameval.loadCatalogue, read from the package's dist/catalogue.tsv. */
export async function readCatalogue() {
  const { readFile } = await import('node:fs/promises');
  return readFile(new URL('./dist/catalogue.tsv', import.meta.url), 'utf8');
}
