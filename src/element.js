// The <captcha-stages> custom element. A class extending HTMLElement must be
// JavaScript; everything it does is delegated to the wasm `mount` function,
// which wasm-bindgen hands in when the module starts (see src/embed.rs).
// This file becomes a module of its own next to the generated glue, so it
// needs no inline script and works under a strict Content-Security-Policy.

const ATTRIBUTES = ['api-base', 'token', 'page-size', 'ordering', 'url-sync', 'url-prefix', 'theme'];

export function defineElement(mount) {
  if (customElements.get('captcha-stages')) return;
  customElements.define('captcha-stages', class extends HTMLElement {
    static get observedAttributes() { return ATTRIBUTES; }

    connectedCallback() { this.remount(); }

    disconnectedCallback() { this.unmountTable(); }

    // Any setting that changes restarts the table with the new settings.
    attributeChangedCallback(_name, before, after) {
      if (this.handle && before !== after) this.remount();
    }

    /** Reloads the current view, like an `ak-refresh` event. */
    refresh() { this.handle?.refresh(); }

    remount() {
      this.unmountTable();
      if (!this.isConnected) return;
      const options = {};
      for (const name of ATTRIBUTES) {
        if (this.hasAttribute(name)) options[name] = this.getAttribute(name);
      }
      this.handle = mount(this, options);
    }

    unmountTable() {
      this.handle?.unmount();
      this.handle = undefined;
    }
  });
}
