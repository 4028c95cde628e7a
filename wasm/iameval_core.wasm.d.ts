// The URL of the engine's .wasm, for bundlers that turn an imported asset into
// its URL (esbuild's `--loader:.wasm=file`, Vite's `?url`): pass it to
// `load({ wasmUrl })`.
declare const wasmUrl: string;
export default wasmUrl;
