// The Spend view on fixture agent logs: tokenSpend.usage.paths points every source at a copy of
// test/fixtures/usage (the machine's own ~/.claude and the like are never read: a named path
// replaces the default location), the view is opened from the palette, widened to about 500 px
// and photographed for the README.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutSettled, runCommand, waitForValue, webviewContent } from '../lib/workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCES = ['claude-code', 'codex', 'gemini-cli', 'cline', 'roo-code', 'kilo-code', 'continue', 'copilot'];
const CJK = /[\u4e00-\u9fff]/;

/** Copies the fixture logs next to the workspace and names them in the user settings. */
export function pointSpendAtFixtures(userDataDir, workspace) {
  const logs = join(workspace, '..', 'agent-logs');
  mkdirSync(logs, { recursive: true });
  cpSync(join(root, 'test/fixtures/usage'), logs, { recursive: true });
  mkdirSync(join(logs, 'kilo-code'), { recursive: true }); // no Kilo Code fixture: an empty folder, not ~/.config
  // tokenSpend.usage.paths is machine-scoped: code-server applies it from the Machine settings, not the User ones.
  const file = join(userDataDir, 'Machine/settings.json');
  mkdirSync(dirname(file), { recursive: true });
  const settings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8') || '{}') : {};
  settings['tokenSpend.usage.paths'] = Object.fromEntries(SOURCES.map((s) => [s, [join(logs, s)]]));
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

/** Drags the sash right of the primary side bar until the bar is `width` px wide. */
async function widenSideBar(page, width) {
  const bar = page.locator('.part.sidebar');
  const box = await bar.boundingBox();
  if (!box) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  await layoutSettled(page);
}

export async function spendScenario(page, ctx) {
  const { results, shot, manifest, chinese } = ctx;
  await runCommand(page, manifest.paletteLabel('tokenSpend.showSpend', chinese ? 'zh-cn' : 'en'));
  const frame = webviewContent(page);
  const cards = frame.locator('.spend-card');
  await cards.first().waitFor({ timeout: 60_000 });
  const before = Math.round((await page.locator('.part.sidebar').boundingBox())?.width ?? 300);
  await widenSideBar(page, 500);
  // The first render may come before the first scan: wait for the bars of the fixture days.
  const bars = await waitForValue(
    () => frame.locator('.spend-bar-part').count(),
    (n) => n > 0,
    { timeout: 60_000 },
  );
  const texts = await cards.allInnerTexts();
  const requests = /([\d,]+)\s*(requests|次请求)/.exec(texts[1] ?? '');
  results.check(
    `Spend view (${chinese ? 'zh-cn' : 'en'}): this month's card counts the fixture logs' requests`,
    !!requests && Number(requests[1].replace(/,/g, '')) > 0,
    texts.join(' | ').replace(/\s+/g, ' ').slice(0, 200),
  );
  results.check(`Spend view (${chinese ? 'zh-cn' : 'en'}): daily bars drawn`, bars > 0, `${bars} bar parts`);
  if (chinese) {
    const heading = await frame.locator('.spend-card h2').first().innerText();
    results.check('Spend view in Chinese', CJK.test(heading), heading);
  }
  const width = Math.round((await page.locator('.part.sidebar').boundingBox())?.width ?? 0);
  results.check(`Spend view widened to about 500 px`, width >= 450 && width <= 560, `${width} px`);
  await page.locator('.part.sidebar').screenshot({ path: shot('spend') });
  await widenSideBar(page, before); // the scenarios after this one expect the usual side bar
}
