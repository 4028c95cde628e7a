// File: wasm/playground/src/new_access.js
//
// Access analysis on the page (issue #15, spec/analysis.md), once the IAM
// catalogue is loaded:
//   * the "new access" panel: the edited policy set compared with the one
//     loaded (the example or link, or the set pinned with "Compare from
//     here"): PASS, FAIL with the requests that prove it (each a button that
//     puts it into the request form), or UNKNOWN with what could not be
//     covered;
//   * a badge on the resource policy: public, cross-account, or neither
//     (Iameval.externalAccess, the owner's account trusted).
// The answers are the engine's (Iameval.compare / externalAccess); this file
// only asks and shows. Analysis runs debounced after edits, and is skipped
// while nothing it reads has changed.
//
// Test hooks: #new-access[data-result] is PASS | FAIL | UNKNOWN | same |
// waiting | error; .doc[data-kind="resource"] .access-badge[data-access] is
// public | external | none | unknown.

import { el, richText } from './dom.js';
import { assemblePolicies, statementDocument } from './state.js';

/** How long after the last edit the analysis runs (it can take a while). */
const ANALYSIS_DELAY = 400;
const SHOWN = 25; // counterexamples listed

/** The form's rows for a request's context object. */
function contextRows(context = {}) {
  return Object.entries(context).map(([key, value]) => {
    if (Array.isArray(value)) return { key, type: 'list', value: value.join(', ') };
    if (typeof value === 'boolean') return { key, type: 'bool', value: String(value) };
    if (typeof value === 'number') return { key, type: 'number', value: String(value) };
    return { key, type: 'string', value: String(value) };
  });
}

/** A counterexample's request as the playground's `state.request`. */
export function requestFromCounterexample(request) {
  return {
    principal: request.principal ?? '',
    action: request.action ?? '',
    resource: request.resource ?? '',
    resourceAccount: request.resourceAccount ?? '',
    currentTime: request.currentTime ?? '',
    context: contextRows(request.context),
  };
}

/** The 12-digit account of an ARN, or ''. */
const arnAccount = (arn) => /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn ?? '')?.[1] ?? '';

export class AccessAnalysis {
  #iam;
  #catalogue;
  #baseline = null; // {policies: JSON text, resourceKind} of the loaded set
  #timer = 0;
  #lastCompare = null; // the input of the answer shown
  #lastBadge = null;

  /**
   * @param {{ root: HTMLElement, pin: HTMLButtonElement, summary: HTMLElement, list: HTMLElement }} view
   * @param {{ iam, catalogue, onPick(request), onReveal(docId, line, column), docTitle(docId), setBadge(docId, badge) }} deps
   */
  constructor(view, deps) {
    this.view = view;
    this.deps = deps;
    this.#iam = deps.iam;
    this.#catalogue = deps.catalogue;
    this.state = null;
    this.resourceKind = 'resource';
    view.pin.addEventListener('click', () => {
      this.#baseline = this.#snapshot();
      this.#lastCompare = null;
      this.run();
    });
  }

