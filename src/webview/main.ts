/**
 * The comparison panel (browser code: no vscode, no node). It renders what the host sends,
 * keeps its own sort and filter choices, and sends back the what-if inputs. Every message in
 * either direction goes through the schemas of ./protocol.
 */
import { z } from 'zod';
import { CURRENCY_CODES } from '../core/pricing/schema';
import { LIMITS } from '../core/limits';
import { costChart } from './chart';
import { h, icon } from './dom';
import { tokenizerNote } from './note';
import { alwaysSentLine } from './alwaysSent';
import { plansSection } from './plans';
import {
  DEFAULT_UI_STATE,
  HostMessageSchema,
  SORT_COLUMNS,
  WebviewMessageSchema,
  WebviewStateSchema,
  type ComparisonView,
  type HostState,
  type PanelAssumptions,
  type SortColumn,
  type WebviewMessage,
  type WebviewState,
} from './protocol';
import { translator, type Translate } from './strings';
import { COLUMNS, comparisonTable, filterRows, sortRows } from './table';
import { formatCredits, formatMoney } from '../core/format';
import { formatWindow as formatWindowShort } from '../core/fit';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// The panel's CSP forbids eval: tell zod not to try compiling validators with `new Function`.
z.config({ jitless: true });

const api = acquireVsCodeApi();

function restoreState(): WebviewState {
  const parsed = WebviewStateSchema.safeParse(api.getState());
  return parsed.success ? parsed.data : { ui: DEFAULT_UI_STATE, host: { overrides: {}, pinned: false } };
}

const state = restoreState();
let skeleton: Skeleton | undefined;

function post(message: WebviewMessage): void {
  // Validated on the way out as well, so a bug here shows up in the webview's console, not as a dropped message.
  const checked = WebviewMessageSchema.safeParse(message);
  if (!checked.success) {
    console.error('token-spend: refusing to send an invalid message', checked.error.issues);
    return;
  }
  api.postMessage(checked.data);
}

function save(): void {
  api.setState(state);
}

/** The parts of the page built once per locale; only their contents change on each render. */
interface Skeleton {
  viewLocale: ComparisonView['locale'];
  t: Translate;
  locale: string;
  sourceLine: HTMLElement;
  pinButton: HTMLButtonElement;
  inputs: {
    outputTokens: HTMLInputElement;
    reasoningTokens: HTMLInputElement;
    cachedShare: HTMLInputElement;
    callsPerDay: HTMLInputElement;
    currency: HTMLSelectElement;
    batch: HTMLInputElement;
    offPeak: HTMLInputElement;
    alwaysSent: HTMLInputElement;
  };
  resetButton: HTMLButtonElement;
  vendorFilter: HTMLSelectElement;
  regionFilter: HTMLSelectElement;
  capabilityFilter: HTMLSelectElement;
  equivalentsOnly: HTMLInputElement;
  fitsOnly: HTMLInputElement;
  columnChooser: HTMLElement;
  answer: HTMLElement;
  alwaysSentLine: HTMLElement;
  differs: HTMLElement;
  inputsStale: HTMLElement;
  errors: Partial<Record<keyof PanelAssumptions, HTMLElement>>;
  controls: HTMLDetailsElement;
  tabs: Record<Tab, HTMLButtonElement>;
  panels: Record<Tab, HTMLElement>;
  hiddenNoFit: HTMLElement;
  notices: HTMLElement;
  note: HTMLElement;
  chart: HTMLElement;
  count: HTMLElement;
  table: HTMLElement;
  plans: HTMLElement;
  footer: HTMLElement;
  busy: HTMLElement;
}

type Tab = 'table' | 'chart' | 'plans';
const TABS: Tab[] = ['table', 'chart', 'plans'];

function numberInput(id: string, min: number, max: number, step: number): HTMLInputElement {
  return h('input', { id, type: 'number', min, max, step, inputmode: 'decimal' });
}

function labelled(label: string, control: HTMLElement, inline = false, error?: HTMLElement): HTMLElement {
  return inline
    ? h('label', { class: 'check', for: control.id }, control, ' ', label)
    : h('div', { class: 'field' }, h('label', { for: control.id }, label), control, error ?? null);
}

/** The inline message under an input; tied to it with aria-describedby. */
function errorFor(input: HTMLElement): HTMLElement {
  const el = h('span', { class: 'input-error', id: `${input.id}-error`, role: 'alert', hidden: true });
  input.setAttribute('aria-describedby', el.id);
  return el;
}

function option(value: string, text: string): HTMLOptionElement {
  return h('option', { value }, text);
}

