import { maxOf } from '../extremes';
import { isRetired } from '../pricing/lifecycle';
import type { Catalogue } from '../pricing/catalogue';
import type { Currency, ExchangeRates, Model } from '../pricing/schema';
import { accountRegions } from '../suggest/cheaper';
import { priceRecord } from './price';
import { addToTotals, emptyTotals, type PricedRecord, type UsageTotals } from './summary';
import type { UsageRecord } from './types';

/** Daily and monthly budgets in the display currency; 0 = none. */
export interface Budgets {
  daily: number;
  monthly: number;
}

export type BudgetLevel = 'ok' | 'warning' | 'exceeded';

/** 80% of a budget warns, 100% is exceeded. */
export const BUDGET_WARNING_SHARE = 0.8;

export function budgetLevel(spent: number, budget: number): BudgetLevel {
  if (!(budget > 0)) return 'ok';
  if (spent >= budget) return 'exceeded';
  return spent >= budget * BUDGET_WARNING_SHARE ? 'warning' : 'ok';
}

export interface DayBar {
  day: string;
  /** Cost per model or agent that day (priced requests only); `unpricedTokens` beside it. */
  parts: { key: string; cost: number }[];
  cost: number;
  unpricedTokens: number;
}

export interface TopRow {
  key: string;
  source: string;
  cost: number;
  tokens: number;
  unpricedTokens: number;
  requests: number;
}

/** Everything the Spend view and the status item show, computed off the extension host's main thread. */
/** One model used, and the cheapest equivalent its user could buy (ids for links, names for people). */
export interface Swap {
  from: string;
  to: string;
  fromName: string;
  toName: string;
  saving: number;
}

export interface SpendSummary {
  currency: Currency;
  today: string;
  month: string;
  todayTotals: UsageTotals;
  monthTotals: UsageTotals;
  /** The last `days` days, oldest first, by model and by agent. */
  byModel: DayBar[];
  byAgent: DayBar[];
  topSessions: TopRow[];
  topProjects: TopRow[];
  /** Over the last `days` days: what cache reads saved against paying full input price for them. */
  cacheSavings: number;
  /** The same tokens on the cheapest equivalent of each model used, in the last `days` days; undefined when no model has one. */
  cheapest?: { actual: number; cheapest: number; swaps: Swap[] };
  periodTotals: UsageTotals;
  budgets: Budgets;
  dailyLevel: BudgetLevel;
  monthlyLevel: BudgetLevel;
}

function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function top(map: Map<string, TopRow>, limit: number): TopRow[] {
  return [...map.values()].sort((a, b) => b.cost - a.cost || b.tokens - a.tokens).slice(0, limit);
}

function billed(r: UsageRecord): number {
  return r.input + r.output + r.cacheRead + r.cacheWrite + r.reasoning;
}

export interface SpendOptions {
  catalogue: Catalogue;
  currency: Currency;
  rates: ExchangeRates;
  /** Local calendar day of now (YYYY-MM-DD) in the zone the records' `day` is in. */
  today: string;
  now: Date;
  days: number;
  budgets: Budgets;
}

/** A model that can replace `current` for these requests: same quality class or better, every capability, context enough, not retired. */
function candidatesFor(current: Model, catalogue: Catalogue, now: Date, largestPrompt: number, currency: string): Model[] {
  const regions = accountRegions(current, currency);
  return catalogue.models.filter(
    (m) =>
      m.id !== current.id &&
      (!regions || regions.includes(m.region)) &&
      'rates' in m.price &&
      !isRetired(m, now) &&
      m.quality.class >= current.quality.class &&
      m.contextWindow >= largestPrompt &&
      (Object.keys(current.capabilities) as (keyof Model['capabilities'])[]).every((k) => !current.capabilities[k] || m.capabilities[k]),
  );
}

