import { canConvert, convert } from '../cost/currency';
import { staleness } from '../cost/time';
import { applyOverlay, Catalogue, formatJsonPath, parsePricingFile, type PricingError } from './catalogue';
import { STALE_AFTER_DAYS } from './freshness';
import { isRetired } from './lifecycle';
import type { Currency, ExchangeRates, Model, Price, PricingFile, PricingOverlay, Rates } from './schema';

/**
 * `npm run pricing:check`: everything the schema cannot say about a pricing file. Errors are
 * data that is certainly wrong; warnings are data that deserves a second look by a person.
 */

export type Severity = 'error' | 'warning';

export type CheckRule =
  | 'json'
  | 'schema'
  | 'date'
  | 'date-order'
  | 'stale'
  | 'currency-rate'
  | 'region-suffix'
  | 'cache-above-input'
  | 'output-below-input'
  | 'tier-base'
  | 'tier-price-order'
  | 'per-unit'
  | 'currency-mix'
  | 'outlier'
  | 'region-pair'
  | 'quality-basis'
  | 'history'
  | 'history-current'
  | 'plan-models'
  | 'insecure-source'
  | 'vendor-empty'
  | 'lifecycle'
  | 'alias'
  | 'schedule-overlap'
  | 'schedule-currency'
  | 'schedule-unit'
  | 'schedule-current';

export interface CheckFinding {
  severity: Severity;
  rule: CheckRule;
  file: string;
  /** JSON path inside the checked file, e.g. `models[3].price.rates.cacheRead`. */
  path: string;
  message: string;
  /** The model, plan or vendor id the finding is about, when it is about one. */
  subject?: string;
}

export interface CheckStats {
  vendors: number;
  models: number;
  priced: number;
  free: number;
  unpriced: number;
  plans: number;
  historyPoints: number;
  currencies: Currency[];
}

export interface CheckReport {
  file: string;
  /** `file`: a complete pricing file; `overlay`: a user file layered over the bundled one. */
  kind: 'file' | 'overlay';
  errors: CheckFinding[];
  warnings: CheckFinding[];
  stats?: CheckStats;
}

export interface CheckOptions {
  /** "Today" for staleness and future dates. Default: the real now. */
  now?: Date;
  /** Default 120. */
  staleAfterDays?: number;
  /** A price this many times above or below the median of its quality class is flagged. Default 100. */
  outlierFactor?: number;
  /** What an overlay is layered over. Default: the bundled catalogue. */
  base?: Catalogue;
}

type Path = (string | number)[];

interface Context {
  file: string;
  data: PricingFile;
  now: Date;
  today: string;
  staleAfterDays: number;
  outlierFactor: number;
  findings: CheckFinding[];
  /** Whether findings about this model or plan id are reported (overlays: only their own ids). */
  inScope(id: string): boolean;
  /** Path of a model's field in the checked file (overlay prices live under `priceOverrides`). */
  modelPath(index: number, rest: Path): Path;
  planPath(index: number, rest: Path): Path;
  fileLevel: boolean;
}

function add(ctx: Context, severity: Severity, rule: CheckRule, path: Path, message: string, subject?: string): void {
  ctx.findings.push({ severity, rule, file: ctx.file, path: formatJsonPath(path), message, subject });
}

/** YYYY-MM-DD that names a real day (the schema's Date.parse check lets 2026-02-30 through). */
export function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

const fmt = (n: number) => (Math.abs(n) >= 0.01 || n === 0 ? String(Number(n.toPrecision(4))) : n.toPrecision(2));
const unitName = (per: number) => (per === 1000 ? '1K' : '1M');

// ---------------------------------------------------------------------------------------------
// Dates

