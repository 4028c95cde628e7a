// File: wasm/playground/src/catalogue.js
//
// The IAM catalogue, loaded lazily: not with the page, but the first time
// lint, hover or completion is wanted (an editor is focused, or an action in
// it hovered). build.mjs ships it gzipped beside the bundle
// (catalogue.tsv.gz, ~220 KB), so it costs the same on every static host,
// whether or not the host compresses; the browser inflates it with
// DecompressionStream and hands the text to the engine once
// (Iameval.loadCatalogue). What lint, expand and the names say is the
// engine's; this file only fetches and caches.
//
// Test hooks: body[data-catalogue] is loading | loaded | failed;
// window.__iamevalCatalogue holds the timings (ms since navigation).

const URL_OF_CATALOGUE = new URL('catalogue.tsv.gz', import.meta.url);

/** Bytes to text: gunzip unless the host already did (Content-Encoding: gzip). */
async function inflate(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // not gzip: already inflated
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export class CatalogueLoader {
  #iam;
  #loading = null;
  #names = null;
  #actions = new Map(); // service prefix (lowercase) -> its actions, for completion
  /** The loaded catalogue's {date, source, services, actions}, or null. */
  info = null;
  /** Why loading failed, or null. */
  error = null;

  /**
   * @param {object} iam the engine (Iameval)
   * @param {() => void} onSettled runs once the catalogue is in the engine,
   *   or once loading it failed (then `error` says why)
   */
  constructor(iam, onSettled) {
    this.#iam = iam;
    this.onSettled = onSettled;
  }

  get loaded() {
    return this.info !== null;
  }

  /** Starts loading (once); resolves true when loaded, false when it failed. */
  ensure() {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load() {
    const timings = { fetchStart: performance.now() };
    window.__iamevalCatalogue = timings;
    document.body.dataset.catalogue = 'loading';
    try {
      const response = await fetch(URL_OF_CATALOGUE);
      if (!response.ok) throw new Error(`cannot fetch ${URL_OF_CATALOGUE.pathname}: HTTP ${response.status}`);
      const text = await inflate(response);
      timings.fetched = performance.now();
      this.info = this.#iam.loadCatalogue(text);
      timings.loaded = performance.now();
      document.body.dataset.catalogue = 'loaded';
      this.onSettled();
      timings.firstLint = performance.now(); // onSettled has linted every editor
      return true;
    } catch (e) {
      this.error = String(e?.message ?? e);
      document.body.dataset.catalogue = 'failed';
      console.warn(`iameval playground: lint is off: ${this.error}`);
      this.onSettled();
      return false;
    }
  }

  /** Every action `pattern` matches (the engine's expand); [] before loading. */
  expand(pattern) {
    return this.loaded ? this.#iam.expandActions(pattern) : [];
  }

  /** {services, conditionKeys} (Iameval.catalogueNames), read once. */
  names() {
    if (!this.loaded) return { services: [], conditionKeys: [] };
    this.#names ??= this.#iam.catalogueNames();
    return this.#names;
  }

  /** The actions of one service, `prefix:Name`, read once per service. */
  actionsOf(prefix) {
    const key = prefix.toLowerCase();
    if (!this.loaded || !/^[a-z0-9-]+$/.test(key)) return [];
    if (!this.#actions.has(key)) this.#actions.set(key, this.#iam.expandActions(`${key}:*`));
    return this.#actions.get(key);
  }
}
