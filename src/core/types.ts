import type { ChannelPair } from './channel';
/**
 * The contract between the core engine and its front ends (status bar, webview, CLI).
 * Front ends depend on these shapes only; the core modules implement them.
 */
import type { Currency, ExchangeRates, Model, Plan, Region, Vendor } from './pricing/schema';
import type { TokenizerId } from './tokenize/ids';
import type { PriceChange } from './pricing/schedule';
import type { StaleSummary } from './pricing/freshness';
import type { ContextFit } from './fit';
import type { IncludedContext } from './context/include';

/** What the user assumes about a request that the text alone cannot tell. */
export interface Assumptions {
  /** Expected output tokens per call (the visible answer). */
  outputTokens: number;
  /** Expected thinking tokens per call, used only for models with reasoning. */
  reasoningTokens: number;
  /** Share of the input served from the vendor's prompt cache, 0..1. */
  cachedShare: number;
  /** Calls per day, for the monthly projection (30 days a month). */
  callsPerDay: number;
  /** Use batch prices where the vendor has them. */
  batch: boolean;
  /** When the request would be sent: picks time-of-day prices (e.g. DeepSeek off-peak). */
  at: Date;
  /** Negotiated discount per vendor id, in percent (10 = 10 % off list price). */
  vendorDiscounts: Record<string, number>;
  /** Display currency; prices are converted from the vendor's own currency. */
  currency: Currency;
}

/** Cost of one call of one model, already in the display currency. */
export interface CostBreakdown {
  currency: Currency;
  input: number;
  cacheRead: number;
  output: number;
  reasoning: number;
  total: number;
  /** Total when output is half / twice the expected length: output length is a guess. */
  low: number;
  high: number;
  /** The bracket, time window, batch or discount that applied, in plain words. */
  applied: string[];
  /** The same as `applied`, structured, so front ends can word it in their language (see describeRule). */
  rules?: AppliedRule[];
  /** The vendor says the model is free: show "free", not a number. */
  free?: boolean;
  /** The tokens this cost is for (cached is the share of input billed at the cache price). */
  tokens?: { input: number; cached: number; output: number; reasoning: number };
}

/** One pricing rule that shaped a cost. */
export type AppliedRule =
  | { kind: 'free' }
  | { kind: 'freeQuota'; note: string }
  /** Context-length bracket: `upTo` null = above `above` input tokens. */
  | { kind: 'tier'; mode: 'request' | 'graduated'; upTo: number | null; above: number; brackets: number }
  | { kind: 'timeWindow'; label: string }
  /** A dated schedule entry of the pricing file supplied the price (`until` = first day it no longer applies). */
  | { kind: 'scheduled'; note: string; from?: string; until?: string }
  | { kind: 'cacheFallback' }
  | { kind: 'noReasoning' }
  | { kind: 'batch'; multiplier: number }
  | { kind: 'noBatch' }
  | { kind: 'discount'; percent: number }
  | { kind: 'converted'; from: Currency; to: Currency; rate: number; date: string };

export interface TokenCountResult {
  tokenizer: TokenizerId;
  tokens: number;
  /** false = calibrated estimate (no offline tokenizer for this vendor). */
  exact: boolean;
  /** Set when the text was a chat-message file, counted as the request it encodes. */
  chat?: 'openai' | 'anthropic';
}

export interface ComparisonRow {
  model: Model;
  vendor: Vendor;
  count: TokenCountResult;
  /** Absent when the model is unpriced; `unpriced` then says why. */
  cost?: CostBreakdown;
  unpriced?: string;
  perThousandCalls?: number;
  perMonth?: number;
  /** Credits one call uses, for vendors that bill in credits (GitHub Copilot's AI credits). */
  credits?: number;
  /** Set on rows that are cheaper equivalents of the current model. */
  saving?: Saving;
  /** Price data older than the staleness limit. */
  stale: boolean;
  /** Input plus expected output (and thinking) is more than the model's context window: the call would fail. */
  exceedsContext?: boolean;
  /** How much of the model's context window the request takes (input + expected output and thinking). */
  fit?: ContextFit;
  /** The price comes from a secondary source (aggregator, model bank), not the vendor's own page. */
  secondarySource?: true;
  /** The vendor stops serving the model before the pricing instant: never suggested. */
  retired?: true;
  /** The next announced price change after the pricing instant; `totalAfter` = this call's cost from that day, in the display currency. */
  nextChange?: PriceChange & { totalAfter?: number };
}

export interface Saving {
  /** Per call, in the display currency. */
  amount: number;
  /** 0..100 */
  percent: number;
}

export interface Comparison {
  /** Characters (code points) of the text compared. */
  characters: number;
  assumptions: Assumptions;
  currentModelId: string;
  rows: ComparisonRow[];
  /** How many of the compared prices were checked longer ago than the staleness limit: one line in the UI, not a mark per row. */
  freshness?: StaleSummary;
  /** Cheaper equivalents of the current model, cheapest first. */
  suggestions: ComparisonRow[];
  /** The regions suggestions were drawn from (the current model's account by default); absent: anywhere. */
  suggestionRegions?: readonly Region[];
  exchangeRates: ExchangeRates;
  /** Pay-as-you-go against subscription/credit plans at this workload. */
  plans: PlanBreakEven[];
  /** Set when the text was a chat-message file, counted as that request (messages + overhead). */
  chat?: 'openai' | 'anthropic';
  /** Tool definitions the chat request carries (counted with their framing), when it has any. */
  toolDefinitions?: number;
  /** The current model bought the other way too: through GitHub Copilot and from its maker's API. */
  channelPair?: ChannelPair;
  /** Always-sent instruction files added to every row's input, when the comparison was asked to include them. */
  alwaysSent?: IncludedContext;
}

export interface PlanBreakEven {
  plan: Plan;
  /** Monthly plan price in the display currency. */
  planMonthly: number;
  /** What the covered model would cost pay-as-you-go per month at this workload. */
  payAsYouGoMonthly?: number;
  modelId?: string;
  /** Calls of this prompt with `modelId` that the plan's included credits cover each month. */
  callsCovered?: number;
}
