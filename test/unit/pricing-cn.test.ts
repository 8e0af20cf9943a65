import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PricingFileSchema, type HistoricPrice, type Model, type Price, type PricingFile } from '../../src/core/pricing/schema';
import { priceCall } from '../../src/core/cost';
import type { Assumptions, CostBreakdown } from '../../src/core/types';
import { repoRoot, near } from './support';

/** The vendors this file covers: the Chinese first-party list prices. */
const CHINESE_VENDORS = ['alibaba', 'bytedance', 'baidu', 'tencent', 'moonshot', 'zhipu', 'minimax', 'stepfun', 'baichuan', '01ai', 'iflytek'];

function loadShippedPricing(): PricingFile {
  const raw: unknown = JSON.parse(readFileSync(join(repoRoot(), 'pricing', 'pricing.json'), 'utf8'));
  const parsed = PricingFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    assert.fail(`pricing/pricing.json does not match PricingFileSchema:\n${issues}`);
  }
  return parsed.data;
}

const pricing = loadShippedPricing();

function findModel(id: string): Model {
  const found = pricing.models.find((m) => m.id === id);
  assert.ok(found, `model ${id} is missing from pricing/pricing.json`);
  return found;
}

function priced(id: string): Price {
  const found = findModel(id);
  assert.ok('rates' in found.price, `model ${id} is unpriced: ${'unpriced' in found.price ? found.price.unpriced : ''}`);
  return found.price;
}

/** The history entry in force on `day` (YYYY-MM-DD). */
function historyOn(id: string, day: string): HistoricPrice {
  const entry = (findModel(id).history ?? []).find((h) => h.from <= day && (h.to === undefined || day <= h.to));
  assert.ok(entry, `no history entry of ${id} covers ${day}`);
  return entry;
}

/** One call priced in the model's own currency (no conversion), at the given token counts. */
function callCost(id: string, input: number, over: Partial<Assumptions> = {}): CostBreakdown {
  const p = priced(id);
  const a: Assumptions = {
    outputTokens: 0,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay: 0,
    batch: false,
    at: new Date('2026-12-06T04:00:00Z'),
    vendorDiscounts: {},
    currency: p.currency,
    ...over,
  };
  assert.ok(pricing.exchangeRates, 'the shipped file carries exchange rates');
  const result = priceCall(findModel(id), input, a, pricing.exchangeRates);
  assert.ok(!('unpriced' in result), `${id} unexpectedly unpriced`);
  return result;
}

/** Equal up to floating-point noise. */

/** Yuan per token, whatever unit the vendor publishes in. */
const perToken = (rate: number, per: number) => rate / per;

describe('shipped pricing file: Chinese vendors', () => {
  test('every Chinese vendor has a file in the assembled pricing.json', () => {
    const ids = new Set(pricing.vendors.map((v) => v.id));
    for (const id of CHINESE_VENDORS) {
      assert.ok(ids.has(id), `vendor ${id} missing`);
      assert.ok(
        pricing.models.some((m) => m.vendor === id),
        `vendor ${id} has no models`,
      );
    }
  });

  test('mainland list prices of Chinese first-party models are stored in CNY, international endpoints in USD', () => {
    // The vendors publish mainland prices in 元 (help.aliyun.com, volcengine.com, cloud.baidu.com, …);
    // an entry stored in USD would be converted twice and shown about 7x too cheap.
    const chinese = pricing.models.filter((m) => CHINESE_VENDORS.includes(m.vendor));
    assert.ok(chinese.length >= 30, `only ${chinese.length} Chinese models`);
    for (const m of chinese) {
      if (!('rates' in m.price)) continue;
      if (m.region === 'cn') assert.equal(m.price.currency, 'CNY', `${m.id} is a mainland price but stored in ${m.price.currency}`);
      if (m.region === 'intl') assert.equal(m.price.currency, 'USD', `${m.id} is an international price but stored in ${m.price.currency}`);
      if (m.id.endsWith('@cn')) assert.equal(m.region, 'cn', m.id);
      if (m.id.endsWith('@intl')) assert.equal(m.region, 'intl', m.id);
    }
  });

  test('unpriced models say why, and no paid model is stored as all-zero', () => {
    for (const m of pricing.models.filter((x) => CHINESE_VENDORS.includes(x.vendor))) {
      if ('unpriced' in m.price) assert.ok(m.price.unpriced.length > 20, `${m.id}: reason too short`);
      else if (m.price.rates.input === 0 && m.price.rates.output === 0) assert.equal(m.price.free, true, m.id);
    }
  });
});

