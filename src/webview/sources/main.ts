/** The pricing-sources page: draws what the host sends (already in the UI language), nothing else. */
import type { z } from 'zod';
import { h, icon } from '../dom';
import { SourcesHostMessageSchema, SourcesViewSchema, type SourcesWebviewMessage } from './protocol';

type View = z.infer<typeof SourcesViewSchema>;
type Row = View['vendors'][number]['models'][number];

declare function acquireVsCodeApi(): { postMessage(message: SourcesWebviewMessage): void; getState(): unknown; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const saved = (vscode.getState() ?? {}) as { filter?: unknown; onlyStale?: unknown };
let filter = typeof saved.filter === 'string' ? saved.filter.slice(0, 200) : '';
let onlyStale = saved.onlyStale === true;
let view: View | undefined;

/** An address opened by the host (which checks it is one it sent), never navigated to in the page. */
function link(url: string, label: string = url): HTMLAnchorElement {
  const a = h('a', { href: url, class: 'src-link', title: url }, label);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    vscode.postMessage({ type: 'openLink', url });
  });
  return a;
}

function rowView(r: Row, t: View['text'], plan: boolean): HTMLElement {
  const badges = [r.secondary ? h('span', { class: 'badge secondary' }, t.secondary) : null, r.yours ? h('span', { class: 'badge yours' }, t.yours) : null];
  return h(
    'li',
    { class: r.stale ? 'src-row stale' : 'src-row' },
    h('span', { class: 'src-name' }, r.name, ...badges),
    h('span', { class: 'src-price' }, plan ? r.input : `${t.input} ${r.input}`, !plan && r.output ? ` · ${t.output} ${r.output}` : ''),
    h('span', { class: 'src-checked' }, `${t.checked} ${r.checked}`, r.stale ? h('span', { class: 'src-stale' }, ' ', icon('warning'), ` ${r.stale}`) : null),
    h('span', { class: 'src-source' }, link(r.source, t.source)),
  );
}

function render(): void {
  if (!view) return;
  const v = view;
  const t = v.text;
  const needle = filter.trim().toLowerCase();
  const keep = (r: Row) => !onlyStale || !!r.stale;
  const sections: HTMLElement[] = [];
  let rows = 0;
  for (const vendor of v.vendors) {
    const vendorMatches = !needle || vendor.name.toLowerCase().includes(needle) || !!vendor.alias?.toLowerCase().includes(needle) || vendor.id.includes(needle);
    const models = vendor.models.filter((r) => keep(r) && (vendorMatches || r.name.toLowerCase().includes(needle)));
    const plans = vendor.plans.filter((r) => keep(r) && (vendorMatches || r.name.toLowerCase().includes(needle)));
    if (!models.length && !plans.length) continue;
    rows += models.length + plans.length;
    sections.push(
      h(
        'section',
        { class: 'src-vendor' },
        h(
          'h2',
          {},
          vendor.name,
          vendor.alias ? h('span', { class: 'src-alias' }, vendor.alias) : null,
          h('span', { class: 'src-page' }, link(vendor.pricingPage, t.pricingPage)),
        ),
        models.length ? h('ul', { class: 'src-list', 'aria-label': t.model }, ...models.map((r) => rowView(r, t, false))) : null,
        plans.length ? h('h3', {}, t.plan) : null,
        plans.length ? h('ul', { class: 'src-list', 'aria-label': t.plan }, ...plans.map((r) => rowView(r, t, true))) : null,
      ),
    );
  }
  const search = h('input', { type: 'search', value: filter, placeholder: t.filter, 'aria-label': t.filter });
  search.addEventListener('input', () => {
    filter = search.value.slice(0, 200);
    vscode.setState({ filter, onlyStale });
    render();
    (document.querySelector('input[type=search]') as HTMLInputElement | null)?.focus();
  });
  const staleBox = h('input', { type: 'checkbox', id: 'only-stale', checked: onlyStale });
  staleBox.addEventListener('change', () => {
    onlyStale = staleBox.checked;
    vscode.setState({ filter, onlyStale });
    render();
  });
  const files = v.files.length
    ? h(
        'section',
        { class: 'src-files' },
        h('h2', {}, t.yourFiles),
        h(
          'ul',
          {},
          ...v.files.map((f, index) => {
            const open = h('button', { class: 'secondary' }, t.openFile);
            open.addEventListener('click', () => vscode.postMessage({ type: 'openFile', index }));
            return h(
              'li',
              {},
              h('code', {}, f.label),
              ` — ${f.status} `,
              open,
              f.errors.length ? h('ul', { class: 'src-errors' }, ...f.errors.map((e) => h('li', {}, e))) : null,
            );
          }),
        ),
      )
    : null;
  app.replaceChildren(
    h('h1', {}, t.title),
    ...v.summary.map((s) => h('p', { class: 'src-summary' }, s)),
    h('p', { class: v.staleCount ? 'src-stale-line warn' : 'src-stale-line' }, v.staleCount ? icon('warning') : icon('pass'), ' ', v.stale),
    h('p', { class: 'src-rates' }, v.rates),
    ...(files ? [files] : []),
    h('div', { class: 'src-controls' }, search, h('label', { for: 'only-stale' }, staleBox, ' ', t.onlyStale)),
    ...(sections.length ? sections : [h('p', {}, t.noMatch)]),
  );
  app.setAttribute('aria-busy', 'false');
  search.setSelectionRange(search.value.length, search.value.length);
  vscode.postMessage({ type: 'rendered', vendors: sections.length, rows });
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = SourcesHostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  view = parsed.data.view;
  render();
});
vscode.postMessage({ type: 'ready' });
