import { z } from 'zod';
import { LIMITS, PRICE_LIMITS } from '../limits';
import { TOKENIZER_IDS } from '../tokenize/ids';

/**
 * The pricing file format. This schema is the single source of truth: every type of the
 * catalogue is inferred from it, and the bundled file, user files and downloaded updates all
 * pass through it.
 *
 * Prices are stored exactly as the vendor publishes them: in the vendor's billing currency and
 * per 1K or per 1M tokens. Conversion happens only for display.
 */

export const CURRENCY_CODES = ['USD', 'CNY', 'EUR', 'GBP', 'JPY', 'HKD'] as const;
export const CurrencySchema = z.enum(CURRENCY_CODES);
export type Currency = z.infer<typeof CurrencySchema>;

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  // Round trip: Date.parse alone rolls 2026-02-30 over to March 2.
  .refine((s) => {
    const t = Date.parse(s + 'T00:00:00Z');
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

const HhMmSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24 h)');

const UrlSchema = z.url({ protocol: /^https?$/ });

/** A price per `per` tokens in the schedule's currency. Never negative, never NaN or infinite, and
 *  small enough that every cost computed from it stays finite (PRICE_LIMITS). */
const RateSchema = z
  .number()
  .finite()
  .min(PRICE_LIMITS.rate.min, 'a rate is never negative')
  .max(PRICE_LIMITS.rate.max, `a rate above ${PRICE_LIMITS.rate.max.toLocaleString('en')} cannot be priced; check the unit (\`per\`)`);

/** Per-token-kind rates. `cacheRead` = cached input hit; `cacheWrite` = writing the cache (for
 *  Anthropic, the 5-minute cache); `cacheWrite1h` = writing Anthropic's 1-hour cache;
 *  `reasoningOutput` = thinking tokens where the vendor prices them apart from ordinary output
 *  (otherwise they bill as output). */
export const RatesSchema = z.strictObject({
  input: RateSchema,
  output: RateSchema,
  cacheRead: RateSchema.optional(),
  cacheWrite: RateSchema.optional(),
  cacheWrite1h: RateSchema.optional(),
  reasoningOutput: RateSchema.optional(),
});
export type Rates = z.infer<typeof RatesSchema>;

/** One context-length bracket: applies to requests (or the part of a request) whose input
 *  tokens are at most `upTo`; `null` = everything above the previous bracket. */
export const TierSchema = RatesSchema.extend({
  upTo: z.number().int().positive().nullable(),
});
export type Tier = z.infer<typeof TierSchema>;

export const TiersSchema = z.strictObject({
  /** `request`: the whole request is billed at the bracket its input length falls in (Doubao,
   *  Gemini, Claude long context). `graduated`: each bracket's share of the input is billed at
   *  that bracket's rate, like income tax. */
  mode: z.enum(['request', 'graduated']),
  brackets: z.array(TierSchema).min(2),
});
export type Tiers = z.infer<typeof TiersSchema>;

/** A time window with its own rates (DeepSeek's off-peak hours, in Beijing time). */
export const TimeWindowSchema = z.strictObject({
  label: z.string().min(1),
  /** IANA zone the window is published in, e.g. Asia/Shanghai. */
  timezone: z.string().min(1),
  /** Days the window applies (0 = Sunday … 6 = Saturday), in `timezone`. Omitted = every day. */
  days: z.array(z.number().int().min(0).max(6)).min(1).optional(),
  start: HhMmSchema,
  /** May be earlier than `start`: the window then wraps past midnight. */
  end: HhMmSchema,
  rates: RatesSchema.partial(),
});
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

export const PriceSchema = z.strictObject({
  currency: CurrencySchema,
  /** How many tokens each rate is for: 1000 (CNY per 1K, as Chinese vendors used to publish) or 1000000. */
  per: z.union([z.literal(1000), z.literal(1_000_000)]),
  rates: RatesSchema,
  tiers: TiersSchema.optional(),
  timeWindows: z.array(TimeWindowSchema).optional(),
  /** Batch API price as a multiple of the normal price (0.5 = half price). */
  batchMultiplier: z.number().gt(0).lte(1).optional(),
  /** The vendor says this model is free of charge. Required for any all-zero price. */
  free: z.boolean().optional(),
  /** A free allowance (e.g. tokens granted on activation); shown, not deducted from a single call. */
  freeQuota: z.strictObject({ tokens: z.number().int().positive(), note: z.string().min(1) }).optional(),
});
export type Price = z.infer<typeof PriceSchema>;

/** A model without a public per-token price (credit plans, enterprise-only). Never priced as 0. */
export const UnpricedSchema = z.strictObject({
  unpriced: z.string().min(1),
});

export const HistoricPriceSchema = z.strictObject({
  from: IsoDateSchema,
  to: IsoDateSchema.optional(),
  currency: CurrencySchema,
  per: z.union([z.literal(1000), z.literal(1_000_000)]),
  rates: RatesSchema.partial().required({ input: true }),
  note: z.string().optional(),
  source: UrlSchema,
});
export type HistoricPrice = z.infer<typeof HistoricPriceSchema>;

/** A price in force for a stated period: an announced change (`from` only), a promotion that
 *  ends (`until` only, or both). Dates are whole days in UTC; `until` is the first day the entry no
 *  longer applies. Outside every entry the model's `price` applies. */
export const ScheduledPriceSchema = z.strictObject({
  from: IsoDateSchema.optional(),
  until: IsoDateSchema.optional(),
  price: z.union([PriceSchema, UnpricedSchema]),
  note: z.string().min(1),
  source: UrlSchema,
});
export type ScheduledPrice = z.infer<typeof ScheduledPriceSchema>;

export const CapabilitiesSchema = z.strictObject({
  vision: z.boolean(),
  tools: z.boolean(),
  reasoning: z.boolean(),
  json: z.boolean(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

/** Quality class used to decide what counts as an "equivalent" model:
 *  5 frontier, 4 strong, 3 capable general model, 2 small/fast, 1 tiny. */
export const QualitySchema = z.strictObject({
  class: z.number().int().min(1).max(5),
  /** The public benchmark or leaderboard the class is read from. */
  basis: z.string().min(1),
  date: IsoDateSchema,
});
export type Quality = z.infer<typeof QualitySchema>;

export const REGIONS = ['global', 'cn', 'intl'] as const;
export const RegionSchema = z.enum(REGIONS);
export type Region = z.infer<typeof RegionSchema>;

export const ModelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._:@/+-]*$/, 'model ids are lower case: letters, digits and . _ : @ / + -');

export const ModelSchema = z.strictObject({
  id: ModelIdSchema,
  vendor: z.string().min(1),
  name: z.string().min(1),
  /** The model name sent to the vendor's API. */
  apiId: z.string().min(1),
  /** Other names the vendor's API answers to or returns for this same model at this price (a dated
   *  version such as mistral-small-2603 behind mistral-small-latest, a short alias such as gpt-5.6),
   *  so usage logs that carry them are priced. Matched like `apiId`. */
  aliases: z.array(ModelIdSchema).min(1).max(20).optional(),
  region: RegionSchema,
  tokenizer: z.enum(TOKENIZER_IDS),
  contextWindow: z.number().int().positive(),
  maxOutput: z.number().int().positive(),
  capabilities: CapabilitiesSchema,
  quality: QualitySchema,
  price: z.union([PriceSchema, UnpricedSchema]),
  source: UrlSchema,
  checked: IsoDateSchema,
  /** The price was read from a secondary source (aggregator, model bank), not the vendor's page. */
  secondary: z.boolean().optional(),
  /** The vendor announced the model deprecated on this date. */
  deprecated: IsoDateSchema.optional(),
  /** The vendor stops serving the model on this date: never suggested from then on. */
  retires: IsoDateSchema.optional(),
  /** The catalogue model the vendor names as its replacement. */
  replacedBy: ModelIdSchema.optional(),
  notes: z.string().optional(),
  /** This entry is the model bought through a channel (GitHub Copilot); `direct` is the same model
   *  bought from its maker's own API, for the "through Copilot or direct" comparison. */
  direct: ModelIdSchema.optional(),
  history: z.array(HistoricPriceSchema).optional(),
  /** Dated prices that differ from `price` (announced changes, promotions that end). */
  schedule: z.array(ScheduledPriceSchema).optional(),
});
export type Model = z.infer<typeof ModelSchema>;

export const VendorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  nameZh: z.string().min(1),
  country: z.string().length(2),
  pricingPage: UrlSchema,
  /** The vendor bills in credits worth `value` of `currency` each (GitHub AI Credits: 0.01 USD);
   *  its prices are stored in `currency` and shown in credits as well. */
  credit: z
    .strictObject({
      name: z.string().min(1),
      value: z.number().finite().min(PRICE_LIMITS.creditValue.min).max(PRICE_LIMITS.creditValue.max),
      currency: CurrencySchema,
    })
    .optional(),
});
export type Vendor = z.infer<typeof VendorSchema>;

