// File: wasm/lib/lint.js
//
// Lint in JavaScript: the module's lint exports (wasm/src/lint_bindings.cc)
// behind Iameval's loadCatalogue, lint and expandActions (lib/api.js). The
// catalogue (1.4 MB of text, 223 KB gzipped) is not part of the module: the
// page fetches it when lint is first wanted, and hands its text over once.
//
//   await iam.loadCatalogue(await fetchCatalogue());    // the browser
//   iam.lint(policy, { kind: 'identity' });              // {catalogue, findings}
//   iam.expandActions('s3:Get*');                        // ['s3:GetAccelerateConfiguration', ...]
//   iam.catalogueNames();                                // {services, conditionKeys}: completion

import catalogueUrlBesideCore from '../dist/catalogue_url.mjs';

const decoder = new TextDecoder();

/** Status codes of the lint exports (lint_bindings.cc). */
export const LintStatus = Object.freeze({ ok: 0, internal: 4, noCatalogue: 6 });

function call(core, name, text) {
  const m = core.module;
  const status = core.withText(text, (p, n) => m[name](p, n));
  const ptr = m._iameval_lint_result_data();
  const size = m._iameval_lint_result_size();
  return { status, text: decoder.decode(m.HEAPU8.subarray(ptr, ptr + size)) };
}

function answer(core, name, text) {
  const { status, text: out } = call(core, name, text);
  if (status === LintStatus.ok) return JSON.parse(out);
  if (status === LintStatus.noCatalogue) {
    const error = JSON.parse(out);
    throw new Error(`iameval: ${error.message}`);
  }
  throw new Error('iameval: internal error while linting');
}

/** Reads the catalogue's text (string or bytes); returns {date, source, services, actions}. */
export function loadCatalogue(core, text) {
  const source = typeof text === 'string' ? text : decoder.decode(text);
  return answer(core, '_iameval_lint_load_catalogue', source);
}

/** iameval::LintJson for one document (an object, or its text for exact line:column). */
export function lint(core, policy, kind) {
  const out = answer(core, '_iameval_lint_json', JSON.stringify({ policy, kind }));
  if (out.error) throw new Error(`iameval: ${out.message}`);
  return out;
}

/** Every action `pattern` matches, sorted. */
export function expandActions(core, pattern) {
  return answer(core, '_iameval_expand_actions', String(pattern));
}

/**
 * The catalogue's names, for completion: {services: [{prefix, title}],
 * conditionKeys: [{name, type, global}]} (Catalogue::Services, ConditionKeys).
 */
export function catalogueNames(core) {
  const m = core.module;
  const status = core.enter(() => m._iameval_catalogue_names());
  const ptr = m._iameval_lint_result_data();
  const size = m._iameval_lint_result_size();
  const out = decoder.decode(m.HEAPU8.subarray(ptr, ptr + size));
  if (status === LintStatus.ok) return JSON.parse(out);
  if (status === LintStatus.noCatalogue) throw new Error(`iameval: ${JSON.parse(out).message}`);
  throw new Error('iameval: internal error while listing the catalogue');
}

/**
 * The catalogue's URL: where the .wasm is found without options, i.e.
 * dist/catalogue.tsv beside dist/iameval_core.mjs, or beside the bundle once
 * bundled (dist/catalogue_url.mjs says why it is made there).
 */
export const catalogueUrl = catalogueUrlBesideCore;

/** Fetches the catalogue's text (browsers; Node: readCatalogue in index.node.js). */
export async function fetchCatalogue(url = catalogueUrl) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`iameval: cannot fetch the catalogue ${url}: ${response.status}`);
  return response.text();
}

