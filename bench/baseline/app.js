// The benchmark's baseline: the captcha-stage table written as plainly and
// fast as the job allows (no framework, no build step), so bench/run.mjs can
// measure the real page against it in the same browser run. It fetches the
// same endpoint with the same query and renders the same markup (same
// classes, texts and ARIA attributes) as the Leptos page; the rows are built
// from a cloned <template> and swapped in with one replaceChildren call.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content?.trim();
const API_BASE = (meta('captcha-stages-api-base') || '/api/v3').replace(/\/+$/, '');
const configuredSize = Number(meta('captcha-stages-page-size'));
const PAGE_SIZE = configuredSize >= 1 && configuredSize <= 1000 ? configuredSize : 20;
const PAGE_SIZES = [10, 20, 50, 100];
const DEBOUNCE_MS = 300;
const COLUMNS = 7;

const query = { page: 1, pageSize: PAGE_SIZE, search: '', field: 'name', descending: false };
let loaded = null; // { query, page } of the rows on screen
let controller = null;
let latest = 0;
let debounce = 0;
let expanded = new Set();

// --- texts (the same words as src/text.rs and src/provider.rs) -------------
const score = (v) => (v === -1 ? 'no bound' : Number.isInteger(v) ? v.toFixed(1) : String(v));
const yesNo = (v) => (v ? 'Yes' : 'No');
const flowsText = (n) => (n === 0 ? 'Not used' : n === 1 ? '1 flow' : `${n} flows`);
const rangeText = (p) => (p.count === 0 ? '0 of 0' : `${p.start_index}\u2013${p.end_index} of ${p.count}`);

function provider(jsUrl) {
  const m = /^(https?):\/\/([^/?#]*)([^?#]*)/i.exec((jsUrl ?? 'https://www.recaptcha.net/recaptcha/api.js').trim());
  if (!m) return 'Unknown';
  const hostPort = m[2].split('@').pop();
  const host = hostPort.replace(/:\d*$/, '').toLowerCase();
  if (!host) return 'Unknown';
  if (['www.recaptcha.net', 'recaptcha.net', 'www.google.com', 'google.com'].includes(host)) {
    return m[3].includes('/enterprise') ? 'reCAPTCHA Enterprise' : 'reCAPTCHA';
  }
  if (['js.hcaptcha.com', 'hcaptcha.com', 'www.hcaptcha.com'].includes(host)) return 'hCaptcha';
  if (host === 'challenges.cloudflare.com') return 'Cloudflare Turnstile';
  return host;
}

// --- DOM helpers -------------------------------------------------------------
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const key in attrs) {
    const value = attrs[key];
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value !== false && value != null) el.setAttribute(key, value === true ? '' : value);
  }
  el.append(...children);
  return el;
}

// --- the static frame ----------------------------------------------------------
const SORTS = [
  ['Name', 'name'], ['Provider', 'js_url'], ['Public key', 'public_key'],
  null, ['Error on invalid score', 'error_on_invalid_score'],
];
const sortButtons = [];
function sortButton(label, field, unseen = '') {
  const hint = h('span', { class: 'cs-sr-only' });
  const icon = h('span', { class: 'cs-sort-icon', 'aria-hidden': 'true' });
  const button = h('button', { class: 'cs-sort', type: 'button', onclick: () => sortBy(field) }, label, hint, icon);
  sortButtons.push({ button, hint, icon, field, unseen });
  return button;
}
const COLUMN_LABELS = {
  name: 'Name', js_url: 'Provider', public_key: 'Public key', score_min_threshold: 'min score',
  score_max_threshold: 'max score', error_on_invalid_score: 'Error on invalid score',
};
const orderingText = (q) => `sorted by ${COLUMN_LABELS[q.field]}, ${q.descending ? 'descending' : 'ascending'}`;
const headers = [];
const headRow = h('tr', {}, h('th', { scope: 'col' },
  h('span', { class: 'cs-sr-only' }, 'Flows of the stage')));
