// Types of the iameval package (wasm/index.js). Field names are those of
// iameval's JSON layer (engine/include/iameval/json.h, spec/request.md), the
// same the conformance format, the CLI and the Python package use.

/** The three decisions, the words the AWS policy simulator uses. */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export type PolicyKind =
  | 'identity'
  | 'resource'
  | 'roleTrust'
  | 'kmsKey'
  | 'permissionsBoundary'
  | 'session'
  | 'scp'
  | 'rcp'
  | 'vpcEndpoint'
  | 'gatewayVpcEndpoint';

export type ResourcePolicyKind = 'resource' | 'roleTrust' | 'kmsKey';

/**
 * A policy document as you would paste it into the AWS console, or its raw
 * text (then findings carry line and column within that text).
 */
export type PolicyDocument = string | { [element: string]: unknown };

/** Every policy in force for a request, by the role each plays. */
export interface Policies {
  identity?: PolicyDocument[];
  resource?: PolicyDocument;
  permissionsBoundary?: PolicyDocument;
  sessionPolicies?: PolicyDocument[];
  /** One inner list per organization level (root, each OU, the account). */
  scps?: PolicyDocument[][];
  /** Same shape as `scps`, for the resource's account. */
  rcps?: PolicyDocument[][];
  /**
   * The policy of the VPC endpoint the request came through (the request's
   * context must then carry `aws:SourceVpce`). Absent: no endpoint, or one
   * with AWS's default full-access policy.
   */
  vpcEndpoint?: PolicyDocument;
  /** What kind of endpoint `vpcEndpoint` belongs to (default `interface`). */
  vpcEndpointType?: 'interface' | 'gateway';
}

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | ContextScalar[];

/** What is asked (spec/request.md). Unknown fields are errors. */
export interface Request {
  principal: string;
  action: string;
  resource: string;
  resourceAccount?: string;
  /** A role session's role ARN with its path (what aws:PrincipalArn reports; spec/request.md). */
  principalRoleArn?: string;
  /** Condition keys (matched ignoring case) and their values; a list is a multivalued key. */
  context?: { [key: string]: ContextValue };
  principalIsServiceLinkedRole?: boolean;
  principalInManagementAccount?: boolean;
  resourceInManagementAccount?: boolean;
  resourceIsAwsManagedKey?: boolean;
  resourcePolicyRequired?: boolean;
  resourcePolicyKind?: ResourcePolicyKind;
  /** ISO 8601 instant for aws:CurrentTime and aws:EpochTime. */
  currentTime?: string;
}

/** One problem in a policy document (spec/findings.md lists the codes). */
export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  /** Lowercase, no trailing period, user input in backticks. */
  message: string;
  /** JSON path of the offending element, e.g. `Statement[2].Condition`. */
  path: string;
  /** 1-based; 0 when unknown. */
  line: number;
  /** 1-based, in Unicode code points; 0 when unknown. */
  column: number;
  help?: string;
  /** Which document of a policy set, e.g. `identity[1]` or `scps[0][2]`. */
  document?: string;
}

/** A statement that decided, named so a person can find it. */
export interface StatementRef {
  kind: PolicyKind;
  policyIndex: number;
  /** Organization level, for SCPs and RCPs. */
  level?: number;
  policyId?: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Where the statement's object starts. */
  line: number;
  column: number;
}

export interface KindVerdict {
  kind: PolicyKind;
  level?: number;
  verdict: 'notApplicable' | 'allowed' | 'denied' | 'noMatch';
}

export interface Explanation {
  /** One lowercase sentence. */
  reason: string;
  /** The rule that decided, a stable kebab-case code (spec/decision.md §11). */
  reasonCode: string;
  /** What the answer rests on that the request did not state, one sentence each (absent when none). */
  notes?: string[];
  /** Every Deny that applied, the Allows that granted, or none for an implicit deny. */
  determining: StatementRef[];
  /** One per policy kind in force, SCP and RCP levels separately. */
  verdicts: KindVerdict[];
  /** Condition keys statements in force consulted and the request lacked (AWS's MissingContextValues). */
  missingKeys: MissingKey[];
  /** For a denial: statements that matched action, resource and principal but failed a condition. */
  failedConditions: FailedCondition[];
}

export interface MissingKey {
  key: string;
  /** Giving the key a value could change the decision. */
  couldChangeDecision: boolean;
  /** AWS sets it on every request of this kind of caller: a request without it is not one AWS sees. */
  alwaysSet: boolean;
}

export interface FailedCondition extends StatementRef {
  /** The condition operator as written, e.g. `StringEquals`. */
  operator: string;
  /** The condition key as written, e.g. `sts:ExternalId`. */
  conditionKey: string;
  /** The request has no value for the key. */
  keyMissing: boolean;
}

export interface Answer {
  decision: Decision;
  /**
   * Set when the request could not be evaluated (a malformed principal ARN, an
   * action without a service prefix): `invalid-request` or `internal-error`.
   * The decision is then the fail-closed `implicitDeny`.
   */
  error: 'invalid-request' | 'internal-error' | null;
  /** What went wrong, when `error` is set. */
  message?: string;
  /** Present when asked for with `{ explain: true }`. */
  explanation?: Explanation;
}

