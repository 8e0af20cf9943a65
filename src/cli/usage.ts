import { parseArgs } from 'node:util';
import { closeSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { convert, withRateOverrides } from '../core/cost/currency';
import type { ExchangeRates } from '../core/pricing/schema';
import { LIMITS } from '../core/limits';
import { loadCatalogueWith, parseBudget } from './common';
import { formatMoney, formatTokens } from '../core/format/money';
import { localizer, type Localize } from '../core/l10n';
import { CURRENCY_CODES, REGIONS, type Currency, type Region } from '../core/pricing/schema';
import {
  describeProblems,
  fromExport,
  GROUPINGS,
  groupingLabel,
  isUsageSource,
  priceRecords,
  summarize,
  toExport,
  uniqueRecords,
  USAGE_MESSAGES,
  USAGE_SOURCES,
  usageToCsv,
  type Grouping,
  type UsageRecord,
  type UsageReport,
  type UsageSource,
} from '../core/usage';
import { defaultLocations, type SourceLocation } from '../node/usage/locations';
import { UsageScanner } from '../node/usage/scanner';
import { UsageError } from './args';
import { renderTable } from './table';
import type { CliIo } from './main';

export const USAGE_HELP = `Usage: token-spend usage [options]

What your coding agents really used and cost, read from their local logs (read-only; nothing
leaves the machine): ${USAGE_SOURCES.join(', ')}.

Options:
  --since DATE         first day counted (YYYY-MM-DD, in the local time zone)
  --until DATE         last day counted (YYYY-MM-DD)
  --by KEY             group rows by ${GROUPINGS.join(', ')} (default day)
  --source NAME=PATH   read source NAME from PATH (a folder or a file) instead of its default place;
                       repeatable. NAME is one of ${USAGE_SOURCES.join(', ')}
  --no-local           read no default locations (only --source and --import)
  --currency CODE      display currency: ${CURRENCY_CODES.join(', ')} (default USD; CNY with --lang zh-cn)
  --region R           for model names sold in several regions, price them as ${REGIONS.join(' or ')}
                       (default cn with --currency CNY, otherwise intl)
  --tz ZONE            IANA time zone days are counted in (default: this machine's)
  --rate CUR=N         override an exchange rate, repeatable
  --pricing FILE       a pricing file of your own, layered over the bundled prices
  --budget AMOUNT      exit with code 2 if the period's cost is above AMOUNT; USD unless named
                       (0.05CNY) or set by --currency, whatever the locale
  --export FILE        also write the usage records (no prompts) to FILE, to merge on another machine
  --import FILE        merge records exported elsewhere, repeatable; a request is never counted twice
  --json               print JSON: currency, totals, rows
  --csv                print CSV
  --lang en|zh-cn      language of the report (default from LANG)

Environment: CLAUDE_CONFIG_DIR, CODEX_HOME, CONTINUE_GLOBAL_DIR move those agents' default folders.
Exit codes: 0 done, 1 bad input or options, 2 over budget.`;

export interface UsageOptions {
  since?: string;
  until?: string;
  by: Grouping;
  sources: { source: UsageSource; path: string }[];
  local: boolean;
  currency: Currency;
  region: Region;
  timeZone: string;
  rates: Partial<Record<Currency, number>>;
  pricingFile?: string;
  budget?: { amount: number; currency: Currency };
  exportFile?: string;
  importFiles: string[];
  format: 'table' | 'json' | 'csv';
  lang: 'en' | 'zh-cn';
  help: boolean;
}

function day(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag} expects a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function parseUsageArgs(argv: string[], env: NodeJS.ProcessEnv): UsageOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        since: { type: 'string' },
        until: { type: 'string' },
        by: { type: 'string' },
        source: { type: 'string', multiple: true },
        'no-local': { type: 'boolean' },
        currency: { type: 'string' },
        region: { type: 'string' },
        tz: { type: 'string' },
        rate: { type: 'string', multiple: true },
        pricing: { type: 'string' },
        budget: { type: 'string' },
        export: { type: 'string' },
        import: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  const o = parsed.values;
  if (o.json && o.csv) throw new UsageError('choose one of --json, --csv');
  const lang = o.lang === undefined ? (/^zh[_-]?(cn|hans|sg)?/i.test(env.LC_ALL || env.LANG || '') ? 'zh-cn' : 'en') : o.lang.trim().toLowerCase();
  if (lang !== 'en' && lang !== 'zh-cn') throw new UsageError(`--lang expects en or zh-cn, got "${o.lang}"`);
  let currency: Currency = lang === 'zh-cn' ? 'CNY' : 'USD';
  if (o.currency !== undefined) {
    const code = o.currency.trim().toUpperCase() === 'RMB' ? 'CNY' : o.currency.trim().toUpperCase();
    if (!(CURRENCY_CODES as readonly string[]).includes(code))
      throw new UsageError(`unknown currency "${o.currency}"; use one of ${CURRENCY_CODES.join(', ')}`);
    currency = code as Currency;
  }
  const by = (o.by ?? 'day').trim().toLowerCase();
  if (!(GROUPINGS as readonly string[]).includes(by)) throw new UsageError(`--by expects one of ${GROUPINGS.join(', ')}, got "${o.by}"`);
  const sources = (o.source ?? []).map((v) => {
    const m = /^([a-z-]+)=(.+)$/.exec(v.trim());
    if (!m || !isUsageSource(m[1])) throw new UsageError(`--source expects NAME=PATH with NAME one of ${USAGE_SOURCES.join(', ')}, got "${v}"`);
    return { source: m[1], path: m[2] };
  });
  const region = (o.region ?? (currency === 'CNY' ? 'cn' : 'intl')).trim().toLowerCase();
  if (!(REGIONS as readonly string[]).includes(region)) throw new UsageError(`--region expects ${REGIONS.join(', ')}, got "${o.region}"`);
  const timeZone = o.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new UsageError(`--tz expects an IANA time zone such as Asia/Shanghai, got "${o.tz}"`);
  }
  const rates: Partial<Record<Currency, number>> = {};
  for (const v of o.rate ?? []) {
    const m = /^([A-Za-z]{3})=(.+)$/.exec(v.trim());
    const n = m && /^\d+(\.\d+)?$/.test(m[2].trim()) ? Number(m[2]) : NaN;
    if (!m || !(CURRENCY_CODES as readonly string[]).includes(m[1].toUpperCase()) || !(n >= LIMITS.exchangeRate.min && n <= LIMITS.exchangeRate.max)) {
      throw new UsageError(
        `--rate expects CUR=NUMBER such as CNY=7.1, from ${LIMITS.exchangeRate.min} to ${LIMITS.exchangeRate.max.toLocaleString('en')}, got "${v}"`,
      );
    }
    rates[m[1].toUpperCase() as Currency] = n;
  }
  // In its own currency (named, else --currency, else USD), never the locale's: a CI gate must not move with LANG.
  const budget = o.budget !== undefined ? parseBudget(o.budget, o.currency !== undefined ? currency : 'USD') : undefined;
  const since = o.since !== undefined ? day(o.since, '--since') : undefined;
  const until = o.until !== undefined ? day(o.until, '--until') : undefined;
  if (since && until && until < since) throw new UsageError(`--until (${until}) is before --since (${since})`);
  return {
    since,
    until,
    by: by as Grouping,
    sources,
    local: !o['no-local'],
    currency,
    region: region as Region,
    timeZone,
    rates,
    pricingFile: o.pricing,
    budget,
    exportFile: o.export,
    importFiles: o.import ?? [],
    format: o.json ? 'json' : o.csv ? 'csv' : 'table',
    lang,
    help: o.help ?? false,
  };
}

