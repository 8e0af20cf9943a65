/**
 * The one message protocol between the comparison panel's host (src/vscode/comparisonPanel.ts)
 * and its webview (src/webview/main.ts). Both sides import these schemas and validate every
 * message they receive. The webview never receives the user's text: only counts and prices.
 */
import { z } from 'zod';
import { CURRENCY_CODES, REGIONS } from '../core/pricing/schema';
import { TOKENIZER_IDS } from '../core/tokenize/ids';
import { LIMITS } from '../core/limits';

export { VIEW_TYPE } from './viewType';

const Money = z.number().finite();
const Count = z.number().int().nonnegative();

export const LocaleSchema = z.enum(['en', 'zh-cn']);
export type Locale = z.infer<typeof LocaleSchema>;

/** The what-if inputs of the panel. */
export const PanelAssumptionsSchema = z.strictObject({
  outputTokens: Count.max(LIMITS.tokensPerCall.max),
  reasoningTokens: Count.max(LIMITS.tokensPerCall.max),
  cachedShare: z.number().min(LIMITS.cachedShare.min).max(LIMITS.cachedShare.max),
  callsPerDay: z.number().finite().min(LIMITS.callsPerDay.min).max(LIMITS.callsPerDay.max),
  currency: z.enum(CURRENCY_CODES),
  batch: z.boolean(),
  offPeak: z.boolean(),
  /** Add the instruction files agents send with every request (for the current file) to each row's input. */
  alwaysSent: z.boolean(),
});
export type PanelAssumptions = z.infer<typeof PanelAssumptionsSchema>;
export const ASSUMPTION_KEYS = Object.keys(PanelAssumptionsSchema.shape) as (keyof PanelAssumptions)[];

export const CapabilityFlagsSchema = z.strictObject({ vision: z.boolean(), tools: z.boolean(), reasoning: z.boolean(), json: z.boolean() });

export const RowViewSchema = z.strictObject({
  modelId: z.string(),
  name: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  region: z.enum(REGIONS),
  qualityClass: z.number().int().min(1).max(5),
  contextWindow: Count,
  capabilities: CapabilityFlagsSchema,
  tokenizer: z.enum(TOKENIZER_IDS),
  tokens: Count,
  exact: z.boolean(),
  /** The text plus the expected output does not fit the model's context window. */
  exceedsContext: z.boolean(),
  /** Input plus expected output as a percent of the context window. */
  contextPercent: z.number().nonnegative(),
  /** Against the current model, per call: positive = cheaper (a saving), negative = dearer (extra cost). */
  difference: z.strictObject({ amount: Money, percent: z.number().finite() }).optional(),
  /** Absent together when the model is unpriced. */
  input: Money.optional(),
  output: Money.optional(),
  total: Money.optional(),
  perThousandCalls: Money.optional(),
  perMonth: Money.optional(),
  /** The vendor says the model is free: shown as "free", not as 0. */
  free: z.boolean(),
  /** Why the model has no price; set exactly when the costs are absent. */
  unpriced: z.string().optional(),
  /** Conditions that shaped the price (bracket, batch, time window, discount), in plain words. */
  applied: z.array(z.string()),
  priceDate: z.string(),
  /** Checked longer ago than the limit; the panel marks it on the current model only. */
  stale: z.boolean(),
  current: z.boolean(),
  /** The price comes from a secondary source (aggregator, model bank), not the vendor's page. */
  secondarySource: z.boolean(),
  /** The vendor no longer serves the model at the pricing time: never suggested. */
  retired: z.boolean(),
  /** The next announced price change, worded by the host in the panel's language. */
  nextChange: z
    .strictObject({
      date: z.string(),
      /** e.g. "price doubles on 2027-01-01" */
      summary: z.string().max(200),
      /** The rates before and after and the reason. */
      detail: z.string().max(1000),
      /** One call of this request from that day, in the display currency. */
      totalAfter: Money.optional(),
    })
    .optional(),
  /** Set on cheaper equivalents of the current model (same quality class or better, same
   *  capabilities, the request fits): the saving per call. */
  saving: z.strictObject({ amount: Money, percent: z.number().min(0).max(100) }).optional(),
  source: z.string(),
});
export type RowView = z.infer<typeof RowViewSchema>;

