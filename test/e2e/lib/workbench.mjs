// Small vocabulary for driving the VS Code workbench that code-server serves, as a person would:
// open a file, select text, run a command from the palette, read the status bar, look into a webview.

const WORKBENCH_TIMEOUT = 90_000;

/** Opens the workbench on a folder and waits until the extension host has had a chance to start. */
export async function openWorkbench(page, baseUrl, folder) {
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT });
  // Dismiss any notification toast so it does not cover the status bar in screenshots.
  await page.keyboard.press('Escape');
}

/**
 * The status-bar entry contributed by an extension. VS Code gives the element the DOM id
 * `<publisher.name lower-cased>.<item id>`; dots make an attribute selector the safe form.
 */
export function statusBarEntry(page, extensionId, itemId) {
  return page.locator(`.statusbar-item[id="${extensionId.toLowerCase()}.${itemId}"]`);
}

/** The visible text of a status-bar entry (codicons render as glyphs, not text). */
export async function statusBarText(entry) {
  return (await entry.innerText()).replace(/\s+/g, ' ').trim();
}

/** Polls `read` until `accept(value)` holds; returns the last value read either way. */
export async function waitForValue(read, accept, { timeout = 20_000, interval = 150 } = {}) {
  const end = Date.now() + timeout;
  let value = await read();
  while (!accept(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, interval));
    value = await read();
  }
  return value;
}

/**
 * Opens the command palette, types `title` and clicks the command whose label is exactly `title`
 * (the highlighted row may be another command that merely contains the words).
 */
export async function runCommand(page, title, { shot } = {}) {
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.getByText(title, { exact: true }) })
    .first();
  // The palette can close between showing the row and the click (a webview frame taking the focus a
  // moment late): the click then waits on a row that is gone. Playwright clicks only an attached,
  // visible row, so a click that timed out ran nothing, and opening the palette again is safe.
  for (let attempt = 1; ; attempt++) {
    await showCommandPalette(page, title);
    try {
      await row.waitFor({ timeout: 15_000 });
      if (shot) await page.screenshot({ path: shot });
      await row.click({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Opens the palette and types `title`; returns the list of visible row labels. */
export async function showCommandPalette(page, text) {
  const input = quickInput(page);
  // The palette closes when focus moves after it opened (a webview that was just clicked takes the
  // focus a moment later): open it again, up to three times.
  for (let attempt = 1; ; attempt++) {
    await closeQuickInput(page);
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(`>${text}`, { timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/** Escape only when a quick input is open: in an editor, Escape would also drop the selection. */
export async function closeQuickInput(page) {
  if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
}

export function quickInput(page) {
  return page.locator('.quick-input-widget input[type="text"], .quick-input-widget input:not([type])').first();
}

/**
 * The highlighted row of the quick-input list once it shows `text`: the list filters as it is
 * typed into, and Enter takes the highlighted row, so waiting for any matching row is not enough.
 */
export function focusedRow(page, text) {
  return page.locator('.quick-input-list .monaco-list-row.focused', { hasText: text }).first();
}

/** Labels of the rows currently shown in the quick-input list. */
export async function quickPickLabels(page) {
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 15_000 });
  return rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent || ''));
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab. */
export async function openFile(page, name) {
  await closeQuickInput(page);
  await page.keyboard.press('Control+p');
  const input = quickInput(page);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  await focusedRow(page, name).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 15_000 });
}

/** Focuses the active text editor. */
export async function focusEditor(page) {
  await page
    .locator('.editor-group-container.active .monaco-editor .view-lines')
    .first()
    .click({ position: { x: 5, y: 5 } });
}

/** Selects the first `lines` lines of the active editor (from the very start). */
export async function selectFirstLines(page, lines) {
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < lines; i++) await page.keyboard.press('Shift+ArrowDown');
}

/** Collapses the selection to the cursor. */
export async function clearSelection(page) {
  await focusEditor(page);
  await page.keyboard.press('Control+Home');
}

/**
 * The content frame of the webview whose tab title is active: code-server nests it as
 * iframe.webview (host, with the ready class once loaded) > iframe#active-frame (our HTML).
 */
export function webviewContent(page) {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

export function editorTab(page, title) {
  return page.locator('.tabs-container .tab', { hasText: title });
}

/**
 * Hovers `target` until `hover` (a hover widget locator) shows, up to three times, moving the mouse
 * away in between: a hover can close when its item re-renders (a count that lands a moment after
 * the mouse arrived), and moving onto an item the mouse is already over starts no new hover.
 */
export async function hoverUntilShown(page, target, hover, { attempts = 3, timeout = 8_000 } = {}) {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    await page.mouse.move(700, 300);
    await target.hover();
    const shown = await hover.waitFor({ timeout }).then(
      () => true,
      () => false,
    );
    if (shown) return true;
  }
  return false;
}

/** Picks a colour theme as a person does: Preferences: Color Theme, type its name, Enter. */
export async function pickColorTheme(page, label, kind) {
  await runCommand(page, 'Preferences: Color Theme');
  await quickInput(page).fill(label);
  await focusedRow(page, label).waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await waitForThemeKind(page, kind);
}

/** Gives the active editor group (the panel's, when it is focused) the whole editor area, or back. */
export async function toggleMaximizedGroup(page) {
  await runCommand(page, 'View: Toggle Maximize Editor Group');
}

export async function toggleSideBar(page) {
  await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
}

/**
 * Puts the workbench back as every scenario expects to find it, after one failed midway: no quick
 * input, the window's size, one editor group (closing the groups also ends a maximized one), the
 * side bar shown. Best effort: a step that fails leaves the next scenario to report its own error.
 */
export async function restoreWorkbench(page, viewport) {
  await closeQuickInput(page).catch(() => {});
  if (viewport) await page.setViewportSize(viewport).catch(() => {});
  await runCommand(page, 'View: Close All Editor Groups').catch(() => {});
  const sideBarShown = await page
    .locator('.part.sidebar')
    .isVisible()
    .catch(() => true);
  if (!sideBarShown) await toggleSideBar(page).catch(() => {});
  await layoutSettled(page).catch(() => {});
}

/**
 * A screenshot of the workbench at another window size (a short window crops the empty editor
 * area away, so the status bar sits right under the text); the window size is put back after.
 */
export async function screenshotAtSize(page, size, path) {
  const before = page.viewportSize();
  await page.setViewportSize(size);
  await layoutSettled(page);
  await page.screenshot({ path });
  await page.setViewportSize(before);
  await layoutSettled(page);
}

/** Clicks an editor tab and waits until its group is the active one (commands such as maximize act on it). */
export async function focusEditorTab(page, title) {
  await editorTab(page, title).first().click();
  await page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: title }).first().waitFor({ timeout: 10_000 });
  // A webview's tab hands the keyboard focus to the webview's frame a moment after the click; keys
  // typed before that (the command palette's) can be lost in the hand-over. Wait for it to land.
  await page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME', null, { timeout: 5_000, polling: 50 });
  await layoutSettled(page);
}

