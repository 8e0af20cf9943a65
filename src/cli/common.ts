// What every token-spend command shares: the catalogue with the user's pricing file, the report
// language, and the --budget amount.
import type { UiLocale } from '../core/l10n';
import { applyOverlay, loadBundledCatalogue, type Catalogue } from '../core/pricing/catalogue';
import { CURRENCY_CODES, type Currency } from '../core/pricing/schema';
import { parsePricingJson } from '../core/pricing/jsonText';
import { UsageError } from './args';
import { readFileText } from './input';

/** The bundled catalogue, with `pricingFile` (a user's own pricing file) layered over it. */
export function loadCatalogueWith(pricingFile: string | undefined): Catalogue {
  const bundled = loadBundledCatalogue();
  if (!pricingFile) return bundled;
  let text: string;
  try {
    text = readFileText(pricingFile);
  } catch (err) {
    throw new UsageError(`--pricing ${pricingFile}: ${(err as Error).message.replace(/; count a part of it$/, '; a pricing file is far smaller')}`);
  }
  const parsed = parsePricingJson(text, pricingFile);
  if ('errors' in parsed) throw new UsageError(`${pricingFile} is not a valid pricing file:\n${errorLines(parsed.errors)}`);
  const { catalogue, errors } = applyOverlay(bundled, parsed.value, pricingFile);
  if (errors.length) throw new UsageError(`${pricingFile} is not a valid pricing file:\n${errorLines(errors)}`);
  return catalogue;
}

/** Errors shown for one file: a file with 140,000 faults gets the first ones and a count, not 140,000 lines. */
export const MAX_ERRORS_SHOWN = 20;

/** One indented line per error, the first MAX_ERRORS_SHOWN of them, then "… and N more". */
export function errorLines(errors: readonly { path: string; message: string }[]): string {
  const lines = errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `  ${e.path}: ${e.message}`);
  if (errors.length > MAX_ERRORS_SHOWN) lines.push(`  … and ${(errors.length - MAX_ERRORS_SHOWN).toLocaleString('en')} more`);
  return lines.join('\n');
}

/** `--lang`, or Simplified Chinese when the locale says zh-CN / zh-Hans / zh-SG, else English. */
export function reportLanguage(value: string | undefined, env: NodeJS.ProcessEnv): UiLocale {
  if (value === undefined) return /^zh[_-]?(cn|hans|sg)\b/i.test(env.LC_ALL || env.LANG || '') ? 'zh-cn' : 'en';
  const v = value.trim().toLowerCase();
  if (v === 'en' || v === 'zh-cn') return v;
  throw new UsageError(`--lang expects en or zh-cn, got "${value}"`);
}

/** The largest budget accepted: far above any real request, far below where sums lose precision. */
const MAX_BUDGET = 1e12;

/**
 * `--budget 0.5`, `--budget 0.5USD` or `--budget "0.5 CNY"`: the amount and its currency (the
 * display currency when none is named). Decimal notation only, so "0x10" or "1e3" are refused.
 */
export function parseBudget(value: string, displayCurrency: Currency): { amount: number; currency: Currency } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]{3})?\s*$/.exec(value);
  const amount = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(amount) || amount > MAX_BUDGET) {
    throw new UsageError(`--budget expects an amount such as 0.05 or 0.05USD (at most ${MAX_BUDGET.toLocaleString('en')}), got "${value}"`);
  }
  const named = m[2]?.toUpperCase();
  const code = named === 'RMB' ? 'CNY' : (named ?? displayCurrency); // RMB as --currency takes it
  if (!(CURRENCY_CODES as readonly string[]).includes(code)) throw new UsageError(`--budget: unknown currency "${m[2]}"; use ${CURRENCY_CODES.join(', ')}`);
  return { amount, currency: code as Currency };
}
