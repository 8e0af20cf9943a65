import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { priceCall } from '../../src/core/cost';
import type { HistoricPrice, Model, Price } from '../../src/core/pricing/schema';
import type { Assumptions, CostBreakdown } from '../../src/core/types';

// Prices of DeepSeek, Alibaba (Qwen) and ByteDance (Doubao) as their own pricing pages listed
// them on 2026-12-06 (see pricing/SOURCES.cn.md), with worked examples computed by hand.

const catalogue = loadBundledCatalogue();
/** Sunday 2026-12-06 20:00 Beijing time: off-peak for DeepSeek. */
const SUNDAY_EVENING_BEIJING = new Date('2026-12-06T12:00:00Z');
/** Tuesday 2026-12-08 10:00 Beijing time: inside DeepSeek's morning peak. */
const TUESDAY_MORNING_BEIJING = new Date('2026-12-08T02:00:00Z');

function model(id: string): Model {
  const m = catalogue.model(id);
  assert.ok(m, `${id} missing from the bundled pricing file`);
  return m;
}

function priced(id: string): Price {
  const m = model(id);
  assert.ok('rates' in m.price, `${id} is unpriced: ${'unpriced' in m.price ? m.price.unpriced : ''}`);
  return m.price;
}

function historyOn(id: string, day: string): HistoricPrice {
  const entry = (model(id).history ?? []).find((h) => h.from <= day && (h.to === undefined || day <= h.to));
  assert.ok(entry, `no history entry of ${id} covers ${day}`);
  return entry;
}

/** Cost of one call in the vendor's own currency (no conversion), off-peak unless `a.at` says otherwise. */
function cost(id: string, input: number, a: Partial<Assumptions>): CostBreakdown {
  const full: Assumptions = {
    outputTokens: 0, reasoningTokens: 0, cachedShare: 0, callsPerDay: 0, batch: false,
    at: SUNDAY_EVENING_BEIJING, vendorDiscounts: {}, currency: priced(id).currency,
    ...a,
  };
  const result = priceCall(model(id), input, full, catalogue.exchangeRates);
  assert.ok(!('unpriced' in result), `unexpectedly unpriced: ${'unpriced' in result ? result.unpriced : ''}`);
  return result;
}

/** Equal up to floating-point noise. */
function near(actual: number, expected: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * 1e-9 + 1e-15, `${what} ${actual} !== ${expected}`);
}

