// File: wasm/lib/errors.js
//
// The errors the package throws. Each is an Error subclass carrying the fields
// of the finding or message it reports: `code` (a stable kebab-case word),
// `message`, `path` (a JSON path), `line` and `column` (1-based, 0 when
// unknown), plus what is specific to it. Decisions are never errors: an
// implicit deny is an answer.

/**
 * `file:line:column: severity: message [code]`, the form iameval's CLI and
 * Python package print (iameval::FormatFinding); unknown parts are left out.
 */
export function formatFinding(finding, file = finding.document ?? '') {
  let out = file;
  if (finding.line) {
    if (out) out += ':';
    out += String(finding.line);
    if (finding.column) out += `:${finding.column}`;
  }
  if (out) out += ': ';
  return `${out}${finding.severity}: ${finding.message} [${finding.code}]`;
}

/** Base class of every error iameval throws. */
export class IamevalError extends Error {
  constructor(message, { code, path = '', line = 0, column = 0 } = {}) {
    super(message);
    this.name = new.target.name;
    /** @type {string} */ this.code = code ?? 'internal-error';
    /** @type {string} */ this.path = path;
    /** @type {number} */ this.line = line;
    /** @type {number} */ this.column = column;
  }
}

/**
 * A policy document AWS would reject, or a policies object of the wrong shape.
 * `code`, `path`, `line`, `column` and `document` are those of the first
 * error; `findings` holds every finding (errors and warnings) in order.
 */
export class PolicyError extends IamevalError {
  constructor(findings, structuralMessage = null) {
    const errors = findings.filter((f) => f.severity === 'error');
    const first = errors[0];
    let message;
    if (structuralMessage) {
      message = `invalid policies: ${structuralMessage}`;
    } else if (first) {
      const more = errors.length - 1;
      message = `invalid policy: ${formatFinding(first)}` + (more ? ` (and ${more} more errors)` : '');
    } else {
      message = 'invalid policy';
    }
    super(message, {
      code: structuralMessage ? 'invalid-input' : (first?.code ?? 'invalid-policy'),
      path: first?.path ?? '',
      line: first?.line ?? 0,
      column: first?.column ?? 0,
    });
    /** @type {string | null} which document, e.g. `identity[1]` */
    this.document = first?.document ?? null;
    /** @type {object[]} */
    this.findings = findings;
  }

  /** Only the findings of severity `error`. */
  get errors() {
    return this.findings.filter((f) => f.severity === 'error');
  }
}

/**
 * A request the engine cannot read: a missing or mistyped field, an unknown
 * field. In a batch, `index` says which request and `path` is `[index]`.
 */
export class RequestError extends IamevalError {
  constructor(message, index = null) {
    super(message, { code: 'invalid-request', path: index === null ? '' : `[${index}]` });
    /** @type {number | null} */ this.index = index;
  }
}

/** A PolicySet used after free(). */
export class FreedHandleError extends IamevalError {
  constructor() {
    super('this PolicySet was freed', { code: 'freed-handle' });
  }
}

/**
 * The WebAssembly instance ran out of memory or trapped, and was stopped: its
 * memory may be inconsistent, so it answers nothing more. Every later call on
 * the same engine (and on its PolicySets) throws this; load a new engine.
 * `code` is `out-of-memory` when memory ran out, else `internal-error`.
 */
export class EngineStoppedError extends IamevalError {
  constructor(reason) {
    const outOfMemory = /\bOOM\b|out of memory|Cannot enlarge memory/i.test(reason);
    super(
      outOfMemory
        ? 'iameval: the WebAssembly engine ran out of memory and was stopped; load a new engine'
        : `iameval: the WebAssembly engine failed (${reason}) and was stopped; load a new engine`,
      { code: outOfMemory ? 'out-of-memory' : 'internal-error' },
    );
    /** @type {string} what the instance reported when it stopped */
    this.reason = reason;
  }
}