function checkDates(ctx: Context): void {
  const { data } = ctx;
  const dated: { path: Path; date: string; subject?: string; kind: 'checked' | 'quality' | 'from' | 'to' | 'rates' | 'updated' }[] = [];
  if (ctx.fileLevel) dated.push({ path: ['updated'], date: data.updated, kind: 'updated' });
  if (data.exchangeRates && ctx.fileLevel) dated.push({ path: ['exchangeRates', 'date'], date: data.exchangeRates.date, kind: 'rates' });
  data.models.forEach((m, i) => {
    if (!ctx.inScope(m.id)) return;
    dated.push({ path: ctx.modelPath(i, ['checked']), date: m.checked, subject: m.id, kind: 'checked' });
    dated.push({ path: ctx.modelPath(i, ['quality', 'date']), date: m.quality.date, subject: m.id, kind: 'quality' });
    m.history?.forEach((h, j) => {
      dated.push({ path: ctx.modelPath(i, ['history', j, 'from']), date: h.from, subject: m.id, kind: 'from' });
      if (h.to) dated.push({ path: ctx.modelPath(i, ['history', j, 'to']), date: h.to, subject: m.id, kind: 'to' });
    });
  });
  data.plans.forEach((p, i) => {
    if (ctx.inScope(p.id)) dated.push({ path: ctx.planPath(i, ['checked']), date: p.checked, subject: p.id, kind: 'checked' });
  });
  data.models.forEach((m, i) => {
    if (ctx.inScope(m.id)) checkCopyDate(ctx, m.checked, m.notes, ctx.modelPath(i, ['checked']), m.id);
  });
  for (const d of dated) {
    if (!isRealDate(d.date)) {
      add(ctx, 'error', 'date', d.path, `"${d.date}" is not a real calendar date`, d.subject);
      continue;
    }
    if (d.date > ctx.today && d.kind !== 'to') {
      add(ctx, 'error', 'date-order', d.path, `${d.date} is in the future (today is ${ctx.today})`, d.subject);
    } else if (ctx.fileLevel && (d.kind === 'checked' || d.kind === 'rates') && d.date > data.updated) {
      add(
        ctx,
        'error',
        'date-order',
        d.path,
        `${d.date} is after the file's "updated" date ${data.updated}: price updates compare "updated", so it must be the newest date in the file`,
        d.subject,
      );
    }
    if (d.kind === 'checked' || d.kind === 'rates') {
      const age = staleness(d.date, ctx.now, ctx.staleAfterDays);
      if (age.stale) {
        const what = d.kind === 'rates' ? 'exchange rates' : 'price';
        add(ctx, 'warning', 'stale', d.path, `${what} last checked ${d.date}, ${age.ageDays} days ago (limit ${ctx.staleAfterDays})`, d.subject);
      }
    }
  }
}

/**
 * The `checked` rule (pricing/SOURCES.md). A copy whose date is known (stated, a known commit date, or
 * an upper bound: it predates a date) is written "Source copy dated YYYY-MM-DD (…)" and `checked` is
 * that date: later claims a freshness the copy does not have, earlier hides it. A copy known only to
 * be no older than some dates is written "Source copy undated (…); checked is the day it was read.":
 * `checked` is the day it was read, so it cannot be earlier than a date the sentence gives (that would
 * be dating the copy by a lower bound of its age, which the rule no longer does).
 */
export const COPY_DATED = /Source copy dated (\d{4}-\d{2}-\d{2})/g;
export const COPY_UNDATED = /Source copy undated \((.*?)\); checked is the day it was read\./gs;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;

function checkCopyDate(ctx: Context, checked: string, notes: string | undefined, path: Path, subject: string): void {
  const dates = [...(notes ?? '').matchAll(COPY_DATED)].map((x) => x[1]);
  const undated = [...(notes ?? '').matchAll(COPY_UNDATED)].map((x) => x[1]);
  if (dates.length && undated.length) {
    add(
      ctx,
      'error',
      'date-order',
      path,
      `the notes call the source copy both dated (${dates.join(', ')}) and undated; give one sentence, for the cited source`,
      subject,
    );
    return;
  }
  if (undated.length > 1) {
    add(ctx, 'error', 'date-order', path, 'the notes give more than one "Source copy undated" sentence; give the one of the cited source', subject);
    return;
  }
  if (undated.length === 1) {
    const bounds = (undated[0].match(ISO_DATE) ?? []).filter(isRealDate).sort();
    const newest = bounds[bounds.length - 1];
    if (newest !== undefined && checked < newest) {
      add(
        ctx,
        'error',
        'date-order',
        path,
        `checked ${checked} is earlier than ${newest}, which the "Source copy undated" sentence gives: an undated copy is checked on the day it was read, not on a date it is merely no older than`,
        subject,
      );
    }
    return;
  }
  if (!dates.length) return;
  if (dates.length > 1) {
    add(ctx, 'error', 'date-order', path, `the notes give more than one source copy date (${dates.join(', ')}); give the one of the cited source`, subject);
  } else if (checked !== dates[0]) {
    const how = checked > dates[0] ? 'later than' : 'earlier than';
    add(ctx, 'error', 'date-order', path, `checked ${checked} is ${how} the source copy's date ${dates[0]} given in the notes; checked is that date`, subject);
  }
}

// ---------------------------------------------------------------------------------------------
// Currencies and units

