import { type Catalogue } from '../core/pricing/catalogue';
import { compareText, currentRowOf, sortRowsByCost } from '../core/compare';
import { convert, withRateOverrides } from '../core/cost/currency';
import type { ExchangeRates } from '../core/pricing/schema';
import { defaultModel } from '../core/defaults';
import { formatMoney, formatTokens } from '../core/format/money';
import { describeRule } from '../core/format/rules';
import { describePriceChange } from '../core/format/changes';
import { priceNotices } from '../core/pricing/notices';
import { localizer } from '../core/l10n';
import { CLI_MESSAGES } from './messages';
import { markdownText } from '../core/format/terminalText';
import { comparisonToCsv, comparisonToMarkdown, reportStrings, rowCells, type ReportLocale } from '../core/report';
import type { Assumptions, Comparison } from '../core/types';
import { HELP, parseCliArgs, type CliOptions } from './args';
import { loadCatalogueWith } from './common';
import { readFileText, readStdinText } from './input';
import { expandInputs, printableName } from './files';
import { renderTable } from './table';
import { runUsage } from './usage';
import { runContext } from './context';
import { runMcp } from './mcp';
import pkg from '../../package.json';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

function cliStrings(lang: ReportLocale) {
  const t = localizer(lang);
  const M = CLI_MESSAGES;
  return {
    current: (name: string) => t(M.current, name),
    costLine: (call: string, low: string, high: string, month: string, calls: string) => t(M.costLine, call, low, high, month, calls),
    suggestion: (cost: string, saving?: string) => (saving ? t(M.suggestionSaves, cost, saving) : t(M.suggestion, cost)),
    rulesLine: (rules: string[]) => t(M.rulesLine, rules.join(t(M.rulesSeparator))),
    cheaper: t(M.cheaper),
    none: t(M.none),
    saves: t(M.saves),
    unpriced: (why: string) => t(M.unpriced, why),
    overBudget: (name: string, cost: string, budget: string) => t(M.overBudget, name, cost, budget),
    noBudget: (name: string, why: string) => t(M.noBudget, name, why),
    rates: (date: string, list: string, source: string) => t(M.rates, date, list, source),
    secondary: t(M.secondary),
    retired: (name: string, date: string) => t(M.retired, name, date),
    retiresSoon: (name: string, date: string, days: number) => t(M.retiresSoon, name, date, days),
    replacement: (name: string) => t(M.replacement, name),
    changes: t(M.changes),
    changePerCall: (now: string, then: string) => t(M.changePerCall, now, then),
    staleSummary: (stale: number, total: number, days: number) => t(M.staleSummary, stale, total, days),
    emptyInput: (name: string) => t(M.emptyInput, name),
    standardInput: t(M.standardInput),
  };
}

