import { parseArgs } from 'node:util';
import { CURRENCY_CODES, REGIONS, type Currency, type Region } from '../core/pricing/schema';
import type { ReportLocale } from '../core/report';
import { DEFAULTS } from '../core/limits';
import { DEFAULT_MODEL_ID } from '../core/defaults';
import { TOKENIZER_IDS, type TokenizerId } from '../core/tokenize/ids';

export type OutputFormat = 'table' | 'json' | 'markdown' | 'csv';

export interface CliOptions {
  /** Files, globs and "-" as given (expanded by files.ts). */
  inputs: string[];
  model?: string;
  currency: Currency;
  outputTokens: number;
  reasoningTokens: number;
  cachedShare: number;
  callsPerDay: number;
  vendors?: string[];
  models?: string[];
  /** Only models counted by these tokenizers (plus the current model): only these vocabularies load. */
  tokenizers?: TokenizerId[];
  regions?: Region[];
  discounts: Record<string, number>;
  batch: boolean;
  format: OutputFormat;
  budget?: number;
  lang: ReportLocale;
  at?: Date;
  pricingFile?: string;
  rates: Partial<Record<Currency, number>>;
  help: boolean;
  version: boolean;
}

/** A mistake in how the CLI was called: printed with a hint to --help, exit code 1. */
export class UsageError extends Error {}

export const HELP = `Usage: token-spend <file|glob|-> [more files or globs] [options]
       token-spend usage [options]    what your coding agents spent (token-spend usage --help)
       token-spend context [DIR]      what agents send with every request (token-spend context --help)
       token-spend mcp                the cost tools as an MCP server on stdio (token-spend mcp --help)

Counts the tokens of a prompt with each vendor's own tokenizer and prices it across models,
in the currency you choose. "-" reads the prompt from standard input. Several files or globs
(prompts/**/*.md) are priced one after another, each vocabulary loaded once.

Options:
  --model ID         the model you use now (id, API name or display name); default ${DEFAULT_MODEL_ID}
  --currency CODE    display currency: ${CURRENCY_CODES.join(', ')} (default USD; CNY with --lang zh-cn)
  --output N         expected output tokens per call (default ${DEFAULTS.outputTokens})
  --reasoning N      expected thinking tokens per call, for reasoning models (default 0)
  --cached SHARE     share of the input served from the prompt cache, 0..1 or a percentage (default 0)
  --calls N          calls per day, for the monthly projection (default 100)
  --vendors a,b      only these vendors (ids such as openai,deepseek), plus the current model
  --models a,b       only these models, plus the current model
  --tokenizers a,b   only models counted by these tokenizers, plus the current model; only their
                     vocabularies load (ids: o200k_base, cl100k_base, qwen3, deepseek_v3, *_est)
  --regions a,b      suggest only models sold in these regions: ${REGIONS.join(', ')} (cn,global for a mainland account)
  --discount V=PCT   your negotiated discount with vendor V in percent (deepseek=10), repeatable
  --batch            use batch prices where the vendor has them
  --at TIME          price as if sent at this ISO 8601 time (time-of-day prices); default now
  --rate CUR=N       override an exchange rate (units per 1 unit of the table's base), repeatable
  --pricing FILE     a pricing file of your own, layered over the bundled prices
  --budget AMOUNT    exit with code 2 if one call of the current model costs more than this
  --json             print the comparison as JSON
  --markdown         print a Markdown report
  --csv              print CSV
  --lang en|zh-cn    language of the report (default from LANG)
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 done, 1 bad input or options, 2 over budget.`;

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value.replace(/_/g, ''))) throw new UsageError(`${flag} expects a whole number of at least 0, got "${value}"`);
  return Number(value.replace(/_/g, ''));
}

