import type { PricedContext } from './context';
import { creditsPerCall, isPriced, priceCall, projectCost } from './cost';
import { describePriceChange, describeRule, formatCredits, formatMoney, formatRate, formatTokens } from './format';
import { localizer, type UiLocale } from './l10n';
import type { Catalogue } from './pricing/catalogue';
import { STALE_AFTER_DAYS } from './pricing/freshness';
import { priceNotices } from './pricing/notices';
import type { ExchangeRates, Model } from './pricing/schema';
import { priceAt, sameTimeOn } from './pricing/schedule';
import { ESTIMATE_PROFILES, TOKENIZER_INFO, groupCounts, isExactTokenizer } from './tokenize';
import { formatWindow, modelFit } from './fit';
import type { Assumptions, Comparison, CostBreakdown, TokenCountResult } from './types';

/** The tooltip's English messages; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const TOOLTIP_MESSAGES = {
  selection: 'Selection in {0}: {1} characters',
  selections: '{0} selections in {1}, counted together: {2} characters',
  document: 'Whole document {0}: {1} characters',
  exact: '{0} tokens, exact ({1})',
  chatRequest: "Counted as a chat request ({0} format): message contents plus the vendor's framing, as the panel counts it",
  estimatedWithin: "≈{0} tokens, estimated ({1}), within ±{2} of {3} for this text's scripts",
  estimatedUnknown: "≈{0} tokens, estimated ({1}); its error is unknown: not measured against the vendor's own tokenizer",
  replacement: 'Its replacement: {0}.',
  contextFit: 'Context window: {0}% of {1} ({2} tokens with the expected output)',
  contextOver: '$(warning) **Does not fit**: {0} tokens with the expected output are {1}% of the {2} context window; the call would fail',
  inputWindowFit: "Input window VS Code's Language Model API gives this model: {0}% of {1} ({2} input tokens)",
  inputWindowOver:
    "$(warning) **Does not fit**: {0} input tokens are {1}% of the {2} input window VS Code's Language Model API gives this model; the call would fail",
  input: 'Input',
  output: 'Output ({0} tokens)',
  total: 'Total per call',
  perMonth: 'Per month ({0} calls a day)',
  credits: 'AI credits per call (1 credit = {0})',
  direct: 'The same model through its direct API ({0}): {1} per call',
  price: 'Price: input {0}, output {1} (checked {2})',
  secondary: 'secondary source',
  noPrice: 'No price: {0} (checked {1})',
  oneCall: 'One call: {0} now, {1} from then.',
  retired: '{0} retired on {1}: the vendor no longer serves it.',
  retires: '{0} retires on {1} (in {2} days).',
  stale: 'This price was checked {0} days ago (more than {1}): it may have changed.',
  sources: 'Pricing sources',
  perTokenizer: 'Tokens per tokenizer:',
  estimateLegend: ' (≈ estimate)',
  cheaper: 'Cheaper equivalents:',
  free: 'free',
  secondaryMark: ' (secondary source)',
  saves: ', saves {0} ({1}%)',
  noCheaper: 'No cheaper equivalent model in the pricing file.',
  unpriced: 'unpriced',
  oneFile: '1 file',
  files: '{0} files',
  alwaysSent: 'Always sent with each request ({0}): {1}, {2} tokens, {3}; {4} a month at {5} calls a day',
  show: 'Show',
  openComparison: 'Open comparison',
  changeModel: 'Change model',
} as const;

const M = TOOLTIP_MESSAGES;

/** The commands the tooltip links to (the host trusts only these). */
export const TOOLTIP_COMMANDS = [
  'tokenSpend.showAlwaysSentContext',
  'tokenSpend.openComparison',
  'tokenSpend.selectModel',
  'tokenSpend.setOutputTokens',
  'tokenSpend.setCurrency',
  'tokenSpend.showPricingSources',
];

export interface TooltipInput {
  model: Model;
  catalogue: Pick<Catalogue, 'vendor' | 'model'>;
  /** What was counted: a selection or a whole document, its display name and its length in characters. */
  source: { kind: 'selection' | 'document'; label: string; characters: number; note?: string; selections?: number };
  count: TokenCountResult;
  /** For an estimate: its error bound for the text's script mix (estimateErrorBoundOfText); absent when unmeasured. */
  estimateBound?: number;
  cost: CostBreakdown | { unpriced: string };
  /** The assumptions the cost was priced with (their `at` is the instant priced for). */
  assumptions: Assumptions;
  /** The exchange rates the cost was converted with. */
  rates: ExchangeRates;
  /** The same text across vendors, once the second pass has run. */
  comparison?: Comparison;
  /** Set when the text is a chat-message file, counted (everywhere) as the request it encodes. */
  chat?: 'openai' | 'anthropic';
  /** What the agents send with every request, biggest first. */
  alwaysSent?: readonly PricedContext[];
  /** The input window (`maxInputTokens`) the Language Model API states for the model, when the user picked it from their own models. */
  languageModelWindow?: number;
}

