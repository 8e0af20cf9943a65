// Headless Debian Chromium driven by playwright-core (no browser download), confined to loopback.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const LOOPBACK = /^(https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]|blob:|data:|vscode-webview:|about:)/;

/**
 * Launches the browser and a context whose every request to a non-loopback address is refused
 * (and remembered, so a run can report what the workbench tried to reach).
 */
export async function launchBrowser({ viewport = { width: 1600, height: 1000 }, locale = 'en-US' } = {}) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1 });
  const refusedHosts = new Set();
  await context.route(
    (url) => !LOOPBACK.test(url.href),
    (route) => {
      refusedHosts.add(new URL(route.request().url()).host);
      return route.abort();
    },
  );
  return { browser, context, refusedHosts };
}
