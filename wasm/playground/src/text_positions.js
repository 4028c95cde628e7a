// File: wasm/playground/src/text_positions.js
//
// From the engine's locations (1-based line, column in Unicode code points)
// to offsets in a document's text (UTF-16 code units, as editors count), and
// the extent of what starts there. Pure functions over strings.

/** Offset of `line`:`column` in `text`; line 0 (unknown) is the start. */
export function offsetOf(text, line, column) {
  if (!line) return 0;
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const end = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  for (let c = 1; c < column && offset < end; c++) {
    offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  }
  return offset;
}

/** Offset just past the JSON string starting at `from` (a `"`). */
function stringEnd(text, from) {
  let i = from + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/**
 * The range to underline for a finding at `from`: a whole string, the rest
 * of the line for an object or array, else the token up to a delimiter.
 */
export function tokenRange(text, from) {
  if (from >= text.length) return { from: text.length, to: text.length };
  const ch = text[from];
  if (ch === '"') return { from, to: stringEnd(text, from) };
  if (ch === '{' || ch === '[') {
    const eol = text.indexOf('\n', from);
    return { from, to: eol < 0 ? text.length : eol };
  }
  let to = from;
  while (to < text.length && !/[\s,:{}[\]"]/.test(text[to])) to++;
  return { from, to: Math.max(to, from + 1) };
}

/**
 * The extent of the JSON object that starts at or after `from` on its line:
 * from its `{` to just past the matching `}`. Null when there is none.
 */
export function objectRange(text, from) {
  let start = from;
  while (start < text.length && text[start] !== '{' && text[start] !== '\n') start++;
  if (text[start] !== '{') return null;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      i = stringEnd(text, i) - 1;
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return { from: start, to: i + 1 };
    }
  }
  return { from: start, to: text.length };
}
