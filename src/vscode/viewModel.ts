import { staleness } from '../core/cost';
import { STALE_AFTER_DAYS, staleSummary } from '../core/pricing/freshness';
import { describePriceChange, describePriceChangeShort } from '../core/format/changes';
import { priceHistory } from '../core/pricing/history';
import { planVerdicts } from '../core/pricing/plans';
import { pricingText } from '../core/pricing/dataText';
import type { Model } from '../core/pricing/schema';
import { tokenizerLabel } from '../core/tokenize';
import type { Comparison, ComparisonRow } from '../core/types';
import { answerOf, costDifference } from '../core/suggest';
import {
  ALWAYS_SENT_VIEW_LIMITS,
  type AnswerView,
  type ChannelView,
  type ComparisonView,
  type HistoryView,
  type Locale,
  type PanelAssumptions,
  type PlanView,
  type RowView,
  type TokenizerView,
} from '../webview/protocol';

export interface ViewContext {
  locale: Locale;
  source: ComparisonView['source'];
  assumptions: PanelAssumptions;
  overridden: (keyof PanelAssumptions)[];
  /** The assumptions as the settings have them. */
  settings?: PanelAssumptions;
  notices: string[];
  /** "Today", for the staleness of plan prices. Default: the real now. */
  now?: Date;
  /** Why the option to include the always-sent context added nothing (the comparison has none then). */
  alwaysSentNone?: 'noFolder' | 'noFiles';
}

/** What the webview gets: counts and prices of every row, never the text itself. */
export function toView(c: Comparison, ctx: ViewContext): ComparisonView {
  const current = c.rows.find((r) => r.model.id === c.currentModelId);
  const rows = c.rows.map((r) => rowView(r, c, ctx.locale, current));
  const answer = answerView(c, ctx.locale);
  const tokenizers = new Map<string, TokenizerView>();
  for (const r of c.rows) {
    if (tokenizers.has(r.count.tokenizer)) continue;
    // The note is about the text itself: the always-sent files added to the input are not part of it.
    const textTokens = r.count.tokens - (c.alwaysSent?.byTokenizer[r.count.tokenizer]?.tokens ?? 0);
    tokenizers.set(r.count.tokenizer, {
      id: r.count.tokenizer,
      label: tokenizerLabel(r.count.tokenizer, ctx.locale),
      tokens: textTokens,
      exact: r.count.exact,
      charsPerToken: textTokens > 0 && c.characters > 0 ? c.characters / textTokens : null,
    });
  }
  return {
    locale: ctx.locale,
    source: ctx.source,
    characters: c.characters,
    assumptions: ctx.assumptions,
    overridden: ctx.overridden,
    ...(ctx.settings ? { settings: ctx.settings } : {}),
    ...(answer ? { answer } : {}),
    ...(c.channelPair ? { channel: channelView(c, ctx.locale) } : {}),
    pricedAt: c.assumptions.at.toISOString(),
    currentModelId: c.currentModelId,
    rows,
    tokenizers: [...tokenizers.values()],
    exchange: { base: c.exchangeRates.base, date: c.exchangeRates.date, source: pricingText(ctx.locale, c.exchangeRates.source) },
    notices: ctx.notices,
    ...alwaysSentView(c, ctx),
    plans: planViews(c, ctx.locale, ctx.now ?? new Date()),
    history: c.rows.flatMap((r) => historyView(r.model) ?? []),
    staleAfterDays: STALE_AFTER_DAYS,
    freshness:
      c.freshness ??
      staleSummary(
        c.rows.map((r) => r.model),
        ctx.now ?? new Date(),
      ),
  };
}

