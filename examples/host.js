// authentik's convention: an `ak-refresh` event reaching a table reloads it.
document.querySelector('#refresh-all').addEventListener('click', () => {
  for (const table of document.querySelectorAll('captcha-stages')) {
    table.dispatchEvent(new CustomEvent('ak-refresh'));
  }
});
