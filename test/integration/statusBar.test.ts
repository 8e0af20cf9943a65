import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { formatMoney, formatTokens } from '../../src/core/format';
import { api, closeAllEditors, fixture, openText, pricingJson, referenceO200k, startFromDefaultSettings, waitFor, withSettings } from './helpers';

const MODEL = 'openai/gpt-4o-mini';

/** What the status bar must read for `text` with gpt-4o-mini, USD and no output tokens: input tokens × list price. */
function expectedText(text: string, currency: 'USD' | 'CNY' = 'USD'): string {
  const model = pricingJson().models.find((m) => m.id === MODEL)!;
  assert.equal(model.price.currency, 'USD');
  const tokens = referenceO200k(text);
  let cost = (tokens * model.price.rates!.input) / model.price.per!;
  if (currency === 'CNY') cost *= pricingJson().exchangeRates!.rates.CNY;
  return `$(symbol-numeric) ${formatTokens(tokens, 'en')} tok · ${formatMoney(cost, currency, 'en')} · ${model.name}`;
}

suite('status bar', () => {
  startFromDefaultSettings();

  test('shows the tokens and cost of the whole document for the chosen model', async () => {
    const text = fixture('english.md');
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD' }, async () => {
      await openText(text);
      const want = expectedText(text);
      const got = await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === want,
        `status bar "${want}"`,
      );
      assert.equal(got.visible, true);
      assert.match(got.tooltip, /GPT-4o mini/);
      assert.match(got.tooltip, /command:tokenSpend\.openComparison/);
      assert.match(got.tooltip, /command:tokenSpend\.selectModel/);
    });
  });

  test('sums every selection, joined in document order', async () => {
    const text = fixture('english.md');
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD' }, async () => {
      const editor = await openText(text);
      const doc = editor.document;
      const first = new vscode.Selection(doc.lineAt(2).range.start, doc.lineAt(2).range.end);
      const second = new vscode.Selection(doc.lineAt(5).range.start, doc.lineAt(6).range.end);
      // Made in reverse order on purpose: the count must not depend on it.
      editor.selections = [second, first];
      const selected = doc.getText(first) + '\n' + doc.getText(second);
      const want = expectedText(selected);
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === want,
        `status bar for two selections "${want}"`,
      );
      const tooltip = (await (await api()).statusBar()).tooltip;
      assert.match(tooltip, /2 selections in .+, counted together: [\d,]+ characters/);
    });
  });

  test('Chinese text counted with the exact o200k tokenizer matches the reference', async () => {
    const text = fixture('chinese.md');
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD' }, async () => {
      await openText(text);
      const want = expectedText(text);
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === want,
        `status bar "${want}"`,
      );
    });
  });

  test('marks an estimated count with ≈', async () => {
    const claude = pricingJson().models.find((m) => m.tokenizer === 'claude_est' && m.price.rates);
    assert.ok(claude, 'the pricing file has a priced Claude model');
    await withSettings({ model: claude.id, outputTokens: 0 }, async () => {
      await openText(fixture('english.md'));
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.text.includes(claude.name),
        `status bar with ${claude.name}`,
      );
      assert.match(s.text, /^\$\(symbol-numeric\) ≈\d[\d,]* tok · \$/);
    });
  });

  test('a large document says it is counting, then shows the exact result', async () => {
    const unit = fixture('english.md') + '\n';
    const text = unit.repeat(Math.ceil(250_000 / unit.length));
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD' }, async () => {
      await openText(text);
      const want = expectedText(text);
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.text === want,
        `status bar "${want}"`,
        90_000,
      );
      const counting = s.recent.findIndex((t) => t.startsWith('$(sync~spin) Counting'));
      assert.ok(counting >= 0, `a "Counting…" text was shown first: ${JSON.stringify(s.recent)}`);
      assert.ok(counting < s.recent.lastIndexOf(want));
    });
  });

  test('a settings change re-prices the status bar', async () => {
    const text = fixture('english.md');
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD' }, async () => {
      await openText(text);
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === expectedText(text),
        'USD status bar',
      );
      await vscode.workspace.getConfiguration('tokenSpend').update('currency', 'CNY', vscode.ConfigurationTarget.Global);
      const want = expectedText(text, 'CNY');
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === want,
        `CNY status bar "${want}"`,
      );
      // Expected output makes the call dearer: 500 output tokens at the output price.
      await vscode.workspace.getConfiguration('tokenSpend').update('outputTokens', 500, vscode.ConfigurationTarget.Global);
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.text !== want && x.text.includes('¥'),
        'status bar with output tokens',
      );
      const model = pricingJson().models.find((m) => m.id === MODEL)!;
      const inputTokens = referenceO200k(text);
      const cny = pricingJson().exchangeRates!.rates.CNY;
      const total = ((inputTokens * model.price.rates!.input + 500 * model.price.rates!.output) / model.price.per!) * cny;
      assert.equal(s.text, `$(symbol-numeric) ${formatTokens(inputTokens, 'en')} tok · ${formatMoney(total, 'CNY', 'en')} · ${model.name}`);
    });
  });

  test('format and visibility settings apply live', async () => {
    await withSettings({ model: MODEL, outputTokens: 0, 'statusBar.format': 'tokens', 'statusBar.show': 'always' }, async () => {
      const text = fixture('english.md');
      await openText(text);
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === `$(symbol-numeric) ${formatTokens(referenceO200k(text), 'en')} tok`,
        'tokens-only status bar',
      );
      await vscode.workspace.getConfiguration('tokenSpend').update('statusBar.show', 'selection', vscode.ConfigurationTarget.Global);
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => !s.visible,
        'status bar hidden without a selection',
      );
    });
  });

  test('is hidden when no text editor is active', async () => {
    await openText(fixture('english.md'));
    await waitFor(
      async () => (await api()).statusBar(),
      (s) => s.visible,
      'visible status bar',
    );
    await closeAllEditors();
    await waitFor(
      async () => (await api()).statusBar(),
      (s) => !s.visible,
      'hidden status bar',
    );
  });

  test('an invalid setting is reported once and the default used', async () => {
    await withSettings({ model: MODEL, outputTokens: -3 }, async () => {
      await openText(fixture('english.md'));
      const problems = await waitFor(
        async () => (await api()).problems(),
        (p) => p.some((m) => m.includes('tokenSpend.outputTokens')),
        'a message about tokenSpend.outputTokens',
      );
      assert.equal(problems.filter((m) => m.includes('tokenSpend.outputTokens')).length, 1);
      // The default of 500 output tokens is used: the cost includes output.
      const text = fixture('english.md');
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.text.includes('GPT-4o mini'),
        'status bar',
      );
      assert.notEqual(s.text, expectedText(text));
      // Reading the settings again does not repeat the message.
      await vscode.workspace.getConfiguration('tokenSpend').update('currency', 'USD', vscode.ConfigurationTarget.Global);
      await (await api()).statusBarIdle();
      assert.equal((await (await api()).problems()).filter((m) => m.includes('tokenSpend.outputTokens')).length, 1);
      // The user's value is left as it is: nothing rewrites it.
      assert.equal(vscode.workspace.getConfiguration('tokenSpend').inspect('outputTokens')?.globalValue, -3);
    });
  });
});