/** A subscription or credit plan, for the pay-as-you-go break-even. */
export const PlanSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  vendor: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['subscription', 'coding-plan', 'credits']),
  currency: CurrencySchema,
  /** 0 for a free plan (GitHub Copilot Free). */
  amount: z.number().finite().min(PRICE_LIMITS.planAmount.min).max(PRICE_LIMITS.planAmount.max),
  period: z.enum(['month', 'year']),
  /** Credits the plan includes each period (GitHub Copilot: AI credits a month), in the vendor's `credit` unit. */
  includedCredits: z.number().int().positive().optional(),
  /** What the plan includes, in the vendor's words (quota, limits). */
  includes: z.string().min(1),
  /** Catalogue model ids the plan covers, if any are in the catalogue. */
  models: z.array(ModelIdSchema).optional(),
  source: UrlSchema,
  checked: IsoDateSchema,
});
export type Plan = z.infer<typeof PlanSchema>;

export const ExchangeRatesSchema = z.strictObject({
  /** Rates are units of each currency per 1 `base`. */
  base: CurrencySchema,
  date: IsoDateSchema,
  source: z.string().min(1),
  rates: z.partialRecord(
    CurrencySchema,
    z
      .number()
      .finite()
      .min(LIMITS.exchangeRate.min, `an exchange rate is between ${LIMITS.exchangeRate.min} and ${LIMITS.exchangeRate.max}`)
      .max(LIMITS.exchangeRate.max, `an exchange rate is between ${LIMITS.exchangeRate.min} and ${LIMITS.exchangeRate.max}`),
  ),
});
export type ExchangeRates = z.infer<typeof ExchangeRatesSchema>;

