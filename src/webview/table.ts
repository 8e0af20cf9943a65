import { formatMoney, formatTokens } from '../core/format';
import { h, icon } from './dom';
import { historyId, historyLine } from './history';
import type { ComparisonView, Filters, HistoryView, RowView, SortColumn, UiState } from './protocol';
import type { StringKey, Translate } from './strings';

interface Column {
  id: SortColumn;
  label: StringKey;
  numeric: boolean;
  cell(row: RowView, ctx: CellContext): HTMLElement | string;
  text(row: RowView, ctx: CellContext): string;
}

interface CellContext {
  view: ComparisonView;
  t: Translate;
  locale: string;
  onUse(modelId: string): void;
  onOpenSource(modelId: string): void;
  /** Price histories by model id, and the ids whose history line is expanded. */
  history: Map<string, HistoryView>;
  historyOpen: ReadonlySet<string>;
  onToggleHistory(modelId: string): void;
  /** Rows whose details are open in the narrow layout. */
  expanded: ReadonlySet<string>;
  onToggleExpand(modelId: string): void;
  /** Columns the user hid. */
  hidden: ReadonlySet<SortColumn>;
}

function money(r: RowView, value: number | undefined, ctx: CellContext): string {
  if (r.free) return ctx.t('free');
  return value === undefined ? ctx.t('unpriced') : formatMoney(value, ctx.view.assumptions.currency, ctx.locale);
}

function moneyColumn(id: SortColumn, label: StringKey, pick: (r: RowView) => number | undefined): Column {
  return {
    id,
    label,
    numeric: true,
    text: (r, ctx) => money(r, pick(r), ctx),
    cell: (r, ctx) =>
      pick(r) === undefined || r.free ? h('span', { class: r.free ? 'free' : 'muted', title: r.unpriced }, money(r, pick(r), ctx)) : money(r, pick(r), ctx),
  };
}

function regionBadge(r: RowView, t: Translate): HTMLElement | null {
  if (r.region === 'global') return null;
  return h(
    'span',
    { class: 'region', title: t(r.region === 'cn' ? 'regionCnTitle' : 'regionIntlTitle') },
    t(r.region === 'cn' ? 'regionShortCn' : 'regionShortIntl'),
  );
}

function percentText(p: number): string {
  const abs = Math.abs(p);
  return abs.toFixed(abs >= 10 || abs === 0 ? 0 : 1);
}

/** Against the current model: a saving as a positive amount and percent, a dearer row as its extra cost. */
function savingText(r: RowView, ctx: CellContext): string {
  const d = r.difference;
  if (!d) return '';
  const money = formatMoney(Math.abs(d.amount), ctx.view.assumptions.currency, ctx.locale);
  if (d.amount > 0) return ctx.t('savingCell', money, percentText(d.percent));
  if (d.amount < 0) return d.percent === 0 ? ctx.t('extraCellNoPercent', money) : ctx.t('extraCell', money, percentText(d.percent));
  return ctx.t('samePrice');
}

/** Only the current model carries a staleness mark; the others are counted in the footer's one line. */
function staleMarked(r: RowView): boolean {
  return r.current && r.stale;
}

