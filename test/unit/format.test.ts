import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, formatRate, formatTokens } from '../../src/core/format';

describe('formatMoney', () => {
  test('tiny amounts keep two significant digits instead of rounding to zero', () => {
    assert.equal(formatMoney(0.0008, 'CNY'), '¥0.0008');
    assert.equal(formatMoney(0.00084, 'CNY'), '¥0.00084');
    assert.equal(formatMoney(0.000012345, 'USD'), '$0.000012');
    assert.equal(formatMoney(0.0156, 'USD'), '$0.016');
    assert.equal(formatMoney(0.5, 'EUR'), '€0.50');
  });

  test('ordinary and large amounts: two decimals, thousands separators, per-currency symbols', () => {
    assert.equal(formatMoney(20, 'USD'), '$20.00');
    assert.equal(formatMoney(1234567.891, 'USD'), '$1,234,567.89');
    assert.equal(formatMoney(1234.5, 'CNY', 'zh-CN'), '¥1,234.50');
    assert.equal(formatMoney(3.2, 'GBP'), '£3.20');
    assert.equal(formatMoney(1234.5, 'JPY'), 'JP¥1,235');
    assert.equal(formatMoney(12, 'HKD'), 'HK$12.00');
    assert.equal(formatMoney(0, 'CNY'), '¥0.00');
    assert.equal(formatMoney(-0.25, 'USD'), '-$0.25');
  });

  test('refuses NaN and infinity', () => {
    assert.throws(() => formatMoney(Number.NaN, 'USD'));
    assert.throws(() => formatMoney(Infinity, 'USD'));
  });
});

describe('formatTokens and formatRate', () => {
  test('token counts', () => {
    assert.equal(formatTokens(1284), '1,284');
    assert.equal(formatTokens(1_000_000, 'zh-CN'), '1,000,000');
    assert.equal(formatTokens(12.6), '13');
    assert.throws(() => formatTokens(-1));
  });

  test('rates as the vendor publishes them', () => {
    assert.equal(formatRate(0.8, 1_000_000, 'CNY'), '¥0.8 / 1M tokens');
    assert.equal(formatRate(0.0008, 1000, 'CNY'), '¥0.0008 / 1K tokens');
    assert.equal(formatRate(2.5, 1_000_000, 'USD'), '$2.5 / 1M tokens');
    assert.equal(formatRate(0.0005, 1000, 'CNY', 'zh-CN'), '¥0.0005 / 千 Token');
    assert.equal(formatRate(2, 1_000_000, 'CNY', 'zh-CN'), '¥2 / 百万 Token');
  });
});

describe('formatting the price-war figures of the design brief', () => {
  test("Doubao's 0.0008 yuan per 1K tokens is the same rate as 0.8 yuan per 1M", () => {
    assert.equal(formatRate(0.8 / 1000, 1000, 'CNY'), '¥0.0008 / 1K tokens');
    // One call of 1,500 tokens at that rate costs ¥0.0012, not ¥0.00.
    assert.equal(formatMoney((1500 * 0.8) / 1_000_000, 'CNY'), '¥0.0012');
  });
});

describe('describeRule', () => {
  test('English and Simplified Chinese wording of the rules a cost applied', async () => {
    const { describeRule } = await import('../../src/core/format');
    assert.equal(describeRule({ kind: 'batch', multiplier: 0.5 }), 'batch price ×0.5');
    assert.equal(describeRule({ kind: 'batch', multiplier: 0.5 }, 'zh-cn'), '批量价格 ×0.5');
    const tier = { kind: 'tier', mode: 'request', upTo: null, above: 272000, brackets: 1 } as const;
    // Plain words (issue 15): what the tier means for this request, not "context tier: … price".
    assert.equal(describeRule(tier), 'the whole request is billed at the rate for requests of more than 272,000 input tokens');
    assert.equal(describeRule(tier, 'zh-cn'), '整次请求按“输入超过 272,000 个 Token”档计价');
    const quota = { kind: 'freeQuota', note: 'New-user free quota: 1M tokens' } as const;
    assert.equal(describeRule(quota), 'this cost ignores the free quota (New-user free quota: 1M tokens)');
    assert.equal(describeRule(quota, 'zh-cn'), '此费用未扣除免费额度（New-user free quota: 1M tokens）', 'a note with no translation stays as written');
    assert.equal(
      describeRule({ kind: 'freeQuota', note: 'New-user free quota: 1M tokens per model on Bailian' }, 'zh-cn'),
      '此费用未扣除免费额度（百炼新人免费额度：每个模型 100 万 Token）',
    );
    assert.equal(
      describeRule({ kind: 'converted', from: 'USD', to: 'CNY', rate: 6.9858, date: '2026-01-27' }, 'zh-cn'),
      '按 2026-01-27 汇率 6.9858 由 USD 换算为 CNY',
    );
  });
});
