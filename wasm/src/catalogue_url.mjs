// File: wasm/src/catalogue_url.mjs
//
// The IAM catalogue's default URL (lib/lint.js's catalogueUrl), copied into
// dist/ beside iameval_core.mjs and the .wasm by the build (wasm/CMakeLists.txt),
// so that it resolves as the .wasm does in every layout the package ships:
// dist/catalogue.tsv when the package is served or imported as it is, beside
// the bundle once esbuild has bundled it (copy catalogue.tsv there, as the
// .wasm), and an emitted asset with Vite, webpack 5 and Parcel, which see
// `new URL('...', import.meta.url)`. It lives in dist/ because from lib/ no
// one relative path is right both unbundled and bundled.

export default new URL('catalogue.tsv', import.meta.url);