/** The line above the table while "include always-sent context" is on: the agent, its files and their tokens, or why there are none. */
export function alwaysSentView(c: Comparison, ctx: ViewContext): Pick<ComparisonView, 'alwaysSent'> {
  const a = c.alwaysSent;
  if (a) {
    return {
      alwaysSent: {
        state: 'included',
        agentName: a.agentName,
        files: a.files.slice(0, ALWAYS_SENT_VIEW_LIMITS.files).map((f) => ({ path: f.path.slice(0, ALWAYS_SENT_VIEW_LIMITS.path), tokens: f.tokens })),
        tokens: a.tokens,
        exact: a.exact,
      },
    };
  }
  return ctx.alwaysSentNone ? { alwaysSent: { state: 'none', reason: ctx.alwaysSentNone } } : {};
}

/** Every plan of the comparison (already limited to the compared vendors) with its verdict at this workload. */
export function planViews(c: Comparison, locale: Locale, now: Date): PlanView[] {
  const vendors = new Map(c.rows.map((r) => [r.vendor.id, locale === 'zh-cn' ? r.vendor.nameZh : r.vendor.name]));
  const names = new Map(c.rows.map((r) => [r.model.id, r.model.name]));
  return planVerdicts(c).map((v) => ({
    id: v.plan.id,
    name: pricingText(locale, v.plan.name),
    vendorId: v.plan.vendor,
    vendorName: vendors.get(v.plan.vendor) ?? v.plan.vendor,
    kind: v.plan.kind,
    price: { amount: v.plan.amount, currency: v.plan.currency, period: v.plan.period },
    planMonthly: v.planMonthly,
    includes: pricingText(locale, v.plan.includes),
    modelId: v.modelId,
    modelName: v.modelId ? names.get(v.modelId) : undefined,
    payAsYouGoMonthly: v.payAsYouGoMonthly,
    perCall: v.perCall,
    breakEvenCallsPerDay: v.breakEvenCallsPerDay,
    includedCredits: v.plan.includedCredits,
    callsCovered: v.callsCovered,
    cheaper: v.cheaper,
    monthlySaving: v.monthlySaving,
    source: v.plan.source,
    checked: v.plan.checked,
    stale: staleness(v.plan.checked, now, STALE_AFTER_DAYS).stale,
  }));
}

/**
 * A model's list price over time, when the pricing file holds older price points. The unit is the
 * one of the oldest point, as the vendor announced the change (Qwen-Long: per 1K tokens).
 */
export function historyView(model: Model): HistoryView | undefined {
  const oldest = model.history?.length ? [...model.history].sort((a, b) => a.from.localeCompare(b.from))[0] : undefined;
  if (!oldest) return undefined;
  const series = priceHistory(model, { per: oldest.per });
  if (series.points.length < 2) return undefined;
  return {
    modelId: model.id,
    currency: series.currency,
    per: series.per,
    points: series.points.map((p) => ({
      from: p.from,
      to: p.to,
      current: p.current,
      input: p.rates.input,
      output: p.rates.output,
      free: p.free === true,
      currency: p.currency,
    })),
    change: { input: series.totalChange.input, output: series.totalChange.output },
  };
}

/** The answer line: the cheapest equivalent that fits, its saving, the current model's rank. */
export function answerView(c: Comparison, locale: Locale): AnswerView | undefined {
  const a = answerOf(c);
  if (!a) return undefined;
  const fit = a.current.fit;
  const best = a.best;
  return {
    currentName: a.current.model.name,
    currentFits: a.currentFits,
    currentContextPercent: fit ? fit.percent : 0,
    currentWindow: a.current.model.contextWindow,
    ...(a.currentRank !== undefined ? { currentRank: a.currentRank } : {}),
    ranked: a.ranked,
    ...(best?.cost && a.saving
      ? {
          best: {
            modelId: best.model.id,
            name: best.model.name,
            vendorName: locale === 'zh-cn' ? best.vendor.nameZh : best.vendor.name,
            total: best.cost.total,
            perMonth: best.perMonth ?? 0,
            free: best.cost.free === true,
            savingPerCall: a.saving.perCall,
            savingPercent: a.saving.percent,
            savingPerMonth: a.saving.perMonth,
          },
        }
      : {}),
    ...(a.reason ? { reason: a.reason } : {}),
    ...(a.setAside ? { setAside: a.setAside } : {}),
    ...(a.anyFit?.row.cost
      ? {
          anyFit: {
            modelId: a.anyFit.row.model.id,
            name: a.anyFit.row.model.name,
            vendorName: locale === 'zh-cn' ? a.anyFit.row.vendor.nameZh : a.anyFit.row.vendor.name,
            total: a.anyFit.row.cost.total,
            perMonth: a.anyFit.row.perMonth ?? 0,
            free: a.anyFit.row.cost.free === true,
            why: a.anyFit.why,
            missing: a.anyFit.missing,
          },
        }
      : {}),
  };
}