/** An answer asked for with `{ explain: true }`: the explanation is always there. */
export interface ExplainedAnswer extends Answer {
  explanation: Explanation;
}

/** Iameval.decide's answer also lists the policies' warnings. */
export interface OneShotAnswer extends Answer {
  findings: Finding[];
}

export interface CheckResult {
  valid: boolean;
  findings: Finding[];
}

export interface DecideOptions {
  explain?: boolean;
}

/** `{ explain: true }`: the answers carry their Explanation. */
export interface ExplainOptions extends DecideOptions {
  explain: true;
}

/** A policy set compiled once, asked any number of questions. */
export declare class PolicySet {
  private constructor();
  /** Warnings found while compiling. */
  readonly findings: Finding[];
  readonly freed: boolean;
  /**
   * Without `explain` the request crosses into wasm packed (no JSON; the same
   * answers and errors), with it as JSON text. Throws RequestError.
   */
  decide(request: Request | string, options: ExplainOptions): ExplainedAnswer;
  decide(request: Request | string, options?: DecideOptions): Answer;
  /** Decides all requests crossing into wasm once; throws RequestError with `index`. */
  decideMany(requests: ReadonlyArray<Request | string>, options: ExplainOptions): ExplainedAnswer[];
  decideMany(requests: ReadonlyArray<Request | string>, options?: DecideOptions): Answer[];
  /** Releases the compiled set; idempotent. Using it afterwards throws FreedHandleError. */
  free(): void;
  /** free(), for `using set = iam.compile(...)`. */
  [Symbol.dispose](): void;
}

/** One loaded engine. */
export declare class Iameval {
  private constructor();
  compile(policies: Policies | string, options?: { resourcePolicyKind?: ResourcePolicyKind }): PolicySet;
  decide(policies: Policies, request: Request, options: ExplainOptions): OneShotAnswer & ExplainedAnswer;
  decide(policies: Policies, request: Request, options?: DecideOptions): OneShotAnswer;
  /** iameval::DecideJson: `{"policies", "request", "explain"}` in, its JSON answer out. */
  decideJson(input: string): string;
  /** Over AWS's size quota: a warning, or an error with `enforceAwsSizeQuotas` (CI gating). */
  check(policy: PolicyDocument, options?: { kind?: PolicyKind; enforceAwsSizeQuotas?: boolean }): CheckResult;
  /** How the resource policy is read when the request does not say (roleTrust, kmsKey or resource). */
  inferResourcePolicyKind(request: Request | string): ResourcePolicyKind;
  /** PolicySets not yet freed. */
  readonly liveHandles: number;
  /** Lint: hand over the catalogue's text once (fetchCatalogue / readCatalogue). */
  loadCatalogue(text: string | Uint8Array): CatalogueInfo;
  /** `iameval lint --format json` for one document (spec/lint.md). */
  lint(policy: PolicyDocument, options?: { kind?: PolicyKind }): LintResult;
  /** Every action `pattern` (`s3:Get*`) matches, sorted. */
  expandActions(pattern: string): string[];
  /** The catalogue's service prefixes and condition keys, for completion (actions: expandActions). */
  catalogueNames(): CatalogueNames;
  /** Does `after` allow any request `before` does not? (spec/analysis.md; the catalogue must be loaded). */
  compare(before: PolicyDocument, after: PolicyDocument, options?: CompareOptions & { kind?: PolicyKind }): CompareResult;
  compare(before: Policies, after: Policies, options: CompareOptions & { kind: 'set'; resourcePolicyKind?: ResourcePolicyKind }): CompareResult;
  /** iameval::CompareJson itself, text in, text out (spec/analysis.md). */
  compareJson(input: string): string;
  /** iameval::AccessJson itself, text in, text out. */
  accessJson(input: string): string;
  /** Does the policy (or, with kind 'set', the policies object) grant any of `actions` on any of `resources`? */
  accessNotGranted(policy: PolicyDocument | Policies, options?: AccessNotGrantedOptions): AccessResult;
  /** Does the resource policy grant access to anyone at all? */
  publicAccess(policy: PolicyDocument, options?: ResourceCheckOptions): ExternalAccessResult;
  /** Does the resource policy grant access outside the owner and `trusted` (account ids, `o-...` organizations)? */
  externalAccess(policy: PolicyDocument, options?: ResourceCheckOptions & { trusted?: string | string[] }): ExternalAccessResult;
}

/** PASS: proved; FAIL: disproved with counterexamples; UNKNOWN: the method could not cover everything. */
export type CheckResultName = 'PASS' | 'FAIL' | 'UNKNOWN';

export interface AnalysisOptions {
  /** Counterexamples kept (0: all). */
  maxCounterexamples?: number;
  /** Requests decided before the answer becomes UNKNOWN (`work-bound`). */
  maxRequests?: number;
  /** The account of the identity-side caller. */
  principalAccount?: string;
  /** aws:CurrentTime of every candidate request (default 2026-01-01T00:00:00Z). */
  currentTime?: string | Date;
}
export type CompareOptions = AnalysisOptions;