function buildSkeleton(view: ComparisonView): Skeleton {
  const t = translator(view.locale);
  const locale = view.locale === 'zh-cn' ? 'zh-CN' : 'en';
  document.documentElement.lang = locale;
  document.title = t('title');
  const inputs = {
    outputTokens: numberInput('outputTokens', LIMITS.tokensPerCall.min, LIMITS.tokensPerCall.max, 1),
    reasoningTokens: numberInput('reasoningTokens', LIMITS.tokensPerCall.min, LIMITS.tokensPerCall.max, 1),
    // The panel asks for the cached share in percent.
    cachedShare: numberInput('cachedShare', LIMITS.cachedShare.min * 100, LIMITS.cachedShare.max * 100, 1),
    callsPerDay: numberInput('callsPerDay', LIMITS.callsPerDay.min, LIMITS.callsPerDay.max, 1),
    currency: h('select', { id: 'currency' }, ...CURRENCY_CODES.map((c) => option(c, c))),
    batch: h('input', { id: 'batch', type: 'checkbox' }),
    offPeak: h('input', { id: 'offPeak', type: 'checkbox' }),
    alwaysSent: h('input', { id: 'alwaysSent', type: 'checkbox' }),
  };
  const s: Skeleton = {
    viewLocale: view.locale,
    t,
    locale,
    inputs,
    sourceLine: h('p', { class: 'source', id: 'source' }),
    pinButton: h('button', { type: 'button', class: 'secondary', id: 'pin' }),
    resetButton: h('button', { type: 'button', class: 'secondary', id: 'reset', title: t('resetTitle') }, t('reset')),
    vendorFilter: h('select', { id: 'vendorFilter' }),
    regionFilter: h(
      'select',
      { id: 'regionFilter' },
      option('', t('allRegions')),
      option('global', t('regionGlobal')),
      option('cn', t('regionCn')),
      option('intl', t('regionIntl')),
    ),
    capabilityFilter: h(
      'select',
      { id: 'capabilityFilter' },
      option('', t('anyCapability')),
      option('vision', t('capVision')),
      option('tools', t('capTools')),
      option('reasoning', t('capReasoning')),
      option('json', t('capJson')),
    ),
    equivalentsOnly: h('input', { id: 'equivalentsOnly', type: 'checkbox' }),
    fitsOnly: h('input', { id: 'fitsOnly', type: 'checkbox' }),
    columnChooser: h('div', { class: 'columns-chooser', id: 'columns' }),
    answer: h('section', { class: 'answer', id: 'answer', 'aria-live': 'polite' }),
    alwaysSentLine: h('p', { class: 'notice always-sent', id: 'alwaysSentLine', 'aria-live': 'polite', hidden: true }),
    differs: h('div', { class: 'differs', id: 'differs', hidden: true }),
    inputsStale: h('p', { class: 'notice inputs-stale', id: 'inputsStale', role: 'alert', hidden: true }, icon('warning'), ' ', t('staleInputs')),
    errors: {
      outputTokens: errorFor(inputs.outputTokens),
      reasoningTokens: errorFor(inputs.reasoningTokens),
      cachedShare: errorFor(inputs.cachedShare),
      callsPerDay: errorFor(inputs.callsPerDay),
    },
    controls: h('details', { class: 'controls-box', id: 'controls' }),
    tabs: {
      table: h('button', { type: 'button', role: 'tab', id: 'tab-table', 'aria-controls': 'panel-table', class: 'tab' }, icon('table'), ' ', t('tabTable')),
      chart: h('button', { type: 'button', role: 'tab', id: 'tab-chart', 'aria-controls': 'panel-chart', class: 'tab' }, icon('graph'), ' ', t('tabChart')),
      plans: h(
        'button',
        { type: 'button', role: 'tab', id: 'tab-plans', 'aria-controls': 'panel-plans', class: 'tab' },
        icon('credit-card'),
        ' ',
        t('tabPlans'),
      ),
    },
    panels: {
      table: h('div', { role: 'tabpanel', id: 'panel-table', 'aria-labelledby': 'tab-table' }),
      chart: h('div', { role: 'tabpanel', id: 'panel-chart', 'aria-labelledby': 'tab-chart' }),
      plans: h('div', { role: 'tabpanel', id: 'panel-plans', 'aria-labelledby': 'tab-plans' }),
    },
    hiddenNoFit: h('p', { class: 'muted hidden-nofit', id: 'hiddenNoFit' }),
    notices: h('div', { class: 'notices', role: 'status' }),
    note: h('p', { class: 'note', id: 'note' }),
    chart: h('figure', { class: 'chart-box', id: 'chart' }),
    count: h('p', { class: 'muted', id: 'rowCount', 'aria-live': 'polite' }),
    table: h('div', { class: 'table-box', id: 'table' }),
    plans: h('section', { class: 'plans-box', id: 'plansBox' }),
    footer: h('p', { class: 'muted footer' }),
    busy: h('span', { class: 'busy', hidden: true }, icon('loading codicon-modifier-spin'), ' ', t('working')),
  };
  const header = h(
    'header',
    {},
    h('h1', {}, t('title')),
    s.sourceLine,
    h(
      'div',
      { class: 'actions' },
      s.pinButton,
      h('button', { type: 'button', id: 'copyMarkdown' }, icon('copy'), ' ', t('copyMarkdown')),
      h('button', { type: 'button', class: 'secondary', id: 'saveCsv' }, icon('save'), ' ', t('saveCsv')),
      s.busy,
    ),
  );
  const assumptions = h(
    'fieldset',
    { class: 'assumptions' },
    h('legend', {}, t('assumptions')),
    labelled(t('outputTokens'), inputs.outputTokens, false, s.errors.outputTokens),
    labelled(t('reasoningTokens'), inputs.reasoningTokens, false, s.errors.reasoningTokens),
    labelled(t('cachedShare'), inputs.cachedShare, false, s.errors.cachedShare),
    labelled(t('callsPerDay'), inputs.callsPerDay, false, s.errors.callsPerDay),
    labelled(t('currency'), inputs.currency),
    h(
      'div',
      { class: 'checks' },
      labelled(t('batch'), inputs.batch, true),
      labelled(t('offPeak'), inputs.offPeak, true),
      labelled(t('alwaysSent'), inputs.alwaysSent, true),
    ),
    s.resetButton,
  );
  const filters = h(
    'fieldset',
    { class: 'filters' },
    h('legend', {}, t('filters')),
    labelled(t('vendor'), s.vendorFilter),
    labelled(t('region'), s.regionFilter),
    labelled(t('capability'), s.capabilityFilter),
    h('div', { class: 'checks' }, labelled(t('fitsOnly'), s.fitsOnly, true), labelled(t('equivalentsOnly'), s.equivalentsOnly, true)),
    s.columnChooser,
  );
  const root = document.getElementById('app')!;
  root.removeAttribute('aria-busy');
  // Open at first on a wide panel only: on a narrow one the answer and the table come first.
  s.controls.open = state.ui.controlsOpen ?? window.innerWidth > 700;
  s.controls.append(h('summary', {}, h('strong', {}, t('controls'))), h('div', { class: 'controls' }, assumptions, filters));
  s.panels.table.append(s.hiddenNoFit, s.table, s.count);
  s.panels.chart.append(s.chart);
  s.panels.plans.append(s.plans);
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, ...TABS.map((x) => s.tabs[x]));
  root.replaceChildren(
    header,
    s.answer,
    s.notices,
    s.alwaysSentLine,
    s.differs,
    s.controls,
    s.inputsStale,
    tabs,
    ...TABS.map((x) => s.panels[x]),
    s.note,
    s.footer,
  );
  wireControls(s);
  return s;
}

