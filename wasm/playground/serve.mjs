#!/usr/bin/env node
// File: wasm/playground/serve.mjs
//
// Serves the built playground (wasm/playground/dist/) on 127.0.0.1 and prints
// its address. `make playground` builds it first.
//
//   node wasm/playground/serve.mjs [--port N]     (default 8765; 0 = any free port)

import { fileURLToPath } from 'node:url';
import { serve } from './server.js';

const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 8765);
const root = fileURLToPath(new URL('dist/', import.meta.url));
const { url } = await serve(root, port);
console.log(`playground: serving ${root} at ${url}  (Ctrl-C to stop)`);
