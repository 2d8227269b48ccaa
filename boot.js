// Starts the page from a file rather than the inline <script> Trunk would
// write, so it runs under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval'). Loading the module defines the
// <captcha-stages> element. Embedding hosts load this same file:
//   <script type="module" src="/captcha-stages/boot.js"></script>
// The files sit next to this one; Trunk's pattern_script may name them.
const tag = document.querySelector('script[data-wasm]');
const js = tag?.dataset.js ?? new URL('./captcha-stages.js', import.meta.url).href;
const wasm = tag?.dataset.wasm ?? new URL('./captcha-stages_bg.wasm', import.meta.url).href;
const { default: init } = await import(js);
await init({ module_or_path: wasm });
