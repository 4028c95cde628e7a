// File: wasm/lib/packed.js
//
// Requests in the engine's compact binary form, for PolicySet.decide and
// decideMany without an explanation: written into one reusable buffer in wasm
// memory and read by the engine's PackedRequestReader (the layout is
// documented with it, engine/include/iameval/request_reader.h), one decision
// byte back each, instead of JSON.stringify + RapidJSON + JSON.parse.
//
// The engine reads every value as the JSON face does and refuses alike. This
// file writes a request only when it knows what JSON.stringify would write;
// anything else (a missing, mistyped or unknown field, toJSON, a lone
// surrogate, a context value not a string, finite number, boolean or list of
// those) goes as a JSON record read by RequestFromJson, so its error or answer
// is the JSON layer's, at its index. Parts unchanged since the previous
// request are left out (the encoder mirrors what the engine holds; the mirror
// is dropped when a batch is not decided to the end, as the engine's request
// is), and strings of 12 to 1,024 UTF-16 units are sent once, then by id.

const encoder = new TextEncoder();
// Record flags, and the context part's "the same keys" bit.
const [JSON_RECORD, SET_CURRENT_TIME, HAS_RESOURCE_POLICY_KIND, SET_CONTEXT, SAME_KEYS] = [0x80, 0x10, 0x20, 0x40, 0x80000000];
// The facts byte's bit for a principalRoleArn part (after resourceAccount's).
const SET_ROLE_ARN = 0x40;
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

