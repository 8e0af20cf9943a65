// Show Pricing Sources, as a person opens it from the palette: a webview page listing every price's
// vendor, source and checked date. Checked for content in the UI's language, readable contrast and
// no sideways scrolling at 1366, 530 and 300 px, screenshotted, and closed again.
import { editorTab, layoutSettled, runCommand, toggleSideBar, webviewContent } from '../lib/workbench.mjs';
import { lowestContrast } from './layout.mjs';

const CJK = /[\u4e00-\u9fff]/;

/** Show Pricing Sources; `zh` when the window's display language is Chinese. */
export async function sourcesPageScenario(page, ctx, { zh = false } = {}) {
  const { results, shot, manifest, l10nZh } = ctx;
  const englishTitle = 'Token Spend: pricing sources';
  const title = zh ? (l10nZh[englishTitle] ?? englishTitle) : englishTitle;
  // The widths below assume the page has the editor area to itself: start from one editor group
  // whatever the scenario before left open.
  await runCommand(page, 'View: Close All Editor Groups');
  await runCommand(page, manifest.paletteLabel('tokenSpend.showPricingSources', zh ? 'zh-cn' : 'en'));
  await editorTab(page, title).first().waitFor({ timeout: 30_000 });
  const frame = webviewContent(page);
  await frame.locator('section.src-vendor').first().waitFor({ timeout: 30_000 });
  const facts = () =>
    frame.locator('body').evaluate(() => ({
      heading: document.querySelector('h1')?.textContent ?? '',
      vendors: document.querySelectorAll('section.src-vendor').length,
      rows: document.querySelectorAll('.src-row').length,
      scrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
      width: innerWidth,
      // Text of the page that is neither a vendor's or model's name nor an address: what must be translated.
      prose: [...document.querySelectorAll('h1, .src-summary, .src-stale-line, .src-rates, .src-controls label, .src-page, h3, .src-checked, .src-source')]
        .map((e) => e.textContent.trim())
        .filter(Boolean),
    }));
  const first = await facts();
  results.check(
    `pricing sources page lists vendors and their prices (${zh ? 'Chinese' : 'English'} UI)`,
    first.vendors > 5 && first.rows > 50,
    `${first.vendors} vendors, ${first.rows} rows`,
  );
  if (zh) {
    const english = first.prose.filter((p) => !CJK.test(p) && /[a-z]{3,}/i.test(p));
    results.check(
      'pricing sources page in Chinese: heading, summary, labels',
      CJK.test(first.heading) && english.length === 0,
      english.slice(0, 3).join(' | ') || first.heading,
    );
  }
  const contrast = await lowestContrast(frame, '.src-summary, .src-stale-line, .src-rates, .src-checked, .src-stale, .src-price, .src-name');
  results.check(`pricing sources page: text contrast at least 4.5:1 (${zh ? 'Chinese UI' : 'light theme'})`, contrast.ratio >= 4.5, JSON.stringify(contrast));
  await page.screenshot({ path: shot('sources') });
  // The page with the whole window but the activity bar at 1366, 530 (about 480 px wide) and 300 px (a
  // narrow split, about 250 px).
  // It opened in the active editor group, the only one: hiding the side bar gives it the window.
  const before = page.viewportSize();
  await toggleSideBar(page);
  try {
    for (const width of [1366, 530, 300]) {
      await page.setViewportSize({ width, height: 800 });
      await layoutSettled(page);
      const m = await facts();
      results.check(`pricing sources page ${m.width} px wide: nothing scrolls sideways`, !m.scrollsSideways, `window ${width} px`);
      await page.screenshot({ path: shot(`sources-${width}`) });
    }
  } finally {
    await page.setViewportSize(before);
    await toggleSideBar(page);
  }
  const tab = editorTab(page, title).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
}
