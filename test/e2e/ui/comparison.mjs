// The comparison panel: opened from the command palette and from a status-bar click; its rows for
// an English and a Chinese fixture; sorting by clicking a column header; re-pricing when an input
// of the panel changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callCost, moneyMatches, pricedModel } from '../lib/expected.mjs';
import { checkRows, columnValues, isSorted, waitForTable } from '../lib/comparisonTable.mjs';
import {
  editorTab,
  focusEditorTab,
  layoutSettled,
  openFile,
  runCommand,
  toggleMaximizedGroup,
  toggleSideBar,
  waitForValue,
  webviewContent,
} from '../lib/workbench.mjs';
import { luminance, panelColours } from '../lib/colours.mjs';
import { DEFAULT_MODEL_ID, statusItem } from './statusBar.mjs';
import { layoutScenario } from './layout.mjs';

export const PANEL_TITLE = 'Token Spend: Cost Comparison';
const OUTPUT_TOKENS = 500;

/** Focuses the first editor group (the panel opens beside it) so Quick Open opens files there. */
export async function focusFirstGroup(page) {
  await page
    .locator('.editor-group-container')
    .first()
    .locator('.monaco-editor .view-lines')
    .first()
    .click({ position: { x: 5, y: 5 } });
}

export async function closePanel(page, title = PANEL_TITLE) {
  const tab = editorTab(page, title);
  if (!(await tab.count())) return;
  await tab.first().hover();
  await tab.first().locator('.tab-actions .action-label').first().click();
  await tab.first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * A screenshot of the panel given the whole window but the activity bar (the table is wider than
 * half a window): side bar hidden and the panel's editor group maximized, both put back after.
 */
export async function wideShot(page, path, title = PANEL_TITLE) {
  await focusEditorTab(page, title); // maximizing acts on the active group: the panel's
  await toggleSideBar(page);
  await toggleMaximizedGroup(page);
  await layoutSettled(page); // the webview re-lays out its table at the new width
  await page.screenshot({ path });
  await toggleMaximizedGroup(page);
  await toggleSideBar(page);
}

/** Clicks the column's header until it reports `want` (ascending/descending); returns the redrawn table. */
async function sortBy(page, column, want) {
  const header = webviewContent(page)
    .locator('thead th')
    .filter({ has: page.locator(`button.sort[data-column="${column}"]`) });
  for (let clicks = 0; clicks < 3; clicks++) {
    const before = await header.getAttribute('aria-sort');
    if (before === want) break;
    await webviewContent(page).locator(`thead button.sort[data-column="${column}"]`).click();
    await waitForValue(
      () => header.getAttribute('aria-sort'),
      (v) => v !== before,
      { timeout: 10_000 },
    );
  }
  return waitForTable(page, (t) => t.sort[t.columns.indexOf(column)] === want);
}

/** Waits for the table of `fileName`'s whole text (the source line names the file). */
async function tableFor(page, ctx, fileName, text) {
  const expectedTokens = ctx.count('o200k_base', text);
  return waitForTable(
    page,
    (t) => {
      const row = t.rows.find((r) => r.id === DEFAULT_MODEL_ID);
      return t.rows.length === ctx.pricing.models.length && !!row && row.cells.tokens.startsWith(`${expectedTokens} `);
    },
    60_000,
  );
}

export async function comparisonScenario(page, ctx) {
  const { results, workspace, shot, manifest } = ctx;
  const english = readFileSync(join(workspace, 'english.md'), 'utf8');
  const chinese = readFileSync(join(workspace, 'chinese.md'), 'utf8');
  const gptMini = pricedModel(ctx.pricing, DEFAULT_MODEL_ID);

  // 1. From the command palette, on the English fixture.
  await openFile(page, 'english.md');
  await runCommand(page, manifest.paletteLabel('tokenSpend.openComparison'), { shot: shot('palette') });
  await editorTab(page, PANEL_TITLE).first().waitFor({ timeout: 30_000 });
  results.check('palette: "Open Cost Comparison" opens the panel tab', true, PANEL_TITLE);
  const frame = webviewContent(page);
  const source = await frame.locator('#source').innerText({ timeout: 60_000 });
  let table = await tableFor(page, ctx, 'english.md', english);
  results.check('panel source line names english.md', source.includes('english.md'), source);
  checkRows(ctx, 'english.md', table, english, OUTPUT_TOKENS);
  const current = table?.rows.filter((r) => r.current).map((r) => r.id) ?? [];
  results.check('the current model is the one marked current', current.length === 1 && current[0] === DEFAULT_MODEL_ID, current.join(', '));
  await page.screenshot({ path: shot('comparison-english') });
  await wideShot(page, shot('comparison-english-wide'));

  // 2. Sorting: the per-call total ascending, then descending; tokens ascending. Beside the editor the
  // panel is narrow and shows only the model and its cost: give it the window to reach every header.
  await focusEditorTab(page, PANEL_TITLE);
  await toggleSideBar(page);
  await toggleMaximizedGroup(page);
  for (const [column, want] of [
    ['total', 'ascending'],
    ['total', 'descending'],
    ['tokens', 'ascending'],
  ]) {
    table = await sortBy(page, column, want);
    const values = columnValues(table, column);
    results.check(
      `sorting by ${column} ${want}: header marked and rows in order`,
      table.sort[table.columns.indexOf(column)] === want && isSorted(values, want === 'descending'),
      `${values.slice(0, 4).join(', ')} … (${values.filter((v) => v !== undefined).length} with a value)`,
    );
    if (column === 'total' && want === 'ascending') await page.screenshot({ path: shot('comparison-sorted-total') });
  }
  await toggleMaximizedGroup(page);
  await toggleSideBar(page);
  const colours = await panelColours(page);
  results.check(
    'panel follows the dark theme (dark background, light text)',
    luminance(colours.background) < 0.1 && luminance(colours.text) > 0.4,
    `background ${colours.background}, text ${colours.text}`,
  );

  // 3. A changed input re-prices: expected output tokens 500 → 2000 in the panel.
  const output = frame.locator('#outputTokens');
  if (!(await output.isVisible())) await frame.locator('#controls > summary').click(); // folded on a narrow panel
  await output.fill('2000');
  await output.press('Enter');
  table = await waitForTable(page, (t) => {
    const row = t.rows.find((r) => r.id === DEFAULT_MODEL_ID);
    return !!row && moneyMatches(row.cells.total, callCost(ctx.pricing, gptMini, ctx.count('o200k_base', english), 2000, 'USD'));
  });
  checkRows(ctx, 'english.md re-priced at 2,000 output tokens', table, english, 2000);
  await page.screenshot({ path: shot('comparison-repriced') });
  await frame.locator('#reset').click();
  await waitForTable(page, (t) => {
    const row = t.rows.find((r) => r.id === DEFAULT_MODEL_ID);
    return !!row && moneyMatches(row.cells.total, callCost(ctx.pricing, gptMini, ctx.count('o200k_base', english), OUTPUT_TOKENS, 'USD'));
  });
  results.check('"Use settings" puts the settings\' 500 output tokens back', (await output.inputValue()) === String(OUTPUT_TOKENS), await output.inputValue());

  // 3a. "Add the instruction files agents send with every request": the workspace's AGENTS.md joins
  // every row's input, and a line above the table names it with its tokens.
  const agents = readFileSync(join(workspace, 'AGENTS.md'), 'utf8');
  const withAgents = ctx.count('o200k_base', english) + ctx.count('o200k_base', agents);
  await frame.locator('#alwaysSent').check();
  table = await waitForTable(
    page,
    (t) => t.rows.find((r) => r.id === DEFAULT_MODEL_ID)?.cells.tokens.startsWith(`${withAgents.toLocaleString('en')} `) === true,
  );
  const alwaysSentLine = await frame.locator('#alwaysSentLine').innerText({ timeout: 30_000 });
  results.check(
    'always-sent option: every row counts english.md + AGENTS.md, and the line above the table names AGENTS.md',
    !!table && /^Every row includes what .+ sends with every request: AGENTS\.md \(\d+\); \d+ tokens for /.test(alwaysSentLine.trim()),
    alwaysSentLine.trim(),
  );
  await page.screenshot({ path: shot('comparison-always-sent') });
  await frame.locator('#alwaysSent').uncheck();
  await waitForTable(page, (t) => t.rows.find((r) => r.id === DEFAULT_MODEL_ID)?.cells.tokens.startsWith(`${ctx.count('o200k_base', english)} `) === true);

  // 3b. Widths: beside the editor (480 px) and a 1366 px screen, with the request too big for the current model.
  await layoutScenario(page, ctx, PANEL_TITLE);
  await waitForTable(page, (t) => t.rows.length === ctx.pricing.models.length);

  // 4. The Chinese fixture: the panel follows the active editor.
  await focusFirstGroup(page);
  await openFile(page, 'chinese.md');
  table = await tableFor(page, ctx, 'chinese.md', chinese);
  results.check('panel follows the editor to chinese.md', (await frame.locator('#source').innerText()).includes('chinese.md'));
  checkRows(ctx, 'chinese.md', table, chinese, OUTPUT_TOKENS);
  await page.screenshot({ path: shot('comparison-chinese') });

  // 5. From a click on the status-bar item.
  await closePanel(page);
  results.check('panel closed', (await editorTab(page, PANEL_TITLE).count()) === 0);
  await focusFirstGroup(page);
  await statusItem(page, ctx).click();
  await editorTab(page, PANEL_TITLE).first().waitFor({ timeout: 30_000 });
  table = await tableFor(page, ctx, 'chinese.md', chinese);
  results.check('status-bar click opens the panel on the active document', !!table && (await frame.locator('#source').innerText()).includes('chinese.md'));
  await closePanel(page);
}
