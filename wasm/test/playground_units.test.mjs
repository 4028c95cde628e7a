// The playground's page-free modules under Node: positions, state assembly,
// the URL fragment, and every worked example's decision.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { load } from '../index.node.js';
import { requestFromCounterexample } from '../playground/src/new_access.js';
import { policyTokenAt, stringAround } from '../playground/src/policy_assist.js';
import { evaluate } from '../playground/src/evaluate.js';
import { EXAMPLES } from '../playground/src/examples.js';
import { assemblePolicies, assembleRequest, stateFromExample, statementDocument } from '../playground/src/state.js';
import { objectRange, offsetOf, tokenRange } from '../playground/src/text_positions.js';
import { decodeState, encodeState, readState } from '../playground/src/url_state.js';

const iam = await load();

test('offsetOf maps line and code-point column to a UTF-16 offset', () => {
  const text = 'ab\n🙂x\nlast';
  assert.equal(offsetOf(text, 0, 0), 0);
  assert.equal(offsetOf(text, 1, 2), 1);
  assert.equal(offsetOf(text, 2, 2), 5); // after the two code units of 🙂
  assert.equal(offsetOf(text, 3, 1), 7);
  assert.equal(offsetOf(text, 9, 1), text.length);
});

test('tokenRange and objectRange find what a location points at', () => {
  const text = '{"a": "x\\"y", "b": {"c": [1, "}"]}, "d": tru }';
  assert.deepEqual(tokenRange(text, 6), { from: 6, to: 12 }); // "x\"y"
  assert.deepEqual(objectRange(text, 19), { from: 19, to: 34 }); // the `}` in a string does not count
  assert.equal(text.slice(...Object.values(tokenRange(text, text.indexOf('tru')))), 'tru');
  assert.equal(objectRange('no object\n{}', 0), null);
});

test('stringAround finds the JSON string at a position, finished or not', () => {
  const line = '  "Action": ["s3:Get\\"x", "ec2:Ru';
  assert.equal(stringAround(line, 100, 100 + line.indexOf('Action')).text, 'Action');
  assert.equal(stringAround(line, 100, 100 + line.indexOf('Action')).isKey, true);
  const get = stringAround(line, 100, 100 + line.indexOf('Get'));
  assert.deepEqual(get, { from: 100 + line.indexOf('s3'), to: 100 + line.indexOf('x') + 1, text: 's3:Get\\"x', isKey: false });
  assert.equal(stringAround(line, 0, line.length).text, 'ec2:Ru'); // still being typed
  assert.equal(stringAround(line, 0, line.indexOf('[') + 1), null); // between strings
});

test('policyTokenAt tells actions and condition keys from other strings', () => {
  const doc = [
    '{"Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "ec2:Run"], "NotAction": "iam:Pass",',
    '  "Resource": "arn:aws:s3:::b/*",',
    '  "Condition": {"StringEquals": {"aws:Sou": "x", "s3:prefix": "Action"}}}]}',
  ].join('\n');
  const state = EditorState.create({ doc, extensions: [json()] });
  const at = (needle, role) => {
    const token = policyTokenAt(state, doc.indexOf(needle) + 2);
    return token && [token.role, token.text];
  };
  assert.deepEqual(at('s3:Get*'), ['action', 's3:Get*']);
  assert.deepEqual(at('ec2:Run'), ['action', 'ec2:Run']);
  assert.deepEqual(at('iam:Pass'), ['action', 'iam:Pass']);
  assert.deepEqual(at('aws:Sou'), ['conditionKey', 'aws:Sou']);
  assert.deepEqual(at('s3:prefix'), ['conditionKey', 's3:prefix']);
  assert.equal(at('"Action"]'), null); // a condition value that happens to say Action
  assert.equal(at('arn:aws'), null);
  assert.equal(at('Allow'), null);
  assert.equal(at('StringEquals'), null); // an operator, not a key
  // A string still being typed, before the tree has closed it.
  const open = '{"Statement": [{"Action": ["s3:GetOb';
  const openState = EditorState.create({ doc: open, extensions: [json()] });
  assert.deepEqual(policyTokenAt(openState, open.length)?.text, 's3:GetOb');
  assert.deepEqual(policyTokenAt(openState, open.length)?.role, 'action');
  // A condition key being typed: no `:` after it yet, even on a new line.
  for (const typing of [
    '{"Condition": {"StringEquals": {"aws:Sou"}}}',
    '{"Condition": {"StringEquals": {"s3:prefix": "x",\n   "aws:Sou',
  ]) {
    const typingState = EditorState.create({ doc: typing, extensions: [json()] });
    const token = policyTokenAt(typingState, typing.indexOf('aws:Sou') + 3);
    assert.deepEqual([token?.role, token?.text], ['conditionKey', 'aws:Sou'], typing);
  }
  const listed = '{"Condition": {"StringEquals": {"s3:prefix": ["x", "aws:Sou"]}}}';
  const listedState = EditorState.create({ doc: listed, extensions: [json()] });
  assert.equal(policyTokenAt(listedState, listed.indexOf('aws:Sou') + 3), null); // a value in a list
});

