import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatMoney, formatTokens } from '../../src/core/format';
import { api, fixture, openText, pricingJson, referenceO200k, startFromDefaultSettings, waitFor, withSettings } from './helpers';

const MODEL = 'openai/gpt-4o-mini';

/** Input-only cost of `text` with gpt-4o-mini at its list price, in USD. */
function listCostUsd(text: string): number {
  const model = pricingJson().models.find((m) => m.id === MODEL)!;
  return (referenceO200k(text) * model.price.rates!.input) / model.price.per!;
}

function statusText(text: string, money: string): string {
  return `$(symbol-numeric) ${formatTokens(referenceO200k(text), 'en')} tok · ${money} · GPT-4o mini`;
}

suite('settings', () => {
  startFromDefaultSettings();

  test('a vendor discount lowers that vendor’s price', async () => {
    const text = fixture('english.md');
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD', vendorDiscounts: { openai: 50 } }, async () => {
      await openText(text);
      const want = statusText(text, formatMoney(listCostUsd(text) * 0.5, 'USD', 'en'));
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === want,
        `half-price status bar "${want}"`,
      );
    });
  });

  test('an exchange-rate override replaces the bundled rate', async () => {
    const text = fixture('english.md');
    await withSettings({ model: MODEL, outputTokens: 0, currency: 'CNY', exchangeRates: { CNY: 10 } }, async () => {
      await openText(text);
      const want = statusText(text, formatMoney(listCostUsd(text) * 10, 'CNY', 'en'));
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text === want,
        `status bar at 10 CNY per USD "${want}"`,
      );
    });
  });

  test('a custom pricing file path is applied, and a missing one is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-it-'));
    const file = join(dir, 'my-prices.json');
    // 1,000,000 USD per 1M input tokens = 1 USD per token: the cost equals the token count.
    writeFileSync(file, JSON.stringify({ version: 1, priceOverrides: { [MODEL]: { currency: 'USD', per: 1000000, rates: { input: 1000000, output: 1 } } } }));
    try {
      const text = fixture('english.md');
      await withSettings({ model: MODEL, outputTokens: 0, currency: 'USD', pricingFile: file }, async () => {
        await openText(text);
        const want = statusText(text, formatMoney(referenceO200k(text), 'USD', 'en'));
        await waitFor(
          async () => (await api()).statusBar(),
          (s) => s.text === want,
          `status bar priced by ${file}`,
        );
        await vscode.workspace.getConfiguration('tokenSpend').update('pricingFile', join(dir, 'missing.json'), vscode.ConfigurationTarget.Global);
        await waitFor(
          async () => (await api()).problems(),
          (p) => p.some((m) => m.includes('missing.json')),
          'a message naming missing.json',
        );
        await waitFor(
          async () => (await api()).statusBar(),
          (s) => s.text === statusText(text, formatMoney(listCostUsd(text), 'USD', 'en')),
          'bundled prices again',
        );
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the vendors setting limits the comparison to those vendors (plus the current model)', async () => {
    await withSettings({ model: MODEL, vendors: ['deepseek'] }, async () => {
      await openText(fixture('chinese.md'));
      await vscode.commands.executeCommand('tokenSpend.openComparison');
      const panel = await waitFor(
        async () => (await api()).panel(),
        (p) => !!p?.view && p.view.rows.every((r) => r.vendorId === 'deepseek' || r.modelId === MODEL),
        'a panel with DeepSeek models only',
      );
      const deepseek = pricingJson().models.filter((m) => m.id.startsWith('deepseek/'));
      assert.equal(panel!.view!.rows.length, deepseek.length + 1);
    });
  });

  test('an unknown model id is reported once and the default model used', async () => {
    await withSettings({ model: 'openai/gpt-4o-mnii' }, async () => {
      await openText(fixture('english.md'));
      const problems = await waitFor(
        async () => (await api()).problems(),
        (p) => p.some((m) => m.includes('gpt-4o-mnii')),
        'a message about the unknown model',
      );
      assert.ok(
        problems.some((m) => m.includes('did you mean') && m.includes('openai/gpt-4o-mini')),
        problems.join('\n'),
      );
      await waitFor(
        async () => (await api()).statusBar(),
        (s) => s.text.endsWith(' · GPT-6 Luna'),
        'the default model in the status bar',
      );
    });
  });
});
