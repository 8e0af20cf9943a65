import type { Currency } from '../pricing/schema';

/** Symbols that stay unambiguous side by side: ¥ is the yuan (this product's home market), so the yen is JP¥. */
export const CURRENCY_SYMBOLS: Record<Currency, string> = {
  USD: '$',
  CNY: '¥',
  EUR: '€',
  GBP: '£',
  JPY: 'JP¥',
  HKD: 'HK$',
};

/** Currencies normally written without minor units. */
const WHOLE_UNIT_CURRENCIES: ReadonlySet<Currency> = new Set(['JPY']);

/** Decimals that keep two significant digits of a small amount: 0.0008 → 4, 0.00084 → 5, 0.5 → 1. */
function decimalsForTwoSignificant(value: number): number {
  return Math.max(0, 1 - Math.floor(Math.log10(value)));
}

function numberLocale(locale: string | undefined): string {
  return locale && locale.toLowerCase().startsWith('zh') ? 'zh-CN' : (locale ?? 'en');
}

/**
 * Money for people: thousands separators, two decimals for ordinary amounts, and enough
 * decimals for tiny ones to keep two significant digits (¥0.0008, never ¥0.00).
 */
export function formatMoney(amount: number, currency: Currency, locale?: string): string {
  if (!Number.isFinite(amount)) throw new Error(`cannot format ${amount} as money`);
  const symbol = CURRENCY_SYMBOLS[currency];
  if (!symbol) throw new Error(`unknown currency "${currency}"`);
  const magnitude = Math.abs(amount);
  const minDecimals = WHOLE_UNIT_CURRENCIES.has(currency) ? 0 : 2;
  const maxDecimals = magnitude === 0 || magnitude >= 1 ? minDecimals : Math.min(20, Math.max(minDecimals, decimalsForTwoSignificant(magnitude)));
  const text = new Intl.NumberFormat(numberLocale(locale), {
    minimumFractionDigits: Math.min(minDecimals, maxDecimals),
    maximumFractionDigits: maxDecimals,
    useGrouping: true,
  }).format(magnitude);
  const sign = amount < 0 && /[1-9]/.test(text) ? '-' : '';
  return `${sign}${symbol}${text}`;
}

/** A whole number of tokens with thousands separators; estimates are rounded first. */
export function formatTokens(n: number, locale?: string): string {
  if (!Number.isFinite(n) || n < 0) throw new Error(`cannot format ${n} as a token count`);
  return new Intl.NumberFormat(numberLocale(locale), { maximumFractionDigits: 0 }).format(Math.round(n));
}

/**
 * A published rate exactly as the vendor would write it, no rounding away of digits:
 * "¥0.8 / 1M tokens", "¥0.0008 / 1K tokens" (Chinese locale: "¥0.8 / 百万 Token", the one Chinese term for tokens).
 */
export function formatRate(rate: number, per: 1000 | 1000000, currency: Currency, locale?: string): string {
  if (!Number.isFinite(rate) || rate < 0) throw new Error(`cannot format ${rate} as a rate`);
  if (per !== 1000 && per !== 1_000_000) throw new Error(`rates are per 1000 or per 1000000 tokens, got ${per}`);
  const symbol = CURRENCY_SYMBOLS[currency];
  if (!symbol) throw new Error(`unknown currency "${currency}"`);
  const text = new Intl.NumberFormat(numberLocale(locale), { maximumSignificantDigits: 6, useGrouping: true }).format(rate);
  const chinese = numberLocale(locale) === 'zh-CN';
  const unit = per === 1000 ? (chinese ? '千 Token' : '1K tokens') : chinese ? '百万 Token' : '1M tokens';
  return `${symbol}${text} / ${unit}`;
}

/** Credits (GitHub AI credits) as a person reads them: whole from 100, one decimal from 1, two significant digits below. */
export function formatCredits(n: number, locale: string): string {
  const options = n >= 100 ? { maximumFractionDigits: 0 } : n >= 1 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
  return n.toLocaleString(locale, options);
}
