import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { priceCall } from '../../src/core/cost';
import type { HistoricPrice, Model, Price } from '../../src/core/pricing/schema';
import type { Assumptions, CostBreakdown } from '../../src/core/types';
import { near } from './support';

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
    outputTokens: 0,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay: 0,
    batch: false,
    at: SUNDAY_EVENING_BEIJING,
    vendorDiscounts: {},
    currency: priced(id).currency,
    ...a,
  };
  const result = priceCall(model(id), input, full, catalogue.exchangeRates);
  assert.ok(!('unpriced' in result), `unexpectedly unpriced: ${'unpriced' in result ? result.unpriced : ''}`);
  return result;
}

/** Equal up to floating-point noise. */

describe('DeepSeek (api-docs.deepseek.com, CNY and USD lists)', () => {
  test('every DeepSeek price comes from the vendor page, dated by its copy (CNY copy undated, read 2026-12-06; USD copy 2026-11-15), none second-hand', () => {
    // Read on 2026-12-06; the Chinese copy is undated and only names DeepSeek-V4.1-Flash-1017 (a lower bound,
    // so checked is the day it was read), the English one is tagged check=20261115.
    // The legacy names deepseek-chat / deepseek-reasoner (retired 2026-07-24) are kept only to price old logs by
    // dated schedules; usage-log-names.test.ts checks them.
    for (const m of catalogue.models.filter((x) => x.vendor === 'deepseek' && x.retires === undefined)) {
      assert.equal(m.checked, m.id.endsWith('@cn') ? '2026-12-06' : '2026-11-15', m.id);
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
      assert.deepEqual(
        p.timeWindows?.map((w) => [w.timezone, w.days, w.start, w.end]),
        [
          ['Asia/Shanghai', [1, 2, 3, 4, 5], '09:00', '12:00'],
          ['Asia/Shanghai', [1, 2, 3, 4, 5], '14:00', '18:00'],
        ],
      );
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

  test('Qwen4-Max (flagship since 2026-11-16): $1.50 / $4.50 abroad, cache read $0.075, explicit cache write $1.875, one price for the whole 1M context; unpriced on the mainland rather than converted', () => {
    const intl = priced('alibaba/qwen4-max@intl');
    assert.deepEqual(
      [intl.currency, intl.per, intl.rates.input, intl.rates.output, intl.rates.cacheRead, intl.rates.cacheWrite],
      ['USD', 1_000_000, 1.5, 4.5, 0.075, 1.875],
    );
    assert.equal(intl.tiers, undefined);
    assert.equal(model('alibaba/qwen4-max@intl').region, 'intl');
    const cn = model('alibaba/qwen4-max@cn');
    assert.equal(cn.region, 'cn');
    assert.ok('unpriced' in cn.price, 'no 元 price was read for qwen4-max, so none may be stored');
  });

  test('worked example, Qwen4-Max abroad: 200,000 input (half cached) + 10,000 output = $0.2025', () => {
    // 100,000 × $1.50/1M = $0.15; 100,000 × $0.075/1M = $0.0075; 10,000 × $4.50/1M = $0.045.
    near(cost('alibaba/qwen4-max@intl', 200_000, { outputTokens: 10_000, cachedShare: 0.5 }).total, 0.2025);
  });

  test('Qwen3.8-Max: ¥12 / ¥36 per 1M on the mainland (implicit cache ¥2.4 = 20%, explicit cache write ¥15 = 125%), $2 / $6 abroad, one price for the whole 1M context, replaced by Qwen4-Max in each region', () => {
    const cn = priced('alibaba/qwen3.8-max');
    assert.deepEqual([cn.currency, cn.per, cn.rates.input, cn.rates.output, cn.rates.cacheRead, cn.rates.cacheWrite], ['CNY', 1_000_000, 12, 36, 2.4, 15]);
    assert.equal(cn.tiers, undefined);
    const intl = priced('alibaba/qwen3.8-max@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output], ['USD', 2, 6]);
    assert.equal(model('alibaba/qwen3.8-max@intl').region, 'intl');
    assert.equal(model('alibaba/qwen3.8-max').replacedBy, 'alibaba/qwen4-max@cn');
    assert.equal(model('alibaba/qwen3.8-max@intl').replacedBy, 'alibaba/qwen4-max@intl');
  });

  test('worked example, Qwen3.8-Max mainland: 300,000 input (40% cached) + 8,000 output (thinking included) = ¥2.736', () => {
    // 180,000 × ¥12/1M = ¥2.16; 120,000 × ¥2.4/1M = ¥0.288; 8,000 × ¥36/1M = ¥0.288. No bracket: 300K bills like 3K.
    near(cost('alibaba/qwen3.8-max', 300_000, { outputTokens: 8_000, cachedShare: 0.4 }).total, 2.736);
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

  test('Qwen3.7-Max is now priced (¥12 / ¥36) and names Qwen3.8-Max as its successor', () => {
    const p = priced('alibaba/qwen3.7-max');
    assert.deepEqual([p.currency, p.rates.input, p.rates.output], ['CNY', 12, 36]);
    assert.equal(model('alibaba/qwen3.7-max').replacedBy, 'alibaba/qwen3.8-max');
  });

  test('qwen-turbo (both regions) and qwq-plus retired on 2026-10-10, each pointing at a Qwen3.8-Flash of its own region', () => {
    // https://www.alibabacloud.com/zh/notice/model_studionotice_on_the_decommissioning_of_certain_historical_mainline_models_731
    for (const [id, next] of [
      ['alibaba/qwen-turbo@cn', 'alibaba/qwen3.8-flash@cn'],
      ['alibaba/qwen-turbo@intl', 'alibaba/qwen3.8-flash@intl'],
      ['alibaba/qwq-plus', 'alibaba/qwen3.8-flash@cn'],
    ]) {
      const m = model(id);
      assert.equal(m.retires, '2026-10-10', id);
      assert.equal(m.replacedBy, next, id);
      assert.equal(model(next).region, m.region, `${id} → ${next} stays in its region`);
    }
  });

  test('the historic Qwen price cuts stay expressible: Qwen-Long 0.02 → 0.0005 CNY per 1K, qwen-turbo 2 CNY per 1M', () => {
    assert.equal(historyOn('alibaba/qwen-long', '2024-05-20').rates.input, 0.02);
    assert.equal(historyOn('alibaba/qwen-long', '2024-05-21').rates.input, 0.0005);
    const turbo = historyOn('alibaba/qwen-turbo@cn', '2024-07-01');
    assert.equal((turbo.rates.input / turbo.per) * 1_000_000, 2);
  });
});

describe('ByteDance Doubao (Volcano Engine Ark in CNY, BytePlus ModelArk in USD)', () => {
  test('no Doubao price is presented as first-party: the Ark price table could not be read', () => {
    for (const m of catalogue.models.filter((x) => x.vendor === 'bytedance' && 'rates' in x.price)) {
      assert.equal(m.secondary, true, m.id);
    }
  });

  test('Seed 2.1 Turbo: BytePlus $0.50 / $2.50, cache $0.10; on Ark 3 / 15 元, cache 0.6 元, half of Seed 2.1 Pro on every rate', () => {
    const intl = priced('bytedance/doubao-seed-2-1-turbo-260628@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output, intl.rates.cacheRead], ['USD', 0.5, 2.5, 0.1]);
    assert.equal(model('bytedance/doubao-seed-2-1-turbo-260628@intl').apiId, 'dola-seed-2-1-turbo-260628');
    const cn = priced('bytedance/doubao-seed-2-1-turbo-260628@cn');
    assert.deepEqual([cn.currency, cn.rates.input, cn.rates.output, cn.rates.cacheRead], ['CNY', 3, 15, 0.6]);
    const pro = priced('bytedance/doubao-seed-2-1-pro-260628');
    assert.deepEqual([pro.rates.input / 2, pro.rates.output / 2, pro.rates.cacheRead! / 2], [3, 15, 0.6]);
    assert.equal(model('bytedance/doubao-seed-2-1-turbo-260628@cn').secondary, true);
    assert.equal(model('bytedance/doubao-seed-1-8-251228').replacedBy, 'bytedance/doubao-seed-2-1-turbo-260628@cn');
  });

  test('worked example, Seed 2.1 Turbo abroad: 40,000 input (25% cached) + 3,000 output = $0.0235', () => {
    // 30,000 × $0.50/1M = $0.015; 10,000 × $0.10/1M = $0.001; 3,000 × $2.50/1M = $0.0075.
    near(cost('bytedance/doubao-seed-2-1-turbo-260628@intl', 40_000, { outputTokens: 3_000, cachedShare: 0.25 }).total, 0.0235);
  });

  test('Seed 2.0 Mini, the cheapest tier: ¥0.2 / ¥2 up to 32K input on Ark, $0.10 / $0.40 on BytePlus', () => {
    const cn = priced('bytedance/doubao-seed-2-0-mini-260215');
    assert.deepEqual([cn.currency, cn.rates.input, cn.rates.output], ['CNY', 0.2, 2]);
    const intl = priced('bytedance/doubao-seed-2-0-mini-260215@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output], ['USD', 0.1, 0.4]);
  });

  test('worked example, Seed 2.0 Mini on Ark: the whole request bills at the band its input falls in', () => {
    // 20,000 input is in [0, 32K]: 20,000 × ¥0.2/1M + 1,000 × ¥2/1M = ¥0.006.
    near(cost('bytedance/doubao-seed-2-0-mini-260215', 20_000, { outputTokens: 1_000 }).total, 0.006);
    // 100,000 input is in (32K, 128K]: input and output both at that band, 100,000 × ¥0.4/1M + 1,000 × ¥4/1M = ¥0.044.
    near(cost('bytedance/doubao-seed-2-0-mini-260215', 100_000, { outputTokens: 1_000 }).total, 0.044);
  });

  test('Doubao-pro-32k at launch: 0.0008 CNY per 1K input tokens (May 2024) stays in its history', () => {
    const launch = historyOn('bytedance/doubao-pro-32k-241215', '2024-05-15');
    assert.deepEqual([launch.currency, launch.per, launch.rates.input], ['CNY', 1000, 0.0008]);
  });
});

describe('Alibaba first-party model page (qwen-doc-turbo)', () => {
  test('re-read on help.aliyun.com: 0.6 / 1 CNY, cache hit 0.12, explicit cache creation 0.75', () => {
    // https://help.aliyun.com/zh/model-studio/qwen-doc-turbo (华北2（北京）)
    const m = model('alibaba/qwen-doc-turbo');
    assert.equal(m.secondary, undefined);
    // The page copy carries no date, so checked is the day it was read, and the notes say so.
    assert.equal(m.checked, '2026-12-06');
    assert.match(m.notes ?? '', /Source copy undated/);
    const p = priced(m.id);
    assert.deepEqual([p.currency, p.rates.input, p.rates.output, p.rates.cacheRead, p.rates.cacheWrite], ['CNY', 0.6, 1, 0.12, 0.75]);
  });
});
