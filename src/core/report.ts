import { markdownText } from './format/terminalText';
import { currentRowOf, sortRowsByCost } from './compare';
import { pricingText } from './pricing/dataText';
import { formatMoney, formatTokens } from './format/money';
import { describeRule } from './format/rules';
import type { Comparison, ComparisonRow } from './types';
import { localizer, type UiLocale } from './l10n';

export type ReportLocale = UiLocale;

/** The report's English messages; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const REPORT_MESSAGES = {
  title: 'Token Spend: cost comparison',
  characters: 'characters',
  currency: 'currency',
  output: 'expected output',
  reasoning: 'reasoning',
  cached: 'cached input',
  callsPerDay: 'calls/day',
  at: 'priced for',
  batch: 'batch prices',
  yes: 'yes',
  no: 'no',
  tokens: 'tokens',
  rates: 'Exchange rates',
  base: 'base',
  model: 'Model',
  vendor: 'Vendor',
  tokensCol: 'Tokens',
  input: 'Input',
  outputCol: 'Output',
  perCall: 'Per call',
  perThousand: 'Per 1,000 calls',
  perMonth: 'Per month',
  checked: 'Checked',
  current: 'current',
  unpriced: 'unpriced',
  free: 'free',
  stale: 'stale',
  suggestions: 'Cheaper equivalents of {0}',
  noSuggestions: 'No cheaper model with the same quality class, context window and capabilities.',
  saves: 'saves',
  perCallShort: 'per call',
  plans: 'Plans against pay-as-you-go',
  plan: 'Plan',
  planMonthly: 'Plan per month',
  payg: 'Pay-as-you-go per month',
  includes: 'Includes',
  legend:
    "≈ estimated token count (no offline tokenizer for this vendor). ⚠ the current model's price was checked more than 30 days ago. ✗ the request does not fit the context window. ° price from a secondary source. † retired by the vendor. Input includes cached input; output includes reasoning.",
  range: 'range',
  rules: 'Pricing rules for {0}',
  tooLong: 'exceeds context window',
  chatOpenAi: "Counted as an OpenAI-format chat request: message contents plus each vendor's framing.",
  chatAnthropic: "Counted as a Claude (Anthropic)-format chat request: message contents plus each vendor's framing.",
  toolDefinitions: 'Tool definitions included: {0}, with their framing (OpenAI: the method OpenAI publishes; other vendors: estimated).',
  alwaysSent: 'Every row includes the instruction files {0} sends with every request ({1}): {2} tokens for the current model.',
} as const;

type ReportKey = keyof typeof REPORT_MESSAGES;
type Words = Record<Exclude<ReportKey, 'suggestions' | 'rules' | 'chatOpenAi' | 'chatAnthropic' | 'toolDefinitions' | 'alwaysSent'>, string> & {
  toolDefinitions: (n: number) => string;
  alwaysSent: (agent: string, files: string, tokens: string) => string;
  suggestions: (model: string) => string;
  rules: (model: string) => string;
  chat: (format: string) => string;
};

/** The report's words in `locale`, for front ends that lay the same data out differently (the CLI table). */
export function reportStrings(locale: ReportLocale): Words {
  const t = localizer(locale);
  const words = Object.fromEntries(Object.entries(REPORT_MESSAGES).map(([k, m]) => [k, t(m)])) as Record<ReportKey, string>;
  return {
    ...words,
    suggestions: (model) => t(REPORT_MESSAGES.suggestions, model),
    rules: (model) => t(REPORT_MESSAGES.rules, model),
    toolDefinitions: (n) => t(REPORT_MESSAGES.toolDefinitions, n),
    alwaysSent: (agent, files, tokens) => t(REPORT_MESSAGES.alwaysSent, agent, files, tokens),
    chat: (format) => (format === 'anthropic' ? words.chatAnthropic : words.chatOpenAi),
  };
}

function tokensCell(row: ComparisonRow, locale: ReportLocale): string {
  return (row.count.exact ? '' : '≈') + formatTokens(row.count.tokens, locale);
}