describe('Alibaba Qwen (Model Studio)', () => {
  test('qwen-plus, Beijing: 0.8 / 2 CNY per 1M, thinking output 8, request-wide brackets at 128K and 256K', () => {
    // https://github.com/lobehub/lobehub/blob/ba037cfbc20dab507aa6be4ccde3815a3e69cbf2/packages/model-bank/src/aiModels/qwen.ts
    // (transcribes https://help.aliyun.com/zh/model-studio/models): 0–128K 0.8/2 (thinking 8),
    // 128K–256K 2.4/20 (24), 256K–1M 4.8/48 (64) 元 per 1M tokens.
    const p = priced('alibaba/qwen-plus@cn');
    assert.equal(p.currency, 'CNY');
    assert.equal(p.per, 1_000_000);
    assert.deepEqual([p.rates.input, p.rates.output, p.rates.reasoningOutput], [0.8, 2, 8]);
    assert.equal(p.tiers?.mode, 'request');
    assert.deepEqual(
      p.tiers?.brackets.map((b) => [b.upTo, b.input, b.output, b.reasoningOutput]),
      [
        [128000, 0.8, 2, 8],
        [256000, 2.4, 20, 24],
        [null, 4.8, 48, 64],
      ],
    );
    assert.equal(p.batchMultiplier, 0.5);
  });

  test('qwen-plus, Singapore: 0.4 / 1.2 USD per 1M, priced apart from the mainland', () => {
    // https://www.alibabacloud.com/help/en/model-studio/billing-for-model-studio (Qwen-Plus minimum $0.4 in / $1.2 out per 1M)
    const p = priced('alibaba/qwen-plus@intl');
    assert.equal(p.currency, 'USD');
    assert.deepEqual([p.rates.input, p.rates.output], [0.4, 1.2]);
  });

  test('qwen3-max, Beijing: 2.5 / 10 CNY up to 32K, 7 / 28 above 128K, cache hit 20% of input', () => {
    // https://github.com/qxytah/qwen-api-pricing (help.aliyun.com figures, May 2026): 0–32K 2.5/10, 32–128K 4/16, 128–256K 7/28
    const p = priced('alibaba/qwen3-max@cn');
    assert.deepEqual(
      p.tiers?.brackets.map((b) => [b.input, b.output, b.cacheRead]),
      [
        [2.5, 10, 0.5],
        [4, 16, 0.8],
        [7, 28, 1.4],
      ],
    );
  });

  test('Qwen-Long: input cut from 0.02 to 0.0005 CNY per 1K tokens on 21 May 2024 (−97%), still 0.5 per 1M', () => {
    // https://c.m.163.com/news/a/J2O09HCV05118O92.html : "API输入价格从0.02元/千tokens降至0.0005元/千tokens，直降97%"
    const before = historyOn('alibaba/qwen-long', '2024-05-20');
    const after = historyOn('alibaba/qwen-long', '2024-05-21');
    assert.equal(before.per, 1000);
    assert.equal(before.rates.input, 0.02);
    assert.equal(after.rates.input, 0.0005);
    // 97.5% off, announced as "直降97%".
    assert.equal(Math.floor((1 - after.rates.input / before.rates.input) * 100), 97);
    const now = priced('alibaba/qwen-long');
    assert.equal(perToken(now.rates.input, now.per), perToken(after.rates.input, after.per));
  });

  test('qwen-turbo: 2 CNY per 1M input tokens in mid-2024, 0.3 after the September 2024 cut', () => {
    // https://aicnews.cn/keji/moxing/17951.html (Qwen-Turbo −85% in September 2024) and the vendor list then showing 0.0003 元/1K:
    // https://help.aliyun.com/zh/model-studio/developer-reference/billing-for-applied-computer-vision
    const mid2024 = historyOn('alibaba/qwen-turbo@cn', '2024-07-01');
    assert.equal(perToken(mid2024.rates.input, mid2024.per) * 1_000_000, 2);
    const late2024 = historyOn('alibaba/qwen-turbo@cn', '2024-10-01');
    assert.equal(late2024.rates.input, 0.0003);
    assert.equal(priced('alibaba/qwen-turbo@cn').rates.input, 0.3);
  });
});