/** Where to read: the defaults (unless --no-local), each source named by --source replacing its defaults. */
export function locationsFor(options: UsageOptions, env: NodeJS.ProcessEnv): SourceLocation[] {
  const named = new Set(options.sources.map((s) => s.source));
  const defaults = options.local ? defaultLocations(env, env.HOME || env.USERPROFILE || homedir()).filter((l) => !named.has(l.source)) : [];
  return [...defaults, ...options.sources.map((s) => ({ ...s, explicit: true }))];
}

const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

/**
 * The export's text, at most MAX_IMPORT_BYTES: a file or a pipe (`--import <(ssh host …)`), read in
 * chunks and stopped past the limit; a folder or a device such as /dev/zero (size 0, endless) is refused.
 */
function readImportText(file: string): string {
  const info = statSync(file);
  if (!info.isFile() && !info.isFIFO()) throw new Error('not a file (a folder, device or socket)');
  if (info.size > MAX_IMPORT_BYTES) throw new Error('larger than 1 GB');
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(1 << 20);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > MAX_IMPORT_BYTES) throw new Error('larger than 1 GB');
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function readImport(file: string): UsageRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(readImportText(file));
  } catch (err) {
    throw new UsageError(`--import ${file}: ${(err as Error).message}`);
  }
  const result = fromExport(json);
  if ('error' in result) throw new UsageError(`--import ${file}: ${result.error}`);
  return result.records;
}

