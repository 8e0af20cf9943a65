import type { AppliedRule, Assumptions, CostBreakdown } from '../types';
import { describeRule } from '../format/rules';
import { CURRENCY_CODES, type ExchangeRates, type Model, type Price, type Rates, type TimeWindow } from '../pricing/schema';
import { canConvert, convert } from './currency';
import { activeTimeWindow } from './time';
import { priceInForce } from '../pricing/schedule';

/** Days in the monthly projection. */
export const DAYS_PER_MONTH = 30;

function requireCount(value: number, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`${what} must be a finite number of at least 0, got ${value}`);
  }
}

/** Rejects assumptions that would make a cost meaningless (NaN, negative, out of range). */
export function validateAssumptions(a: Assumptions): void {
  requireCount(a.outputTokens, 'expected output tokens');
  requireCount(a.reasoningTokens, 'expected reasoning tokens');
  requireCount(a.callsPerDay, 'calls per day');
  if (typeof a.cachedShare !== 'number' || !Number.isFinite(a.cachedShare) || a.cachedShare < 0 || a.cachedShare > 1) {
    throw new Error(`cached share must be between 0 and 1 (0.3 = 30 %), got ${a.cachedShare}`);
  }
  if (!(a.at instanceof Date) || Number.isNaN(a.at.getTime())) throw new Error('the request time is not a valid date');
  if (!(CURRENCY_CODES as readonly string[]).includes(a.currency)) {
    throw new Error(`unknown currency "${a.currency}"; use one of ${CURRENCY_CODES.join(', ')}`);
  }
  for (const [vendor, percent] of Object.entries(a.vendorDiscounts ?? {})) {
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
      throw new Error(`discount for vendor "${vendor}" must be a percentage from 0 to 100, got ${percent}`);
    }
  }
}

/** A share of the input billed at one set of rates. */
interface InputSegment {
  tokens: number;
  rates: Rates;
}

/** Splits the input over context-length brackets and picks the rates output is billed at. */
export function contextRates(price: Price, inputTokens: number, rules: AppliedRule[]): { segments: InputSegment[]; outputRates: Rates } {
  const tiers = price.tiers;
  if (!tiers) return { segments: [{ tokens: inputTokens, rates: price.rates }], outputRates: price.rates };
  const brackets = tiers.brackets;
  const index = brackets.findIndex((b) => b.upTo === null || inputTokens <= b.upTo);
  const reached = index === -1 ? brackets.length - 1 : index;
  const lowerOf = (i: number) => (i === 0 ? 0 : (brackets[i - 1].upTo ?? 0));
  const bracket = brackets[reached];
  if (tiers.mode === 'request') {
    rules.push({ kind: 'tier', mode: 'request', upTo: bracket.upTo, above: lowerOf(reached), brackets: 1 });
    return { segments: [{ tokens: inputTokens, rates: bracket }], outputRates: bracket };
  }
  // Graduated: each bracket bills its own slice of the input, like income tax. Output is billed
  // at the bracket the whole input reaches, the rate the vendor applies to the request's answer.
  const segments: InputSegment[] = [];
  for (let i = 0; i <= reached; i++) {
    const lower = lowerOf(i);
    const upper = brackets[i].upTo ?? Infinity;
    const tokens = Math.max(0, Math.min(inputTokens, upper) - lower);
    if (tokens > 0 || i === 0) segments.push({ tokens, rates: brackets[i] });
  }
  rules.push({ kind: 'tier', mode: 'graduated', upTo: bracket.upTo, above: lowerOf(reached), brackets: segments.length });
  return { segments, outputRates: bracket };
}

export function withWindow(rates: Rates, window: TimeWindow | undefined): Rates {
  return window ? { ...rates, ...window.rates } : rates;
}

/** Per-call cost and the monthly projection of it. */
export function projectCost(total: number, callsPerDay: number): { perThousandCalls: number; perMonth: number } {
  return { perThousandCalls: total * 1000, perMonth: total * callsPerDay * DAYS_PER_MONTH };
}

/**
 * What one call of `model` costs with `inputTokens` of input under the assumptions, in the
 * display currency. Unpriced models (or prices that cannot be converted) return the reason
 * instead of a number. Throws on invalid input (negative or NaN counts, shares out of range).
 */
