// More traps of real agent logs, each read from the writer's own source: Anthropic's 1-hour cache
// writes on models whose catalogue entry has no 1-hour price. Every expected number is worked out
// by hand in the comments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { claudeCodeParser, priceRecords, summarize, type PricingContext, type UsageRecord } from '../../src/core/usage';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { near } from './support';

const catalogue = loadBundledCatalogue();
const usd: PricingContext = { catalogue, currency: 'USD', rates: catalogue.exchangeRates, region: 'intl', timeZone: 'UTC' };

function claude(path: string, lines: object[]): UsageRecord[] {
  const p = claudeCodeParser({ path });
  const out: UsageRecord[] = [];
  for (const l of lines) p.line(JSON.stringify(l), out);
  return out;
}

function assistant(id: string, model: string, usage: object, ts = '2026-12-01T10:00:00.000Z'): object {
  return { type: 'assistant', timestamp: ts, sessionId: 's1', requestId: `req_${id}`, message: { id: `msg_${id}`, model, usage } };
}

describe('Claude Code: writes to the 1-hour cache', () => {
  test("on a model whose entry lists no 1-hour price: Anthropic's rule, twice the input price", () => {
    // Claude Sonnet 4.5's entry has input $3, 5-minute write $3.75, read $0.30, output $15 and no cacheWrite1h.
    const records = claude('p/s1.jsonl', [
      assistant('a', 'claude-sonnet-4-5-20250929', {
        input_tokens: 10,
        output_tokens: 120,
        cache_creation_input_tokens: 1000,
        cache_read_input_tokens: 5000,
        cache_creation: { ephemeral_5m_input_tokens: 600, ephemeral_1h_input_tokens: 400 },
      }),
    ]);
    const report = summarize(priceRecords(records, usd), 'model', usd);
    // 10 × 3 + 600 × 3.75 + 400 × 6 + 5000 × 0.30 + 120 × 15 = 30 + 2250 + 2400 + 1500 + 1800 = 7980 per 1M
    near(report.totals.cost ?? undefined, 0.00798, 'cost');
    assert.deepEqual(report.unpricedModels, []);
  });

  test('on a model of another vendor without a 1-hour price: unpriced, listed as a known model without a price', () => {
    const records = claude('p/s1.jsonl', [
      assistant('b', 'gpt-5.4', { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_creation: { ephemeral_1h_input_tokens: 100 } }),
      assistant('c', 'claude-mystery-9', { input_tokens: 1, output_tokens: 2 }),
    ]);
    const report = summarize(priceRecords(records, usd), 'model', usd);
    assert.equal(report.totals.cost, null);
    assert.deepEqual(report.unpricedModels, [
      { model: 'gpt-5.4', tokens: 115, requests: 1, listed: true },
      { model: 'claude-mystery-9', tokens: 3, requests: 1, listed: false },
    ]);
  });
});
