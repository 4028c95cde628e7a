// File: wasm/lib/packed.js
//
// Requests in a compact binary form, for PolicySet.decide/decideMany without
// an explanation: the strings and facts of each request are written into one
// reusable buffer in wasm memory and read on the C++ side into one reused
// iameval::Request (wasm/src/bindings.cc, iameval_decide_packed). Compared
// with JSON.stringify + RapidJSON + AnswerToJson + JSON.parse per request this
// saves almost all of the boundary's cost; the decisions come back as one
// byte each.
//
// Exactly the JSON path's answers and errors. A request is packed only when
// the encoder knows what JSON.stringify would have written for it and what
// RequestFromJson would have read from that; anything else (a missing or
// mistyped field, an unknown field, a toJSON method, a string with a lone
// surrogate, a context value that is not a string, finite number, boolean or
// a list of those) goes as a JSON record in the same stream, read by
// RequestFromJson itself, so its error (or answer) is the JSON layer's, at
// its index. What the C++ side checks (context keys equal ignoring case,
// currentTime, resourcePolicyKind) sends the whole batch through JSON when it
// fails (status needsJson), which then throws the JSON layer's error.
//
// Record layout (little-endian; str = u32 byte length + UTF-8 bytes; field =
// a str, or a string sent before by id: u32 0x40000000 | id then the str,
// which the C++ side keeps under that id, or u32 0x80000000 | id alone):
//
//   u8 flags    0x80 JSON record: then str (the request's JSON text), and
//               nothing else. Otherwise which fields follow, in this order:
//               0x01 principal, 0x02 action, 0x04 resource,
//               0x08 resourceAccount, 0x10 currentTime, 0x20
//               resourcePolicyKind, 0x40 context. A field not sent keeps
//               the previous packed request's value.
//   u8 facts    0x01 principalIsServiceLinkedRole, 0x02
//               principalInManagementAccount, 0x04 resourceInManagementAccount,
//               0x08 resourceIsAwsManagedKey; bits 4-5 resourcePolicyRequired:
//               0 absent, 1 true, 2 false
//   field ...   principal, action, resource, resourceAccount (absent: empty)
//   currentTime u32 0xFFFFFFFF for absent, else str
//   str         resourcePolicyKind (only checked, as RequestFromJson does)
//   context     u8 1 (same keys as before, in order): u32 n, n x (u32 entry
//               index, value); or u8 3, u8 slot (swap with the context parked
//               in that slot, whose keys these are), then as 1; or u8 2
//               (rebuild), u8 slot (park the current context there, 0xFF:
//               don't), u32 n, n x (field key, value)
//   value       u8 tag: 0 string (field), 1 false, 2 true, 3 safe integer (f64),
//               4 other number (str: its JSON text, read by RapidJSON as the
//               JSON layer would), 5 list (u32 n, n x scalar value)
//
// The encoder mirrors what the C++ side's Request holds so it can leave out
// what did not change; the mirror is dropped whenever a batch is not
// decided to the end (an exception, a status other than ok), and the C++
// side forgets its Request then too, so the next request sends every field.

const encoder = new TextEncoder();
const JSON_RECORD = 0x80;
const SET_PRINCIPAL = 0x01;
const SET_ACTION = 0x02;
const SET_RESOURCE = 0x04;
const SET_RESOURCE_ACCOUNT = 0x08;
const SET_CURRENT_TIME = 0x10;
const HAS_RESOURCE_POLICY_KIND = 0x20;
const SET_CONTEXT = 0x40;
const CONTEXT_UPDATE = 1;
const CONTEXT_REBUILD = 2;
const CONTEXT_SWAP = 3;
const PARKED = 4; // contexts of other key sets the C++ side keeps for reuse
const MAX_CONTEXT_KEYS = 10000;
const INITIAL_CAPACITY = 64 * 1024;
const KEEP_CAPACITY = 1024 * 1024; // larger buffers are freed after the batch
const MIN_KEPT = 12; // shorter strings cost less to copy than to look up
const MAX_KEPT = 1024;
const MAX_IDS = 4096;
const MAX_STR_UNITS = Math.floor((2 ** 30 - 1) / 3); // UTF-16 units whose UTF-8 surely fits 30 bits

const isWellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/** Bail-out of packing one request: it goes as a JSON record instead. */
const BAIL = Symbol('bail');

/** What JSON.stringify leaves out of an object. */
function omitted(v) {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

const getPrototypeOf = Object.getPrototypeOf;
const ObjectPrototype = Object.prototype;

/** Whether for-in over `o` yields nothing. */
function nothingEnumerable(o) {
  for (const key in o) return false;
  return true;
}

function isScalar(v) {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A context value the packed form can carry exactly. */
function packableValue(v) {
  if (isScalar(v)) return true;
  if (!Array.isArray(v) || typeof v.toJSON === 'function') return false;
  for (let i = 0; i < v.length; i++) if (!isScalar(v[i])) return false;
  return true;
}

function sameValue(v, old) {
  if (!Array.isArray(v)) return v === old;
  if (!Array.isArray(old) || old.length !== v.length) return false;
  for (let i = 0; i < v.length; i++) if (v[i] !== old[i]) return false;
  return true;
}

/** What the mirror keeps of a value: lists are copied, the caller may mutate them. */
function kept(v) {
  return Array.isArray(v) ? v.slice() : v;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

export class PackedEncoder {
  /** @param {object} module the instantiated Emscripten module */
  constructor(module) {
    this.m = module;
    this.base = 0; // malloc'd buffer, 0 when none
    this.cap = 0;
    this.pos = 0; // offset of the next byte
    this.u8 = null;
    this.busy = false;
    this.lost = false;
    // Strings sent once, by id (field()), and how often each slot found one.
    this.ids = new Map();
    this.defined = false;
    this.lookups = new Int32Array(6);
    this.hits = new Int32Array(6);
    this.bypass = new Int32Array(6);
    this.forget();
    this.plain = false;
    // The request being read (packed()).
    this.rPrincipal = this.rAction = this.rResource = this.rResourceAccount = undefined;
    this.rContext = this.rCurrentTime = this.rKind = undefined;
    this.rFacts = 0;
    // Staged context changes of the record being written.
    this.changeIndex = [];
    this.changeValue = [];
    this.changes = 0;
    this.newKeys = null;
    this.newValues = null;
    this.scratchKeys = [];
    this.scratchValues = [];
    this.kept = false;
    this.same = false;
    this.slot = 0;
  }

  /** Drops the mirror: the next request sends every field. */
  forget() {
    this.valid = false;
    this.ids.clear();
    this.principal = undefined;
    this.action = undefined;
    this.resource = undefined;
    this.resourceAccount = undefined;
    this.currentTime = undefined;
    this.keys = null;
    this.values = null;
    this.parkedKeys = new Array(PARKED).fill(null);
    this.parkedValues = new Array(PARKED).fill(null);
    this.nextPark = 0;
  }

  /** Starts a batch; false when one is already being written (re-entry). */
  begin() {
    if (this.busy) return false;
    this.busy = true;
    this.lost = false;
    this.pos = 0;
    this.u8 = this.m.HEAPU8; // the heap may have grown since the last batch
    if (this.base === 0) {
      try {
        this.grow(INITIAL_CAPACITY);
      } catch (e) {
        this.busy = false;
        throw e;
      }
    }
    this.plain = nothingEnumerable(Object.prototype);
    return true;
  }

  /** Ends a batch; `ok` says whether the C++ side read all of it. */
  end(ok) {
    if (!ok) this.forget();
    this.busy = false;
    if (this.cap > KEEP_CAPACITY) {
      this.m._free(this.base);
      this.base = 0;
      this.cap = 0;
    }
  }

  grow(extra) {
    const m = this.m;
    // Bytes written through a view that code run meanwhile (a getter calling
    // into wasm) detached by growing the memory were lost.
    if (this.u8 !== null && this.u8.length === 0) this.lost = true;
    const cap = Math.max(INITIAL_CAPACITY, this.cap * 2, this.pos + extra + 1024);
    const base = m._malloc(cap);
    if (base === 0) throw new RangeError('iameval: out of wasm memory');
    this.u8 = m.HEAPU8;
    if (this.base !== 0) {
      this.u8.copyWithin(base, this.base, this.base + this.pos);
      m._free(this.base);
    }
    this.base = base;
    this.cap = cap;
  }

  ensure(n) {
    if (this.cap - this.pos < n) this.grow(n);
  }

  byte(b) {
    this.ensure(1);
    this.u8[this.base + this.pos++] = b;
  }

  u32At(at, v) {
    const u8 = this.u8;
    u8[at] = v;
    u8[at + 1] = v >>> 8;
    u8[at + 2] = v >>> 16;
    u8[at + 3] = v >>> 24;
  }

  u32(v) {
    this.ensure(4);
    this.u32At(this.base + this.pos, v);
    this.pos += 4;
  }

  f64(v) {
    this.ensure(8);
    f64[0] = v;
    this.u8.set(f64Bytes, this.base + this.pos);
    this.pos += 8;
  }

  /**
   * Whether what was written since begin() may be incomplete: the memory
   * grew under a view (see grow()).
   */
  stale() {
    return this.lost || this.u8.length === 0;
  }

  /**
   * A string as str; false when it is not well-formed UTF-16 (a lone
   * surrogate) or could be too long for a field's 30-bit length.
   */
  str(s) {
    const n = s.length;
    if (n > MAX_STR_UNITS) return false;
    this.ensure(4 + 3 * n);
    const u8 = this.u8;
    const at = this.base + this.pos;
    const p = at + 4;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      u8[p + i] = c;
    }
    let len = n;
    if (i < n) {
      if (!isWellFormed(s)) return false;
      len = i + encoder.encodeInto(s.slice(i), u8.subarray(p + i, p + 3 * n)).written;
    }
    this.u32At(at, len);
    this.pos += 4 + len;
    return true;
  }

  /**
   * A string that may repeat across requests (`slot` says which kind: 0
   * principal, 1 action, 2 resource, 3 resourceAccount, 4 context key, 5
   * context value): the first time it is sent with an id that the C++ side
   * keeps it under, and after that by id alone, which spares encoding it
   * again. Strings too short to gain, too long to keep, or of a slot where
   * strings seldom repeat (the last 1,024 looked up found fewer than a
   * quarter) are sent whole. False on a lone surrogate.
   */
  field(s, slot) {
    const n = s.length;
    if (n < MIN_KEPT || n > MAX_KEPT) return this.str(s);
    if (this.bypass[slot] > 0) {
      this.bypass[slot]--;
      return this.str(s);
    }
    const id = this.ids.get(s);
    if (++this.lookups[slot] === 1024) {
      if (this.hits[slot] < 256) this.bypass[slot] = 16384;
      this.lookups[slot] = this.hits[slot] = 0;
    }
    if (id !== undefined) {
      this.hits[slot]++;
      this.u32(0x80000000 | id);
      return true;
    }
    if (this.ids.size >= MAX_IDS) {
      // Start again from id 0: the C++ side overwrites its entries in the
      // order of the stream, after the requests that used them.
      this.ids.clear();
    }
    const at = this.pos;
    const newId = this.ids.size;
    this.u32(0x40000000 | newId);
    if (!this.str(s)) {
      this.pos = at;
      return false;
    }
    this.ids.set(s, newId);
    this.defined = true;
    return true;
  }

  /** A request as JSON text, for RequestFromJson. */
  json(text) {
    this.byte(JSON_RECORD);
    if (!this.str(text)) {
      // A lone surrogate (JSON.stringify escapes them, but a request given as
      // text may hold one: it becomes U+FFFD, as in the JSON path's UTF-8
      // copy), or text too long for str's quick bound.
      const bytes = encoder.encode(text);
      this.u32(bytes.length);
      this.ensure(bytes.length);
      this.u8.set(bytes, this.base + this.pos);
      this.pos += bytes.length;
    }
  }

  /** Appends one request (an object or JSON text). */
  add(request) {
    if (typeof request === 'string') {
      this.json(request.replaceAll('\n', '\r'));
      return;
    }
    const start = this.pos;
    this.defined = false;
    if (this.packed(request) === BAIL) {
      this.pos = start;
      // Strings defined in the dropped record were never sent.
      if (this.defined) this.ids.clear();
      this.json(JSON.stringify(request) ?? 'null');
    }
  }

  /**
   * Reads one member of a request object into this.r* (false: not packable).
   * Fields JSON.stringify leaves out (undefined, functions) are skipped.
   */
  member(key, v) {
    // Types are checked by the caller (packed()), or here for the facts, so
    // that the common case costs one inline typeof per member.
    switch (key) {
      case 'principal':
        this.rPrincipal = v;
        return true;
      case 'action':
        this.rAction = v;
        return true;
      case 'resource':
        this.rResource = v;
        return true;
      case 'resourceAccount':
        this.rResourceAccount = v;
        return true;
      case 'context':
        this.rContext = v;
        return true;
      case 'currentTime':
        this.rCurrentTime = v;
        return true;
      case 'resourcePolicyKind':
        this.rKind = v;
        return true;
      case 'principalIsServiceLinkedRole':
        return this.fact(v, 0x01);
      case 'principalInManagementAccount':
        return this.fact(v, 0x02);
      case 'resourceInManagementAccount':
        return this.fact(v, 0x04);
      case 'resourceIsAwsManagedKey':
        return this.fact(v, 0x08);
      case 'resourcePolicyRequired':
        if (typeof v !== 'boolean') return omitted(v);
        this.rFacts |= v ? 0x10 : 0x20;
        return true;
      default:
        return omitted(v); // an unknown field: the JSON layer names it
    }
  }

  fact(v, bit) {
    if (typeof v !== 'boolean') return omitted(v);
    if (v) this.rFacts |= bit;
    return true;
  }

  /** Writes `request` packed, or returns BAIL (what it wrote is then dropped). */
  packed(request) {
    if (request === null || typeof request !== 'object' || Array.isArray(request) ||
        typeof request.toJSON === 'function') {
      return BAIL;
    }
    this.rPrincipal = this.rAction = this.rResource = this.rResourceAccount = undefined;
    this.rContext = this.rCurrentTime = this.rKind = undefined;
    this.rFacts = 0;
    // The keys JSON.stringify writes are the own enumerable ones. for-in is
    // several times faster than Object.keys and yields the same keys for an
    // object whose prototype is Object.prototype (checked to have nothing
    // enumerable at begin()).
    if (this.plain && getPrototypeOf(request) === ObjectPrototype) {
      for (const key in request) if (!this.member(key, request[key])) return BAIL;
    } else {
      const keys = Object.keys(request);
      for (let i = 0; i < keys.length; i++) if (!this.member(keys[i], request[keys[i]])) return BAIL;
    }
    const principal = this.rPrincipal;
    const action = this.rAction;
    const resource = this.rResource;
    let resourceAccount = this.rResourceAccount;
    let currentTime = this.rCurrentTime;
    let kind = this.rKind;
    // Required strings (left out by JSON.stringify is missing: an error).
    if (typeof principal !== 'string' || typeof action !== 'string' || typeof resource !== 'string') {
      return BAIL;
    }
    if (typeof resourceAccount !== 'string') {
      if (!omitted(resourceAccount)) return BAIL;
      resourceAccount = '';
    }
    if (typeof currentTime !== 'string') {
      if (!omitted(currentTime)) return BAIL;
      currentTime = undefined;
    }
    if (typeof kind !== 'string') {
      if (!omitted(kind)) return BAIL;
      kind = undefined;
    }

    const valid = this.valid;
    let flags = 0;
    const at = this.pos;
    this.ensure(2);
    this.pos += 2; // flags, facts
    if (!valid || principal !== this.principal) {
      flags |= SET_PRINCIPAL;
      if (!this.field(principal, 0)) return BAIL;
    }
    if (!valid || action !== this.action) {
      flags |= SET_ACTION;
      if (!this.field(action, 1)) return BAIL;
    }
    if (!valid || resource !== this.resource) {
      flags |= SET_RESOURCE;
      if (!this.field(resource, 2)) return BAIL;
    }
    if (!valid || resourceAccount !== this.resourceAccount) {
      flags |= SET_RESOURCE_ACCOUNT;
      if (!this.field(resourceAccount, 3)) return BAIL;
    }
    if (!valid || currentTime !== this.currentTime) {
      flags |= SET_CURRENT_TIME;
      if (currentTime === undefined) this.u32(0xffffffff);
      else if (!this.str(currentTime)) return BAIL;
    }
    if (kind !== undefined) {
      flags |= HAS_RESOURCE_POLICY_KIND;
      if (!this.str(kind)) return BAIL;
    }
    const c = this.rContext;
    const contextMode = this.context(typeof c === 'object' || !omitted(c) ? c : undefined);
    if (contextMode === BAIL) return BAIL;
    if (contextMode !== 0) flags |= SET_CONTEXT;
    this.u8[this.base + at] = flags;
    this.u8[this.base + at + 1] = this.rFacts;

    // The record is complete: the C++ side will hold these values.
    this.principal = principal;
    this.action = action;
    this.resource = resource;
    this.resourceAccount = resourceAccount;
    this.currentTime = currentTime;
    if (contextMode === CONTEXT_SWAP) {
      const s = this.slot;
      const k = this.keys;
      const v = this.values;
      this.keys = this.parkedKeys[s];
      this.values = this.parkedValues[s];
      this.parkedKeys[s] = k;
      this.parkedValues[s] = v;
    }
    if (contextMode === CONTEXT_UPDATE || contextMode === CONTEXT_SWAP) {
      for (let i = 0; i < this.changes; i++) this.values[this.changeIndex[i]] = kept(this.changeValue[i]);
    } else if (contextMode === CONTEXT_REBUILD) {
      if (this.slot !== 0xff) {
        this.parkedKeys[this.slot] = this.keys;
        this.parkedValues[this.slot] = this.values;
        this.nextPark = (this.slot + 1) % PARKED;
      }
      this.keys = this.newKeys;
      this.values = this.newValues;
      this.newKeys = this.newValues = null;
    }
    this.valid = true;
    return flags;
  }

  /**
   * The context block: 0 (unchanged, nothing written), CONTEXT_UPDATE or
   * CONTEXT_REBUILD (written), or BAIL.
   */
  context(context) {
    const oldKeys = this.valid ? this.keys : null;
    const oldValues = this.values;
    let same = oldKeys !== null;
    let n = 0;
    this.changes = 0;
    const keys = this.scratchKeys;
    const values = this.scratchValues;
    if (context !== undefined) {
      if (context === null || typeof context !== 'object' || Array.isArray(context) ||
          typeof context.toJSON === 'function') {
        return BAIL;
      }
      // As in packed(): for-in where it yields the own enumerable keys.
      if (this.plain && getPrototypeOf(context) === ObjectPrototype) {
        for (const key in context) {
          if (!this.entry(key, context[key], n, same, oldKeys, oldValues)) return BAIL;
          if (this.kept) {
            same = this.same;
            n++;
          }
        }
      } else {
        const own = Object.keys(context);
        for (let i = 0; i < own.length; i++) {
          if (!this.entry(own[i], context[own[i]], n, same, oldKeys, oldValues)) return BAIL;
          if (this.kept) {
            same = this.same;
            n++;
          }
        }
      }
    }
    if (same && n === oldKeys.length) {
      if (this.changes === 0) return 0;
      this.byte(CONTEXT_UPDATE);
      return this.updates() ? CONTEXT_UPDATE : BAIL;
    }
    // A context of other keys: one parked before (a stream of requests of
    // two or three shapes), or a new one, replacing the oldest parked.
    for (let s = 0; s < PARKED; s++) {
      const parkedKeys = this.valid ? this.parkedKeys[s] : null;
      if (parkedKeys === null || parkedKeys.length !== n) continue;
      let match = true;
      for (let j = 0; j < n && match; j++) match = parkedKeys[j] === keys[j];
      if (!match) continue;
      const parkedValues = this.parkedValues[s];
      this.changes = 0;
      for (let j = 0; j < n; j++) {
        if (!sameValue(values[j], parkedValues[j])) {
          this.changeIndex[this.changes] = j;
          this.changeValue[this.changes] = values[j];
          this.changes++;
        }
      }
      this.byte(CONTEXT_SWAP);
      this.byte(s);
      this.slot = s;
      return this.updates() ? CONTEXT_SWAP : BAIL;
    }
    this.changes = 0;
    const newKeys = keys.slice(0, n);
    const newValues = values.slice(0, n);
    for (let j = 0; j < n; j++) newValues[j] = kept(newValues[j]);
    this.byte(CONTEXT_REBUILD);
    // Park the current context unless the mirror does not know it.
    this.slot = oldKeys === null ? 0xff : this.nextPark;
    this.byte(this.slot);
    this.u32(n);
    for (let j = 0; j < n; j++) {
      if (!this.field(newKeys[j], 4) || !this.value(newValues[j])) return BAIL;
    }
    this.newKeys = newKeys;
    this.newValues = newValues;
    return CONTEXT_REBUILD;
  }

  /**
   * One member of a context: sets this.kept (false: left out, as JSON.stringify
   * leaves it) and this.same (still the mirror's keys), records it in the
   * scratch lists and any changed value. False: not packable.
   */
  entry(key, v, n, same, oldKeys, oldValues) {
    if (!isScalar(v)) {
      if (omitted(v)) {
        this.kept = false;
        return true;
      }
      if (!packableValue(v)) return false;
    }
    if (n >= MAX_CONTEXT_KEYS) return false;
    this.kept = true;
    this.scratchKeys[n] = key;
    this.scratchValues[n] = v;
    this.same = same && this.compare(n, key, v, oldKeys, oldValues);
    return true;
  }

  /** The staged changes: u32 count, then (u32 index, value) each. */
  updates() {
    this.u32(this.changes);
    for (let i = 0; i < this.changes; i++) {
      this.u32(this.changeIndex[i]);
      if (!this.value(this.changeValue[i])) return false;
    }
    return true;
  }

  /** Whether entry n of the mirror has key `key`; records a changed value. */
  compare(n, key, v, oldKeys, oldValues) {
    if (n >= oldKeys.length || oldKeys[n] !== key) return false;
    if (!sameValue(v, oldValues[n])) {
      this.changeIndex[this.changes] = n;
      this.changeValue[this.changes] = v;
      this.changes++;
    }
    return true;
  }

  /** A context value (already checked with packableValue); false on a lone surrogate. */
  value(v) {
    if (Array.isArray(v)) {
      this.byte(5);
      this.u32(v.length);
      for (let i = 0; i < v.length; i++) if (!this.scalar(v[i])) return false;
      return true;
    }
    return this.scalar(v);
  }

  scalar(v) {
    switch (typeof v) {
      case 'string':
        this.byte(0);
        return this.field(v, 5);
      case 'boolean':
        this.byte(v ? 2 : 1);
        return true;
      case 'number':
        if (Number.isSafeInteger(v)) {
          this.byte(3);
          this.f64(v === 0 ? 0 : v); // -0 is written "0" by JSON.stringify
        } else {
          this.byte(4);
          this.str(JSON.stringify(v));
        }
        return true;
      default:
        return false;
    }
  }
}
