// File: conformance/analysis/run_node.mjs
//
// The JavaScript engine of conformance/analysis/run: reads
// [{"id", "call": "compare" | "access", "input": "<CompareJson / AccessJson input>"}, ...]
// on stdin, answers each through the wasm package (its dist folder is
// argv[2]) with compareJson / accessJson, and prints {id: answer} as JSON.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDir = path.dirname(path.resolve(process.argv[2] ?? 'wasm/dist'));
const iameval = await import(pathToFileURL(path.join(packageDir, 'index.node.js')).href);
const iam = await iameval.load();
iam.loadCatalogue(await iameval.readCatalogue());
const cases = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const c of cases) {
  const text = c.call === 'compare' ? iam.compareJson(c.input) : iam.accessJson(c.input);
  out[c.id] = JSON.parse(text);
}
process.stdout.write(JSON.stringify(out));
