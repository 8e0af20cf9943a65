import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, pricingJson, referenceO200k, startFromDefaultSettings, withSettings } from './helpers';

const TOOL = 'tokenSpend_estimateCost';
const AT = '2026-11-23T12:00:00Z';

async function invoke(input: object): Promise<unknown> {
  const result = await vscode.lm.invokeTool(TOOL, { input, toolInvocationToken: undefined });
  const part = result.content[0];
  assert.ok(part instanceof vscode.LanguageModelTextPart, 'the tool answers with text');
  return JSON.parse(part.value);
}

interface Row {
  model: { id: string };
  count: { tokens: number; exact: boolean };
  cost: { total: number; currency: string };
}

suite('language-model tool (vscode.lm.invokeTool)', () => {
  startFromDefaultSettings();

  test('is registered under its manifest name', async () => {
    await api();
    assert.ok(
      vscode.lm.tools.some((t) => t.name === TOOL),
      `tools: ${vscode.lm.tools.map((t) => t.name).join(', ')}`,
    );
  });

  test('prices the text passed on the named model: o200k_base count, GPT-4o mini price', async () => {
    await api();
    const text = 'Explain the difference between a mutex and a semaphore. 用一句话解释。';
    const json = (await invoke({ text, model: 'openai/gpt-4o-mini', currency: 'USD', at: AT })) as { rows: Row[]; suggestions: Row[] };
    const price = pricingJson().models.find((m) => m.id === 'openai/gpt-4o-mini')!.price;
    const tokens = referenceO200k(text);
    assert.equal(json.rows.length, 1);
    assert.equal(json.rows[0].count.tokens, tokens);
    assert.equal(json.rows[0].count.exact, true);
    const total = (tokens * price.rates!.input + 500 * price.rates!.output) / price.per!;
    assert.ok(Math.abs(json.rows[0].cost.total - total) < 1e-12, `${json.rows[0].cost.total} vs ${total}`);
  });

  test('reads a workspace file by relative path, with the model of the settings when none is named', async () => {
    await api();
    await withSettings({ model: 'openai/gpt-4o', currency: 'USD' }, async () => {
      const json = (await invoke({ path: 'english.md', at: AT })) as { currentModelId: string; rows: Row[] };
      assert.equal(json.currentModelId, 'openai/gpt-4o');
      assert.equal(json.rows[0].count.tokens, referenceO200k(fixture('english.md')));
    });
  });

  test('bad input is an error message for the agent, not a crash', async () => {
    await api();
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool(TOOL, { input: { text: 'a', path: 'b' }, toolInvocationToken: undefined })),
      /exactly one of them/,
    );
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool(TOOL, { input: { path: 'no-such-file.md' }, toolInvocationToken: undefined })),
      /cannot read no-such-file\.md: no such file/,
    );
  });
});
