// File: wasm/playground/src/main.js
//
// Boots the playground: loads the engine, restores the state from the URL
// fragment (or the first example), and re-evaluates as the user types. The
// IAM catalogue (lint, hover, completion) loads only once an editor is
// focused, hovered or completed in (catalogue.js).
// Test hooks: body[data-ready] once the first decision is shown;
// #decision[data-decision] is allowed | explicitDeny | implicitDeny |
// policy-error | request-error; body[data-catalogue] (catalogue.js).

import { load } from '../../index.js';
import { AccessAnalysis } from './new_access.js';
import { CatalogueLoader } from './catalogue.js';
import { DecisionView } from './decision_view.js';
import { DocPanels } from './doc_panels.js';
import { richText } from './dom.js';
import { evaluate } from './evaluate.js';
import { EXAMPLES, findExample } from './examples.js';
import { RequestForm } from './request_form.js';
import { newDocId, stateFromExample } from './state.js';
import { encodeState, readState } from './url_state.js';

const $ = (id) => document.getElementById(id);
const STARTER = {
  identity: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
  resource: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }],
  },
  permissionsBoundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  session: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  scp: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  rcp: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  },
  // AWS's default endpoint policy; a gateway endpoint's names callers in conditions.
  vpcEndpoint: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
  gatewayVpcEndpoint: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } }],
  },
};

const ENDPOINT_KINDS = ['vpcEndpoint', 'gatewayVpcEndpoint'];

/** Debounce of edits: the request form's, and a policy editor's (lint as you type). */
const FORM_DELAY = 40;
const EDITOR_DELAY = 150;

let iam;
let catalogue;
let state;
let panels;
let form;
let decision;
let access;
let timer = 0;
let urlTimer = 0;

function refreshSoon(delay = FORM_DELAY) {
  clearTimeout(timer);
  timer = setTimeout(refresh, delay);
}

function refresh() {
  clearTimeout(timer);
  const result = evaluate(iam, state, { lint: catalogue.loaded });
  panels.show(result);
  decision.render(result, (id) => panels.panels.get(id)?.title.textContent ?? null);
  access.schedule(state, result.resourceKind);
  $('docs-empty').hidden = state.docs.length > 0;
  document.body.dataset.ready = 'true';
  clearTimeout(urlTimer);
  urlTimer = setTimeout(saveToUrl, 250);
  return result;
}

async function saveToUrl() {
  const fragment = await encodeState(state);
  if (location.hash.slice(1) !== fragment) history.replaceState(null, '', `#${fragment}`);
}

function showState(next) {
  state = next;
  const example = state.example ? findExample(state.example) : null;
  $('example').value = example ? example.id : '';
  $('example-note').hidden = !example;
  $('example-note').replaceChildren(...richText(example ? example.note : ''));
  panels.sync(state);
  form.load(state);
  access.load(state, refresh().resourceKind);
}

function addDoc(kind) {
  const endpoint = ENDPOINT_KINDS.includes(kind);
  const existing = state.docs.find((d) => d.kind === kind || (endpoint && ENDPOINT_KINDS.includes(d.kind)));
  if (existing && (kind === 'resource' || kind === 'permissionsBoundary' || endpoint)) {
    panels.reveal(existing.id, 1, 1); // only one of these per request
    return;
  }
  // A request through an endpoint says which one (the engine refuses it otherwise).
  if (endpoint && !state.request.context.some((row) => row.key.toLowerCase() === 'aws:sourcevpce')) {
    state.request.context.push({ key: 'aws:SourceVpce', type: 'string', value: 'vpce-1a2b3c4d' });
    form.load(state);
  }
  const level = kind === 'scp' || kind === 'rcp' ? Math.max(-1, ...state.docs.filter((d) => d.kind === kind).map((d) => d.level)) + 1 : 0;
  const doc = { id: newDocId(), kind, level, text: JSON.stringify(STARTER[kind], null, 2) };
  state.docs.push(doc);
  panels.sync(state);
  refresh();
  panels.reveal(doc.id, 1, 1);
}

async function main() {
  const select = $('example');
  for (const example of EXAMPLES) {
    const option = document.createElement('option');
    option.value = example.id;
    option.textContent = example.title;
    select.append(option);
  }
  try {
    iam = await load();
  } catch (e) {
    $('decision-word').textContent = 'The engine did not load';
    $('decision-reason').textContent = String(e?.message ?? e);
    throw e;
  }

  catalogue = new CatalogueLoader(iam, () => {
    showLintStatus();
    refresh();
  });
  panels = new DocPanels($('docs'), {
    onText(id, text) {
      const doc = state.docs.find((d) => d.id === id);
      if (doc) doc.text = text;
      refreshSoon(EDITOR_DELAY);
    },
    onLevel(id, level) {
      state.docs.find((d) => d.id === id).level = level;
      panels.sync(state);
      refresh();
    },
    onRemove(id) {
      state.docs = state.docs.filter((d) => d.id !== id);
      panels.sync(state);
      refresh();
    },
  }, catalogue);
  showLintStatus();
  form = new RequestForm($('request-form'), $('context-rows'), $('add-context'), refreshSoon);
  decision = new DecisionView($('decision'), (id, line, column) => panels.reveal(id, line, column));
  access = new AccessAnalysis(
    { root: $('new-access'), pin: $('new-access-pin'), summary: $('new-access-summary'), list: $('new-access-list') },
    {
      iam,
      catalogue,
      docTitle: (id) => panels.panels.get(id)?.title.textContent ?? null,
      setBadge: (id, badge) => panels.setBadge(id, badge),
      onPick(request) {
        state.request = request;
        form.load(state);
        refresh();
      },
    },
  );

  select.addEventListener('change', () => {
    if (select.value) showState(stateFromExample(select.value));
  });
  for (const button of document.querySelectorAll('[data-add]')) {
    button.addEventListener('click', () => addDoc(button.dataset.add));
  }
  $('share').addEventListener('click', async () => {
    await saveToUrl();
    const status = $('share-status');
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = 'Link copied';
    } catch {
      status.textContent = 'Copy the address bar';
    }
    setTimeout(() => (status.textContent = ''), 2500);
  });
  window.addEventListener('hashchange', () => showLink(location.hash.slice(1)));
  await showLink(location.hash.slice(1));
}

/** Says which catalogue lint uses, or that it loads on first edit. */
function showLintStatus() {
  const info = catalogue.info;
  $('lint-status').textContent = info
    ? `Linted against the IAM catalogue of ${info.date} (${info.services} services, ${info.actions.toLocaleString('en-US')} actions). Hover an action to expand it; Ctrl+Space completes.`
    : catalogue.error
      ? `Lint is off: ${catalogue.error}`
      : 'Lint against the IAM catalogue starts when you edit a policy.';
}

/**
 * Shows the state a link holds. A malformed or crafted link never leaves the
 * page frozen: it shows why the link was not read, and the first example.
 */
async function showLink(fragment) {
  const { state: linked, error } = await readState(fragment);
  let problem = error ?? null;
  if (linked) {
    try {
      showState(linked);
      showLinkError(null);
      return;
    } catch (e) {
      problem = `the page could not show it (${e?.message ?? e})`;
    }
  }
  showState(stateFromExample(EXAMPLES[0].id));
  showLinkError(problem);
}

function showLinkError(problem) {
  const note = $('link-error');
  note.hidden = !problem;
  note.textContent = problem ? `This link could not be opened: ${problem}. Showing the first example instead.` : '';
}

main();
