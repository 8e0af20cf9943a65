import { contextRates, withWindow } from '../cost/price';
import { canConvert, convert } from '../cost/currency';
import { activeTimeWindow } from '../cost/time';
import type { Catalogue } from '../pricing/catalogue';
import { matchModels } from '../pricing/catalogue';
import { priceInForce } from '../pricing/schedule';
import type { Currency, ExchangeRates, Model, Region } from '../pricing/schema';
import type { AppliedRule } from '../types';
import type { UsageRecord, UsageSource } from './types';

/** How a logged model name is matched to the catalogue. */
export interface ModelMatchOptions {
  /** When a name is sold in several regions (deepseek-flash@cn and @intl), the region to price it in. */
  region: Region;
}

/**
 * The catalogue model a log's model name means: the catalogue id, or the vendor's API name with
 * what the logs add around it removed step by step, trying the catalogue after each step so a
 * name the catalogue lists as it stands (gemini-3-flash-preview, mistral-large-latest) is never
 * shortened: a provider prefix ("anthropic/", "models/"), a context marker Claude Code appends
 * ("claude-opus-5-5[1m]"), the Bedrock form ("us.anthropic.claude-haiku-5-5-20261001-v1:0"), a
 * date suffix ("-20250929", "@20250929", "-2025-08-07"), a Gemini version or preview stamp
 * ("-001", "-preview-09-02", "-preview-09-2026", "-preview") or "-latest". Undefined when the
 * catalogue lacks it: such requests are reported unpriced, never as free.
 */
export class ModelMatcher {
  private readonly cache = new Map<string, Model | undefined>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly options: ModelMatchOptions,
  ) {}

  /**
   * `source` is the agent that logged the name: a name only a channel's entry spells that way
   * (Copilot's "claude-haiku-4.5") means that channel for Copilot's own logs, and the maker's
   * API (the entry's `direct`) for every other agent (Cline, Kilo Code and OpenRouter spell
   * Claude versions with a dot too).
   */
  match(name: string, source?: UsageSource): Model | undefined {
    const viaChannel = source === 'copilot' || name.trim().toLowerCase().startsWith('github-copilot/');
    const cacheKey = `${viaChannel ? 'channel' : 'direct'}\u0000${name}`;
    if (this.cache.has(cacheKey)) return this.cache.get(cacheKey);
    let found = this.lookup(name);
    if (found?.direct !== undefined && !viaChannel) found = this.catalogue.model(found.direct) ?? found;
    this.cache.set(cacheKey, found);
    return found;
  }

  private lookup(name: string): Model | undefined {
    for (const query of logNameCandidates(name)) {
      const hits = matchModels(this.catalogue, query);
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) return hits.find((m) => m.region === this.options.region) ?? hits.find((m) => m.region === 'global') ?? hits[0];
    }
    return undefined;
  }
}

/** Longest model name looked at: anything longer is no model name (bounded work per log line). */
const MAX_LOG_NAME = 200;

/** Each step removes one kind of decoration a log or a cloud console adds to a vendor's model name. */
const LOG_NAME_STEPS: readonly ((s: string) => string)[] = [
  (s) => s.split('/').pop() ?? s,
  (s) => s.replace(/\[[^\]]*\]$/, ''),
  (s) => s.replace(/^(?:(?:us|eu|apac|jp|au|global)\.)?(?:anthropic|openai|mistral|google|xai)\./, '').replace(/-v\d+(?::\d+)?$/, ''),
  (s) => s.replace(/[-@](\d{8}|\d{4}-\d{2}-\d{2})$/, ''),
  (s) => s.replace(/-preview-(?:\d{2}-\d{2}|\d{2}-\d{4})$/, '-preview').replace(/-\d{3}$/, ''),
  (s) => s.replace(/-preview$/, ''),
  (s) => s.replace(/-latest$/, ''),
  // OpenRouter, Cline and Kilo Code write Claude versions with a dot (claude-opus-5.5); Anthropic's ids use a hyphen.
  (s) => (s.startsWith('claude-') ? s.replace(/(\d)\.(\d)/g, '$1-$2') : s),
];