export const COLUMNS: Column[] = [
  {
    id: 'model',
    label: 'colModel',
    numeric: false,
    text: (r, ctx) =>
      [
        r.name,
        r.region === 'global' ? '' : ctx.t(r.region === 'cn' ? 'regionShortCn' : 'regionShortIntl'),
        r.current ? ctx.t('current') : '',
        r.exceedsContext ? ctx.t('doesNotFit') : '',
        staleMarked(r) ? ctx.t('stale') : '',
        r.retired ? ctx.t('retired') : '',
        r.secondarySource ? ctx.t('secondary') : '',
        r.nextChange?.summary ?? '',
      ]
        .filter(Boolean)
        .join(' '),
    cell: (r, ctx) =>
      h(
        'div',
        { class: 'model-cell' },
        h(
          'button',
          {
            type: 'button',
            class: 'link-button expand',
            'data-expand': r.modelId,
            'aria-expanded': String(ctx.expanded.has(r.modelId)),
            title: ctx.t('expandRow', r.name),
            'aria-label': ctx.t('expandRow', r.name),
          },
          icon(ctx.expanded.has(r.modelId) ? 'chevron-down' : 'chevron-right'),
        ),
        h(
          'span',
          {
            class: 'model-name',
            title: `${r.modelId}\n${ctx.t('quality', r.qualityClass)}\n${ctx.t('context', formatTokens(r.contextWindow, ctx.locale))}${r.applied.length ? '\n' + ctx.t('applied', r.applied.join('; ')) : ''}`,
          },
          r.name,
        ),
        regionBadge(r, ctx.t),
        r.current ? h('span', { class: 'badge badge-current' }, ctx.t('current')) : null,
        r.exceedsContext
          ? h(
              'span',
              {
                class: 'too-long badge-nofit',
                title: `${ctx.t('tooLong', formatTokens(r.contextWindow, ctx.locale))}\n${ctx.t('contextTitle', r.contextPercent, formatTokens(r.contextWindow, ctx.locale))}`,
              },
              ' ',
              icon('warning'),
              ' ',
              ctx.t('doesNotFit'),
            )
          : null,

        staleMarked(r)
          ? h('span', { class: 'stale-mark', title: ctx.t('staleTitle', ctx.view.staleAfterDays), 'aria-label': ctx.t('stale') }, icon('history'))
          : null,
        r.retired ? h('span', { class: 'badge badge-retired', title: ctx.t('retiredTitle') }, ctx.t('retired')) : null,
        r.secondarySource ? h('span', { class: 'badge badge-secondary', title: ctx.t('secondaryTitle') }, ctx.t('secondary')) : null,
        r.nextChange
          ? h(
              'span',
              {
                class: 'price-change',
                title:
                  r.nextChange.detail +
                  (r.nextChange.totalAfter !== undefined
                    ? '\n' + ctx.t('changeAfter', formatMoney(r.nextChange.totalAfter, ctx.view.assumptions.currency, ctx.locale))
                    : ''),
              },
              icon('calendar'),
              ' ',
              r.nextChange.summary,
            )
          : null,
        ctx.history.has(r.modelId)
          ? h(
              'button',
              {
                type: 'button',
                class: 'link-button history-toggle',
                title: ctx.t('historyButton', r.name),
                'aria-label': ctx.t('historyButton', r.name),
                'aria-expanded': String(ctx.historyOpen.has(r.modelId)),
                // Points at the line only while it exists.
                'aria-controls': ctx.historyOpen.has(r.modelId) ? historyId(r.modelId) : undefined,
                'data-history': r.modelId,
              },
              icon('graph-line'),
            )
          : null,
        // A retired model can no longer be called: nothing to switch to.
        !r.current && !r.retired
          ? h('button', { class: 'link-button use', type: 'button', title: ctx.t('useModelTitle', r.name), 'data-model': r.modelId }, ctx.t('useModel'))
          : null,
      ),
  },
  {
    id: 'vendor',
    label: 'colVendor',
    numeric: false,
    text: (r) => r.vendorName,
    cell: (r) => h('span', { class: 'vendor', title: r.vendorName }, r.vendorName),
  },
  {
    id: 'tokens',
    label: 'colTokens',
    numeric: true,
    text: (r, ctx) => `${r.exact ? '' : '≈'}${formatTokens(r.tokens, ctx.locale)} ${r.exact ? ctx.t('exact') : ctx.t('estimate')}`,
    cell: (r, ctx) =>
      h(
        'span',
        {},
        `${r.exact ? '' : '≈'}${formatTokens(r.tokens, ctx.locale)} `,
        h(
          'span',
          { class: r.exact ? 'badge badge-exact' : 'badge badge-estimate', title: r.exact ? ctx.t('exactTitle') : ctx.t('estimateTitle') },
          r.exact ? ctx.t('exact') : ctx.t('estimate'),
        ),
      ),
  },
  moneyColumn('input', 'colInput', (r) => r.input),
  moneyColumn('output', 'colOutput', (r) => r.output),
  moneyColumn('total', 'colTotal', (r) => r.total),
  {
    id: 'saving',
    label: 'colSaving',
    numeric: true,
    text: savingText,
    cell: (r, ctx) => {
      const d = r.difference;
      if (!d) return '';
      const kind = d.amount > 0 ? (r.saving ? 'saving equivalent' : 'saving') : d.amount < 0 ? 'extra' : 'muted';
      return h('span', { class: kind }, savingText(r, ctx));
    },
  },
  moneyColumn('perThousandCalls', 'colPerThousand', (r) => r.perThousandCalls),
  moneyColumn('perMonth', 'colPerMonth', (r) => r.perMonth),
  {
    id: 'priceDate',
    label: 'colPriceDate',
    numeric: false,
    text: (r) => r.priceDate,
    cell: (r, ctx) =>
      h(
        'button',
        {
          type: 'button',
          class: staleMarked(r) ? 'link-button source stale-date' : 'link-button source',
          title:
            (staleMarked(r) ? ctx.t('staleDate', ctx.view.staleAfterDays) + '\n' : '') + (r.unpriced ? r.unpriced + '\n' : '') + ctx.t('openSource', r.source),
          'data-source': r.modelId,
        },
        r.priceDate,
      ),
  },
];

