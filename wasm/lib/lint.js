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
export const LintStatus = Object.freeze({ ok: 0, internal: 4, noCatalogue: 6, packed: 7 });

const NO_STRING = 0xffffffff;

/**
 * iameval_lint_text's packed answer (lint_bindings.cc, g_lint_words): the
 * same object JSON.parse would make of LintTextJson's answer, built from one
 * decoded string and offsets into it (its strings are slices of it).
 */
function unpackLint(m) {
  const at = m._iameval_lint_words_data() >>> 2;
  const w = m.HEAPU32.subarray(at, at + m._iameval_lint_words_size());
  const ptr = m._iameval_lint_result_data();
  const text = decoder.decode(m.HEAPU8.subarray(ptr, ptr + m._iameval_lint_result_size()));
  const string = (i) => text.slice(w[i], w[i] + w[i + 1]);
  const count = w[0];
  const findings = new Array(count);
  for (let f = 0, i = 5; f < count; f += 1, i += 14) {
    findings[f] = {
      code: string(i),
      severity: string(i + 2),
      awsCode: w[i + 4] === NO_STRING ? null : string(i + 4),
      message: string(i + 6),
      path: string(i + 8),
      line: w[i + 10],
      column: w[i + 11],
      help: string(i + 12),
    };
  }
  return { catalogue: { date: string(1), source: string(3) }, findings };
}

/** The status of a lint export and its result buffer's text. */
function readResult(core, status) {
  const m = core.module;
  const ptr = m._iameval_lint_result_data();
  const size = m._iameval_lint_result_size();
  return { status, text: decoder.decode(m.HEAPU8.subarray(ptr, ptr + size)) };
}

function call(core, name, text) {
  return readResult(core, core.withText(text, (p, n) => core.module[name](p, n)));
}

function answer(core, name, text) {
  const { status, text: out } = call(core, name, text);
  return parseAnswer(status, out);
}

function parseAnswer(status, out) {
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

// Any UTF-16 surrogate, paired or not, in a text: JSON.stringify writes a lone
// one as an escape that LintJson's reader refuses, where encodeInto would
// write U+FFFD; such a text goes through the envelope, as before. (An object's
// lone surrogates are escapes in its JSON.stringify, which lint reports as
// invalid-json at their line:column, as for the same text.)
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The text lint reads for `policy` given as an object or array, or null when
 * LintJson's envelope must take it as it is (no object, or a toJSON giving
 * something else).
 */
function documentText(policy) {
  if (policy === null || typeof policy !== 'object') return null;
  const text = JSON.stringify(policy);
  if (text === undefined || (text[0] !== '{' && text[0] !== '[')) return null;
  return text;
}

/**
 * iameval::LintJson for one document (an object, or its text for exact
 * line:column). A text, or an object's JSON.stringify, goes to
 * LintTextJson (the same answer, without LintJson's envelope parsed and the
 * document written out again in wasm), whose findings come back packed
 * rather than as JSON; anything else through the envelope.
 */
export function lint(core, policy, kind) {
  const text = typeof policy === 'string' ? policy : documentText(policy);
  let out;
  if (text !== null && typeof kind === 'string' && !SURROGATE.test(text)) {
    const m = core.module;
    const status = core.withText(kind, (kp, kn) =>
      core.withText(text, (p, n) => m._iameval_lint_text(kp, kn, p, n)),
    );
    out = status === LintStatus.packed ? unpackLint(m) : parseAnswer(status, readResult(core, status).text);
  } else {
    out = answer(core, '_iameval_lint_json', JSON.stringify({ policy, kind }));
  }
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

