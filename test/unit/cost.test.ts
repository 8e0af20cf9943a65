import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { convert, isInTimeWindow, priceCall, projectCost, staleness, withRateOverrides } from '../../src/core/cost';
import type { ExchangeRates, Model, TimeWindow } from '../../src/core/pricing/schema';
import type { Assumptions, CostBreakdown } from '../../src/core/types';
import { near } from './support';

const catalogue = loadBundledCatalogue();
/** Monday 2026-11-23 20:00 Beijing time: outside every DeepSeek peak window. */
const MONDAY_EVENING_BEIJING = new Date('2026-11-23T12:00:00Z');
const USD_ONLY: ExchangeRates = { base: 'USD', date: '2026-11-20', source: 'none', rates: {} };

function assumptions(overrides: Partial<Assumptions> = {}): Assumptions {
  return {
    outputTokens: 0,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay: 0,
    batch: false,
    at: MONDAY_EVENING_BEIJING,
    vendorDiscounts: {},
    currency: 'USD',
    ...overrides,
  };
}

function model(id: string): Model {
  const m = catalogue.model(id);
  assert.ok(m, `${id} missing from the bundled pricing file`);
  return m;
}

function cost(id: string, input: number, a: Partial<Assumptions>, rates: ExchangeRates = catalogue.exchangeRates): CostBreakdown {
  const result = priceCall(model(id), input, assumptions(a), rates);
  assert.ok(!('unpriced' in result), `unexpectedly unpriced: ${'unpriced' in result ? result.unpriced : ''}`);
  return result;
}

/** Equal up to floating-point noise. */

describe('priceCall: cached input, output, low/high', () => {
  test('gpt-4o, 10,000 input (30 % cached), 500 output', () => {
    // gpt-4o: $2.50 input, $1.25 cached input, $10 output per 1M tokens.
    // uncached 7,000 × 2.5/1M = 0.0175; cached 3,000 × 1.25/1M = 0.00375; output 500 × 10/1M = 0.005.
    const c = cost('openai/gpt-4o', 10_000, { outputTokens: 500, cachedShare: 0.3 });
    near(c.input, 0.0175, 'input');
    near(c.cacheRead, 0.00375, 'cacheRead');
    near(c.output, 0.005, 'output');
    near(c.total, 0.02625, 'total');
    // Output halved: 0.02125 + 0.0025; doubled: 0.02125 + 0.01.
    near(c.low, 0.02375, 'low');
    near(c.high, 0.03125, 'high');
    assert.equal(c.currency, 'USD');
  });

  test('a model without a cache price bills cached input at the input rate, and says so', () => {
    // gpt-5.5-pro: $30 input, $180 output per 1M, no cache price (OpenAI lists none for it).
    // 40,000 input, half cached: all 40,000 × 30/1M = 1.2; 1,000 output × 180/1M = 0.18.
    const c = cost('openai/gpt-5.5-pro', 40_000, { outputTokens: 1_000, cachedShare: 0.5 });
    near(c.input + c.cacheRead, 1.2);
    near(c.total, 1.38);
    assert.ok(c.applied.some((s) => s.includes('no cache price')));
  });

  test('reasoning tokens are billed as output for a thinking model, ignored for one that does not think', () => {
    // o3: $2 input, $8 output per 1M; thinks. 1,000 in → 0.002; 200 out → 0.0016; 3,000 thinking → 0.024.
    const o3 = cost('openai/o3', 1_000, { outputTokens: 200, reasoningTokens: 3_000 });
    near(o3.reasoning, 0.024);
    near(o3.total, 0.0276);
    // Both output and thinking are guesses: low = 0.002 + 0.0256/2, high = 0.002 + 0.0256×2.
    near(o3.low, 0.0148);
    near(o3.high, 0.0532);
    // gpt-4.1: $2 input, $8 output, no reasoning: the 3,000 thinking tokens cost nothing.
    const g41 = cost('openai/gpt-4.1', 1_000, { outputTokens: 200, reasoningTokens: 3_000 });
    assert.equal(g41.reasoning, 0);
    near(g41.total, 0.0036);
    assert.ok(g41.applied.some((s) => s.startsWith('no reasoning')));
  });

  test('thinking tokens at their own price where the vendor sets one (qwen-plus, CNY)', () => {
    // qwen-plus@cn up to 131,072 input: ¥0.8 input, ¥2 output, ¥8 thinking output per 1M.
    // 10,000 × 0.8/1M = 0.008; 500 × 2/1M = 0.001; 2,000 × 8/1M = 0.016 → ¥0.025.
    const c = cost('alibaba/qwen-plus@cn', 10_000, { outputTokens: 500, reasoningTokens: 2_000, currency: 'CNY' });
    near(c.reasoning, 0.016);
    near(c.total, 0.025);
  });

  test('per 1,000 calls and per month (30 days)', () => {
    // 0.02625 per call → 26.25 per 1,000 calls; 200 calls a day × 30 days = 157.5.
    const p = projectCost(0.02625, 200);
    near(p.perThousandCalls, 26.25);
    near(p.perMonth, 157.5);
  });
});