function currencyKnown(c: Currency, rates: ExchangeRates | undefined): boolean {
  return !!rates && (c === rates.base || rates.rates[c] !== undefined);
}

function checkCurrencyRates(ctx: Context): void {
  const { data } = ctx;
  const firstUse = new Map<Currency, { path: Path; subject: string }>();
  const note = (c: Currency, path: Path, subject: string) => {
    if (ctx.inScope(subject) && !firstUse.has(c)) firstUse.set(c, { path, subject });
  };
  data.models.forEach((m, i) => {
    if ('rates' in m.price && !m.price.free) note(m.price.currency, ctx.modelPath(i, ['price', 'currency']), m.id);
    m.history?.forEach((h, j) => note(h.currency, ctx.modelPath(i, ['history', j, 'currency']), m.id));
  });
  data.plans.forEach((p, i) => note(p.currency, ctx.planPath(i, ['currency']), p.id));
  if (firstUse.size < 2 && !data.exchangeRates) return;
  for (const [currency, use] of firstUse) {
    if (!currencyKnown(currency, data.exchangeRates)) {
      const table = data.exchangeRates
        ? `the ${data.exchangeRates.base}-based exchange-rate table of ${data.exchangeRates.date}`
        : 'the file (it has no exchangeRates)';
      add(
        ctx,
        'error',
        'currency-rate',
        use.path,
        `prices in ${currency} but ${table} has no ${currency} rate: they cannot be shown in other currencies`,
        use.subject,
      );
    }
  }
}

/** The value most items have; ties go to the later-sorted value (1000000 over 1000, CNY over USD). */
function majority<T extends string | number>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && v > best)) best = v;
  return best;
}

interface PricedModel {
  model: Model;
  index: number;
  price: Price;
}

function pricedModels(data: PricingFile): PricedModel[] {
  return data.models.flatMap((model, index) => ('rates' in model.price && !model.price.free ? [{ model, index, price: model.price }] : []));
}

function checkUnitsAndCurrencies(ctx: Context): void {
  const priced = pricedModels(ctx.data);
  const byVendor = groupBy(priced, (p) => p.model.vendor);
  for (const [vendor, models] of byVendor) {
    const per = majority(models.map((p) => p.price.per));
    for (const p of models) {
      if (p.price.per !== per && ctx.inScope(p.model.id)) {
        add(
          ctx,
          'warning',
          'per-unit',
          ctx.modelPath(p.index, ['price', 'per']),
          `priced per ${unitName(p.price.per)} tokens while ${vendor}'s other models are priced per ${unitName(per!)}: check the unit against the source`,
          p.model.id,
        );
      }
    }
  }
  const byRegion = groupBy(priced, (p) => `${p.model.vendor}\u0000${p.model.region}`);
  for (const models of byRegion.values()) {
    const currency = majority(models.map((p) => p.price.currency));
    for (const p of models) {
      if (p.price.currency === currency || !ctx.inScope(p.model.id)) continue;
      const where = p.model.region === 'cn' ? 'mainland-China (cn)' : p.model.region === 'intl' ? 'international (intl)' : 'global';
      add(
        ctx,
        'warning',
        'currency-mix',
        ctx.modelPath(p.index, ['price', 'currency']),
        `priced in ${p.price.currency} while ${p.model.vendor}'s other ${where} models are priced in ${currency}: check it is the price list of that region`,
        p.model.id,
      );
    }
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Single prices

function checkRates(ctx: Context, rates: Partial<Rates>, path: Path, subject: string): void {
  if (rates.cacheRead !== undefined && rates.input !== undefined && rates.cacheRead > rates.input) {
    add(
      ctx,
      'error',
      'cache-above-input',
      [...path, 'cacheRead'],
      `cached input (${fmt(rates.cacheRead)}) costs more than uncached input (${fmt(rates.input)}): cache hits are discounted input`,
      subject,
    );
  }
}

const SAME_RATE = (a: number | undefined, b: number | undefined) =>
  a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)));

function checkPrices(ctx: Context): void {
  ctx.data.models.forEach((m, i) => {
    if (!ctx.inScope(m.id)) return;
    const suffix = /@([a-z]+)$/.exec(m.id)?.[1];
    if (suffix && ['cn', 'intl', 'global'].includes(suffix) && suffix !== m.region) {
      add(ctx, 'error', 'region-suffix', ctx.modelPath(i, ['region']), `the id ends in "@${suffix}" but the region is "${m.region}"`, m.id);
    }
    m.history?.forEach((h, j) => checkRates(ctx, h.rates, ctx.modelPath(i, ['history', j, 'rates']), m.id));
    if ('rates' in m.price) checkPriceRanges(ctx, m.price, (rest) => ctx.modelPath(i, ['price', ...rest]), m.id);
    m.schedule?.forEach((e, j) => {
      if ('rates' in e.price) checkPriceRanges(ctx, e.price, (rest) => ctx.modelPath(i, ['schedule', j, 'price', ...rest]), m.id);
    });
  });
}

