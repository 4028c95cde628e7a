// File: wasm/lib/core.js
//
// The raw calls of wasm/src/bindings.cc: JSON text in, JSON text out, plus
// integer handles; and packed requests in, decision codes out (the packer,
// lib/packed.js, writes them). This file only moves bytes across the
// boundary; lib/api.js turns them into objects and errors.
//
// Every call copies its input into one malloc'd buffer (packed requests: one
// reused buffer), calls the export, and reads the module-wide result buffer
// back, so one call crosses the boundary once whatever the size of its input.
//
// An instance that has trapped or run out of memory is stopped for good:
// every later call throws EngineStoppedError instead of answering. Its memory
// may be half-written (an allocation that failed mid-way, a trap between two
// stores), so nothing it would say could be trusted. The module is built with
// -sABORTING_MALLOC=1 (wasm/CMakeLists.txt), so running out of memory aborts
// instead of handing the engine a null pointer; the abort is seen here either
// as the exception it throws or, should C++'s catch (...) have swallowed it,
// through the module's onAbort hook.

import { EngineStoppedError } from './errors.js';
import { PackedEncoder } from './packed.js';

/** Status codes of the exports (the `Status` enum in bindings.cc). */
export const Status = Object.freeze({
  ok: 0,
  invalidPolicy: 1,
  invalidRequest: 2,
  noSuchHandle: 3,
  internal: 4,
  // Not from bindings.cc: a packed batch written through a view that a getter's
  // call into wasm detached (decidePacked), to be decided through JSON instead.
  needsJson: 5,
});

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The engine's input limits (iameval::InputLimits, SECURITY.md), the same as
 * in C++ and Python: JSON text of one call, keys of one context, values of one
 * list, bytes of one context value. Infinity lifts a limit.
 */
export const DEFAULT_LIMITS = Object.freeze({
  maxInputBytes: 16 * 1024 * 1024,
  maxContextKeys: 10_000,
  maxContextValues: 1_000,
  maxContextValueBytes: 64 * 1024,
});

/** As iameval::InputTooLongError words it. */
function tooLong(what, limit) {
  return `${what} is longer than ${limit.toLocaleString('en-US')} bytes, the limit`;
}