describe('priceCall: context-length tiers', () => {
  test('request mode: the whole request moves to the long-context bracket', () => {
    // gpt-5.4: ≤272,000 input tokens $2.50 in / $15 out; above: $5 / $22.50 per 1M.
    const atLimit = cost('openai/gpt-5.4', 272_000, { outputTokens: 1_000 });
    near(atLimit.total, 272_000 * 2.5e-6 + 1_000 * 15e-6); // 0.68 + 0.015 = 0.695
    const above = cost('openai/gpt-5.4', 300_000, { outputTokens: 1_000 });
    near(above.input, 1.5); // 300,000 × 5/1M, not 272,000 × 2.5 + 28,000 × 5
    near(above.output, 0.0225); // 1,000 × 22.5/1M
    near(above.total, 1.5225);
    assert.ok(above.applied.some((s) => s.includes('whole request') && s.includes('more than 272,000')));
  });

  test('request mode on a small-window bracket: claude-haiku-5-5 above 100,000 input tokens', () => {
    // ≤100,000: $0.10 / $0.50; above: $0.50 / $2.50 per 1M. 150,000 × 0.5/1M = 0.075; 2,000 × 2.5/1M = 0.005.
    near(cost('anthropic/claude-haiku-5-5', 150_000, { outputTokens: 2_000 }).total, 0.08);
    near(cost('anthropic/claude-haiku-5-5', 100_000, { outputTokens: 2_000 }).total, 0.011); // 0.01 + 0.001
  });

  test('request mode with three brackets: Doubao Seed 1.6 at 50,000 input tokens (CNY)', () => {
    // ≤32K: ¥0.8 / ¥8; ≤128K: ¥1.2 / ¥16; above: ¥2.4 / ¥24 per 1M. 50,000 falls in the middle bracket:
    // 50,000 × 1.2/1M = 0.06; 1,000 × 16/1M = 0.016 → ¥0.076.
    near(cost('bytedance/doubao-seed-1-6-251015', 50_000, { outputTokens: 1_000, currency: 'CNY' }).total, 0.076);
    // 20,000 in the first: 20,000 × 0.8/1M = 0.016; 1,000 × 8/1M = 0.008.
    near(cost('bytedance/doubao-seed-1-6-251015', 20_000, { outputTokens: 1_000, currency: 'CNY' }).total, 0.024);
  });

  test('graduated mode: each bracket bills its own share of the input', () => {
    // The same published brackets of gpt-5.4, billed the graduated way (as Qwen bills its tiers):
    // 272,000 × 2.5/1M = 0.68, plus 28,000 × 5/1M = 0.14 → 0.82 input; output at the reached bracket: 1,000 × 22.5/1M.
    const gpt54 = model('openai/gpt-5.4');
    assert.ok('rates' in gpt54.price && gpt54.price.tiers);
    const graduated = { ...gpt54.price, tiers: { ...gpt54.price.tiers, mode: 'graduated' as const } };
    const { catalogue: c, errors } = applyOverlay(catalogue, { version: 1, priceOverrides: { [gpt54.id]: graduated } }, 'g.json');
    assert.deepEqual(errors, []);
    const r = priceCall(c.model(gpt54.id)!, 300_000, assumptions({ outputTokens: 1_000, cachedShare: 0.1 }), USD_ONLY);
    assert.ok(!('unpriced' in r));
    // 10 % cached in each bracket: 272,000 → 244,800 × 2.5 + 27,200 × 0.25; 28,000 → 25,200 × 5 + 2,800 × 0.5 (per 1M).
    near(r.input, (244_800 * 2.5 + 25_200 * 5) / 1e6); // 0.612 + 0.126
    near(r.cacheRead, (27_200 * 0.25 + 2_800 * 0.5) / 1e6); // 0.0068 + 0.0014
    near(r.output, 0.0225);
  });
});

