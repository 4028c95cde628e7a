// File: wasm/lib/api.js
//
// The public objects: Iameval (one loaded engine) and PolicySet (a compiled
// policy set behind a handle). They turn JSON text from lib/core.js into
// plain objects and errors, and add no rule of their own: what a decision,
// a finding or an explanation says is what iameval/json.h wrote.

import * as analysisCalls from './analysis.js';
import * as lintCalls from './lint.js';
import { Status } from './core.js';
import { FreedHandleError, IamevalError, PolicyError, RequestError } from './errors.js';

/** Decision codes of iameval_decide_packed, by value. */
const DECISIONS = ['allowed', 'explicitDeny', 'implicitDeny'];

/** Frees the wasm side of PolicySets that were garbage-collected unfreed. */
const leaked = new FinalizationRegistry(({ core, handle }) => core.free(handle));

function requestLine(request) {
  // One request per line: JSON.stringify never emits a raw newline, and in
  // JSON text a raw CR is whitespace exactly where a raw LF is.
  // A request JSON cannot write (undefined, a function) is `null`: not an
  // object, which RequestFromJson says, rather than an empty line.
  return typeof request === 'string' ? request.replaceAll('\n', '\r') : (JSON.stringify(request) ?? 'null');
}

function internalError(text) {
  return new IamevalError(`iameval: internal error: ${text}`, { code: 'internal-error' });
}

/** Findings of a compile report, each tagged with its `document`. */
function reportFindings(report) {
  const findings = [];
  for (const group of report.documents) {
    for (const finding of group.report.findings) findings.push({ ...finding, document: group.document });
  }
  return findings;
}

/** A policy set compiled once, asked any number of questions. */
export class PolicySet {
  #core;
  #handle;

  /** @internal use Iameval.compile */
  constructor(core, handle, findings) {
    this.#core = core;
    this.#handle = handle;
    /** Warnings found while compiling (errors would have thrown). */
    this.findings = findings;
    leaked.register(this, { core, handle }, this);
  }

  /** True once free() has run. */
  get freed() {
    return this.#handle === 0;
  }