export class Core {
  /** @param {object} module the instantiated Emscripten module */
  /**
   * @param {object} module the instantiated Emscripten module
   * @param {Partial<typeof DEFAULT_LIMITS>} [limits] load()'s `limits` option
   */
  constructor(module, limits = {}) {
    this.module = module;
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...limits });
    for (const [name, value] of Object.entries(this.limits)) {
      if (!(name in DEFAULT_LIMITS)) throw new TypeError(`unknown limit \`${name}\``);
      if (typeof value !== 'number' || !(value >= 0)) {
        throw new TypeError(`limit \`${name}\` must be a number >= 0 (Infinity for none)`);
      }
    }
    /** Why the instance stopped (the abort's or trap's text), or null. */
    this.stoppedBy = null;
    module.onAbort = (what) => {
      this.stoppedBy ??= String(what);
    };
    this.#packer = new PackedEncoder(module);
    const l = this.limits;
    module._iameval_set_limits(l.maxInputBytes, l.maxContextKeys, l.maxContextValues, l.maxContextValueBytes);
  }

  /**
   * Whether `text`, one JSON-layer input, is certainly over maxInputBytes:
   * each UTF-16 unit is at least one UTF-8 byte, so it is refused here
   * without being copied into wasm memory (C++ checks the rest).
   */
  tooLong(text) {
    return text.length > this.limits.maxInputBytes;
  }

  #packer;

  /** Packed requests (lib/packed.js), for decisions without explanations. */
  get packer() {
    this.assertRunning();
    return this.#packer;
  }

  /** Throws EngineStoppedError once the instance has trapped or run out of memory. */
  assertRunning() {
    if (this.stoppedBy !== null) throw new EngineStoppedError(this.stoppedBy);
  }

  /**
   * Runs `body`, which calls into wasm. An exception out of wasm is a trap or
   * an abort (out of memory): the instance stops and the call throws
   * EngineStoppedError, as does an abort that C++ code caught and went on from.
   */
  enter(body) {
    this.assertRunning();
    let out;
    try {
      out = body();
    } catch (e) {
      if (e instanceof EngineStoppedError) throw e;
      if (e instanceof WebAssembly.RuntimeError || this.stoppedBy !== null) {
        this.stoppedBy ??= String(e?.message ?? e);
        throw new EngineStoppedError(this.stoppedBy);
      }
      throw e; // JavaScript's own (a getter of the caller's request, ...)
    }
    this.assertRunning();
    return out;
  }

  /** Runs `body(ptr, size)` with `text` as UTF-8 in wasm memory. */
  withText(text, body) {
    return this.enter(() => {
      const m = this.module;
      const capacity = text.length * 3 + 1; // UTF-16 code unit -> at most 3 bytes
      const ptr = m._malloc(capacity);
      if (ptr === 0) throw new RangeError('iameval: out of wasm memory');
      try {
        const { written } = encoder.encodeInto(text, m.HEAPU8.subarray(ptr, ptr + capacity));
        return body(ptr, written);
      } finally {
        if (this.stoppedBy === null) m._free(ptr);
      }
    });
  }

  /** iameval::DecideJson's and CheckJson's answer to an input over the limit. */
  #inputError(what) {
    const message = tooLong(what, this.limits.maxInputBytes);
    return JSON.stringify({ decision: null, error: 'invalid-input', message, findings: [] });
  }

  /** The result buffer of the last call, as a string. */
  result() {
    const m = this.module;
    const ptr = m._iameval_result_data();
    const size = m._iameval_result_size();
    return decoder.decode(m.HEAPU8.subarray(ptr, ptr + size));
  }

  /** iameval::DecideJson */
  decideJson(input) {
    if (this.tooLong(input)) return { status: Status.ok, text: this.#inputError('the input') };
    const status = this.withText(input, (p, n) => this.module._iameval_decide_json(p, n));
    return { status, text: this.result() };
  }

  /** iameval::CheckJson */
  checkJson(input) {
    if (this.tooLong(input)) return { status: Status.ok, text: this.#inputError('the input') };
    const status = this.withText(input, (p, n) => this.module._iameval_check_json(p, n));
    return { status, text: this.result() };
  }

  /** iameval::InferResourcePolicyKind for a request (JSON text). */
  inferResourceKind(request) {
    if (this.tooLong(request)) {
      const error = tooLong('the request', this.limits.maxInputBytes);
      return { status: Status.invalidRequest, text: JSON.stringify({ index: 0, error }) };
    }
    const status = this.withText(request, (p, n) => this.module._iameval_infer_resource_kind(p, n));
    return { status, text: this.result() };
  }

  /** Compiles a policies object (JSON text); handle 0 unless status is ok. */
  compile(policiesJson, resourceKind) {
    if (this.tooLong(policiesJson)) {
      const error = tooLong('the policies', this.limits.maxInputBytes);
      return { status: Status.invalidPolicy, handle: 0, text: JSON.stringify({ error, documents: [] }) };
    }
    const m = this.module;
    const out = this.enter(() => m._malloc(4));
    try {
      const status = this.withText(policiesJson, (p, n) =>
        this.withText(resourceKind, (kp, kn) => m._iameval_compile(p, n, kp, kn, out)),
      );
      return { status, handle: m.HEAPU32[out >>> 2], text: this.result() };
    } finally {
      if (this.stoppedBy === null) m._free(out);
    }
  }

  /** Decides newline-separated request objects against a handle. */
  decideLines(handle, lines, explain) {
    const status = this.withText(lines, (p, n) =>
      this.module._iameval_decide_lines(handle, p, n, explain ? 1 : 0),
    );
    return { status, text: this.result() };
  }

  /**
   * Decides the `count` requests packed by this.packer since begin() against
   * a handle, and ends the packer's batch. On ok the decision codes are at
   * `codes` in module.HEAPU8, until the next call, and the answers with an
   * error (code 3) are in this.result(); otherwise this.result() says why.
   */
  decidePacked(handle, count) {
    const p = this.#packer;
    let ok = false;
    try {
      return this.enter(() => {
        // Code run while packing (a getter) may have called into wasm and grown
        // its memory, after which what was written to the old view is lost.
        // (A grown memory detaches the old buffer: its views become empty.)
        if (p.stale()) return { status: Status.needsJson, codes: 0 };
        p.ensure(count);
        const codes = p.base + p.pos;
        const status = this.module._iameval_decide_packed(handle, p.base, p.pos, codes, count);
        ok = status === Status.ok;
        return { status, codes };
      });
    } finally {
      if (this.stoppedBy === null) p.end(ok);
    }
  }

  /** Frees a handle; nothing to free once the instance has stopped. */
  free(handle) {
    if (this.stoppedBy !== null) return 0;
    return this.enter(() => this.module._iameval_free(handle));
  }

  liveHandles() {
    return this.enter(() => this.module._iameval_live_handles());
  }
}