function wireControls(s: Skeleton): void {
  s.footer.addEventListener('click', (e) => {
    if ((e.target as Element | null)?.closest('button.sources')) post({ type: 'openSources' });
  });
  s.pinButton.addEventListener('click', () => post({ type: 'pin', pinned: !state.host.pinned }));
  document.getElementById('copyMarkdown')!.addEventListener('click', () => post({ type: 'export', format: 'markdown' }));
  document.getElementById('saveCsv')!.addEventListener('click', () => post({ type: 'export', format: 'csv' }));
  s.resetButton.addEventListener('click', () => post({ type: 'resetAssumptions' }));
  s.differs.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]');
    if (button?.dataset.action === 'apply') post({ type: 'applyAssumptions' });
    if (button?.dataset.action === 'reset') post({ type: 'resetAssumptions' });
  });
  s.answer.addEventListener('click', (e) => {
    const use = (e.target as Element | null)?.closest<HTMLButtonElement>('button.use-answer');
    if (use?.dataset.model) post({ type: 'selectModel', modelId: use.dataset.model });
  });
  s.hiddenNoFit.addEventListener('click', (e) => {
    if (!(e.target as Element | null)?.closest('button.show-nofit')) return;
    state.ui.filters = { ...state.ui.filters, fitsOnly: false };
    s.fitsOnly.checked = false;
    renderData();
  });
  s.controls.addEventListener('toggle', () => {
    state.ui.controlsOpen = s.controls.open;
    save();
  });
  for (const tab of TABS) s.tabs[tab].addEventListener('click', () => selectTab(s, tab));
  s.columnChooser.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    const column = SORT_COLUMNS.find((c) => c === box.dataset.column);
    if (!column) return;
    const hidden = new Set(state.ui.hiddenColumns ?? []);
    if (box.checked) hidden.delete(column);
    else hidden.add(column);
    state.ui.hiddenColumns = [...hidden];
    renderData();
  });

  const numeric: [keyof PanelAssumptions, HTMLInputElement, number][] = [
    ['outputTokens', s.inputs.outputTokens, 1],
    ['reasoningTokens', s.inputs.reasoningTokens, 1],
    ['cachedShare', s.inputs.cachedShare, 100],
    ['callsPerDay', s.inputs.callsPerDay, 1],
  ];
  for (const [key, input, scale] of numeric) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      const value = Number(input.value) / scale;
      const integer = key === 'outputTokens' || key === 'reasoningTokens';
      const ok = input.value.trim() !== '' && input.checkValidity() && Number.isFinite(value) && (!integer || Number.isInteger(value));
      input.setAttribute('aria-invalid', String(!ok));
      showInputError(s, key, ok ? undefined : inputErrorText(s, key));
      if (ok) post({ type: 'setAssumptions', values: { [key]: value } });
    };
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(send, 250);
    });
    input.addEventListener('change', () => {
      clearTimeout(timer);
      send();
    });
  }
  s.inputs.currency.addEventListener('change', () => {
    const currency = CURRENCY_CODES.find((c) => c === s.inputs.currency.value);
    if (currency) post({ type: 'setAssumptions', values: { currency } });
  });
  s.inputs.batch.addEventListener('change', () => post({ type: 'setAssumptions', values: { batch: s.inputs.batch.checked } }));
  s.inputs.offPeak.addEventListener('change', () => post({ type: 'setAssumptions', values: { offPeak: s.inputs.offPeak.checked } }));
  s.inputs.alwaysSent.addEventListener('change', () => post({ type: 'setAssumptions', values: { alwaysSent: s.inputs.alwaysSent.checked } }));

  const onFilter = () => {
    const capability = s.capabilityFilter.value;
    const region = s.regionFilter.value;
    state.ui.filters = {
      vendor: s.vendorFilter.value,
      region: region === 'global' || region === 'cn' || region === 'intl' ? region : '',
      capability: capability === 'vision' || capability === 'tools' || capability === 'reasoning' || capability === 'json' ? capability : '',
      equivalentsOnly: s.equivalentsOnly.checked,
    };
    renderData();
  };
  for (const el of [s.vendorFilter, s.regionFilter, s.capabilityFilter, s.equivalentsOnly, s.fitsOnly]) el.addEventListener('change', onFilter);
}