/**
 * Escapes only what could start Markdown syntax inside a line (names hold dashes, dots and
 * brackets), and `$` so that `$(name)` in a user's model name is not drawn as an icon.
 */
const esc = (s: string) => s.replace(/[\\`*_[\]<>|$]/g, '\\$&');

/** The status bar's tooltip as Markdown with theme icons and command links. */
export function statusTooltipMarkdown(c: TooltipInput, locale: UiLocale): string {
  const t = localizer(locale);
  const a = c.assumptions;
  const out: string[] = [];
  const add = (s: string) => out.push(s);
  const vendor = c.catalogue.vendor(c.model.vendor);
  const vendorName = vendor ? (locale === 'zh-cn' ? vendor.nameZh : vendor.name) : c.model.vendor;
  add(`**${esc(c.model.name)}** · ${esc(vendorName)}\n\n`);
  const chars = formatTokens(c.source.characters, locale);
  const label = esc(c.source.label);
  const many = c.source.kind === 'selection' && (c.source.selections ?? 1) > 1;
  const what = many ? t(M.selections, c.source.selections ?? 1, label, chars) : t(c.source.kind === 'selection' ? M.selection : M.document, label, chars);
  add(what + '\n\n');
  if (c.source.note) add(`$(warning) ${esc(c.source.note)}\n\n`);
  const info = TOKENIZER_INFO[c.count.tokenizer];
  const tokens = formatTokens(c.count.tokens, locale);
  const family = esc(`${info.family}${locale === 'zh-cn' ? '，' : ', '}${info.vendor}`);
  const reference = isExactTokenizer(c.count.tokenizer) ? undefined : ESTIMATE_PROFILES[c.count.tokenizer].measured?.reference;
  if (c.count.exact) add(t(M.exact, tokens, family) + '\n\n');
  else if (c.estimateBound === undefined || reference === undefined) add(t(M.estimatedUnknown, tokens, family) + '\n\n');
  else add(t(M.estimatedWithin, tokens, family, `${Math.max(1, Math.ceil(c.estimateBound * 100))}%`, reference) + '\n\n');
  // In Chinese the format's name sits inside full-width brackets already: no ASCII brackets within them.
  const claude = locale === 'zh-cn' ? 'Anthropic Claude' : 'Claude (Anthropic)';
  if (c.chat) add(t(M.chatRequest, c.chat === 'anthropic' ? claude : 'OpenAI') + '\n\n');
  // How full the model's window is: a request that does not fit fails, whatever it costs.
  const fit = modelFit(c.model, c.count.tokens, a, c.languageModelWindow);
  const needed = formatTokens(fit.needed, locale);
  const [fitsText, overText] = fit.inputWindow ? [M.inputWindowFit, M.inputWindowOver] : [M.contextFit, M.contextOver];
  // A request of a few hundred tokens in a 1M window is not '0%' of it.
  const percent = fit.percent === 0 && fit.needed > 0 ? '<1' : fit.percent;
  add((fit.fits ? t(fitsText, percent, formatWindow(fit.window), needed) : t(overText, needed, fit.percent, formatWindow(fit.window))) + '\n\n');
  const cost = c.cost;
  const notices = priceNotices(c.model, a.at, (id) => c.catalogue.model(id), STALE_AFTER_DAYS);
  const secondary = notices.secondarySource ? ` · ${t(M.secondary)}` : '';
  const replacement = (id: string | undefined) => {
    const m = id !== undefined ? c.catalogue.model(id) : undefined;
    return m ? ' ' + t(M.replacement, esc(m.name)) : '';
  };
  if (isPriced(cost)) {
    const money = (n: number) => formatMoney(n, cost.currency, locale);
    const outputTokens = a.outputTokens + (c.model.capabilities.reasoning ? a.reasoningTokens : 0);
    add('| | |\n|---|---:|\n');
    add(`| ${t(M.input)} | ${money(cost.input + cost.cacheRead)} |\n`);
    add(`| ${t(M.output, formatTokens(outputTokens, locale))} | ${money(cost.output + cost.reasoning)} |\n`);
    add(`| **${t(M.total)}** | **${money(cost.total)}** |\n`);
    const credits = vendor ? creditsPerCall(c.model, vendor, c.count.tokens, a, c.rates) : undefined;
    if (credits !== undefined && vendor?.credit) {
      const one = formatMoney(vendor.credit.value, vendor.credit.currency, locale);
      add(`| ${t(M.credits, one)} | ${formatCredits(credits, locale)} |\n`);
    }
    const perMonth = projectCost(cost.total, a.callsPerDay).perMonth;
    add(`| ${t(M.perMonth, formatTokens(a.callsPerDay, locale))} | ${money(perMonth)} |\n\n`);
    const price = priceAt(c.model, a.at);
    if ('rates' in price) {
      const rate = (n: number) => esc(formatRate(n, price.per, price.currency, locale));
      add(t(M.price, rate(price.rates.input), rate(price.rates.output), c.model.checked) + secondary + '\n\n');
    }
    const rules = cost.rules ? cost.rules.map((r) => describeRule(r, locale)) : cost.applied;
    if (rules.length) add(`_${esc(rules.join(locale === 'zh-cn' ? '；' : '; '))}_\n\n`);
    const direct = c.model.direct !== undefined ? c.catalogue.model(c.model.direct) : undefined;
    if (direct) {
      // Same tokenizer as the Copilot entry, so the same count prices the direct call.
      const directCost = priceCall(direct, c.count.tokens, a, c.rates);
      const directVendor = c.catalogue.vendor(direct.vendor);
      const name = esc(directVendor ? (locale === 'zh-cn' ? directVendor.nameZh : directVendor.name) : direct.vendor);
      add(t(M.direct, name, isPriced(directCost) ? money(directCost.total) : t(M.unpriced)) + '\n\n');
    }
  } else {
    add(t(M.noPrice, esc(cost.unpriced), c.model.checked) + secondary + '\n\n');
  }
  if (notices.nextChange) {
    const change = notices.nextChange;
    const after = priceCall(c.model, c.count.tokens, { ...a, at: sameTimeOn(change.date, a.at) }, c.rates);
    const perCall =
      isPriced(after) && isPriced(cost) && !after.free
        ? ' ' + t(M.oneCall, formatMoney(cost.total, cost.currency, locale), formatMoney(after.total, after.currency, locale))
        : '';
    add(`$(calendar) ${esc(describePriceChange(change, locale))}.${perCall}\n\n`);
  }
  if (notices.retiredOn) {
    add(`$(error) ${t(M.retired, esc(c.model.name), notices.retiredOn)}${replacement(c.model.replacedBy)}\n\n`);
  } else if (notices.retiresSoon) {
    const soon = notices.retiresSoon;
    add(`$(warning) ${t(M.retires, esc(c.model.name), soon.retires, soon.daysLeft)}${replacement(soon.replacedBy?.id)}\n\n`);
  }
  // Prices move monthly in this market: an old check is said out loud, with where to look.
  if (notices.staleDays !== undefined) {
    const link = `[${t(M.sources)}](command:tokenSpend.showPricingSources)`;
    add(`$(warning) ${t(M.stale, notices.staleDays, STALE_AFTER_DAYS)} ${link}\n\n`);
  }
  if (c.comparison) add(comparisonPart(c.comparison, locale));
  const biggest = c.alwaysSent?.[0];
  if (biggest) {
    const money = (n: number | undefined) => (n === undefined ? t(M.unpriced) : formatMoney(n, a.currency, locale));
    const files = biggest.files.length === 1 ? t(M.oneFile) : t(M.files, biggest.files.length);
    const tokens = (biggest.exact ? '' : '≈') + formatTokens(biggest.tokens, locale);
    const calls = formatTokens(a.callsPerDay, locale);
    const line = t(M.alwaysSent, esc(biggest.agentName), files, tokens, money(biggest.perCall), money(biggest.perMonth), calls);
    add(`$(files) ${line} · [${t(M.show)}](command:tokenSpend.showAlwaysSentContext)\n\n`);
  }
  add(`[$(graph) ${t(M.openComparison)}](command:tokenSpend.openComparison) · ` + `[$(symbol-class) ${t(M.changeModel)}](command:tokenSpend.selectModel)`);
  return out.join('');
}

/** Tokens per tokenizer and the cheaper equivalents, from the cross-vendor pass. */
function comparisonPart(comparison: Comparison, locale: UiLocale): string {
  const t = localizer(locale);
  const byTokenizer = new Map(comparison.rows.map((r) => [r.count.tokenizer, r.count]));
  const groups = groupCounts(byTokenizer.values());
  const list = groups.map((g) => `${esc(g.families.join(', '))} ${g.exact ? '' : '≈'}${formatTokens(g.tokens, locale)}`);
  const legend = groups.some((g) => !g.exact) ? t(M.estimateLegend) : '';
  let md = `**${t(M.perTokenizer)}** ${list.join(' · ')}${legend}\n\n`;
  if (!comparison.suggestions.length) return md + t(M.noCheaper) + '\n\n';
  md += `**${t(M.cheaper)}**\n\n`;
  comparison.suggestions.slice(0, 3).forEach((r, i) => {
    const total = r.cost?.free ? t(M.free) : r.cost ? formatMoney(r.cost.total, r.cost.currency, locale) : '';
    const saving = r.saving ? t(M.saves, formatMoney(r.saving.amount, r.cost!.currency, locale), Math.round(r.saving.percent)) : '';
    const secondary = r.secondarySource ? t(M.secondaryMark) : '';
    md += `${i + 1}. ${esc(r.model.name)} — ${total}${secondary}${saving}\n`;
  });
  return md + '\n';
}
