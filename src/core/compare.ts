import type { Catalogue } from './pricing/catalogue';
import { matchModels, nearModelIds } from './pricing/catalogue';
import { REGIONS, type ExchangeRates, type Model, type Plan, type Region } from './pricing/schema';
import { canConvert, convert } from './cost/currency';
import { isPriced, priceCall, projectCost, validateAssumptions } from './cost/price';
import { callsCoveredPerMonth, creditsPerCall } from './cost/credits';
import { staleness } from './cost/time';
import { accountRegions, cheaperEquivalents } from './suggest/cheaper';
import { nextPriceChange, sameTimeOn } from './pricing/schedule';
import { isRetired } from './pricing/lifecycle';
import { modelFit } from './fit';
import { channelPairOf, counterpartOf } from './channel';
import { countInput, loadTokenizer, parseChat, type ChatFormat } from './tokenize';
import type { TokenizerId } from './tokenize/ids';
import type { Assumptions, Comparison, ComparisonRow, PlanBreakEven, TokenCountResult } from './types';
import { STALE_AFTER_DAYS, staleSummary } from './pricing/freshness';
import { includedContext, withIncluded } from './context/include';
import type { AgentContext } from './context/rules';

export interface CompareOptions {
  /** The model the user is using now; its cheaper equivalents become the suggestions. */
  currentModelId: string;
  /** Only these models (plus the current one). Default: every model in the catalogue. */
  modelIds?: string[];
  /** Only models of these vendor ids (plus the current model). */
  vendors?: string[];
  /** Only models counted by these tokenizers (plus the current model), so only their vocabularies load. */
  tokenizers?: readonly TokenizerId[];
  /** "Today", for staleness of the price data. Default: the real now. */
  now?: Date;
  /** The exchange-rate table with the user's overrides merged in. Default: the catalogue's table. */
  exchangeRates?: ExchangeRates;
  /** Price data older than this many days is flagged stale. Default STALE_AFTER_DAYS (30). */
  staleAfterDays?: number;
  /** How many cheaper equivalents to suggest. Default 5. */
  suggestionLimit?: number;
  /** Suggest only models sold in these regions (a mainland-China account: ['cn', 'global']). Default: any. */
  suggestionRegions?: Region[];
  /** Always-sent instruction files to add to every row's input (those of the agent that sends the most). */
  alwaysSent?: readonly AgentContext[];
}

/** Resolves a user-typed model id, with an error that says what was meant when it fails. */
export function resolveModel(catalogue: Catalogue, query: string): Model {
  const hits = matchModels(catalogue, query);
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) throw new Error(`model ${JSON.stringify(query)} is ambiguous: ${hits.map((m) => m.id).join(', ')}`);
  const near = nearModelIds(catalogue, query);
  throw new Error(`unknown model ${JSON.stringify(query)}${near.length ? `; did you mean ${near.join(', ')}?` : ''}`);
}

function selectModels(catalogue: Catalogue, current: Model, options: CompareOptions): Model[] {
  let selected = options.modelIds ? options.modelIds.map((id) => resolveModel(catalogue, id)) : [...catalogue.models];
  if (options.vendors?.length) {
    const wanted = new Set(options.vendors.map((v) => v.trim().toLowerCase()));
    const unknown = [...wanted].filter((v) => !catalogue.vendor(v));
    if (unknown.length) {
      throw new Error(`unknown vendor ${unknown.map((v) => JSON.stringify(v)).join(', ')}; known: ${catalogue.vendors.map((v) => v.id).join(', ')}`);
    }
    selected = selected.filter((m) => wanted.has(m.vendor));
  }
  if (options.tokenizers) {
    const wanted = new Set<string>(options.tokenizers);
    selected = selected.filter((m) => wanted.has(m.tokenizer));
  }
  if (!selected.some((m) => m.id === current.id)) selected.unshift(current);
  return [...new Map(selected.map((m) => [m.id, m])).values()];
}

