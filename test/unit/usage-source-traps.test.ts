// More traps of real agent logs, each read from the writer's own source: Anthropic's 1-hour cache
// writes on models whose catalogue entry has no 1-hour price; Roo Code's and Kilo Code's tokensIn,
// which holds the cache since late 2025. Every expected number is worked out by hand in the comments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { claudeCodeParser, parseClineTask, priceRecords, summarize, type PricingContext, type UsageRecord } from '../../src/core/usage';
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

describe('Roo Code and Kilo Code: tokensIn holds the cache since Roo Code 3.29.5 (2025-11-01) and Kilo Code 4.119.0 (2025-11-12)', () => {
  const req = (iso: string, info: object) => ({ ts: Date.parse(iso), type: 'say', say: 'api_req_started', text: JSON.stringify(info) });
  // An Anthropic-style request: 300 uncached + 2000 cache reads + 10000 cache writes.
  const whole = { tokensIn: 12300, tokensOut: 50, cacheWrites: 10000, cacheReads: 2000, cost: 0.04, apiProtocol: 'anthropic' };
  const remainder = { ...whole, tokensIn: 300 };
  const rows = (source: 'roo-code' | 'kilo-code', messages: object[]) =>
    parseClineTask(JSON.stringify(messages), undefined, { path: 'tasks/t1/ui_messages.json' }, source).records.map((r) => [r.input, r.cacheRead, r.cacheWrite]);

  test('Roo Code: the whole prompt after the release, the remainder before it or whenever tokensIn is below the cache', () => {
    assert.deepEqual(rows('roo-code', [req('2026-03-02T10:00:00Z', whole), req('2026-03-02T10:01:00Z', remainder), req('2025-10-20T10:00:00Z', whole)]), [
      [300, 2000, 10000], // 12300 − 2000 − 10000
      [300, 2000, 10000], // below the cache: already the remainder
      [12300, 2000, 10000], // Roo Code 3.29.4 and before: the uncached input as logged
    ]);
  });

  test('Kilo Code took the change eleven days later', () => {
    assert.deepEqual(rows('kilo-code', [req('2025-11-05T10:00:00Z', whole), req('2025-11-13T10:00:00Z', whole)]), [
      [12300, 2000, 10000],
      [300, 2000, 10000],
    ]);
  });
});
