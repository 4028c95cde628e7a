// File: wasm/playground/src/request_form.js
//
// The request form: principal, action, resource, resource account, typed
// context keys (string, number, bool, list), and the rarer options. It reads
// and writes `state.request` and `state.resourceKind`.

import { el } from './dom.js';

const TYPES = [
  ['string', 'string'],
  ['number', 'number'],
  ['bool', 'bool'],
  ['list', 'list'],
];
const FIELDS = ['principal', 'action', 'resource', 'resourceAccount', 'currentTime'];

export class RequestForm {
  /** @param {HTMLFormElement} form  @param {() => void} onChange */
  constructor(form, rowsHost, addButton, onChange) {
    this.form = form;
    this.rowsHost = rowsHost;
    this.onChange = onChange;
    this.state = null;
    form.addEventListener('submit', (e) => e.preventDefault());
    for (const name of FIELDS) {
      form.elements[name].addEventListener('input', (e) => {
        this.state.request[name] = e.target.value;
        this.onChange();
      });
    }
    form.elements.resourceKind.addEventListener('change', (e) => {
      this.state.resourceKind = e.target.value;
      this.onChange();
    });
    addButton.addEventListener('click', () => {
      this.state.request.context.push({ key: '', type: 'string', value: '' });
      this.#renderRows();
      this.rowsHost.lastElementChild?.querySelector('input')?.focus();
      this.onChange();
    });
  }

  /** Shows `state` (after loading an example or a link). */
  load(state) {
    this.state = state;
    for (const name of FIELDS) this.form.elements[name].value = state.request[name] ?? '';
    this.form.elements.resourceKind.value = state.resourceKind;
    if (state.request.currentTime || state.resourceKind !== 'auto') this.form.querySelector('details').open = true;
    this.#renderRows();
  }

  #renderRows() {
    const rows = this.state.request.context;
    this.rowsHost.replaceChildren(
      ...rows.map((row, i) => {
        const key = el('input', { 'aria-label': `Context key ${i + 1}`, placeholder: 'aws:SourceIp', value: row.key });
        const type = el('select', { 'aria-label': `Type of context key ${i + 1}` });
        for (const [value, label] of TYPES) type.append(el('option', { value }, label));
        type.value = row.type;
        const value = this.#valueInput(row, i);
        const remove = el('button', { type: 'button', 'aria-label': `Remove context key ${i + 1}`, title: 'Remove' }, '×');
        key.addEventListener('input', () => {
          row.key = key.value;
          this.onChange();
        });
        type.addEventListener('change', () => {
          row.type = type.value;
          if (row.type === 'bool' && row.value !== 'true' && row.value !== 'false') row.value = 'true';
          this.#renderRows();
          this.onChange();
        });
        remove.addEventListener('click', () => {
          rows.splice(i, 1);
          this.#renderRows();
          this.onChange();
        });
        return el('div', { class: 'context-row' }, key, type, value, remove);
      }),
    );
  }

  #valueInput(row, i) {
    const label = `Value of context key ${i + 1}`;
    if (row.type === 'bool') {
      const select = el('select', { 'aria-label': label });
      select.append(el('option', { value: 'true' }, 'true'), el('option', { value: 'false' }, 'false'));
      select.value = row.value === 'false' ? 'false' : 'true';
      select.addEventListener('change', () => {
        row.value = select.value;
        this.onChange();
      });
      return select;
    }
    const placeholder = { string: '203.0.113.7', number: '3600', list: 'a, b, c' }[row.type];
    const input = el('input', { 'aria-label': label, placeholder, value: row.value });
    if (row.type === 'number') input.setAttribute('inputmode', 'decimal');
    input.addEventListener('input', () => {
      row.value = input.value;
      this.onChange();
    });
    return input;
  }
}
