import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatMoney, formatTokens } from '../../src/core/format';
import { api, closeAllEditors, fixture, openText, pricingJson, referenceO200k, resetSettings, waitFor } from './helpers';

const MODEL = 'openai/gpt-4o-mini';
const config = () => vscode.workspace.getConfiguration('tokenSpend');

suite('comparison panel', () => {
  suiteSetup(async () => {
    await resetSettings();
    await config().update('model', MODEL, vscode.ConfigurationTarget.Global);
    await config().update('outputTokens', 0, vscode.ConfigurationTarget.Global);
    await config().update('currency', 'USD', vscode.ConfigurationTarget.Global);
    await api();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await resetSettings();
  });

  test('renders a table of every model for a known text, current model highlighted', async () => {
    const text = fixture('english.md');
    await openText(text);
    await vscode.commands.executeCommand('tokenSpend.openComparison');
    const panel = await waitFor(
      async () => (await api()).panel(),
      (p) => !!p?.rendered && p.view?.source.kind === 'document',
      'a rendered panel',
    );
    const { view, rendered } = panel!;
    const pricing = pricingJson();
    assert.equal(view!.rows.length, pricing.models.length, 'one row per model of the pricing file');
    assert.equal(rendered!.rowIds.length, pricing.models.length, 'every row drawn without filters');
    assert.equal(view!.currentModelId, MODEL);

    // The current model's row: exact o200k count and input-only cost at the list price.
    const model = pricing.models.find((m) => m.id === MODEL)!;
    const tokens = referenceO200k(text);
    const row = rendered!.cells[rendered!.rowIds.indexOf(MODEL)];
    const headers = rendered!.headers;
    assert.equal(row[headers.indexOf('Tokens')], `${formatTokens(tokens, 'en')} exact`);
    assert.equal(row[headers.indexOf('Per call')], formatMoney((tokens * model.price.rates!.input) / model.price.per!, 'USD', 'en'));
    assert.match(row[headers.indexOf('Model')], /current/);

    // Sorted by cost per call, cheapest first, unpriced rows last and shown as unpriced.
    const totals = view!.rows.filter((r) => r.total !== undefined);
    const order = rendered!.rowIds.map((id) => view!.rows.find((r) => r.modelId === id)!);
    const pricedInOrder = order.filter((r) => r.total !== undefined).map((r) => r.total!);
    assert.deepEqual(
      pricedInOrder,
      [...pricedInOrder].sort((a, b) => a - b),
    );
    assert.equal(pricedInOrder.length, totals.length);
    const firstUnpriced = order.findIndex((r) => r.total === undefined);
    if (firstUnpriced >= 0) {
      assert.ok(order.slice(firstUnpriced).every((r) => r.total === undefined));
      const unpricedRow = rendered!.cells[firstUnpriced];
      assert.equal(unpricedRow[headers.indexOf('Per call')], 'unpriced');
    }
    assert.equal(rendered!.chartBars, totals.length);
    // The note explains differing token counts with this text's figures.
    assert.match(rendered!.note, new RegExp(`${formatTokens(view!.characters, 'en')} characters`));

    // "Use" on every row but the current model and the retired ones (they can no longer be called).
    const retired = view!.rows.filter((r) => r.retired).map((r) => r.modelId);
    assert.ok(retired.length > 0, 'the bundled file has retired models');
    assert.deepEqual(
      [...rendered!.useIds].sort(),
      view!.rows
        .filter((r) => !r.retired && r.modelId !== MODEL)
        .map((r) => r.modelId)
        .sort(),
    );
  });

  test('the status bar stays while the comparison panel is the active editor', async () => {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputWebview, 'the panel is the active tab');
    const s = await (await api()).statusBar();
    assert.equal(s.visible, true);
    assert.match(s.text, /GPT-4o mini$/);
  });

  test('the webview gets counts and prices, never the text', async () => {
    const panel = await (await api()).panel();
    assert.ok(panel?.view);
    const json = JSON.stringify(panel.view);
    for (const line of fixture('english.md')
      .split('\n')
      .filter((l) => l.length > 20))
      assert.ok(!json.includes(line), `the view contains "${line}"`);
  });

  test('cheaper equivalents carry their saving', async () => {
    const panel = await (await api()).panel();
    const current = panel!.view!.rows.find((r) => r.current)!;
    const cheaper = panel!.view!.rows.filter((x) => x.saving);
    assert.ok(cheaper.length > 0, 'GPT-4o mini has cheaper equivalents in the shipped prices');
    for (const r of cheaper) {
      assert.ok(r.total! < current.total!, `${r.modelId} is cheaper`);
      assert.ok(Math.abs(r.saving!.amount - (current.total! - r.total!)) < 1e-12);
      assert.ok(r.qualityClass >= current.qualityClass, `${r.modelId} is of the same quality class or better`);
    }
    // The webview drew the saving in its Saving column.
    const rendered = panel!.rendered!;
    const savingColumn = rendered.headers.indexOf('Saving');
    const drawn = rendered.cells[rendered.rowIds.indexOf(cheaper[0].modelId)][savingColumn];
    // A saving reads as a positive amount and percent, e.g. "$0.0002 (65%)" (the panel's format since the saving column was reworked).
    const percent = (cheaper[0].saving!.amount / current.total!) * 100;
    assert.match(drawn, /^\$\d[\d,.]* \(\d+(\.\d)?%\)$/);
    assert.equal(drawn.slice(drawn.indexOf('(') + 1, -2), percent.toFixed(percent >= 10 ? 0 : 1));
  });

  test('follows the selection', async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.getText() === fixture('english.md'));
    assert.ok(editor, 'the fixture editor is still visible beside the panel');
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    const line = editor.document.lineAt(2);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(line.range.start, line.range.end);
    const panel = await waitFor(
      async () => (await api()).panel(),
      (p) => p?.view?.source.kind === 'selection' && p.rendered?.rowIds.length === p.view.rows.length,
      'the panel on the selection',
    );
    const tokens = referenceO200k(line.text);
    const row = panel!.view!.rows.find((r) => r.modelId === MODEL)!;
    assert.equal(row.tokens, tokens);
  });

  test('a settings change re-prices the open panel', async () => {
    await config().update('currency', 'CNY', vscode.ConfigurationTarget.Global);
    const panel = await waitFor(
      async () => (await api()).panel(),
      (p) => p?.view?.assumptions.currency === 'CNY' && (p.rendered?.cells ?? []).some((row) => row.some((c) => c.startsWith('¥'))),
      'the panel in CNY',
    );
    assert.ok(panel);
    await config().update('currency', 'USD', vscode.ConfigurationTarget.Global);
  });

  test('inputs of the panel re-price at once; invalid messages are refused', async () => {
    const a = await api();
    assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { outputTokens: 1000 } }), true);
    const panel = await waitFor(
      () => a.panel(),
      (p) => p?.view?.assumptions.outputTokens === 1000 && p.rendered !== undefined,
      'the panel with 1,000 output tokens',
    );
    assert.deepEqual(panel!.view!.overridden, ['outputTokens']);
    const model = pricingJson().models.find((m) => m.id === MODEL)!;
    const row = panel!.view!.rows.find((r) => r.modelId === MODEL)!;
    const expected = (row.tokens * model.price.rates!.input + 1000 * model.price.rates!.output) / model.price.per!;
    assert.ok(Math.abs(row.total! - expected) < 1e-12, `${row.total} = ${expected}`);
    // The panel's inputs do not touch the user's settings.
    assert.equal(config().get('outputTokens'), 0);

    assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { outputTokens: -1 } }), false);
    assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { cachedShare: 1.5 } }), false);
    assert.equal(await a.sendToPanel({ type: 'run', command: 'workbench.action.quit' }), false);
    assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { currency: 'JPY' } }), true);
    await waitFor(
      () => a.panel(),
      (p) => p?.view?.assumptions.currency === 'JPY' && (p.rendered?.cells ?? []).some((r) => r.some((c) => c.startsWith('JP¥'))),
      'the panel in yen',
    );
    assert.equal(await a.sendToPanel({ type: 'resetAssumptions' }), true);
    await waitFor(
      () => a.panel(),
      (p) => p?.view?.overridden.length === 0 && p.view.assumptions.currency === 'USD',
      'the settings again',
    );
  });

  test('a pinned panel keeps its text when the selection changes', async () => {
    const a = await api();
    const before = (await a.panel())!.view!;
    assert.equal(await a.sendToPanel({ type: 'pin', pinned: true }), true);
    await waitFor(
      () => a.panel(),
      (p) => p?.pinned === true && p.view?.source.pinned === true,
      'a pinned panel',
    );
    const editor = await openText(fixture('english.md'));
    editor.selection = new vscode.Selection(editor.document.lineAt(3).range.start, editor.document.lineAt(4).range.end);
    // A re-price after the selection change: the panel must still show the pinned text.
    await a.sendToPanel({ type: 'setAssumptions', values: { callsPerDay: 7 } });
    const after = (await waitFor(
      () => a.panel(),
      (p) => p?.view?.assumptions.callsPerDay === 7,
      'the re-priced pinned panel',
    ))!.view!;
    assert.equal(after.characters, before.characters);
    assert.equal(after.source.kind, before.source.kind);
    assert.equal(await a.sendToPanel({ type: 'pin', pinned: false }), true);
    await waitFor(
      () => a.panel(),
      (p) => p?.pinned === false && p.view?.source.kind === 'selection' && p.view.characters !== before.characters,
      'the panel following again',
    );
    await a.sendToPanel({ type: 'resetAssumptions' });
  });

  test('the webview restores its table after being reloaded', async () => {
    const a = await api();
    const rows = (await a.panel())!.view!.rows.length;
    const panelTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview);
    assert.ok(panelTab, 'the panel has a tab');
    const next = a.nextPanelRender();
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    const rendered = await next;
    assert.equal(rendered.rowIds.length, rows);
  });

  test('Compare Cost of Selection opens the panel on the selection', async () => {
    const editor = await openText(fixture('chinese.md'));
    const line = editor.document.lineAt(2);
    editor.selection = new vscode.Selection(line.range.start, line.range.end);
    await vscode.commands.executeCommand('tokenSpend.compareSelection');
    const panel = await waitFor(
      async () => (await api()).panel(),
      (p) => p?.view?.source.kind === 'selection' && p.view.characters === [...line.text].length,
      'the panel on the Chinese selection',
    );
    assert.equal(panel!.view!.rows.find((r) => r.modelId === MODEL)!.tokens, referenceO200k(line.text));
  });
});