describe('priceCall: time windows (DeepSeek peak hours, Beijing time)', () => {
  // deepseek-flash@cn: off-peak ¥1 input / ¥4 output per 1M; Mon–Fri 09:00–12:00 and 14:00–18:00 Beijing: ¥2 / ¥8.
  const cny = { currency: 'CNY' as const, outputTokens: 1_000 };

  test('peak on a weekday morning in Beijing', () => {
    // Monday 2026-11-23 02:30 UTC = 10:30 Beijing. 100,000 × 2/1M = 0.2; 1,000 × 8/1M = 0.008.
    const c = cost('deepseek/deepseek-flash@cn', 100_000, { ...cny, at: new Date('2026-11-23T02:30:00Z') });
    near(c.total, 0.208);
    assert.ok(c.applied.some((s) => s.startsWith('time window: Peak')));
    assert.equal(c.currency, 'CNY');
  });

  test('off-peak at the same clock time on Saturday, at lunch and at the window end', () => {
    // 100,000 × 1/1M = 0.1; 1,000 × 4/1M = 0.004.
    for (const at of ['2026-11-28T02:30:00Z', '2026-11-23T04:30:00Z', '2026-11-23T04:00:00Z', '2026-11-23T10:00:00Z']) {
      near(cost('deepseek/deepseek-flash@cn', 100_000, { ...cny, at: new Date(at) }).total, 0.104, at);
    }
  });

  test('the window start is inclusive (09:00 Beijing = 01:00 UTC)', () => {
    near(cost('deepseek/deepseek-flash@cn', 100_000, { ...cny, at: new Date('2026-11-23T01:00:00Z') }).total, 0.208);
    near(cost('deepseek/deepseek-flash@cn', 100_000, { ...cny, at: new Date('2026-11-23T00:59:00Z') }).total, 0.104);
  });

  test('peak cached input uses the peak cache price', () => {
    // 100,000 input, 80 % cached, peak: 20,000 × 2/1M = 0.04; 80,000 × 0.04/1M = 0.0032.
    const c = cost('deepseek/deepseek-flash@cn', 100_000, { currency: 'CNY', cachedShare: 0.8, at: new Date('2026-11-23T07:00:00Z') });
    near(c.input, 0.04);
    near(c.cacheRead, 0.0032);
  });
});