/** What an invalid number input should hold, in the panel's language. */
function inputErrorText(s: Skeleton, key: keyof PanelAssumptions): string {
  const n = (x: number) => x.toLocaleString(s.locale);
  if (key === 'cachedShare') return s.t('errPercent', n(LIMITS.cachedShare.min * 100), n(LIMITS.cachedShare.max * 100));
  if (key === 'callsPerDay') return s.t('errCalls', n(LIMITS.callsPerDay.min), n(LIMITS.callsPerDay.max));
  return s.t('errTokens', n(LIMITS.tokensPerCall.min), n(LIMITS.tokensPerCall.max));
}

/** Shows or clears an input's message, and says above the table while any input is invalid that its prices are the last valid ones. */
function showInputError(s: Skeleton, key: keyof PanelAssumptions, message: string | undefined): void {
  const el = s.errors[key];
  if (el) {
    el.textContent = message ?? '';
    el.hidden = message === undefined;
  }
  const anyInvalid = Object.values(s.errors).some((e) => !e.hidden);
  s.inputsStale.hidden = !anyInvalid;
  s.table.classList.toggle('stale-numbers', anyInvalid);
}

function selectTab(s: Skeleton, tab: Tab): void {
  state.ui.tab = tab;
  showTab(s);
  save();
  s.tabs[tab].focus();
}

function showTab(s: Skeleton): void {
  const current = state.ui.tab ?? 'table';
  for (const x of TABS) {
    s.tabs[x].setAttribute('aria-selected', String(x === current));
    s.tabs[x].tabIndex = x === current ? 0 : -1;
    s.panels[x].hidden = x !== current;
  }
}