function sortKey(r: RowView, column: SortColumn): number | string | undefined {
  switch (column) {
    case 'model':
      return r.name.toLowerCase();
    case 'vendor':
      return r.vendorName.toLowerCase();
    case 'tokens':
      return r.tokens;
    case 'saving':
      return r.difference?.amount;
    case 'priceDate':
      return r.priceDate;
    default:
      return r[column];
  }
}

/** Sorts a copy; rows without a value (unpriced) always go last, whatever the direction. */
export function sortRows(rows: RowView[], sort: UiState['sort']): RowView[] {
  const dir = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    // A model that cannot hold the request is no choice: after every one that can, whatever the column.
    const fit = Number(a.exceedsContext) - Number(b.exceedsContext);
    if (fit) return fit;
    const ka = sortKey(a, sort.column);
    const kb = sortKey(b, sort.column);
    if (ka === undefined && kb === undefined) return a.name.localeCompare(b.name);
    if (ka === undefined) return 1;
    if (kb === undefined) return -1;
    const cmp = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    return cmp * dir || a.name.localeCompare(b.name);
  });
}

export function filterRows(rows: RowView[], f: Filters): RowView[] {
  return rows.filter(
    (r) =>
      (!f.vendor || r.vendorId === f.vendor) &&
      (!f.region || r.region === f.region) &&
      (!f.capability || r.capabilities[f.capability]) &&
      (!f.equivalentsOnly || r.current || r.saving !== undefined) &&
      (f.fitsOnly === false || r.current || !r.exceedsContext),
  );
}

export interface TableResult {
  table: HTMLTableElement;
  cells: string[][];
  headers: string[];
  /** Text of the expanded price-history lines. */
  historyLines: string[];
}

