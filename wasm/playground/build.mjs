#!/usr/bin/env node
// File: wasm/playground/build.mjs
//
// Builds the playground into wasm/playground/dist/, a static site any static
// host serves (`make playground-dist`): one bundled, minified ES module (the
// page, CodeMirror and the engine's JS glue, via esbuild), the stylesheet,
// index.html with its Content-Security-Policy, and iameval_core.wasm next to
// the bundle, where the glue looks for it, and the IAM catalogue gzipped
// (catalogue.tsv.gz: the page fetches it lazily and inflates it itself, so it
// is ~220 KB on any host, compressing or not). Every path is relative, so the
// folder works at any URL prefix. _headers holds the security headers for
// hosts that read it (Netlify, Cloudflare Pages); others should send the same
// (security.js). Needs wasm/dist/ (make wasm) and node_modules (npm ci).
// Prints the size of what a browser downloads.
//
//   node wasm/playground/build.mjs [--dev]     (--dev: not minified, sourcemap)

import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { META_CSP, SECURITY_HEADERS } from './security.js';

const here = new URL('./', import.meta.url);
const out = new URL('dist/', here);
const core = new URL('../dist/iameval_core.wasm', here);
const catalogue = new URL('../dist/catalogue.tsv', here);
/** Issue #14: the browser loads the catalogue lazily, at most 300 KB gzipped. */
const CATALOGUE_BUDGET = 300 * 1024;
const dev = process.argv.includes('--dev');

for (const needed of [core, catalogue]) {
  try {
    await stat(needed);
  } catch {
    console.error(`playground: ${needed.pathname} is missing; run \`make wasm\` first`);
    process.exit(1);
  }
}

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { playground: new URL('src/main.js', here).pathname, 'playground.css': new URL('src/playground.css', here).pathname },
  outdir: out.pathname,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  conditions: ['browser'], // the package's browser entry: no Node built-in may be reached
  minify: !dev,
  sourcemap: dev,
  legalComments: 'linked',
  logLevel: 'warning',
});
// esbuild names a CSS entry `playground.css.css`; give it its plain name.
await writeFile(new URL('playground.css', out), await readFile(new URL('playground.css.css', out)));
await rm(new URL('playground.css.css', out));
const html = await readFile(new URL('index.html', here), 'utf8');
const charset = '<meta charset="utf-8">';
if (!html.includes(charset)) throw new Error('index.html: no <meta charset="utf-8"> to put the CSP after');
const csp = `<meta http-equiv="Content-Security-Policy" content="${META_CSP}">`;
await writeFile(new URL('index.html', out), html.replace(charset, `${charset}\n  ${csp}`));
const headers = Object.entries(SECURITY_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
await writeFile(new URL('_headers', out), `/*\n${headers.join('\n')}\n`);
await copyFile(core, new URL('iameval_core.wasm', out));
const catalogueGz = gzipSync(await readFile(catalogue), { level: 9 });
if (catalogueGz.length > CATALOGUE_BUDGET) {
  throw new Error(`catalogue.tsv.gz is ${catalogueGz.length} bytes, over the ${CATALOGUE_BUDGET}-byte budget`);
}
await writeFile(new URL('catalogue.tsv.gz', out), catalogueGz);

const sizes = [];
for (const name of ['index.html', 'playground.js', 'playground.css', 'iameval_core.wasm']) {
  const bytes = await readFile(new URL(name, out));
  sizes.push(`${name} ${(bytes.length / 1024).toFixed(1)} KB (${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gz)`);
}
sizes.push(`catalogue.tsv.gz ${(catalogueGz.length / 1024).toFixed(1)} KB, fetched on first lint`);
console.log(`playground: built ${out.pathname}\n  ${sizes.join('\n  ')}`);