/** Puts the host's values in the inputs, except the one the user is typing in. */
function syncInputs(s: Skeleton, view: ComparisonView): void {
  const a = view.assumptions;
  const set = (input: HTMLInputElement, value: number) => {
    if (document.activeElement !== input) {
      input.value = String(Math.round(value * 1e6) / 1e6);
      input.removeAttribute('aria-invalid');
      showInputError(s, input.id as keyof PanelAssumptions, undefined);
    }
  };
  set(s.inputs.outputTokens, a.outputTokens);
  set(s.inputs.reasoningTokens, a.reasoningTokens);
  set(s.inputs.cachedShare, a.cachedShare * 100);
  set(s.inputs.callsPerDay, a.callsPerDay);
  s.inputs.currency.value = a.currency;
  s.inputs.batch.checked = a.batch;
  s.inputs.offPeak.checked = a.offPeak;
  s.inputs.alwaysSent.checked = a.alwaysSent;
  for (const [key, el] of Object.entries(s.inputs)) el.classList.toggle('overridden', view.overridden.includes(key as keyof PanelAssumptions));
  s.resetButton.disabled = view.overridden.length === 0;

  const vendors = new Map(view.rows.map((r) => [r.vendorId, r.vendorName]));
  const wanted = state.ui.filters.vendor;
  s.vendorFilter.replaceChildren(option('', s.t('allVendors')), ...[...vendors].map(([id, name]) => option(id, name)));
  s.vendorFilter.value = vendors.has(wanted) ? wanted : '';
  s.regionFilter.value = state.ui.filters.region;
  s.capabilityFilter.value = state.ui.filters.capability;
  s.equivalentsOnly.checked = state.ui.filters.equivalentsOnly;
  s.fitsOnly.checked = state.ui.filters.fitsOnly !== false;
  renderDiffers(s, view);
}

/** Where the panel's assumptions differ from the settings, with buttons to save them there or drop them. */
function renderDiffers(s: Skeleton, view: ComparisonView): void {
  const settings = view.settings;
  const keys = view.overridden.filter((k) => settings && settings[k] !== view.assumptions[k]);
  s.differs.hidden = !settings || keys.length === 0;
  if (!settings || !keys.length) return;
  const show = (k: keyof PanelAssumptions, v: PanelAssumptions[keyof PanelAssumptions]): string => {
    if (typeof v === 'boolean') return s.t(v ? 'on' : 'off');
    if (typeof v === 'number')
      return (k === 'cachedShare' ? v * 100 : v).toLocaleString(s.locale, { maximumFractionDigits: 2 }) + (k === 'cachedShare' ? '%' : '');
    return v;
  };
  const items = keys.map((k) => s.t('differsItem', s.t(k), show(k, view.assumptions[k]), show(k, settings[k])));
  // Batch, off-peak and always-sent exist only in the panel: nothing to save for them.
  const savable = keys.some((k) => k !== 'batch' && k !== 'offPeak' && k !== 'alwaysSent');
  s.differs.replaceChildren(
    icon('info'),
    ' ',
    s.t('differs', items.join(s.viewLocale === 'zh-cn' ? '；' : '; ')),
    ' ',
    savable ? h('button', { type: 'button', 'data-action': 'apply', title: s.t('applyTitle') }, icon('save'), ' ', s.t('applySettings')) : '',
    ' ',
    h('button', { type: 'button', class: 'secondary', 'data-action': 'reset', title: s.t('resetTitle') }, s.t('reset')),
  );
}

/** "Cheapest that fits: X; yours ranks N of M", with one button to make X the current model. */
/** "Claude Opus 5 two ways: through GitHub Copilot, $0.019 a call (1.9 AI credits); from the Anthropic API directly, $0.019 a call. Same price either way." */
function channelLine(s: Skeleton, view: ComparisonView): HTMLElement | '' {
  const c = view.channel;
  if (!c) return '';
  const money = (n: number | undefined) => (n === undefined ? s.t('channelUnpriced') : formatMoney(n, view.assumptions.currency, s.locale));
  const pct = (n: number) => Math.abs(n).toFixed(Math.abs(n) >= 10 ? 0 : 1);
  const credits = c.credits === undefined ? s.t('channelUnpriced') : formatCredits(c.credits, s.locale);
  const verdict =
    c.savingPerCall === undefined
      ? ''
      : c.savingPerCall === 0
        ? s.t('channelSame')
        : c.savingPerCall < 0
          ? s.t('channelDearer', c.channelVendorName, money(-c.savingPerCall), pct(c.savingPercent ?? 0))
          : s.t('channelCheaper', c.channelVendorName, money(c.savingPerCall), pct(c.savingPercent ?? 0));
  const other = c.currentIsChannel
    ? { id: c.directModelId, name: c.directName, label: s.t('channelUseDirect', c.directName, c.directVendorName) }
    : { id: c.channelModelId, name: c.channelName, label: s.t('useThis', c.channelName) };
  return h(
    'div',
    { class: 'channel-pair', id: 'channelPair' },
    h(
      'p',
      { class: 'channel-line', id: 'channelLine' },
      icon('arrow-swap'),
      ' ',
      s.t('channelLine', c.directName, c.channelVendorName, money(c.channelTotal), credits, c.directVendorName, money(c.directTotal)),
      verdict ? sentenceGap(s) + verdict : '',
    ),
    h(
      'button',
      { type: 'button', class: 'use-answer secondary', 'data-model': other.id, title: s.t('useModelTitle', other.name) },
      icon('check'),
      ' ',
      other.label,
    ),
  );
}