describe('isInTimeWindow: windows that wrap midnight and name their starting day', () => {
  // DeepSeek's 2025 off-peak discount ran 16:30–00:30 UTC every day.
  const offPeak2025: TimeWindow = { label: 'off-peak', timezone: 'UTC', start: '16:30', end: '00:30', rates: {} };
  const fridayNight: TimeWindow = { label: 'Fri night', timezone: 'Asia/Shanghai', days: [5], start: '22:00', end: '02:00', rates: {} };

  test('wrapping window', () => {
    assert.equal(isInTimeWindow(offPeak2025, new Date('2026-11-23T16:30:00Z')), true);
    assert.equal(isInTimeWindow(offPeak2025, new Date('2026-11-23T23:59:00Z')), true);
    assert.equal(isInTimeWindow(offPeak2025, new Date('2026-11-24T00:29:00Z')), true);
    assert.equal(isInTimeWindow(offPeak2025, new Date('2026-11-24T00:30:00Z')), false);
    assert.equal(isInTimeWindow(offPeak2025, new Date('2026-11-24T12:00:00Z')), false);
  });

  test('a Friday-night window still applies after midnight on Saturday, in its own time zone', () => {
    // Friday 2026-11-27 22:30 Beijing = 14:30 UTC; Saturday 01:30 Beijing = Friday 17:30 UTC.
    assert.equal(isInTimeWindow(fridayNight, new Date('2026-11-27T14:30:00Z')), true);
    assert.equal(isInTimeWindow(fridayNight, new Date('2026-11-27T17:30:00Z')), true);
    // Saturday 22:30 Beijing: the window does not start on Saturday.
    assert.equal(isInTimeWindow(fridayNight, new Date('2026-11-28T14:30:00Z')), false);
    // Friday 01:30 Beijing belongs to Thursday's night, which has no window.
    assert.equal(isInTimeWindow(fridayNight, new Date('2026-11-26T17:30:00Z')), false);
  });
});

describe('priceCall: batch, vendor discount, currency', () => {
  test('batch halves an OpenAI call; a vendor discount takes its percent off', () => {
    // gpt-4o 10,000 in / 500 out = 0.025 + 0.005 = 0.03 list; batch ×0.5 = 0.015; then 10 % off = 0.0135.
    near(cost('openai/gpt-4o', 10_000, { outputTokens: 500 }).total, 0.03);
    const batch = cost('openai/gpt-4o', 10_000, { outputTokens: 500, batch: true });
    near(batch.total, 0.015);
    assert.ok(batch.applied.includes('batch price ×0.5'));
    near(cost('openai/gpt-4o', 10_000, { outputTokens: 500, batch: true, vendorDiscounts: { openai: 10 } }).total, 0.0135);
    // A discount for another vendor changes nothing.
    near(cost('openai/gpt-4o', 10_000, { outputTokens: 500, vendorDiscounts: { anthropic: 50 } }).total, 0.03);
  });

  test('batch requested for a model without a batch price: list price, said plainly', () => {
    const c = cost('deepseek/deepseek-flash@cn', 100_000, { currency: 'CNY', batch: true });
    near(c.total, 0.1);
    assert.ok(c.applied.includes('no batch price: list price'));
  });

  test('a CNY price shown in USD through the bundled exchange-rate table of the file', () => {
    // deepseek-flash@cn off-peak: 100,000 × ¥1/1M = ¥0.1; the table says 1 USD = rates.CNY yuan.
    const table = catalogue.exchangeRates;
    assert.equal(table.base, 'USD');
    const cny = table.rates.CNY!;
    assert.ok(cny > 6 && cny < 8, `implausible CNY rate ${cny}`);
    near(cost('deepseek/deepseek-flash@cn', 100_000, { currency: 'USD' }).total, 0.1 / cny);
    // And a USD price in yuan: gpt-4o 10,000 in / 500 out = $0.03 → ¥(0.03 × rate).
    near(cost('openai/gpt-4o', 10_000, { outputTokens: 500, currency: 'CNY' }).total, 0.03 * cny);
  });

  test('converting through a dated table, with user overrides', () => {
    // A table with 1 USD = 7.1 CNY: ¥0.1 = $0.1/7.1.
    const table: ExchangeRates = { base: 'USD', date: '2026-11-20', source: 'test table', rates: { CNY: 7.1, EUR: 0.86 } };
    near(convert(0.1, 'CNY', 'USD', table), 0.1 / 7.1);
    near(convert(1, 'CNY', 'EUR', table), 0.86 / 7.1);
    assert.equal(convert(0.0008, 'CNY', 'CNY', table), 0.0008);
    const c = cost('deepseek/deepseek-flash@cn', 100_000, { currency: 'USD' }, table);
    near(c.total, 0.1 / 7.1);
    assert.ok(c.applied.some((s) => s.includes('CNY→USD') && s.includes('2026-11-20')));
    const mine = withRateOverrides(table, { CNY: 7 });
    near(cost('deepseek/deepseek-flash@cn', 100_000, { currency: 'USD' }, mine).total, 0.1 / 7);
    assert.throws(() => withRateOverrides(table, { CNY: 0 }), /CNY/);
    assert.throws(() => withRateOverrides(table, { CNY: Number.NaN }), /CNY/);
  });

  test('no rate for the pair: unpriced with the reason, never a number', () => {
    const r = priceCall(model('deepseek/deepseek-flash@cn'), 100_000, assumptions({ currency: 'EUR' }), USD_ONLY);
    assert.ok('unpriced' in r);
    assert.match(r.unpriced, /CNY→EUR/);
    assert.throws(() => convert(1, 'CNY', 'USD', USD_ONLY), /no exchange rate for CNY/);
  });
});

