// File: wasm/playground/src/adopted_styles.js
//
// CodeMirror's themes without inline styles, so that the page's
// Content-Security-Policy needs no 'unsafe-inline' for them (security.js).
// style-mod, CodeMirror's CSS-in-JS, writes a document's rules into a <style>
// element it creates, which a CSP admits only with 'unsafe-inline' or a nonce
// (and a static site cannot make a nonce per response); in a shadow root it
// keeps them in one constructed stylesheet that the root adopts, filled
// through the CSSOM, which a CSP does not restrict. Imported before the first
// editor is made, this has the document served the second way: its mounts
// go through a root with no <head> whose adoptedStyleSheets are the
// document's. (CodeMirror's `style` attributes are set through the CSSOM too,
// `element.style.cssText`.) A browser without adopted stylesheets (Safari
// before 16.4) keeps style-mod's <style>, which the CSP then refuses: the
// editors work there, unstyled.

import { StyleModule } from 'style-mod';

if (typeof document !== 'undefined' && 'adoptedStyleSheets' in document) {
  const documentRoot = {
    ownerDocument: document,
    get adoptedStyleSheets() {
      return document.adoptedStyleSheets;
    },
    set adoptedStyleSheets(sheets) {
      document.adoptedStyleSheets = sheets;
    },
  };
  const mount = StyleModule.mount;
  StyleModule.mount = (root, modules, options) =>
    mount.call(StyleModule, root === document ? documentRoot : root, modules, options);
}
