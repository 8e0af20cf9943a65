// The screenshots the README shows, picked from a run's .e2e/shots/. `E2E_UPDATE_SCREENSHOTS=1`
// copies them into media/screenshots/ after a run in which every check passed; a normal run
// (and CI) leaves the committed files alone.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** media/screenshots/<key> ← .e2e/shots/<value> */
export const README_SHOTS = {
  'statusbar-dark.png': 'en-dark-statusbar-selection-short.png',
  'tooltip-dark.png': 'en-dark-tooltip-closeup.png',
  'comparison-dark.png': 'en-dark-comparison-english-wide.png',
  'comparison-light.png': 'en-light-comparison-english-wide.png',
  'comparison-zh-cn.png': 'zh-cn-comparison-chinese-wide.png',
  'tooltip-zh-cn.png': 'zh-cn-tooltip-closeup.png',
  'comparison-narrow-dark.png': 'en-dark-layout-530.png',
  'comparison-1366-light.png': 'en-light-layout-1366.png',
  'comparison-narrow-zh-cn.png': 'zh-cn-layout-530.png',
  'sources-light.png': 'en-light-sources-1366.png',
  'spend-dark.png': 'en-dark-spend.png',
  'spend-zh-cn.png': 'zh-cn-spend.png',
};

/** Copies the README's screenshots; returns the names of any the run did not produce. */
export function copyReadmeShots(shotsDir, destDir) {
  const missing = Object.values(README_SHOTS).filter((f) => !existsSync(join(shotsDir, f)));
  if (missing.length) return missing;
  mkdirSync(destDir, { recursive: true });
  for (const [dest, src] of Object.entries(README_SHOTS)) copyFileSync(join(shotsDir, src), join(destDir, dest));
  return [];
}
