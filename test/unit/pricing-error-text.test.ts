// Pricing-file problems in plain words (issue 15): the file, the JSON path, what is wrong and a
// valid value, in English and Simplified Chinese, instead of "version: Invalid input: expected 1".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOverlay } from '../../src/core/pricing/catalogue';
import { PRICING_ERROR_MESSAGES, pricingErrorText } from '../../src/core/pricing/errorText';
import { isTranslated } from '../../src/core/l10n';
import { acmeCatalogue } from './acme-pricing';

const FILE = '.vscode/token-spend-pricing.json';
const texts = (overlay: unknown, locale: 'en' | 'zh-cn' = 'en') => applyOverlay(acmeCatalogue(), overlay, FILE).errors.map((e) => pricingErrorText(e, locale));
const price = (p: object) => ({ version: 1, priceOverrides: { 'acme/mid': { currency: 'USD', per: 1000000, rates: { input: 1, output: 4 }, ...p } } });

test('a wrong version names the file, the path, the rule and a valid value', () => {
  assert.deepEqual(texts({ version: 2 }), [`In ${FILE}, at "version": must be 1. A valid value: "version": 1`]);
  assert.deepEqual(texts({ version: 2 }, 'zh-cn'), [`${FILE} 的 "version"：必须是 1。有效写法示例："version": 1`]);
});

test('wrong types, missing fields, ranges, unknown fields and units', () => {
  const path = 'priceOverrides["acme/mid"]';
  assert.deepEqual(texts(price({ rates: { input: '1', output: 4 } })), [
    `In ${FILE}, at "${path}.rates.input": must be a number, not text in quotes. A valid value: 0.15`,
  ]);
  assert.deepEqual(texts(price({ rates: { output: 4 } })), [`In ${FILE}, at "${path}.rates.input": is missing; it must be a number. A valid value: 0.15`]);
  assert.deepEqual(texts(price({ rates: { input: -1, output: 4 } })), [`In ${FILE}, at "${path}.rates.input": must be at least 0. A valid value: 0.15`]);
  assert.deepEqual(texts(price({ rates: { input: 1, ouput: 4 } })).slice(-1), [
    `In ${FILE}, at "${path}.rates": has a field this format does not know: "ouput". Check the spelling, or remove it. A valid value: "rates": { "input": 0.15, "output": 0.6 }`,
  ]);
  assert.deepEqual(texts(price({ per: 100 })), [`In ${FILE}, at "${path}.per": must be 1000 or 1000000. A valid value: "per": 1000000`]);
  assert.deepEqual(texts(price({ per: 100 }), 'zh-cn'), [`${FILE} 的 "${path}.per"：必须是 1000 或 1000000。有效写法示例："per": 1000000`]);
  assert.deepEqual(texts(price({ currency: 'RMB' }), 'zh-cn'), [
    `${FILE} 的 "${path}.currency"：必须是 "USD" 或 "CNY" 或 "EUR" 或 "GBP" 或 "JPY" 或 "HKD"。有效写法示例："currency": "USD"`,
  ]);
});

test('checks worded by hand are translated too', () => {
  const bad = texts(price({ rates: { input: 0, output: 0 } }), 'zh-cn');
  assert.equal(bad.length, 1);
  assert.match(bad[0], /所有价格均为 0：若厂商声明免费，请设置 "free": true/);
  assert.match(bad[0], /有效写法示例："free": true$/);
});

test('every message of the plain wording has a Chinese translation', () => {
  assert.deepEqual(
    Object.values(PRICING_ERROR_MESSAGES).filter((m) => !isTranslated('zh-cn', m)),
    [],
  );
});
