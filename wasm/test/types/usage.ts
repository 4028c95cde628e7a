// Compiled by `tsc -p wasm/tsconfig.json` (never run): index.d.ts must accept
// the package's documented uses and reject the mistakes below.

import {
  FreedHandleError,
  IamevalError,
  PolicyError,
  RequestError,
  formatFinding,
  load,
  version,
  type Answer,
  type CheckResult,
  type Decision,
  type ExplainedAnswer,
  type Finding,
  type Policies,
  type PolicySet,
  type Request,
} from '../../index.js';

export async function tour(): Promise<string> {
  const iam = await load();
  const policies: Policies = {
    identity: [{ Version: '2012-10-17', Statement: [] }, '{"Statement": []}'],
    resource: { Version: '2012-10-17', Statement: [] },
    scps: [[{ Version: '2012-10-17', Statement: [] }], []],
  };
  const set: PolicySet = iam.compile(policies, { resourcePolicyKind: 'kmsKey' });
  const request: Request = {
    principal: 'arn:aws:iam::111122223333:user/alice',
    action: 's3:GetObject',
    resource: '*',
    context: { 'aws:TagKeys': ['a', 'b'], 'aws:MultiFactorAuthPresent': true, 's3:max-keys': 10 },
    currentTime: '2026-01-31T12:00:00Z',
  };
  const answer: ExplainedAnswer = set.decide(request, { explain: true });
  const decision: Decision = answer.decision;
  // explain: true types the explanation as present (no `?.`).
  const sids = answer.explanation.determining.map((ref) => ref.sid ?? `#${ref.statementIndex}`);
  const reasons: string[] = set.decideMany([request], { explain: true }).map((a) => a.explanation.reason);
  const oneShot: string = iam.decide(policies, request, { explain: true }).explanation.reason;
  const maybe: Answer = set.decide(request, { explain: Math.random() > 0.5 });
  void maybe.explanation?.reason;
  const answers: Answer[] = set.decideMany([request, JSON.stringify(request)]);
  const checked: CheckResult = iam.check('{}', { kind: 'scp' });
  const findings: Finding[] = [...checked.findings, ...set.findings];
  set.free();
  try {
    iam.decide(policies, request);
  } catch (e) {
    if (e instanceof PolicyError) return `${e.code} ${e.document} ${e.line}:${e.column} ${e.findings.length}`;
    if (e instanceof RequestError) return `${e.index}`;
    if (e instanceof FreedHandleError || e instanceof IamevalError) return e.path;
  }
  return [version, decision, ...sids, ...reasons, oneShot, String(answers.length), ...findings.map((f) => formatFinding(f))].join();
}

export async function mistakes(): Promise<void> {
  const iam = await load();
  // @ts-expect-error: a request needs principal, action and resource
  iam.compile({}).decide({ action: 's3:GetObject' });
  // @ts-expect-error: not a policy kind
  iam.check('{}', { kind: 'bucket' });
  // @ts-expect-error: SCPs are given by organization level
  iam.compile({ scps: [{ Statement: [] }] });
  // @ts-expect-error: without explain: true the explanation may be absent
  void iam.compile({}).decide({ principal: 'p', action: 'a', resource: '*' }).explanation.reason;
  // @ts-expect-error: decisions are these three words
  const d: Decision = 'deny';
  void d;
}

export async function analysis(): Promise<void> {
  const iam = await load();
  const policy = { Version: '2012-10-17', Statement: [] };
  const diff = iam.compare(policy, policy);
  const word: 'PASS' | 'FAIL' | 'UNKNOWN' = diff.result;
  void word;
  for (const c of diff.counterexamples) void c.request.action;
  void iam.compare({ identity: [policy] }, { identity: [policy] }, { kind: 'set' }).requestsDecided;
  void iam.accessNotGranted(policy, { actions: ['iam:*'], resources: ['*'] }).counterexamples;
  void iam.publicAccess(policy, { resource: 'arn:aws:s3:::site' }).findings[0]?.public;
  void iam.externalAccess(policy, { trusted: ['444455556666', 'o-a1b2c3d4e5'] }).findings;
  const text: string = iam.compareJson('{}') + iam.accessJson('{}');
  void text;
  // @ts-expect-error: trusted is account or organization ids, not a number
  iam.externalAccess(policy, { trusted: 444455556666 });
}
