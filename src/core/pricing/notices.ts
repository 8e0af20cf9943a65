import { staleness } from '../cost/time';
import { STALE_AFTER_DAYS } from './freshness';
import { isRetired, retirementWarning, type RetirementWarning } from './lifecycle';
import { nextPriceChange, type PriceChange } from './schedule';
import type { Model } from './schema';

/** What a front end should say beside the current model's price (the tooltip, the CLI's summary). */
export interface PriceNotices {
  /** The price comes from an aggregator or model bank, not the vendor's page. */
  secondarySource: boolean;
  nextChange?: PriceChange;
  /** Retires within the warning period, with the date and the replacement. */
  retiresSoon?: RetirementWarning;
  /** The day it retired, when that is already past at `at`. */
  retiredOn?: string;
  /** Days since the price was checked, when that is more than the limit. */
  staleDays?: number;
}

export function priceNotices(model: Model, at: Date, findModel: (id: string) => Model | undefined, staleAfterDays = STALE_AFTER_DAYS): PriceNotices {
  const notices: PriceNotices = { secondarySource: model.secondary === true };
  const change = nextPriceChange(model, at);
  if (change) notices.nextChange = change;
  if (isRetired(model, at)) notices.retiredOn = model.retires;
  const soon = retirementWarning(model, at, findModel);
  if (soon) notices.retiresSoon = soon;
  const age = staleness(model.checked, at, staleAfterDays);
  if (age.stale) notices.staleDays = age.ageDays;
  return notices;
}
