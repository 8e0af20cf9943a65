import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor } from './helpers';

// The stand-in provider (test/fixtures/lm-provider, packaged as a .vsix and installed into the e2e
// profile before the run, so it loads as an ordinary extension) registers two chat
// models through vscode.lm.registerLanguageModelChatProvider: family claude-opus-5 with a
// 123,456-token input window, and a family the pricing file lacks.
suite("The user's own models (Language Model API)", () => {
  test("Select Model lists the provider's models first, with their window; an unknown one as unpriced", async function () {
    const lm = (
      vscode as { lm?: { registerLanguageModelChatProvider?: unknown; selectChatModels?: (s: object) => Thenable<readonly vscode.LanguageModelChat[]> } }
    ).lm;
    if (typeof lm?.registerLanguageModelChatProvider !== 'function' || typeof lm.selectChatModels !== 'function') {
      // Older VS Code (the engine allows it): no provider API, and Select Model must not change.
      this.skip();
    }
    await waitFor(
      async () => (await lm!.selectChatModels!({ vendor: 'token-spend-stand-in' })).length,
      (n) => n === 2,
      'the stand-in models to be listed',
    );
    const running = vscode.commands.executeCommand('tokenSpend.selectModel');
    const rows = await waitFor(
      async () => (await api()).modelPicker(),
      (r) => r !== undefined,
      'the model picker to open',
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    const opus = rows!.findIndex((r) => r.label.includes('Stand-in Opus 5'));
    const local = rows!.findIndex((r) => r.label.includes('Stand-in Local 9B'));
    assert.ok(
      opus >= 0 && local >= 0,
      `both stand-in models are listed: ${rows!
        .slice(0, 4)
        .map((r) => r.label)
        .join(', ')}`,
    );
    assert.ok(opus < 2 && local < 2, 'they come first');
    assert.equal(rows![opus].modelId, 'anthropic/claude-opus-5', 'mapped by family to the catalogue entry');
    assert.match(rows![opus].detail ?? '', /context 123K/, "the window the provider states, not the catalogue's 1M");
    assert.equal(rows![local].modelId, undefined);
    assert.equal(rows![local].description, 'unpriced');
  });
});