describe('ByteDance Doubao (Volcano Engine Ark)', () => {
  test('Doubao-Seed-2.0-Pro: 3.2 / 16 CNY per 1M up to 32K input, 9.6 / 48 above 128K, whole request at its band', () => {
    // https://github.com/lobehub/lobehub/blob/18a6dcffe71990e54c4faca622f5e93f1b0b9b95/packages/model-bank/src/aiModels/volcengine.ts
    // and https://token-plan.pages.dev/en/doubao-token-api/ ("≤32K band ¥3.2/¥16 per 1M tokens")
    const p = priced('bytedance/doubao-seed-2-0-pro-260215');
    assert.equal(p.tiers?.mode, 'request');
    assert.deepEqual(
      p.tiers?.brackets.map((b) => [b.upTo, b.input, b.output]),
      [
        [32000, 3.2, 16],
        [128000, 4.8, 24],
        [null, 9.6, 48],
      ],
    );
    assert.equal(p.rates.cacheRead, 0.64);
  });

  test('Doubao-Seed-2.0-Mini is the cheapest Seed 2.0 entry: 0.2 / 2 CNY per 1M', () => {
    // https://token-plan.pages.dev/en/doubao-token-api/ ("≤32K input ¥0.2/¥2 per 1M, lowest listed Ark API entry")
    const p = priced('bytedance/doubao-seed-2-0-mini-260215');
    assert.deepEqual([p.rates.input, p.rates.output], [0.2, 2]);
  });

  test('Doubao-pro-32k: 0.0008 CNY per 1K input tokens from 15 May 2024 ("0.8 厘")', () => {
    // https://cn.bg3.co/a/bi-tong-xing-di-99-zi-jie-tiao-qi-da-mo-xing-jie-ge-zhan.html : "正式定价是0.8厘/千tokens"
    const launch = historyOn('bytedance/doubao-pro-32k-241215', '2024-05-15');
    assert.equal(launch.currency, 'CNY');
    assert.equal(launch.per, 1000);
    assert.equal(launch.rates.input, 0.0008);
    // 1 yuan buys 1.25M tokens at that price.
    assert.equal(Math.round(1 / perToken(launch.rates.input, launch.per)), 1_250_000);
  });
});

describe('Zhipu GLM (bigmodel.cn in CNY, z.ai in USD)', () => {
  test('GLM-5.3 is priced apart per region: 8 / 28 CNY (cache 2) on bigmodel.cn, 1.40 / 4.40 USD on z.ai', () => {
    // https://docs.bigmodel.cn/cn/guide/start/pricing.md : GLM-5.3 输入 8、输出 28、缓存命中 2 元/百万 Tokens
    const cn = priced('zhipu/glm-5.3@cn');
    assert.deepEqual([cn.currency, cn.rates.input, cn.rates.output, cn.rates.cacheRead], ['CNY', 8, 28, 2]);
    // https://github.com/VladoIvankovic/Codeep/releases/tag/v2.20.0 : Z.AI publishes $1.40 / $4.40 for GLM-5.3
    const intl = priced('zhipu/glm-5.3@intl');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output, intl.rates.cacheRead], ['USD', 1.4, 4.4, 0.26]);
  });

  test('GLM-5.3 on the mainland, worked example: 50,000 input (40 % cached) and 4,000 output tokens cost 0.392 CNY', () => {
    // uncached 30,000 × 8/1M = 0.24; cached 20,000 × 2/1M = 0.04; output 4,000 × 28/1M = 0.112.
    const c = callCost('zhipu/glm-5.3@cn', 50_000, { cachedShare: 0.4, outputTokens: 4_000 });
    near(c.input, 0.24, 'input');
    near(c.cacheRead, 0.04, 'cacheRead');
    near(c.output, 0.112, 'output');
    near(c.total, 0.392, 'total');
  });

  test('GLM-5.3-Flash: list price 0.8 / 2.8 CNY today, the 50 % launch price 0.4 / 1.4 only until 9 September 2026', () => {
    // https://docs.bigmodel.cn/cn/guide/start/pricing.md : "当前限时 5 折优惠，活动截止 2026 年 9 月 9 日 24:00"
    const list = priced('zhipu/glm-5.3-flash');
    assert.deepEqual([list.rates.input, list.rates.output, list.rates.cacheRead], [0.8, 2.8, 0.23]);
    const promo = historyOn('zhipu/glm-5.3-flash', '2026-09-09');
    assert.deepEqual([promo.rates.input, promo.rates.output], [0.4, 1.4]);
    assert.throws(() => historyOn('zhipu/glm-5.3-flash', '2026-09-10'), /no history entry/);
  });

  test('GLM-5.3-Flash abroad, worked example: 200,000 input and 3,000 output tokens cost $0.0315', () => {
    // https://docs.apiyi.com/models/glm-5-3-flash.md (list prices): $0.15 in, $0.03 cache read, $0.50 out per 1M.
    // 200,000 × 0.15/1M = 0.03; 3,000 × 0.5/1M = 0.0015.
    const c = callCost('zhipu/glm-5.3-flash@intl', 200_000, { outputTokens: 3_000 });
    near(c.total, 0.0315, 'total');
    assert.equal(c.currency, 'USD');
  });

  test('GLM-4.7-Flash is free, and stored as free rather than as a zero price', () => {
    // https://github.com/lobehub/lobehub/blob/008f047e57f696a79b7953811f96cc051b857a43/packages/model-bank/src/aiModels/zhipu.ts (0 / 0)
    const p = priced('zhipu/glm-4.7-flash');
    assert.equal(p.free, true);
    // A free model costs nothing whatever the call looks like.
    assert.equal(callCost('zhipu/glm-4.7-flash', 100_000, { outputTokens: 5_000 }).total, 0);
  });
});