/** The Spend view's numbers from priced requests (each request once). */
export function buildSpendSummary(priced: readonly PricedRecord[], o: SpendOptions): SpendSummary {
  const month = o.today.slice(0, 7);
  const first = addDays(o.today, -(o.days - 1));
  const loggedToDisplay = () => undefined;
  const todayTotals = emptyTotals();
  const monthTotals = emptyTotals();
  const periodTotals = emptyTotals();
  const dayIndex = new Map<string, number>();
  const byModel: DayBar[] = [];
  const byAgent: DayBar[] = [];
  for (let i = 0; i < o.days; i++) {
    const day = addDays(first, i);
    dayIndex.set(day, i);
    byModel.push({ day, parts: [], cost: 0, unpricedTokens: 0 });
    byAgent.push({ day, parts: [], cost: 0, unpricedTokens: 0 });
  }
  const sessions = new Map<string, TopRow>();
  const projects = new Map<string, TopRow>();
  const perModel = new Map<string, { model: Model; records: UsageRecord[]; cost: number }>();
  let cacheSavings = 0;
  const addPart = (bar: DayBar, key: string, cost: number) => {
    const part = bar.parts.find((p) => p.key === key);
    if (part) part.cost += cost;
    else bar.parts.push({ key, cost });
  };
  const addTop = (map: Map<string, TopRow>, key: string, p: PricedRecord) => {
    let row = map.get(key);
    if (!row) map.set(key, (row = { key, source: p.record.source, cost: 0, tokens: 0, unpricedTokens: 0, requests: 0 }));
    row.requests++;
    row.tokens += billed(p.record);
    if (p.cost === undefined) row.unpricedTokens += billed(p.record);
    else row.cost += p.cost;
  };
  for (const p of priced) {
    if (p.day === o.today) addToTotals(todayTotals, p, loggedToDisplay);
    if (p.day.startsWith(month)) addToTotals(monthTotals, p, loggedToDisplay);
    const i = dayIndex.get(p.day);
    if (i === undefined) continue;
    addToTotals(periodTotals, p, loggedToDisplay);
    const r = p.record;
    for (const [bars, key] of [
      [byModel, p.modelName],
      [byAgent, r.source],
    ] as const) {
      const bar = bars[i];
      if (p.cost === undefined) bar.unpricedTokens += billed(r);
      else {
        bar.cost += p.cost;
        addPart(bar, key, p.cost);
      }
    }
    // An agent that logs no session (Continue) is one row under its name; no project is the empty key, named by the view.
    addTop(sessions, r.session ? `${r.source}:${r.session}` : r.source, p);
    addTop(projects, r.project, p);
    if (p.cost !== undefined && p.modelId) {
      const model = o.catalogue.model(p.modelId);
      if (!model) continue;
      if (r.cacheRead > 0) {
        // What the same request would have cost had its cache reads been billed as fresh input.
        const uncached = priceRecord(model, { ...r, input: r.input + r.cacheRead, cacheRead: 0 }, o.currency, o.rates);
        if ('cost' in uncached) cacheSavings += uncached.cost - p.cost;
      }
      let entry = perModel.get(model.id);
      if (!entry) perModel.set(model.id, (entry = { model, records: [], cost: 0 }));
      entry.records.push(r);
      entry.cost += p.cost;
    }
  }
  return {
    currency: o.currency,
    today: o.today,
    month,
    todayTotals,
    monthTotals,
    periodTotals,
    byModel,
    byAgent,
    topSessions: top(sessions, 5),
    topProjects: top(projects, 5),
    cacheSavings,
    cheapest: cheapestEquivalent(perModel, o),
    budgets: o.budgets,
    dailyLevel: budgetLevel(todayTotals.pricedCost, o.budgets.daily),
    monthlyLevel: budgetLevel(monthTotals.pricedCost, o.budgets.monthly),
  };
}

/** Requests priced on a candidate: every request when there are few, otherwise an even sample scaled up. */
const MAX_REPRICED_PER_MODEL = 2000;

function cheapestEquivalent(perModel: Map<string, { model: Model; records: UsageRecord[]; cost: number }>, o: SpendOptions): SpendSummary['cheapest'] {
  if (!perModel.size) return undefined;
  let actual = 0;
  let cheapest = 0;
  const swaps: Swap[] = [];
  for (const { model, records, cost } of perModel.values()) {
    actual += cost;
    const step = Math.max(1, Math.ceil(records.length / MAX_REPRICED_PER_MODEL));
    const sample = records.filter((_, i) => i % step === 0);
    const largest = maxOf(sample.map((r) => r.input + r.cacheRead + r.cacheWrite + r.output + r.reasoning));
    let best = { model, cost };
    for (const candidate of candidatesFor(model, o.catalogue, o.now, largest, o.currency)) {
      let sum = 0;
      let ok = true;
      for (const r of sample) {
        const c = priceRecord(candidate, r, o.currency, o.rates);
        if (!('cost' in c)) {
          ok = false;
          break;
        }
        sum += c.cost;
      }
      const scaled = sum * (records.length / sample.length);
      if (ok && scaled < best.cost) best = { model: candidate, cost: scaled };
    }
    cheapest += best.cost;
    if (best.model !== model) swaps.push({ from: model.id, to: best.model.id, fromName: model.name, toName: best.model.name, saving: cost - best.cost });
  }
  swaps.sort((a, b) => b.saving - a.saving);
  return { actual, cheapest, swaps: swaps.slice(0, 5) };
}