for (const sort of SORTS) {
  let th;
  if (sort) {
    th = h('th', { scope: 'col' }, sortButton(sort[0], sort[1]));
    headers.push({ th, fields: [sort[1]] });
  } else {
    th = h('th', { scope: 'col' }, h('span', { class: 'cs-th-label' }, 'Score range'),
      h('span', { class: 'cs-sort-pair' }, sortButton('min', 'score_min_threshold', ' score'),
        sortButton('max', 'score_max_threshold', ' score')));
    headers.push({ th, fields: ['score_min_threshold', 'score_max_threshold'] });
  }
  headRow.append(th);
}
headRow.append(h('th', { scope: 'col' }, 'Flows'));

const tbody = h('tbody');
const captionOrder = h('span', { class: 'cs-caption-order' });
const table = h('table', { class: 'cs-table', 'aria-busy': 'true' },
  h('caption', { class: 'cs-caption', tabindex: '-1' }, 'Captcha stages', captionOrder),
  h('thead', {}, headRow), tbody);
const tableWrap = h('div', { class: 'cs-table-wrap' }, table);
tbody.append(h('tr', { class: 'cs-loading-row' }, h('td', { colspan: COLUMNS }, 'Loading captcha stages\u2026')));

const searchInput = h('input', {
  type: 'search', placeholder: 'Stage name', autocomplete: 'off', spellcheck: 'false',
  oninput: () => {
    clearTimeout(debounce);
    if (searchInput.value === '') applySearch();
    else debounce = setTimeout(applySearch, DEBOUNCE_MS);
  },
  onkeydown: (ev) => {
    if (ev.key === 'Enter') applySearch();
    else if (ev.key === 'Escape') { ev.preventDefault(); searchInput.value = ''; applySearch(); }
  },
});
const tokenInput = h('input', { type: 'password', autocomplete: 'off' });
let token = null;
const forget = h('button', { class: 'cs-button', type: 'button', disabled: true, onclick: () => setToken(null) }, 'Forget');
const tokenSummary = h('summary', { class: 'cs-button' }, 'API token');
const status = h('p', { class: 'cs-sr-only', role: 'status' }, 'Loading captcha stages\u2026');
const progress = h('div', { class: 'cs-progress' }, h('span'));
const notice = h('div');
const range = h('span', { class: 'cs-range' });
const pageOf = h('span', { class: 'cs-page-of' });
const sizeSelect = h('select', {
  onchange: () => go({ pageSize: Number(sizeSelect.value), page: 1 }),
}, ...PAGE_SIZES.map((n) => h('option', { value: n, selected: n === query.pageSize }, String(n))));
const button = (label, onclick) => h('button', { class: 'cs-button', type: 'button', onclick }, label);
const first = button('First', () => go({ page: 1 }));
const previous = button('Previous', () => go({ page: Math.max(1, query.page - 1) }));
const next = button('Next', () => go({ page: Math.min(query.page + 1, totalPages()) }));
const last = button('Last', () => go({ page: totalPages() }));
const pager = h('nav', { class: 'cs-pager', 'aria-label': 'Pagination' }, range,
  h('label', { class: 'cs-page-size' }, 'Rows per page', sizeSelect),
  h('span', { class: 'cs-page-buttons' }, first, previous, pageOf, next, last));

// Inside the same (here undefined) element as the real page, for the same styles.
document.querySelector('captcha-stages').append(h('main', { class: 'cs-page' },
  h('header', { class: 'cs-header' }, h('h1', {}, 'Captcha stages'),
    h('p', { class: 'cs-lede' }, 'Stages that ask for a captcha (reCAPTCHA, hCaptcha, Turnstile) in a flow.')),
  h('section', { class: 'cs-card' },
    h('div', { class: 'cs-toolbar' },
      h('div', { class: 'cs-search', role: 'search' },
        h('label', { class: 'cs-search-label' }, h('span', {}, 'Search'), searchInput)),
      button('Refresh', () => load()),
      h('details', { class: 'cs-token' }, tokenSummary,
        h('form', { class: 'cs-token-form', onsubmit: (ev) => { ev.preventDefault(); setToken(tokenInput.value.trim() || null); tokenInput.value = ''; } },
          h('label', { class: 'cs-token-label' }, h('span', {}, 'API token'), tokenInput),
          h('button', { type: 'submit', class: 'cs-button cs-primary' }, 'Use token'), forget,
          h('p', { class: 'cs-hint' }, 'Sent as a Bearer token to ', h('code', {}, API_BASE), ' only, and kept in this tab\'s memory.')))),
    status, progress, notice, tableWrap, pager)));

