#!/usr/bin/env node
// File: wasm/conformance_engine.mjs
//
// The WebAssembly engine for conformance/run (`--engine wasm`): reads one
// JSON object per line on stdin, {"policies", "request", "explain"}, and
// writes one line per input, exactly what iameval::DecideJson returns for it,
// computed by the wasm module.
//
//   echo '{"policies":{},"request":{...}}' | node wasm/conformance_engine.mjs

import { createInterface } from 'node:readline';
import { load } from './index.node.js';

const iam = await load();
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  process.stdout.write(iam.decideJson(line).replaceAll('\n', ' ') + '\n');
}
