// The Chinese UI: with VS Code's display language zh-cn, the command palette shows the manifest's
// Chinese titles (package.nls.zh-cn.json), and the status bar and panel speak Chinese
// (l10n/bundle.l10n.zh-cn.json and the panel's own string table).
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForTable } from '../lib/comparisonTable.mjs';
import { webviewTranslator } from '../lib/manifest.mjs';
import {
  clearSelection,
  editorTab,
  hoverUntilShown,
  openFile,
  quickInput,
  quickPickLabels,
  runCommand,
  screenshotAround,
  selectFirstLines,
  showCommandPalette,
  statusBarText,
  waitForValue,
  webviewContent,
} from '../lib/workbench.mjs';
import { closePanel, focusFirstGroup, PANEL_TITLE, wideShot } from './comparison.mjs';
import { DEFAULT_MODEL_ID, statusItem } from './statusBar.mjs';
import { layoutScenario } from './layout.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CJK = /[\u4e00-\u9fff]/;

export async function chineseUiScenario(page, ctx) {
  const { results, shot, manifest, l10nZh, workspace } = ctx;
  const commands = (manifest.pkg.contributes?.commands ?? []).map((c) => c.command);

  // 1. Command titles in the palette (with text selected, so "Compare Cost of Selection" is offered too).
  // The palette draws only the rows that fit its list (about ten of the 13 commands): filter it by each
  // command's Chinese title in turn and look for that row, so every command is proven, not the first ten.
  await openFile(page, 'english.md');
  await selectFirstLines(page, 3);
  const zhCategory = manifest.paletteLabel(commands[0], 'zh-cn').split(': ')[0];
  await showCommandPalette(page, zhCategory);
  await quickPickLabels(page);
  await page.screenshot({ path: shot('palette') });
  const missing = [];
  const input = quickInput(page);
  for (const command of commands) {
    const zh = manifest.paletteLabel(command, 'zh-cn');
    const en = manifest.paletteLabel(command, 'en');
    if (zh === en || !CJK.test(zh)) {
      missing.push(`${command} has no Chinese title in package.nls.zh-cn.json`);
      continue;
    }
    await input.fill(`>${zh}`);
    const labels = await waitForValue(
      () => quickPickLabels(page).catch(() => []),
      (l) => l.some((x) => x.includes(zh)),
      { timeout: 10_000 },
    );
    if (!labels.some((l) => l.includes(zh))) missing.push(`"${zh}" not in the palette (shown: ${labels.slice(0, 3).join(' | ') || 'nothing'})`);
  }
  results.check(
    `palette shows the Chinese titles of all ${commands.length} commands`,
    missing.length === 0,
    missing.slice(0, 3).join('; ') || `${commands.length} titles found one by one`,
  );
  await page.keyboard.press('Escape');

  // 2. The status bar in Chinese.
  await clearSelection(page);
  const english = readFileSync(join(workspace, 'english.md'), 'utf8');
  const tokens = ctx.count('o200k_base', english);
  const tokWord = (l10nZh['{0} tok'] ?? '{0} tok').replace('{0}', String(tokens));
  const item = statusItem(page, ctx);
  await item.waitFor({ timeout: 60_000 });
  const text = await waitForValue(
    () => statusBarText(item),
    (t) => t.startsWith(tokWord),
  );
  results.check('status bar: token count with the Chinese unit word', text.startsWith(tokWord), `${text} (expected to start with "${tokWord}")`);
  const label = await item.getAttribute('aria-label');
  results.check('status bar: accessible label in Chinese', !!label && CJK.test(label), label ?? '');
  const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'english.md' }).first();
  if (await hoverUntilShown(page, item, hover)) {
    const tip = await hover.innerText();
    results.check('status bar tooltip in Chinese', CJK.test(tip), tip.split('\n').slice(0, 3).join(' | '));
    // The cross-vendor part of the tooltip arrives after a pause; wait for it so the screenshot is complete.
    await hover
      .filter({ hasText: l10nZh['Tokens per tokenizer:'] ?? 'Tokens per tokenizer:' })
      .waitFor({ timeout: 15_000 })
      .catch(() => {});
    await page.screenshot({ path: shot('statusbar-tooltip') });
    await screenshotAround(page, [hover, item], shot('tooltip-closeup'));
  } else {
    results.check('status bar tooltip in Chinese', false, 'no tooltip on hover');
  }
  await page.mouse.move(700, 300);

  // 3. The panel, opened with its Chinese palette title.
  await runCommand(page, manifest.paletteLabel('tokenSpend.openComparison', 'zh-cn'));
  const zhTab = l10nZh[PANEL_TITLE];
  results.check('panel tab title in Chinese', !!zhTab && CJK.test(zhTab), zhTab ?? `no zh-cn entry for "${PANEL_TITLE}" in l10n/bundle.l10n.zh-cn.json`);
  await editorTab(page, zhTab ?? PANEL_TITLE)
    .first()
    .waitFor({ timeout: 30_000 });
  await waitForTable(page, (t) => t.rows.some((r) => r.id === DEFAULT_MODEL_ID), 60_000);
  const t = await webviewTranslator(root, 'zh-cn');
  const frame = webviewContent(page);
  const heading = await frame.locator('h1').innerText();
  results.equal('panel heading in Chinese', heading.trim(), t('title'));
  const headers = await frame.locator('table.comparison thead button.sort').allInnerTexts();
  const expectedHeaders = ['colModel', 'colVendor', 'colTokens', 'colInput', 'colOutput', 'colTotal'].map((k) => t(k));
  results.check(
    'panel column headers in Chinese',
    expectedHeaders.every((h) => headers.some((x) => x.trim() === h)),
    headers.join(' | '),
  );
  // textContent: the assumptions start folded on a panel this narrow.
  const fieldLabels = await frame.locator('fieldset.assumptions label').allTextContents();
  results.check(
    'panel input labels in Chinese',
    fieldLabels.some((l) => l.trim() === t('outputTokens')) && fieldLabels.every((l) => CJK.test(l)),
    fieldLabels.join(' | '),
  );
  const lang = await frame.locator('html').getAttribute('lang');
  results.equal('panel page language', lang, 'zh-CN');
  await page.screenshot({ path: shot('comparison-english') });
  await wideShot(page, shot('comparison-english-wide'), zhTab ?? PANEL_TITLE);
  await layoutScenario(page, ctx, zhTab ?? PANEL_TITLE);

  // 4. The Chinese fixture in the Chinese UI (the README's screenshot): the panel follows the editor.
  await focusFirstGroup(page);
  await openFile(page, 'chinese.md');
  const followed = await waitForValue(
    () => frame.locator('#source').innerText(),
    (s) => s.includes('chinese.md'),
    { timeout: 30_000 },
  );
  results.check('panel follows the editor to chinese.md (Chinese UI)', followed.includes('chinese.md'), followed);
  await waitForTable(page, (t) => t.rows.some((r) => r.id === DEFAULT_MODEL_ID), 60_000);
  await wideShot(page, shot('comparison-chinese-wide'), zhTab ?? PANEL_TITLE);
  await closePanel(page, zhTab ?? PANEL_TITLE);
}