function renderTableReport(c: Comparison, lang: ReportLocale, catalogue: Catalogue): string {
  const s = reportStrings(lang);
  const t = cliStrings(lang);
  const money = (n: number) => formatMoney(n, c.assumptions.currency, lang);
  const rows = sortRowsByCost(c.rows).map((row) => {
    const cells = rowCells(row, c, lang);
    const isCurrent = row.model.id === c.currentModelId;
    // Staleness is one summary line below; only the current model keeps its own mark.
    const marks = (isCurrent && row.stale ? ' ⚠' : '') + (row.exceedsContext ? ' ✗' : '') + (row.secondarySource ? ' °' : '') + (row.retired ? ' †' : '');
    return [(isCurrent ? '▶ ' : '  ') + row.model.id + marks, cells.vendor, cells.tokens, cells.input, cells.output, cells.perCall, cells.perMonth];
  });
  const header = ['  ' + s.model, s.vendor, s.tokensCol, s.input, s.outputCol, s.perCall, s.perMonth];
  const out = [renderTable(header, rows, new Set([2, 3, 4, 5, 6])), ''];
  if (c.chat) out.push(s.chat(c.chat), '');
  if (c.toolDefinitions) out.push(s.toolDefinitions(c.toolDefinitions), '');

  const current = currentRowOf(c);
  if (current) {
    out.push(t.current(`${current.model.name} (${current.model.id})`));
    if (!current.cost) out.push('  ' + t.unpriced(current.unpriced ?? ''));
    else if (current.cost.free) out.push('  ' + s.free);
    else {
      const k = current.cost;
      out.push('  ' + t.costLine(money(k.total), money(k.low), money(k.high), money(current.perMonth ?? 0), formatTokens(c.assumptions.callsPerDay, lang)));
      const rules = k.rules?.map((r) => describeRule(r, lang)) ?? k.applied;
      if (rules.length) out.push('  ' + t.rulesLine(rules));
    }
    if (current.secondarySource) out.push('  ' + t.secondary);
    const notices = priceNotices(current.model, c.assumptions.at, (id) => catalogue.model(id));
    const replacement = (id: string | undefined) => {
      const m = id !== undefined ? catalogue.model(id) : undefined;
      return m ? ' ' + t.replacement(`${m.name} (${m.id})`) : '';
    };
    if (notices.retiredOn) out.push('  † ' + t.retired(current.model.name, notices.retiredOn) + replacement(current.model.replacedBy));
    else if (notices.retiresSoon)
      out.push(
        '  ⚠ ' + t.retiresSoon(current.model.name, notices.retiresSoon.retires, notices.retiresSoon.daysLeft) + replacement(notices.retiresSoon.replacedBy?.id),
      );
    out.push('', c.suggestions.length ? t.cheaper : t.none);
    for (const row of c.suggestions) {
      const saving = row.saving ? `${money(row.saving.amount)} (${Math.round(row.saving.percent)}%)` : undefined;
      out.push(`  ${row.model.id}  ${row.cost?.free ? `${s.free}${saving ? ` (${t.saves} ${saving})` : ''}` : t.suggestion(money(row.cost!.total), saving)}`);
    }
  }
  const changing = sortRowsByCost(c.rows).filter((r) => r.nextChange);
  if (changing.length) {
    out.push('', t.changes);
    for (const row of changing) {
      const change = row.nextChange!;
      const perCall =
        row.cost && !row.cost.free && change.totalAfter !== undefined ? `; ${t.changePerCall(money(row.cost.total), money(change.totalAfter))}` : '';
      out.push(`  ${row.model.id}: ${describePriceChange(change, lang)}${perCall}`);
    }
  }
  if (c.freshness?.stale) out.push('', t.staleSummary(c.freshness.stale, c.freshness.total, c.freshness.limitDays));
  const fx = c.exchangeRates;
  const list = Object.entries(fx.rates)
    .filter(([cur]) => cur !== fx.base)
    .map(([cur, rate]) => `1 ${fx.base} = ${rate} ${cur}`)
    .join(', ');
  // Sources can be a paragraph; the first clause names it, the JSON output has it whole.
  out.push('', s.legend, t.rates(fx.date, list || fx.base, fx.source.split(' (')[0]));
  return out.join('\n') + '\n';
}