/** "Through Copilot" beside "direct API" for the current model (src/core/channel.ts). */
export function channelView(c: Comparison, locale: Locale): ChannelView | undefined {
  const p = c.channelPair;
  if (!p) return undefined;
  const vendorName = (r: ComparisonRow) => (locale === 'zh-cn' ? r.vendor.nameZh : r.vendor.name);
  return {
    currentIsChannel: p.channel.model.id === c.currentModelId,
    channelModelId: p.channel.model.id,
    channelName: p.channel.model.name,
    channelVendorName: vendorName(p.channel),
    directModelId: p.direct.model.id,
    directName: p.direct.model.name,
    directVendorName: vendorName(p.direct),
    ...(p.channel.cost ? { channelTotal: p.channel.cost.total } : {}),
    ...(p.channel.credits !== undefined ? { credits: p.channel.credits } : {}),
    ...(p.direct.cost ? { directTotal: p.direct.cost.total } : {}),
    ...(p.difference ? { savingPerCall: p.difference.amount, savingPercent: p.difference.percent } : {}),
  };
}

function rowView(r: ComparisonRow, c: Comparison, locale: Locale, current: ComparisonRow | undefined): RowView {
  const cost = r.cost;
  const difference = current && r !== current ? costDifference(r, current) : undefined;
  return {
    modelId: r.model.id,
    name: r.model.name,
    vendorId: r.vendor.id,
    vendorName: locale === 'zh-cn' ? r.vendor.nameZh : r.vendor.name,
    region: r.model.region,
    qualityClass: r.model.quality.class,
    contextWindow: r.model.contextWindow,
    capabilities: { ...r.model.capabilities },
    tokenizer: r.count.tokenizer,
    tokens: r.count.tokens,
    exact: r.count.exact,
    exceedsContext: r.exceedsContext === true,
    contextPercent: Number.isFinite(r.fit?.percent) ? (r.fit?.percent ?? 0) : 0,
    ...(difference ? { difference } : {}),
    input: cost ? cost.input + cost.cacheRead : undefined,
    output: cost ? cost.output + cost.reasoning : undefined,
    total: cost?.total,
    perThousandCalls: cost ? r.perThousandCalls : undefined,
    perMonth: cost ? r.perMonth : undefined,
    free: cost?.free === true,
    unpriced: cost ? undefined : (r.unpriced ?? 'unpriced'),
    applied: cost?.applied ?? [],
    priceDate: r.model.checked,
    stale: r.stale,
    current: r.model.id === c.currentModelId,
    secondarySource: r.secondarySource === true,
    retired: r.retired === true,
    nextChange: r.nextChange
      ? {
          date: r.nextChange.date,
          summary: describePriceChangeShort(r.nextChange, locale),
          detail: describePriceChange(r.nextChange, locale),
          ...(cost && r.nextChange.totalAfter !== undefined ? { totalAfter: r.nextChange.totalAfter } : {}),
        }
      : undefined,
    saving: r.saving ? { amount: r.saving.amount, percent: Math.min(100, Math.max(0, r.saving.percent)) } : undefined,
    source: r.model.source,
  };
}
