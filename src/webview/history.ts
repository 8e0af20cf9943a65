import { CURRENCY_SYMBOLS } from '../core/format';
import type { Currency } from '../core/pricing/schema';
import { h } from './dom';
import type { HistoryView } from './protocol';
import type { Translate } from './strings';

type Point = HistoryView['points'][number];

/** A published rate as the vendor writes it (no rounding of its digits): ¥0.0005. */
function rate(value: number, currency: Currency, locale: string): string {
  return `${CURRENCY_SYMBOLS[currency]}${value.toLocaleString(locale, { maximumSignificantDigits: 6 })}`;
}

/** A signed percent with a real minus sign: −97.5%, +20%. */
export function signedPercent(value: number, locale: string): string {
  const text = Math.abs(value).toLocaleString(locale, { maximumFractionDigits: 1 });
  return `${value < 0 ? '−' : value > 0 ? '+' : ''}${text}%`;
}

function when(p: Point, t: Translate): string {
  if (p.current) return p.from ? t('historySinceNow', p.from) : t('historyNow');
  if (p.from && p.to) return p.from === p.to ? p.from : t('historyBetween', p.from, p.to);
  if (p.to) return t('historyUntil', p.to);
  if (p.from) return t('historyFrom', p.from);
  return t('historyEarlier');
}

function rates(p: Point, t: Translate, locale: string): string {
  if (p.free) return t('free');
  const parts: string[] = [];
  if (p.input !== undefined) parts.push(t('historyInput', rate(p.input, p.currency, locale)));
  if (p.output !== undefined) parts.push(t('historyOutput', rate(p.output, p.currency, locale)));
  return parts.join(' · ');
}

/**
 * The expanded price-history line of one model: its dated list prices, oldest first, and the
 * change from the first to the last, e.g. input ¥0.02 → ¥0.0005 per 1K tokens, −97.5%.
 */
export function historyLine(history: HistoryView, t: Translate, locale: string): { element: HTMLElement; text: string } {
  const unit = history.per === 1000 ? '1K' : '1M';
  const title = t('historyTitle', history.currency, unit);
  const points = history.points.map((p) => t('historyPoint', when(p, t), rates(p, t, locale)));
  const changes: string[] = [];
  if (history.change.input !== undefined) changes.push(t('historyInput', signedPercent(history.change.input, locale)));
  if (history.change.output !== undefined) changes.push(t('historyOutput', signedPercent(history.change.output, locale)));
  const change = changes.length ? t('historyChange', changes.join(', ')) : '';
  const element = h(
    'div',
    { class: 'history-line' },
    h('span', { class: 'history-title' }, title),
    h(
      'ol',
      { class: 'history-points' },
      ...history.points.map((p, i) =>
        h(
          'li',
          { class: p.current ? 'current-price' : '' },
          h('span', { class: 'history-when' }, when(p, t)),
          t('historyPoint', '', rates(p, t, locale)),
          i < points.length - 1 ? h('span', { 'aria-hidden': 'true', class: 'history-arrow' }, ' →') : null,
        ),
      ),
    ),
    change ? h('span', { class: 'history-change' }, change) : null,
  );
  return { element, text: [title, points.join(' → '), change].filter(Boolean).join(' ') };
}

/** A DOM id for a model's history line (model ids hold '/', '@' and '.'). */
export function historyId(modelId: string): string {
  return `history-${modelId.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