// --- rows ----------------------------------------------------------------------
const rowTemplate = document.createElement('template');
rowTemplate.innerHTML = '<tr class="cs-row"><td><button class="cs-toggle" type="button" aria-expanded="false"><span aria-hidden="true">\u25b8</span></button></td>'
  + '<td><span class="cs-name"></span><span class="cs-sub"></span></td><td></td>'
  + '<td><code class="cs-key"></code></td>'
  + '<td class="cs-num">\u200b<span aria-hidden="true"> \u2013 </span><span class="cs-sr-only"> to </span>\u200b</td>'
  + '<td></td><td class="cs-nowrap"></td></tr>'
  + `<tr class="cs-detail" hidden=""><td colspan="${COLUMNS}"></td></tr>`;

function renderRows(stages) {
  const fragment = rowTemplate.content.cloneNode(true);
  const out = document.createDocumentFragment();
  for (const stage of stages) {
    const pair = fragment.cloneNode(true);
    const row = pair.firstChild;
    const detail = row.nextSibling;
    const cells = row.children;
    const toggle = cells[0].firstChild;
    const id = `cs0-stage-${stage.pk}`;
    toggle.setAttribute('aria-controls', id);
    detail.id = id;
    cells[1].firstChild.textContent = stage.name;
    cells[1].lastChild.textContent = stage.verbose_name ?? '';
    if (stage.js_url != null) cells[2].title = stage.js_url;
    cells[2].textContent = provider(stage.js_url);
    const key = cells[3].firstChild;
    key.title = key.textContent = stage.public_key ?? '';
    cells[4].firstChild.data = score(stage.score_min_threshold ?? 0.5);
    cells[4].lastChild.data = score(stage.score_max_threshold ?? 1.0);
    cells[5].textContent = yesNo(stage.error_on_invalid_score ?? true);
    const flows = stage.flow_set?.length ?? 0;
    cells[6].textContent = flowsText(flows);
    if (flows === 0) cells[6].classList.add('cs-muted');
    showOpen(stage, row, detail, expanded.has(stage.pk));
    toggle.onclick = () => {
      const open = !expanded.has(stage.pk);
      if (open) expanded.add(stage.pk); else expanded.delete(stage.pk);
      showOpen(stage, row, detail, open);
    };
    out.append(pair);
  }
  tbody.replaceChildren(out);
}

function showOpen(stage, row, detail, open) {
  const toggle = row.firstChild.firstChild;
  toggle.setAttribute('aria-expanded', String(open));
  toggle.setAttribute('aria-label', `${open ? 'Hide' : 'Show'} flows of ${stage.name}`);
  toggle.firstChild.textContent = open ? '\u25be' : '\u25b8';
  row.classList.toggle('cs-row-open', open);
  detail.hidden = !open;
  // Built on first expansion only: most rows are never opened.
  if (open && !detail.firstChild.firstChild) detail.firstChild.append(details(stage));
}

function details(stage) {
  const orDefault = (url) => url ?? '(server default)';
  const settings = h('dl', { class: 'cs-settings' },
    h('dt', {}, 'Public key'), h('dd', {}, h('code', { class: 'cs-wrap' }, stage.public_key ?? '')),
    h('dt', {}, 'JS URL'), h('dd', { class: 'cs-wrap' }, orDefault(stage.js_url)),
    h('dt', {}, 'API URL'), h('dd', { class: 'cs-wrap' }, orDefault(stage.api_url)));
  if (stage.interactive != null) settings.append(h('dt', {}, 'Interactive'), h('dd', {}, yesNo(stage.interactive)));
  const flows = stage.flow_set ?? [];
  const list = flows.length === 0
    ? h('p', { class: 'cs-muted' }, 'No flow uses this stage.')
    : h('section', { class: 'cs-flows' }, h('h3', {}, flows.length === 1 ? 'Used by 1 flow' : `Used by ${flows.length} flows`),
      h('ul', {}, ...flows.map(flowItem)));
  return h('div', { class: 'cs-details' }, settings, list);
}

