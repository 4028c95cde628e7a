// File: wasm/playground/src/doc_panels.js
//
// The list of policy documents on the page: one panel per document with its
// title, organization level (SCPs, RCPs), a CodeMirror editor and the list
// of its findings (grammar and lint in one list, styled by severity). Panels are keyed by document id, so editors survive
// re-ordering, additions and removals.

import { createEditor, reveal, showFindings, showStatements } from './editor.js';
import { el, richText } from './dom.js';
import { DOC_KINDS, LEVEL_NAMES, orderedDocs } from './state.js';

/** How the resource policy is read, when it is not a plain resource policy. */
const READ_AS = { roleTrust: 'read as a role trust policy', kmsKey: 'read as a KMS key policy' };

const kindInfo = (kind) => DOC_KINDS.find((k) => k.kind === kind);

/** Lint's grades, gravest first, with their plural names (spec/lint.md). */
const GRADES = [
  ['error', 'errors'],
  ['security-warning', 'security warnings'],
  ['warning', 'warnings'],
  ['suggestion', 'suggestions'],
];

/** `1 error, 2 warnings`, or `valid`; and the class of the gravest grade. */
function summary(findings) {
  const parts = [];
  let gravest = null;
  for (const [grade, plural] of GRADES) {
    const n = findings.filter((f) => f.severity === grade).length;
    if (n === 0) continue;
    gravest ??= grade;
    parts.push(`${n} ${n > 1 ? plural : plural.slice(0, -1)}`);
  }
  return { text: parts.length ? parts.join(', ') : 'valid', gravest };
}

const STATUS_CLASS = { error: ' bad', 'security-warning': ' sec', warning: ' warn', suggestion: ' note' };

export class DocPanels {
  /**
   * @param {HTMLElement} container
   * @param {{ onText(id, text), onLevel(id, level), onRemove(id) }} handlers
   * @param {object} catalogue the CatalogueLoader behind hover and completion
   */
  constructor(container, handlers, catalogue) {
    this.container = container;
    this.handlers = handlers;
    this.catalogue = catalogue;
    this.panels = new Map(); // doc id -> { root, title, status, view, findings, levelSelect }
  }

  /** Makes the panels match `state.docs` (order, titles, levels). */
  sync(state) {
    const docs = orderedDocs(state);
    const live = new Set(docs.map((d) => d.id));
    for (const [id, panel] of this.panels) {
      if (!live.has(id)) {
        panel.view.destroy();
        panel.root.remove();
        this.panels.delete(id);
      }
    }
    const counters = new Map();
    for (const doc of docs) {
      const panel = this.panels.get(doc.id) ?? this.#create(doc);
      const info = kindInfo(doc.kind);
      const n = (counters.get(doc.kind) ?? 0) + 1;
      counters.set(doc.kind, n);
      const count = docs.filter((d) => d.kind === doc.kind).length;
      panel.title.textContent = info.many && count > 1 ? `${info.label} ${n}` : info.label;
      panel.removeButton.setAttribute('aria-label', `Remove ${panel.title.textContent}`);
      if (panel.levelSelect) panel.levelSelect.value = String(doc.level);
      if (panel.view.state.doc.toString() !== doc.text) {
        panel.view.dispatch({ changes: { from: 0, to: panel.view.state.doc.length, insert: doc.text } });
      }
      this.container.append(panel.root); // re-appending moves it into order
    }
  }

  #create(doc) {
    const info = kindInfo(doc.kind);
    const title = el('h3');
    const status = el('span', { class: 'doc-status' });
    const removeButton = el('button', { class: 'doc-remove', type: 'button', title: 'Remove this policy' }, '×');
    removeButton.addEventListener('click', () => this.handlers.onRemove(doc.id));
    let levelSelect = null;
    const head = el('header', { class: 'doc-head' }, el('span', { class: 'kind-badge' }, info.kind === 'permissionsBoundary' ? 'boundary' : info.kind), title);
    if (info.levels) {
      levelSelect = el('select', { 'aria-label': 'Organization level' });
      LEVEL_NAMES.forEach((name, level) => levelSelect.append(el('option', { value: String(level) }, `level ${level} · ${name}`)));
      levelSelect.addEventListener('change', () => this.handlers.onLevel(doc.id, Number(levelSelect.value)));
      head.append(el('label', {}, 'at', levelSelect));
    }
    const hint = el('span', { class: 'doc-hint' });
    const accessBadge = el('span', { class: 'access-badge', hidden: '' });
    head.append(hint, accessBadge, status, removeButton);
    const editorHost = el('div', { class: 'editor' });
    const findings = el('ul', { class: 'findings', 'aria-label': 'Findings' });
    const root = el('article', { class: 'doc', 'data-kind': doc.kind, 'data-doc-id': doc.id }, head, editorHost, findings);
    const view = createEditor(editorHost, doc.text, (text) => this.handlers.onText(doc.id, text), `${info.label} (JSON)`, this.catalogue);
    const panel = { root, title, hint, accessBadge, status, view, findings, levelSelect, removeButton };
    this.panels.set(doc.id, panel);
    return panel;
  }

  /** Shows one evaluation: findings, statuses, decided statements. */
  show(result) {
    for (const [id, panel] of this.panels) {
      const findings = result.findings.get(id) ?? [];
      const refs = result.statements.get(id) ?? [];
      showFindings(panel.view, findings);
      showStatements(panel.view, refs);
      const doc = result.docs?.get(id);
      panel.hint.textContent = doc?.kind === 'resource' ? (READ_AS[result.resourceKind] ?? '') : '';
      const errors = findings.filter((f) => f.severity === 'error').length;
      const { text, gravest } = summary(findings);
      panel.status.className = `doc-status${STATUS_CLASS[gravest] ?? ''}`;
      panel.status.textContent = text;
      panel.root.classList.toggle('has-errors', errors > 0);
      panel.root.classList.toggle('decided-allow', refs.some((r) => r.effect === 'Allow'));
      panel.root.classList.toggle('decided-deny', refs.some((r) => r.effect === 'Deny'));
      panel.findings.replaceChildren(
        ...findings.map((f) =>
          el(
            'li',
            { class: `sev-${f.severity}`, 'data-code': f.code },
            el(
              'button',
              { type: 'button', onclick: () => reveal(panel.view, f.line, f.column) },
              el('span', { class: 'where' }, f.line ? `line ${f.line}, col ${f.column}` : 'document'),
              el('span', { class: 'sev' }, f.severity),
              el('span', { class: 'msg' }, ...richText(f.message), ...(f.help ? [el('span', { class: 'help' }, ...richText(f.help))] : [])),
              el('span', { class: 'code', title: f.awsCode ? `Access Analyzer: ${f.awsCode}` : '' }, f.code),
            ),
          ),
        ),
      );
    }
  }

  /**
   * The access analysis' badge on a resource policy (new_access.js):
   * `{access, text, title}`, or null for none.
   */
  setBadge(id, badge) {
    const node = this.panels.get(id)?.accessBadge;
    if (!node) return;
    node.hidden = !badge;
    node.textContent = badge?.text ?? '';
    node.title = badge?.title ?? '';
    if (badge) node.dataset.access = badge.access;
    else delete node.dataset.access;
  }

  /** Puts the cursor of document `id` at `line`:`column`. */
  reveal(id, line, column) {
    const panel = this.panels.get(id);
    if (!panel) return;
    panel.root.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    reveal(panel.view, line, column);
  }
}
