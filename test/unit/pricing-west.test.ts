import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PricingFileSchema, type Model, type PricingFile } from '../../src/core/pricing/schema';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { priceCall } from '../../src/core/cost';
import type { Assumptions, CostBreakdown } from '../../src/core/types';
import { repoRoot, near } from './support';

const shipped = PricingFileSchema.safeParse(JSON.parse(readFileSync(join(repoRoot(), 'pricing', 'pricing.json'), 'utf8')) as unknown);

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

const catalogue = loadBundledCatalogue();
const USD_ONLY = { base: 'USD' as const, date: '2026-12-06', source: 'none', rates: {} };

/** One call priced through the catalogue, in the model's own currency, at noon UTC on 2026-12-06. */
function worked(id: string, input: number, a: Partial<Assumptions>): CostBreakdown {
  const model = catalogue.model(id);
  assert.ok(model, `${id} missing from the bundled catalogue`);
  const assumptions: Assumptions = {
    outputTokens: 0,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay: 0,
    batch: false,
    at: new Date('2026-12-06T12:00:00Z'),
    vendorDiscounts: {},
    currency: 'USD',
    ...a,
  };
  const result = priceCall(model, input, assumptions, USD_ONLY);
  assert.ok(!('unpriced' in result), `${id} is unpriced`);
  return result;
}

