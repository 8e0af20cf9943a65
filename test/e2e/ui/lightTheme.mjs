// The same surfaces under the light theme: the panel must take its colours from the theme.
import { waitForTable } from '../lib/comparisonTable.mjs';
import { luminance, panelColours } from '../lib/colours.mjs';
import { editorTab, hoverUntilShown, openFile, pickColorTheme, runCommand, screenshotAround } from '../lib/workbench.mjs';
import { closePanel, focusFirstGroup, PANEL_TITLE, wideShot } from './comparison.mjs';
import { statusItem } from './statusBar.mjs';
import { layoutScenario } from './layout.mjs';

export async function lightThemeScenario(page, ctx) {
  const { results, shot, manifest } = ctx;
  await pickColorTheme(page, 'Light Modern', 'vs');
  results.check('"Preferences: Color Theme" → Light Modern applies the light theme', true);
  await focusFirstGroup(page).catch(() => {});
  await openFile(page, 'english.md');
  const item = statusItem(page, ctx);
  await item.waitFor({ timeout: 30_000 });
  await page.screenshot({ path: shot('statusbar-document') });
  const hover = page
    .locator('.workbench-hover, .monaco-hover')
    .filter({ hasText: /Tokens per tokenizer/ })
    .first();
  await hoverUntilShown(page, item, hover);
  await page.screenshot({ path: shot('statusbar-tooltip') });
  await screenshotAround(page, [hover, item], shot('tooltip-closeup')).catch(() => {});
  await page.mouse.move(700, 300);

  await runCommand(page, manifest.paletteLabel('tokenSpend.openComparison'));
  await editorTab(page, PANEL_TITLE).first().waitFor({ timeout: 30_000 });
  await waitForTable(page, (t) => t.rows.length > 0, 60_000);
  const colours = await panelColours(page);
  const bg = luminance(colours.background);
  const fg = luminance(colours.text);
  results.check(
    'panel follows the light theme (light background, dark text)',
    bg !== undefined && fg !== undefined && bg > 0.6 && fg < 0.3,
    `background ${colours.background}, text ${colours.text}`,
  );
  await page.screenshot({ path: shot('comparison-english') });
  await wideShot(page, shot('comparison-english-wide'));
  await layoutScenario(page, ctx, PANEL_TITLE);
  await closePanel(page);
}