function flowItem(flow) {
  const root = API_BASE.endsWith('/api/v3') ? API_BASE.slice(0, -7) : '';
  const origin = /^[a-z]+:\/\/[^/]*/i.exec(API_BASE)?.[0] ?? '';
  const url = flow.export_url ?? '';
  const href = /^https?:\/\//i.test(url.trimStart()) ? url.trim() : url.startsWith('/') && !url.startsWith('//') ? origin + url : null;
  const dash = (v) => v ?? '\u2014';
  return h('li', { class: 'cs-flow' },
    h('a', { class: 'cs-flow-name', href: `${root}/if/admin/#/flow/flows/${flow.slug}` }, flow.name),
    h('dl', {},
      h('dt', {}, 'Slug'), h('dd', {}, h('code', {}, flow.slug)),
      h('dt', {}, 'Title'), h('dd', {}, flow.title ?? ''),
      h('dt', {}, 'Designation'), h('dd', {}, dash(flow.designation)),
      h('dt', {}, 'Layout'), h('dd', {}, dash(flow.layout)),
      h('dt', {}, 'Policy engine mode'), h('dd', {}, dash(flow.policy_engine_mode)),
      h('dt', {}, 'Compatibility mode'), h('dd', {}, flow.compatibility_mode == null ? '\u2014' : yesNo(flow.compatibility_mode)),
      h('dt', {}, 'Denied action'), h('dd', {}, dash(flow.denied_action)),
      h('dt', {}, 'Export'), h('dd', { class: 'cs-wrap' }, href ? h('a', { href, download: '' }, url) : h('span', {}, url))));
}

// --- loading -------------------------------------------------------------------
function url(q, page = q.page) {
  const params = new URLSearchParams({ page, page_size: q.pageSize, ordering: (q.descending ? '-' : '') + q.field });
  if (q.search) params.set('search', q.search);
  return `${API_BASE}/stages/captcha/?${params}`;
}

async function get(q, page, signal) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(url(q, page), { headers, signal });
  const text = await response.text();
  let body = null;
  try { body = JSON.parse(text); } catch { /* reported below */ }
  if (!response.ok) {
    const detail = body?.detail ?? body?.non_field_errors?.join(' ');
    throw new Error(detail ? `${detail} (HTTP ${response.status})` : `The server answered HTTP ${response.status}.`);
  }
  if (!body || !Array.isArray(body.results) || !body.pagination) {
    throw new Error('The server\'s answer has an unexpected shape.');
  }
  return body;
}

async function load() {
  controller?.abort();
  controller = new AbortController();
  const request = ++latest;
  const q = { ...query };
  table.setAttribute('aria-busy', 'true');
  progress.classList.add('cs-progress-active');
  status.textContent = 'Loading captcha stages\u2026';
  try {
    let page;
    try {
      page = await get(q, q.page, controller.signal);
    } catch (error) {
      if (q.page <= 1 || !String(error.message).startsWith('Invalid page.')) throw error;
      page = await get(q, 'last', controller.signal); // the page vanished: show the last one
      query.page = q.page = page.pagination.current;
    }
    if (request !== latest) return;
    loaded = { query: q, page };
    show();
  } catch (error) {
    if (error.name === 'AbortError' || request !== latest) return;
    showError(error.message);
  }
  table.setAttribute('aria-busy', 'false');
  progress.classList.remove('cs-progress-active');
}

const totalPages = () => Math.max(1, loaded?.page.pagination.total_pages ?? 1);

function go(change) {
  const before = { ...query };
  Object.assign(query, change);
  if (url(query) === url(before)) return;
  writeLocation(before);
  load();
}

// The view in the page URL, as the real page keeps it (`<captcha-stages url-sync>`): only what
// differs from the defaults; a change of the search text replaces the entry after the first.
let typing = false;
function writeLocation(before) {
  const params = new URLSearchParams(location.search);
  for (const key of ['page', 'page_size', 'search', 'ordering']) params.delete(key);
  if (query.search !== '') params.set('search', query.search);
  const ordering = (query.descending ? '-' : '') + query.field;
  if (ordering !== 'name') params.set('ordering', ordering);
  if (query.pageSize !== PAGE_SIZE) params.set('page_size', query.pageSize);
  if (query.page !== 1) params.set('page', query.page);
  const search = params.toString();
  const target = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
  const searchEdit = before.search !== query.search && before.field === query.field
    && before.descending === query.descending && before.pageSize === query.pageSize;
  if (typing && searchEdit) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  typing = searchEdit;
}