/** Equal up to floating-point noise. */

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

  test('the exchange-rate table is the market snapshot of 2026-10-09, labelled secondary, with the published figures', () => {
    // granthuang999/exchange-rate-auto README stamped 2026-10-10 03:09:17 Beijing time (pricing/SOURCES.west.md).
    const fx = shippedPricing().exchangeRates!;
    assert.equal(fx.date, '2026-10-09');
    assert.match(fx.source, /^Secondary source: market rates/);
    assert.match(fx.source, /granthuang999\/exchange-rate-auto/);
    assert.deepEqual(fx.rates, { USD: 1, CNY: 6.683, EUR: 0.8924, GBP: 0.7552, JPY: 158.21, HKD: 7.8479 });
    // Every figure stored is also written in the source line, as published (CNY with four decimals).
    for (const [code, rate] of Object.entries(fx.rates)) {
      if (code !== 'USD') assert.ok(fx.source.includes(`${code} ${code === 'CNY' ? rate.toFixed(4) : rate}`), `${code} ${rate} not in the source line`);
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
    assert.deepEqual(
      windows.map((w) => [w.start, w.end]),
      [
        ['09:00', '12:00'],
        ['14:00', '18:00'],
      ],
    );
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

  test('OpenAI GPT-6.2 Astra (flagship since 2026-11-17): worked examples below and above 272K input tokens', () => {
    // https://developers.openai.com/api/docs/models : $8 in / $40 out per 1M; cached $0.40 (60% below GPT-6 Astra's $1);
    // above 272K input tokens the whole request pays 2x input and cache ($16 / $0.80) and 1.5x output ($60).
    const short = worked('openai/gpt-6.2-astra', 100_000, { outputTokens: 2_000 });
    near(short.input, 0.8, 'input'); // 100,000 × 8 / 1M
    near(short.output, 0.08, 'output'); // 2,000 × 40 / 1M
    near(short.total, 0.88, 'total');
    near(worked('openai/gpt-6.2-astra', 100_000, { outputTokens: 2_000, batch: true }).total, 0.44, 'batch total');
    const long = worked('openai/gpt-6.2-astra', 300_000, { outputTokens: 10_000, cachedShare: 0.2 });
    near(long.input, 3.84, 'long input'); // 240,000 × 16 / 1M
    near(long.cacheRead, 0.048, 'long cacheRead'); // 60,000 × 0.80 / 1M
    near(long.output, 0.6, 'long output'); // 10,000 × 60 / 1M
    near(long.total, 4.488, 'long total');
  });

  test('OpenAI GPT-6.2 Sol: $2 / $0.10 cached / $2.50 cache write / $10, long bracket $4 / $0.20 / $5 / $15', () => {
    // https://developers.openai.com/api/docs/models/gpt-6.2-sol
    const { price, model } = priced('openai/gpt-6.2-sol');
    assert.deepEqual(price.rates, { input: 2, output: 10, cacheRead: 0.1, cacheWrite: 2.5 });
    const long = price.tiers?.brackets[1];
    assert.deepEqual([long?.upTo, long?.input, long?.cacheRead, long?.cacheWrite, long?.output], [null, 4, 0.2, 5, 15]);
    assert.equal(price.batchMultiplier, 0.5);
    // Its model page copy is undated and only known to be no older than the release of 2026-11-17:
    // checked is the day it was read (pricing/SOURCES.md).
    assert.equal(model.checked, '2026-12-06');
    assert.match(model.notes ?? '', /Source copy undated \(its model page; the model was released 2026-11-17\); checked is the day it was read\./);
  });

  test('OpenAI GPT-6 Luna (cheapest current tier): worked example with cached input', () => {
    // https://developers.openai.com/api/docs/models/gpt-6-luna : $0.10 in / $0.01 cached / $0.50 out per 1M.
    const c = worked('openai/gpt-6-luna', 50_000, { outputTokens: 5_000, cachedShare: 0.4 });
    near(c.input, 0.003, 'input'); // 30,000 × 0.10 / 1M
    near(c.cacheRead, 0.0002, 'cacheRead'); // 20,000 × 0.01 / 1M
    near(c.output, 0.0025, 'output'); // 5,000 × 0.50 / 1M
    near(c.total, 0.0057, 'total');
  });

  test('OpenAI retirements: GPT-4o family leaves on 2027-01-14 for GPT-6 Luna; o4-mini and GPT-4.1 nano are gone', () => {
    // https://developers.openai.com/api/docs/deprecations
    for (const id of ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1', 'openai/gpt-4.1-mini']) {
      const { model } = priced(id);
      assert.deepEqual([model.deprecated, model.retires, model.replacedBy], ['2026-10-14', '2027-01-14', 'openai/gpt-6-luna'], id);
    }
    assert.equal(priced('openai/o3').model.retires, '2026-12-11');
    assert.equal(priced('openai/o4-mini').model.retires, '2026-10-23');
    assert.equal(priced('openai/gpt-4.1-nano').model.retires, '2026-10-23');
    // OpenAI's API reference marks gpt-5.1-codex "Deprecated. Announced shutdown date: 2026-07-23".
    assert.equal(priced('openai/gpt-5.1-codex').model.retires, '2026-07-23');
    assert.equal(priced('openai/gpt-6-astra').model.replacedBy, 'openai/gpt-6.2-astra');
  });

  test('OpenAI GPT-4.1 mini and GPT-4o mini keep their published rates', () => {
    // https://developers.openai.com/api/docs/pricing : gpt-4.1-mini $0.40 / $1.60 (cached $0.10); gpt-4o-mini $0.15 / $0.60.
    assert.deepEqual(priced('openai/gpt-4.1-mini').price.rates, { input: 0.4, output: 1.6, cacheRead: 0.1 });
    assert.deepEqual(priced('openai/gpt-4o-mini').price.rates, { input: 0.15, output: 0.6, cacheRead: 0.075 });
  });

  test('Anthropic Claude Opus 5.5: input, output, 5-minute and 1-hour cache writes and cache hit', () => {
    // https://platform.claude.com/docs/en/models/opus-5-5/overview : $4 / $20, 5m write $5, cache read $0.20, batch 50% off.
    const { price } = priced('anthropic/claude-opus-5-5');
    assert.deepEqual(price.rates, { input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5, cacheWrite1h: 8 });
    assert.equal(price.batchMultiplier, 0.5);
  });

  test('Anthropic Claude Fable 5.2 (flagship since 2026-11-09): worked example with cache hits and batch', () => {
    // https://platform.claude.com/docs/en/models/overview : $8 in / $40 out per MTok; cache hit $0.20, 5-minute write $10.
    const { price, model } = priced('anthropic/claude-fable-5-2');
    assert.deepEqual(price.rates, { input: 8, output: 40, cacheRead: 0.2, cacheWrite: 10, cacheWrite1h: 16 });
    // The models overview copy is undated; it lists Fable 5.2 (released 2026-11-09), a lower bound only,
    // so checked is the day it was read (pricing/SOURCES.md).
    assert.equal(model.checked, '2026-12-06');
    const c = worked('anthropic/claude-fable-5-2', 40_000, { outputTokens: 3_000, cachedShare: 0.25 });
    near(c.input, 0.24, 'input'); // 30,000 × 8 / 1M
    near(c.cacheRead, 0.002, 'cacheRead'); // 10,000 × 0.20 / 1M
    near(c.output, 0.12, 'output'); // 3,000 × 40 / 1M
    near(c.total, 0.362, 'total');
    near(worked('anthropic/claude-fable-5-2', 40_000, { outputTokens: 3_000, cachedShare: 0.25, batch: true }).total, 0.181, 'batch');
    assert.equal(priced('anthropic/claude-fable-5-1').model.replacedBy, 'anthropic/claude-fable-5-2');
  });

  test('Anthropic Claude Haiku 5.5 (cheapest tier): worked example under 100K prompt tokens', () => {
    // https://platform.claude.com/docs/en/models/haiku-5-5/overview : $0.10 in / $0.01 hit / $0.50 out up to 100K.
    const c = worked('anthropic/claude-haiku-5-5', 20_000, { outputTokens: 1_000, cachedShare: 0.5 });
    near(c.input, 0.001, 'input'); // 10,000 × 0.10 / 1M
    near(c.cacheRead, 0.0001, 'cacheRead'); // 10,000 × 0.01 / 1M
    near(c.output, 0.0005, 'output'); // 1,000 × 0.50 / 1M
    near(c.total, 0.0016, 'total');
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
    assert.deepEqual(
      pro.tiers?.brackets.map((b) => [b.upTo, b.input, b.output]),
      [
        [200000, 2, 12],
        [null, 4, 18],
      ],
    );
    const flash = priced('google/gemini-3.5-flash').price;
    assert.deepEqual(flash.rates, { input: 1.5, output: 9, cacheRead: 0.15 });
    assert.equal(flash.batchMultiplier, 0.5);
  });

  test('Google Gemini 4 Argon: $4 / $20 since its launch price ended on 2026-11-30; worked example', () => {
    // LiteLLM discussion #46238 quoting Google's pricing page: $2 / $10 (cached $0.10) through 2026-11-30,
    // $4 / $20 (cached $0.20) from 2026-12-01. Secondary: no stored copy of Google's page lists Gemini 4.
    const { price, model } = priced('google/gemini-4-argon');
    assert.deepEqual(price.rates, { input: 4, output: 20, cacheRead: 0.2 });
    assert.equal(model.secondary, true);
    // The launch price is a dated schedule entry, so a cost priced at a November instant uses it.
    const [launch] = model.schedule ?? [];
    assert.deepEqual([launch?.from, launch?.until], ['2026-10-13', '2026-12-01']);
    assert.ok(launch && 'rates' in launch.price);
    assert.deepEqual(launch.price.rates, { input: 2, output: 10, cacheRead: 0.1 });
    const c = worked('google/gemini-4-argon', 120_000, { outputTokens: 8_000, cachedShare: 0.5 });
    near(c.input, 0.24, 'input'); // 60,000 × 4 / 1M
    near(c.cacheRead, 0.012, 'cacheRead'); // 60,000 × 0.20 / 1M
    near(c.output, 0.16, 'output'); // 8,000 × 20 / 1M
    near(c.total, 0.412, 'total');
  });

  test('Google Gemini 4 Hydrogen (cheapest Gemini 4): worked example', () => {
    // LiteLLM discussion #51436: $1.50 / $7.50 flat across 1M tokens, cached $0.075.
    const c = worked('google/gemini-4-hydrogen', 10_000, { outputTokens: 2_000, cachedShare: 0.2 });
    near(c.input, 0.012, 'input'); // 8,000 × 1.50 / 1M
    near(c.cacheRead, 0.00015, 'cacheRead'); // 2,000 × 0.075 / 1M
    near(c.output, 0.015, 'output'); // 2,000 × 7.50 / 1M
    near(c.total, 0.02715, 'total');
  });

  test('Google Gemini 3.8 Flash: introductory half price now, standard price scheduled from 2027-01-01', () => {
    // LiteLLM discussion #39357: $0.75 / $3.75 (cache $0.075) through 2026-12-31, $1.50 / $7.50 from 2027-01-01.
    const { price, model } = priced('google/gemini-3.8-flash');
    assert.deepEqual(price.rates, { input: 0.75, output: 3.75, cacheRead: 0.075 });
    const [next] = model.schedule ?? [];
    assert.equal(next?.from, '2027-01-01');
    assert.equal(next?.until, undefined);
    assert.ok(next && 'rates' in next.price);
    assert.deepEqual([next.price.rates.input, next.price.rates.output], [1.5, 7.5]);
  });

  test('xAI Grok 4.7 (flagship): a prompt of exactly 200K tokens already pays the higher rates on every token', () => {
    // https://docs.x.ai/developers/grok-4-7 : $2 in / $6 out; cached $0.50; "≥ 200k prompt tokens": $4 / $1 / $12.
    assert.deepEqual(priced('xai/grok-4.7').price.rates, { input: 2, output: 6, cacheRead: 0.5 });
    const below = worked('xai/grok-4.7', 199_999, { outputTokens: 1_000 });
    near(below.total, 0.399998 + 0.006, 'below'); // 199,999 × 2 / 1M + 1,000 × 6 / 1M
    const at = worked('xai/grok-4.7', 200_000, { outputTokens: 1_000 });
    near(at.input, 0.8, 'input at 200K'); // 200,000 × 4 / 1M
    near(at.output, 0.012, 'output at 200K'); // 1,000 × 12 / 1M
    near(at.total, 0.812, 'total at 200K');
  });

  test('xAI Grok Build 0.1 (cheapest Grok): worked example; Grok 4.20 batch is 20% off', () => {
    // whatmodel.sh reading docs.x.ai/developers/models on 2026-09-25: $1 / $2 under 200K, cached $0.20.
    const c = worked('xai/grok-build-0.1', 30_000, { outputTokens: 4_000, cachedShare: 0.5 });
    near(c.input, 0.015, 'input'); // 15,000 × 1 / 1M
    near(c.cacheRead, 0.003, 'cacheRead'); // 15,000 × 0.20 / 1M
    near(c.output, 0.008, 'output'); // 4,000 × 2 / 1M
    near(c.total, 0.026, 'total');
    // https://docs.x.ai/developers/models/grok-4.20-0309 : "Batch API requests are billed at a 20% discount".
    assert.equal(priced('xai/grok-4.20-0309-reasoning').price.batchMultiplier, 0.8);
  });

  test('Mistral Large 4 (flagship since October 2026) and Ministral 3 3B (cheapest): worked examples, both secondary-sourced', () => {
    // OpenRouter / Vercel AI Gateway passing Mistral's price through: Large 4 $0.70 / $2.10 per 1M.
    const large = worked('mistral/mistral-large-4', 100_000, { outputTokens: 10_000 });
    near(large.input, 0.07, 'input'); // 100,000 × 0.70 / 1M
    near(large.output, 0.021, 'output'); // 10,000 × 2.10 / 1M
    near(large.total, 0.091, 'total');
    // simonw/llm-prices#63 reading mistral.ai/pricing: Ministral 3 3B $0.10 / $0.10; Batch API 50% off.
    near(worked('mistral/ministral-3b-latest', 50_000, { outputTokens: 5_000 }).total, 0.0055, 'ministral'); // (50,000 + 5,000) × 0.10 / 1M
    near(worked('mistral/ministral-3b-latest', 50_000, { outputTokens: 5_000, batch: true }).total, 0.00275, 'ministral batch');
    for (const id of ['mistral/mistral-large-4', 'mistral/ministral-3b-latest']) assert.equal(priced(id).model.secondary, true, id);
    assert.equal(priced('mistral/mistral-medium-3.5').model.replacedBy, 'mistral/mistral-large-4');
  });

  test('mistral-large-latest serves Large 4 since 2026-11-05; earlier requests keep the Large 3 price they were billed', () => {
    // Sim's catalogue (listed 2026-11-20): $0.70 / $2.10, cached $0.07, released behind the alias 2026-11-05.
    const { price, model } = priced('mistral/mistral-large-latest');
    assert.deepEqual(price.rates, { input: 0.7, output: 2.1, cacheRead: 0.07 });
    assert.equal(model.replacedBy, undefined);
    const now = worked('mistral/mistral-large-latest', 100_000, { outputTokens: 10_000 });
    near(now.total, 0.091, 'December'); // 100,000 × 0.70 / 1M + 10,000 × 2.10 / 1M
    const october = worked('mistral/mistral-large-latest', 100_000, { outputTokens: 10_000, at: new Date('2026-10-01T12:00:00Z') });
    near(october.total, 0.065, 'October'); // 100,000 × 0.50 / 1M + 10,000 × 1.50 / 1M (Large 3)
    const march = worked('mistral/mistral-large-latest', 100_000, { outputTokens: 10_000, at: new Date('2026-03-01T12:00:00Z') });
    near(march.total, 0.26, 'March'); // 100,000 × 2 / 1M + 10,000 × 6 / 1M (Large 3 before the cut)
    // Mistral Small 4: $0.15 / $0.60 (Sim, OpenRouter, genai-prices agree).
    assert.deepEqual(priced('mistral/mistral-small-latest').price.rates, { input: 0.15, output: 0.6, cacheRead: 0.015 });
  });

  test('ended launch prices are dated schedule entries, so costs at an instant inside them use them', () => {
    // GPT-5.6 Sol launched at $5 / $30 (cached $0.50, write $6.25) on 2026-07-09; OpenAI's promotional $4 / $20
    // took effect on 2026-08-21 (its model page: "at least until 2026-11-21"), a month before GPT-6 Sol.
    const august = worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000, at: new Date('2026-08-01T12:00:00Z') });
    near(august.total, 0.8, 'August'); // 100,000 × 5 / 1M + 10,000 × 30 / 1M
    near(worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000, at: new Date('2026-08-20T23:00:00Z') }).total, 0.8, 'last launch-price day');
    near(worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000, at: new Date('2026-08-21T00:00:00Z') }).total, 0.6, 'promotion from 2026-08-21'); // 100,000 × 4 / 1M + 10,000 × 20 / 1M
    near(worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000, at: new Date('2026-09-10T12:00:00Z') }).total, 0.6, 'September, before GPT-6 Sol');
    const long = worked('openai/gpt-5.6-sol', 300_000, { outputTokens: 10_000, at: new Date('2026-08-01T12:00:00Z') });
    near(long.total, 3.45, 'August, over 272K'); // 300,000 × 10 / 1M + 10,000 × 45 / 1M
    // The promotion ended on 2026-11-30 (LaoZhang, APIYI): the list price again from 2026-12-01.
    near(worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000, at: new Date('2026-11-30T23:00:00Z') }).total, 0.6, 'last promotion day');
    near(worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000, at: new Date('2026-12-01T00:00:00Z') }).total, 0.8, 'list price from 2026-12-01');
    near(worked('openai/gpt-5.6-sol', 100_000, { outputTokens: 10_000 }).total, 0.8, 'December'); // 100,000 × 5 / 1M + 10,000 × 30 / 1M
    // GPT-5.6 bills cache writes at 1.25x input (coder/mux#3705): $6.25 and $12.50 above 272K; $5 and $10 during the promotion.
    const sol = priced('openai/gpt-5.6-sol');
    assert.equal(sol.price.rates.cacheWrite, 6.25);
    assert.deepEqual(
      sol.price.tiers?.brackets.map((b) => b.cacheWrite),
      [6.25, 12.5],
    );
    const promo = sol.model.schedule?.find((e) => e.from === '2026-08-21');
    assert.ok(promo && 'rates' in promo.price);
    assert.equal(promo.until, '2026-12-01');
    assert.deepEqual(
      promo.price.tiers?.brackets.map((b) => b.cacheWrite),
      [5, 10],
    );
    // GPT-5.6 Terra and Luna: launch $2.50 / $15 and $1 / $6 until the cut of 2026-07-30.
    near(worked('openai/gpt-5.6-terra', 100_000, { outputTokens: 10_000, at: new Date('2026-07-29T23:00:00Z') }).total, 0.4, 'Terra launch');
    near(worked('openai/gpt-5.6-terra', 100_000, { outputTokens: 10_000, at: new Date('2026-07-30T00:00:00Z') }).total, 0.32, 'Terra cut');
    near(worked('openai/gpt-5.6-luna', 100_000, { outputTokens: 10_000, at: new Date('2026-07-15T12:00:00Z') }).total, 0.16, 'Luna launch');
    // Claude Sonnet 5.5 cache hits $0.20 before the 2026-10-07 cut to $0.10.
    const sept = worked('anthropic/claude-sonnet-5-5', 100_000, { cachedShare: 1, at: new Date('2026-09-15T12:00:00Z') });
    near(sept.cacheRead, 0.02, 'September cache hits'); // 100,000 × 0.20 / 1M
    near(worked('anthropic/claude-sonnet-5-5', 100_000, { cachedShare: 1 }).cacheRead, 0.01, 'December cache hits');
  });

  test('Mistral Medium 3.5', () => {
    // https://docs.mistral.ai/models/model-cards/mistral-medium-3-5-26-04 : $1.50 in / $7.50 out; cached input $0.15 (Sim's catalogue, 2026-09-14).
    assert.deepEqual(priced('mistral/mistral-medium-3.5').price.rates, { input: 1.5, output: 7.5, cacheRead: 0.15 });
  });

  test("each Western vendor's current flagship and cheapest tier are priced and not retired on 2026-12-06", () => {
    // Flagship and cheapest current model per vendor as its own models page names them today.
    const lineup: Record<string, [string, string]> = {
      openai: ['openai/gpt-6.2-astra', 'openai/gpt-6-luna'],
      anthropic: ['anthropic/claude-fable-5-2', 'anthropic/claude-haiku-5-5'],
      google: ['google/gemini-4-argon', 'google/gemini-3.1-flash-lite'],
      xai: ['xai/grok-4.7', 'xai/grok-4.3'], // Grok Build 0.1, the cheaper one, reached end of life on 2026-11-19
      mistral: ['mistral/mistral-large-4', 'mistral/ministral-3b-latest'],
    };
    for (const [vendor, ids] of Object.entries(lineup)) {
      for (const id of ids) {
        const { model } = priced(id);
        assert.equal(model.vendor, vendor);
        assert.ok(model.retires === undefined || model.retires > '2026-12-06', `${id} retires ${model.retires}`);
        assert.equal(model.replacedBy, undefined, `${id} is replaced by ${model.replacedBy}`);
      }
    }
  });

  test('every replacement named for a Western model exists, is priced and is not itself retired', () => {
    const western = new Set(['openai', 'anthropic', 'google', 'xai', 'mistral']);
    const replaced = shippedPricing().models.filter((m) => western.has(m.vendor) && m.replacedBy !== undefined);
    assert.ok(replaced.length >= 15, `only ${replaced.length} replacements recorded`);
    for (const m of replaced) {
      const { model: next } = priced(m.replacedBy as string);
      assert.ok(next.retires === undefined || next.retires > '2026-12-06', `${m.id} -> ${next.id}, which retires ${next.retires}`);
      assert.notEqual(next.id, m.id);
    }
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
