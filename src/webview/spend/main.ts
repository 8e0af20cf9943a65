/** The Spend view's page: draws what the host sends, nothing else. */
import { maxOf } from '../../core/extremes';
import { formatMoney, formatTokens } from '../../core/format/money';
import { h, icon } from '../dom';
import { SpendHostMessageSchema, type SpendViewData, type SpendWebviewMessage } from './protocol';
import { spendText, type SpendKey } from './strings';

declare function acquireVsCodeApi(): { postMessage(message: SpendWebviewMessage): void; getState(): unknown; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
let grouping: 'model' | 'agent' = (vscode.getState() as { grouping?: 'model' | 'agent' } | undefined)?.grouping === 'agent' ? 'agent' : 'model';
let last: SpendViewData | undefined;

/** Sets inline styles through the CSSOM: the page's CSP refuses style attributes in markup. */
function styled<T extends HTMLElement>(el: T, styles: Record<string, string>): T {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v);
  return el;
}

/** Theme chart colours, in order; keys beyond them share the last. */
const PALETTE = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-charts-foreground',
];

function render(d: SpendViewData): void {
  const t = (key: SpendKey, ...args: (string | number)[]) => spendText(d.locale, key, ...args);
  const money = (n: number) => formatMoney(n, d.currency, d.locale);
  const tokens = (n: number) => formatTokens(n, d.locale);
  const total = (x: SpendViewData['todayTotals']) => [
    h('div', { class: 'spend-amount' }, x.pricedCost > 0 || x.unpricedTokens === 0 ? money(x.pricedCost) : t('noData')),
    x.unpricedTokens > 0 ? h('div', { class: 'spend-unpriced' }, t('unpricedTokens', tokens(x.unpricedTokens))) : null,
    h(
      'div',
      { class: 'spend-sub' },
      t('requests', tokens(x.requests)),
      ' · ',
      t('tokens', tokens(x.inputTokens + x.outputTokens + x.cacheReadTokens + x.cacheWriteTokens + x.reasoningTokens)),
    ),
  ];
  const budget = (spent: number, limit: number, level: string) =>
    limit > 0
      ? h(
          'div',
          { class: `spend-budget spend-${level}`, role: 'meter', 'aria-valuemin': 0, 'aria-valuemax': limit, 'aria-valuenow': Math.min(spent, limit) },
          styled(h('div', { class: 'spend-budget-fill' }), { width: `${Math.min(100, (spent / limit) * 100).toFixed(1)}%` }),
          h('span', {}, t('budgetOf', money(spent), money(limit)), level === 'ok' ? '' : ` · ${t(level === 'warning' ? 'warning' : 'exceeded')}`),
        )
      : h('div', { class: 'spend-sub' }, t('noBudget'));

  const bars = grouping === 'model' ? d.byModel : d.byAgent;
  const keys = [
    ...new Set(
      bars
        .flatMap((b) => b.parts)
        .sort((a, b) => b.cost - a.cost)
        .map((p) => p.key),
    ),
  ];
  const colourOf = (key: string) => `var(${PALETTE[Math.min(keys.indexOf(key), PALETTE.length - 1)]})`;
  const max = maxOf(bars.map((b) => b.cost).concat(0));
  const chart = h(
    'div',
    { class: 'spend-chart', role: 'img', 'aria-label': t('last30', bars.length) },
    ...bars.map((b) =>
      h(
        'div',
        { class: 'spend-bar', title: `${b.day}: ${money(b.cost)}${b.unpricedTokens ? ` ${t('unpricedTokens', tokens(b.unpricedTokens))}` : ''}` },
        ...b.parts.map((p) =>
          styled(h('div', { class: 'spend-bar-part' }), { height: `${max > 0 ? ((p.cost / max) * 100).toFixed(2) : 0}%`, background: colourOf(p.key) }),
        ),
      ),
    ),
  );
  const legend = h(
    'div',
    { class: 'spend-legend' },
    ...keys.slice(0, PALETTE.length).map((k) => h('span', {}, styled(h('i'), { background: colourOf(k) }), k)),
  );
  const table = (rows: SpendViewData['topSessions']) =>
    h(
      'table',
      { class: 'spend-table' },
      ...rows.map((r) =>
        h(
          'tr',
          {},
          h('td', { class: 'spend-key', title: r.key || t('noProject') }, r.key || t('noProject')),
          h('td', { class: 'num' }, money(r.cost), r.unpricedTokens ? ' +' : ''),
          h('td', { class: 'num' }, tokens(r.tokens)),
        ),
      ),
    );
  const toggle = (value: 'model' | 'agent', label: string) =>
    h('button', { class: grouping === value ? 'spend-toggle on' : 'spend-toggle', 'aria-pressed': grouping === value, 'data-grouping': value }, label);

  app.replaceChildren(
    h(
      'section',
      { class: 'spend-cards' },
      h('div', { class: 'spend-card' }, h('h2', {}, t('today')), ...total(d.todayTotals), budget(d.todayTotals.pricedCost, d.budgets.daily, d.dailyLevel)),
      h('div', { class: 'spend-card' }, h('h2', {}, t('month')), ...total(d.monthTotals), budget(d.monthTotals.pricedCost, d.budgets.monthly, d.monthlyLevel)),
    ),
    h(
      'section',
      {},
      h(
        'div',
        { class: 'spend-head' },
        h('h2', {}, t('last30', bars.length), ' · ', money(d.periodTotals.pricedCost)),
        h('div', {}, toggle('model', t('byModel')), toggle('agent', t('byAgent'))),
      ),
      chart,
      legend,
    ),
    h(
      'section',
      {},
      h('p', {}, icon('database'), ' ', t('cacheSavings', money(d.cacheSavings))),
      d.cheapest && d.cheapest.cheapest < d.cheapest.actual
        ? h(
            'div',
            {},
            h('p', {}, icon('lightbulb'), ' ', t('cheapest', money(d.cheapest.cheapest), money(d.cheapest.actual))),
            h('ul', {}, ...d.cheapest.swaps.map((s) => h('li', {}, t('swap', s.fromName, s.toName, money(s.saving))))),
          )
        : h('p', {}, t('cheapestNone')),
    ),
    h(
      'section',
      { class: 'spend-tops' },
      h('div', {}, h('h2', {}, t('topSessions')), table(d.topSessions)),
      h('div', {}, h('h2', {}, t('topProjects')), table(d.topProjects)),
    ),
    ...d.problems.map((p) => h('p', { class: 'spend-problem' }, icon('warning'), ' ', p)),
    h(
      'footer',
      {},
      h('span', { class: 'spend-sub' }, t('scanned', Math.round(d.scanMs))),
      h('button', { 'data-action': 'refresh' }, icon('refresh'), ' ', t('refresh')),
      h('button', { class: 'secondary', 'data-action': 'openSettings' }, icon('gear'), ' ', t('settings')),
    ),
  );
  if (d.periodTotals.requests === 0 && d.monthTotals.requests === 0) app.prepend(h('p', {}, t('empty')));
  app.setAttribute('aria-busy', 'false');
}

app.addEventListener('click', (e) => {
  const target = (e.target as HTMLElement).closest('button');
  if (!target) return;
  const g = target.getAttribute('data-grouping');
  if (g === 'model' || g === 'agent') {
    grouping = g;
    vscode.setState({ grouping });
    if (last) render(last);
    return;
  }
  const action = target.getAttribute('data-action');
  if (action === 'refresh') vscode.postMessage({ type: 'refresh' });
  if (action === 'openSettings') vscode.postMessage({ type: 'openSettings' });
});

window.addEventListener('message', (event) => {
  const parsed = SpendHostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  const m = parsed.data;
  if (m.type === 'data') {
    last = m.data;
    render(m.data);
  } else if (m.type === 'disabled') {
    app.replaceChildren(h('p', {}, spendText(m.locale, 'disabled')));
  } else if (!last) {
    app.replaceChildren(h('p', {}, icon('loading'), ' ', spendText(document.documentElement.lang === 'zh-CN' ? 'zh-cn' : 'en', 'scanning')));
  }
});

vscode.postMessage({ type: 'ready' });
