// Reads the comparison panel's table out of its webview and checks it against the reference
// counts and list prices.
import { callCost, moneyMatches } from './expected.mjs';
import { waitForValue, webviewContent } from './workbench.mjs';

/** { columns: ['model', 'vendor', 'tokens', …], rows: [{ id, cells: { model: '…', total: '$0.01', … } }] } */
export async function readTable(page) {
  const table = webviewContent(page).locator('table.comparison');
  await table.waitFor({ timeout: 60_000 });
  return table.evaluate((t) => {
    const columns = [...t.querySelectorAll('thead button.sort')].map((b) => b.getAttribute('data-column'));
    const sort = [...t.querySelectorAll('thead th')].map((th) => th.getAttribute('aria-sort'));
    const rows = [...t.querySelectorAll('tbody tr')].map((tr) => {
      const cells = {};
      const free = [];
      [...tr.children].forEach((cell, i) => {
        cells[columns[i]] = cell.textContent.replace(/\s+/g, ' ').trim();
        if (cell.querySelector('.free')) free.push(columns[i]);
      });
      return { id: tr.getAttribute('data-model'), current: tr.getAttribute('aria-current') === 'true', cells, free };
    });
    return { columns, sort, rows };
  });
}

/** Waits until `accept(table)` holds (the webview re-renders after each host message). */
export function waitForTable(page, accept, timeout = 30_000) {
  return waitForValue(
    () => readTable(page).catch(() => undefined),
    (t) => !!t && accept(t),
    { timeout, interval: 250 },
  );
}

/** The number shown in a money cell; undefined for "unpriced". */
export function moneyValue(text) {
  const m = /(\d[\d,]*(?:\.\d+)?)/.exec(text ?? '');
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

export function tokensValue(text) {
  const m = /^(≈?)([\d,]+)/.exec(text ?? '');
  return m ? { estimated: m[1] === '≈', tokens: Number(m[2].replace(/,/g, '')) } : undefined;
}

const EXACT = new Set(['o200k_base', 'cl100k_base', 'qwen3', 'deepseek_v3', 'tekken']);

/** A model priced by plain list rates: no tiers, no time windows, not free. */
export function isFlatPriced(model) {
  const p = model.price;
  return !!p?.rates && !p.tiers && !p.timeWindows && !p.free;
}

/**
 * Checks every row of a table for `text`: one row per model of the pricing file, the reference
 * count for each exactly-counted model, and the list-price total of each flat-priced model.
 */
export function checkRows(ctx, label, table, text, outputTokens) {
  const { results, pricing, count } = ctx;
  const ids = new Set(table.rows.map((r) => r.id));
  const missing = pricing.models.filter((m) => !ids.has(m.id)).map((m) => m.id);
  results.check(
    `${label}: one row per model of the pricing file (${pricing.models.length})`,
    missing.length === 0 && table.rows.length === pricing.models.length,
    `${table.rows.length} rows${missing.length ? `, missing ${missing.slice(0, 5).join(', ')}` : ''}`,
  );

  const tokenErrors = [];
  const costErrors = [];
  let exactRows = 0,
    pricedRows = 0;
  for (const row of table.rows) {
    const model = pricing.models.find((m) => m.id === row.id);
    if (!model) continue;
    const shown = tokensValue(row.cells.tokens);
    if (EXACT.has(model.tokenizer)) {
      exactRows++;
      const expected = count(model.tokenizer, text);
      if (!shown || shown.estimated || shown.tokens !== expected) tokenErrors.push(`${model.id}: shown "${row.cells.tokens}", expected ${expected} exact`);
    } else if (!shown?.estimated) {
      tokenErrors.push(`${model.id}: ${model.tokenizer} has no offline tokenizer but "${row.cells.tokens}" is not marked ≈ estimated`);
    }
    if (isFlatPriced(model) && EXACT.has(model.tokenizer)) {
      pricedRows++;
      const expected = callCost(pricing, model, count(model.tokenizer, text), outputTokens, 'USD');
      if (!moneyMatches(row.cells.total, expected)) costErrors.push(`${model.id}: shown ${row.cells.total}, expected ${expected.toPrecision(4)} USD`);
    }
  }
  results.check(
    `${label}: token counts of all ${table.rows.length} rows (${exactRows} exact equal the reference tokenizers, the rest marked ≈)`,
    tokenErrors.length === 0,
    tokenErrors.slice(0, 3).join('; '),
  );
  results.check(
    `${label}: per-call totals of the ${pricedRows} flat-priced, exactly counted models at list price with ${outputTokens} output tokens`,
    pricedRows > 0 && costErrors.length === 0,
    costErrors.slice(0, 3).join('; ') || `${pricedRows} checked`,
  );
  return { exactRows, pricedRows };
}

/** Values of a column in table order, unpriced ones as undefined. */
export function columnValues(table, column) {
  return table.rows.map((r) => {
    if (column === 'tokens') return tokensValue(r.cells.tokens)?.tokens;
    return r.free.includes(column) ? 0 : moneyValue(r.cells[column]); // "free" is worth 0
  });
}

/** Defined values are in order and every undefined one comes after them. */
export function isSorted(values, descending) {
  const defined = values.filter((v) => v !== undefined);
  const firstUndefined = values.findIndex((v) => v === undefined);
  if (firstUndefined !== -1 && values.slice(firstUndefined).some((v) => v !== undefined)) return false;
  return defined.every((v, i) => i === 0 || (descending ? defined[i - 1] >= v : defined[i - 1] <= v));
}