describe('Moonshot Kimi (platform.moonshot.cn in CNY, platform.kimi.ai in USD)', () => {
  test('Kimi K3.1 Pro abroad, worked example: 20,000 input (50 % cached) and 2,000 output tokens cost $0.04200', () => {
    // https://docs.apiyi.com/en/api-capabilities/kimi-k3-1/overview (official rates): $2 in, $0.20 cache read, $10 out per 1M.
    // uncached 10,000 × 2/1M = 0.02; cached 10,000 × 0.2/1M = 0.002; output 2,000 × 10/1M = 0.02.
    const c = callCost('moonshot/kimi-k3.1-pro@intl', 20_000, { cachedShare: 0.5, outputTokens: 2_000 });
    near(c.input, 0.02, 'input');
    near(c.cacheRead, 0.002, 'cacheRead');
    near(c.output, 0.02, 'output');
    near(c.total, 0.042, 'total');
    assert.equal(findModel('moonshot/kimi-k3.1-pro@intl').secondary, true, 'the vendor page was not readable: flagged secondary');
  });

  test('Kimi K3.1 Pro Highspeed doubles input, output and cache write but not cache read', () => {
    const pro = priced('moonshot/kimi-k3.1-pro@intl').rates;
    const fast = priced('moonshot/kimi-k3.1-pro-highspeed@intl').rates;
    assert.deepEqual([fast.input, fast.output, fast.cacheRead, fast.cacheWrite], [4, 20, 0.2, 4]);
    assert.deepEqual([fast.input / pro.input, fast.output / pro.output, fast.cacheRead], [2, 2, pro.cacheRead]);
  });

  test('Kimi K3 is priced per region (¥20 / ¥100, $3 / $15) and points at K3.1 Pro in each', () => {
    // https://dev.to/teamorouter/how-to-access-kimi-k3-api-pricing-rate-limits-and-setup-guide-478g : ¥20 / ¥2 / ¥100 and $3 / $0.30 / $15
    const cn = findModel('moonshot/kimi-k3@cn');
    const intl = findModel('moonshot/kimi-k3@intl');
    assert.deepEqual([priced(cn.id).currency, priced(cn.id).rates.input, priced(cn.id).rates.output, priced(cn.id).rates.cacheRead], ['CNY', 20, 100, 2]);
    assert.deepEqual(
      [priced(intl.id).currency, priced(intl.id).rates.input, priced(intl.id).rates.output, priced(intl.id).rates.cacheRead],
      ['USD', 3, 15, 0.3],
    );
    assert.equal(cn.replacedBy, 'moonshot/kimi-k3.1-pro@cn');
    assert.equal(intl.replacedBy, 'moonshot/kimi-k3.1-pro@intl');
  });

  test('K2.7 Code Highspeed is exactly twice K2.7 Code in every token category, in both regions', () => {
    // https://github.com/VladoIvankovic/Codeep/releases/tag/v2.25.0 : "double the standard model across every token category"
    for (const [fast, std] of [
      ['moonshot/kimi-k2.7-code-highspeed', 'moonshot/kimi-k2.7-code'],
      ['moonshot/kimi-k2.7-code-highspeed@intl', 'moonshot/kimi-k2.7-code@intl'],
    ]) {
      const a = priced(fast).rates;
      const b = priced(std).rates;
      assert.deepEqual([a.input, a.output, a.cacheRead], [b.input * 2, b.output * 2, (b.cacheRead ?? 0) * 2], fast);
    }
  });

  test('the mainland K3.1 Pro price was not found: unpriced, not a converted USD figure', () => {
    const m = findModel('moonshot/kimi-k3.1-pro@cn');
    assert.ok('unpriced' in m.price);
  });

  test('Kimi K2.5, the cheapest current Kimi abroad, worked example: 100,000 input and 1,000 output tokens cost $0.063', () => {
    // https://platform.moonshot.ai/docs/pricing/chat (archived 2026-03-26): kimi-k2.5 $0.60 in, $0.10 cache hit, $3.00 out per 1M.
    // 100,000 × 0.6/1M = 0.06; 1,000 × 3/1M = 0.003.
    const c = callCost('moonshot/kimi-k2.5@intl', 100_000, { outputTokens: 1_000 });
    near(c.total, 0.063, 'total');
    assert.equal(findModel('moonshot/kimi-k2.5@intl').secondary, undefined, 'read on the vendor page itself');
  });
});

