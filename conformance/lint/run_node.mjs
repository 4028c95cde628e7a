// File: conformance/lint/run_node.mjs
//
// The JavaScript engine of conformance/lint/run: reads
// [{"id", "text", "kind"}, ...] on stdin, lints each document through the
// wasm package (its path is argv[2]) and prints {id: answer} as JSON.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDir = path.dirname(path.resolve(process.argv[2] ?? 'wasm/dist'));
const iameval = await import(pathToFileURL(path.join(packageDir, 'index.node.js')).href);
const iam = await iameval.load();
iam.loadCatalogue(await iameval.readCatalogue());
const cases = JSON.parse(readFileSync(0, 'utf8'));
const out = {};
for (const c of cases) out[c.id] = iam.lint(c.text, { kind: c.kind });
process.stdout.write(JSON.stringify(out));
