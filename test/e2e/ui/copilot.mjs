// A GitHub Copilot model picked from the catalogue (no sign-in): the status bar shows its AI
// credits per call, which must equal GitHub's formula for the counted tokens; the tooltip adds the
// direct API price; the panel sets "through Copilot" beside "direct API" for the same model.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callCost, callCredits, moneyMatches, pricedModel } from '../lib/expected.mjs';
import {
  editorTab,
  focusEditorTab,
  focusedRow,
  hoverUntilShown,
  layoutSettled,
  openFile,
  quickInput,
  runCommand,
  screenshotAround,
  screenshotAtSize,
  statusBarText,
  toggleMaximizedGroup,
  toggleSideBar,
  waitForValue,
  webviewContent,
} from '../lib/workbench.mjs';
import { DEFAULT_MODEL_ID, parseStatusText, statusItem } from './statusBar.mjs';
import { closePanel, PANEL_TITLE } from './comparison.mjs';

/** Sold both through Copilot and by OpenAI; the pairing line states the difference, or that there is none, from the pricing file. */
export const COPILOT_MODEL_ID = 'github-copilot/gpt-5.6-sol';
const OUTPUT_TOKENS = 500;

async function pick(page, ctx, id, name) {
  await runCommand(page, ctx.manifest.paletteLabel('tokenSpend.selectModel'));
  await quickInput(page).fill(id); // the id is in each row's detail
  await focusedRow(page, name).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

export async function copilotScenario(page, ctx) {
  const { results, workspace, shot, count } = ctx;
  const copilot = pricedModel(ctx.pricing, COPILOT_MODEL_ID);
  const direct = pricedModel(ctx.pricing, copilot.direct);
  const english = readFileSync(join(workspace, 'english.md'), 'utf8');
  await closePanel(page);
  await openFile(page, 'english.md');
  await pick(page, ctx, COPILOT_MODEL_ID, copilot.name);

  // 1. The status bar: "<tokens> tok · <credits> cr · GPT-5.6 Sol (Copilot)".
  const tokens = count(copilot.tokenizer, english);
  const item = statusItem(page, ctx);
  const text = await waitForValue(
    () => statusBarText(item),
    (t) => parseStatusText(t)?.model === copilot.name && parseStatusText(t)?.tokens === tokens,
    { timeout: 60_000 },
  );
  const shown = parseStatusText(text);
  const credits = callCredits(ctx.pricing, copilot, tokens, OUTPUT_TOKENS);
  results.equal('Copilot model: tokens counted with its tokenizer', shown?.tokens, tokens);
  results.check('Copilot model: the status bar shows AI credits ("… cr")', !!shown && / cr$/.test(shown.cost), text);
  results.check(
    "Copilot model: credits per call equal GitHub's formula (tokens × GitHub's rate ÷ $0.01)",
    !!shown && moneyMatches(shown.cost, credits),
    `shown ${shown?.cost}, expected ${credits.toPrecision(4)} credits for ${tokens} in + ${OUTPUT_TOKENS} out`,
  );
  await screenshotAtSize(page, { width: 1280, height: 360 }, shot('copilot-statusbar'));
  // The item and its neighbours, legible when shown 500 px wide.
  await screenshotAround(page, [item], shot('copilot-statusbar-closeup'), 24);

  // 2. The tooltip: credits with their value, and the same model through its direct API.
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: copilot.name }).first();
  const hoverShown = await hoverUntilShown(page, item, hover);
  results.check('Copilot model: tooltip shows on hover', hoverShown);
  if (hoverShown) {
    const tip = await hover.innerText();
    results.check(
      'Copilot tooltip: AI credits per call (1 credit = $0.01)',
      tip.includes('AI credits per call (1 credit = $0.01)'),
      tip.split('\n').slice(0, 6).join(' | '),
    );
    const directCost = callCost(ctx.pricing, direct, tokens, OUTPUT_TOKENS, 'USD');
    const m = /through its direct API \(OpenAI\): (\S+) per call/.exec(tip);
    results.check(
      'Copilot tooltip: the direct API price of the same model',
      !!m && moneyMatches(m[1], directCost),
      `${m?.[1]} against ${directCost.toPrecision(4)} USD`,
    );
    await screenshotAround(page, [hover, item], shot('copilot-tooltip'));
  }
  await page.mouse.move(700, 300);
  await page.keyboard.press('Escape');

  // 3. The panel: the pairing line under the answer, at 500 px.
  await runCommand(page, ctx.manifest.paletteLabel('tokenSpend.openComparison'));
  await editorTab(page, PANEL_TITLE).first().waitFor({ timeout: 30_000 });
  const frame = webviewContent(page);
  const line = frame.locator('#channelLine');
  await line.waitFor({ timeout: 60_000 });
  const pairText = (await line.innerText()).replace(/\s+/g, ' ').trim();
  const viaCopilot = callCost(ctx.pricing, copilot, tokens, OUTPUT_TOKENS, 'USD');
  const viaDirect = callCost(ctx.pricing, direct, tokens, OUTPUT_TOKENS, 'USD');
  const p =
    /through GitHub Copilot, (\S+) a call \(([\d.,]+) AI credits\); from the OpenAI API directly, (\S+) a call\. (Same price either way\.|Through GitHub Copilot costs (\S+) \(([\d.]+)%\) (more|less) a call\.)/.exec(
      pairText,
    );
  // GitHub resells at OpenAI's rate or its own (promotions differ by date): the expected sentence follows the file.
  const difference = viaCopilot - viaDirect;
  const samePrice = Math.abs(difference) <= Math.abs(viaDirect) * 1e-9;
  results.check('panel pairing: "through Copilot" and "direct API" for the same model', !!p, pairText);
  if (p) {
    results.check('panel pairing: cost through Copilot', moneyMatches(p[1], viaCopilot), `${p[1]} against ${viaCopilot.toPrecision(4)} USD`);
    results.check('panel pairing: its credits', moneyMatches(p[2], credits), `${p[2]} against ${credits.toPrecision(4)}`);
    results.check('panel pairing: cost through the direct API', moneyMatches(p[3], viaDirect), `${p[3]} against ${viaDirect.toPrecision(4)} USD`);
    if (samePrice) {
      results.equal('panel pairing: the same price either way', p[4], 'Same price either way.');
    } else {
      results.equal('panel pairing: dearer or cheaper through Copilot', p[7], difference > 0 ? 'more' : 'less');
      results.check(
        'panel pairing: by how much through Copilot',
        !!p[5] && moneyMatches(p[5], Math.abs(difference)),
        `${p[5]} against ${Math.abs(difference).toPrecision(4)} USD`,
      );
    }
  }
  const useDirect = (await frame.locator('#channelPair button.use-answer').innerText()).trim();
  results.equal('panel pairing: its button switches to the direct API model', useDirect, `Use ${direct.name} from the OpenAI API`);
  const before = page.viewportSize();
  await focusEditorTab(page, PANEL_TITLE);
  await toggleSideBar(page);
  await toggleMaximizedGroup(page);
  try {
    await page.setViewportSize({ width: 500, height: 800 });
    await layoutSettled(page);
    const onScreen = await line.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    });
    results.check('panel pairing at 500 px: on screen without scrolling', onScreen);
    // Every column the narrow table keeps (model, per call, saving) fits: nothing scrolls sideways.
    const table = await frame.locator('#table').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    results.check(
      'panel table at 500 px: nothing scrolls sideways',
      table.scroll <= table.client + 1,
      `table ${table.scroll} px in a box of ${table.client} px`,
    );
    await page.screenshot({ path: shot('copilot-panel-500') });
  } finally {
    await page.setViewportSize(before);
    await toggleMaximizedGroup(page);
    await toggleSideBar(page);
  }
  await closePanel(page);

  // Back to the default model for the scenarios that follow.
  const defaultModel = pricedModel(ctx.pricing, DEFAULT_MODEL_ID);
  await pick(page, ctx, DEFAULT_MODEL_ID, defaultModel.name);
  await waitForValue(
    () => statusBarText(item),
    (t) => parseStatusText(t)?.model === defaultModel.name,
    { timeout: 60_000 },
  );
}
