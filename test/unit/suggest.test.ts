import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, loadBundledCatalogue, type Catalogue } from '../../src/core/pricing/catalogue';
import { priceCall } from '../../src/core/cost';
import { cheaperEquivalents } from '../../src/core/suggest';
import type { Assumptions, ComparisonRow } from '../../src/core/types';

const bundled = loadBundledCatalogue();
const USD_ONLY = { base: 'USD' as const, date: '2026-11-20', source: 'none', rates: {} };

function assumptions(outputTokens: number): Assumptions {
  return {
    outputTokens,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay: 0,
    batch: false,
    at: new Date('2026-11-23T12:00:00Z'), // Monday 20:00 Beijing: DeepSeek off-peak
    vendorDiscounts: {},
    currency: 'USD',
  };
}

/** Rows priced like compareText does, with one input count for every model to keep the arithmetic readable. */
function rows(catalogue: Catalogue, ids: string[], inputTokens: number, outputTokens: number): ComparisonRow[] {
  return ids.map((id) => {
    const model = catalogue.model(id);
    assert.ok(model, `${id} missing from the pricing file`);
    const result = priceCall(model, inputTokens, assumptions(outputTokens), USD_ONLY);
    const row: ComparisonRow = {
      model,
      vendor: catalogue.vendor(model.vendor)!,
      count: { tokenizer: model.tokenizer, tokens: inputTokens, exact: true },
      stale: false,
    };
    if ('unpriced' in result) row.unpriced = result.unpriced;
    else row.cost = result;
    return row;
  });
}

const IDS = [
  'openai/gpt-5.4', // class 4, $2.50 / $15
  'openai/gpt-6.1-terra', // class 4, $1 / $5
  'openai/gpt-6-sol', // class 4, $2 / $10
  'anthropic/claude-sonnet-5', // class 4, $2 / $10 (same as gpt-6-sol)
  'google/gemini-3-flash-preview', // class 4, $0.50 / $3
  'deepseek/deepseek-flash@intl', // class 4, $0.15 / $0.60 off-peak
  'deepseek/deepseek-v4-pro@intl', // class 4, no vision
  'openai/gpt-5.4-nano', // class 2
  'openai/gpt-4.1', // class 3, no reasoning
];

describe('cheaperEquivalents', () => {
  test('same class or better, every capability, cheapest first, with the saving', () => {
    const all = rows(bundled, IDS, 10_000, 1_000);
    const current = all[0];
    // gpt-5.4: 10,000 × 2.5/1M + 1,000 × 15/1M = 0.025 + 0.015 = 0.04.
    assert.ok(Math.abs(current.cost!.total - 0.04) < 1e-12);
    const picks = cheaperEquivalents(current, all);
    assert.deepEqual(
      picks.map((r) => r.model.id),
      [
        'deepseek/deepseek-flash@intl', // 0.0015 + 0.0006 = 0.0021
        'google/gemini-3-flash-preview', // 0.005 + 0.003 = 0.008
        'openai/gpt-6.1-terra', // 0.01 + 0.005 = 0.015
        'anthropic/claude-sonnet-5', // 0.02 + 0.01 = 0.03 (tie with gpt-6-sol: by id)
        'openai/gpt-6-sol',
      ],
    );
    // Not suggested: deepseek-v4-pro (no vision), gpt-5.4-nano (class 2), gpt-4.1 (no reasoning).
    const flash = picks[0];
    assert.ok(Math.abs(flash.saving!.amount - (0.04 - 0.0021)) < 1e-12);
    assert.ok(Math.abs(flash.saving!.percent - 94.75) < 1e-9);
    assert.equal(cheaperEquivalents(current, all, 2).length, 2);
  });

  test('a region filter keeps suggestions to models the account can buy', () => {
    const all = rows(bundled, IDS, 10_000, 1_000);
    // deepseek-flash@intl is an international-only price list; 'global' models are sold everywhere.
    const ids = cheaperEquivalents(all[0], all, 5, { regions: ['cn', 'global'] }).map((r) => r.model.id);
    assert.ok(!ids.includes('deepseek/deepseek-flash@intl'));
    assert.ok(ids.includes('google/gemini-3-flash-preview'));
  });

  test('an equal cost is not cheaper', () => {
    const all = rows(bundled, IDS, 10_000, 1_000);
    const sol = all.find((r) => r.model.id === 'openai/gpt-6-sol')!;
    const ids = cheaperEquivalents(sol, all).map((r) => r.model.id);
    assert.ok(!ids.includes('anthropic/claude-sonnet-5'), 'claude-sonnet-5 costs exactly the same as gpt-6-sol');
    assert.ok(ids.includes('openai/gpt-6.1-terra'));
  });

  test('unpriced models are never suggested, and an unpriced current model gets no suggestions', () => {
    const overlay = { version: 1, priceOverrides: { 'deepseek/deepseek-flash@intl': { unpriced: 'test: price withdrawn' } } };
    const { catalogue } = applyOverlay(bundled, overlay, 'u.json');
    const all = rows(catalogue, IDS, 10_000, 1_000);
    const ids = cheaperEquivalents(all[0], all).map((r) => r.model.id);
    assert.ok(!ids.includes('deepseek/deepseek-flash@intl'));
    const unpriced = all.find((r) => r.model.id === 'deepseek/deepseek-flash@intl')!;
    assert.deepEqual(cheaperEquivalents(unpriced, all), []);
  });

  test('the request must fit the context window (input + output)', () => {
    // o3: 200,000 window. 190,000 in + 20,000 out = 210,000 does not fit claude-haiku-4-5 (200,000)
    // but fits gpt-5.4-mini (400,000).
    const all = rows(bundled, ['openai/o3', 'anthropic/claude-haiku-4-5', 'openai/gpt-5.4-mini'], 190_000, 20_000);
    assert.deepEqual(
      cheaperEquivalents(all[0], all).map((r) => r.model.id),
      ['openai/gpt-5.4-mini'],
    );
    const small = rows(bundled, ['openai/o3', 'anthropic/claude-haiku-4-5', 'openai/gpt-5.4-mini'], 10_000, 1_000);
    // o3 0.02 + 0.008 = 0.028; gpt-5.4-mini 0.0075 + 0.0045 = 0.012; claude-haiku-4-5 0.01 + 0.005 = 0.015.
    assert.deepEqual(
      cheaperEquivalents(small[0], small).map((r) => r.model.id),
      ['openai/gpt-5.4-mini', 'anthropic/claude-haiku-4-5'],
    );
  });
});
