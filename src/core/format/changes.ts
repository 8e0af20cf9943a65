import type { PriceChange, RatesSide } from '../pricing/schedule';
import { formatRate } from './money';
import type { RuleLocale } from './rules';

function percent(f: number): string {
  return String(Math.round(Math.abs(f - 1) * 100));
}

/** "doubles", "halves", "rises 25%": what one factor does to the price. */
function movement(factor: { input?: number; output?: number } | undefined, zh: boolean): string {
  const fs = [factor?.input, factor?.output].filter((f): f is number => f !== undefined);
  const f = fs[0];
  if (f === undefined || fs.some((g) => Math.abs(g - f) > 1e-9 * f)) return zh ? '价格调整' : 'price changes';
  if (Math.abs(f - 2) < 1e-9) return zh ? '价格翻倍' : 'price doubles';
  if (Math.abs(f - 0.5) < 1e-9) return zh ? '价格减半' : 'price halves';
  if (Math.abs(f - 1) < 1e-9) return zh ? '价格调整' : 'price changes';
  if (f > 1) return zh ? `价格上涨 ${percent(f)}%` : `price rises ${percent(f)}%`;
  return zh ? `价格下降 ${percent(f)}%` : `price falls ${percent(f)}%`;
}

function headline(c: PriceChange, zh: boolean): string {
  if (c.after.kind === 'free') return zh ? '改为免费' : 'becomes free';
  if (c.after.kind === 'unpriced') return zh ? '不再有公开价格' : 'no longer has a public price';
  if (c.before.kind === 'free') return zh ? '不再免费' : 'stops being free';
  if (c.before.kind === 'unpriced') return zh ? '开始公开定价' : 'gets a public price';
  return movement(c.factor, zh);
}

function rate(side: RatesSide, key: 'input' | 'output', locale: RuleLocale): string {
  return side.kind === 'priced' ? formatRate(side[key], side.per, side.currency, locale) : '';
}

/**
 * A coming price change in one line, e.g. "price doubles on 2027-01-01: input $0.15 / 1M tokens →
 * $0.3 / 1M tokens, output … (announced increase)". Rates stay in the vendor's currency and unit.
 */
export function describePriceChange(c: PriceChange, locale: RuleLocale = 'en'): string {
  const zh = locale === 'zh-cn';
  const what = headline(c, zh);
  const rates =
    c.before.kind === 'priced' && c.after.kind === 'priced'
      ? zh
        ? `：输入 ${rate(c.before, 'input', locale)} → ${rate(c.after, 'input', locale)}，输出 ${rate(c.before, 'output', locale)} → ${rate(c.after, 'output', locale)}`
        : `: input ${rate(c.before, 'input', locale)} → ${rate(c.after, 'input', locale)}, output ${rate(c.before, 'output', locale)} → ${rate(c.after, 'output', locale)}`
      : '';
  return zh ? `${c.date} 起${what}${rates}（${c.note}）` : `${what} on ${c.date}${rates} (${c.note})`;
}

/** The short form for a table cell or a badge: "price doubles on 2027-01-01". */
export function describePriceChangeShort(c: PriceChange, locale: RuleLocale = 'en'): string {
  const zh = locale === 'zh-cn';
  return zh ? `${c.date} 起${headline(c, zh)}` : `${headline(c, zh)} on ${c.date}`;
}
