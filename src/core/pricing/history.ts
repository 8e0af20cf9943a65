import { canConvert, convert } from '../cost/currency';
import type { Currency, ExchangeRates, HistoricPrice, Model } from './schema';

/** The rates a price history follows: what a person compares when a vendor cuts prices. */
export const HISTORY_KEYS = ['input', 'output', 'cacheRead'] as const;
export type HistoryKey = (typeof HISTORY_KEYS)[number];

export interface PricePoint {
  /** First day of this price; undefined when the file does not say when it started. */
  from?: string;
  /** Last day of this price; undefined while it is still in force (or unknown). */
  to?: string;
  /** The price in force now. */
  current: boolean;
  /** Currency and unit the rates below are in (the series' own, unless not convertible). */
  currency: Currency;
  per: 1000 | 1000000;
  rates: Partial<Record<HistoryKey, number>>;
  /** Percent change of each rate against the previous point that has it (−97.5 = cut by 97.5 %). */
  change: Partial<Record<HistoryKey, number>>;
  /** The vendor says it is free of charge. */
  free?: boolean;
  /** Rates converted from another currency with the exchange-rate table (so change mixes FX moves in). */
  convertedFrom?: Currency;
  note?: string;
  source: string;
  /** For the current point: the day the price was last checked. */
  checked?: string;
}

export interface PriceSeries {
  modelId: string;
  currency: Currency;
  per: 1000 | 1000000;
  /** Oldest first; the last one is the current price when the model is priced. */
  points: PricePoint[];
  /** Percent change of each rate from the oldest point that has it to the newest. */
  totalChange: Partial<Record<HistoryKey, number>>;
  /** Why there is no current price (retired, no public price). */
  unpriced?: string;
}

export interface HistoryOptions {
  /** Unit of the series. Default: the unit of the current price (or of the newest history entry). */
  per?: 1000 | 1000000;
  /** Currency of the series. Default: the current price's currency. */
  currency?: Currency;
  /** Needed only to put points priced in other currencies into the series' currency. */
  exchangeRates?: ExchangeRates;
}

/** Removes binary floating-point noise from unit conversions (0.02 per 1K → 20 per 1M, not 20.000000000000004). */
const clean = (n: number) => Number(n.toPrecision(12));

function percentChange(before: number | undefined, after: number | undefined): number | undefined {
  if (before === undefined || after === undefined || before === 0) return undefined;
  return clean(((after - before) / before) * 100);
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

interface RawPoint {
  from?: string;
  to?: string;
  current: boolean;
  currency: Currency;
  per: number;
  rates: Partial<Record<HistoryKey, number>>;
  free?: boolean;
  note?: string;
  source: string;
  checked?: string;
}

function pick(rates: Partial<Record<string, number>>): Partial<Record<HistoryKey, number>> {
  const out: Partial<Record<HistoryKey, number>> = {};
  for (const key of HISTORY_KEYS) if (rates[key] !== undefined) out[key] = rates[key];
  return out;
}

function sameInput(h: HistoricPrice, currency: Currency, per: number, input: number): boolean {
  if (h.currency !== currency) return false;
  const a = (h.rates.input * 1_000_000) / h.per;
  const b = (input * 1_000_000) / per;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-12);
}

/**
 * A model's price over time, in one currency and unit, with the percent change of each rate
 * from point to point: e.g. Qwen-Long input 0.02 → 0.0005 CNY per 1K tokens, −97.5 %.
 *
 * History entries come from the pricing file; the current price is appended as the last point.
 * An open-ended last history entry at the current input price *is* the current price, so the two
 * are one point (rates the history leaves out are taken from the current price).
 */
export function priceHistory(model: Model, options: HistoryOptions = {}): PriceSeries {
  const history = [...(model.history ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  const raw: RawPoint[] = history.map((h) => ({
    from: h.from,
    to: h.to,
    current: false,
    currency: h.currency,
    per: h.per,
    rates: pick(h.rates),
    note: h.note,
    source: h.source,
  }));
  const price = model.price;
  let unpriced: string | undefined;
  if ('rates' in price) {
    const last = history[history.length - 1];
    const lastRaw = raw[raw.length - 1];
    const currentRates = pick(price.rates);
    if (last && !last.to && sameInput(last, price.currency, price.per, price.rates.input)) {
      // Rescale the current rates into the history entry's unit before filling its gaps.
      for (const key of HISTORY_KEYS) {
        if (lastRaw.rates[key] === undefined && currentRates[key] !== undefined) lastRaw.rates[key] = clean((currentRates[key]! * last.per) / price.per);
      }
      Object.assign(lastRaw, { current: true, free: price.free, checked: model.checked });
    } else {
      raw.push({
        from: last?.to ? dayAfter(last.to) : undefined,
        current: true,
        currency: price.currency,
        per: price.per,
        rates: currentRates,
        free: price.free,
        note: price.tiers ? 'base context bracket' : undefined,
        source: model.source,
        checked: model.checked,
      });
    }
  } else {
    unpriced = price.unpriced;
  }

  const newest = raw[raw.length - 1];
  const currency = options.currency ?? ('rates' in price ? price.currency : (newest?.currency ?? 'USD'));
  const per = options.per ?? ('rates' in price ? price.per : ((newest?.per ?? 1_000_000) as 1000 | 1000000));
  const points: PricePoint[] = raw.map((p) => {
    const scale = per / p.per;
    const convertible = p.currency === currency || (options.exchangeRates !== undefined && canConvert(p.currency, currency, options.exchangeRates));
    const rates: Partial<Record<HistoryKey, number>> = {};
    for (const key of HISTORY_KEYS) {
      const v = p.rates[key];
      if (v === undefined) continue;
      rates[key] = clean(convertible && p.currency !== currency ? convert(v * scale, p.currency, currency, options.exchangeRates!) : v * scale);
    }
    return {
      from: p.from,
      to: p.to,
      current: p.current,
      currency: convertible ? currency : p.currency,
      per,
      rates,
      change: {},
      free: p.free,
      convertedFrom: convertible && p.currency !== currency ? p.currency : undefined,
      note: p.note,
      source: p.source,
      checked: p.checked,
    };
  });
  const totalChange: Partial<Record<HistoryKey, number>> = {};
  for (const key of HISTORY_KEYS) {
    let first: number | undefined;
    let previous: number | undefined;
    for (const point of points) {
      const v = point.currency === currency ? point.rates[key] : undefined;
      if (v === undefined) continue;
      const change = percentChange(previous, v);
      if (change !== undefined) point.change[key] = change;
      first ??= v;
      previous = v;
    }
    const total = percentChange(first, previous);
    if (total !== undefined && points.filter((p) => p.currency === currency && p.rates[key] !== undefined).length > 1) totalChange[key] = total;
  }
  return { modelId: model.id, currency, per, points, totalChange, unpriced };
}