export const TokenizerViewSchema = z.strictObject({
  id: z.enum(TOKENIZER_IDS),
  label: z.string(),
  tokens: Count,
  exact: z.boolean(),
  /** Characters per token for this text; null when the text has no tokens. */
  charsPerToken: z.number().positive().nullable(),
});
export type TokenizerView = z.infer<typeof TokenizerViewSchema>;

/**
 * A subscription or coding plan set against pay-as-you-go at the panel's workload (this text,
 * expected output, calls per day): see src/core/pricing/plans.ts.
 */
export const PlanViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  kind: z.enum(['subscription', 'coding-plan', 'credits']),
  /** The price as the vendor sells it. */
  price: z.strictObject({ amount: Money, currency: z.enum(CURRENCY_CODES), period: z.enum(['month', 'year']) }),
  /** The same per month, in the display currency. */
  planMonthly: Money,
  /** What the plan includes, in the vendor's words. */
  includes: z.string(),
  /** The covered model the comparison uses (the current model when the plan covers it). */
  modelId: z.string().optional(),
  modelName: z.string().optional(),
  payAsYouGoMonthly: Money.optional(),
  perCall: Money.optional(),
  /** Calls a day of this request at which the plan and pay-as-you-go cost the same. */
  breakEvenCallsPerDay: z.number().finite().nonnegative().optional(),
  /** Credits the plan includes a month (GitHub Copilot) and the calls of this request with `modelId` they cover. */
  includedCredits: z.number().int().positive().optional(),
  callsCovered: z.number().int().nonnegative().optional(),
  cheaper: z.enum(['plan', 'pay-as-you-go', 'even', 'unknown']),
  /** Pay-as-you-go month minus plan month: positive = the plan saves this much. */
  monthlySaving: Money.optional(),
  source: z.string(),
  checked: z.string(),
  stale: z.boolean(),
});
export type PlanView = z.infer<typeof PlanViewSchema>;

/** One dated price of a model's price history, in the series' currency and unit. */
export const PricePointViewSchema = z.strictObject({
  from: z.string().optional(),
  to: z.string().optional(),
  /** The price in force now. */
  current: z.boolean(),
  input: Money.nonnegative().optional(),
  output: Money.nonnegative().optional(),
  free: z.boolean(),
  /** The series' currency, unless this point could not be converted into it. */
  currency: z.enum(CURRENCY_CODES),
});

/** A model's list price over time, e.g. Qwen-Long input ¥0.02 → ¥0.0005 per 1K tokens (−97.5 %). */
export const HistoryViewSchema = z.strictObject({
  modelId: z.string(),
  currency: z.enum(CURRENCY_CODES),
  per: z.union([z.literal(1000), z.literal(1000000)]),
  /** Oldest first; at least two. */
  points: z.array(PricePointViewSchema).min(2),
  /** Percent change from the oldest point to the newest (−97.5 = cut by 97.5 %). */
  change: z.strictObject({ input: z.number().finite().optional(), output: z.number().finite().optional() }),
});
export type HistoryView = z.infer<typeof HistoryViewSchema>;

/** The answer line at the top of the panel (src/core/suggest/answer.ts). */
export const AnswerViewSchema = z.strictObject({
  currentName: z.string(),
  currentFits: z.boolean(),
  currentContextPercent: z.number().nonnegative(),
  currentWindow: Count,
  /** The current model's place among the priced models that fit, cheapest first. */
  currentRank: z.number().int().positive().optional(),
  ranked: Count,
  best: z
    .strictObject({
      modelId: z.string(),
      name: z.string(),
      vendorName: z.string(),
      total: Money,
      perMonth: Money,
      free: z.boolean(),
      /** Negative when the stand-in costs more (the current model does not fit). */
      savingPerCall: Money,
      savingPercent: z.number().finite(),
      savingPerMonth: Money,
    })
    .optional(),
  reason: z.enum(['currentUnpriced', 'cheapest', 'noEquivalent']).optional(),
  setAside: z.strictObject({ doesNotFit: Count, lowerClass: Count, missingCapability: Count, otherRegion: Count }).optional(),
  /** The current model cannot hold the request and nothing of its class can: the cheapest model that can. */
  anyFit: z
    .strictObject({
      modelId: z.string(),
      name: z.string(),
      vendorName: z.string(),
      total: Money,
      perMonth: Money,
      free: z.boolean(),
      why: z.enum(['lowerClass', 'missingCapability']),
      /** The current model's capabilities it lacks. */
      missing: z.array(z.enum(['vision', 'tools', 'reasoning', 'json'])).max(4),
    })
    .optional(),
});
export type AnswerView = z.infer<typeof AnswerViewSchema>;

