import type { Catalogue } from '../pricing/catalogue';
import type { Currency, ExchangeRates, Region } from '../pricing/schema';
import { convert, canConvert } from '../cost/currency';
import { ModelMatcher, priceRecord } from './price';
import type { UsageRecord } from './types';

export const GROUPINGS = ['day', 'model', 'agent', 'project', 'session'] as const;
export type Grouping = (typeof GROUPINGS)[number];

/** A request with its cost in the display currency, or the reason it has none. */
export interface PricedRecord {
  record: UsageRecord;
  /** Catalogue id of the model it was priced as. */
  modelId?: string;
  /**
   * The name it is grouped under "by model": the catalogue model's API name when the log's name
   * matched one (claude-sonnet-5-20260724 and claude-sonnet-5 are one model), else the name as logged.
   */
  modelName: string;
  cost?: number;
  unpriced?: string;
  /** Local calendar day (YYYY-MM-DD) in the report's time zone. */
  day: string;
}

export interface UsageTotals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  /** Null when any request is unpriced: a partial sum is never shown as the total. */
  cost: number | null;
  /** The cost of the requests that are priced. */
  pricedCost: number;
  /** All tokens of the requests that could not be priced. */
  unpricedTokens: number;
  unpricedRequests: number;
  /** What the agents logged as cost (Claude Code's costUSD, Cline's cost), converted; null when none logged one. */
  loggedCost: number | null;
  /** Our cost of the same requests that carry a logged cost, to compare with it. */
  ourCostOfLogged: number;
}

export interface UsageRow extends UsageTotals {
  key: string;
}

export interface PricingContext {
  catalogue: Catalogue;
  currency: Currency;
  rates: ExchangeRates;
  region: Region;
  /** IANA time zone days are counted in. */
  timeZone: string;
}

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    throw new Error(`unknown IANA time zone "${timeZone}"`);
  }
}

/** Prices every request once. Days are cached per hour: every zone's offset is a whole number of quarter hours. */
export function priceRecords(records: readonly UsageRecord[], ctx: PricingContext): PricedRecord[] {
  const matcher = new ModelMatcher(ctx.catalogue, { region: ctx.region });
  const format = dayFormatter(ctx.timeZone);
  const days = new Map<number, string>();
  const dayOf = (at: number) => {
    const quarter = Math.floor(at / 900_000);
    let d = days.get(quarter);
    if (d === undefined) {
      d = format.format(new Date(quarter * 900_000));
      days.set(quarter, d);
    }
    return d;
  };
  // One message per unknown name, not one string per request (a gigabyte of logs holds hundreds of thousands).
  const missing = new Map<string, string>();
  return records.map((record): PricedRecord => {
    const model = matcher.match(record.model, record.source);
    const day = dayOf(record.at);
    if (!model) {
      let unpriced = missing.get(record.model);
      if (unpriced === undefined) missing.set(record.model, (unpriced = `the pricing catalogue has no model "${record.model}"`));
      return { record, day, modelName: record.model, unpriced };
    }
    const result = priceRecord(model, record, ctx.currency, ctx.rates);
    return 'unpriced' in result
      ? { record, day, modelId: model.id, modelName: model.apiId, unpriced: result.unpriced }
      : { record, day, modelId: model.id, modelName: model.apiId, cost: result.cost };
  });
}

export function emptyTotals(): UsageTotals {
  return {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: 0,
    pricedCost: 0,
    unpricedTokens: 0,
    unpricedRequests: 0,
    loggedCost: null,
    ourCostOfLogged: 0,
  };
}