test('a counterexample request becomes the form state, context typed', () => {
  const request = requestFromCounterexample({
    principal: 'arn:aws:sts::111122223333:assumed-role/r/s',
    action: 's3:PutObject',
    resource: 'arn:aws:s3:::b/k',
    resourceAccount: '111122223333',
    context: { 'aws:SourceIp': '10.0.0.1', 's3:max-keys': 5, 'aws:SecureTransport': false, 'aws:TagKeys': ['a', 'b'] },
    currentTime: '2026-01-01T00:00:00Z',
  });
  assert.deepEqual(request.context, [
    { key: 'aws:SourceIp', type: 'string', value: '10.0.0.1' },
    { key: 's3:max-keys', type: 'number', value: '5' },
    { key: 'aws:SecureTransport', type: 'bool', value: 'false' },
    { key: 'aws:TagKeys', type: 'list', value: 'a, b' },
  ]);
  // ...and reads back as the same request.
  const back = assembleRequest({ request, resourceKind: 'auto' });
  assert.deepEqual(back.context, { 'aws:SourceIp': '10.0.0.1', 's3:max-keys': 5, 'aws:SecureTransport': false, 'aws:TagKeys': ['a', 'b'] });
  assert.equal(back.action, 's3:PutObject');
  assert.equal(back.currentTime, '2026-01-01T00:00:00Z');
  assert.deepEqual(requestFromCounterexample({ principal: 'p', action: 'a', resource: 'r' }).context, []);
});

test('assemblePolicies numbers documents as the engine does', () => {
  const state = {
    docs: [
      { id: 'a', kind: 'scp', level: 2, text: 'A' },
      { id: 'b', kind: 'identity', level: 0, text: 'B' },
      { id: 'c', kind: 'scp', level: 0, text: 'C' },
      { id: 'd', kind: 'identity', level: 0, text: 'D' },
      { id: 'e', kind: 'scp', level: 2, text: 'E' },
      { id: 'f', kind: 'resource', level: 0, text: 'F' },
    ],
  };
  const { policies, where } = assemblePolicies(state);
  assert.deepEqual(policies, { identity: ['B', 'D'], resource: 'F', scps: [['C'], ['A', 'E']] });
  assert.deepEqual(Object.fromEntries(where), {
    'identity[0]': 'b',
    'identity[1]': 'd',
    resource: 'f',
    'scps[0][0]': 'c',
    'scps[1][0]': 'a',
    'scps[1][1]': 'e',
  });
  assert.equal(statementDocument({ kind: 'scp', level: 1, policyIndex: 1 }), 'scps[1][1]');
  assert.equal(statementDocument({ kind: 'kmsKey', policyIndex: 0 }), 'resource');
});

test('a VPC endpoint document fills the one endpoint slot with its type', () => {
  for (const [kind, type] of [
    ['vpcEndpoint', 'interface'],
    ['gatewayVpcEndpoint', 'gateway'],
  ]) {
    const { policies, where } = assemblePolicies({ docs: [{ id: 'v', kind, level: 0, text: 'V' }] });
    assert.deepEqual(policies, { vpcEndpoint: 'V', vpcEndpointType: type });
    assert.deepEqual(Object.fromEntries(where), { vpcEndpoint: 'v' });
    assert.equal(statementDocument({ kind, policyIndex: 0 }), 'vpcEndpoint');
  }
});

