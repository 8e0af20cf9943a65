// The panel at the widths people use it at: beside the editor (about 480 px) and on a 1366 px
// screen. The answer line, the cost per call and the context warning must be on screen without
// scrolling, and at 1366 px nothing may scroll sideways.
import { editorTab, toggleMaximizedGroup, toggleSideBar, waitForValue, webviewContent } from '../lib/workbench.mjs';
import { waitForTable } from '../lib/comparisonTable.mjs';

/** Where the panel's key parts are, measured inside the webview. */
function measure(frame) {
  return frame.locator('body').evaluate(() => {
    const inView = (el) => {
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
    };
    const firstRow = document.querySelector('table.comparison tbody tr[data-model]');
    const box = document.querySelector('.table-box');
    return {
      width: innerWidth,
      answer: inView(document.querySelector('#answerLine')),
      answerText: document.querySelector('#answerLine')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      cost: inView(firstRow?.querySelector('.col-total')),
      costHeader: inView(document.querySelector('thead .col-total')),
      warning: inView(document.querySelector('#answer .too-long')),
      pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1,
      tableScrollsSideways: !!box && box.scrollWidth > box.clientWidth + 1,
    };
  });
}

/**
 * With the panel open and its tab active: sets the expected output beyond the current model's
 * window (so the answer carries the warning), measures at each width, screenshots, and resets.
 */
export async function layoutScenario(page, ctx, title, { oversized = 2_000_000 } = {}) {
  const { results, shot } = ctx;
  const frame = webviewContent(page);
  const output = frame.locator('#outputTokens');
  // The assumptions start folded on a narrow panel: open them to type.
  if (!(await output.isVisible())) await frame.locator('#controls > summary').click();
  await output.fill(String(oversized));
  await output.press('Enter');
  await waitForValue(() => frame.locator('#answer .too-long').count(), (n) => n > 0, { timeout: 30_000 });
  await waitForTable(page, (t) => t.rows.length > 0);
  await frame.locator('#controls > summary').click(); // fold them again, as a narrow panel starts
  const before = page.viewportSize();
  await editorTab(page, title).first().click();
  await page.waitForTimeout(300);
  await toggleSideBar(page);
  await toggleMaximizedGroup(page);
  try {
    for (const width of [1366, 530]) {
      await page.setViewportSize({ width, height: 800 });
      const m = await waitForValue(() => measure(frame), (x) => x.answer && x.cost, { timeout: 10_000 }).catch(() => measure(frame));
      const label = `panel ${m.width} px wide (window ${width} px)`;
      await page.screenshot({ path: shot(`layout-${width}`) });
      results.check(`${label}: the answer line is on screen without scrolling`, m.answer, m.answerText.slice(0, 160));
      results.check(`${label}: the cost per call of the first row is on screen without scrolling`, m.cost && m.costHeader, JSON.stringify(m));
      results.check(`${label}: the context warning is on screen without scrolling`, m.warning, m.answerText.slice(0, 160));
      if (width >= 1366) results.check(`${label}: nothing scrolls sideways`, !m.pageScrollsSideways && !m.tableScrollsSideways, JSON.stringify(m));
    }
  } finally {
    await page.setViewportSize(before);
    await toggleMaximizedGroup(page);
    await toggleSideBar(page);
    await frame.locator('#controls > summary').click().catch(() => {});
    await frame.locator('#reset').click().catch(() => {});
  }
}