describe('DeepSeek (api-docs.deepseek.com, CNY and USD lists)', () => {
  test('every DeepSeek price was read on the vendor page on 2026-12-06, none second-hand', () => {
    for (const m of catalogue.models.filter((x) => x.vendor === 'deepseek')) {
      assert.equal(m.checked, '2026-12-06', m.id);
      assert.equal(m.secondary, undefined, m.id);
      assert.match(m.source, /^https:\/\/api-docs\.deepseek\.com\//, m.id);
    }
  });

  test('deepseek-flash (V4.1 Flash, the cheapest tier): ¥1 / ¥4, cache hit ¥0.02 off-peak; $0.15 / $0.60 / $0.003 abroad; peak doubles', () => {
    const cn = priced('deepseek/deepseek-flash@cn');
    assert.deepEqual([cn.currency, cn.per, cn.rates.input, cn.rates.output, cn.rates.cacheRead], ['CNY', 1_000_000, 1, 4, 0.02]);
    const intl = priced('deepseek/deepseek-flash@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output, intl.rates.cacheRead], ['USD', 0.15, 0.6, 0.003]);
    for (const p of [cn, intl]) {
      assert.deepEqual(p.timeWindows?.map((w) => [w.timezone, w.days, w.start, w.end]), [
        ['Asia/Shanghai', [1, 2, 3, 4, 5], '09:00', '12:00'],
        ['Asia/Shanghai', [1, 2, 3, 4, 5], '14:00', '18:00'],
      ]);
      for (const w of p.timeWindows ?? []) {
        assert.deepEqual([w.rates.input, w.rates.output, w.rates.cacheRead], [p.rates.input * 2, p.rates.output * 2, (p.rates.cacheRead ?? 0) * 2]);
      }
    }
  });

  test('worked example, deepseek-flash@cn: 200,000 input (half cached) + 4,000 output, Sunday evening and Tuesday 10:00', () => {
    // Off-peak: 100,000 × ¥1/1M = ¥0.1; 100,000 × ¥0.02/1M = ¥0.002; 4,000 × ¥4/1M = ¥0.016 → ¥0.118.
    const offPeak = cost('deepseek/deepseek-flash@cn', 200_000, { outputTokens: 4_000, cachedShare: 0.5 });
    near(offPeak.total, 0.118, 'off-peak');
    // Peak doubles every rate: ¥0.236.
    const peak = cost('deepseek/deepseek-flash@cn', 200_000, { outputTokens: 4_000, cachedShare: 0.5, at: TUESDAY_MORNING_BEIJING });
    near(peak.total, 0.236, 'peak');
  });

  test('deepseek-v4-pro (flagship): ¥4.5 / ¥13.5, cache ¥0.15; $0.66 / $1.98, cache $0.022; abroad it cost $0.435 / $0.87 before peak billing', () => {
    const cn = priced('deepseek/deepseek-v4-pro@cn');
    assert.deepEqual([cn.currency, cn.rates.input, cn.rates.output, cn.rates.cacheRead], ['CNY', 4.5, 13.5, 0.15]);
    const intl = priced('deepseek/deepseek-v4-pro@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output, intl.rates.cacheRead], ['USD', 0.66, 1.98, 0.022]);
    const before = historyOn('deepseek/deepseek-v4-pro@intl', '2026-08-01');
    assert.deepEqual([before.rates.input, before.rates.output, before.rates.cacheRead], [0.435, 0.87, 0.003625]);
    assert.throws(() => historyOn('deepseek/deepseek-v4-pro@intl', '2026-08-17'), /no history entry/);
  });

  test('worked example, deepseek-v4-pro@intl: 50,000 input + 2,000 output off-peak = $0.03696', () => {
    // 50,000 × $0.66/1M = $0.033; 2,000 × $1.98/1M = $0.00396.
    near(cost('deepseek/deepseek-v4-pro@intl', 50_000, { outputTokens: 2_000 }).total, 0.03696);
  });

  test('the legacy name deepseek-v4-flash is deprecated, replaced by deepseek-flash and billed at its price', () => {
    for (const region of ['cn', 'intl']) {
      const legacy = model(`deepseek/deepseek-v4-flash@${region}`);
      assert.equal(legacy.replacedBy, `deepseek/deepseek-flash@${region}`);
      assert.equal(legacy.deprecated, '2026-09-10');
      assert.deepEqual(priced(legacy.id).rates, priced(`deepseek/deepseek-flash@${region}`).rates);
    }
    // Before V4.1 Flash took the name over: ¥1.5 / ¥4.5 and $0.22 / $0.66 off-peak.
    assert.deepEqual(historyOn('deepseek/deepseek-v4-flash@cn', '2026-09-01').rates, { input: 1.5, output: 4.5, cacheRead: 0.05 });
    assert.deepEqual(historyOn('deepseek/deepseek-v4-flash@intl', '2026-09-01').rates, { input: 0.22, output: 0.66, cacheRead: 0.007 });
  });
});

describe('Alibaba Qwen (Model Studio: Beijing in CNY, Singapore in USD)', () => {
  test('a price not read on an Alibaba page is flagged secondary', () => {
    const alibaba = catalogue.models.filter((m) => m.vendor === 'alibaba');
    assert.ok(alibaba.length >= 20);
    for (const m of alibaba) {
      const firstParty = /^https:\/\/(help\.aliyun\.com|(www\.)?alibabacloud\.com)\//.test(m.source);
      assert.equal(m.secondary === true, !firstParty, `${m.id}: source ${m.source}`);
    }
  });

  test('Qwen3.8-Max (flagship): ¥12 / ¥36 per 1M on the mainland (cache ¥1.5, explicit cache write ¥15), $2 / $6 abroad, one price for the whole 1M context', () => {
    const cn = priced('alibaba/qwen3.8-max');
    assert.deepEqual([cn.currency, cn.per, cn.rates.input, cn.rates.output, cn.rates.cacheRead, cn.rates.cacheWrite], ['CNY', 1_000_000, 12, 36, 1.5, 15]);
    assert.equal(cn.tiers, undefined);
    const intl = priced('alibaba/qwen3.8-max@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output], ['USD', 2, 6]);
    assert.equal(model('alibaba/qwen3.8-max@intl').region, 'intl');
  });

  test('worked example, Qwen3.8-Max mainland: 300,000 input (40% cached) + 8,000 output (thinking included) = ¥2.628', () => {
    // 180,000 × ¥12/1M = ¥2.16; 120,000 × ¥1.5/1M = ¥0.18; 8,000 × ¥36/1M = ¥0.288. No bracket: 300K bills like 3K.
    near(cost('alibaba/qwen3.8-max', 300_000, { outputTokens: 8_000, cachedShare: 0.4 }).total, 2.628);
  });

  test('Qwen3.8-Flash (cheapest current tier): ¥0.8 / ¥2.7, cache ¥0.1; $0.15 / $0.47, cache $0.016', () => {
    const cn = priced('alibaba/qwen3.8-flash@cn');
    assert.deepEqual([cn.currency, cn.rates.input, cn.rates.output, cn.rates.cacheRead, cn.rates.cacheWrite], ['CNY', 0.8, 2.7, 0.1, 1.25]);
    const intl = priced('alibaba/qwen3.8-flash@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output, intl.rates.cacheRead, intl.rates.cacheWrite], ['USD', 0.15, 0.47, 0.016, 0.2]);
  });

  test('worked example, Qwen3.8-Flash abroad: 1,000,000 input (half cached) + 20,000 output = $0.0924', () => {
    // 500,000 × $0.15/1M = $0.075; 500,000 × $0.016/1M = $0.008; 20,000 × $0.47/1M = $0.0094.
    near(cost('alibaba/qwen3.8-flash@intl', 1_000_000, { outputTokens: 20_000, cachedShare: 0.5 }).total, 0.0924);
  });

  test('Qwen3.7-Max is now priced (¥12 / ¥36) and names Qwen3.8-Max as its successor; qwen-turbo names qwen-flash', () => {
    const p = priced('alibaba/qwen3.7-max');
    assert.deepEqual([p.currency, p.rates.input, p.rates.output], ['CNY', 12, 36]);
    assert.equal(model('alibaba/qwen3.7-max').replacedBy, 'alibaba/qwen3.8-max');
    assert.equal(model('alibaba/qwen-turbo@cn').replacedBy, 'alibaba/qwen-flash@cn');
  });

  test('the historic Qwen price cuts stay expressible: Qwen-Long 0.02 → 0.0005 CNY per 1K, qwen-turbo 2 CNY per 1M', () => {
    assert.equal(historyOn('alibaba/qwen-long', '2024-05-20').rates.input, 0.02);
    assert.equal(historyOn('alibaba/qwen-long', '2024-05-21').rates.input, 0.0005);
    const turbo = historyOn('alibaba/qwen-turbo@cn', '2024-07-01');
    assert.equal((turbo.rates.input / turbo.per) * 1_000_000, 2);
  });
});