function sentenceGap(s: Skeleton): string {
  return s.viewLocale === 'zh-cn' ? '' : ' ';
}

function renderAnswer(s: Skeleton, view: ComparisonView): void {
  const a = view.answer;
  if (!a) {
    const pair = channelLine(s, view);
    s.answer.replaceChildren(pair);
    s.answer.hidden = !pair;
    return;
  }
  s.answer.hidden = false;
  const money = (n: number) => formatMoney(n, view.assumptions.currency, s.locale);
  const pct = (n: number) => Math.abs(n).toFixed(Math.abs(n) >= 10 ? 0 : 1);
  const lines: (string | HTMLElement)[] = [];
  // Sentences follow one another after a space in English, directly after '。' in Chinese.
  const gap = sentenceGap(s);
  const b = a.best;
  const current = view.rows.find((r) => r.current);
  let kind = 'answer-none';
  if (!a.currentFits) {
    lines.push(
      h('strong', { class: 'too-long' }, icon('warning'), ' ', s.t('answerNoFit', a.currentName, a.currentContextPercent, formatWindowShort(a.currentWindow))),
      gap,
    );
    kind = 'answer-nofit';
  }
  if (b && b.savingPerCall > 0) {
    kind = 'answer-best';
    lines.push(
      b.free
        ? s.t('answerBestFree', a.currentName, b.name, b.vendorName, money(b.savingPerCall), money(b.savingPerMonth))
        : s.t(
            'answerBest',
            a.currentName,
            b.name,
            b.vendorName,
            money(b.total),
            money(b.perMonth),
            money(b.savingPerCall),
            pct(b.savingPercent),
            money(b.savingPerMonth),
          ),
    );
  } else if (b) {
    lines.push(s.t('answerStandIn', b.name, b.vendorName, money(b.total), money(b.perMonth), money(-b.savingPerCall)));
  } else if (!a.currentFits) {
    lines.length = 0;
    lines.push(
      h(
        'strong',
        { class: 'too-long' },
        icon('warning'),
        ' ',
        s.t('answerNoStandIn', a.currentName, a.currentContextPercent, formatWindowShort(a.currentWindow)),
      ),
      gap,
    );
    const w = a.anyFit;
    const cost = (n: number, free: boolean) => (free ? s.t('free') : money(n));
    if (w?.why === 'lowerClass') lines.push(s.t('answerAnyFitLowerClass', w.name, w.vendorName, cost(w.total, w.free), cost(w.perMonth, w.free)));
    else if (w) {
      const names = { vision: 'capVision', tools: 'capTools', reasoning: 'capReasoning', json: 'capJson' } as const;
      const missing = w.missing.map((k) => s.t(names[k])).join(s.viewLocale === 'zh-cn' ? '、' : ', ');
      lines.push(s.t('answerAnyFitCapability', a.currentName, missing, w.name, w.vendorName, cost(w.total, w.free), cost(w.perMonth, w.free)));
    } else lines.push(s.t('answerNothingFits'));
  } else if (a.reason === 'cheapest') {
    lines.push(s.t('answerCheapest', a.currentName, current?.total !== undefined ? money(current.total) : ''));
  } else if (a.reason === 'noEquivalent') {
    lines.push(s.t('answerNone', a.currentName, asideText(s, a)));
  } else if (a.reason === 'currentUnpriced') {
    lines.push(s.t('answerUnpriced', a.currentName));
  }
  if (a.currentRank !== undefined && a.reason !== 'cheapest') lines.push(gap, s.t('answerRank', a.currentName, a.currentRank, a.ranked));
  s.answer.className = `answer ${kind}`;
  s.answer.replaceChildren(
    h('p', { class: 'answer-line', id: 'answerLine' }, icon(b && b.savingPerCall > 0 ? 'lightbulb' : 'info'), ' ', ...lines),
    useButton(s, b ?? (a.currentFits ? undefined : a.anyFit)),
    channelLine(s, view),
  );
}

/** One click makes the answer's model the current one. */
function useButton(s: Skeleton, m: { modelId: string; name: string } | undefined): HTMLElement | string {
  return m
    ? h(
        'button',
        { type: 'button', class: 'use-answer', 'data-model': m.modelId, title: s.t('useModelTitle', m.name) },
        icon('check'),
        ' ',
        s.t('useThis', m.name),
      )
    : '';
}