/** The cells every text report shares for one row (money already formatted, or "free"/"unpriced"). */
export function rowCells(
  row: ComparisonRow,
  c: Comparison,
  locale: ReportLocale = 'en',
): {
  model: string;
  vendor: string;
  tokens: string;
  input: string;
  output: string;
  perCall: string;
  perThousand: string;
  perMonth: string;
} {
  const s = reportStrings(locale);
  const money = (n: number | undefined) => (n === undefined ? '' : formatMoney(n, c.assumptions.currency, locale));
  const vendor = locale === 'zh-cn' ? row.vendor.nameZh : row.vendor.name;
  const base = { model: row.model.name, vendor, tokens: tokensCell(row, locale) };
  if (!row.cost) return { ...base, input: s.unpriced, output: s.unpriced, perCall: s.unpriced, perThousand: s.unpriced, perMonth: s.unpriced };
  if (row.cost.free) return { ...base, input: s.free, output: s.free, perCall: s.free, perThousand: s.free, perMonth: s.free };
  return {
    ...base,
    input: money(row.cost.input + row.cost.cacheRead),
    output: money(row.cost.output + row.cost.reasoning),
    perCall: money(row.cost.total),
    perThousand: money(row.perThousandCalls),
    perMonth: money(row.perMonth),
  };
}

const mdCell = markdownText;

