import { staleness } from '../cost/time';
import type { Model, PricingFile } from './schema';

/** Prices not re-checked for longer than this are flagged as stale everywhere they are shown. */
export const STALE_AFTER_DAYS = 30;

export interface ModelFreshness {
  id: string;
  name: string;
  checked: string;
  ageDays: number;
  stale: boolean;
  source: string;
  unpriced: boolean;
}

export interface VendorFreshness {
  id: string;
  name: string;
  nameZh: string;
  pricingPage: string;
  /** Distinct source pages of this vendor's model and plan prices, most used first. */
  sources: string[];
  /** Oldest and newest `checked` date of its models and plans (undefined when it has none). */
  oldestChecked?: string;
  newestChecked?: string;
  /** Age in days of the oldest check. */
  oldestAgeDays?: number;
  models: ModelFreshness[];
  /** Ids of models and plans checked longer ago than the limit. */
  staleIds: string[];
  stale: boolean;
}

export interface FreshnessSummary {
  updated: string;
  staleAfterDays: number;
  exchangeRates?: { date: string; source: string; ageDays: number; stale: boolean };
  vendors: VendorFreshness[];
  /** Number of models and plans past the limit, over all vendors. */
  staleCount: number;
}

/**
 * Where every vendor's prices come from and how old they are, vendor by vendor, for the
 * "Show pricing sources" view and the stale-data flags.
 */
export function freshnessSummary(data: PricingFile, now: Date, staleAfterDays = STALE_AFTER_DAYS): FreshnessSummary {
  const vendors = data.vendors.map((vendor): VendorFreshness => {
    const models = data.models
      .filter((m) => m.vendor === vendor.id)
      .map((m): ModelFreshness => {
        const age = staleness(m.checked, now, staleAfterDays);
        return { id: m.id, name: m.name, checked: m.checked, ageDays: age.ageDays, stale: age.stale, source: m.source, unpriced: !('rates' in m.price) };
      });
    const plans = data.plans.filter((p) => p.vendor === vendor.id);
    const dated = [
      ...models.map((m) => ({ id: m.id, checked: m.checked, source: m.source })),
      ...plans.map((p) => ({ id: p.id, checked: p.checked, source: p.source })),
    ];
    const dates = dated.map((d) => d.checked).sort();
    const staleIds = dated.filter((d) => staleness(d.checked, now, staleAfterDays).stale).map((d) => d.id);
    const sourceUse = new Map<string, number>();
    for (const d of dated) sourceUse.set(d.source, (sourceUse.get(d.source) ?? 0) + 1);
    const sources = [...sourceUse.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
    const oldest = dates[0];
    return {
      id: vendor.id,
      name: vendor.name,
      nameZh: vendor.nameZh,
      pricingPage: vendor.pricingPage,
      sources,
      oldestChecked: oldest,
      newestChecked: dates[dates.length - 1],
      oldestAgeDays: oldest ? staleness(oldest, now, staleAfterDays).ageDays : undefined,
      models,
      staleIds,
      stale: staleIds.length > 0,
    };
  });
  const rates = data.exchangeRates;
  const ratesAge = rates ? staleness(rates.date, now, staleAfterDays) : undefined;
  return {
    updated: data.updated,
    staleAfterDays,
    exchangeRates: rates && ratesAge ? { date: rates.date, source: rates.source, ageDays: ratesAge.ageDays, stale: ratesAge.stale } : undefined,
    vendors,
    staleCount: vendors.reduce((n, v) => n + v.staleIds.length, 0),
  };
}

export interface StaleSummary {
  /** Priced models (free included) checked longer ago than the limit. */
  stale: number;
  /** Priced models (free included): unpriced ones have no price to go stale. */
  total: number;
  limitDays: number;
}

/**
 * Staleness in one figure for the UI ("3 of 140 prices checked more than 30 days ago"), in place of
 * a mark on most rows. `checked` is the day the vendor's page was read.
 */
export function staleSummary(models: readonly Pick<Model, 'checked' | 'price'>[], now: Date, limitDays = STALE_AFTER_DAYS): StaleSummary {
  const priced = models.filter((m) => 'rates' in m.price);
  return { stale: priced.filter((m) => staleness(m.checked, now, limitDays).stale).length, total: priced.length, limitDays };
}
