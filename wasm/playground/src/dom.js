// File: wasm/playground/src/dom.js
//
// Two small helpers for building the page without a framework.

/** `el('button', {class: 'x', onclick: f}, 'text', child)` */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** Engine messages quote user input in backticks: show those parts as code. */
export function richText(text) {
  return text.split('`').map((part, i) => (i % 2 ? el('code', {}, part) : document.createTextNode(part)));
}