export const PricingFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1),
    /** The date the file as a whole was last updated: updates never replace newer data with older. */
    updated: IsoDateSchema,
    vendors: z.array(VendorSchema),
    models: z.array(ModelSchema),
    plans: z.array(PlanSchema).default([]),
    exchangeRates: ExchangeRatesSchema.optional(),
  })
  .superRefine((file, ctx) => {
    checkUnique(
      file.vendors.map((v) => v.id),
      ['vendors'],
      'vendor id',
      ctx,
    );
    checkUnique(
      file.models.map((m) => m.id),
      ['models'],
      'model id',
      ctx,
    );
    checkUnique(
      file.plans.map((p) => p.id),
      ['plans'],
      'plan id',
      ctx,
    );
    const vendorIds = new Set(file.vendors.map((v) => v.id));
    const modelIds = new Set(file.models.map((m) => m.id));
    file.models.forEach((model, i) => {
      const path = ['models', i];
      if (!vendorIds.has(model.vendor)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'vendor'], message: `unknown vendor "${model.vendor}"; add it to "vendors"` });
      }
      if (model.maxOutput > model.contextWindow) {
        ctx.addIssue({ code: 'custom', path: [...path, 'maxOutput'], message: 'maxOutput is larger than contextWindow' });
      }
      if ('rates' in model.price) checkPrice(model.price, [...path, 'price'], ctx);
      if (model.direct !== undefined && (!modelIds.has(model.direct) || model.direct === model.id)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'direct'], message: `unknown direct API model "${model.direct}"` });
      }
      if (model.replacedBy !== undefined && !modelIds.has(model.replacedBy)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'replacedBy'], message: `unknown model "${model.replacedBy}"` });
      }
      model.schedule?.forEach((entry, j) => {
        const at = [...path, 'schedule', j];
        if (entry.from === undefined && entry.until === undefined) {
          ctx.addIssue({ code: 'custom', path: at, message: 'a scheduled price needs "from", "until" or both' });
        }
        if (entry.from !== undefined && entry.until !== undefined && entry.until <= entry.from) {
          ctx.addIssue({ code: 'custom', path: [...at, 'until'], message: `"until" (${entry.until}) must be after "from" (${entry.from})` });
        }
        if ('rates' in entry.price) checkPrice(entry.price, [...at, 'price'], ctx);
      });
    });
    file.plans.forEach((plan, i) => {
      if (!vendorIds.has(plan.vendor)) {
        ctx.addIssue({ code: 'custom', path: ['plans', i, 'vendor'], message: `unknown vendor "${plan.vendor}"` });
      }
      plan.models?.forEach((id, j) => {
        if (!modelIds.has(id)) ctx.addIssue({ code: 'custom', path: ['plans', i, 'models', j], message: `unknown model "${id}"` });
      });
    });
  });