/** Characters as a person counts them: code points, so an emoji or a rare CJK character is one. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Counts a text once per tokenizer; a chat-message file as the request it encodes (`countInput`). */
export type InputCounter = (text: string, ids: TokenizerId[]) => Promise<{ counts: Map<TokenizerId, TokenCountResult>; chat?: ChatFormat }>;

/** Counts the text once per tokenizer in this thread; a chat-message file is counted as the request it encodes. */
async function countOnce(text: string, ids: TokenizerId[]): Promise<{ counts: Map<TokenizerId, TokenCountResult>; chat?: ChatFormat }> {
  const counts = new Map<TokenizerId, TokenCountResult>();
  let chat: ChatFormat | undefined;
  for (const id of ids) {
    const tokenizer = await loadTokenizer(id);
    const result = countInput(text, tokenizer);
    chat ??= result.chat;
    counts.set(id, { tokenizer: id, tokens: result.tokens, exact: tokenizer.exact });
  }
  return { counts, chat };
}

function priceRow(
  model: Model,
  catalogue: Catalogue,
  count: TokenCountResult,
  a: Assumptions,
  rates: ExchangeRates,
  now: Date,
  staleAfterDays: number,
): ComparisonRow {
  const vendor = catalogue.vendor(model.vendor);
  if (!vendor) throw new Error(`model ${model.id} names unknown vendor "${model.vendor}"`);
  const row: ComparisonRow = { model, vendor, count, stale: staleness(model.checked, now, staleAfterDays).stale };
  row.fit = modelFit(model, count.tokens, a);
  if (!row.fit.fits) row.exceedsContext = true;
  if (model.secondary) row.secondarySource = true;
  if (isRetired(model, a.at)) row.retired = true;
  const result = priceCall(model, count.tokens, a, rates);
  if (isPriced(result)) {
    row.cost = result;
    Object.assign(row, projectCost(result.total, a.callsPerDay));
    const credits = creditsPerCall(model, vendor, count.tokens, a, rates);
    if (credits !== undefined) row.credits = credits;
  } else {
    row.unpriced = result.unpriced;
  }
  const change = nextPriceChange(model, a.at);
  if (change) {
    // The same request priced on the day of the change, so the row can say what a call will cost then.
    const after = priceCall(model, count.tokens, { ...a, at: sameTimeOn(change.date, a.at) }, rates);
    row.nextChange = isPriced(after) ? { ...change, totalAfter: after.total } : change;
  }
  return row;
}

/** Monthly plan price against pay-as-you-go for the model the plan covers, at this workload. */
function planBreakEvens(plans: readonly Plan[], rows: ComparisonRow[], currentId: string, a: Assumptions, rates: ExchangeRates): PlanBreakEven[] {
  const out: PlanBreakEven[] = [];
  for (const plan of plans) {
    if (!canConvert(plan.currency, a.currency, rates)) continue;
    const perPeriod = convert(plan.amount, plan.currency, a.currency, rates);
    const entry: PlanBreakEven = { plan, planMonthly: plan.period === 'year' ? perPeriod / 12 : perPeriod };
    const covered = rows.filter((r) => r.cost && plan.models?.includes(r.model.id));
    const row = covered.find((r) => r.model.id === currentId) ?? covered[0];
    if (row?.perMonth !== undefined) {
      entry.modelId = row.model.id;
      entry.payAsYouGoMonthly = row.perMonth;
      const calls = row.credits === undefined ? undefined : callsCoveredPerMonth(plan, row.credits);
      if (calls !== undefined) entry.callsCovered = calls;
    }
    out.push(entry);
  }
  return out;
}

/**
 * Prices `text` across the selected models: counts it once per distinct tokenizer, prices every
 * model under the assumptions, suggests cheaper equivalents of the current model and sets
 * subscription plans against pay-as-you-go. Throws on unknown model or vendor ids and invalid
 * assumptions, with messages meant for the user. `countInputs` does the counting (the editor
 * passes its count worker); by default it happens in this thread.
 */