/**
 * Waits for the layout to stop changing after a resize, a maximize or a drag: the window, the
 * workbench, every webview frame's box and the size of each frame's document must read the same
 * three times in a row (looked at every 50 ms, for at most `timeout`), rather than a fixed pause.
 */
export async function layoutSettled(page, timeout = 5_000) {
  const look = async () => {
    const parts = [
      await page.evaluate(() => {
        const boxes = [document.querySelector('.monaco-workbench'), ...document.querySelectorAll('iframe')].map((el) => {
          const r = el?.getBoundingClientRect();
          return r ? `${Math.round(r.width)}x${Math.round(r.height)}@${Math.round(r.left)},${Math.round(r.top)}` : '-';
        });
        return `${innerWidth}x${innerHeight} ${boxes.join(' ')}`;
      }),
    ];
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      parts.push(await frame.evaluate(() => `${document.documentElement.scrollWidth}x${document.documentElement.scrollHeight}`).catch(() => 'gone'));
    }
    return parts.join(' | ');
  };
  const deadline = Date.now() + timeout;
  let last = await look();
  for (let same = 0; same < 3 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await look();
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

export async function waitForThemeKind(page, kind) {
  // the workbench root carries vs (light), vs-dark, hc-black or hc-light
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ timeout: 20_000 });
}

/** A screenshot of the smallest rectangle holding all `locators`, plus a margin (for the README). */
export async function screenshotAround(page, locators, path, margin = 12) {
  const boxes = (await Promise.all(locators.map((l) => l.boundingBox()))).filter(Boolean);
  if (!boxes.length) return;
  const view = page.viewportSize();
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(view.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(view.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  await page.screenshot({ path, clip: { x, y, width: right - x, height: bottom - y } });
}