export interface AccessNotGrantedOptions extends AnalysisOptions {
  /** Action names or patterns (`iam:*`); empty: every action. */
  actions?: string[];
  /** ARNs or ARN patterns; empty: every resource. */
  resources?: string[];
  kind?: PolicyKind | 'set';
}

export interface ResourceCheckOptions extends AnalysisOptions {
  kind?: ResourcePolicyKind;
  /** The ARN the policy is attached to (default: every resource it names). */
  resource?: string;
  ownerAccount?: string;
}

/** A request the engine decided that proves a FAIL; paste `request` into decideJson. */
export interface Counterexample {
  request: Record<string, unknown> & { principal: string; action: string; resource: string };
  decision: Decision;
  /** Compare: what `before` decided for it. */
  before?: Decision;
  grantedBy: Record<string, unknown>[];
}

export interface AnalysisNote {
  code: string;
  message: string;
}

export interface CompareResult {
  result: CheckResultName;
  counterexamples: Counterexample[];
  unknown: AnalysisNote[];
  requestsDecided: number;
  actionsConsidered: number;
  catalogue: { date: string; source: string };
}

export interface AccessResult {
  result: CheckResultName;
  counterexamples: Counterexample[];
  unknown: AnalysisNote[];
  requestsDecided: number;
  catalogue: { date: string; source: string };
}

export interface AccessFinding {
  public: boolean;
  principal: string;
  actions: string[];
  resource: string;
  conditions: Record<string, unknown>;
  statement: Record<string, unknown>;
  example: Counterexample;
}

export interface ExternalAccessResult {
  result: CheckResultName;
  findings: AccessFinding[];
  unknown: AnalysisNote[];
  requestsDecided: number;
  catalogue: { date: string; source: string };
}

export interface CatalogueNames {
  services: { prefix: string; title: string }[];
  /** Each key once, as AWS spells it (`aws:RequestTag/${TagKey}`); type as `String`, `ArrayOfString`... */
  conditionKeys: { name: string; type: string; global: boolean }[];
}

export interface CatalogueInfo {
  date: string;
  source: string;
  services: number;
  actions: number;
}

export type LintSeverity = 'error' | 'security-warning' | 'warning' | 'suggestion';

export interface LintFinding {
  code: string;
  severity: LintSeverity;
  /** Access Analyzer's issue code, or null where it has none. */
  awsCode: string | null;
  message: string;
  path: string;
  line: number;
  column: number;
  help: string;
}

export interface LintResult {
  catalogue: { date: string; source: string };
  findings: LintFinding[];
}

/** The catalogue's URL: where the .wasm is found (dist/catalogue.tsv, or beside the bundle once bundled). */
export declare const catalogueUrl: URL;
/** Fetches the catalogue's text (browsers). */
export declare function fetchCatalogue(url?: string | URL): Promise<string>;
/** The catalogue's text from the package: fetched beside the module (browsers), read from disk (Node). */
export declare function readCatalogue(): Promise<string>;

export interface LoadOptions {
  /** The .wasm bytes, if you have them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch iameval_core.wasm from (default: next to the module). */
  wasmUrl?: string | URL;
  /** Input limits of this engine (SECURITY.md); unset ones keep DEFAULT_LIMITS. */
  limits?: Partial<InputLimits>;
}

/** Bounds on what the engine reads, the same as C++'s and Python's; Infinity for none. */
export interface InputLimits {
  /** JSON text of one call (16 MiB). */
  maxInputBytes: number;
  /** Condition keys of one request's context (10,000). */
  maxContextKeys: number;
  /** Values of one multivalued context key (1,000). */
  maxContextValues: number;
  /** UTF-8 bytes of one context value (64 KiB). */
  maxContextValueBytes: number;
}

export declare const DEFAULT_LIMITS: Readonly<InputLimits>;

/** Loads the engine; without options the instance is shared. */
export declare function load(options?: LoadOptions): Promise<Iameval>;

export declare const version: string;

export declare function formatFinding(finding: Finding, file?: string): string;

export declare class IamevalError extends Error {
  readonly code: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** A document AWS would reject; the first error's fields, and all findings. */
export declare class PolicyError extends IamevalError {
  readonly document: string | null;
  readonly findings: Finding[];
  readonly errors: Finding[];
}

export declare class RequestError extends IamevalError {
  /** Position in the batch, or null for a single request. */
  readonly index: number | null;
}

export declare class FreedHandleError extends IamevalError {}

/**
 * The WebAssembly instance ran out of memory or trapped and was stopped:
 * every later call on that engine and its PolicySets throws this. `code` is
 * `out-of-memory` or `internal-error`. Load a new engine.
 */
export declare class EngineStoppedError extends IamevalError {
  readonly reason: string;
}

// Symbol.dispose for TypeScript libs older than esnext.disposable (as
// @types/node declares it).
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
