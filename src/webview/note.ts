import { maxOf, minOf } from '../core/extremes';
import { formatTokens } from '../core/format';
import type { ComparisonView } from './protocol';
import type { Translate } from './strings';

/** One sentence on why the same text has a different token count per vendor, with this text's figures. */
export function tokenizerNote(view: ComparisonView, t: Translate, locale: string): string {
  const counted = view.tokenizers.filter((k) => k.charsPerToken !== null);
  if (!counted.length || view.characters === 0) return t('noteEmpty');
  const chars = formatTokens(view.characters, locale);
  const ratio = (x: number) => x.toLocaleString(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  if (counted.length === 1) {
    const k = counted[0];
    return t('noteOne', chars, formatTokens(k.tokens, locale), k.label, ratio(k.charsPerToken!));
  }
  const byRatio = [...counted].sort((a, b) => b.charsPerToken! - a.charsPerToken!);
  const best = byRatio[0];
  const worst = byRatio[byRatio.length - 1];
  return t(
    'noteMany',
    chars,
    formatTokens(minOf(counted.map((k) => k.tokens)), locale),
    formatTokens(maxOf(counted.map((k) => k.tokens)), locale),
    ratio(best.charsPerToken!),
    best.label,
    ratio(worst.charsPerToken!),
    worst.label,
  );
}
