import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PricingFileSchema, type Model, type PricingFile } from '../../src/core/pricing/schema';
import { repoRoot } from './support';

const shipped = PricingFileSchema.safeParse(
  JSON.parse(readFileSync(join(repoRoot(), 'pricing', 'pricing.json'), 'utf8')) as unknown,
);

function readableIssues(): string {
  if (shipped.success) return '';
  return shipped.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
}

/** The parsed file; the price checks below only make sense once the schema test passes. */
function shippedPricing(): PricingFile {
  if (!shipped.success) assert.fail(`pricing/pricing.json is invalid (see the schema test):\n${readableIssues()}`);
  return shipped.data;
}

function priced(id: string) {
  const found: Model | undefined = shippedPricing().models.find((m) => m.id === id);
  assert.ok(found, `model ${id} is missing from pricing/pricing.json`);
  assert.ok('rates' in found.price, `model ${id} is unpriced: ${'unpriced' in found.price ? found.price.unpriced : ''}`);
  return { model: found, price: found.price };
}

describe('shipped pricing file (Western vendors and DeepSeek)', () => {
  test('parses through PricingFileSchema', () => {
    assert.ok(shipped.success, `pricing/pricing.json does not match PricingFileSchema:\n${readableIssues()}`);
  });

  test('carries a dated USD-based exchange-rate table with every display currency', () => {
    const fx = shippedPricing().exchangeRates;
    assert.ok(fx, 'exchangeRates missing from pricing/meta.json');
    assert.equal(fx.base, 'USD');
    assert.equal(fx.rates.USD, 1);
    for (const code of ['CNY', 'EUR', 'GBP', 'JPY', 'HKD'] as const) {
      assert.ok((fx.rates[code] ?? 0) > 0, `no ${code} rate`);
    }
  });

  test('DeepSeek V4.1 Flash (CNY list): off-peak base rates, weekday peak windows at twice the price', () => {
    // https://api-docs.deepseek.com/zh-cn/quick_start/pricing : off-peak 1 / 4 / 0.02 yuan per 1M
    // (input cache miss / output / input cache hit); peak 2 / 8 / 0.04 on Mon–Fri 9–12 and 14–18 Beijing time.
    const { price } = priced('deepseek/deepseek-flash@cn');
    assert.equal(price.currency, 'CNY');
    assert.equal(price.per, 1_000_000);
    assert.deepEqual(price.rates, { input: 1, output: 4, cacheRead: 0.02 });
    const windows = price.timeWindows ?? [];
    assert.deepEqual(windows.map((w) => [w.start, w.end]), [['09:00', '12:00'], ['14:00', '18:00']]);
    for (const w of windows) {
      assert.equal(w.timezone, 'Asia/Shanghai');
      assert.deepEqual(w.days, [1, 2, 3, 4, 5]);
      assert.deepEqual(w.rates, { input: 2, output: 8, cacheRead: 0.04 });
    }
  });

  test('DeepSeek V4 Pro (USD list)', () => {
    // https://api-docs.deepseek.com/quick_start/pricing : off-peak $0.66 in / $1.98 out / $0.022 cache hit per 1M.
    const { price } = priced('deepseek/deepseek-v4-pro@intl');
    assert.equal(price.currency, 'USD');
    assert.deepEqual(price.rates, { input: 0.66, output: 1.98, cacheRead: 0.022 });
  });

  test('OpenAI GPT-6.1 Sol: short-context rates and the whole-request long-context bracket above 272K', () => {
    // https://developers.openai.com/api/docs/models/gpt-6.1-sol : $2 in / $0.10 cached / $10 out per 1M;
    // above 272K input tokens the whole request pays $4 / $0.20 / $15.
    const { price } = priced('openai/gpt-6.1-sol');
    assert.equal(price.rates.input, 2);
    assert.equal(price.rates.cacheRead, 0.1);
    assert.equal(price.rates.output, 10);
    assert.equal(price.tiers?.mode, 'request');
    const [short, long] = price.tiers?.brackets ?? [];
    assert.equal(short?.upTo, 272000);
    assert.deepEqual([long?.upTo, long?.input, long?.cacheRead, long?.output], [null, 4, 0.2, 15]);
  });

  test('OpenAI GPT-4.1 mini and GPT-4o mini keep their published rates', () => {
    // https://developers.openai.com/api/docs/pricing : gpt-4.1-mini $0.40 / $1.60 (cached $0.10); gpt-4o-mini $0.15 / $0.60.
    assert.deepEqual(priced('openai/gpt-4.1-mini').price.rates, { input: 0.4, output: 1.6, cacheRead: 0.1 });
    assert.deepEqual(priced('openai/gpt-4o-mini').price.rates, { input: 0.15, output: 0.6, cacheRead: 0.075 });
  });

  test('Anthropic Claude Opus 5.5: input, output, 5-minute cache write and cache hit', () => {
    // https://platform.claude.com/docs/en/models/opus-5-5/overview : $4 / $20, 5m write $5, cache read $0.20, batch 50% off.
    const { price } = priced('anthropic/claude-opus-5-5');
    assert.deepEqual(price.rates, { input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5 });
    assert.equal(price.batchMultiplier, 0.5);
  });

  test('Anthropic Claude Haiku 5.5: prompts over 100K tokens move the whole request to the higher bracket', () => {
    // https://platform.claude.com/docs/en/models/haiku-5-5/overview : up to 100K $0.10 / $0.50 (hit $0.01);
    // over 100K $0.50 / $2.50 (hit $0.05).
    const { price } = priced('anthropic/claude-haiku-5-5');
    assert.equal(price.tiers?.mode, 'request');
    const [small, large] = price.tiers?.brackets ?? [];
    assert.deepEqual([small?.upTo, small?.input, small?.output, small?.cacheRead], [100000, 0.1, 0.5, 0.01]);
    assert.deepEqual([large?.upTo, large?.input, large?.output, large?.cacheRead], [null, 0.5, 2.5, 0.05]);
  });

  test('Google Gemini 3.1 Pro Preview: 200K request-wide tier; Gemini 3.5 Flash flat with cache and batch', () => {
    // https://ai.google.dev/gemini-api/docs/pricing : 3.1 Pro $2 / $12 up to 200K, $4 / $18 above;
    // 3.5 Flash $1.50 / $9, cached $0.15, Batch half price.
    const pro = priced('google/gemini-3.1-pro-preview').price;
    assert.deepEqual(pro.tiers?.brackets.map((b) => [b.upTo, b.input, b.output]), [[200000, 2, 12], [null, 4, 18]]);
    const flash = priced('google/gemini-3.5-flash').price;
    assert.deepEqual(flash.rates, { input: 1.5, output: 9, cacheRead: 0.15 });
    assert.equal(flash.batchMultiplier, 0.5);
  });

  test('xAI Grok 4.7 and Mistral Medium 3.5', () => {
    // https://docs.x.ai/developers/models/grok-4.7 : $2 in / $0.50 cached / $6 out under 200K tokens.
    assert.deepEqual(priced('xai/grok-4.7').price.rates, { input: 2, output: 6, cacheRead: 0.5 });
    // https://docs.mistral.ai/models/model-cards/mistral-medium-3-5-26-04 : $1.50 in / $7.50 out.
    assert.deepEqual(priced('mistral/mistral-medium-3.5').price.rates, { input: 1.5, output: 7.5 });
  });

  test('ChatGPT Plus is 20 USD a month and Claude Max 20x 200 USD a month', () => {
    // https://help.openai.com/en/articles/6950777-what-is-chatgpt-plus : $20/month.
    // https://support.anthropic.com/id/articles/11049744-berapa-biaya-paket-max : Max 20x $200/month.
    const plus = shippedPricing().plans.find((p) => p.id === 'openai-chatgpt-plus');
    assert.deepEqual([plus?.currency, plus?.amount, plus?.period, plus?.kind], ['USD', 20, 'month', 'subscription']);
    const max = shippedPricing().plans.find((p) => p.id === 'anthropic-claude-max-20x');
    assert.deepEqual([max?.currency, max?.amount, max?.period], ['USD', 200, 'month']);
  });
});
