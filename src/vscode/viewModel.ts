import { tokenizerLabel } from '../core/tokenize';
import type { Comparison, ComparisonRow } from '../core/types';
import type { ComparisonView, Locale, PanelAssumptions, RowView, TokenizerView } from '../webview/protocol';

export interface ViewContext {
  locale: Locale;
  source: ComparisonView['source'];
  assumptions: PanelAssumptions;
  overridden: (keyof PanelAssumptions)[];
  notices: string[];
}

/** What the webview gets: counts and prices of every row, never the text itself. */
export function toView(c: Comparison, ctx: ViewContext): ComparisonView {
  const rows = c.rows.map((r) => rowView(r, c, ctx.locale));
  const tokenizers = new Map<string, TokenizerView>();
  for (const r of c.rows) {
    if (tokenizers.has(r.count.tokenizer)) continue;
    tokenizers.set(r.count.tokenizer, {
      id: r.count.tokenizer,
      label: tokenizerLabel(r.count.tokenizer, ctx.locale),
      tokens: r.count.tokens,
      exact: r.count.exact,
      charsPerToken: r.count.tokens > 0 && c.characters > 0 ? c.characters / r.count.tokens : null,
    });
  }
  return {
    locale: ctx.locale,
    source: ctx.source,
    characters: c.characters,
    assumptions: ctx.assumptions,
    overridden: ctx.overridden,
    pricedAt: c.assumptions.at.toISOString(),
    currentModelId: c.currentModelId,
    rows,
    tokenizers: [...tokenizers.values()],
    exchange: { base: c.exchangeRates.base, date: c.exchangeRates.date, source: c.exchangeRates.source },
    notices: ctx.notices,
  };
}

function rowView(r: ComparisonRow, c: Comparison, locale: Locale): RowView {
  const cost = r.cost;
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
    saving: r.saving ? { amount: r.saving.amount, percent: Math.min(100, Math.max(0, r.saving.percent)) } : undefined,
    source: r.model.source,
  };
}
