// File: wasm/playground/src/decision_view.js
//
// The decision card: the decision in large type and its color, the engine's
// one-sentence reason, the statements that decided (each a button that jumps
// to it), and what every policy kind said. For a policy or request error it
// says what to fix instead.

import { el, richText } from './dom.js';
import { statementDocument } from './state.js';

const WORDS = {
  allowed: 'Allowed',
  explicitDeny: 'Explicitly denied',
  implicitDeny: 'Implicitly denied',
};

const KIND_LABELS = {
  identity: 'identity',
  resource: 'resource policy',
  roleTrust: 'trust policy',
  kmsKey: 'key policy',
  permissionsBoundary: 'boundary',
  session: 'session',
  scp: 'SCP',
  rcp: 'RCP',
};

const VERDICT_WORDS = { allowed: 'allows', denied: 'denies', noMatch: 'no match', notApplicable: 'n/a' };

function kindName(item) {
  const label = KIND_LABELS[item.kind] ?? item.kind;
  return item.level !== undefined ? `${label} level ${item.level}` : label;
}

export class DecisionView {
  /** @param {(docId, line, column) => void} onReveal */
  constructor(root, onReveal) {
    this.root = root;
    this.word = root.querySelector('#decision-word');
    this.reason = root.querySelector('#decision-reason');
    this.details = root.querySelector('#decision-details');
    this.onReveal = onReveal;
  }

  /**
   * @param result what evaluate() returned
   * @param docTitle doc id -> the title its panel shows
   */
  render(result, docTitle) {
    if (result.outcome === 'request-error') {
      this.#set('request-error', 'Incomplete request', result.message);
      this.details.replaceChildren(el('p', { class: 'note' }, 'Fill in principal, action and resource to get a decision.'));
      return;
    }
    if (result.outcome === 'policy-error') {
      this.#set('policy-error', 'A policy has errors', 'AWS would reject it, so there is no decision until it is fixed.');
      const errors = result.policyFindings.filter((f) => f.severity === 'error');
      this.details.replaceChildren(
        el(
          'ul',
          { class: 'finding-links' },
          ...errors.map((f) =>
            el(
              'li',
              {},
              el(
                'button',
                { type: 'button', onclick: () => f.docId && this.onReveal(f.docId, f.line, f.column) },
                el('span', { class: 'where' }, `${docTitle(f.docId) ?? f.document}${f.line ? `:${f.line}:${f.column}` : ''}`),
                ...richText(f.message),
              ),
            ),
          ),
        ),
      );
      return;
    }
    const { answer } = result;
    const explanation = answer.explanation;
    this.#set(answer.decision, WORDS[answer.decision], explanation.reason || answer.message || answer.error);
    const parts = [];
    if (explanation.determining.length) {
      parts.push(el('h4', {}, answer.decision === 'allowed' ? 'Granted by' : 'Denied by'));
      parts.push(
        el(
          'ul',
          { class: 'statements' },
          ...explanation.determining.map((ref) => {
            const docId = result.where.get(statementDocument(ref));
            const title = docTitle(docId) ?? kindName(ref);
            const name = ref.sid ? ref.sid : `Statement[${ref.statementIndex}]`;
            return el(
              'li',
              {},
              el(
                'button',
                { type: 'button', onclick: () => docId && this.onReveal(docId, ref.line, ref.column) },
                el('span', { class: `effect effect-${ref.effect}` }, ref.effect),
                el('span', {}, el('strong', {}, name), ` in ${title}`),
                el('span', { class: 'loc' }, ref.line ? `line ${ref.line}` : ''),
              ),
            );
          }),
        ),
      );
    }
    if (explanation.notes?.length) {
      parts.push(el('ul', { class: 'notes' }, ...explanation.notes.map((n) => el('li', { class: 'note' }, ...richText(n)))));
    }
    if (explanation.failedConditions?.length) {
      parts.push(el('h4', {}, 'Conditions that failed'));
      parts.push(
        el(
          'ul',
          { class: 'statements' },
          ...explanation.failedConditions.map((f) => {
            const docId = result.where.get(statementDocument(f));
            const title = docTitle(docId) ?? kindName(f);
            const name = f.sid ? f.sid : `Statement[${f.statementIndex}]`;
            return el(
              'li',
              {},
              el(
                'button',
                { type: 'button', onclick: () => docId && this.onReveal(docId, f.line, f.column) },
                el('span', { class: `effect effect-${f.effect}` }, f.effect),
                el('span', {}, el('strong', {}, name), ` in ${title}: ${f.operator} ${f.conditionKey}${f.keyMissing ? ' (not in the request)' : ''}`),
              ),
            );
          }),
        ),
      );
    }
    if (explanation.missingKeys?.length) {
      parts.push(el('h4', {}, 'Keys consulted but not in the request'));
      parts.push(
        el(
          'ul',
          { class: 'missing-keys' },
          ...explanation.missingKeys.map((k) =>
            el('li', {}, `${k.key}: ${k.couldChangeDecision ? 'could change the decision' : 'would not change it'}${k.alwaysSet ? ' (AWS always sets it)' : ''}`),
          ),
        ),
      );
    }
    if (explanation.verdicts.length) {
      parts.push(el('h4', {}, 'Each policy kind'));
      parts.push(
        el(
          'ul',
          { class: 'verdicts' },
          ...explanation.verdicts.map((v) =>
            el('li', { class: `v-${v.verdict}` }, `${kindName(v)}: ${VERDICT_WORDS[v.verdict] ?? v.verdict}`),
          ),
        ),
      );
    }
    const warnings = answer.findings?.filter((f) => f.severity === 'warning').length ?? 0;
    if (warnings) parts.push(el('p', { class: 'note' }, `${warnings} warning${warnings > 1 ? 's' : ''} in the policies: see the editors.`));
    this.details.replaceChildren(...parts);
  }

  #set(state, word, reason) {
    this.root.dataset.decision = state;
    this.word.textContent = word;
    this.reason.replaceChildren(...richText(reason ?? ''));
  }
}