describe('priceCall: free, unpriced and invalid input', () => {
  test('an unpriced model gives its reason', () => {
    // No mainland (元) price for Qwen4-Max could be read: it stays unpriced rather than converted from dollars.
    const qwen4cn = model('alibaba/qwen4-max@cn');
    assert.ok('unpriced' in qwen4cn.price);
    assert.deepEqual(priceCall(qwen4cn, 1_000, assumptions(), catalogue.exchangeRates), { unpriced: qwen4cn.price.unpriced });
  });

  test('a free model costs 0 and says free (GLM-4.7-Flash)', () => {
    const r = priceCall(model('zhipu/glm-4.7-flash'), 5_000, assumptions({ outputTokens: 100, currency: 'CNY' }), catalogue.exchangeRates);
    assert.ok(!('unpriced' in r));
    assert.equal(r.free, true);
    assert.equal(r.total, 0);
    assert.equal(r.high, 0);
    assert.equal(r.applied[0], 'free');
  });

  test('negative, NaN and out-of-range inputs are clear errors', () => {
    const gpt4o = model('openai/gpt-4o');
    const rates = catalogue.exchangeRates;
    assert.throws(() => priceCall(gpt4o, -1, assumptions(), rates), /input tokens/);
    assert.throws(() => priceCall(gpt4o, Number.NaN, assumptions(), rates), /input tokens/);
    assert.throws(() => priceCall(gpt4o, Infinity, assumptions(), rates), /input tokens/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ outputTokens: -5 }), rates), /output tokens/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ reasoningTokens: Number.NaN }), rates), /reasoning tokens/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ cachedShare: 1.5 }), rates), /cached share/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ cachedShare: Number.NaN }), rates), /cached share/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ callsPerDay: -1 }), rates), /calls per day/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ vendorDiscounts: { openai: 120 } }), rates), /openai/);
    assert.throws(() => priceCall(gpt4o, 10, assumptions({ at: new Date('nope') }), rates), /date/);
  });

  test('zero tokens cost exactly zero', () => {
    const c = cost('openai/gpt-5.4', 0, {});
    assert.equal(c.total, 0);
  });
});

describe('staleness', () => {
  test('30 days is the default limit', () => {
    assert.deepEqual(staleness('2026-10-24', new Date('2026-11-23T09:00:00Z')), { stale: false, ageDays: 30 });
    assert.deepEqual(staleness('2026-10-23', new Date('2026-11-23T09:00:00Z')), { stale: true, ageDays: 31 });
    assert.deepEqual(staleness('2026-11-01', new Date('2026-11-23T09:00:00Z'), 14), { stale: true, ageDays: 22 });
    assert.throws(() => staleness('23/11/2026', new Date()), /YYYY-MM-DD/);
  });
});