/** Adds one request to running totals; `loggedToDisplay` converts a logged USD cost (undefined when it cannot). */
export function addToTotals(t: UsageTotals, p: PricedRecord, loggedToDisplay: (usd: number) => number | undefined): void {
  const r = p.record;
  t.requests++;
  t.inputTokens += r.input;
  t.outputTokens += r.output;
  t.cacheReadTokens += r.cacheRead;
  t.cacheWriteTokens += r.cacheWrite;
  t.reasoningTokens += r.reasoning;
  if (p.cost === undefined) {
    t.unpricedRequests++;
    t.unpricedTokens += r.input + r.output + r.cacheRead + r.cacheWrite + r.reasoning;
    t.cost = null;
  } else {
    t.pricedCost += p.cost;
    if (t.cost !== null) t.cost += p.cost;
  }
  if (r.loggedCostUsd !== undefined) {
    const logged = loggedToDisplay(r.loggedCostUsd);
    if (logged !== undefined) {
      t.loggedCost = (t.loggedCost ?? 0) + logged;
      if (p.cost !== undefined) t.ourCostOfLogged += p.cost;
    }
  }
}

export function groupKey(p: PricedRecord, by: Grouping): string {
  switch (by) {
    case 'day':
      return p.day;
    case 'model':
      return p.modelName;
    case 'agent':
      return p.record.source;
    case 'project':
      return p.record.project || '(unknown)';
    case 'session':
      return `${p.record.source}:${p.record.session || '(unknown)'}`;
  }
}

export interface UsageReport {
  currency: Currency;
  totals: UsageTotals;
  rows: UsageRow[];
  /**
   * Logged model names whose requests are unpriced, with their tokens: `listed` is false when the
   * catalogue lacks the model, true when it has the model but no price for those requests (a
   * price not published, a rate it lacks, no exchange rate to the display currency).
   */
  unpricedModels: { model: string; tokens: number; requests: number; listed: boolean }[];
  /** Requests whose logged cost differs from ours by more than 5 % (compared per row). */
  loggedCostDiffers: { key: string; logged: number; ours: number }[];
}

/** Share by which a logged cost may differ from ours before it is pointed out. */
export const LOGGED_COST_TOLERANCE = 0.05;

export interface ReportRange {
  /** First and last local day included (YYYY-MM-DD); either may be omitted. */
  since?: string;
  until?: string;
}

/** Totals and rows of the chosen grouping for the requests in `range`. */
export function summarize(
  priced: readonly PricedRecord[],
  by: Grouping,
  ctx: Pick<PricingContext, 'currency' | 'rates'>,
  range: ReportRange = {},
): UsageReport {
  const loggedToDisplay = (usd: number) => (canConvert('USD', ctx.currency, ctx.rates) ? convert(usd, 'USD', ctx.currency, ctx.rates) : undefined);
  const totals = emptyTotals();
  const rows = new Map<string, UsageRow>();
  const unpriced = new Map<string, { model: string; tokens: number; requests: number; listed: boolean }>();
  for (const p of priced) {
    if ((range.since && p.day < range.since) || (range.until && p.day > range.until)) continue;
    addToTotals(totals, p, loggedToDisplay);
    const key = groupKey(p, by);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, ...emptyTotals() }));
    addToTotals(row, p, loggedToDisplay);
    if (p.cost === undefined) {
      const r = p.record;
      const u = unpriced.get(r.model) ?? { model: r.model, tokens: 0, requests: 0, listed: p.modelId !== undefined };
      u.tokens += r.input + r.output + r.cacheRead + r.cacheWrite + r.reasoning;
      u.requests++;
      unpriced.set(r.model, u);
    }
  }
  const sorted = [...rows.values()].sort(
    by === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.pricedCost - a.pricedCost || a.key.localeCompare(b.key),
  );
  const loggedCostDiffers = sorted
    .filter((r) => r.loggedCost !== null && r.ourCostOfLogged > 0 && Math.abs(r.loggedCost - r.ourCostOfLogged) > LOGGED_COST_TOLERANCE * r.ourCostOfLogged)
    .map((r) => ({ key: r.key, logged: r.loggedCost as number, ours: r.ourCostOfLogged }));
  return { currency: ctx.currency, totals, rows: sorted, unpricedModels: [...unpriced.values()].sort((a, b) => b.tokens - a.tokens), loggedCostDiffers };
}
