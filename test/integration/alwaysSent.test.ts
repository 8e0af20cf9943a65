import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens } from '../../src/core/format';
import { api, fixture, openText, referenceO200k, startFromDefaultSettings, waitFor, withSettings } from './helpers';

suite('always-sent context', () => {
  startFromDefaultSettings();

  test('the tooltip of a file in the workspace counts the AGENTS.md agents send with every request', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suites run in test/fixtures/integration');
    await withSettings({ model: 'openai/gpt-4o-mini', currency: 'USD' }, async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'english.md'));
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      const tokens = formatTokens(referenceO200k(fixture('AGENTS.md')), 'en');
      const s = await waitFor(async () => (await api()).statusBar(), (x) => x.tooltip.includes('Always sent with each request'), 'the always-sent line in the tooltip');
      assert.match(s.tooltip, new RegExp(`Always sent with each request \\((Codex CLI|GitHub Copilot|Cursor)\\): 1 file, ${tokens} tokens, \\$[\\d.]+; \\$[\\d.]+ a month at 100 calls a day`));
      assert.match(s.tooltip, /command:tokenSpend\.showAlwaysSentContext/);
    });
  });

  test('the panel option adds the AGENTS.md tokens to every row and says so; an untitled text has nothing to add', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suites run in test/fixtures/integration');
    await withSettings({ model: 'openai/gpt-4o-mini', currency: 'USD', outputTokens: 0 }, async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'english.md'));
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('tokenSpend.openComparison');
      const a = await api();
      await waitFor(() => a.panel(), (p) => !!p?.rendered && p.view?.source.label === 'english.md', 'the panel on english.md');
      assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { alwaysSent: true } }), true);
      assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { alwaysSent: 'yes' } }), false);
      const agents = referenceO200k(fixture('AGENTS.md'));
      const p = await waitFor(() => a.panel(), (x) => x?.view?.alwaysSent?.state === 'included' && !!x.rendered?.alwaysSent, 'the always-sent line in the panel');
      const view = p!.view!;
      const row = view.rows.find((r) => r.modelId === 'openai/gpt-4o-mini')!;
      assert.equal(row.tokens, referenceO200k(fixture('english.md')) + agents);
      // Copilot, Codex and Cursor each send the one AGENTS.md: the tie goes to the first, Copilot.
      assert.equal(p!.rendered!.alwaysSent, `Every row includes what GitHub Copilot sends with every request: AGENTS.md (${formatTokens(agents, 'en')}); ${formatTokens(agents, 'en')} tokens for GPT-4o mini.`);

      await openText('Untitled prompt, in no folder.');
      await waitFor(() => a.panel(), (x) => x?.view?.alwaysSent?.state === 'none' && x.rendered?.alwaysSent === 'No always-sent context added: the text is not a file in a workspace folder.', 'the line for an untitled text');
      assert.equal(await a.sendToPanel({ type: 'resetAssumptions' }), true);
      await waitFor(() => a.panel(), (x) => x?.view !== undefined && x.view.alwaysSent === undefined && x.rendered?.alwaysSent === undefined, 'no line once the option is off');
    });
  });
});
