// package.json's settings declare the same ranges and defaults as src/core/limits.ts, which the
// settings parser, the commands, the panel and the CLI use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULTS, LIMITS } from '../../src/core/limits';
import { DEFAULT_SETTINGS, MAX_RATE, MIN_RATE } from '../../src/vscode/settingsSchema';
import { defaultAssumptions } from '../../src/core/defaults';
import { parseCliArgs } from '../../src/cli/args';
import { repoRoot } from './support';

type Prop = { default?: unknown; minimum?: number; maximum?: number; additionalProperties?: { minimum?: number; maximum?: number } };
const props = (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).contributes.configuration.properties) as Record<string, Prop>;
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
