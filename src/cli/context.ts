// `token-spend context [DIR]`: the instruction files each coding agent sends with every request in
// a folder, counted and priced with one model, so a repository can gate them in CI (--budget).
import { parseArgs } from 'node:util';
import { resolve, sep } from 'node:path';
import { statSync } from 'node:fs';
import { resolveModel } from '../core/compare';
import type { PricedContext } from '../core/context';
import { contextReport } from '../core/tools';
import { convert, withRateOverrides } from '../core/cost/currency';
import { defaultAssumptions, DEFAULT_MODEL_ID } from '../core/defaults';
import { formatMoney, formatTokens } from '../core/format/money';
import { localizer, type UiLocale } from '../core/l10n';
import { LIMITS } from '../core/limits';
import { CURRENCY_CODES, type Currency } from '../core/pricing/schema';
import { discoverInstructionFiles } from '../node/context/discover';
import { currency as parseCurrency, UsageError } from './args';
import { printableName } from './files';
import { optionError, refuseRepeats } from './options';
import { loadCatalogueWith, parseBudget, reportLanguage } from './common';
import type { CliIo } from './main';
import { CONTEXT_MESSAGES as M } from './messages';
import { renderTable } from './table';

export const CONTEXT_HELP = `Usage: token-spend context [DIR] [options]

Lists the instruction files that coding agents (GitHub Copilot, Claude Code, Codex CLI, Gemini CLI,
Cursor) send with every request in DIR (default: the current folder), biggest first, with their
tokens and what they add to each request and each month.

Options:
  --file PATH        the file you work on (relative to DIR): picks applyTo/globs rules and nested files
  --model ID         the model that prices them (default ${DEFAULT_MODEL_ID})
  --currency CODE    display currency: ${CURRENCY_CODES.join(', ')} (default USD)
  --calls N          requests per day, for the monthly figure (default 100)
  --budget AMOUNT    exit with code 2 if any agent's files cost more than AMOUNT per request;
                     AMOUNT may name its currency: 0.001USD, 0.01CNY
  --pricing FILE     a pricing file of your own, layered over the bundled prices
  --json             print JSON
  --lang en|zh-cn    language of the report (default from LANG)

Exit codes: 0 done, 1 bad input or options, 2 over budget.`;

interface ContextOptions {
  dir: string;
  file?: string;
  model: string;
  currency: Currency;
  callsPerDay: number;
  budget?: { amount: number; currency: Currency };
  pricingFile?: string;
  json: boolean;
  lang: UiLocale;
  help: boolean;
}

const CONTEXT_OPTIONS = {
  file: { type: 'string' },
  model: { type: 'string' },
  currency: { type: 'string' },
  calls: { type: 'string' },
  budget: { type: 'string' },
  pricing: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseContextArgs(argv: string[], env: NodeJS.ProcessEnv): ContextOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, tokens: true, options: CONTEXT_OPTIONS });
  } catch (err) {
    throw optionError(err, Object.keys(CONTEXT_OPTIONS));
  }
  refuseRepeats(parsed.tokens, CONTEXT_OPTIONS);
  const { values: o, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`give one folder, got ${positionals.length}`);
  if (o.file !== undefined && !o.file.trim()) throw new UsageError('--file expects the path of a file in the folder');
  if (o.model !== undefined && !o.model.trim()) throw new UsageError('--model expects a model id');
  const currency = o.currency !== undefined ? parseCurrency(o.currency) : 'USD';
  let callsPerDay = defaultAssumptions().callsPerDay;
  if (o.calls !== undefined) {
    callsPerDay = /^\s*\d+(\.\d+)?\s*$/.test(o.calls) ? Number(o.calls) : NaN;
    if (!(callsPerDay >= LIMITS.callsPerDay.min && callsPerDay <= LIMITS.callsPerDay.max)) {
      throw new UsageError(`--calls expects a number from ${LIMITS.callsPerDay.min} to ${LIMITS.callsPerDay.max.toLocaleString('en')}, got "${o.calls}"`);
    }
  }
  return {
    dir: positionals[0] ?? '.',
    file: o.file,
    model: o.model?.trim() || DEFAULT_MODEL_ID,
    currency,
    callsPerDay,
    budget: o.budget !== undefined ? parseBudget(o.budget, currency) : undefined,
    pricingFile: o.pricing,
    json: !!o.json,
    lang: reportLanguage(o.lang, env),
    help: !!o.help,
  };
}