/** The comparison table. Header buttons sort; arrow keys move between rows (roving focus). */
export function comparisonTable(rows: RowView[], ui: UiState, ctx: CellContext, onSort: (column: SortColumn) => void): TableResult {
  const t = ctx.t;
  const columns = COLUMNS.filter((c) => c.id === 'model' || !ctx.hidden.has(c.id));
  const headers = columns.map((c) => t(c.label));
  const head = h(
    'tr',
    {},
    ...columns.map((c, i) => {
      const active = ui.sort.column === c.id;
      const th = h(
        'th',
        { scope: 'col', class: `col-${c.id}${c.numeric ? ' num' : ''}`, 'aria-sort': active ? (ui.sort.descending ? 'descending' : 'ascending') : 'none' },
        h(
          'button',
          { type: 'button', class: 'sort', title: t('sortBy', headers[i]), 'data-column': c.id },
          headers[i],
          active ? icon(ui.sort.descending ? 'arrow-down' : 'arrow-up') : null,
        ),
      );
      return th;
    }),
  );
  const cells: string[][] = [];
  const historyLines: string[] = [];
  const body = h('tbody');
  rows.forEach((r, i) => {
    cells.push(columns.map((c) => c.text(r, ctx)));
    const tr = h('tr', {
      tabindex: i === 0 ? 0 : -1,
      'data-model': r.modelId,
      class: [r.current ? 'current' : '', r.saving ? 'cheaper' : '', r.unpriced ? 'unpriced' : '', r.exceedsContext ? 'nofit' : ''].filter(Boolean).join(' '),
      'aria-current': r.current ? 'true' : undefined,
    });
    for (const c of columns)
      tr.append(
        h(c.id === 'model' ? 'th' : 'td', { class: `col-${c.id}${c.numeric ? ' num' : ''}`, ...(c.id === 'model' ? { scope: 'row' } : {}) }, c.cell(r, ctx)),
      );
    body.append(tr);
    // The narrow layout shows the model and its cost per call; the rest of the row opens under it.
    if (ctx.expanded.has(r.modelId)) {
      const rest = columns.filter((c) => c.id !== 'model' && c.id !== 'total');
      body.append(
        h(
          'tr',
          { class: 'detail-row' },
          h('td', { colspan: columns.length }, h('dl', {}, ...rest.flatMap((c) => [h('dt', {}, t(c.label)), h('dd', {}, c.cell(r, ctx))]))),
        ),
      );
    }
    const history = ctx.history.get(r.modelId);
    if (history && ctx.historyOpen.has(r.modelId)) {
      const line = historyLine(history, t, ctx.locale);
      historyLines.push(line.text);
      body.append(h('tr', { class: 'history-row', id: historyId(r.modelId) }, h('td', { colspan: columns.length }, line.element)));
    }
  });
  const table = h('table', { class: 'comparison' }, h('thead', {}, head), body);
  table.addEventListener('click', (e) => {
    const target = e.target as HTMLElement;
    const sortButton = target.closest<HTMLButtonElement>('button.sort');
    if (sortButton?.dataset.column) onSort(sortButton.dataset.column as SortColumn);
    const use = target.closest<HTMLButtonElement>('button.use');
    if (use?.dataset.model) ctx.onUse(use.dataset.model);
    const source = target.closest<HTMLButtonElement>('button.source');
    if (source?.dataset.source) ctx.onOpenSource(source.dataset.source);
    const expand = target.closest<HTMLButtonElement>('button.expand');
    if (expand?.dataset.expand) ctx.onToggleExpand(expand.dataset.expand);
    const history = target.closest<HTMLButtonElement>('button.history-toggle');
    if (history?.dataset.history) ctx.onToggleHistory(history.dataset.history);
  });
  body.addEventListener('keydown', (e) => {
    const row = (e.target as HTMLElement).closest('tr');
    if (!row || row.classList.contains('history-row') || row.classList.contains('detail-row')) return;
    // Expanded history and detail lines sit between model rows: arrow keys move from model row to model row.
    const modelRows = Array.from(body.children).filter((x) => !x.classList.contains('history-row') && !x.classList.contains('detail-row'));
    const at = modelRows.indexOf(row);
    const next =
      e.key === 'ArrowDown'
        ? modelRows[at + 1]
        : e.key === 'ArrowUp'
          ? modelRows[at - 1]
          : e.key === 'Home'
            ? modelRows[0]
            : e.key === 'End'
              ? modelRows[modelRows.length - 1]
              : null;
    if (next instanceof HTMLElement) {
      e.preventDefault();
      row.setAttribute('tabindex', '-1');
      next.setAttribute('tabindex', '0');
      next.focus();
    }
  });
  return { table, cells, headers, historyLines };
}