export function priceCall(model: Model, inputTokens: number, a: Assumptions, rates: ExchangeRates): CostBreakdown | { unpriced: string } {
  requireCount(inputTokens, 'input tokens');
  validateAssumptions(a);
  // A dated schedule entry (announced change, promotion) replaces the list price while it is in force.
  const { price, entry } = priceInForce(model, a.at);
  if (!('rates' in price)) return { unpriced: price.unpriced };

  const thinks = model.capabilities.reasoning;
  const reasoningTokens = thinks ? a.reasoningTokens : 0;
  const cachedTokens = inputTokens * a.cachedShare;
  const tokens = { input: inputTokens, cached: cachedTokens, output: a.outputTokens, reasoning: reasoningTokens };
  const rules: AppliedRule[] = [];
  if (entry) rules.push({ kind: 'scheduled', note: entry.note, ...(entry.from ? { from: entry.from } : {}), ...(entry.until ? { until: entry.until } : {}) });
  const described = () => ({ rules, applied: rules.map((r) => describeRule(r, 'en')) });

  if (price.free) {
    rules.push({ kind: 'free' });
    if (price.freeQuota) rules.push({ kind: 'freeQuota', note: price.freeQuota.note });
    return { currency: a.currency, input: 0, cacheRead: 0, output: 0, reasoning: 0, total: 0, low: 0, high: 0, ...described(), free: true, tokens };
  }
  if (!canConvert(price.currency, a.currency, rates)) {
    return { unpriced: `priced in ${price.currency}, and the exchange-rate table (${rates.date}) has no ${price.currency}→${a.currency} rate` };
  }

  const { segments, outputRates: bracketOutput } = contextRates(price, inputTokens, rules);
  const window = activeTimeWindow(price.timeWindows, a.at);
  if (window) rules.push({ kind: 'timeWindow', label: window.label });
  const outputRates = withWindow(bracketOutput, window);

  let input = 0;
  let cacheRead = 0;
  let cacheFallback = false;
  for (const segment of segments) {
    const r = withWindow(segment.rates, window);
    const cached = segment.tokens * a.cachedShare;
    input += (segment.tokens - cached) * r.input;
    if (r.cacheRead === undefined && cached > 0) cacheFallback = true;
    cacheRead += cached * (r.cacheRead ?? r.input);
  }
  if (cacheFallback) rules.push({ kind: 'cacheFallback' });
  const output = a.outputTokens * outputRates.output;
  const reasoning = reasoningTokens * (outputRates.reasoningOutput ?? outputRates.output);
  if (!thinks && a.reasoningTokens > 0) rules.push({ kind: 'noReasoning' });

  let multiplier = 1 / price.per;
  if (a.batch) {
    if (price.batchMultiplier !== undefined) {
      multiplier *= price.batchMultiplier;
      rules.push({ kind: 'batch', multiplier: price.batchMultiplier });
    } else {
      rules.push({ kind: 'noBatch' });
    }
  }
  const discount = a.vendorDiscounts?.[model.vendor] ?? 0;
  if (discount > 0) {
    multiplier *= 1 - discount / 100;
    rules.push({ kind: 'discount', percent: discount });
  }
  if (price.freeQuota) rules.push({ kind: 'freeQuota', note: price.freeQuota.note });

  const toDisplay = (amount: number) => convert(amount * multiplier, price.currency, a.currency, rates);
  if (price.currency !== a.currency) {
    const rate = convert(1, price.currency, a.currency, rates);
    rules.push({ kind: 'converted', from: price.currency, to: a.currency, rate: Number(rate.toPrecision(6)), date: rates.date });
  }
  const parts = { input: toDisplay(input), cacheRead: toDisplay(cacheRead), output: toDisplay(output), reasoning: toDisplay(reasoning) };
  const fixed = parts.input + parts.cacheRead;
  const generated = parts.output + parts.reasoning;
  const cost: CostBreakdown = {
    currency: a.currency,
    ...parts,
    total: fixed + generated,
    // Output length is a guess: show the cost if the answer (and thinking) is half or twice as long.
    low: fixed + generated / 2,
    high: fixed + generated * 2,
    ...described(),
    tokens,
  };
  for (const key of ['input', 'cacheRead', 'output', 'reasoning', 'total', 'low', 'high'] as const) {
    if (!Number.isFinite(cost[key]) || cost[key] < 0) throw new Error(`internal error: ${key} cost of ${model.id} came out as ${cost[key]}`);
  }
  return cost;
}

/** True when priceCall returned a cost rather than a reason it cannot. */
export function isPriced(result: CostBreakdown | { unpriced: string }): result is CostBreakdown {
  return !('unpriced' in result);
}
