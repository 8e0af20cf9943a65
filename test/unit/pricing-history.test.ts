import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { priceHistory } from '../../src/core/pricing/history';
import type { Model } from '../../src/core/pricing/schema';

const bundled = loadBundledCatalogue();
const model = (id: string): Model => {
  const m = bundled.model(id);
  assert.ok(m, `${id} is not in the bundled file`);
  return m;
};

describe('price history on the bundled data', () => {
  test('Qwen-Long: input 0.02 → 0.0005 CNY per 1K tokens, −97.5 % (21 May 2024)', () => {
    const s = priceHistory(model('alibaba/qwen-long'), { per: 1000 });
    assert.equal(s.currency, 'CNY');
    assert.deepEqual(
      s.points.map((p) => [p.from, p.to, p.rates.input, p.current]),
      [
        ['2024-05-20', '2024-05-20', 0.02, false],
        ['2024-05-21', undefined, 0.0005, true],
      ],
    );
    assert.equal(s.points[1].change.input, -97.5);
    assert.equal(s.totalChange.input, -97.5);
    // The current list price (0.5 / 2 CNY per 1M) is the open-ended 2024-05-21 entry, not a third point.
    assert.equal(s.points[1].rates.output, 0.002);
  });

  test('Qwen-Long in the unit of its current price: 20 → 0.5 CNY per 1M', () => {
    const s = priceHistory(model('alibaba/qwen-long'));
    assert.equal(s.per, 1_000_000);
    assert.deepEqual(
      s.points.map((p) => p.rates.input),
      [20, 0.5],
    );
  });

  test("qwen-turbo (cn): 2 CNY per 1M input, then −85 % in September 2024; the cache price comes from today's list", () => {
    const s = priceHistory(model('alibaba/qwen-turbo@cn'));
    assert.deepEqual(
      s.points.map((p) => p.rates.input),
      [2, 0.3],
    );
    assert.equal(s.points[1].change.input, -85);
    assert.equal(s.points[1].from, '2024-09-19');
    assert.equal(s.points[1].current, true);
    const current = model('alibaba/qwen-turbo@cn').price as { rates: { cacheRead?: number } };
    assert.equal(s.points[1].rates.cacheRead, current.rates.cacheRead);
    assert.equal(s.points[1].rates.cacheRead, 0.06);
    assert.equal(s.points[1].change.output, undefined, 'no earlier output price to compare with');
  });

  test('Doubao pro-32k: the 0.0008 CNY per 1K launch price of 15 May 2024 is still the price', () => {
    const s = priceHistory(model('bytedance/doubao-pro-32k-241215'), { per: 1000 });
    assert.equal(s.points.length, 1);
    assert.equal(s.points[0].from, '2024-05-15');
    assert.equal(s.points[0].rates.input, 0.0008);
    assert.equal(s.points[0].current, true);
    assert.deepEqual(s.totalChange, {});
  });

  test('a price with an end date is followed by the current price from the next day', () => {
    // GPT-5.6 Sol: launch $5 (2026-07-09), promotion $4 from 2026-08-21 to 2026-11-30, $5 again from 2026-12-01.
    const m = model('openai/gpt-5.6-sol');
    const s = priceHistory(m);
    const last = m.history![m.history!.length - 1];
    assert.equal(last.to, '2026-11-30');
    assert.deepEqual(
      s.points.map((p) => [p.from, p.to, p.rates.input, p.current]),
      [
        ['2026-07-09', '2026-08-20', 5, false],
        ['2026-08-21', '2026-11-30', 4, false],
        ['2026-12-01', undefined, 5, true],
      ],
    );
    const now = s.points[2];
    assert.equal(now.checked, m.checked);
    assert.equal(s.points[1].change.input, -20);
    assert.equal(now.change.input, 25);
  });

  test('a retired model keeps its history and says why it has no current price', () => {
    const s = priceHistory(model('moonshot/kimi-k2-0905-preview'));
    assert.match(s.unpriced ?? '', /Retired/);
    assert.equal(
      s.points.every((p) => !p.current),
      true,
    );
    assert.equal(s.points[0].rates.input, 4);
  });

  test('a model made free: no percent change from 0 (it would be infinite)', () => {
    const s = priceHistory(model('baidu/ernie-speed-8k'));
    assert.equal(s.points.at(-1)!.free, true);
    assert.deepEqual(s.totalChange, {});
  });

  test('a model without history is just its current price', () => {
    const s = priceHistory(model('openai/gpt-4o'));
    assert.equal(s.points.length, 1);
    assert.equal(s.points[0].current, true);
    assert.equal(s.points[0].from, undefined);
  });

  test('points in another currency are converted only with an exchange-rate table', () => {
    const m: Model = { ...model('alibaba/qwen-long'), price: { currency: 'USD', per: 1_000_000, rates: { input: 0.07, output: 0.28 } } };
    const without = priceHistory(m);
    assert.equal(without.points[0].currency, 'CNY');
    assert.equal(without.points.at(-1)!.change.input, undefined);
    const rates = bundled.exchangeRates;
    const withRates = priceHistory(m, { exchangeRates: rates });
    assert.equal(withRates.points[0].convertedFrom, 'CNY');
    assert.equal(withRates.points[0].currency, 'USD');
    assert.ok(Math.abs(withRates.points[0].rates.input! - 20 / rates.rates.CNY!) < 1e-9);
  });
});
