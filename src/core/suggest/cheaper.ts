import type { Capabilities, Region } from '../pricing/schema';
import type { ComparisonRow } from '../types';

/** Costs this close (relative) are the same price: floating-point noise is not a saving. */
const SAME_COST_TOLERANCE = 1e-9;

function isCheaper(candidate: number, current: number): boolean {
  return candidate < current - Math.max(Math.abs(current), Math.abs(candidate)) * SAME_COST_TOLERANCE;
}

/** Tokens the request needs in a model's context window: its own input count plus the expected answer and thinking. */
function requestTokens(row: ComparisonRow): number {
  const t = row.cost?.tokens;
  return row.count.tokens + (t ? t.output + t.reasoning : 0);
}

function hasEveryCapabilityOf(candidate: Capabilities, current: Capabilities): boolean {
  return (Object.keys(current) as (keyof Capabilities)[]).every((k) => !current[k] || candidate[k]);
}

/**
 * Models that can stand in for the current one at a lower cost per call: same or better
 * quality class, a context window that holds this request, and every capability the current
 * model has. Unpriced and retired rows are never suggested, and an equal cost is not a saving.
 * Cheapest first; each returned row gets its `saving` set.
 */
export interface SuggestionFilter {
  /** Only suggest models sold in these regions (e.g. ['cn', 'global'] for a mainland-China account). */
  regions?: readonly Region[];
}

/**
 * Where a user of `model` can buy: a mainland-China endpoint's user has a mainland account, an
 * international endpoint's user an international one, and neither can simply switch to the other
 * side's endpoint of the same vendor. A model sold worldwide says nothing of the account; the
 * currency the user prices in does (CNY: a mainland account, any other: an international one).
 * Undefined (anywhere) for a worldwide model when no currency is given.
 */
export function accountRegions(model: { region: Region }, currency?: string): readonly Region[] | undefined {
  if (model.region === 'cn') return ['cn', 'global'];
  if (model.region === 'intl') return ['intl', 'global'];
  if (currency === undefined) return undefined;
  return currency === 'CNY' ? ['cn', 'global'] : ['intl', 'global'];
}

export function cheaperEquivalents(current: ComparisonRow, rows: ComparisonRow[], limit = 5, filter: SuggestionFilter = {}): ComparisonRow[] {
  const currentCost = current.cost;
  if (!currentCost || current.unpriced !== undefined) return [];
  const picked = rows.filter((row) => {
    if (row === current || row.model.id === current.model.id) return false;
    if (row.retired) return false;
    if (!row.cost || row.unpriced !== undefined || row.cost.currency !== currentCost.currency) return false;
    if (filter.regions?.length && !filter.regions.includes(row.model.region)) return false;
    if (row.model.quality.class < current.model.quality.class) return false;
    if (row.model.contextWindow < requestTokens(row)) return false;
    if (!hasEveryCapabilityOf(row.model.capabilities, current.model.capabilities)) return false;
    return isCheaper(row.cost.total, currentCost.total);
  });
  picked.sort((a, b) => a.cost!.total - b.cost!.total || b.model.quality.class - a.model.quality.class || a.model.id.localeCompare(b.model.id));
  const chosen = picked.slice(0, Math.max(0, limit));
  for (const row of chosen) {
    const amount = currentCost.total - row.cost!.total;
    row.saving = { amount, percent: currentCost.total > 0 ? (amount / currentCost.total) * 100 : 0 };
  }
  return chosen;
}
