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

const KINDS = new Set(['identity', 'resource', 'permissionsBoundary', 'session', 'scp', 'rcp']);

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

/** The state in `fragment` (without `#`), or null when there is none or it is unreadable. */
export async function decodeState(fragment) {
  const match = /^s=([01])\.([A-Za-z0-9_-]*)$/.exec(fragment);
  if (!match) return null;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === '1') bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
    const compact = JSON.parse(new TextDecoder().decode(bytes));
    const docs = compact.d
      .filter(([kind]) => KINDS.has(kind))
      .map(([kind, level, text]) => ({ id: newDocId(), kind, level: Number(level) || 0, text: String(text) }));
    const request = { ...emptyRequest(), ...compact.r };
    request.context = Array.isArray(request.context) ? request.context : [];
    return {
      docs,
      resourceKind: ['auto', 'resource', 'roleTrust', 'kmsKey'].includes(compact.k) ? compact.k : 'auto',
      request,
      example: typeof compact.e === 'string' ? compact.e : null,
    };
  } catch {
    return null;
  }
}