/** Runs the CLI and returns its exit code: 0 done, 1 bad input or options, 2 over budget. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'usage') return runUsage(argv.slice(1), io);
  if (argv[0] === 'context') return runContext(argv.slice(1), io);
  if (argv[0] === 'mcp') return runMcp(argv.slice(1), io);
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, io.env);
  } catch (err) {
    // One line: a value quoted from the command line (a newline in --model) must not start a forged line.
    io.stderr(`token-spend: ${printableName((err as Error).message)}\nRun token-spend --help for usage.\n`);
    return 1;
  }
  if (options.help) {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (options.version) {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  if (options.inputs.length === 0) {
    io.stderr('token-spend: give a file or glob to price, or - to read standard input.\nRun token-spend --help for usage.\n');
    return 1;
  }
  let inputs: string[];
  try {
    inputs = expandInputs(options.inputs);
  } catch (err) {
    // One line: a value quoted from the command line (a newline in --model) must not start a forged line.
    io.stderr(`token-spend: ${printableName((err as Error).message)}\nRun token-spend --help for usage.\n`);
    return 1;
  }
  try {
    const catalogue = loadCatalogueWith(options.pricingFile);
    const a: Assumptions = {
      outputTokens: options.outputTokens,
      reasoningTokens: options.reasoningTokens,
      cachedShare: options.cachedShare,
      callsPerDay: options.callsPerDay,
      batch: options.batch,
      at: options.at ?? new Date(),
      vendorDiscounts: options.discounts,
      currency: options.currency,
    };
    const model = options.model ?? defaultModel(catalogue)?.id;
    if (!model) throw new Error('the pricing catalogue has no models');
    const unknownVendor = Object.keys(options.discounts).find((v) => !catalogue.vendor(v));
    if (unknownVendor) throw new Error(`--discount: unknown vendor "${unknownVendor}"; known: ${catalogue.vendors.map((v) => v.id).join(', ')}`);
    const several = inputs.length > 1;
    const rates = withRateOverrides(catalogue.exchangeRates, options.rates, 'overridden with --rate');
    const priced: { file: string; comparison: Comparison }[] = [];
    let code = 0;
    for (const input of inputs) {
      const text = input === '-' ? await readStdinText(io.stdin) : readFileText(input);
      // An empty prompt is rarely meant (a failed redirect, a file not yet written): priced, but said.
      if (text.length === 0) {
        const t = cliStrings(options.lang);
        io.stderr(`token-spend: ${t.emptyInput(input === '-' ? t.standardInput : printableName(input))}\n`);
      }
      // Tokenizers are cached by the registry: every file after the first counts with vocabularies already loaded.
      const comparison = await compareText(text, catalogue, a, {
        currentModelId: model,
        vendors: options.vendors,
        modelIds: options.models,
        tokenizers: options.tokenizers,
        suggestionRegions: options.regions,
        exchangeRates: rates,
      });
      const name = printableName(input);
      switch (options.format) {
        case 'json':
          priced.push({ file: input, comparison });
          break;
        case 'markdown':
          // The file name as literal Markdown: `<img onerror=…>.md` must not become HTML in the report.
          io.stdout((several ? `## ${markdownText(name)}\n\n` : '') + comparisonToMarkdown(comparison, options.lang) + '\n');
          break;
        case 'csv':
          io.stdout(comparisonToCsv(comparison, several ? { file: input, header: priced.length === 0 } : undefined));
          priced.push({ file: input, comparison });
          break;
        default:
          io.stdout((several ? `== ${name} ==\n` : '') + renderTableReport(comparison, options.lang, catalogue) + (several ? '\n' : ''));
      }
      code = Math.max(code, checkBudget(comparison, options, rates, io, several ? name : undefined));
    }
    if (options.format === 'json') {
      const json = several ? priced : priced[0].comparison;
      io.stdout(JSON.stringify(json, null, 2) + '\n');
    }
    return code;
  } catch (err) {
    io.stderr(`token-spend: ${(err as Error).message}\n`);
    return 1;
  }
}

/** 0 within budget, 2 over it, 1 when the current model has no price; `file` names the input when there are several. */
function checkBudget(c: Comparison, options: CliOptions, rates: ExchangeRates, io: CliIo, file?: string): number {
  if (options.budget === undefined) return 0;
  const t = cliStrings(options.lang);
  const where = file !== undefined ? `${file}: ` : '';
  const current = currentRowOf(c)!;
  if (!current.cost) {
    io.stderr(`token-spend: ${where}${t.noBudget(current.model.id, current.unpriced ?? '')}\n`);
    return 1;
  }
  // The budget keeps its own currency (USD unless named), so the locale never moves a CI gate.
  const limit = convert(options.budget.amount, options.budget.currency, c.assumptions.currency, rates);
  if (current.cost.total > limit) {
    const money = (n: number, cur = c.assumptions.currency) => formatMoney(n, cur, options.lang);
    const shown =
      options.budget.currency === c.assumptions.currency ? money(limit) : `${money(options.budget.amount, options.budget.currency)} (${money(limit)})`;
    io.stderr(`token-spend: ${where}${t.overBudget(current.model.id, money(current.cost.total), shown)}\n`);
    return 2;
  }
  return 0;
}
