import { parseArgs } from 'node:util';
import { CURRENCY_CODES, REGIONS, type Currency, type Region } from '../core/pricing/schema';
import type { ReportLocale } from '../core/report';
import { DEFAULTS, LIMITS } from '../core/limits';
import { DEFAULT_MODEL_ID } from '../core/defaults';
import { TOKENIZER_IDS, type TokenizerId } from '../core/tokenize/ids';
import { parseBudget } from './common';
import { optionError, refuseRepeats } from './options';

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
  /** In its own currency: named in the flag, else --currency, else USD (never the locale's). */
  budget?: { amount: number; currency: Currency };
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
                     vocabularies load (ids: o200k_base, cl100k_base, qwen3, deepseek_v3, tekken, *_est)
  --regions a,b      suggest only models sold in these regions: ${REGIONS.join(', ')}; default: the current
                     model's account (a worldwide model's: cn,global in CNY, intl,global otherwise)
  --discount V=PCT   your negotiated discount with vendor V in percent (deepseek=10), repeatable
  --batch            use batch prices where the vendor has them
  --at TIME          price as if sent at this ISO 8601 time (time-of-day prices); default now
  --rate CUR=N       override an exchange rate (units per 1 unit of the table's base), repeatable
  --pricing FILE     a pricing file of your own, layered over the bundled prices
  --budget AMOUNT    exit with code 2 if one call of the current model costs more than this;
                     in USD unless named (0.05CNY) or set by --currency, whatever the locale
  --json             print the comparison as JSON
  --markdown         print a Markdown report
  --csv              print CSV
  --lang en|zh-cn    language of the report (default from LANG)
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 done, 1 bad input or options, 2 over budget.`;

/** Plain decimal notation only: no hex (0x10), exponent (1e308), sign, '%' or empty string. */
const DECIMAL = /^\d+(\.\d+)?$/;
const fmt = (n: number) => (n > 0 && n < 0.001 ? String(n) : n.toLocaleString('en'));

/** A number within `range`, as the settings accept it; anything else is a UsageError naming the range. */
function ranged(value: string, flag: string, range: { min: number; max: number }, what: string, whole = false): number {
  const v = value.trim().replace(/_/g, '');
  const n = Number(v);
  if (!(whole ? /^\d+$/ : DECIMAL).test(v) || !(n >= range.min && n <= range.max)) {
    throw new UsageError(`${flag} expects ${what} from ${fmt(range.min)} to ${fmt(range.max)}, got "${value}"`);
  }
  return n;
}

function wholeNumber(value: string, flag: string): number {
  return ranged(value, flag, LIMITS.tokensPerCall, 'a whole number of tokens', true);
}

function share(value: string): number {
  const v = value.trim();
  const percent = v.endsWith('%');
  const digits = percent ? v.slice(0, -1).trim() : v;
  const n = Number(digits);
  const s = percent ? n / 100 : n;
  if (!DECIMAL.test(digits) || !(s >= LIMITS.cachedShare.min && s <= LIMITS.cachedShare.max)) {
    throw new UsageError(`--cached expects a share between 0 and 1 (or a percentage such as 30%), got "${value}"`);
  }
  return s;
}

const AT_RANGE = { from: new Date('1970-01-01T00:00:00Z'), to: new Date('2100-12-31T23:59:59Z') };

/** ISO 8601 with a real calendar date: Date alone rolls 2026-02-30 over to March 2. */
function isoTime(value: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  const at = new Date(value.trim());
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m ? m.slice(1, 7) : [];
  const calendar = m ? new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec))) : undefined;
  const real =
    calendar !== undefined &&
    calendar.getUTCDate() === Number(d) &&
    calendar.getUTCHours() === Number(h) &&
    calendar.getUTCMinutes() === Number(mi) &&
    calendar.getUTCSeconds() === Number(sec);
  if (!real || Number.isNaN(at.getTime())) {
    throw new UsageError(`--at expects an ISO 8601 time such as 2026-11-23T10:30:00+08:00, got "${value}"`);
  }
  // The years costs are checked for (1970–2100, test/unit/currency-properties.test.ts) bound what is accepted.
  if (at.getTime() < AT_RANGE.from.getTime() || at.getTime() > AT_RANGE.to.getTime()) {
    throw new UsageError(`--at expects a time from 1970-01-01 to 2100-12-31, got "${value}"`);
  }
  return at;
}

export function currency(value: string): Currency {
  const upper = value.trim().toUpperCase();
  const code = upper === 'RMB' ? 'CNY' : upper; // what many Chinese users type
  if (!(CURRENCY_CODES as readonly string[]).includes(code)) {
    throw new UsageError(`unknown currency "${value}"; use one of ${CURRENCY_CODES.join(', ')}`);
  }
  return code as Currency;
}

function lang(value: string | undefined, env: NodeJS.ProcessEnv): ReportLocale {
  if (value === undefined) return /^zh[_-]?(cn|hans|sg)(?![a-z])/i.test(env.LC_ALL || env.LANG || '') ? 'zh-cn' : 'en';
  const v = value.trim().toLowerCase();
  if (v === 'en' || v === 'zh-cn') return v;
  throw new UsageError(`--lang expects en or zh-cn, got "${value}"`);
}

function rateOverrides(values: string[]): Partial<Record<Currency, number>> {
  const out: Partial<Record<Currency, number>> = {};
  for (const v of values) {
    const m = /^([A-Za-z]{3})=(.+)$/.exec(v.trim());
    if (!m) throw new UsageError(`--rate expects CUR=NUMBER such as CNY=7.1, got "${v}"`);
    const code = currency(m[1]);
    const rate = ranged(m[2], `--rate ${m[1]}`, LIMITS.exchangeRate, 'units per 1 USD');
    if (out[code] !== undefined && out[code] !== rate) throw new UsageError(`--rate ${code} is given twice (${out[code]}, ${rate}); give it once`);
    out[code] = rate;
  }
  return out;
}

function regions(value: string | undefined): Region[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  const bad = list.find((r) => !(REGIONS as readonly string[]).includes(r));
  if (bad !== undefined || !list.length) throw new UsageError(`--regions expects ${REGIONS.join(', ')} separated by commas, got "${value}"`);
  return list as Region[];
}

function tokenizers(value: string | undefined): TokenizerId[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
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
    const percent = ranged(m[2], `--discount ${m[1]}`, LIMITS.discountPercent, 'a percentage');
    if (out[m[1]] !== undefined && out[m[1]] !== percent) throw new UsageError(`--discount ${m[1]} is given twice (${out[m[1]]}, ${percent}); give it once`);
    out[m[1]] = percent;
  }
  return out;
}

const OPTIONS = {
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
} as const;

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      // "--output -3" would otherwise read as a missing value followed by an option "-3".
      args: argv
        .map((arg, i) => (/^-\d/.test(arg) && /^--[a-z]+$/.test(argv[i - 1] ?? '') ? `=${arg}` : arg))
        .reduce<string[]>((out, arg) => {
          if (arg.startsWith('=-')) out[out.length - 1] += arg;
          else out.push(arg);
          return out;
        }, []),
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: OPTIONS,
    });
  } catch (err) {
    throw optionError(err, Object.keys(OPTIONS));
  }
  refuseRepeats(parsed.tokens, OPTIONS);
  const { values: o, positionals } = parsed;
  const formats = (['json', 'markdown', 'csv'] as const).filter((f) => o[f]);
  if (formats.length > 1) throw new UsageError(`choose one of --json, --markdown, --csv`);
  const language = lang(o.lang, env);
  const at = o.at !== undefined ? isoTime(o.at) : undefined;
  const vendors = o.vendors
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (o.vendors !== undefined && !vendors?.length) throw new UsageError('--vendors expects vendor ids separated by commas');
  if (o.model !== undefined && !o.model.trim()) throw new UsageError('--model expects a model id');
  const models = o.models
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (o.models !== undefined && !models?.length) throw new UsageError('--models expects model ids separated by commas');
  return {
    inputs: positionals,
    model: o.model,
    currency: o.currency !== undefined ? currency(o.currency) : language === 'zh-cn' ? 'CNY' : 'USD',
    outputTokens: o.output !== undefined ? wholeNumber(o.output, '--output') : DEFAULTS.outputTokens,
    reasoningTokens: o.reasoning !== undefined ? wholeNumber(o.reasoning, '--reasoning') : DEFAULTS.reasoningTokens,
    cachedShare: o.cached !== undefined ? share(o.cached) : DEFAULTS.cachedShare,
    callsPerDay: o.calls !== undefined ? ranged(o.calls, '--calls', LIMITS.callsPerDay, 'a number of calls a day') : DEFAULTS.callsPerDay,
    vendors,
    models,
    tokenizers: tokenizers(o.tokenizers),
    regions: regions(o.regions),
    discounts: discounts(o.discount ?? []),
    batch: o.batch ?? false,
    format: formats[0] ?? 'table',
    budget: o.budget !== undefined ? parseBudget(o.budget, o.currency !== undefined ? currency(o.currency) : 'USD') : undefined,
    lang: language,
    at,
    pricingFile: o.pricing,
    rates: rateOverrides(o.rate ?? []),
    help: o.help ?? false,
    version: o.version ?? false,
  };
}
