// File: wasm/playground/security.js
//
// The playground's Content-Security-Policy and the other security headers, in
// one place: build.mjs writes them into index.html (a <meta http-equiv>) and
// into dist/_headers (the file Netlify and Cloudflare Pages read), and the dev
// server (server.js) sends them. The page is one script, one stylesheet and a
// .wasm, all from its own origin, and talks to nobody.
//
// 'wasm-unsafe-eval' lets the page compile WebAssembly and nothing else: no
// eval, no inline script, no script from anywhere but the page's origin.
// Styles come from the page's own stylesheet and from CodeMirror's themes,
// which src/adopted_styles.js keeps in a constructed stylesheet the document
// adopts rather than in <style> elements (CodeMirror sets its cursor and
// gutter positions through the CSSOM, `style.cssText`): no 'unsafe-inline'.
// The page puts no user text into HTML (textContent only).

const DIRECTIVES = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"], // the .wasm is fetched
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};
// Only a header can carry these (a <meta> CSP ignores them, with a console error).
const HEADER_ONLY = { 'frame-ancestors': ["'none'"] };

const render = (directives) =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

/** The policy for the page's <meta http-equiv="Content-Security-Policy">. */
export const META_CSP = render(DIRECTIVES);

/** Every header a host should send with the playground's files. */
export const SECURITY_HEADERS = {
  'content-security-policy': render({ ...DIRECTIVES, ...HEADER_ONLY }),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
