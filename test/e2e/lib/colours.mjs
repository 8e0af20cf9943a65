// Colours the panel's page actually renders with, to tell a light theme from a dark one.
import { webviewContent } from './workbench.mjs';

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
export function luminance(css) {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) return undefined;
  const [r, g, b] = m.slice(1, 4).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Background and text colour that the panel's page actually renders with. */
export async function panelColours(page) {
  return webviewContent(page)
    .locator('body')
    .evaluate((body) => {
      const bg = getComputedStyle(body).backgroundColor;
      const html = getComputedStyle(document.documentElement).backgroundColor;
      return { background: bg === 'rgba(0, 0, 0, 0)' ? html : bg, text: getComputedStyle(body).color };
    });
}