/** The file in the editor, relative to the folder and `/`-separated; refused when outside it. */
function relativeFile(dir: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  const root = resolve(dir);
  const full = resolve(root, file);
  if (full !== root && !full.startsWith(root + sep)) throw new UsageError(`--file ${printableName(file)} is not inside ${printableName(dir)}`);
  return full
    .slice(root.length + 1)
    .split(sep)
    .join('/');
}

export async function runContext(argv: string[], io: CliIo): Promise<number> {
  let options: ContextOptions;
  try {
    options = parseContextArgs(argv, io.env);
  } catch (err) {
    io.stderr(`token-spend context: ${printableName((err as Error).message)}\nRun token-spend context --help for usage.\n`);
    return 1;
  }
  if (options.help) {
    io.stdout(CONTEXT_HELP + '\n');
    return 0;
  }
  const t = localizer(options.lang);
  try {
    let isDir = false;
    try {
      isDir = statSync(options.dir).isDirectory();
    } catch {
      /* reported below */
    }
    if (!isDir) throw new UsageError(`${printableName(options.dir)} is not a folder`);
    const catalogue = loadCatalogueWith(options.pricingFile);
    const model = resolveModel(catalogue, options.model);
    const rates = withRateOverrides(catalogue.exchangeRates, {});
    const current = relativeFile(options.dir, options.file);
    const found = discoverInstructionFiles(options.dir);
    for (const p of found.problems.slice(0, 20)) io.stderr(`token-spend context: ${printableName(p)}\n`);
    if (found.problems.length > 20) io.stderr(`token-spend context: … ${found.problems.length - 20} more\n`);
    const a = { ...defaultAssumptions(), currency: options.currency, callsPerDay: options.callsPerDay };
    const report = await contextReport({ folder: resolve(options.dir), currentFile: current, ...found }, catalogue, model.id, a);
    const priced = report.agents;
    if (options.json) io.stdout(JSON.stringify(report, null, 2) + '\n');
    else io.stdout(renderContext(priced, model.name, options, t) + '\n');
    return checkBudget(priced, options, rates, io, t);
  } catch (err) {
    io.stderr(`token-spend context: ${(err as Error).message}\n`);
    return 1;
  }
}

function renderContext(priced: PricedContext[], modelName: string, o: ContextOptions, t: ReturnType<typeof localizer>): string {
  if (!priced.length) return t(M.none, printableName(resolve(o.dir)));
  const money = (n: number | undefined) => (n === undefined ? t(M.unpriced) : formatMoney(n, o.currency, o.lang));
  const tokens = (n: number, exact: boolean) => (exact ? '' : '≈') + formatTokens(n, o.lang);
  const rows: string[][] = [];
  for (const p of priced) {
    rows.push([p.agentName, p.files.length === 1 ? t(M.oneFile) : t(M.files, p.files.length), tokens(p.tokens, p.exact), money(p.perCall), money(p.perMonth)]);
    for (const f of p.files) rows.push([`  ${printableName(f.path)}`, t(reasonMessage(f.reason)), tokens(f.tokens, p.exact), '', '']);
  }
  const header = [t(M.colAgent), '', t(M.colTokens), t(M.colPerRequest), t(M.colPerMonth, formatTokens(o.callsPerDay, o.lang))];
  return [t(M.heading, printableName(resolve(o.dir)), modelName), '', renderTable(header, rows, new Set([2, 3, 4]))].join('\n');
}

function reasonMessage(reason: PricedContext['files'][number]['reason']): string {
  return reason === 'always'
    ? M.reasonAlways
    : reason === 'glob'
      ? M.reasonGlob
      : reason === 'folder'
        ? M.reasonFolder
        : reason === 'subfolder'
          ? M.reasonSubfolder
          : M.reasonEditing;
}

function checkBudget(priced: PricedContext[], o: ContextOptions, rates: Parameters<typeof convert>[3], io: CliIo, t: ReturnType<typeof localizer>): number {
  if (!o.budget) return 0;
  const limit = convert(o.budget.amount, o.budget.currency, o.currency, rates);
  let code = 0;
  for (const p of priced) {
    if (p.perCall === undefined) {
      io.stderr(`token-spend context: ${t(M.noBudget, p.agentName, p.unpriced ?? '')}\n`);
      code = Math.max(code, 1);
    } else if (p.perCall > limit) {
      io.stderr(`token-spend context: ${t(M.overBudget, p.agentName, formatMoney(p.perCall, o.currency, o.lang), formatMoney(limit, o.currency, o.lang))}\n`);
      code = 2;
    }
  }
  return code;
}