function asideText(s: Skeleton, a: NonNullable<ComparisonView['answer']>): string {
  const x = a.setAside;
  if (!x) return '';
  const parts = [
    x.doesNotFit ? s.t('asideNoFit', x.doesNotFit) : '',
    x.lowerClass ? s.t('asideClass', x.lowerClass) : '',
    x.missingCapability ? s.t('asideCapability', x.missingCapability) : '',
    x.otherRegion ? s.t('asideRegion', x.otherRegion) : '',
  ].filter(Boolean);
  return parts.join(s.viewLocale === 'zh-cn' ? '，' : ', ');
}

/** The column chooser: one checkbox per column but the model's, remembered in the webview state. */
function renderColumnChooser(s: Skeleton): void {
  const hidden = new Set(state.ui.hiddenColumns ?? []);
  s.columnChooser.replaceChildren(
    h('span', { class: 'field-label' }, s.t('columns')),
    ...COLUMNS.filter((c) => c.id !== 'model').map((c) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', 'data-column': c.id, checked: !hidden.has(c.id) }), ' ', s.t(c.label)),
    ),
  );
}

function renderHeader(s: Skeleton, view: ComparisonView, host: HostState): void {
  const t = s.t;
  const what =
    view.source.kind === 'empty'
      ? t('sourceEmpty')
      : `${view.source.kind === 'selection' ? t('sourceSelection', view.source.label) : t('sourceDocument', view.source.label)} · ${t('characters', view.characters.toLocaleString(s.locale))}`;
  s.sourceLine.replaceChildren(host.pinned ? h('span', { class: 'badge badge-pinned' }, icon('pinned'), ' ', t('pinned')) : '', host.pinned ? ' ' : '', what);
  s.pinButton.replaceChildren(icon(host.pinned ? 'pinned' : 'pin'), ' ', host.pinned ? t('unpin') : t('pin'));
  s.pinButton.title = host.pinned ? t('unpinTitle') : t('pinTitle');
  s.pinButton.setAttribute('aria-pressed', String(host.pinned));
  s.notices.replaceChildren(...view.notices.map((n) => h('p', { class: 'notice' }, icon('warning'), ' ', n)));
  const line = alwaysSentLine(view, t, s.locale);
  s.alwaysSentLine.hidden = line === undefined;
  s.alwaysSentLine.replaceChildren(...(line === undefined ? [] : [icon('info'), ' ', line]));
}

function onSort(column: SortColumn): void {
  const same = state.ui.sort.column === column;
  state.ui.sort = { column, descending: same ? !state.ui.sort.descending : false };
  renderData();
  document.querySelector<HTMLButtonElement>(`button.sort[data-column="${column}"]`)?.focus();
}

/** Opens or closes a row's details in the narrow layout and keeps the focus on its button. */
function onToggleExpand(modelId: string): void {
  const open = new Set(state.ui.expanded ?? []);
  if (open.has(modelId)) open.delete(modelId);
  else open.add(modelId);
  state.ui.expanded = [...open];
  renderData();
  document.querySelector<HTMLButtonElement>(`button.expand[data-expand="${CSS.escape(modelId)}"]`)?.focus();
}

/** Opens or closes a model's price-history line and keeps the focus on its button. */
function onToggleHistory(modelId: string): void {
  const open = new Set(state.ui.historyOpen ?? []);
  if (open.has(modelId)) open.delete(modelId);
  else open.add(modelId);
  state.ui.historyOpen = [...open];
  renderData();
  document.querySelector<HTMLButtonElement>(`button.history-toggle[data-history="${CSS.escape(modelId)}"]`)?.focus();
}

