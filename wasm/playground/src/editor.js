// File: wasm/playground/src/editor.js
//
// One CodeMirror 6 editor for one policy document: JSON highlighting, the
// engine's findings (grammar and lint, one list) as diagnostics styled by
// severity, hover and completion from the IAM catalogue (policy_assist.js),
// and the statements that decided the request highlighted (green for an
// Allow, red for a Deny).

import './adopted_styles.js'; // CodeMirror's themes without inline styles, before any editor
import { basicSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap } from '@codemirror/view';
import { policyAssist } from './policy_assist.js';
import { objectRange, offsetOf, tokenRange } from './text_positions.js';

/**
 * Lint's four grades (spec/lint.md) as CodeMirror's severities, plus a class
 * on the underline so a security warning does not look like a plain one.
 */
const SEVERITY = {
  error: { severity: 'error', markClass: 'cm-sev-error' },
  'security-warning': { severity: 'warning', markClass: 'cm-sev-security' },
  warning: { severity: 'warning', markClass: 'cm-sev-warning' },
  suggestion: { severity: 'info', markClass: 'cm-sev-suggestion' },
};

const setStatements = StateEffect.define();

const statementField = StateField.define({
  create: () => Decoration.none,
  update(decorations, tr) {
    decorations = decorations.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setStatements)) decorations = effect.value;
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { fontSize: '13px', backgroundColor: 'var(--editor-bg)' },
  '.cm-content': { fontFamily: 'var(--mono)' },
  '.cm-gutters': { backgroundColor: 'var(--editor-gutter)', borderRight: '1px solid var(--line)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-stmt-allow': { backgroundColor: 'var(--allow-tint)', boxShadow: 'inset 3px 0 0 var(--allow)' },
  '.cm-stmt-deny': { backgroundColor: 'var(--deny-tint)', boxShadow: 'inset 3px 0 0 var(--deny)' },
  '.cm-sev-security': { backgroundColor: 'var(--security-tint)' },
  '.cm-sev-suggestion': { backgroundImage: 'none', borderBottom: '1px dotted var(--suggestion)' },
  '.cm-tooltip.cm-tooltip-hover': { maxWidth: '34em' },
});

/**
 * Creates an editor in `parent`; `onChange(text)` runs after each edit.
 * `catalogue` (a CatalogueLoader) serves hover and completion; focusing the
 * editor starts loading it, since lint is wanted from then on.
 */
export function createEditor(parent, text, onChange, label, catalogue) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        statementField,
        theme,
        policyAssist(catalogue),
        EditorView.domEventHandlers({ focus: () => void catalogue.ensure() }),
        keymap.of([{ key: 'Escape', run: (view) => (view.contentDOM.blur(), true) }]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

/** Shows the engine's findings (check or lint) for this document as diagnostics. */
export function showFindings(view, findings) {
  const text = view.state.doc.toString();
  const diagnostics = findings.map((f) => {
    const { from, to } = tokenRange(text, offsetOf(text, f.line, f.column));
    const where = f.path ? ` (at ${f.path})` : '';
    return {
      from,
      to,
      ...(SEVERITY[f.severity] ?? SEVERITY.warning),
      source: f.awsCode ? `${f.code} · ${f.awsCode}` : f.code,
      message: `${f.severity}: ${f.message}${where}${f.help ? `. ${f.help}` : ''}`,
    };
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** Highlights the lines of the statements (StatementRefs) that decided. */
export function showStatements(view, refs) {
  const text = view.state.doc.toString();
  const doc = view.state.doc;
  const ranges = [];
  for (const ref of refs) {
    const range = objectRange(text, offsetOf(text, ref.line, ref.column));
    if (!range) continue;
    const cls = ref.effect === 'Deny' ? 'cm-stmt-deny' : 'cm-stmt-allow';
    for (let l = doc.lineAt(range.from).number; l <= doc.lineAt(range.to).number; l++) {
      ranges.push(Decoration.line({ class: cls }).range(doc.line(l).from));
    }
  }
  view.dispatch({ effects: setStatements.of(Decoration.set(ranges, true)) });
}

/** Moves the cursor to `line`:`column` and brings it into view. */
export function reveal(view, line, column) {
  const text = view.state.doc.toString();
  const pos = offsetOf(text, line, column);
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
  view.focus();
}
