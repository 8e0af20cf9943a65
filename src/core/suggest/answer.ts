import { DAYS_PER_MONTH } from '../cost/price';
import type { Region } from '../pricing/schema';
import type { Comparison, ComparisonRow } from '../types';

type Capability = keyof ComparisonRow['model']['capabilities'];

/** Costs this close (relative) are the same price. */
const SAME_COST_TOLERANCE = 1e-9;

/** A row's cost against the current model's, per call: positive = cheaper than the current model. */
export interface CostDifference {
  /** Current minus this row, per call, in the display currency (negative = dearer). */
  amount: number;
  /** `amount` as a percent of the current model's cost (negative = dearer); 0 when the current call is free. */
  percent: number;
}

/** Why no cheaper model can stand in for the current one. */
export type NoAnswerReason =
  /** The current model has no price: nothing to save against. */
  | 'currentUnpriced'
  /** Nothing is cheaper (free or already the cheapest that fits). */
  | 'cheapest'
  /** Cheaper models exist, but each is of a lower quality class, lacks a capability or cannot hold the request. */
  | 'noEquivalent';

/** The one-line answer of the comparison: "cheapest that fits: X; yours ranks N of M". */
export interface Answer {
  current: ComparisonRow;
  /** The current model's place among the priced models that fit, cheapest first (1 = cheapest); absent when it does not fit or is unpriced. */
  currentRank?: number;
  /** How many priced models can hold this request. */
  ranked: number;
  /** The current model's window holds the request. */
  currentFits: boolean;
  /**
   * The cheapest model of the same class or better with every capability of the current one that
   * holds the request: cheaper than the current model, or, when the current one cannot hold the
   * request, whatever it costs.
   */
  best?: ComparisonRow;
  /** Per call and per month against the current model, set with `best`; negative when `best` costs more (the current model does not fit). */
  saving?: { perCall: number; percent: number; perMonth: number };
  /** Set when there is no `best`. */
  reason?: NoAnswerReason;
  /** With `noEquivalent`: how many cheaper models were set aside for each reason (a model counts under the first that applies). */
  setAside?: { doesNotFit: number; lowerClass: number; missingCapability: number; otherRegion: number };
  /**
   * When the current model cannot hold the request and no model of its class with its capabilities
   * can: the cheapest priced model that can, whatever its class, and why it is no equivalent.
   * Absent when no priced model holds the request.
   */
  anyFit?: { row: ComparisonRow; why: 'lowerClass' | 'missingCapability'; missing: Capability[] };
}

function isCheaper(candidate: number, current: number): boolean {
  return candidate < current - Math.max(Math.abs(current), Math.abs(candidate)) * SAME_COST_TOLERANCE;
}

/** This row's cost against the current one; undefined when either is unpriced or in another currency. */
export function costDifference(row: ComparisonRow, current: ComparisonRow): CostDifference | undefined {
  if (!row.cost || !current.cost || row.cost.currency !== current.cost.currency) return undefined;
  const amount = current.cost.total - row.cost.total;
  if (!isCheaper(row.cost.total, current.cost.total) && !isCheaper(current.cost.total, row.cost.total)) return { amount: 0, percent: 0 };
  return { amount, percent: current.cost.total > 0 ? (amount / current.cost.total) * 100 : 0 };
}

/** The capabilities of `current` that `row` lacks. */
function missingCapabilities(row: ComparisonRow, current: ComparisonRow): Capability[] {
  const want = current.model.capabilities;
  return (Object.keys(want) as Capability[]).filter((k) => want[k] && !row.model.capabilities[k]);
}

function lacksCapability(row: ComparisonRow, current: ComparisonRow): boolean {
  return missingCapabilities(row, current).length > 0;
}

function cheapestFittingEquivalent(rows: readonly ComparisonRow[], current: ComparisonRow, regions: readonly Region[] | undefined): ComparisonRow | undefined {
  const candidates = rows.filter(
    (r) =>
      r !== current &&
      (!regions || regions.includes(r.model.region)) &&
      !r.retired &&
      !r.exceedsContext &&
      r.cost &&
      r.cost.currency === current.cost?.currency &&
      r.model.quality.class >= current.model.quality.class &&
      !lacksCapability(r, current),
  );
  candidates.sort((a, b) => a.cost!.total - b.cost!.total || b.model.quality.class - a.model.quality.class || a.model.id.localeCompare(b.model.id));
  return candidates[0];
}

/**
 * The answer to "which model should I use for this?" from a comparison whose `suggestions` are the
 * cheaper equivalents of the current model (src/core/suggest/cheaper.ts): the first of them, what it
 * saves per call and per month, and where the current model ranks among the models that fit.
 */
export function answerOf(c: Comparison): Answer | undefined {
  const current = c.rows.find((r) => r.model.id === c.currentModelId);
  if (!current) return undefined;
  const fitting = c.rows.filter((r) => r.cost && !r.exceedsContext && !r.retired);
  const answer: Answer = { current, ranked: fitting.length, currentFits: !current.exceedsContext };
  if (current.cost && !current.exceedsContext && !current.retired) {
    const total = current.cost.total;
    answer.currentRank = 1 + fitting.filter((r) => r !== current && r.cost!.currency === current.cost!.currency && isCheaper(r.cost!.total, total)).length;
  }
  // A current model that cannot hold the request needs a stand-in even when every one costs more.
  const best = c.suggestions[0] ?? (current.exceedsContext ? cheapestFittingEquivalent(c.rows, current, c.suggestionRegions) : undefined);
  if (best?.cost && current.cost && best.cost.currency === current.cost.currency) {
    const perCall = current.cost.total - best.cost.total;
    answer.best = best;
    answer.saving = {
      perCall,
      percent: current.cost.total > 0 ? (perCall / current.cost.total) * 100 : 0,
      perMonth: perCall * c.assumptions.callsPerDay * DAYS_PER_MONTH,
    };
    return answer;
  }
  if (current.exceedsContext) {
    // Nothing of its class holds the request: the cheapest model that does is still the way out.
    const way = fitting
      .filter((r) => r !== current && (!current.cost || r.cost!.currency === current.cost.currency))
      .sort((x, y) => x.cost!.total - y.cost!.total || y.model.quality.class - x.model.quality.class || x.model.id.localeCompare(y.model.id))[0];
    if (way)
      answer.anyFit = {
        row: way,
        why: way.model.quality.class < current.model.quality.class ? 'lowerClass' : 'missingCapability',
        missing: missingCapabilities(way, current),
      };
  }
  if (!current.cost) return { ...answer, reason: 'currentUnpriced' };
  const cheaper = c.rows.filter(
    (r) => r !== current && !r.retired && r.cost && r.cost.currency === current.cost!.currency && isCheaper(r.cost.total, current.cost!.total),
  );
  if (!cheaper.length) return { ...answer, reason: 'cheapest' };
  const setAside = { doesNotFit: 0, lowerClass: 0, missingCapability: 0, otherRegion: 0 };
  for (const r of cheaper) {
    if (r.exceedsContext) setAside.doesNotFit++;
    else if (r.model.quality.class < current.model.quality.class) setAside.lowerClass++;
    else if (lacksCapability(r, current)) setAside.missingCapability++;
    else setAside.otherRegion++;
  }
  return { ...answer, reason: 'noEquivalent', setAside };
}
