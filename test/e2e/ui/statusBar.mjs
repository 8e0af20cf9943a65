// The status-bar item, as a person sees it: tokens and cost of the open document, of a selection,
// and after picking another model from the command palette.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callCost, moneyMatches, pricedModel } from '../lib/expected.mjs';
import {
  clearSelection,
  focusedRow,
  hoverUntilShown,
  openFile,
  quickInput,
  runCommand,
  screenshotAround,
  screenshotAtSize,
  selectFirstLines,
  statusBarEntry,
  statusBarText,
  waitForValue,
} from '../lib/workbench.mjs';

export const STATUS_ITEM_ID = 'tokenSpend.status';
export const DEFAULT_MODEL_ID = 'openai/gpt-6-luna';
/** A flat-priced model with another vendor's tokenizer and another billing currency (CNY). */
export const OTHER_MODEL_ID = 'alibaba/qwen-turbo@cn';
const OUTPUT_TOKENS = 500; // the tokenSpend.outputTokens default

/** "85 tok · $0.00031 · GPT-6 Luna" → its parts (the default tokensCostModel format). */
export function parseStatusText(text) {
  const m = /^(≈?)([\d,]+) tok · (.+?) · (.+)$/.exec(text);
  return m ? { estimated: m[1] === '≈', tokens: Number(m[2].replace(/,/g, '')), cost: m[3], model: m[4] } : undefined;
}

export function statusItem(page, ctx) {
  return statusBarEntry(page, ctx.manifest.extensionId, STATUS_ITEM_ID);
}

/** Waits until the item shows `tokens` tokens for `modelName`; returns the parsed text. */
async function waitForStatus(page, ctx, tokens, modelName) {
  const item = statusItem(page, ctx);
  await item.waitFor({ timeout: 60_000 });
  const text = await waitForValue(
    () => statusBarText(item),
    (t) => {
      const p = parseStatusText(t);
      return !!p && p.tokens === tokens && p.model === modelName;
    },
  );
  return { text, parsed: parseStatusText(text) };
}

function checkStatus(ctx, label, shown, expected) {
  const { results } = ctx;
  results.check(`${label}: status bar reads "<tokens> tok · <cost> · <model>"`, !!shown.parsed, shown.text);
  if (!shown.parsed) return;
  results.equal(`${label}: tokens`, shown.parsed.tokens, expected.tokens);
  results.equal(`${label}: model`, shown.parsed.model, expected.model.name);
  results.check(`${label}: exact count (no ≈)`, !shown.parsed.estimated, shown.text);
  const cost = callCost(ctx.pricing, expected.model, expected.tokens, OUTPUT_TOKENS, 'USD');
  results.check(
    `${label}: cost per call`,
    shown.parsed.cost.startsWith('$') && moneyMatches(shown.parsed.cost, cost),
    `shown ${shown.parsed.cost}, expected ${cost.toPrecision(4)} USD`,
  );
}

export async function statusBarScenario(page, ctx) {
  const { results, count, workspace, shot } = ctx;
  const defaultModel = pricedModel(ctx.pricing, DEFAULT_MODEL_ID);
  const otherModel = pricedModel(ctx.pricing, OTHER_MODEL_ID);
  const english = readFileSync(join(workspace, 'english.md'), 'utf8');
  const chinese = readFileSync(join(workspace, 'chinese.md'), 'utf8');

  // 1. Whole document, default model.
  await openFile(page, 'english.md');
  const whole = count(defaultModel.tokenizer, english);
  checkStatus(ctx, 'english.md', await waitForStatus(page, ctx, whole, defaultModel.name), { tokens: whole, model: defaultModel });
  await page.screenshot({ path: shot('statusbar-document') });

  // 2. A selection: the first three lines (with their line breaks).
  await selectFirstLines(page, 3);
  const selectedText = english.split('\n').slice(0, 3).join('\n') + '\n';
  const selected = count(defaultModel.tokenizer, selectedText);
  checkStatus(ctx, 'selection of 3 lines', await waitForStatus(page, ctx, selected, defaultModel.name), { tokens: selected, model: defaultModel });
  results.check('selection count differs from document count', selected !== whole, `${selected} vs ${whole}`);
  await page.screenshot({ path: shot('statusbar-selection') });
  await screenshotAtSize(page, { width: 1280, height: 360 }, shot('statusbar-selection-short'));
  await clearSelection(page);
  const back = await waitForStatus(page, ctx, whole, defaultModel.name);
  results.equal('selection cleared: back to the whole document', back.parsed?.tokens, whole);

  // 3. The tooltip: hover the item.
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: defaultModel.name }).first();
  const hoverShown = await hoverUntilShown(page, statusItem(page, ctx), hover);
  results.check('tooltip shows on hover with the model name', hoverShown);
  if (hoverShown) {
    const tip = await hover.innerText();
    results.check(
      'tooltip names the document and its token count',
      tip.includes('english.md') && tip.includes(String(whole)),
      tip.split('\n').slice(0, 4).join(' | '),
    );
    // The cross-vendor part follows after a pause; wait for it so the screenshot shows the whole tooltip.
    await hover
      .filter({ hasText: /Tokens per tokenizer|各分词器/ })
      .waitFor({ timeout: 15_000 })
      .catch(() => {});
    await page.screenshot({ path: shot('statusbar-tooltip') });
    await screenshotAround(page, [hover, statusItem(page, ctx)], shot('tooltip-closeup'));
  }
  await page.mouse.move(700, 300);
  await page.keyboard.press('Escape');

  // 4. Another model through the command palette: Token Spend: Select Model.
  await runCommand(page, ctx.manifest.paletteLabel('tokenSpend.selectModel'));
  const input = quickInput(page);
  await input.waitFor({ state: 'visible' });
  await input.fill(OTHER_MODEL_ID); // the id is in each row's detail, which the picker matches on
  await focusedRow(page, otherModel.name).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: shot('select-model') });
  await page.keyboard.press('Enter');
  const otherWhole = count(otherModel.tokenizer, english);
  checkStatus(ctx, `english.md with ${otherModel.name}`, await waitForStatus(page, ctx, otherWhole, otherModel.name), {
    tokens: otherWhole,
    model: otherModel,
  });

  // 5. The Chinese fixture with that model: another script, another count.
  await openFile(page, 'chinese.md');
  const zhTokens = count(otherModel.tokenizer, chinese);
  checkStatus(ctx, `chinese.md with ${otherModel.name}`, await waitForStatus(page, ctx, zhTokens, otherModel.name), { tokens: zhTokens, model: otherModel });
  await page.screenshot({ path: shot('statusbar-chinese') });

  // Back to the default model for the scenarios that follow.
  await runCommand(page, ctx.manifest.paletteLabel('tokenSpend.selectModel'));
  await quickInput(page).fill(DEFAULT_MODEL_ID);
  await focusedRow(page, defaultModel.name).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await waitForStatus(page, ctx, count(defaultModel.tokenizer, chinese), defaultModel.name);
}