/** The current model bought two ways: through GitHub Copilot (AI credits) and from its maker's API (src/core/channel.ts). */
export const ChannelViewSchema = z.strictObject({
  /** The model the status bar uses is the channel (Copilot) entry. */
  currentIsChannel: z.boolean(),
  channelModelId: z.string(),
  channelName: z.string(),
  channelVendorName: z.string(),
  directModelId: z.string(),
  directName: z.string(),
  directVendorName: z.string(),
  /** Per call in the display currency; absent when unpriced. */
  channelTotal: Money.optional(),
  credits: z.number().finite().nonnegative().optional(),
  directTotal: Money.optional(),
  /** What the channel saves against the direct API per call: negative when it costs more. */
  savingPerCall: Money.optional(),
  savingPercent: z.number().finite().optional(),
});
export type ChannelView = z.infer<typeof ChannelViewSchema>;

export const SourceViewSchema = z.strictObject({
  /** `empty`: no text editor has been seen yet. */
  kind: z.enum(['selection', 'document', 'empty']),
  /** File name (not its content), e.g. "prompt.md". */
  label: z.string(),
  pinned: z.boolean(),
});

/** Bounds of the always-sent line: files listed, length of a path. */
export const ALWAYS_SENT_VIEW_LIMITS = Object.freeze({ files: 300, path: 1000 });

/** What the "include always-sent context" option added to every row's input, or why it added nothing. */
export const AlwaysSentViewSchema = z.discriminatedUnion('state', [
  z.strictObject({
    state: z.literal('included'),
    agentName: z.string().max(100),
    /** Biggest first, with their tokens for the current model. */
    files: z
      .array(z.strictObject({ path: z.string().min(1).max(ALWAYS_SENT_VIEW_LIMITS.path), tokens: Count }))
      .min(1)
      .max(ALWAYS_SENT_VIEW_LIMITS.files),
    /** All of them, for the current model's tokenizer. */
    tokens: Count,
    exact: z.boolean(),
  }),
  /** `noFolder`: the text is not a file of a workspace folder; `noFiles`: no agent sends anything there. */
  z.strictObject({ state: z.literal('none'), reason: z.enum(['noFolder', 'noFiles']) }),
]);
export type AlwaysSentView = z.infer<typeof AlwaysSentViewSchema>;

export const ComparisonViewSchema = z.strictObject({
  locale: LocaleSchema,
  source: SourceViewSchema,
  characters: Count,
  assumptions: PanelAssumptionsSchema,
  /** What the settings say, to show where the panel differs from them. */
  settings: PanelAssumptionsSchema.optional(),
  answer: AnswerViewSchema.optional(),
  channel: ChannelViewSchema.optional(),
  /** Assumptions the panel overrides; the others follow the settings. */
  overridden: z.array(z.enum(ASSUMPTION_KEYS as [keyof PanelAssumptions, ...(keyof PanelAssumptions)[]])),
  /** Date/time the prices were computed for (off-peak toggles change it). */
  pricedAt: z.string(),
  currentModelId: z.string(),
  rows: z.array(RowViewSchema),
  tokenizers: z.array(TokenizerViewSchema),
  exchange: z.strictObject({ base: z.enum(CURRENCY_CODES), date: z.string(), source: z.string() }),
  /** Pricing problems the user should know about (overlay errors), already localized. */
  notices: z.array(z.string()),
  /** Set while the option to include the always-sent context is on. */
  alwaysSent: AlwaysSentViewSchema.optional(),
  /** Plans of the compared vendors against pay-as-you-go at this workload, best saving first. */
  plans: z.array(PlanViewSchema),
  /** Price histories of the compared models that have older price points. */
  history: z.array(HistoryViewSchema),
  /** Prices checked longer ago than this are flagged stale. */
  staleAfterDays: Count,
  /** How many of the compared prices are stale: one line, with a link to the sources. */
  freshness: z.strictObject({ stale: Count, total: Count, limitDays: Count }),
});
export type ComparisonView = z.infer<typeof ComparisonViewSchema>;

export const HostStateSchema = z.strictObject({
  overrides: PanelAssumptionsSchema.partial(),
  pinned: z.boolean(),
});
export type HostState = z.infer<typeof HostStateSchema>;