/** Range checks of one price (the list price or a dated one): cache, output against input, brackets, time windows. */
function checkPriceRanges(ctx: Context, price: Price, at: (rest: Path) => Path, subject: string): void {
  if (price.free) return;
  checkRates(ctx, price.rates, at(['rates']), subject);
  if (price.rates.output < price.rates.input) {
    add(
      ctx,
      'warning',
      'output-below-input',
      at(['rates', 'output']),
      `output (${fmt(price.rates.output)}) is priced below input (${fmt(price.rates.input)}); vendors almost always charge more for output`,
      subject,
    );
  }
  const brackets = price.tiers?.brackets ?? [];
  brackets.forEach((b, k) => {
    checkRates(ctx, b, at(['tiers', 'brackets', k]), subject);
    if (k === 0) {
      const keys = ['input', 'output', 'cacheRead', 'cacheWrite', 'cacheWrite1h', 'reasoningOutput'] as const;
      const differing = keys.filter((key) => !SAME_RATE(b[key], price.rates[key]));
      if (differing.length) {
        add(
          ctx,
          'error',
          'tier-base',
          at(['rates']),
          `"rates" differ from the first context bracket in ${differing.join(', ')}: lists show "rates" while costs use the brackets`,
          subject,
        );
      }
      return;
    }
    const prev = brackets[k - 1];
    for (const key of ['input', 'output'] as const) {
      if (b[key] < prev[key]) {
        add(
          ctx,
          'warning',
          'tier-price-order',
          at(['tiers', 'brackets', k, key]),
          `${key} gets cheaper (${fmt(prev[key])} → ${fmt(b[key])}) for longer requests; context brackets normally cost more`,
          subject,
        );
      }
    }
  });
  price.timeWindows?.forEach((w, k) => {
    checkRates(ctx, { ...price.rates, ...w.rates }, at(['timeWindows', k, 'rates']), subject);
  });
}

// ---------------------------------------------------------------------------------------------
// Prices compared with similar models

