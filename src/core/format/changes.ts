import { localizer, type UiLocale } from '../l10n';
import type { PriceChange, RatesSide } from '../pricing/schedule';
import { formatRate } from './money';
import { pricingText } from '../pricing/dataText';

/** The English messages of a coming price change; their Chinese text is in l10n/bundle.l10n.zh-cn.json. */
export const CHANGE_MESSAGES = {
  doubles: 'price doubles',
  halves: 'price halves',
  rises: 'price rises {0}%',
  falls: 'price falls {0}%',
  changes: 'price changes',
  becomesFree: 'becomes free',
  unpriced: 'no longer has a public price',
  stopsFree: 'stops being free',
  getsPrice: 'gets a public price',
  short: '{0} on {1}',
  long: '{0} on {1}: input {2} → {3}, output {4} → {5} ({6})',
  longNoRates: '{0} on {1} ({2})',
} as const;

const M = CHANGE_MESSAGES;

/** What the factors do to the price: one word when input and output move alike. */
function movement(factor: PriceChange['factor']): { message: string; percent?: string } {
  const fs = [factor?.input, factor?.output].filter((f): f is number => f !== undefined);
  const f = fs[0];
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(a, b);
  if (f === undefined || fs.some((g) => !same(g, f)) || same(f, 1)) return { message: M.changes };
  if (same(f, 2)) return { message: M.doubles };
  if (same(f, 0.5)) return { message: M.halves };
  return { message: f > 1 ? M.rises : M.falls, percent: String(Math.round(Math.abs(f - 1) * 100)) };
}

function headline(c: PriceChange, locale: UiLocale): string {
  const t = localizer(locale);
  if (c.after.kind === 'free') return t(M.becomesFree);
  if (c.after.kind === 'unpriced') return t(M.unpriced);
  if (c.before.kind === 'free') return t(M.stopsFree);
  if (c.before.kind === 'unpriced') return t(M.getsPrice);
  const m = movement(c.factor);
  return m.percent === undefined ? t(m.message) : t(m.message, m.percent);
}

function rate(side: Extract<RatesSide, { kind: 'priced' }>, key: 'input' | 'output', locale: UiLocale): string {
  return formatRate(side[key], side.per, side.currency, locale);
}

/**
 * A coming price change in one line, e.g. "price doubles on 2027-01-01: input $0.15 / 1M tokens →
 * $0.3 / 1M tokens, output … (announced increase)". Rates stay in the vendor's currency and unit.
 */
export function describePriceChange(c: PriceChange, locale: UiLocale = 'en'): string {
  const t = localizer(locale);
  const { before, after } = c;
  if (before.kind === 'priced' && after.kind === 'priced') {
    return t(
      M.long,
      headline(c, locale),
      c.date,
      rate(before, 'input', locale),
      rate(after, 'input', locale),
      rate(before, 'output', locale),
      rate(after, 'output', locale),
      pricingText(locale, c.note),
    );
  }
  return t(M.longNoRates, headline(c, locale), c.date, pricingText(locale, c.note));
}

/** The short form for a table cell or a badge: "price doubles on 2027-01-01". */
export function describePriceChangeShort(c: PriceChange, locale: UiLocale = 'en'): string {
  return localizer(locale)(M.short, headline(c, locale), c.date);
}
