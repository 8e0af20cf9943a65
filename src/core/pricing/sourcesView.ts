import { staleness } from '../cost/time';
import { formatMoney, formatRate } from '../format';
import { localizer, type UiLocale } from '../l10n';
import type { Catalogue, PricingError } from './catalogue';
import { pricingText } from './dataText';
import { pricingErrorInFile } from './errorText';
import { STALE_AFTER_DAYS, staleSummary } from './freshness';
import { priceAt } from './schedule';
import type { ExchangeRates } from './schema';

/** The pricing-sources page's English messages; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const SOURCES_MESSAGES = {
  title: 'Token Spend: pricing sources',
  bundled: 'Bundled pricing file updated {0}: {1} models from {2} vendors.',
  downloaded: 'Prices from a downloaded price update dated {0}: {1} models from {2} vendors.',
  updatesOff: 'Price updates: off (no network). Turn them on with the setting tokenSpend.priceUpdates.enabled.',
  updatesOn: 'Price updates: on, from {0}.',
  lastCheck: 'Last check {0}: {1}.',
  rates: 'Exchange rates (per 1 {0}) of {1}: {2}',
  stale: '{0} of {1} prices checked more than {2} days ago',
  noneStale: 'Every price was checked in the last {0} days',
  yourFiles: 'Your pricing files',
  applied: 'applied',
  missing: 'not present',
  untrusted: 'ignored: the workspace is not trusted',
  invalid: 'not applied: {0} problems',
  invalidOne: 'not applied: 1 problem',
  pricingPage: 'Pricing page',
  model: 'Model',
  input: 'Input',
  output: 'Output',
  checked: 'Checked',
  source: 'Source',
  plan: 'Plan',
  price: 'Price',
  unpriced: 'unpriced: {0}',
  free: 'free',
  staleMark: '{0} days ago',
  secondary: 'secondary source',
  yours: 'your file',
  perYear: '{0} a year',
  perMonth: '{0} a month',
  filter: 'Filter by vendor or model',
  onlyStale: 'Only prices checked more than {0} days ago',
  noMatch: 'No vendor or model matches the filter.',
  openFile: 'Open file',
} as const;

const M = SOURCES_MESSAGES;

/** The state of one of the user's pricing files, as the host knows it. */
export interface OverlayFileState {
  label: string;
  status: 'applied' | 'invalid' | 'missing' | 'untrusted';
  errors: readonly PricingError[];
}

/** Whether price updates are on, from where, and how the last check went. */
export interface UpdateState {
  enabled: boolean;
  url?: string;
  fromUpdate: boolean;
  lastCheck?: { at: string; message: string };
}

export interface SourceRow {
  name: string;
  /** Formatted rates, or the reason there is none. */
  input: string;
  output: string;
  checked: string;
  /** "45 days ago" (beside "Checked 2026-12-01") when older than STALE_AFTER_DAYS, else absent. */
  stale?: string;
  secondary: boolean;
  yours: boolean;
  source: string;
}

export interface SourcesVendor {
  id: string;
  /** In the UI language: the Chinese name in Chinese. */
  name: string;
  /** In Chinese, the vendor's English name when it differs, shown after the Chinese one. */
  alias?: string;
  pricingPage: string;
  models: SourceRow[];
  plans: SourceRow[];
}

/** Everything the page shows, already in the UI language; the page only lays it out. */
export interface SourcesView {
  locale: UiLocale;
  text: Record<keyof typeof M, string>;
  summary: string[];
  rates: string;
  stale: string;
  staleCount: number;
  files: { label: string; status: string; errors: string[] }[];
  vendors: SourcesVendor[];
}

/** The pricing sources page for `catalogue` at `now`. */
export function pricingSourcesView(
  catalogue: Catalogue,
  rates: ExchangeRates,
  locale: UiLocale,
  now: Date,
  files: readonly OverlayFileState[] = [],
  updates?: UpdateState,
): SourcesView {
  const t = localizer(locale);
  const counts = [catalogue.data.updated, catalogue.models.length, catalogue.vendors.length] as const;
  const summary = [t(updates?.fromUpdate ? M.downloaded : M.bundled, ...counts)];
  if (updates) {
    const last = updates.lastCheck ? ' ' + t(M.lastCheck, updates.lastCheck.at.slice(0, 10), updates.lastCheck.message) : '';
    summary.push(updates.enabled && updates.url ? t(M.updatesOn, updates.url) + last : t(M.updatesOff));
  }
  const stale = staleSummary(catalogue.models, now);
  const age = (checked: string) => {
    const s = staleness(checked, now, STALE_AFTER_DAYS);
    return s.stale ? t(M.staleMark, s.ageDays) : undefined;
  };
  const vendors: SourcesVendor[] = [];
  for (const vendor of catalogue.vendors) {
    const models = catalogue.models.filter((m) => m.vendor === vendor.id);
    const plans = catalogue.plans.filter((p) => p.vendor === vendor.id);
    if (!models.length && !plans.length) continue;
    vendors.push({
      id: vendor.id,
      name: locale === 'zh-cn' ? vendor.nameZh : vendor.name,
      ...(locale === 'zh-cn' && vendor.nameZh !== vendor.name ? { alias: vendor.name } : {}),
      pricingPage: vendor.pricingPage,
      models: models.map((m) => {
        const p = priceAt(m, now);
        const [input, output] = !('rates' in p)
          ? [t(M.unpriced, p.unpriced), '']
          : p.free
            ? [t(M.free), t(M.free)]
            : [formatRate(p.rates.input, p.per, p.currency, locale), formatRate(p.rates.output, p.per, p.currency, locale)];
        const row: SourceRow = {
          name: m.name,
          input,
          output,
          checked: m.checked,
          secondary: m.secondary === true,
          yours: catalogue.overlaid.has(m.id),
          source: m.source,
        };
        const mark = age(m.checked);
        return mark ? { ...row, stale: mark } : row;
      }),
      plans: plans.map((p) => {
        const amount = formatMoney(p.amount, p.currency, locale);
        const price = t(p.period === 'year' ? M.perYear : M.perMonth, amount);
        const row: SourceRow = {
          name: pricingText(locale, p.name),
          input: price,
          output: '',
          checked: p.checked,
          secondary: false,
          yours: false,
          source: p.source,
        };
        const mark = age(p.checked);
        return mark ? { ...row, stale: mark } : row;
      }),
    });
  }
  const status = (f: OverlayFileState) =>
    f.status === 'invalid'
      ? f.errors.length === 1
        ? t(M.invalidOne)
        : t(M.invalid, f.errors.length)
      : t(f.status === 'applied' ? M.applied : f.status === 'missing' ? M.missing : M.untrusted);
  const text = Object.fromEntries(Object.entries(M).map(([k, v]) => [k, t(v)])) as Record<keyof typeof M, string>;
  text.onlyStale = t(M.onlyStale, STALE_AFTER_DAYS);
  return {
    locale,
    text,
    summary,
    rates: `${t(M.rates, rates.base, rates.date, pricingText(locale, rates.source))} — ${Object.entries(rates.rates)
      .map(([c, v]) => `${c} ${v}`)
      .join(' · ')}`,
    stale: stale.stale ? t(M.stale, stale.stale, stale.total, STALE_AFTER_DAYS) : t(M.noneStale, STALE_AFTER_DAYS),
    staleCount: stale.stale,
    files: files.map((f) => ({ label: f.label, status: status(f), errors: f.errors.map((e) => pricingErrorInFile(e, locale)) })),
    vendors,
  };
}
