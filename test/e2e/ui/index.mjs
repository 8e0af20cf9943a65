// The UI scenarios, in order, each in the real workbench in headless Chromium. A scenario that
// throws counts as one failure (with a screenshot) and the next one still runs.
import { copyFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/browser.mjs';
import { loadPricing, makeCounter } from '../lib/expected.mjs';
import { readL10nBundle, readManifest } from '../lib/manifest.mjs';
import { setDisplayLanguage } from '../lib/locale.mjs';
import { openWorkbench, restoreWorkbench, waitForThemeKind } from '../lib/workbench.mjs';
import { comparisonScenario } from './comparison.mjs';
import { lightThemeScenario } from './lightTheme.mjs';
import { chineseUiScenario } from './chineseUi.mjs';
import { statusBarScenario } from './statusBar.mjs';
import { pointSpendAtFixtures, spendScenario } from './spend.mjs';
import { sourcesPageScenario } from './pages.mjs';
import { copilotScenario } from './copilot.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..', '..');

async function guarded(name, page, ctx, fn) {
  const started = Date.now();
  const viewport = page.viewportSize();
  console.log(`\n  ${name}`);
  try {
    await fn(page, ctx);
  } catch (e) {
    ctx.results.check(
      `${name} ran to the end`,
      false,
      String(e?.message ?? e)
        .split('\n')
        .filter((l) => l.trim() && !/^=+/.test(l.trim()))
        .slice(0, 3)
        .join(' / '),
    );
    await page.screenshot({ path: ctx.shot(`error-${name.replace(/\W+/g, '-')}`) }).catch(() => {});
    // The next scenario starts from the workbench as usual, so one failure is not counted twice.
    await restoreWorkbench(page, viewport);
  }
  console.log(`  (${name}: ${((Date.now() - started) / 1000).toFixed(1)}s)`);
}

export async function runUiScenarios({ serverUrl, workspace, shotsDir, results, userDataDir }) {
  const manifest = readManifest(root);
  const base = {
    results,
    workspace,
    manifest,
    pricing: loadPricing(root),
    count: makeCounter(root),
    l10nZh: readL10nBundle(root, 'zh-cn'),
  };

  // English UI, dark theme (the default), then the same window switched to the light theme.
  setDisplayLanguage(userDataDir, 'en');
  pointSpendAtFixtures(userDataDir, workspace);
  {
    const { browser, context, refusedHosts } = await launchBrowser();
    try {
      const page = await context.newPage();
      const ctx = { ...base, shot: (name) => join(shotsDir, `en-dark-${name}.png`) };
      await openWorkbench(page, serverUrl, workspace);
      await waitForThemeKind(page, 'vs-dark');
      await guarded('status bar', page, ctx, statusBarScenario);
      await guarded('comparison panel', page, ctx, comparisonScenario);
      await guarded('GitHub Copilot model', page, ctx, copilotScenario);
      await guarded('Spend view', page, ctx, spendScenario);
      const light = { ...ctx, shot: (name) => join(shotsDir, `en-light-${name}.png`) };
      await guarded('light theme', page, light, lightThemeScenario);
      await guarded('pricing sources page', page, light, (p, c) => sourcesPageScenario(p, c));
    } finally {
      await browser.close();
      results.check('the workbench made no request outside 127.0.0.1 (English run)', refusedHosts.size === 0, [...refusedHosts].join(', '));
    }
  }

  // Chinese UI: VS Code's display language set to zh-cn, as "Configure Display Language" does.
  setDisplayLanguage(userDataDir, 'zh-cn');
  // The light theme the English window picked is in the user settings now: start from the fixture's again (dark).
  copyFileSync(join(here, '../fixtures/settings.json'), join(userDataDir, 'User/settings.json'));
  pointSpendAtFixtures(userDataDir, workspace);
  {
    const { browser, context, refusedHosts } = await launchBrowser({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const ctx = { ...base, shot: (name) => join(shotsDir, `zh-cn-${name}.png`) };
      await openWorkbench(page, serverUrl, workspace);
      await waitForThemeKind(page, 'vs-dark');
      await guarded('Chinese UI', page, ctx, chineseUiScenario);
      await guarded('Spend view (Chinese)', page, { ...ctx, chinese: true }, spendScenario);
      await guarded('pricing sources page (Chinese UI)', page, ctx, (p, c) => sourcesPageScenario(p, c, { zh: true }));
    } finally {
      await browser.close();
      results.check('the workbench made no request outside 127.0.0.1 (Chinese run)', refusedHosts.size === 0, [...refusedHosts].join(', '));
      // Windows opened after this one (the extension-host suites) are English again.
      setDisplayLanguage(userDataDir, 'en');
    }
  }
}