describe('Moonshot Kimi, MiniMax, Baidu ERNIE', () => {
  test('Kimi K2.6: 6.5 / 27 CNY per 1M, cache hit 1.1', () => {
    // https://platform.kimi.com/docs/pricing/chat-k26 (table transcribed in 2026: 6.5 / 1.1 / 27 元)
    const p = priced('moonshot/kimi-k2.6');
    assert.deepEqual([p.currency, p.rates.input, p.rates.output, p.rates.cacheRead], ['CNY', 6.5, 27, 1.1]);
  });

  test('MiniMax-M2.7 on the mainland: 2.1 / 8.4 CNY, cache read 0.42, cache write 2.625', () => {
    // https://platform.minimaxi.com/docs/guides/pricing-paygo.md
    const p = priced('minimax/minimax-m2.7@cn');
    assert.deepEqual([p.currency, p.rates.input, p.rates.output, p.rates.cacheRead, p.rates.cacheWrite], ['CNY', 2.1, 8.4, 0.42, 2.625]);
  });

  test('MiniMax-M3 abroad: request-wide bracket at 524,288 input tokens, 0.30 / 1.20 then 0.60 / 2.40 USD', () => {
    // https://dev.to/aiwave/minimax-m3-api-complete-integration-guide-1lba (rates on 2026-09-11);
    // APIYI and Novita put the bracket at 524,288 tokens.
    const p = priced('minimax/minimax-m3@intl');
    assert.equal(p.tiers?.mode, 'request');
    assert.deepEqual(
      p.tiers?.brackets.map((b) => [b.upTo, b.input, b.output]),
      [
        [524288, 0.3, 1.2],
        [null, 0.6, 2.4],
      ],
    );
    // Worked example: 600,000 input tokens fall in the upper bracket, so the whole request pays it:
    // 600,000 × 0.6/1M = 0.36; 10,000 output × 2.4/1M = 0.024.
    near(callCost('minimax/minimax-m3@intl', 600_000, { outputTokens: 10_000 }).total, 0.384, 'above the bracket');
    // 520,000 input (above 512,000, below 524,288) stays in the lower bracket: 520,000 × 0.3/1M = 0.156; 10,000 × 1.2/1M = 0.012.
    near(callCost('minimax/minimax-m3@intl', 520_000, { outputTokens: 10_000 }).total, 0.168, 'below the bracket');
  });

  test('MiniMax-M3.1-Flash, the cheapest current MiniMax: $0.15 / $0.60 abroad, 1 / 4 CNY on the mainland', () => {
    // https://github.com/VladoIvankovic/Codeep/releases/tag/v3.14.0 : $0.15 in / $0.60 out, cache reads $0.015
    // https://help.aliyun.com/zh/model-studio/minimax-m3-1-flash : 输入 1、输出 4、缓存命中 0.1 元/百万 Token
    const intl = priced('minimax/minimax-m3.1-flash@intl');
    const cn = priced('minimax/minimax-m3.1-flash@cn');
    assert.deepEqual([intl.currency, intl.rates.input, intl.rates.output, intl.rates.cacheRead], ['USD', 0.15, 0.6, 0.015]);
    assert.deepEqual([cn.currency, cn.rates.input, cn.rates.output, cn.rates.cacheRead], ['CNY', 1, 4, 0.1]);
    // Worked example abroad: 40,000 input (75 % cached), 2,000 output.
    // uncached 10,000 × 0.15/1M = 0.0015; cached 30,000 × 0.015/1M = 0.00045; output 2,000 × 0.6/1M = 0.0012.
    const c = callCost('minimax/minimax-m3.1-flash@intl', 40_000, { cachedShare: 0.75, outputTokens: 2_000 });
    near(c.input, 0.0015, 'input');
    near(c.cacheRead, 0.00045, 'cacheRead');
    near(c.total, 0.00315, 'total');
  });

  test("MiniMax-M3 on the mainland keeps M2.7's price, flagged as second-hand", () => {
    // https://github.com/anomalyco/models.dev/pull/1940 : "M3 docs state the pricing is unchanged from M2.7"
    const m3 = findModel('minimax/minimax-m3@cn');
    assert.deepEqual(priced(m3.id).rates, priced('minimax/minimax-m2.7@cn').rates);
    assert.equal(m3.secondary, true);
  });

  test('ERNIE 5.1, the current ERNIE flagship, worked example: 10,000 input and 2,000 output tokens cost 0.076 CNY', () => {
    // https://github.com/lobehub/lobehub/blob/4852e98b7895f6d79ce7de4ae09ad7e4815482e4/packages/model-bank/src/aiModels/wenxin.ts :
    // ≤32K input 4 / 18, 32K–128K 6 / 22 元 per 1M. 10,000 × 4/1M = 0.04; 2,000 × 18/1M = 0.036.
    near(callCost('baidu/ernie-5.1', 10_000, { outputTokens: 2_000 }).total, 0.076, 'lower bracket');
    // 50,000 × 6/1M = 0.3; 2,000 × 22/1M = 0.044.
    near(callCost('baidu/ernie-5.1', 50_000, { outputTokens: 2_000 }).total, 0.344, 'upper bracket');
  });

  test('ERNIE 5.0, worked example: a 40,000-token request is billed whole at the 32K–128K bracket (10 / 40 CNY)', () => {
    // desirecore/config-center Baidu field table (from cloud.baidu.com/doc/qianfan): ≤32,768 input 6 / 24, up to 131,072 10 / 40 元 per 1M.
    // 40,000 × 10/1M = 0.4; 1,000 output × 40/1M = 0.04. At 30,000 input: 30,000 × 6/1M = 0.18; 1,000 × 24/1M = 0.024.
    near(callCost('baidu/ernie-5.0', 40_000, { outputTokens: 1_000 }).total, 0.44, 'upper bracket');
    near(callCost('baidu/ernie-5.0', 30_000, { outputTokens: 1_000 }).total, 0.204, 'lower bracket');
  });

  test('ERNIE Speed and ERNIE Lite: free since 21 May 2024', () => {
    // https://c.m.163.com/news/a/J2O09HCV05118O92.html : "文心大模型的两款主力模型ENIRE Speed、ENIRE Lite全面免费，即刻生效"
    for (const id of ['baidu/ernie-speed-128k', 'baidu/ernie-speed-8k', 'baidu/ernie-lite-8k', 'baidu/ernie-lite-128k']) {
      assert.equal(priced(id).free, true, id);
      const since = historyOn(id, '2024-05-21');
      assert.deepEqual([since.rates.input, since.rates.output], [0, 0], id);
    }
    assert.throws(() => historyOn('baidu/ernie-speed-128k', '2024-05-20'), /no history entry/);
  });

  test('models without a readable per-token price are unpriced, never free', () => {
    // ERNIE 5.5 Flash Preview's list price was not found; nor Qwen4-Max's or Kimi K3.1 Pro's 元 price.
    for (const id of ['baidu/ernie-5.5-flash-preview', 'alibaba/qwen4-max@cn', 'moonshot/kimi-k3.1-pro@cn']) {
      const m = findModel(id);
      assert.ok('unpriced' in m.price, `${id} should be unpriced`);
    }
  });

  test('iFlytek Spark: one rate for input and output from the smallest paid package; Max-32K retired into Ultra', () => {
    // 4.0 Ultra: 3M tokens for ¥210 = 70 元 per 1M; Pro: 3M for ¥21 = 7; X1.5 ¥0.20 and X2 ¥0.30 per 10,000 tokens.
    const rates = (id: string) => {
      const p = findModel(id).price;
      assert.ok('rates' in p, `${id} is priced`);
      return [p.currency, p.rates.input, p.rates.output];
    };
    assert.deepEqual(rates('iflytek/4.0ultra'), ['CNY', 70, 70]);
    assert.deepEqual(rates('iflytek/generalv3'), ['CNY', 7, 7]);
    assert.deepEqual(rates('iflytek/spark-x'), ['CNY', 20, 20]);
    assert.deepEqual(rates('iflytek/spark-x2'), ['CNY', 30, 30]);
    // 10,000 input + 1,000 output on 4.0 Ultra: 11,000 × 70 / 1M = ¥0.77.
    near(callCost('iflytek/4.0ultra', 10_000, { outputTokens: 1_000 }).total, 0.77, 'total');
    const max = findModel('iflytek/max-32k');
    assert.equal(max.retires, '2026-03-10');
    assert.equal(max.replacedBy, 'iflytek/4.0ultra');
    assert.equal(findModel('iflytek/spark-x').replacedBy, 'iflytek/spark-x2');
    const lite = findModel('iflytek/lite').price;
    assert.ok('free' in lite && lite.free === true, 'Spark Lite stays free');
  });
});