  /** The decision for one request: `{decision, error, explanation?}`. */
  decide(request, options) {
    if (this.#handle === 0) throw new FreedHandleError();
    const core = this.#core;
    if (options?.explain || !core.packer.begin()) return this.#decideJson([request], options)[0];
    try {
      core.packer.add(request);
    } catch (e) {
      core.packer.end(false);
      throw e;
    }
    const { status, codes } = core.decidePacked(this.#handle, 1);
    if (status === Status.ok) {
      const code = core.module.HEAPU8[codes];
      return code < 3 ? { decision: DECISIONS[code], error: null } : JSON.parse(core.result())[0];
    }
    if (status === Status.needsJson) return this.#decideJson([request], {})[0];
    return this.#failed(status, core.result());
  }

  /**
   * Decisions for many requests, in order, crossing into wasm once. A request
   * that cannot be read throws a RequestError naming its index.
   */
  decideMany(requests, options) {
    if (this.#handle === 0) throw new FreedHandleError();
    const count = requests.length;
    if (count === 0) return [];
    const core = this.#core;
    if (options?.explain || !core.packer.begin()) return this.#decideJson(requests, options);
    // Without an explanation: the requests packed (lib/packed.js), one
    // decision code each back.
    try {
      for (let i = 0; i < count; i++) core.packer.add(requests[i]);
    } catch (e) {
      core.packer.end(false);
      throw e;
    }
    const { status, codes } = core.decidePacked(this.#handle, count);
    if (status === Status.ok) {
      const heap = core.module.HEAPU8;
      const answers = new Array(count);
      let errors = null;
      let e = 0;
      for (let i = 0; i < count; i++) {
        const code = heap[codes + i];
        if (code < 3) {
          answers[i] = { decision: DECISIONS[code], error: null };
        } else {
          errors ??= JSON.parse(core.result()); // the answers with an error, in order
          answers[i] = errors[e++];
        }
      }
      return answers;
    }
    if (status === Status.needsJson) return this.#decideJson(requests, {});
    return this.#failed(status, core.result());
  }

  /** The JSON path: JSON text per request, AnswerToJson objects back. */
  #decideJson(requests, { explain = false } = {}) {
    const lines = requests.map(requestLine).join('\n');
    const { status, text } = this.#core.decideLines(this.#handle, lines, explain);
    if (status === Status.ok) return JSON.parse(text);
    return this.#failed(status, text);
  }

  #failed(status, text) {
    if (status === Status.invalidRequest) {
      const { index, error } = JSON.parse(text);
      throw new RequestError(error, index);
    }
    if (status === Status.noSuchHandle) throw new FreedHandleError();
    throw internalError(text);
  }

  /** Releases the compiled set. Idempotent. */
  free() {
    if (this.#handle === 0) return;
    this.#core.free(this.#handle);
    leaked.unregister(this);
    this.#handle = 0;
  }

  [Symbol.dispose]() {
    this.free();
  }
}

/** One instantiated engine. Create it with `load()`. */
export class Iameval {
  #core;

  /** @internal use load() */
  constructor(core) {
    this.#core = core;
  }

  /**
   * Compiles a policies object (the conformance format: identity, resource,
   * permissionsBoundary, sessionPolicies, scps, rcps) into a PolicySet.
   * Throws a PolicyError when a document has errors.
   */
  compile(policies, { resourcePolicyKind = 'resource' } = {}) {
    const text = typeof policies === 'string' ? policies : JSON.stringify(policies);
    const { status, handle, text: out } = this.#core.compile(text, resourcePolicyKind);
    if (status === Status.internal) throw internalError(out);
    const report = JSON.parse(out);
    const findings = reportFindings(report);
    if (status !== Status.ok) throw new PolicyError(findings, report.error);
    return new PolicySet(this.#core, handle, findings);
  }

  /**
   * One decision without a handle (iameval::DecideJson): compiles, decides
   * and explains in one call. The resource policy's kind is inferred from the
   * request unless `request.resourcePolicyKind` says it.
   */
  decide(policies, request, { explain = false } = {}) {
    const out = JSON.parse(this.decideJson(JSON.stringify({ policies, request, explain })));
    if (out.decision !== null) return out;
    switch (out.error) {
      case 'invalid-policy':
        throw new PolicyError(out.findings);
      case 'invalid-input':
        throw new PolicyError(out.findings, out.message);
      case 'invalid-request':
        throw new RequestError(out.message);
      default:
        throw internalError(out.message ?? out.error);
    }
  }

  /** iameval::DecideJson itself: JSON text in, JSON text out. */
  decideJson(input) {
    const { status, text } = this.#core.decideJson(input);
    if (status !== Status.ok) throw internalError(text);
    return text;
  }

  /**
   * Validates one document (an object, or its raw text for exact line and
   * column): `{valid, findings}`. `kind` is a policy kind name. A document
   * over AWS's size quota for its kind is a warning, or an error with
   * `enforceAwsSizeQuotas: true` (gating customer policies in CI).
   */
  check(policy, { kind = 'identity', enforceAwsSizeQuotas = false } = {}) {
    const { status, text } = this.#core.checkJson(
      JSON.stringify({ policy, kind, enforceAwsSizeQuotas }));
    if (status !== Status.ok) throw internalError(text);
    const out = JSON.parse(text);
    if (out.error) throw new IamevalError(out.message, { code: out.error });
    return out;
  }

  /**
   * How the resource policy is read for `request` when the request does not
   * say (iameval::InferResourcePolicyKind): `roleTrust` for sts:AssumeRole*
   * on a role, `kmsKey` for a kms: action on a key, else `resource`.
   */
  inferResourcePolicyKind(request) {
    const { status, text } = this.#core.inferResourceKind(requestLine(request));
    if (status === Status.ok) return text;
    if (status === Status.invalidRequest) throw new RequestError(JSON.parse(text).error);
    throw internalError(text);
  }

  /**
   * Lint (lib/lint.js, spec/lint.md): hand over the catalogue's text once
   * (`fetchCatalogue()` in a browser, `readCatalogue()` in Node), then lint
   * documents and expand action patterns. Returns {date, source, services, actions}.
   */
  loadCatalogue(text) {
    return lintCalls.loadCatalogue(this.#core, text);
  }

  /** `{catalogue: {date, source}, findings}` for one document, as `iameval lint --format json`. */
  lint(policy, { kind = 'identity' } = {}) {
    return lintCalls.lint(this.#core, policy, kind);
  }

  /** Every action `pattern` (`s3:Get*`) matches, sorted. */
  expandActions(pattern) {
    return lintCalls.expandActions(this.#core, pattern);
  }

  /**
   * Access analysis (lib/analysis.js, spec/analysis.md), against the loaded
   * catalogue: `{result: 'PASS' | 'FAIL' | 'UNKNOWN', counterexamples,
   * unknown, requestsDecided, catalogue}`. `kind: 'set'` compares whole
   * policies objects.
   */
  compare(before, after, options = {}) {
    return analysisCalls.compare(this.#core, before, after, options);
  }

  /** iameval::CompareJson itself, text in, text out. */
  compareJson(text) {
    return analysisCalls.compareJson(this.#core, text);
  }

  /** iameval::AccessJson itself, text in, text out. */
  accessJson(text) {
    return analysisCalls.accessJson(this.#core, text);
  }

  /** Does `policy` grant any of `actions` on any of `resources`? No size caps. */
  accessNotGranted(policy, options = {}) {
    return analysisCalls.accessNotGranted(this.#core, policy, options);
  }

  /** Is the resource policy public? `{result, findings, unknown, ...}`. */
  publicAccess(policy, options = {}) {
    return analysisCalls.publicAccess(this.#core, policy, options);
  }

  /** Does the resource policy reach outside the owner and `trusted`? */
  externalAccess(policy, options = {}) {
    return analysisCalls.externalAccess(this.#core, policy, options);
  }

  /**
   * The catalogue's names, for an editor's completion: `{services: [{prefix,
   * title}], conditionKeys: [{name, type, global}]}` (actions: expandActions).
   */
  catalogueNames() {
    return lintCalls.catalogueNames(this.#core);
  }

  /** PolicySets not yet freed, for leak checks. */
  get liveHandles() {
    return this.#core.liveHandles();
  }
}
