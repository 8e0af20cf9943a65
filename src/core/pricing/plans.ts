import { DAYS_PER_MONTH } from '../cost/price';
import type { Comparison, PlanBreakEven } from '../types';

/**
 * What a subscription or coding plan means for this workload. `compareText` already sets each
 * plan's monthly price against the pay-as-you-go month of the model it covers (PlanBreakEven);
 * this adds the verdict and the number of calls a day at which the two cost the same.
 */
export interface PlanVerdict extends PlanBreakEven {
  /** Pay-as-you-go cost of one call of the covered model, in the display currency. */
  perCall?: number;
  /** Calls a day of this prompt at which pay-as-you-go costs as much as the plan (30-day month). */
  breakEvenCallsPerDay?: number;
  /** Which is cheaper at the assumed calls per day; `unknown` when no covered model is priced here. */
  cheaper: 'plan' | 'pay-as-you-go' | 'even' | 'unknown';
  /** Pay-as-you-go month minus plan month (positive: the plan saves this much). */
  monthlySaving?: number;
}

/** Relative tolerance under which plan and pay-as-you-go count as costing the same. */
const EVEN = 1e-9;

export function planVerdict(entry: PlanBreakEven, comparison: Comparison): PlanVerdict {
  const row = entry.modelId ? comparison.rows.find((r) => r.model.id === entry.modelId) : undefined;
  const perCall = row?.cost?.total;
  if (entry.payAsYouGoMonthly === undefined || perCall === undefined) return { ...entry, cheaper: 'unknown' };
  const saving = entry.payAsYouGoMonthly - entry.planMonthly;
  const cheaper = Math.abs(saving) <= EVEN * Math.max(entry.planMonthly, entry.payAsYouGoMonthly) ? 'even' : saving > 0 ? 'plan' : 'pay-as-you-go';
  return {
    ...entry,
    perCall,
    // A free call never reaches any plan price.
    breakEvenCallsPerDay: perCall > 0 ? entry.planMonthly / (perCall * DAYS_PER_MONTH) : undefined,
    cheaper,
    monthlySaving: saving,
  };
}

/** Every plan of a comparison with its verdict; plans with a covered priced model first, biggest saving first. */
export function planVerdicts(comparison: Comparison): PlanVerdict[] {
  return comparison.plans
    .map((p) => planVerdict(p, comparison))
    .sort(
      (a, b) =>
        Number(a.cheaper === 'unknown') - Number(b.cheaper === 'unknown') ||
        (b.monthlySaving ?? 0) - (a.monthlySaving ?? 0) ||
        a.plan.id.localeCompare(b.plan.id),
    );
}