function perMillionUsd(rate: number, price: { per: number; currency: Currency }, rates: ExchangeRates | undefined): number | undefined {
  if (!rates || !canConvert(price.currency, 'USD', rates)) return undefined;
  return convert((rate * 1_000_000) / price.per, price.currency, 'USD', rates);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function checkOutliers(ctx: Context): void {
  const rates = ctx.data.exchangeRates;
  const priced = pricedModels(ctx.data);
  // Dated prices are held against the same class medians as list prices (the medians come from list prices only).
  const dated = ctx.data.models.flatMap((model, index) =>
    (model.schedule ?? []).flatMap((e, j) =>
      'rates' in e.price && !e.price.free
        ? [{ model, price: e.price, path: (key: string) => ctx.modelPath(index, ['schedule', j, 'price', 'rates', key]) }]
        : [],
    ),
  );
  for (const key of ['input', 'output'] as const) {
    const withUsd = priced
      .map((p) => ({ ...p, usd: perMillionUsd(p.price.rates[key], p.price, rates) }))
      .filter((p): p is PricedModel & { usd: number } => p.usd !== undefined && p.usd > 0);
    const datedUsd = dated.map((d) => ({ ...d, usd: perMillionUsd(d.price.rates[key], d.price, rates) })).filter((d) => d.usd !== undefined && d.usd > 0);
    for (const [cls, group] of groupBy(withUsd, (p) => String(p.model.quality.class))) {
      if (group.length < 3) continue;
      const mid = median(group.map((p) => p.usd));
      const candidates = [
        ...group.map((p) => ({ model: p.model, price: p.price, usd: p.usd, path: ctx.modelPath(p.index, ['price', 'rates', key]) })),
        ...datedUsd.filter((d) => String(d.model.quality.class) === cls).map((d) => ({ model: d.model, price: d.price, usd: d.usd!, path: d.path(key) })),
      ];
      for (const p of candidates) {
        if (!ctx.inScope(p.model.id)) continue;
        const ratio = p.usd / mid;
        if (ratio <= ctx.outlierFactor && ratio >= 1 / ctx.outlierFactor) continue;
        const how = ratio > 1 ? `${fmt(ratio)}× above` : `${fmt(1 / ratio)}× below`;
        add(
          ctx,
          'warning',
          'outlier',
          p.path,
          `${key} ${fmt(p.price.rates[key])} ${p.price.currency} per ${unitName(p.price.per)} (${fmt(p.usd)} USD per 1M) is ${how} the median of quality-class-${cls} models (${fmt(mid)} USD per 1M): check the unit (per 1K or per 1M) and the currency`,
          p.model.id,
        );
      }
    }
  }
  // The same model served in two regions: prices may differ, but not by an order of magnitude.
  const byBase = groupBy(priced, (p) => `${p.model.vendor}\u0000${p.model.id.replace(/@[a-z]+$/, '')}`);
  for (const group of byBase.values()) {
    if (group.length < 2) continue;
    for (const p of group) {
      if (!ctx.inScope(p.model.id)) continue;
      for (const q of group) {
        if (q === p || p.model.region === q.model.region) continue;
        const a = perMillionUsd(p.price.rates.input, p.price, rates);
        const b = perMillionUsd(q.price.rates.input, q.price, rates);
        if (a === undefined || b === undefined || b === 0 || a / b <= 10) continue;
        add(
          ctx,
          'warning',
          'region-pair',
          ctx.modelPath(p.index, ['price', 'rates', 'input']),
          `input costs ${fmt(a / b)}× as much as the same model's ${q.model.region} price (${q.model.id}): check units and currency`,
          p.model.id,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Quality, history, plans, sources

const PLACEHOLDER_BASIS = /^(tbd|todo|unknown|n\/?a|none|guess|estimate[d]?|\?+|-+|x+)$/i;
const BENCHMARK_EVIDENCE = /(index|elo|arena|leaderboard|superclue|bench|mmlu|gpqa|caisi|swe)[^.;]*\d|\d+(\.\d+)?\s*%/i;

function checkQuality(ctx: Context): void {
  ctx.data.models.forEach((m, i) => {
    if (!ctx.inScope(m.id)) return;
    const basis = m.quality.basis.trim();
    if (basis.length < 12 || PLACEHOLDER_BASIS.test(basis)) {
      add(
        ctx,
        'warning',
        'quality-basis',
        ctx.modelPath(i, ['quality', 'basis']),
        `quality class ${m.quality.class} has no real basis ("${basis}"): name the benchmark or leaderboard it is read from`,
        m.id,
      );
    } else if (m.quality.class >= 4 && !BENCHMARK_EVIDENCE.test(basis)) {
      add(
        ctx,
        'warning',
        'quality-basis',
        ctx.modelPath(i, ['quality', 'basis']),
        `quality class ${m.quality.class} rests on no benchmark or leaderboard score (basis: "${basis.length > 80 ? basis.slice(0, 77) + '…' : basis}")`,
        m.id,
      );
    }
  });
}

function normalizedInput(rates: { input: number }, per: number): number {
  return (rates.input * 1_000_000) / per;
}

function checkHistory(ctx: Context): void {
  ctx.data.models.forEach((m, i) => {
    const history = m.history;
    if (!history?.length || !ctx.inScope(m.id)) return;
    const at = (j: number, rest: Path) => ctx.modelPath(i, ['history', j, ...rest]);
    history.forEach((h, j) => {
      if (h.to && h.to < h.from) add(ctx, 'error', 'history', at(j, ['to']), `ends (${h.to}) before it starts (${h.from})`, m.id);
      if (j === 0) return;
      const prev = history[j - 1];
      if (h.from < prev.from) {
        add(ctx, 'error', 'history', at(j, ['from']), `history must be in date order: ${h.from} comes before the previous entry's ${prev.from}`, m.id);
      } else if (!prev.to) {
        add(ctx, 'error', 'history', at(j - 1, ['to']), `has no end date but a later entry starts ${h.from}: set "to"`, m.id);
      } else if (prev.to >= h.from) {
        add(ctx, 'error', 'history', at(j, ['from']), `overlaps the previous entry, which runs to ${prev.to}`, m.id);
      }
    });
    const last = history[history.length - 1];
    const price = m.price;
    if (last.to || !('rates' in price)) return;
    const same = last.currency === price.currency && SAME_RATE(normalizedInput(last.rates, last.per), normalizedInput(price.rates, price.per));
    if (!same) {
      add(
        ctx,
        'warning',
        'history-current',
        at(history.length - 1, ['to']),
        `has no end date, so it claims to be the price now, but the current input price is ${fmt(price.rates.input)} ${price.currency} per ${unitName(price.per)} against its ${fmt(last.rates.input)} ${last.currency} per ${unitName(last.per)}: set "to" to the day the price changed`,
        m.id,
      );
    }
  });
}

function checkPlansAndSources(ctx: Context): void {
  const { data } = ctx;
  const byId = new Map(data.models.map((m) => [m.id, m]));
  data.plans.forEach((p, i) => {
    if (!ctx.inScope(p.id)) return;
    if (p.source.startsWith('http:')) add(ctx, 'warning', 'insecure-source', ctx.planPath(i, ['source']), 'source is plain http: prefer the https page', p.id);
    if (!p.models?.length) {
      if (p.kind !== 'subscription')
        add(ctx, 'warning', 'plan-models', ctx.planPath(i, ['models']), `a ${p.kind} with no covered models: no pay-as-you-go break-even can be shown`, p.id);
      return;
    }
    if (
      p.models.every((id) => {
        const m = byId.get(id);
        return !m || !('rates' in m.price);
      })
    ) {
      add(ctx, 'warning', 'plan-models', ctx.planPath(i, ['models']), 'every covered model is unpriced: no pay-as-you-go break-even can be shown', p.id);
    }
  });
  data.models.forEach((m, i) => {
    if (ctx.inScope(m.id) && m.source.startsWith('http:'))
      add(ctx, 'warning', 'insecure-source', ctx.modelPath(i, ['source']), 'source is plain http: prefer the https page', m.id);
  });
  if (ctx.fileLevel) {
    data.vendors.forEach((v, i) => {
      if (!data.models.some((m) => m.vendor === v.id)) add(ctx, 'warning', 'vendor-empty', ['vendors', i], `vendor "${v.id}" has no models`, v.id);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Retirement and dated prices

const dayStart = (d: string) => Date.parse(`${d}T00:00:00Z`);

function checkLifecycle(ctx: Context): void {
  const byId = new Map(ctx.data.models.map((m) => [m.id, m]));
  ctx.data.models.forEach((m, i) => {
    if (!ctx.inScope(m.id)) return;
    if (m.deprecated && m.retires && m.retires < m.deprecated) {
      add(ctx, 'error', 'lifecycle', ctx.modelPath(i, ['retires']), `retires ${m.retires}, before it was deprecated (${m.deprecated})`, m.id);
    }
    if (m.replacedBy === undefined) return;
    const replacement = byId.get(m.replacedBy);
    if (m.replacedBy === m.id) {
      add(ctx, 'error', 'lifecycle', ctx.modelPath(i, ['replacedBy']), 'a model cannot be its own replacement', m.id);
    } else if (replacement && isRetired(replacement, ctx.now)) {
      add(
        ctx,
        'error',
        'lifecycle',
        ctx.modelPath(i, ['replacedBy']),
        `the replacement ${replacement.id} retired on ${replacement.retires}: name the model that replaces it`,
        m.id,
      );
    }
  });
}

/** An alias names one model: never the model's own API name, never another model's id, API name or alias
 *  (the same model in another region shares its API name and so its aliases). */
function checkAliases(ctx: Context): void {
  const owners = new Map<string, string[]>();
  const claim = (name: string, apiId: string) => owners.set(name, [...(owners.get(name) ?? []), apiId]);
  for (const m of ctx.data.models) {
    claim(m.id.toLowerCase(), m.apiId);
    claim(m.apiId.toLowerCase(), m.apiId);
    for (const a of m.aliases ?? []) claim(a, m.apiId);
  }
  ctx.data.models.forEach((m, i) => {
    if (!m.aliases || !ctx.inScope(m.id)) return;
    m.aliases.forEach((a, j) => {
      const path = ctx.modelPath(i, ['aliases', j]);
      if (a === m.apiId.toLowerCase()) {
        add(ctx, 'error', 'alias', path, `"${a}" is the model's own API name`, m.id);
        return;
      }
      const others = (owners.get(a) ?? []).filter((apiId) => apiId !== m.apiId);
      if (others.length) add(ctx, 'error', 'alias', path, `"${a}" also names ${[...new Set(others)].join(', ')}: an alias must name one model`, m.id);
    });
  });
}

function checkSchedules(ctx: Context): void {
  ctx.data.models.forEach((m, i) => {
    if (!m.schedule?.length || !ctx.inScope(m.id)) return;
    const at = (j: number, rest: Path) => ctx.modelPath(i, ['schedule', j, ...rest]);
    const list = 'rates' in m.price ? m.price : undefined;
    const span = (j: number) => ({
      start: m.schedule![j].from ? dayStart(m.schedule![j].from!) : -Infinity,
      end: m.schedule![j].until ? dayStart(m.schedule![j].until!) : Infinity,
    });
    m.schedule.forEach((e, j) => {
      for (let k = 0; k < j; k++) {
        const a = span(k);
        const b = span(j);
        if (a.start < b.end && b.start < a.end) {
          add(
            ctx,
            'error',
            'schedule-overlap',
            at(j, []),
            `overlaps schedule entry ${k} (${m.schedule![k].from ?? '…'} to ${m.schedule![k].until ?? '…'}): only one dated price can be in force on a day`,
            m.id,
          );
        }
      }
      if (list && 'rates' in e.price && !e.price.free && !list.free) {
        if (e.price.currency !== list.currency) {
          add(
            ctx,
            'error',
            'schedule-currency',
            at(j, ['price', 'currency']),
            `in ${e.price.currency} while the model's price is in ${list.currency}: one model (one region) bills in one currency`,
            m.id,
          );
        }
        if (e.price.per !== list.per) {
          add(
            ctx,
            'warning',
            'schedule-unit',
            at(j, ['price', 'per']),
            `per ${unitName(e.price.per)} tokens while the model's price is per ${unitName(list.per)}: check the unit against the source`,
            m.id,
          );
        }
      }
      if (e.until === undefined && e.from !== undefined && dayStart(e.from) <= ctx.now.getTime()) {
        add(
          ctx,
          'warning',
          'schedule-current',
          at(j, ['from']),
          `in force since ${e.from} with no end: make it the model's "price" (the old price can go to "history")`,
          m.id,
        );
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

function statsOf(data: PricingFile): CheckStats {
  const priced = data.models.filter((m) => 'rates' in m.price);
  const currencies = new Set<Currency>();
  for (const m of priced) if ('rates' in m.price) currencies.add(m.price.currency);
  for (const p of data.plans) currencies.add(p.currency);
  return {
    vendors: data.vendors.length,
    models: data.models.length,
    priced: priced.filter((m) => 'rates' in m.price && !m.price.free).length,
    free: priced.filter((m) => 'rates' in m.price && m.price.free).length,
    unpriced: data.models.length - priced.length,
    plans: data.plans.length,
    historyPoints: data.models.reduce((n, m) => n + (m.history?.length ?? 0), 0),
    currencies: [...currencies].sort(),
  };
}

function runChecks(ctx: Context): void {
  checkDates(ctx);
  checkCurrencyRates(ctx);
  checkUnitsAndCurrencies(ctx);
  checkPrices(ctx);
  checkOutliers(ctx);
  checkQuality(ctx);
  checkHistory(ctx);
  checkPlansAndSources(ctx);
  checkLifecycle(ctx);
  checkAliases(ctx);
  checkSchedules(ctx);
}

function report(file: string, kind: CheckReport['kind'], findings: CheckFinding[], stats?: CheckStats): CheckReport {
  return { file, kind, errors: findings.filter((f) => f.severity === 'error'), warnings: findings.filter((f) => f.severity === 'warning'), stats };
}

function fromPricingErrors(errors: PricingError[]): CheckFinding[] {
  return errors.map((e) => ({ severity: 'error', rule: 'schema', file: e.file, path: e.path, message: e.message }));
}

function baseContext(file: string, data: PricingFile, options: CheckOptions): Omit<Context, 'inScope' | 'modelPath' | 'planPath' | 'fileLevel'> {
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new Error('pricing check: "now" is not a valid date');
  return {
    file,
    data,
    now,
    today: now.toISOString().slice(0, 10),
    staleAfterDays: options.staleAfterDays ?? STALE_AFTER_DAYS,
    outlierFactor: options.outlierFactor ?? 100,
    findings: [],
  };
}

/** Checks a complete pricing file (the bundled one, or a replacement such as a downloaded update). */
export function checkPricingFile(json: unknown, file: string, options: CheckOptions = {}): CheckReport {
  const parsed = parsePricingFile(json, file);
  if (!parsed.catalogue) return report(file, 'file', fromPricingErrors(parsed.errors));
  const data = parsed.catalogue.data;
  const ctx: Context = {
    ...baseContext(file, data, options),
    inScope: () => true,
    modelPath: (i, rest) => ['models', i, ...rest],
    planPath: (i, rest) => ['plans', i, ...rest],
    fileLevel: true,
  };
  runChecks(ctx);
  return report(file, 'file', ctx.findings, statsOf(data));
}

/**
 * Checks a user pricing file layered over `options.base` (default: the bundled catalogue). Its
 * models are compared with the whole merged catalogue, but only findings about the models and
 * plans the overlay adds or re-prices are reported, with paths inside the overlay file.
 */
export function checkPricingOverlay(json: unknown, file: string, base: Catalogue, options: CheckOptions = {}): CheckReport {
  const applied = applyOverlay(base, json, file);
  if (applied.errors.length) return report(file, 'overlay', fromPricingErrors(applied.errors));
  const overlay = json as PricingOverlay;
  const data = applied.catalogue.data;
  const ownModels = new Map((overlay.models ?? []).map((m, j) => [m.id, j]));
  const overrides = new Set(Object.keys(overlay.priceOverrides ?? {}));
  const ownPlans = new Map((overlay.plans ?? []).map((p, j) => [p.id, j]));
  const ctx: Context = {
    ...baseContext(file, data, options),
    inScope: (id) => ownModels.has(id) || overrides.has(id) || ownPlans.has(id),
    modelPath: (i, rest) => {
      const id = data.models[i].id;
      if (overrides.has(id) && rest[0] === 'price') return ['priceOverrides', id, ...rest.slice(1)];
      const j = ownModels.get(id);
      return j !== undefined ? ['models', j, ...rest] : [`(bundled model ${id})`, ...rest];
    },
    planPath: (i, rest) => {
      const j = ownPlans.get(data.plans[i].id);
      return j !== undefined ? ['plans', j, ...rest] : [`(bundled plan ${data.plans[i].id})`, ...rest];
    },
    fileLevel: false,
  };
  runChecks(ctx);
  // An override replaces only the price: its findings about the bundled model's other fields are not the overlay's.
  const own = ctx.findings.filter((f) => !f.path.startsWith('(bundled') && !f.path.startsWith('["(bundled'));
  return report(file, 'overlay', own, statsOf(data));
}

/** A complete file has vendors and models and no price overrides; anything else is an overlay. */
export function looksLikeOverlay(json: unknown): boolean {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return 'priceOverrides' in o || !Array.isArray(o.vendors) || !Array.isArray(o.models);
}

/** Checks any pricing JSON: a complete file or an overlay over `options.base` (default: bundled). */
export function checkPricingJson(json: unknown, file: string, options: CheckOptions & { base: Catalogue }): CheckReport {
  return looksLikeOverlay(json) ? checkPricingOverlay(json, file, options.base, options) : checkPricingFile(json, file, options);
}

/** Parses JSON text the way a person saved it (a byte-order mark is fine), or says where it breaks. */
export function parseJsonText(text: string, file: string): { json: unknown } | { error: CheckFinding } {
  try {
    return { json: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    return { error: { severity: 'error', rule: 'json', file, path: '(root)', message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` } };
  }
}

/** The report as plain text lines: a summary, then errors, then warnings grouped by rule. */
export function formatCheckReport(r: CheckReport): string[] {
  const lines: string[] = [];
  const s = r.stats;
  const what = r.kind === 'overlay' ? 'user pricing file over the bundled prices' : 'pricing file';
  lines.push(
    s
      ? `${r.file} (${what}): ${s.vendors} vendors, ${s.models} models (${s.priced} priced, ${s.free} free, ${s.unpriced} unpriced), ${s.plans} plans, ${s.historyPoints} history points; currencies ${s.currencies.join(', ')}`
      : `${r.file} (${what}): not valid`,
  );
  const line = (f: CheckFinding) => `  ${f.severity === 'error' ? 'error  ' : 'warning'} ${f.path}${f.subject ? ` [${f.subject}]` : ''}: ${f.message}`;
  for (const f of r.errors) lines.push(line(f));
  for (const [rule, group] of groupBy(r.warnings, (f) => f.rule)) {
    lines.push(`  -- ${rule} (${group.length})`);
    if (rule !== 'stale') {
      for (const f of group) lines.push(line(f));
      continue;
    }
    // Stale data comes in batches checked on the same day: one line per day keeps it readable.
    for (const [message, same] of groupBy(group, (f) => f.message)) {
      lines.push(`  warning ${message}: ${same.map((f) => f.subject ?? f.path).join(', ')}`);
    }
  }
  lines.push(`  ${r.errors.length} error${r.errors.length === 1 ? '' : 's'}, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}`);
  return lines;
}