describe('Chinese vendors, evening pass of 2026-12-06', () => {
  test('MiniMax M3 on the mainland: a request over 512K input tokens is billed whole at the upper bracket', () => {
    // 100,000 × 2.1 + 10,000 × 8.4 per 1M = ¥0.294; 600,000 × 4.2 + 10,000 × 16.8 per 1M = ¥2.688.
    near(callCost('minimax/minimax-m3@cn', 100_000, { outputTokens: 10_000 }).total, 0.294, 'under 512K');
    near(callCost('minimax/minimax-m3@cn', 600_000, { outputTokens: 10_000 }).total, 2.688, 'over 512K');
  });

  test('Kimi K2.5 and the Moonshot V1 series retired on 2026-08-31, each naming Kimi K2.6 in its own region', () => {
    for (const [id, next] of [
      ['moonshot/kimi-k2.5', 'moonshot/kimi-k2.6'],
      ['moonshot/kimi-k2.5@intl', 'moonshot/kimi-k2.6@intl'],
      ['moonshot/moonshot-v1-8k', 'moonshot/kimi-k2.6'],
      ['moonshot/moonshot-v1-128k', 'moonshot/kimi-k2.6'],
    ]) {
      const m = findModel(id);
      assert.deepEqual([m.retires, m.replacedBy], ['2026-08-31', next], id);
      assert.equal(findModel(next).region, m.region, `${next} serves the same region as ${id}`);
    }
  });

  test('new entries carry their own region and currency: Qwen-Flash and GLM-5.3-FlashX abroad in USD, Qwen3.7-Plus on the mainland in CNY with its 256K bracket', () => {
    const flash = priced('alibaba/qwen-flash@intl');
    assert.deepEqual([flash.currency, flash.rates.input, flash.rates.output], ['USD', 0.05, 0.4]);
    const flashx = priced('zhipu/glm-5.3-flashx@intl');
    assert.deepEqual([flashx.currency, flashx.rates.input, flashx.rates.output, flashx.rates.cacheRead], ['USD', 0.37, 1.25, undefined]);
    // 300,000 input is above 256K: the whole request at 6 / 24 元: 300,000 × 6 + 1,000 × 24 per 1M = ¥1.824.
    near(callCost('alibaba/qwen3.7-plus@cn', 300_000, { outputTokens: 1_000 }).total, 1.824, 'over 256K');
    near(callCost('alibaba/qwen3.7-plus@cn', 100_000, { outputTokens: 1_000 }).total, 0.208, 'up to 256K');
    for (const id of ['alibaba/qwen-flash@intl', 'zhipu/glm-5.3-flashx@intl', 'alibaba/qwen3.7-plus@cn']) assert.equal(findModel(id).secondary, true, id);
  });
});