  /** The policies as the engine reads them, as text (to compare snapshots). */
  #snapshot() {
    return { policies: JSON.stringify(assemblePolicies(this.state).policies), resourceKind: this.resourceKind };
  }

  /** A new state was loaded (example or link): it is what edits are compared with. */
  load(state, resourceKind) {
    this.state = state;
    this.resourceKind = resourceKind;
    this.#baseline = this.#snapshot();
    this.#lastCompare = null;
    this.#lastBadge = null;
    this.schedule(state, resourceKind);
  }

  /** Runs the analysis a little after the last change. */
  schedule(state, resourceKind) {
    this.state = state;
    this.resourceKind = resourceKind;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.run(), ANALYSIS_DELAY);
  }

  run() {
    clearTimeout(this.#timer);
    if (!this.state) return;
    if (!this.#catalogue.loaded) {
      this.#show('waiting', this.#catalogue.error
        ? `Needs the IAM catalogue, which did not load: ${this.#catalogue.error}`
        : 'Edit a policy: once the IAM catalogue is loaded, your edits are compared with the policies as loaded.');
      return;
    }
    this.#compare();
    this.#badges();
  }

  #compare() {
    const now = this.#snapshot();
    const key = JSON.stringify([this.#baseline, now]);
    if (key === this.#lastCompare) return;
    this.#lastCompare = key;
    if (now.policies === this.#baseline.policies && now.resourceKind === this.#baseline.resourceKind) {
      this.#show('same', 'No change since the policies were loaded.');
      return;
    }
    let answer;
    try {
      answer = this.#iam.compare(JSON.parse(this.#baseline.policies), JSON.parse(now.policies), {
        kind: 'set',
        resourcePolicyKind: now.resourceKind,
        maxCounterexamples: SHOWN,
      });
    } catch (e) {
      this.#show('error', `Cannot compare: ${e?.message ?? e}`);
      return;
    }
    const { where } = assemblePolicies(this.state);
    const count = answer.counterexamples.length;
    const against = `${answer.requestsDecided.toLocaleString('en-US')} requests decided, catalogue of ${answer.catalogue.date}`;
    if (answer.result === 'PASS') {
      this.#show('PASS', `PASS: the edited policies allow nothing the loaded ones did not (${against}).`);
    } else if (answer.result === 'FAIL') {
      this.#show('FAIL', `FAIL: the edited policies allow requests the loaded ones did not. ${count > 1 ? `${count} examples` : 'An example'} (click to decide it):`,
        answer.counterexamples.map((c) => this.#counterexample(c, where)));
    } else {
      this.#show('UNKNOWN', `UNKNOWN: the comparison could not cover every request (${against}):`,
        answer.unknown.map((note) => el('li', { class: 'note' }, ...richText(note.message))));
    }
  }

  /** One counterexample: a button that puts its request into the form. */
  #counterexample(c, where) {
    const r = c.request;
    const granted = (c.grantedBy ?? []).map((ref) => {
      const docId = where.get(statementDocument(ref));
      const title = (docId && this.deps.docTitle(docId)) ?? ref.kind;
      return `${title}${ref.line ? `:${ref.line}:${ref.column}` : ''}${ref.sid ? ` (${ref.sid})` : ''}`;
    });
    const context = Object.keys(r.context ?? {}).length ? ` with ${Object.keys(r.context).join(', ')}` : '';
    return el(
      'li',
      {},
      el(
        'button',
        { type: 'button', class: 'counterexample', onclick: () => this.deps.onPick(requestFromCounterexample(r)) },
        el('span', { class: 'ce-action' }, r.action),
        el('span', { class: 'ce-resource' }, `on ${r.resource}${context}`),
        el('span', { class: 'ce-principal' }, `by ${r.principal}`),
        granted.length ? el('span', { class: 'ce-granted' }, `granted by ${granted.join(', ')}`) : '',
      ),
    );
  }

  #show(result, summary, items = []) {
    this.view.root.dataset.result = result;
    this.view.summary.textContent = summary;
    this.view.list.replaceChildren(...items);
  }

  /** The resource policy's badge: public, cross-account, or neither. */
  #badges() {
    const doc = this.state.docs.find((d) => d.kind === 'resource');
    if (!doc) return;
    const request = this.state.request;
    const ownerAccount = request.resourceAccount.trim() || arnAccount(request.resource);
    const key = JSON.stringify([doc.id, doc.text, this.resourceKind, ownerAccount]);
    if (key === this.#lastBadge) return;
    this.#lastBadge = key;
    let answer;
    try {
      const options = { kind: this.resourceKind };
      if (ownerAccount) options.ownerAccount = ownerAccount;
      answer = this.#iam.externalAccess(doc.text, options);
    } catch {
      this.deps.setBadge(doc.id, null); // a policy with errors: its findings say why
      return;
    }
    const findings = answer.findings ?? [];
    const owner = ownerAccount ? `account ${ownerAccount}` : 'its owner';
    const lines = findings.map((f) => `${f.public ? 'anyone' : f.principal}: ${f.actions.slice(0, 4).join(', ')}${f.actions.length > 4 ? ', …' : ''}`);
    if (findings.some((f) => f.public)) {
      this.deps.setBadge(doc.id, { access: 'public', text: 'public', title: `Public: anyone can call\n${lines.join('\n')}` });
    } else if (findings.length) {
      this.deps.setBadge(doc.id, { access: 'external', text: 'cross-account', title: `Reached from outside ${owner}:\n${lines.join('\n')}` });
    } else if (answer.result === 'PASS') {
      this.deps.setBadge(doc.id, { access: 'none', text: 'not shared', title: `No access from outside ${owner}` });
    } else {
      this.deps.setBadge(doc.id, { access: 'unknown', text: 'access unknown', title: answer.unknown.map((n) => n.message).join('\n') });
    }
  }
}
