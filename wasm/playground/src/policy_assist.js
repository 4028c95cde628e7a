// File: wasm/playground/src/policy_assist.js
//
// What an editor knows about the policy under the cursor, from the IAM
// catalogue: hover on an action pattern shows what it expands to (the
// engine's expand), and completion offers service prefixes and actions in
// `Action` / `NotAction`, and condition keys in `Condition` blocks. Both
// wait for the catalogue on first use (catalogue.js loads it lazily).
//
// Where the cursor is: the JSON string around it, found on its line (so a
// string still being typed, without its closing quote, counts), and the
// names of the properties that enclose it, from CodeMirror's JSON syntax
// tree (which stays usable before the string: Lezer recovers from errors).

import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';

/** How many expansions a hover lists (scrolling) before "and N more". */
const HOVER_LIMIT = 200;
const ACTION_FIELDS = new Set(['Action', 'NotAction']);

/**
 * The JSON string around `pos`, or null: `{from, to}` the offsets of its
 * contents (inside the quotes; `to` is the line's end when unterminated),
 * `text`, and `isKey` when a `:` follows it.
 */
export function stringAround(lineText, lineFrom, pos) {
  const at = pos - lineFrom;
  let start = -1;
  for (let i = 0; i < at; i++) {
    const ch = lineText[i];
    if (start >= 0 && ch === '\\') i++;
    else if (ch === '"') start = start >= 0 ? -1 : i;
  }
  if (start < 0) return null;
  let end = at;
  while (end < lineText.length && lineText[end] !== '"') end += lineText[end] === '\\' ? 2 : 1;
  end = Math.min(end, lineText.length);
  const isKey = /^"\s*:/.test(lineText.slice(end));
  return { from: lineFrom + start + 1, to: lineFrom + end, text: lineText.slice(start + 1, end), isKey };
}

/**
 * The syntax tree up to `pos`: parsed now if the background parse (which
 * works to a time budget) has not got there yet.
 */
const treeUpTo = (state, pos) => ensureSyntaxTree(state, pos, 200) ?? syntaxTree(state);

/** Names of the properties enclosing the node at `pos`, innermost first. */
function enclosingNames(state, pos) {
  const names = [];
  for (let node = treeUpTo(state, pos).resolveInner(pos, 1); node; node = node.parent) {
    if (node.name !== 'Property') continue;
    const name = node.firstChild;
    if (name?.name === 'PropertyName' && name.to - name.from >= 2) {
      names.push(state.sliceDoc(name.from + 1, name.to - 1));
    }
  }
  return names;
}

/**
 * Whether the string whose opening quote is at `quote` stands where an
 * object's property name goes: after `{`, or after `,` inside an object. A key
 * being typed has no `:` after it yet.
 */
function isPropertyName(state, quote) {
  let i = quote - 1;
  while (i >= 0 && /\s/.test(state.sliceDoc(i, i + 1))) i--;
  const before = i < 0 ? '' : state.sliceDoc(i, i + 1);
  if (before === '{') return true;
  if (before !== ',') return false;
  for (let node = treeUpTo(state, quote).resolveInner(i, 1); node; node = node.parent) {
    if (node.name === 'Object') return true;
    if (node.name === 'Array') return false;
  }
  return false;
}

/**
 * What the string at `pos` is: `{role: 'action' | 'conditionKey', from, to,
 * text}` for an entry of Action/NotAction or a key of a Condition operator,
 * else null.
 */
export function policyTokenAt(state, pos) {
  const line = state.doc.lineAt(pos);
  const string = stringAround(line.text, line.from, pos);
  if (!string) return null;
  string.isKey ||= isPropertyName(state, string.from - 1);
  const names = enclosingNames(state, string.from - 1);
  // A property name's own Property encloses it; its parents come after.
  if (string.isKey) {
    const own = names[0] === string.text ? 1 : 0;
    if (names[own + 1] === 'Condition') return { role: 'conditionKey', ...string };
    return null;
  }
  if (ACTION_FIELDS.has(names[0])) return { role: 'action', ...string };
  return null;
}