function renderUsageTable(report: UsageReport, by: Grouping, t: Localize, lang: 'en' | 'zh-cn'): string {
  const money = (n: number) => formatMoney(n, report.currency, lang);
  const tokens = (n: number) => formatTokens(n, lang);
  const cost = (r: UsageReport['totals']) =>
    r.cost !== null
      ? money(r.cost)
      : r.pricedCost > 0
        ? t(USAGE_MESSAGES.pricedPart, money(r.pricedCost), tokens(r.unpricedTokens))
        : t(USAGE_MESSAGES.costUnknown);
  const cells = (key: string, r: UsageReport['totals']) => [
    key,
    tokens(r.requests),
    tokens(r.inputTokens),
    tokens(r.outputTokens),
    tokens(r.cacheReadTokens),
    tokens(r.cacheWriteTokens),
    tokens(r.reasoningTokens),
    cost(r),
  ];
  const header = [
    groupingLabel(by, t),
    t(USAGE_MESSAGES.colRequests),
    t(USAGE_MESSAGES.colInput),
    t(USAGE_MESSAGES.colOutput),
    t(USAGE_MESSAGES.colCacheRead),
    t(USAGE_MESSAGES.colCacheWrite),
    t(USAGE_MESSAGES.colReasoning),
    t(USAGE_MESSAGES.colCost),
  ];
  const rows = [...report.rows.map((r) => cells(r.key, r)), cells(t(USAGE_MESSAGES.total), report.totals)];
  const out = [renderTable(header, rows, new Set([1, 2, 3, 4, 5, 6, 7]))];
  if (report.unpricedModels.length || report.loggedCostDiffers.length) out.push('');
  for (const u of report.unpricedModels)
    out.push(t(u.listed ? USAGE_MESSAGES.unpricedListedModel : USAGE_MESSAGES.unpricedModel, u.model, tokens(u.tokens), tokens(u.requests)));
  for (const d of report.loggedCostDiffers)
    out.push(t(USAGE_MESSAGES.loggedDiffers, d.key, money(d.logged), money(d.ours), Math.round((Math.abs(d.logged - d.ours) / d.ours) * 100)));
  return out.join('\n') + '\n';
}

/** `token-spend usage`: exit code 0 done, 1 bad options or input, 2 over budget. */
export function runUsage(argv: string[], io: CliIo): number {
  let options: UsageOptions;
  try {
    options = parseUsageArgs(argv, io.env);
  } catch (err) {
    io.stderr(`token-spend usage: ${(err as Error).message}\nRun token-spend usage --help for usage.\n`);
    return 1;
  }
  if (options.help) {
    io.stdout(USAGE_HELP + '\n');
    return 0;
  }
  const t = localizer(options.lang);
  try {
    const catalogue = loadCatalogueWith(options.pricingFile);
    const rates = withRateOverrides(catalogue.exchangeRates, options.rates, 'overridden with --rate');
    const locations = locationsFor(options, io.env);
    const scanner = new UsageScanner(locations);
    scanner.scan();
    const imported = options.importFiles.flatMap(readImport);
    // The scanner's records are already one per request; merging imports needs the key check again.
    const records = imported.length ? uniqueRecords([...scanner.records(), ...imported]) : scanner.records().sort((a, b) => a.at - b.at);
    for (const line of describeProblems(scanner.problems(), t)) io.stderr(`token-spend usage: ${line}\n`);
    if (options.exportFile) {
      try {
        writeFileSync(options.exportFile, JSON.stringify(toExport(records, new Date())) + '\n');
      } catch (err) {
        throw new UsageError(`--export ${options.exportFile}: ${(err as Error).message}`);
      }
    }
    const priced = priceRecords(records, { catalogue, currency: options.currency, rates, region: options.region, timeZone: options.timeZone });
    const report = summarize(priced, options.by, { currency: options.currency, rates }, { since: options.since, until: options.until });
    if (options.format === 'json') {
      const problems = scanner.problems();
      io.stdout(
        JSON.stringify(
          {
            currency: report.currency,
            by: options.by,
            since: options.since ?? null,
            until: options.until ?? null,
            totals: report.totals,
            rows: report.rows,
            unpricedModels: report.unpricedModels,
            loggedCostDiffers: report.loggedCostDiffers,
            problems,
          },
          null,
          2,
        ) + '\n',
      );
    } else if (options.format === 'csv') {
      io.stdout(usageToCsv(report, options.by));
    } else if (report.totals.requests === 0) {
      io.stdout(t(USAGE_MESSAGES.noRecords, locations.length) + '\n');
    } else {
      io.stdout(renderUsageTable(report, options.by, t, options.lang));
    }
    return checkUsageBudget(report, options, rates, t, io);
  } catch (err) {
    io.stderr(`token-spend usage: ${(err as Error).message}\n`);
    return 1;
  }
}

function checkUsageBudget(report: UsageReport, options: UsageOptions, rates: ExchangeRates, t: Localize, io: CliIo): number {
  if (options.budget === undefined) return 0;
  const money = (n: number) => formatMoney(n, report.currency, options.lang);
  const spent = report.totals.pricedCost;
  const limit = convert(options.budget.amount, options.budget.currency, report.currency, rates);
  if (spent > limit) {
    io.stderr(`token-spend usage: ${t(USAGE_MESSAGES.overBudget, money(spent), money(limit))}\n`);
    return 2;
  }
  if (report.totals.cost === null)
    io.stderr(`token-spend usage: ${t(USAGE_MESSAGES.budgetUnpriced, formatTokens(report.totals.unpricedTokens, options.lang), money(spent))}\n`);
  return 0;
}
