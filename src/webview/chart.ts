import type { Currency } from '../core/pricing/schema';
import { formatMoney } from '../core/format';
import { svg } from './dom';
import type { RowView } from './protocol';

const BAR_HEIGHT = 16;
const GAP = 6;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 110;
const BAR_AREA = 420;

/**
 * Horizontal bars of cost per call, one per visible priced model, in table order. Colours come
 * from the theme through CSS classes (media/webview.css), so dark, light and high-contrast work.
 */
export function costChart(rows: RowView[], currency: Currency, locale: string, title: string): SVGElement | undefined {
  const priced = rows.filter((r) => r.total !== undefined);
  if (!priced.length) return undefined;
  const max = Math.max(...priced.map((r) => r.total!));
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const height = priced.length * (BAR_HEIGHT + GAP) + GAP;
  const chart = svg('svg', {
    class: 'chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': title,
    preserveAspectRatio: 'xMinYMin meet',
  });
  chart.append(svg('title', {}, title));
  priced.forEach((row, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    const length = max > 0 ? Math.max(1, (row.total! / max) * BAR_AREA) : 1;
    const kind = row.current ? 'bar current' : row.saving ? 'bar cheaper' : 'bar';
    const value = formatMoney(row.total!, currency, locale);
    const group = svg('g', { class: 'chart-row' });
    group.append(
      svg('text', { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 4, 'text-anchor': 'end', class: 'chart-label' }, truncate(row.name, 30)),
      svg('rect', { x: LABEL_WIDTH, y, width: length.toFixed(1), height: BAR_HEIGHT, rx: 2, class: kind }, svg('title', {}, `${row.name}: ${value}`)),
      svg('text', { x: LABEL_WIDTH + length + 6, y: y + BAR_HEIGHT - 4, class: 'chart-value' }, value),
    );
    chart.append(group);
  });
  return chart;
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}