/** The names to look up for a logged model name, most literal first. */
export function logNameCandidates(name: string): string[] {
  const lower = name.trim().toLowerCase().slice(0, MAX_LOG_NAME);
  const out = [lower];
  let current = lower;
  for (const step of LOG_NAME_STEPS) {
    current = step(current);
    if (current && !out.includes(current)) out.push(current);
  }
  return out;
}

export type RecordCost = { cost: number; rules: AppliedRule[] } | { unpriced: string };

/**
 * Anthropic prices a write to its 1-hour cache at twice the base input price, for every model on
 * its pricing page (docs.anthropic.com/en/docs/about-claude/pricing, table "Model pricing", column
 * "1h Cache Writes": Opus 4.1 $30 on $15 input, Sonnet 4 $6 on $3, Haiku 3.5 $1.60 on $0.80; stored
 * copy read 2026-12-06). A catalogue entry of Anthropic's without its own `cacheWrite1h` is priced
 * by that rule instead of leaving the request unpriced (Claude Code logs each request's 1-hour writes apart).
 */
export const ANTHROPIC_1H_WRITE_TIMES_INPUT = 2;

/** The price of a 1-hour cache write at these rates, or undefined when neither the catalogue nor the vendor's rule gives one. */
function longWriteRate(model: Model, rates: { input: number; cacheWrite1h?: number }): number | undefined {
  if (rates.cacheWrite1h !== undefined) return rates.cacheWrite1h;
  return model.vendor === 'anthropic' ? ANTHROPIC_1H_WRITE_TIMES_INPUT * rates.input : undefined;
}

/**
 * What one logged request cost, in `currency`, at the price in force at its time: a dated
 * schedule entry if one covers it, the context-length bracket its prompt (input + cache reads +
 * cache writes) falls in, the time window it was sent in (DeepSeek's off-peak hours), and the
 * cache prices (writes to Anthropic's 1-hour cache at their own price, or by Anthropic's rule of
 * twice the input price when the catalogue lists none; unpriced for any other vendor). A cache price the vendor does not list falls back to the input price; thinking
 * bills as output unless the vendor prices it apart.
 */
export function priceRecord(model: Model, record: UsageRecord, currency: Currency, rates: ExchangeRates): RecordCost {
  const at = new Date(record.at);
  const { price, entry } = priceInForce(model, at);
  if (!('rates' in price)) return { unpriced: price.unpriced };
  const rules: AppliedRule[] = [];
  if (entry) rules.push({ kind: 'scheduled', note: entry.note, ...(entry.from ? { from: entry.from } : {}), ...(entry.until ? { until: entry.until } : {}) });
  if (price.free) return { cost: 0, rules: [...rules, { kind: 'free' }] };
  if (!canConvert(price.currency, currency, rates)) {
    return { unpriced: `priced in ${price.currency}, and the exchange-rate table (${rates.date}) has no ${price.currency}→${currency} rate` };
  }
  const prompt = record.input + record.cacheRead + record.cacheWrite;
  const { segments, outputRates } = contextRates(price, prompt, rules);
  const window = activeTimeWindow(price.timeWindows, at);
  if (window) rules.push({ kind: 'timeWindow', label: window.label });
  const longWrites = Math.min(record.cacheWrite1h ?? 0, record.cacheWrite);
  if (longWrites > 0 && !segments.every((s) => longWriteRate(model, withWindow(s.rates, window)) !== undefined)) {
    return { unpriced: `${longWrites} tokens written to the 1-hour cache, and the catalogue has no 1-hour cache write price for ${model.id}` };
  }
  let amount = 0;
  for (const segment of segments) {
    // Each bracket bills its slice of the prompt; the slice is split over the token kinds in proportion.
    const share = prompt === 0 ? 0 : segment.tokens / prompt;
    const r = withWindow(segment.rates, window);
    const writes = (record.cacheWrite - longWrites) * (r.cacheWrite ?? r.input) + longWrites * (longWriteRate(model, r) ?? 0);
    amount += share * (record.input * r.input + record.cacheRead * (r.cacheRead ?? r.input) + writes);
  }
  const out = withWindow(outputRates, window);
  amount += record.output * out.output + record.reasoning * (out.reasoningOutput ?? out.output);
  const cost = convert(amount / price.per, price.currency, currency, rates);
  if (!Number.isFinite(cost) || cost < 0) throw new Error(`internal error: the cost of a ${model.id} request came out as ${cost}`);
  return { cost, rules };
}