export const SORT_COLUMNS = ['model', 'vendor', 'tokens', 'input', 'output', 'total', 'perThousandCalls', 'perMonth', 'saving', 'priceDate'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const FiltersSchema = z.strictObject({
  vendor: z.string(),
  region: z.union([z.enum(REGIONS), z.literal('')]),
  capability: z.enum(['', 'vision', 'tools', 'reasoning', 'json']),
  equivalentsOnly: z.boolean(),
  /** Hide models whose window cannot hold the request (on unless the user turned it off). */
  fitsOnly: z.boolean().optional(),
});
export type Filters = z.infer<typeof FiltersSchema>;

export const UiStateSchema = z.strictObject({
  sort: z.strictObject({ column: z.enum(SORT_COLUMNS), descending: z.boolean() }),
  filters: FiltersSchema,
  /** The plans section is open. */
  plansOpen: z.boolean().optional(),
  /** Models whose price-history line is expanded. */
  historyOpen: z.array(z.string()).optional(),
  /** Columns the user hid with the column chooser. */
  hiddenColumns: z.array(z.enum(SORT_COLUMNS)).optional(),
  /** The assumptions and filters are open (they start open on a wide panel). */
  controlsOpen: z.boolean().optional(),
  /** Which view shows under the answer: the table, the chart or the plans. */
  tab: z.enum(['table', 'chart', 'plans']).optional(),
  /** Rows the narrow layout has expanded. */
  expanded: z.array(z.string()).optional(),
});
export type UiState = z.infer<typeof UiStateSchema>;

export const DEFAULT_UI_STATE: UiState = {
  sort: { column: 'total', descending: false },
  filters: { vendor: '', region: '', capability: '', equivalentsOnly: false },
};

/** Everything the webview keeps with `setState`; the serializer hands it back to the host. */
export const WebviewStateSchema = z.strictObject({
  ui: UiStateSchema,
  host: HostStateSchema,
  view: ComparisonViewSchema.optional(),
});
export type WebviewState = z.infer<typeof WebviewStateSchema>;

// Host → webview
export const HostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('view'), view: ComparisonViewSchema, host: HostStateSchema }),
  z.strictObject({ type: z.literal('busy'), busy: z.boolean() }),
  z.strictObject({ type: z.literal('toast'), text: z.string() }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** What the webview actually drew, reported back so tests (and the host) can see it. */
export const RenderedSchema = z.strictObject({
  rowIds: z.array(z.string()),
  /** Visible text of each rendered row's cells. */
  cells: z.array(z.array(z.string())),
  headers: z.array(z.string()),
  sort: UiStateSchema.shape.sort,
  filters: FiltersSchema,
  chartBars: Count,
  note: z.string(),
  /** The answer line at the top, as shown. */
  answer: z.string().optional(),
  /** The always-sent line above the table, as shown (while the option is on). */
  alwaysSent: z.string().optional(),
  /** Visible text of each plan row drawn (plans with a pay-as-you-go comparison). */
  plans: z.array(z.array(z.string())),
  /** Plans listed without a comparison (no covered model priced here). */
  otherPlans: z.array(z.string()),
  /** Rows that have a price-history button. */
  historyIds: z.array(z.string()),
  /** Rows that have a "Use" button (every one but the current model and retired models). */
  useIds: z.array(z.string()),
  /** Text of the expanded price-history lines. */
  historyLines: z.array(z.string()),
});
export type Rendered = z.infer<typeof RenderedSchema>;

// Webview → host
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('setAssumptions'), values: PanelAssumptionsSchema.partial() }),
  z.strictObject({ type: z.literal('resetAssumptions') }),
  /** Write the panel's what-if values into the user settings. */
  z.strictObject({ type: z.literal('applyAssumptions') }),
  z.strictObject({ type: z.literal('pin'), pinned: z.boolean() }),
  z.strictObject({ type: z.literal('export'), format: z.enum(['markdown', 'csv']) }),
  z.strictObject({ type: z.literal('selectModel'), modelId: z.string().min(1) }),
  z.strictObject({ type: z.literal('openSource'), modelId: z.string().min(1) }),
  z.strictObject({ type: z.literal('openPlanSource'), planId: z.string().min(1) }),
  z.strictObject({ type: z.literal('openSources') }),
  z.strictObject({ type: z.literal('rendered'), rendered: RenderedSchema }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;