function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} expects a number of at least 0, got "${value}"`);
  return n;
}

function share(value: string): number {
  const percent = value.trim().endsWith('%');
  const n = Number(percent ? value.trim().slice(0, -1) : value);
  const s = percent ? n / 100 : n;
  if (value.trim() === '' || !Number.isFinite(s) || s < 0 || s > 1) {
    throw new UsageError(`--cached expects a share between 0 and 1 (or a percentage such as 30%), got "${value}"`);
  }
  return s;
}

function currency(value: string): Currency {
  const upper = value.trim().toUpperCase();
  const code = upper === 'RMB' ? 'CNY' : upper; // what many Chinese users type
  if (!(CURRENCY_CODES as readonly string[]).includes(code)) {
    throw new UsageError(`unknown currency "${value}"; use one of ${CURRENCY_CODES.join(', ')}`);
  }
  return code as Currency;
}

function lang(value: string | undefined, env: NodeJS.ProcessEnv): ReportLocale {
  if (value === undefined) return /^zh[_-]?(cn|hans|sg)?/i.test(env.LC_ALL || env.LANG || '') ? 'zh-cn' : 'en';
  const v = value.trim().toLowerCase();
  if (v === 'en' || v === 'zh-cn') return v;
  throw new UsageError(`--lang expects en or zh-cn, got "${value}"`);
}

function rateOverrides(values: string[]): Partial<Record<Currency, number>> {
  const out: Partial<Record<Currency, number>> = {};
  for (const v of values) {
    const m = /^([A-Za-z]{3})=(.+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--rate expects CUR=NUMBER such as CNY=7.1, got "${v}"`);
    const n = Number(m[2]);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--rate ${m[1]} must be a positive number, got "${m[2]}"`);
    out[currency(m[1])] = n;
  }
  return out;
}

function regions(value: string | undefined): Region[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  const bad = list.find((r) => !(REGIONS as readonly string[]).includes(r));
  if (bad !== undefined || !list.length) throw new UsageError(`--regions expects ${REGIONS.join(', ')} separated by commas, got "${value}"`);
  return list as Region[];
}

function tokenizers(value: string | undefined): TokenizerId[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  const bad = list.filter((t) => !(TOKENIZER_IDS as readonly string[]).includes(t));
  if (bad.length || !list.length) {
    const what = bad.length ? `unknown tokenizer ${bad.map((b) => `"${b}"`).join(', ')}` : 'no tokenizer';
    throw new UsageError(`--tokenizers: ${what}; known: ${TOKENIZER_IDS.join(', ')}`);
  }
  return [...new Set(list)] as TokenizerId[];
}

function discounts(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([a-z0-9-]+)=(.+?)%?$/.exec(v.trim().toLowerCase());
    if (!m) throw new UsageError(`--discount expects VENDOR=PERCENT such as deepseek=10, got "${v}"`);
    const n = Number(m[2]);
    if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--discount ${m[1]} must be a percentage from 0 to 100, got "${m[2]}"`);
    out[m[1]] = n;
  }
  return out;
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      // "--output -3" would otherwise read as a missing value followed by an option "-3".
      args: argv.map((arg, i) => (/^-\d/.test(arg) && /^--[a-z]+$/.test(argv[i - 1] ?? '') ? `=${arg}` : arg)).reduce<string[]>((out, arg) => {
        if (arg.startsWith('=-')) out[out.length - 1] += arg;
        else out.push(arg);
        return out;
      }, []),
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: 'string' },
        currency: { type: 'string' },
        output: { type: 'string' },
        reasoning: { type: 'string' },
        cached: { type: 'string' },
        calls: { type: 'string' },
        vendors: { type: 'string' },
        models: { type: 'string' },
        tokenizers: { type: 'string' },
        regions: { type: 'string' },
        discount: { type: 'string', multiple: true },
        batch: { type: 'boolean' },
        at: { type: 'string' },
        rate: { type: 'string', multiple: true },
        pricing: { type: 'string' },
        budget: { type: 'string' },
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        csv: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const unknown = /Unknown option '([^']+)'/.exec((err as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) throw new UsageError(`unknown option ${unknown}`);
    throw new UsageError(err instanceof Error ? err.message.split('\n')[0] : String(err));
  }
  const { values: o, positionals } = parsed;
  const formats = (['json', 'markdown', 'csv'] as const).filter((f) => o[f]);
  if (formats.length > 1) throw new UsageError(`choose one of --json, --markdown, --csv`);
  const language = lang(o.lang, env);
  let at: Date | undefined;
  if (o.at !== undefined) {
    at = new Date(o.at);
    if (!/^\d{4}-\d{2}-\d{2}/.test(o.at) || Number.isNaN(at.getTime())) throw new UsageError(`--at expects an ISO 8601 time such as 2026-11-23T10:30:00+08:00, got "${o.at}"`);
  }
  const vendors = o.vendors?.split(',').map((v) => v.trim()).filter(Boolean);
  if (o.vendors !== undefined && !vendors?.length) throw new UsageError('--vendors expects vendor ids separated by commas');
  if (o.model !== undefined && !o.model.trim()) throw new UsageError('--model expects a model id');
  const models = o.models?.split(',').map((v) => v.trim()).filter(Boolean);
  if (o.models !== undefined && !models?.length) throw new UsageError('--models expects model ids separated by commas');
  return {
    inputs: positionals,
    model: o.model,
    currency: o.currency !== undefined ? currency(o.currency) : language === 'zh-cn' ? 'CNY' : 'USD',
    outputTokens: o.output !== undefined ? wholeNumber(o.output, '--output') : DEFAULTS.outputTokens,
    reasoningTokens: o.reasoning !== undefined ? wholeNumber(o.reasoning, '--reasoning') : DEFAULTS.reasoningTokens,
    cachedShare: o.cached !== undefined ? share(o.cached) : DEFAULTS.cachedShare,
    callsPerDay: o.calls !== undefined ? positiveNumber(o.calls, '--calls') : DEFAULTS.callsPerDay,
    vendors,
    models,
    tokenizers: tokenizers(o.tokenizers),
    regions: regions(o.regions),
    discounts: discounts(o.discount ?? []),
    batch: o.batch ?? false,
    format: formats[0] ?? 'table',
    budget: o.budget !== undefined ? positiveNumber(o.budget, '--budget') : undefined,
    lang: language,
    at,
    pricingFile: o.pricing,
    rates: rateOverrides(o.rate ?? []),
    help: o.help ?? false,
    version: o.version ?? false,
  };
}
