import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatTokens } from '../../src/core/format';
import { api, fixture, openText, referenceO200k, startFromDefaultSettings, waitFor, withSettings } from './helpers';

/** Sent by GitHub Copilot with every Markdown file of the fixture folder (applyTo "**\/*.md"). */
const INSTRUCTIONS = '.github/instructions/markdown.instructions.md';

suite('always-sent context', () => {
  startFromDefaultSettings();

  test('the tooltip of a Markdown file in the workspace counts what Copilot sends with it: AGENTS.md and the instructions whose applyTo matches', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suites run in test/fixtures/integration');
    await withSettings({ model: 'openai/gpt-4o-mini', currency: 'USD' }, async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'english.md'));
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      // Copilot: the root AGENTS.md and .github/instructions/markdown.instructions.md (applyTo "**/*.md"), more than the AGENTS.md alone of Codex and Cursor.
      const tokens = formatTokens(referenceO200k(fixture('AGENTS.md')) + referenceO200k(fixture(INSTRUCTIONS)), 'en');
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.tooltip.includes('Always sent with each request'),
        'the always-sent line in the tooltip',
      );
      assert.match(
        s.tooltip,
        new RegExp(`Always sent with each request \\(GitHub Copilot\\): 2 files, ${tokens} tokens, \\$[\\d.]+; \\$[\\d.]+ a month at 100 calls a day`),
      );
      assert.match(s.tooltip, /command:tokenSpend\.showAlwaysSentContext/);
    });
  });

  test('the panel option adds the files Copilot sends to every row and says so; an untitled text has nothing to add', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suites run in test/fixtures/integration');
    await withSettings({ model: 'openai/gpt-4o-mini', currency: 'USD', outputTokens: 0 }, async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'english.md'));
      await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
      await vscode.commands.executeCommand('tokenSpend.openComparison');
      const a = await api();
      await waitFor(
        () => a.panel(),
        (p) => !!p?.rendered && p.view?.source.label === 'english.md',
        'the panel on english.md',
      );
      assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { alwaysSent: true } }), true);
      assert.equal(await a.sendToPanel({ type: 'setAssumptions', values: { alwaysSent: 'yes' } }), false);
      const agents = referenceO200k(fixture('AGENTS.md'));
      const instructions = referenceO200k(fixture(INSTRUCTIONS));
      const p = await waitFor(
        () => a.panel(),
        (x) => x?.view?.alwaysSent?.state === 'included' && !!x.rendered?.alwaysSent,
        'the always-sent line in the panel',
      );
      const view = p!.view!;
      const row = view.rows.find((r) => r.modelId === 'openai/gpt-4o-mini')!;
      assert.equal(row.tokens, referenceO200k(fixture('english.md')) + agents + instructions);
      const files = [
        [`AGENTS.md`, agents],
        [INSTRUCTIONS, instructions],
      ].sort((x, y) => Number(y[1]) - Number(x[1]) || String(x[0]).localeCompare(String(y[0])));
      const named = files.map(([path, n]) => `${path} (${formatTokens(Number(n), 'en')})`).join(', ');
      assert.equal(
        p!.rendered!.alwaysSent,
        `Every row includes what GitHub Copilot sends with every request: ${named}; ${formatTokens(agents + instructions, 'en')} tokens for GPT-4o mini.`,
      );

      await openText('Untitled prompt, in no folder.');
      await waitFor(
        () => a.panel(),
        (x) =>
          x?.view?.alwaysSent?.state === 'none' && x.rendered?.alwaysSent === 'No always-sent context added: the text is not a file in a workspace folder.',
        'the line for an untitled text',
      );
      assert.equal(await a.sendToPanel({ type: 'resetAssumptions' }), true);
      await waitFor(
        () => a.panel(),
        (x) => x?.view !== undefined && x.view.alwaysSent === undefined && x.rendered?.alwaysSent === undefined,
        'no line once the option is off',
      );
    });
  });
});
