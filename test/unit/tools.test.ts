// The cost tools' core (src/core/tools): the manifest's language-model tool schema is the zod
// schema's, inputs are bounded, and outputs are the same whatever the front end.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { estimateCost, listPrices, toolInputJsonSchema, ToolInputError, type ToolHost } from '../../src/core/tools';

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const catalogue = loadBundledCatalogue();
const host: ToolHost = {
  catalogue,
  readText: (path) => Promise.reject(new Error(`cannot read ${path}: no such file`)),
  discover: () => Promise.reject(new Error('no folders here')),
};

describe('cost tools (core)', () => {
  test('package.json languageModelTools inputSchema is the estimate_cost zod schema', () => {
    const tool = pkg.contributes.languageModelTools.find((t: { name: string }) => t.name === 'tokenSpend_estimateCost');
    assert.deepEqual(tool.inputSchema, toolInputJsonSchema('estimate_cost'));
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders, [{ id: 'tokenSpend.mcp', label: '%mcp.label%' }]);
  });

  test('estimate_cost: the same text gives the same JSON twice (deterministic at a fixed time)', async () => {
    const input = { text: '你好，世界。Hello, world.', model: 'openai/gpt-4o', models: ['openai/gpt-4.1'], at: '2026-11-23T12:00:00Z' };
    const a = JSON.stringify(await estimateCost(input, host));
    const b = JSON.stringify(await estimateCost(input, host));
    assert.equal(a, b);
    const rows = JSON.parse(a).rows;
    assert.deepEqual(
      rows.map((r: { model: { id: string } }) => r.model.id),
      ['openai/gpt-4o', 'openai/gpt-4.1'],
    );
    assert.equal(rows[0].count.tokens, getEncoding('o200k_base').encode(input.text).length);
  });

  test('bad input is a ToolInputError naming the field', async () => {
    await assert.rejects(estimateCost({ text: 'x'.repeat(2_000_001) }, host), (e: unknown) => e instanceof ToolInputError && /text/.test(e.message));
    await assert.rejects(estimateCost({ text: 'x', currency: 'XYZ' }, host), (e: unknown) => e instanceof ToolInputError && /currency/.test(e.message));
    await assert.rejects(estimateCost('just a string', host), ToolInputError);
    await assert.rejects(estimateCost({ text: 'x', at: 'yesterday' }, host), (e: unknown) => e instanceof ToolInputError && /at/.test(e.message));
    assert.throws(() => listPrices({ vendor: 'nobody' }, host), /unknown vendor "nobody"; known: .*openai/);
  });

  test('list_prices: pages through a filter without overlap', () => {
    const first = listPrices({ capabilities: ['vision', 'tools'], minQuality: 4, limit: 5 }, host);
    const second = listPrices({ capabilities: ['vision', 'tools'], minQuality: 4, limit: 5, offset: 5 }, host);
    assert.equal(first.total, catalogue.models.filter((m) => m.capabilities.vision && m.capabilities.tools && m.quality.class >= 4).length);
    assert.equal(first.models.length, 5);
    const ids = [...first.models, ...second.models].map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, [...ids].sort());
  });
});
