// File: wasm/playground/src/url_state.js
//
// The whole playground state in the URL fragment, so a link reproduces it:
//
//   #s=1.<base64url of deflate-raw(JSON)>     (CompressionStream available)
//   #s=0.<base64url of JSON>                  (fallback)
//
// The JSON is compact: {d: [[kind, level, text], ...], k: resourceKind,
// r: request, e: example id}.

import { emptyRequest, newDocId } from './state.js';

const KINDS = new Set([
  'identity',
  'resource',
  'permissionsBoundary',
  'session',
  'scp',
  'rcp',
  'vpcEndpoint',
  'gatewayVpcEndpoint',
]);

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

const canCompress = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

export async function encodeState(state) {
  const compact = {
    d: state.docs.map((doc) => [doc.kind, doc.level, doc.text]),
    k: state.resourceKind,
    r: state.request,
    e: state.example,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(compact));
  if (!canCompress) return `s=0.${toBase64Url(bytes)}`;
  return `s=1.${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
}

const RESOURCE_KINDS = ['auto', 'resource', 'roleTrust', 'kmsKey'];
const CONTEXT_TYPES = new Set(['string', 'number', 'bool', 'list']);
const REQUEST_FIELDS = ['principal', 'action', 'resource', 'resourceAccount', 'currentTime'];
// A link is typed into an address bar: bound what it can make the page hold.
const MAX_DOCS = 100;
const MAX_CONTEXT_ROWS = 200;

class LinkError extends Error {}

function fail(message) {
  throw new LinkError(message);
}

function readDocs(d) {
  if (d === undefined) return [];
  if (!Array.isArray(d)) fail('`d` (the policies) is not a list');
  if (d.length > MAX_DOCS) fail(`more than ${MAX_DOCS} policies`);
  return d.map((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 3) fail(`policy ${i + 1} is not [kind, level, text]`);
    const [kind, level, text] = entry;
    if (!KINDS.has(kind)) fail(`policy ${i + 1} has an unknown kind`);
    if (!Number.isInteger(level) || level < 0 || level > 10) fail(`policy ${i + 1} has a bad level`);
    if (typeof text !== 'string') fail(`policy ${i + 1}'s text is not a string`);
    return { id: newDocId(), kind, level, text };
  });
}

function readRequest(r) {
  const request = emptyRequest();
  if (r === undefined) return request;
  if (r === null || typeof r !== 'object' || Array.isArray(r)) fail('`r` (the request) is not an object');
  for (const field of REQUEST_FIELDS) {
    if (r[field] === undefined) continue;
    if (typeof r[field] !== 'string') fail(`the request's \`${field}\` is not a string`);
    request[field] = r[field];
  }
  if (r.context !== undefined) {
    if (!Array.isArray(r.context)) fail("the request's context is not a list");
    if (r.context.length > MAX_CONTEXT_ROWS) fail(`more than ${MAX_CONTEXT_ROWS} context keys`);
    request.context = r.context.map((row, i) => {
      if (row === null || typeof row !== 'object' || Array.isArray(row)) fail(`context key ${i + 1} is not an object`);
      const { key, type, value } = row;
      if (typeof key !== 'string' || typeof value !== 'string' || !CONTEXT_TYPES.has(type)) {
        fail(`context key ${i + 1} is not {key, type, value}`);
      }
      return { key, type, value };
    });
  }
  return request;
}

/**
 * Reads the state in `fragment` (without `#`): `{ state }` for a good link,
 * `{ error }` (one sentence) for a malformed one, `{}` when there is none. A
 * link may be crafted: every field is checked, so whatever it holds, the page
 * either shows it or says why not.
 */
export async function readState(fragment) {
  if (!fragment) return {};
  const match = /^s=([01])\.([A-Za-z0-9_-]*)$/.exec(fragment);
  if (!match) return { error: 'the link does not hold a playground state' };
  let compact;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === '1') bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
    compact = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { error: 'the link is damaged (it does not decode)' };
  }
  try {
    if (compact === null || typeof compact !== 'object' || Array.isArray(compact)) fail('the state is not an object');
    if (compact.e !== undefined && compact.e !== null && typeof compact.e !== 'string') fail('`e` is not a string');
    return {
      state: {
        docs: readDocs(compact.d),
        resourceKind: RESOURCE_KINDS.includes(compact.k) ? compact.k : 'auto',
        request: readRequest(compact.r),
        example: typeof compact.e === 'string' ? compact.e : null,
      },
    };
  } catch (e) {
    if (e instanceof LinkError) return { error: e.message };
    throw e;
  }
}

/** The state in `fragment` (without `#`), or null when there is none or it is unreadable. */
export async function decodeState(fragment) {
  return (await readState(fragment)).state ?? null;
}
