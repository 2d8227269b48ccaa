// Starts the page from a file rather than the inline <script> Trunk would
// write, so it runs under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval'). Trunk.toml's pattern_script puts
// the hashed names of the generated JS and wasm on the tag that loads this.
const tag = document.querySelector('script[data-wasm]');
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