function readLocation() {
  const params = new URLSearchParams(location.search);
  const ordering = params.get('ordering') ?? 'name';
  const size = Number(params.get('page_size'));
  const page = Number(params.get('page'));
  Object.assign(query, {
    search: params.get('search') ?? '',
    field: ordering.replace(/^-/, ''),
    descending: ordering.startsWith('-'),
    pageSize: size >= 1 && size <= 1000 ? size : PAGE_SIZE,
    page: page >= 1 ? page : 1,
  });
  searchInput.value = query.search;
  sizeSelect.value = String(query.pageSize);
}

addEventListener('popstate', () => {
  typing = false;
  readLocation();
  load();
});

function sortBy(field) {
  go({ descending: query.field === field ? !query.descending : false, field, page: 1 });
}

function applySearch() {
  clearTimeout(debounce);
  if (searchInput.value !== query.search) go({ search: searchInput.value, page: 1 });
}

function setToken(value) {
  token = value;
  forget.disabled = !token;
  tokenSummary.textContent = token ? 'API token: set' : 'API token';
  load();
}

function show() {
  const { query: q, page } = loaded;
  const p = page.pagination;
  const stages = page.results;
  const listed = new Set(stages.map((s) => s.pk));
  for (const pk of expanded) if (!listed.has(pk)) expanded.delete(pk);
  notice.replaceChildren();
  if (stages.length === 0) {
    tableWrap.hidden = pager.hidden = true;
    const text = q.search.trim() ? `No stages match \u201c${q.search}\u201d` : 'No captcha stages yet';
    status.textContent = text;
    notice.replaceChildren(q.search.trim()
      ? h('div', { class: 'cs-notice cs-no-match' }, h('p', { class: 'cs-notice-title' }, text),
        button('Clear search', () => { searchInput.value = ''; applySearch(); }))
      : h('div', { class: 'cs-notice cs-empty' }, h('p', { class: 'cs-notice-title' }, text),
        h('p', {}, 'Create one in authentik under Flows and Stages \u2192 Stages.')));
    return;
  }
  tableWrap.hidden = pager.hidden = false;
  renderRows(stages);
  showSort(q);
  const spoken = p.count === 0 ? '0 of 0' : `${p.start_index} to ${p.end_index} of ${p.count}`;
  const matching = q.search.trim() ? ` matching \u201c${q.search}\u201d` : '';
  status.textContent = `Showing ${spoken} ${p.count === 1 ? 'stage' : 'stages'}${matching}, ${orderingText(q)}`;
  range.textContent = rangeText(p);
  pageOf.textContent = `Page ${query.page} of ${totalPages()}`;
  first.disabled = previous.disabled = query.page <= 1;
  next.disabled = last.disabled = query.page >= totalPages();
}

// Headers show the order of the rows on screen.
function showSort(q) {
  for (const { th, fields } of headers) {
    th.setAttribute('aria-sort', fields.includes(q.field) ? (q.descending ? 'descending' : 'ascending') : 'none');
  }
  for (const { button: b, hint, icon, field, unseen } of sortButtons) {
    const active = field === q.field;
    b.classList.toggle('cs-sort-active', active);
    icon.textContent = active ? (q.descending ? '\u2193' : '\u2191') : '\u2195';
    hint.textContent = unseen + (!active ? ', not sorted; click to sort ascending'
      : q.descending ? ', sorted descending; click to sort ascending' : ', sorted ascending; click to sort descending');
  }
  captionOrder.textContent = `, ${orderingText(q)}`;
}

function showError(message) {
  tableWrap.hidden = pager.hidden = true;
  status.textContent = '';
  notice.replaceChildren(h('div', { class: 'cs-notice cs-error', role: 'alert' },
    h('p', { class: 'cs-notice-title' }, 'Could not load captcha stages'),
    h('p', { class: 'cs-error-message' }, message),
    h('button', { type: 'button', class: 'cs-button cs-primary', onclick: () => load() }, 'Retry')));
}

pager.hidden = true;
readLocation();
showSort(query);
load();
