import type { Assumptions } from '../types';
import type { ExchangeRates, Model, Plan, Vendor } from '../pricing/schema';
import { isPriced, priceCall } from './price';

/**
 * Credits: vendors that bill in their own unit (GitHub Copilot's AI credits, 1 credit = 0.01 USD).
 * Rates are stored in the credit's currency, so a call's credits are its cost in that currency,
 * before any conversion to the display currency, divided by the value of one credit.
 */

/** Credits one call of `model` uses, or undefined when its vendor does not bill in credits or it is unpriced. */
export function creditsPerCall(model: Model, vendor: Vendor, inputTokens: number, a: Assumptions, rates: ExchangeRates): number | undefined {
  const credit = vendor.credit;
  if (!credit) return undefined;
  // A negotiated discount is on money, not on credits: GitHub's credits per call do not change with it.
  const cost = priceCall(model, inputTokens, { ...a, currency: credit.currency, vendorDiscounts: {} }, rates);
  if (!isPriced(cost)) return undefined;
  return cost.total / credit.value;
}

/** Calls of this prompt a plan's monthly included credits cover (whole calls), or undefined when the plan states no credits. */
export function callsCoveredPerMonth(plan: Plan, credits: number): number | undefined {
  if (plan.includedCredits === undefined || !(credits >= 0) || !Number.isFinite(credits)) return undefined;
  const perMonth = plan.period === 'year' ? plan.includedCredits / 12 : plan.includedCredits;
  // A call that uses no credits is never limited by the allowance: no number to show.
  return credits === 0 ? undefined : Math.floor(perMonth / credits + 1e-9);
}
