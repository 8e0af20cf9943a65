import { maxOf, minOf } from '../core/extremes';
import type { Currency } from '../core/pricing/schema';
import { formatMoney } from '../core/format';
import { svg } from './dom';
import type { RowView } from './protocol';

const BAR_HEIGHT = 14;
const GAP = 5;
const VALUE_WIDTH = 96;
const MIN_WIDTH = 360;

/**
 * Horizontal bars of cost per call, one per visible priced model, in table order. Colours come
 * from the theme through CSS classes (media/webview.css), so dark, light and high-contrast work.
 */
export interface Chart {
  svg: SVGElement;
  /** Orders of magnitude between the cheapest and dearest bar when drawn on a log scale. */
  logDecades?: number;
}

export function costChart(rows: RowView[], currency: Currency, locale: string, title: string, availableWidth: number, freeLabel: string): Chart | undefined {
  const priced = rows.filter((r) => r.total !== undefined);
  if (!priced.length) return undefined;
  const max = maxOf(priced.map((r) => r.total!));
  const positive = priced.map((r) => r.total!).filter((v) => v > 0);
  const min = positive.length ? minOf(positive) : 0;
  // Costs often span several orders of magnitude (free models to frontier ones): then a linear
  // scale would draw most bars as slivers, so lengths follow the logarithm instead.
  const decades = min > 0 ? Math.log10(max / min) : 0;
  const logScale = decades >= 2;
  const share = (v: number): number => {
    if (max <= 0 || v <= 0) return 0;
    if (!logScale) return v / max;
    return 0.04 + 0.96 * (Math.log10(v / min) / decades);
  };
  // Drawn at the width it is shown at (no viewBox scaling), so labels keep the editor's font size.
  const width = Math.max(MIN_WIDTH, Math.floor(availableWidth));
  const LABEL_WIDTH = Math.min(220, Math.round(width * 0.35));
  const BAR_AREA = width - LABEL_WIDTH - VALUE_WIDTH;
  const height = priced.length * (BAR_HEIGHT + GAP) + GAP;
  const chart = svg('svg', { class: 'chart', width, height, role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));
  priced.forEach((row, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    const length = Math.max(1, share(row.total!) * BAR_AREA);
    const kind = row.current ? 'bar current' : row.saving ? 'bar cheaper' : 'bar';
    const value = row.free ? freeLabel : formatMoney(row.total!, currency, locale);
    const group = svg('g', { class: 'chart-row' });
    group.append(
      svg('text', { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 4, 'text-anchor': 'end', class: 'chart-label' }, truncate(row.name, Math.floor(LABEL_WIDTH / 6.5))),
      svg('rect', { x: LABEL_WIDTH, y, width: length.toFixed(1), height: BAR_HEIGHT, rx: 2, class: kind }, svg('title', {}, `${row.name}: ${value}`)),
      svg('text', { x: LABEL_WIDTH + length + 6, y: y + BAR_HEIGHT - 4, class: 'chart-value' }, value),
    );
    chart.append(group);
  });
  return { svg: chart, logDecades: logScale ? Math.round(decades) : undefined };
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