/** Table, plans, chart and note: everything that depends on the rows, the sort and the filters. */
function renderData(): void {
  const view = state.view;
  if (!view || !skeleton) return;
  const s = skeleton;
  const visible = sortRows(filterRows(view.rows, state.ui.filters), state.ui.sort);
  const history = new Map(view.history.map((x) => [x.modelId, x]));
  const ctx = {
    view,
    t: s.t,
    locale: s.locale,
    onUse: (modelId: string) => post({ type: 'selectModel', modelId }),
    onOpenSource: (modelId: string) => post({ type: 'openSource', modelId }),
    history,
    historyOpen: new Set(state.ui.historyOpen ?? []),
    onToggleHistory,
    expanded: new Set(state.ui.expanded ?? []),
    onToggleExpand,
    hidden: new Set(state.ui.hiddenColumns ?? []),
  };
  const { table, cells, headers, historyLines } = comparisonTable(visible, state.ui, ctx, onSort);
  // "Cheaper equivalents only" with nothing but the current model left: say why.
  const onlyCurrent = state.ui.filters.equivalentsOnly && visible.every((r) => r.current);
  s.table.replaceChildren(
    ...(onlyCurrent
      ? [
          h(
            'p',
            { class: 'notice empty-why', id: 'emptyWhy' },
            icon('info'),
            ' ',
            s.t('equivalentsEmpty'),
            view.answer?.setAside ? ` (${asideText(s, view.answer)})` : '',
          ),
        ]
      : []),
    visible.length ? table : h('p', { class: 'muted' }, s.t('noRows')),
  );
  const hiddenNoFit = state.ui.filters.fitsOnly === false ? 0 : view.rows.filter((r) => r.exceedsContext && !r.current).length;
  s.hiddenNoFit.hidden = hiddenNoFit === 0;
  s.hiddenNoFit.replaceChildren(
    ...(hiddenNoFit
      ? [icon('eye-closed'), ' ', s.t('hiddenNoFit', hiddenNoFit), ' ', h('button', { type: 'button', class: 'link-button show-nofit' }, s.t('showThem'))]
      : []),
  );
  renderAnswer(s, view);
  renderColumnChooser(s);
  showTab(s);
  // Plans of the vendors the table shows after filtering.
  const visibleVendors = new Set(visible.map((r) => r.vendorId));
  const plans = plansSection(
    view.plans.filter((p) => visibleVendors.has(p.vendorId)),
    {
      view,
      t: s.t,
      locale: s.locale,
      open: state.ui.plansOpen === true,
      onToggle: (open) => {
        if (state.ui.plansOpen === open) return;
        state.ui.plansOpen = open;
        save();
      },
      onOpenSource: (planId) => post({ type: 'openPlanSource', planId }),
    },
  );
  s.plans.replaceChildren(...(plans.rows.length || plans.others.length ? [plans.section] : []));
  s.count.textContent = s.t('rowsShown', visible.length, view.rows.length);
  const chart = costChart(visible, view.assumptions.currency, s.locale, s.t('chartTitle'), s.chart.clientWidth || document.body.clientWidth - 40, s.t('free'));
  s.tabs.plans.hidden = !(plans.rows.length || plans.others.length);
  s.chart.replaceChildren(
    h('figcaption', {}, s.t('chartTitle'), chart?.logDecades ? h('span', { class: 'muted' }, ' — ', s.t('logScale', chart.logDecades)) : null),
    chart?.svg ?? h('p', { class: 'muted' }, s.t('chartEmpty')),
  );
  const note = tokenizerNote(view, s.t, s.locale);
  s.note.replaceChildren(icon('info'), ' ', note);
  // Staleness in one line with a link to the sources, rather than a mark on most rows.
  const fresh = view.freshness;
  s.footer.replaceChildren(
    [s.t('monthNote'), s.t('exchange', view.exchange.date, view.exchange.source)].join(' '),
    h('br', {}),
    fresh.stale ? s.t('staleSummary', fresh.stale, fresh.total, fresh.limitDays) + ' · ' : '',
    h('button', { type: 'button', class: 'link-button sources', title: s.t('sourcesTitle') }, s.t('sources')),
  );
  save();
  post({
    type: 'rendered',
    rendered: {
      rowIds: visible.map((r) => r.modelId),
      cells,
      headers,
      sort: state.ui.sort,
      filters: state.ui.filters,
      chartBars: chart ? visible.filter((r) => r.total !== undefined).length : 0,
      note,
      answer: s.answer.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      ...(s.alwaysSentLine.hidden ? {} : { alwaysSent: s.alwaysSentLine.textContent?.trim() ?? '' }),
      plans: plans.rows,
      otherPlans: plans.others,
      historyIds: visible.filter((r) => history.has(r.modelId)).map((r) => r.modelId),
      useIds: Array.from(table.querySelectorAll<HTMLElement>('button.use'), (b) => b.dataset.model ?? ''),
      historyLines,
    },
  });
}

function render(view: ComparisonView, host: HostState): void {
  if (!skeleton || skeleton.viewLocale !== view.locale) skeleton = buildSkeleton(view);
  state.view = view;
  state.host = host;
  renderHeader(skeleton, view, host);
  syncInputs(skeleton, view);
  renderData();
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = HostMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    console.error('token-spend: ignoring an invalid message from the host', parsed.error.issues);
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'view':
      render(message.view, message.host);
      break;
    case 'busy':
      if (skeleton) skeleton.busy.hidden = !message.busy;
      break;
    case 'toast': {
      if (!skeleton) break;
      const toast = h('p', { class: 'toast', role: 'status' }, icon('check'), ' ', message.text);
      skeleton.notices.append(toast);
      setTimeout(() => toast.remove(), 4000);
      break;
    }
  }
});

// The chart is drawn at the panel's width: redraw when the panel is resized.
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(renderData, 150);
});

// Show the last view at once after a reload, then ask the host for a fresh one.
if (state.view) render(state.view, state.host);
post({ type: 'ready' });
