import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens } from '../../src/core/format';
import { api, fixture, referenceO200k, startFromDefaultSettings, waitFor, withSettings } from './helpers';

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
});