export type PricingFile = z.infer<typeof PricingFileSchema>;

/**
 * A user pricing file: same shape, but everything is optional so it can add a vendor or a few
 * models, or override single prices of bundled models by id.
 */
export const PricingOverlaySchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1),
    updated: IsoDateSchema.optional(),
    vendors: z.array(VendorSchema).optional(),
    models: z.array(ModelSchema).optional(),
    /** Price replacements for existing models, keyed by model id. */
    priceOverrides: z.record(ModelIdSchema, z.union([PriceSchema, UnpricedSchema])).optional(),
    plans: z.array(PlanSchema).optional(),
    exchangeRates: ExchangeRatesSchema.optional(),
  })
  .superRefine((overlay, ctx) => {
    for (const [id, price] of Object.entries(overlay.priceOverrides ?? {})) {
      if ('rates' in price) checkPrice(price, ['priceOverrides', id], ctx);
    }
    overlay.models?.forEach((model, i) => {
      if ('rates' in model.price) checkPrice(model.price, ['models', i, 'price'], ctx);
    });
  });
export type PricingOverlay = z.infer<typeof PricingOverlaySchema>;

function checkUnique(ids: string[], path: (string | number)[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `duplicate ${what} "${id}"` });
    seen.add(id);
  });
}

/** Rules a single price must satisfy wherever it appears (bundled file or override). */
export function checkPrice(price: Price, path: (string | number)[], ctx: z.RefinementCtx): void {
  const allRates: Rates[] = [price.rates, ...(price.tiers?.brackets ?? [])];
  const allZero = allRates.every((r) => r.input === 0 && r.output === 0);
  if (allZero && !price.free) {
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'free'],
      message: 'all rates are 0: set "free": true if the vendor says it is free, or mark the model unpriced',
    });
  }
  if (price.free && !allZero) {
    ctx.addIssue({ code: 'custom', path: [...path, 'free'], message: '"free": true but input or output rate is not 0' });
  }
  const brackets = price.tiers?.brackets;
  if (brackets) {
    brackets.forEach((b, i) => {
      const isLast = i === brackets.length - 1;
      if (isLast && b.upTo !== null) {
        ctx.addIssue({ code: 'custom', path: [...path, 'tiers', 'brackets', i, 'upTo'], message: 'the last bracket must have "upTo": null (no upper limit)' });
      }
      if (!isLast && b.upTo === null) {
        ctx.addIssue({ code: 'custom', path: [...path, 'tiers', 'brackets', i, 'upTo'], message: 'only the last bracket may have "upTo": null' });
      }
      const prev = i > 0 ? brackets[i - 1].upTo : 0;
      if (b.upTo !== null && prev !== null && b.upTo <= prev) {
        ctx.addIssue({ code: 'custom', path: [...path, 'tiers', 'brackets', i, 'upTo'], message: 'brackets must be in increasing order of "upTo"' });
      }
    });
  }
}