/** What JSON.stringify leaves out of an object. */
const omitted = (v) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
const isScalar = (v) =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
/** Whether JSON.stringify writes `o`'s own enumerable keys and nothing else. */
const plainObject = (o) => o !== null && typeof o === 'object' && !Array.isArray(o) && typeof o.toJSON !== 'function';
const getPrototypeOf = Object.getPrototypeOf;
const ObjectPrototype = Object.prototype;

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
const kept = (v) => (Array.isArray(v) ? v.slice() : v);

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
    this.plain = false; // Object.prototype has nothing enumerable (checked at begin())
    this.ids = new Map(); // strings sent once, by id (field())
    this.defined = false;
    this.principal = this.action = this.resource = this.resourceAccount = this.roleArn = ''; // the mirror; r*: the request being read
    this.rPrincipal = this.rAction = this.rResource = this.rResourceAccount = this.rRoleArn = this.rContext = this.rCurrentTime = this.rKind = undefined;
    this.rFacts = 0;
    this.keys = []; // the context being read
    this.values = [];
    this.forget();
  }

  /** Drops the mirror: the next request sends every part. */
  forget() {
    this.valid = false;
    this.ids.clear();
    this.currentTime = undefined;
    this.sentKeys = [];
    this.sentValues = [];
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
    this.plain = true;
    for (const key in ObjectPrototype) this.plain = false;
    return true;
  }

  /** Ends a batch; `ok` says whether the engine read all of it. */
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

  /** Whether what was written since begin() may be lost (see grow()). */
  stale() {
    return this.lost || this.u8.length === 0;
  }

  /** A str; false on a lone surrogate or a string that could be too long for 30 bits. */
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
   * A field: a string that may recur across requests is sent the first time
   * with an id that the engine keeps it under, and after that by id alone,
   * which spares encoding it again (one Map lookup). False on a lone surrogate.
   */
  field(s) {
    const n = s.length;
    if (n < MIN_KEPT || n > MAX_KEPT) return this.str(s);
    const id = this.ids.get(s);
    if (id !== undefined) {
      this.u32(0x80000000 | id);
      return true;
    }
    // Full: start again from id 0; the engine redefines its ids in stream order.
    if (this.ids.size >= MAX_IDS) this.ids.clear();
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

  /** Appends one request (an object or JSON text). */
  add(request) {
    if (typeof request === 'string') return this.json(request);
    const start = this.pos;
    this.defined = false;
    if (!this.packed(request)) {
      this.pos = start;
      if (this.defined) this.ids.clear(); // defined in the dropped record: never sent
      this.json(JSON.stringify(request) ?? 'null');
    }
  }

  /** A request as JSON text, for RequestFromJson. */
  json(text) {
    this.byte(JSON_RECORD);
    if (!this.str(text)) {
      // A lone surrogate (U+FFFD, as in the JSON path's copy) or very long text.
      const bytes = encoder.encode(text);
      this.u32(bytes.length);
      this.ensure(bytes.length);
      this.u8.set(bytes, this.base + this.pos);
      this.pos += bytes.length;
    }
  }

  /** Reads one member of a request object (false: not packable). */
  member(key, v) {
    switch (key) {
      case 'principal': this.rPrincipal = v; return typeof v === 'string';
      case 'action': this.rAction = v; return typeof v === 'string';
      case 'resource': this.rResource = v; return typeof v === 'string';
      case 'resourceAccount': this.rResourceAccount = v; return typeof v === 'string' || omitted(v);
      case 'principalRoleArn': this.rRoleArn = v; return typeof v === 'string' || omitted(v);
      case 'context': this.rContext = v; return plainObject(v) || omitted(v);
      case 'currentTime': this.rCurrentTime = v; return typeof v === 'string' || omitted(v);
      case 'resourcePolicyKind': this.rKind = v; return typeof v === 'string' || omitted(v);
      case 'principalIsServiceLinkedRole': return this.fact(v, 0x01);
      case 'principalInManagementAccount': return this.fact(v, 0x02);
      case 'resourceInManagementAccount': return this.fact(v, 0x04);
      case 'resourceIsAwsManagedKey': return this.fact(v, 0x08);
      case 'resourcePolicyRequired': return this.fact(v, v ? 0x10 : 0x20);
      default: return omitted(v); // an unknown field: the JSON layer names it
    }
  }

  fact(v, bit) {
    if (typeof v !== 'boolean') return omitted(v);
    if (v || bit === 0x20) this.rFacts |= bit;
    return true;
  }

  /** Whether for-in over `o` yields the own enumerable keys JSON.stringify writes (and fast). */
  forIn(o) {
    return this.plain && getPrototypeOf(o) === ObjectPrototype;
  }

  /** One context member into the staged keys and values: the new count, -1 when not packable. */
  entry(key, v, n) {
    if (omitted(v)) return n; // JSON.stringify leaves it out
    if (!packableValue(v)) return -1;
    this.keys[n] = key;
    this.values[n] = v;
    return n + 1;
  }

  /** Writes `request` packed; false when it cannot (what it wrote is then dropped). */
  packed(request) {
    if (!plainObject(request)) return false;
    this.rPrincipal = this.rAction = this.rResource = this.rResourceAccount = this.rRoleArn = this.rContext = this.rCurrentTime = this.rKind = undefined;
    this.rFacts = 0;
    // No closure here: a captured `request` would cost a context per call.
    if (this.forIn(request)) {
      for (const key in request) if (!this.member(key, request[key])) return false;
    } else {
      for (const key of Object.keys(request)) if (!this.member(key, request[key])) return false;
    }
    const principal = this.rPrincipal;
    const action = this.rAction;
    const resource = this.rResource;
    const account = typeof this.rResourceAccount === 'string' ? this.rResourceAccount : '';
    const roleArn = typeof this.rRoleArn === 'string' ? this.rRoleArn : '';
    const time = typeof this.rCurrentTime === 'string' ? this.rCurrentTime : undefined;
    if (principal === undefined || action === undefined || resource === undefined) return false; // required
    const valid = this.valid;
    const at = this.pos;
    let flags = 0;
    this.ensure(2);
    this.pos += 2; // flags, facts
    if (!valid || principal !== this.principal) flags |= this.field(principal) ? 0x01 : 0x100;
    if (!valid || action !== this.action) flags |= this.field(action) ? 0x02 : 0x100;
    if (!valid || resource !== this.resource) flags |= this.field(resource) ? 0x04 : 0x100;
    if (!valid || account !== this.resourceAccount) flags |= this.field(account) ? 0x08 : 0x100;
    let facts = this.rFacts;
    if (!valid || roleArn !== this.roleArn) {
      facts |= SET_ROLE_ARN;
      if (!this.field(roleArn)) flags |= 0x100;
    }
    if (flags & 0x100) return false; // a lone surrogate
    if (!valid || time !== this.currentTime) {
      flags |= SET_CURRENT_TIME;
      if (time === undefined) this.u32(0xffffffff);
      else if (!this.str(time)) return false;
    }
    if (typeof this.rKind === 'string') {
      flags |= HAS_RESOURCE_POLICY_KIND;
      if (!this.str(this.rKind)) return false;
    }
    const n = this.context(omitted(this.rContext) ? undefined : this.rContext); // checked by member()
    if (n < 0) return false;
    if (n > 0 || !valid) flags |= SET_CONTEXT;
    this.u8[this.base + at] = flags;
    this.u8[this.base + at + 1] = facts;
    // The record is complete: the engine will hold these values.
    this.principal = principal;
    this.action = action;
    this.resource = resource;
    this.resourceAccount = account;
    this.roleArn = roleArn;
    this.currentTime = time;
    this.valid = true;
    return true;
  }

  /**
   * The context part: -1 when it cannot be packed, 0 when the mirror's keys
   * and values are the request's (nothing written, unless the mirror is
   * empty), else the number of entries written. Updates the mirror.
   */
  context(c) {
    const keys = this.keys;
    const values = this.values;
    let n = 0;
    if (c !== undefined && this.forIn(c)) {
      for (const key in c) if ((n = this.entry(key, c[key], n)) < 0) return -1;
    } else if (c !== undefined) {
      for (const key of Object.keys(c)) if ((n = this.entry(key, c[key], n)) < 0) return -1;
    }
    const sentKeys = this.sentKeys;
    const sentValues = this.sentValues;
    let same = this.valid && sentKeys.length === n;
    for (let j = 0; same && j < n; j++) same = sentKeys[j] === keys[j];
    if (!same) {
      this.u32(n);
      for (let j = 0; j < n; j++) if (!this.field(keys[j]) || !this.value(values[j])) return -1;
      this.sentKeys = keys.slice(0, n);
      this.sentValues = values.slice(0, n).map(kept);
      return Math.max(n, 1);
    }
    let changes = 0;
    for (let j = 0; j < n; j++) if (!sameValue(values[j], sentValues[j])) changes++;
    if (changes === 0) return 0;
    this.u32(SAME_KEYS | changes);
    for (let j = 0; j < n; j++) {
      if (sameValue(values[j], sentValues[j])) continue;
      this.u32(j);
      if (!this.value(values[j])) return -1;
    }
    for (let j = 0; j < n; j++) sentValues[j] = kept(values[j]);
    return changes;
  }

  /** A context value (already checked with packableValue); false on a lone surrogate. */
  value(v) {
    if (!Array.isArray(v)) return this.scalar(v);
    this.byte(4);
    this.u32(v.length);
    for (let i = 0; i < v.length; i++) if (!this.scalar(v[i])) return false;
    return true;
  }

  scalar(v) {
    if (typeof v === 'string') {
      this.byte(0);
      return this.field(v);
    }
    if (typeof v === 'boolean') {
      this.byte(v ? 2 : 1);
      return true;
    }
    this.byte(3);
    return this.str(String(v)); // a finite number's JSON text (-0 as "0")
  }
}