describe('Tencent Hunyuan', () => {
  test("Hunyuan TurboS, worked example: 10,000 input and 1,000 output tokens cost 0.01 CNY (0.8 / 2 per 1M, from Tencent's own repository)", () => {
    // https://github.com/Tencent/Hunyuan-TurboS/blob/f298882bc881d5dc27a6f9fb7046df9338e9c211/README.md : "输入价格为0.8元/百万tokens，输出价格为2元/百万tokens"
    // (LobeHub 53659d7 and a 2025 CSDN note agree). 10,000 × 0.8/1M = 0.008; 1,000 × 2/1M = 0.002.
    near(callCost('tencent/hunyuan-turbos-latest', 10_000, { outputTokens: 1_000 }).total, 0.01, 'total');
    const m = findModel('tencent/hunyuan-turbos-latest');
    assert.equal(m.secondary, undefined);
    assert.match(m.source, /^https:\/\/github\.com\/Tencent\/Hunyuan-TurboS\//);
  });

  test('Hy3 Preview, the current flagship: three request-wide brackets (16K, 32K), worked example at 20,000 input tokens', () => {
    // https://github.com/lobehub/lobehub/blob/137f501008db6c8e822fad95fc4f0df946251b92/packages/model-bank/src/aiModels/hunyuan.ts :
    // input 1.2 / 1.6 / 2, cache 0.4 / 0.6 / 0.8, output 4 / 6.4 / 8 元 per 1M for [0, 16K], [16K, 32K], above.
    const m = findModel('tencent/hy3-preview');
    const p = priced(m.id);
    assert.equal(p.tiers?.mode, 'request');
    assert.deepEqual(
      p.tiers?.brackets.map((b) => [b.upTo, b.input, b.output, b.cacheRead]),
      [
        [16000, 1.2, 4, 0.4],
        [32000, 1.6, 6.4, 0.6],
        [null, 2, 8, 0.8],
      ],
    );
    // 20,000 input falls in the middle bracket: 20,000 × 1.6/1M = 0.032; 1,000 output × 6.4/1M = 0.0064.
    near(callCost(m.id, 20_000, { outputTokens: 1_000 }).total, 0.0384, 'middle bracket');
    // Tencent's own TokenHub guide (cloud.tencent.com/document/product/1823/132252): 256K context, 128K output.
    assert.deepEqual([m.contextWindow, m.maxOutput], [262144, 131072]);
  });
});

describe('Tencent Hy4 (TokenHub, USD)', () => {
  test('Hy4 is billed at half of list through 2026-12-31 and at list from 2027-01-01: 100,000 input and 4,000 output tokens', () => {
    // https://vercel.com/ai-gateway/models/hy4.md : $0.417 / $1.2505; https://github.com/dosu-ai/decant/releases/tag/v0.16.0 :
    // "Tencent bills Hy4 at half of list through December 31". List = $0.834 / $2.501.
    // Today: 100,000 × 0.417/1M = 0.0417; 4,000 × 1.2505/1M = 0.005002 → 0.046702.
    near(callCost('tencent/hy4@intl', 100_000, { outputTokens: 4_000 }).total, 0.046702, 'promotion');
    // From 2027-01-01: 100,000 × 0.834/1M = 0.0834; 4,000 × 2.501/1M = 0.010004 → 0.093404, twice as much.
    const later = callCost('tencent/hy4@intl', 100_000, { outputTokens: 4_000, at: new Date('2027-01-02T04:00:00Z') });
    near(later.total, 0.093404, 'list price');
    assert.equal(findModel('tencent/hy4-preview@intl').replacedBy, 'tencent/hy4@intl');
    assert.ok('unpriced' in findModel('tencent/hy4-flash@intl').price, 'Hy4 Flash: the only figure found may include an ended promotion');
  });
});

describe('StepFun (platform.stepfun.com in CNY, platform.stepfun.ai in USD)', () => {
  test('Step 5 abroad, worked example: 100,000 input (20 % cached) and 5,000 output tokens cost $0.0955', () => {
    // https://vercel.com/ai-gateway/models/step-5 (provider StepFun): $1 in, $0.10 cache read, $2.70 out per 1M.
    // uncached 80,000 × 1/1M = 0.08; cached 20,000 × 0.1/1M = 0.002; output 5,000 × 2.7/1M = 0.0135.
    const c = callCost('stepfun/step-5@intl', 100_000, { cachedShare: 0.2, outputTokens: 5_000 });
    near(c.input, 0.08, 'input');
    near(c.cacheRead, 0.002, 'cacheRead');
    near(c.output, 0.0135, 'output');
    near(c.total, 0.0955, 'total');
  });

  test("Step 3.7 Flash on the mainland is read on StepFun's own page: 1.35 / 8.1 CNY, cache hit 0.27", () => {
    // https://platform.stepfun.com/docs/zh/guides/models/step-3.7-flash : 输入(缓存命中)0.27 元、输入(缓存未命中)1.35 元、输出 8.1 元
    const m = findModel('stepfun/step-3.7-flash');
    const p = priced(m.id);
    assert.deepEqual([p.currency, p.rates.input, p.rates.output, p.rates.cacheRead], ['CNY', 1.35, 8.1, 0.27]);
    assert.equal(m.secondary, undefined);
  });

  test('Step 3.5 Flash, the cheapest StepFun text model, worked example: 50,000 input and 2,000 output tokens cost 0.0392 CNY', () => {
    // platform.stepfun.com pricing details (transcribed 2026-10-07): 0.7 元 in, 0.14 cache hit, 2.1 out per 1M.
    // 50,000 × 0.7/1M = 0.035; 2,000 × 2.1/1M = 0.0042.
    near(callCost('stepfun/step-3.5-flash', 50_000, { outputTokens: 2_000 }).total, 0.0392, 'total');
  });
});

describe('Chinese subscription and coding plans', () => {
  test('the Volcano Engine, Bailian, Qianfan and GLM coding plans are present with their monthly CNY price', () => {
    // https://github.com/will-17173/coding-plan-collection (Ark Lite 40 元), https://developer.aliyun.com/article/1750704 (Bailian Pro 200 元),
    // https://cloud.baidu.com/doc/qianfan/s/imlg0beiu (Qianfan Lite 40 元 renewal), https://gist.github.com/junbaor/171023a696acb06968056a4e62e98255 (GLM Lite 49 元)
    const amount = (id: string) => {
      const plan = pricing.plans.find((p) => p.id === id);
      assert.ok(plan, `plan ${id} missing`);
      assert.equal(plan.currency, 'CNY');
      return [plan.amount, plan.period];
    };
    assert.deepEqual(amount('bytedance-ark-coding-plan-lite'), [40, 'month']);
    assert.deepEqual(amount('alibaba-bailian-coding-plan-pro'), [200, 'month']);
    assert.deepEqual(amount('baidu-qianfan-coding-plan-lite'), [40, 'month']);
    assert.deepEqual(amount('zhipu-glm-coding-lite'), [49, 'month']);
    assert.deepEqual(amount('minimax-token-plan-starter'), [29, 'month']);
  });
});