test('assembleRequest types the context values', () => {
  const state = stateFromExample('cross-account-s3');
  state.request.context = [
    { key: 'aws:SourceIp', type: 'string', value: '203.0.113.7' },
    { key: 's3:max-keys', type: 'number', value: '10' },
    { key: 'aws:SecureTransport', type: 'bool', value: 'false' },
    { key: 'aws:TagKeys', type: 'list', value: 'a, b' },
    { key: '', type: 'string', value: 'ignored' },
  ];
  assert.deepEqual(assembleRequest(state).context, {
    'aws:SourceIp': '203.0.113.7',
    's3:max-keys': 10,
    'aws:SecureTransport': false,
    'aws:TagKeys': ['a', 'b'],
  });
  state.request.context = [{ key: 'n', type: 'number', value: 'ten' }];
  assert.throws(() => assembleRequest(state), /needs a number/);
});

test('the URL fragment round-trips the state', async () => {
  const state = stateFromExample('scp-region-guard');
  state.resourceKind = 'kmsKey';
  const fragment = await encodeState(state);
  assert.match(fragment, /^s=1\.[A-Za-z0-9_-]+$/);
  const back = await decodeState(fragment);
  const strip = (s) => ({ ...s, docs: s.docs.map(({ id, ...d }) => d) });
  assert.deepEqual(strip(back), strip(state));
  assert.equal(await decodeState('s=1.garbage'), null);
  assert.equal(await decodeState(''), null);
});

test('a crafted or damaged link is refused with a reason, never half-read', async () => {
  const link = (value) => `s=0.${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
  assert.deepEqual(await readState(''), {});
  for (const [value, reason] of [
    [{ d: [], r: { context: [null] } }, /context key 1 is not an object/],
    [{ d: [], r: { context: [{ key: 'k', type: 'eval', value: '' }] } }, /context key 1 is not \{key, type, value\}/],
    [{ d: [], r: { context: 'x' } }, /context is not a list/],
    [{ d: [], r: [] }, /the request\) is not an object/],
    [{ d: [], r: { principal: 7 } }, /`principal` is not a string/],
    [{ d: [null] }, /policy 1 is not \[kind, level, text\]/],
    [{ d: [['identity', 0, {}]] }, /policy 1's text is not a string/],
    [{ d: [['identity', -1, '{}']] }, /policy 1 has a bad level/],
    [{ d: [['root', 0, '{}']] }, /policy 1 has an unknown kind/],
    [{ d: 'x' }, /is not a list/],
    [[], /the state is not an object/],
    [null, /the state is not an object/],
  ]) {
    const { state, error } = await readState(link(value));
    assert.equal(state, undefined, JSON.stringify(value));
    assert.match(error, reason, JSON.stringify(value));
  }
  assert.match((await readState('s=1.garbage')).error, /damaged/);
  assert.match((await readState('s=0.bm90IGpzb24')).error, /damaged/);
  assert.match((await readState('anchor')).error, /does not hold a playground state/);
  const ok = await readState(link({ d: [['scp', 1, '{}']], r: { action: 's3:GetObject', context: [{ key: 'k', type: 'bool', value: 'true' }] } }));
  assert.equal(ok.error, undefined);
  assert.equal(ok.state.docs[0].level, 1);
  assert.equal(ok.state.request.action, 's3:GetObject');
  assert.equal(ok.state.request.principal, '');
});

test('every example decides what it says, with its statements located', () => {
  for (const example of EXAMPLES) {
    const state = stateFromExample(example.id);
    const result = evaluate(iam, state);
    assert.equal(result.outcome, 'decided', example.id);
    assert.equal(result.answer.decision, example.expect, example.id);
    for (const [id, findings] of result.findings) {
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), [], `${example.id} ${id}`);
    }
    const located = [...result.statements.values()].flat().length;
    assert.equal(located, result.answer.explanation.determining.length, example.id);
  }
});

test('evaluate reports policy errors instead of a decision, and request errors', () => {
  const state = stateFromExample('cross-account-s3');
  state.docs[0].text = '{"Version": "2012-10-17", "Statement": [}';
  let result = evaluate(iam, state);
  assert.equal(result.outcome, 'policy-error');
  assert.equal(result.policyFindings[0].docId, state.docs[0].id);
  assert.equal(result.findings.get(state.docs[0].id)[0].code, 'invalid-json');

  state.docs[0].text = stateFromExample('cross-account-s3').docs[0].text;
  state.request.action = 'GetObject'; // the engine fails closed, with the reason
  result = evaluate(iam, state);
  assert.equal(result.answer.decision, 'implicitDeny');
  assert.equal(result.answer.error, 'invalid-request');
  assert.match(result.answer.message, /action/);
  state.request.context = [{ key: 'n', type: 'number', value: 'ten' }];
  assert.equal(evaluate(iam, state).outcome, 'request-error');
});