/** The hover's contents: what an action pattern expands to. */
function expansionView(pattern, actions, info) {
  const dom = document.createElement('div');
  dom.className = 'cm-expansion';
  const head = document.createElement('div');
  head.className = 'cm-expansion-head';
  const code = document.createElement('code');
  code.textContent = pattern;
  const count = actions.length;
  head.append(
    code,
    count === 0 ? ' matches no action' : count === 1 && actions[0].toLowerCase() === pattern.toLowerCase()
      ? ' is an action'
      : ` matches ${count.toLocaleString('en-US')} action${count > 1 ? 's' : ''}`,
  );
  dom.append(head);
  if (count > 0 && !(count === 1 && actions[0].toLowerCase() === pattern.toLowerCase())) {
    const list = document.createElement('ul');
    list.className = 'cm-expansion-list';
    for (const name of actions.slice(0, HOVER_LIMIT)) {
      const item = document.createElement('li');
      item.textContent = name;
      list.append(item);
    }
    dom.append(list);
    if (count > HOVER_LIMIT) {
      const more = document.createElement('div');
      more.className = 'cm-expansion-more';
      more.textContent = `and ${(count - HOVER_LIMIT).toLocaleString('en-US')} more`;
      dom.append(more);
    }
  }
  const source = document.createElement('div');
  source.className = 'cm-expansion-source';
  source.textContent = info ? `IAM catalogue of ${info.date}` : '';
  dom.append(source);
  return dom;
}

/** Hover on an action pattern: the actions it matches. */
function actionHover(catalogue) {
  return hoverTooltip(async (view, pos) => {
    const token = policyTokenAt(view.state, pos);
    if (token?.role !== 'action' || token.text === '') return null;
    if (!(await catalogue.ensure())) return null;
    const actions = catalogue.expand(token.text);
    return {
      pos: token.from,
      end: token.to,
      above: true,
      create: () => ({ dom: expansionView(token.text, actions, catalogue.info) }),
    };
  });
}

/** The service prefixes named in the statement around `pos` (to rank keys). */
function statementServices(state, pos) {
  let object = null;
  let statement = null;
  for (let node = treeUpTo(state, pos).resolveInner(pos, 1); node && !statement; node = node.parent) {
    if (node.name === 'Object') object = node;
    const name = node.name === 'Property' ? node.firstChild : null;
    if (name?.name === 'PropertyName' && state.sliceDoc(name.from, name.to) === '"Statement"') statement = object;
  }
  const text = statement ? state.sliceDoc(statement.from, statement.to) : state.doc.toString();
  const services = new Set();
  for (const match of text.matchAll(/"([A-Za-z0-9-]+):[A-Za-z0-9*?]+"/g)) services.add(match[1].toLowerCase());
  return services;
}

/** Completion of services, actions and condition keys from the catalogue. */
async function complete(catalogue, context) {
  const token = policyTokenAt(context.state, context.pos);
  if (!token) return null;
  if (!context.explicit && context.pos === token.from) return null; // just opened a string
  if (!(await catalogue.ensure()) || context.aborted) return null;
  const typed = context.state.sliceDoc(token.from, context.pos);
  if (token.role === 'action') {
    const colon = typed.indexOf(':');
    if (colon < 0) {
      return {
        from: token.from,
        options: catalogue.names().services.map((s) => ({ label: `${s.prefix}:`, detail: s.title, type: 'namespace' })),
        validFor: /^[A-Za-z0-9-]*$/,
      };
    }
    return {
      from: token.from,
      options: catalogue.actionsOf(typed.slice(0, colon)).map((name) => ({ label: name, type: 'function' })),
      validFor: /^[A-Za-z0-9-]+:[A-Za-z0-9*?]*$/,
    };
  }
  const services = statementServices(context.state, token.from);
  return {
    from: token.from,
    options: catalogue.names().conditionKeys.map((k) => {
      const prefix = k.name.slice(0, k.name.indexOf(':')).toLowerCase();
      return { label: k.name, detail: k.type, type: 'property', boost: services.has(prefix) ? 2 : k.global ? 1 : 0 };
    }),
    validFor: /^[\w.:/${}-]*$/,
  };
}

/** The editor extensions: hover and completion over `catalogue` (a CatalogueLoader). */
export function policyAssist(catalogue) {
  // One source function: the completion state knows its sources by identity.
  const data = [{ autocomplete: (context) => complete(catalogue, context) }];
  return [actionHover(catalogue), EditorState.languageData.of(() => data)];
}
