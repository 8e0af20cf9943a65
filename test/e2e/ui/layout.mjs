// The panel at the widths people use it at: beside the editor (about 480 px) and on a 1366 px
// screen. The answer line, the cost per call and the context warning must be on screen without
// scrolling, and at 1366 px nothing may scroll sideways.
import { focusEditorTab, toggleMaximizedGroup, toggleSideBar, waitForValue, webviewContent } from '../lib/workbench.mjs';
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
 * The lowest contrast ratio (WCAG 2: (L1 + 0.05) / (L2 + 0.05)) of the text in the answer box, the
 * 'doesn't fit' badges and the savings against what is behind it. Colours are read back through a
 * canvas, so any CSS colour syntax (color-mix, color(srgb …)) counts as it renders.
 */
export function lowestContrast(frame, selector = '#answer strong, #answer p, .badge-nofit, .saving') {
  return frame.locator('body').evaluate((body, sel) => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const g = canvas.getContext('2d', { willReadFrequently: true });
    const rgba = (css) => {
      g.clearRect(0, 0, 1, 1);
      g.fillStyle = '#000';
      g.fillStyle = css;
      g.fillRect(0, 0, 1, 1);
      const [r, gr, b, a] = g.getImageData(0, 0, 1, 1).data;
      return [r, gr, b, a / 255];
    };
    const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3]));
    const backgroundOf = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      // Under a transparent page lies the editor's background (the webview's host paints it).
      const editor = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim();
      let colour = rgba(editor || '#fff').slice(0, 3);
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const lum = ([r, gr, b]) => {
      const f = (v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(gr) + 0.0722 * f(b);
    };
    let worst = { ratio: Infinity, text: '', colour: '', background: '' };
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || !el.textContent.trim()) continue;
      const bg = backgroundOf(el);
      const fg = over(rgba(getComputedStyle(el).color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < worst.ratio)
        worst = {
          ratio: Math.round(ratio * 100) / 100,
          text: el.textContent.trim().slice(0, 60),
          colour: `rgb(${fg.map(Math.round)})`,
          background: `rgb(${bg.map(Math.round)})`,
        };
    }
    return worst;
  }, selector);
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
  await waitForValue(
    () => frame.locator('#answer .too-long').count(),
    (n) => n > 0,
    { timeout: 30_000 },
  );
  await waitForTable(page, (t) => t.rows.length > 0);
  await frame.locator('#controls > summary').click(); // fold them again, as a narrow panel starts
  const before = page.viewportSize();
  await focusEditorTab(page, title);
  await toggleSideBar(page);
  await toggleMaximizedGroup(page);
  try {
    for (const width of [1366, 530]) {
      await page.setViewportSize({ width, height: 800 });
      const m = await waitForValue(
        () => measure(frame),
        (x) => x.answer && x.cost,
        { timeout: 10_000 },
      ).catch(() => measure(frame));
      const label = `panel ${m.width} px wide (window ${width} px)`;
      await page.screenshot({ path: shot(`layout-${width}`) });
      results.check(`${label}: the answer line is on screen without scrolling`, m.answer, m.answerText.slice(0, 160));
      results.check(`${label}: the cost per call of the first row is on screen without scrolling`, m.cost && m.costHeader, JSON.stringify(m));
      results.check(`${label}: the context warning is on screen without scrolling`, m.warning, m.answerText.slice(0, 160));
      // Chinese sentences follow '。' and other full-width punctuation without a space.
      if (/[\u4e00-\u9fff]/.test(m.answerText))
        results.check(`${label}: no space after full-width punctuation in the Chinese answer`, !/[，。；：、）] /.test(m.answerText), m.answerText);
      if (width >= 1366) {
        results.check(`${label}: nothing scrolls sideways`, !m.pageScrollsSideways && !m.tableScrollsSideways, JSON.stringify(m));
        // WCAG AA for normal text: the warning, the 'doesn't fit' marks and the savings are read, not decoration.
        const c = await lowestContrast(frame);
        results.check(`${label}: answer, 'doesn't fit' and savings text contrast at least 4.5:1`, c.ratio >= 4.5, JSON.stringify(c));
      }
    }
  } finally {
    await page.setViewportSize(before);
    await toggleMaximizedGroup(page);
    await toggleSideBar(page);
    await frame
      .locator('#controls > summary')
      .click()
      .catch(() => {});
    await frame
      .locator('#reset')
      .click()
      .catch(() => {});
  }
}