export async function compareText(
  text: string,
  catalogue: Catalogue,
  a: Assumptions,
  options: CompareOptions,
  countInputs: InputCounter = countOnce,
): Promise<Comparison> {
  if (typeof text !== 'string') throw new Error('the text to compare must be a string');
  validateAssumptions(a);
  const badRegion = options.suggestionRegions?.find((r) => !(REGIONS as readonly string[]).includes(r));
  if (badRegion) throw new Error(`unknown region ${JSON.stringify(badRegion)}; use ${REGIONS.join(', ')}`);
  const current = resolveModel(catalogue, options.currentModelId);
  const models = selectModels(catalogue, current, options);
  const rates = options.exchangeRates ?? catalogue.exchangeRates;
  const now = options.now ?? new Date();
  const ids = [...new Set(models.map((m) => m.tokenizer))];
  const { counts, chat } = await countInputs(text, ids);
  const included = options.alwaysSent?.length
    ? await includedContext(options.alwaysSent, ids, current.tokenizer, async (t, i) => (await countInputs(t, i)).counts)
    : undefined;
  const rows = models.map((m) =>
    priceRow(m, catalogue, withIncluded(counts.get(m.tokenizer)!, included), a, rates, now, options.staleAfterDays ?? STALE_AFTER_DAYS),
  );
  const currentRow = rows.find((r) => r.model.id === current.id)!;
  // Unless told otherwise, suggest what the current model's account can buy (no mainland endpoint to an international user).
  const suggestionRegions = options.suggestionRegions ?? accountRegions(current, a.currency);
  // "Through Copilot" beside "direct API" for the current model, even when a filter left the other out of the rows.
  const other = counterpartOf(current, catalogue.models);
  const otherRow =
    other &&
    (rows.find((r) => r.model.id === other.id) ??
      (counts.has(other.tokenizer)
        ? priceRow(other, catalogue, counts.get(other.tokenizer)!, a, rates, now, options.staleAfterDays ?? STALE_AFTER_DAYS)
        : undefined));
  const channelPair = otherRow ? channelPairOf(currentRow, [currentRow, otherRow]) : undefined;
  const vendorsShown = new Set(models.map((m) => m.vendor));
  const plans = catalogue.plans.filter((p) => !options.vendors?.length || vendorsShown.has(p.vendor));
  const toolDefinitions = chat ? (parseChat(text)?.tools?.length ?? 0) : 0;
  return {
    ...(chat ? { chat } : {}),
    ...(toolDefinitions ? { toolDefinitions } : {}),
    ...(included ? { alwaysSent: included } : {}),
    characters: countCharacters(text),
    assumptions: a,
    currentModelId: current.id,
    rows,
    freshness: staleSummary(models, now, options.staleAfterDays ?? STALE_AFTER_DAYS),
    suggestions: cheaperEquivalents(currentRow, rows, options.suggestionLimit ?? 5, { regions: suggestionRegions }),
    ...(suggestionRegions ? { suggestionRegions } : {}),
    exchangeRates: rates,
    plans: planBreakEvens(plans, rows, current.id, a, rates),
    ...(channelPair ? { channelPair } : {}),
  };
}

/**
 * Rows cheapest first per call, unpriced last, ties by model id: the order reports use. Models
 * whose context window cannot hold the request come after every model that can: a cheap model
 * that fails the call is no answer.
 */
export function sortRowsByCost(rows: readonly ComparisonRow[]): ComparisonRow[] {
  return [...rows].sort((x, y) => {
    const fit = (x.exceedsContext ? 1 : 0) - (y.exceedsContext ? 1 : 0);
    if (fit) return fit;
    if (!x.cost || !y.cost) return (x.cost ? 0 : 1) - (y.cost ? 0 : 1) || x.model.id.localeCompare(y.model.id);
    return x.cost.total - y.cost.total || x.model.id.localeCompare(y.model.id);
  });
}

export function currentRowOf(c: Comparison): ComparisonRow | undefined {
  return c.rows.find((r) => r.model.id === c.currentModelId);
}
