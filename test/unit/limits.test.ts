// package.json's settings declare the same ranges and defaults as src/core/limits.ts, which the
// settings parser, the commands, the panel and the CLI use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULTS, LIMITS } from '../../src/core/limits';
import { DEFAULT_SETTINGS, MAX_RATE, MIN_RATE, SETTING_KEYS } from '../../src/vscode/settingsSchema';
import { defaultSpendSettings, MAX_BUDGET, MAX_PATHS_PER_SOURCE, SPEND_SETTING_KEYS } from '../../src/vscode/spend/spendSettings';
import { USAGE_SOURCES } from '../../src/core/usage/types';
import { defaultAssumptions } from '../../src/core/defaults';
import { parseCliArgs } from '../../src/cli/args';
import { repoRoot } from './support';

type Prop = {
  default?: unknown;
  minimum?: number;
  maximum?: number;
  additionalProperties?: { minimum?: number; maximum?: number };
  properties?: Record<string, { maxItems?: number; default?: unknown }>;
};
const props = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).contributes.configuration.properties as Record<string, Prop>;
const prop = (key: string): Prop => {
  const p = props[`tokenSpend.${key}`];
  assert.ok(p, `package.json declares tokenSpend.${key}`);
  return p;
};

test('package.json ranges are the core limits', () => {
  for (const key of ['outputTokens', 'reasoningTokens']) {
    assert.equal(prop(key).minimum, LIMITS.tokensPerCall.min, key);
    assert.equal(prop(key).maximum, LIMITS.tokensPerCall.max, key);
  }
  assert.deepEqual([prop('cachedShare').minimum, prop('cachedShare').maximum], [LIMITS.cachedShare.min, LIMITS.cachedShare.max]);
  assert.deepEqual([prop('callsPerDay').minimum, prop('callsPerDay').maximum], [LIMITS.callsPerDay.min, LIMITS.callsPerDay.max]);
  const discounts = prop('vendorDiscounts').additionalProperties;
  assert.deepEqual([discounts?.minimum, discounts?.maximum], [LIMITS.discountPercent.min, LIMITS.discountPercent.max]);
  const rates = prop('exchangeRates').additionalProperties;
  assert.deepEqual([rates?.minimum, rates?.maximum], [LIMITS.exchangeRate.min, LIMITS.exchangeRate.max]);
  assert.deepEqual([MIN_RATE, MAX_RATE], [LIMITS.exchangeRate.min, LIMITS.exchangeRate.max]);
});

test('package.json defaults are the core defaults, and every front end starts from them', () => {
  for (const key of ['outputTokens', 'reasoningTokens', 'cachedShare', 'callsPerDay', 'currency'] as const) {
    assert.equal(prop(key).default, DEFAULTS[key], `package.json default of ${key}`);
    assert.equal(DEFAULT_SETTINGS[key], DEFAULTS[key], `settings parser default of ${key}`);
    assert.equal(defaultAssumptions()[key], DEFAULTS[key], `core assumptions default of ${key}`);
  }
  const cli = parseCliArgs(['prompt.md', '--lang', 'en']);
  assert.equal(cli.outputTokens, DEFAULTS.outputTokens);
  assert.equal(cli.reasoningTokens, DEFAULTS.reasoningTokens);
  assert.equal(cli.cachedShare, DEFAULTS.cachedShare);
  assert.equal(cli.callsPerDay, DEFAULTS.callsPerDay);
});

test("every setting the parsers read has the parser's default in package.json, and the spend settings its bounds", () => {
  for (const [key, field] of Object.entries(SETTING_KEYS)) {
    assert.deepEqual(prop(key).default, DEFAULT_SETTINGS[field], `package.json default of tokenSpend.${key}`);
  }
  const spend = defaultSpendSettings();
  for (const key of SPEND_SETTING_KEYS) {
    const field = key.slice('usage.'.length) as keyof typeof spend;
    assert.deepEqual(prop(key).default, spend[field], `package.json default of tokenSpend.${key}`);
  }
  for (const key of ['usage.dailyBudget', 'usage.monthlyBudget']) assert.deepEqual([prop(key).minimum, prop(key).maximum], [0, MAX_BUDGET], key);
  const paths = prop('usage.paths').properties ?? {};
  assert.deepEqual(Object.keys(paths), [...USAGE_SOURCES]);
  for (const source of USAGE_SOURCES) assert.equal(paths[source].maxItems, MAX_PATHS_PER_SOURCE, `usage.paths.${source}`);
  assert.deepEqual(Object.keys(prop('usage.sources').properties ?? {}), [...USAGE_SOURCES]);
});