/** A Markdown table; `marked` cells are already Markdown (escaped text with our own emphasis). */
function mdTable(header: string[], rows: (string | { marked: string })[][]): string {
  const cell = (c: string | { marked: string }) => (typeof c === 'string' ? mdCell(c) : c.marked);
  const line = (cells: (string | { marked: string })[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** A Markdown report of the comparison, for pasting into an issue, a doc or a chat. */
export function comparisonToMarkdown(c: Comparison, locale: ReportLocale = 'en'): string {
  const s = reportStrings(locale);
  const a = c.assumptions;
  const money = (n: number) => formatMoney(n, a.currency, locale);
  const current = currentRowOf(c);
  const lines: string[] = [`# ${s.title}`, ''];
  lines.push(
    [
      `${formatTokens(c.characters, locale)} ${s.characters}`,
      `${s.currency} ${a.currency}`,
      `${s.output} ${formatTokens(a.outputTokens, locale)} ${s.tokens}`,
      `${s.reasoning} ${formatTokens(a.reasoningTokens, locale)} ${s.tokens}`,
      `${s.cached} ${percent(a.cachedShare)}`,
      `${formatTokens(a.callsPerDay, locale)} ${s.callsPerDay}`,
      `${s.batch}: ${a.batch ? s.yes : s.no}`,
      `${s.at} ${a.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    ].join(' · '),
  );
  if (c.chat) lines.push('', s.chat(c.chat));
  if (c.toolDefinitions) lines.push('', s.toolDefinitions(c.toolDefinitions));
  if (c.alwaysSent) {
    const { agentName, files, tokens, exact } = c.alwaysSent;
    lines.push('', mdCell(s.alwaysSent(agentName, files.map((f) => f.path).join(', '), (exact ? '' : '≈') + formatTokens(tokens, locale))));
  }
  const fx = c.exchangeRates;
  const fxList = Object.entries(fx.rates)
    .map(([cur, rate]) => `${cur} ${rate}`)
    .join(', ');
  lines.push('', mdCell(`${s.rates} (${s.base} ${fx.base}, ${fx.date}, ${fx.source})${fxList ? `: ${fxList}` : ''}`), '');

  const header = [s.model, s.vendor, s.tokensCol, s.input, s.outputCol, s.perCall, s.perThousand, s.perMonth, s.checked];
  const body = sortRowsByCost(c.rows).map((row) => {
    const cells = rowCells(row, c, locale);
    const isCurrent = row.model.id === c.currentModelId;
    const marks = `${row.exceedsContext ? ` ✗ ${s.tooLong}` : ''}${row.secondarySource ? ' °' : ''}${row.retired ? ' †' : ''}`;
    const name = { marked: `${isCurrent ? '**' : ''}${mdCell(cells.model)}${isCurrent ? `** (${mdCell(s.current)})` : ''}${mdCell(marks)}` };
    // Only the current model's price carries a staleness mark; the rest is one figure (freshness).
    const checked = `${row.model.checked}${isCurrent && row.stale ? ` ⚠ ${s.stale}` : ''}`;
    const perCall = row.cost && !row.cost.free ? `${cells.perCall} (${money(row.cost.low)}–${money(row.cost.high)})` : cells.perCall;
    return [name, cells.vendor, cells.tokens, cells.input, cells.output, perCall, cells.perThousand, cells.perMonth, checked];
  });
  lines.push(mdTable(header, body), '', `_${s.legend}_`, '');

  if (current) {
    const rules = current.cost?.rules?.map((r) => describeRule(r, locale)) ?? current.cost?.applied ?? [];
    if (rules.length) lines.push(`${mdCell(s.rules(current.model.name))}: ${rules.map(mdCell).join('; ')}`, '');
    lines.push(`## ${mdCell(s.suggestions(current.model.name))}`, '');
    if (!c.suggestions.length) lines.push(s.noSuggestions);
    for (const row of c.suggestions) {
      const vendor = locale === 'zh-cn' ? row.vendor.nameZh : row.vendor.name;
      const saving = row.saving ? ` — ${s.saves} ${money(row.saving.amount)} ${s.perCallShort} (${Math.round(row.saving.percent)}%)` : '';
      lines.push(`- **${mdCell(row.model.name)}** (${mdCell(vendor)}): ${row.cost?.free ? s.free : money(row.cost!.total)} ${s.perCallShort}${saving}`);
    }
    lines.push('');
  }

  if (c.plans.length) {
    lines.push(`## ${s.plans}`, '');
    const planRows = c.plans.map((p) => [
      pricingText(locale, p.plan.name),
      p.plan.vendor,
      money(p.planMonthly),
      p.payAsYouGoMonthly === undefined ? '' : `${money(p.payAsYouGoMonthly)} (${p.modelId})`,
      pricingText(locale, p.plan.includes),
    ]);
    lines.push(mdTable([s.plan, s.vendor, s.planMonthly, s.payg, s.includes], planRows), '');
  }
  return lines.join('\n');
}

/**
 * Text a spreadsheet could take for a formula: = + - @ first (OWASP's CSV-injection list), also
 * after leading spaces, tabs or line breaks (which some spreadsheets trim on import) and in their
 * full-width forms (＝ ＋ － ＠, which Excel's East Asian input turns into the ASCII ones).
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/;

/** A cell a spreadsheet will not execute: such text gets a leading apostrophe. Numbers stay numbers. */
export function csvCell(value: string | number | boolean | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_HEADER = [
  'model_id',
  'model',
  'vendor',
  'region',
  'tokenizer',
  'input_tokens',
  'exact_count',
  'currency',
  'input',
  'cache_read',
  'output',
  'reasoning',
  'total_per_call',
  'low',
  'high',
  'per_1000_calls',
  'per_month',
  'free',
  'unpriced',
  'saving_per_call',
  'saving_percent',
  'current',
  'stale',
  'checked',
  'source',
];

/** The comparison as CSV (RFC 4180: CRLF line ends, quoted fields), numbers unformatted for spreadsheets. */
/**
 * The comparison as CSV. With `file`, every row starts with the input's name in a `file` column,
 * so several inputs make one table (`header: false` for every input after the first).
 */
export function comparisonToCsv(c: Comparison, file?: { file: string; header: boolean }): string {
  const lines = file?.header === false ? [] : [(file ? ['file', ...CSV_HEADER] : CSV_HEADER).join(',')];
  for (const row of sortRowsByCost(c.rows)) {
    const k = row.cost;
    lines.push(
      [
        ...(file ? [file.file] : []),
        row.model.id,
        row.model.name,
        row.vendor.name,
        row.model.region,
        row.count.tokenizer,
        row.count.tokens,
        row.count.exact,
        c.assumptions.currency,
        k?.input,
        k?.cacheRead,
        k?.output,
        k?.reasoning,
        k?.total,
        k?.low,
        k?.high,
        row.perThousandCalls,
        row.perMonth,
        k?.free ?? false,
        row.unpriced,
        row.saving?.amount,
        row.saving?.percent,
        row.model.id === c.currentModelId,
        row.stale,
        row.model.checked,
        row.model.source,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
