import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { convert, priceCall, withRateOverrides } from '../../src/core/cost';
import { formatMoney } from '../../src/core/format';
import { CURRENCY_CODES, type Currency } from '../../src/core/pricing/schema';
import { parseSettings, type SettingKey } from '../../src/vscode/settingsSchema';
import type { Assumptions } from '../../src/core/types';

const catalogue = loadBundledCatalogue();
const table = catalogue.exchangeRates;
const currencyArb = fc.constantFrom(...CURRENCY_CODES);
const models = catalogue.models;

/** A rate the settings accept (whatever parseSettings keeps), from ordinary to extreme. */
const userRateArb = fc.oneof(
  fc.double({ min: 0.5, max: 200, noNaN: true }),
  fc.constantFrom(Number.MIN_VALUE, 1e-300, 1e-12, 1e-6, 1e6, 1e12, 1e300, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: Number.MIN_VALUE }),
);

/** The exchange-rate overrides that survive settings validation, as the extension would use them. */
function acceptedOverrides(raw: Partial<Record<Currency, number>>): Partial<Record<Currency, number>> {
  const get = (key: SettingKey) => (key === 'exchangeRates' ? raw : undefined);
  return parseSettings(get).settings.exchangeRates;
}

describe('currency conversion', () => {
  test('round trips through any pair of currencies within rounding (bundled rates)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e12, noNaN: true })), currencyArb, currencyArb, (amount, a, b) => {
        const back = convert(convert(amount, a, b, table), b, a, table);
        assert.ok(Math.abs(back - amount) <= amount * 1e-12, `${amount} ${a}→${b}→${a} = ${back}`);
      }),
      { numRuns: 1000 },
    );
  });

  test('round trips with any overrides the settings accept', () => {
    fc.assert(
      fc.property(fc.dictionary(currencyArb, userRateArb), fc.double({ min: 1e-6, max: 1e9, noNaN: true }), currencyArb, currencyArb, (raw, amount, a, b) => {
        const rates = withRateOverrides(table, acceptedOverrides(raw));
        const there = convert(amount, a, b, rates);
        assert.ok(Number.isFinite(there) && there > 0, `${amount} ${a}→${b} = ${there} with ${JSON.stringify(raw)}`);
        const back = convert(there, b, a, rates);
        assert.ok(Math.abs(back - amount) <= amount * 1e-12, `${amount} ${a}→${b}→${a} = ${back}`);
      }),
      { numRuns: 1000 },
    );
  });

  test('a same-currency amount is returned untouched, whatever the table says', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), currencyArb, (amount, c) => {
        assert.equal(convert(amount, c, c, table), amount);
      }),
    );
  });

  test('rates the settings refuse never reach the table: zero, negative, NaN, infinite, USD other than 1', () => {
    const { settings, problems } = parseSettings((key) =>
      key === 'exchangeRates' ? { CNY: 0, EUR: -1, GBP: Number.NaN, JPY: Number.POSITIVE_INFINITY, USD: 2, HKD: 7.8 } : undefined,
    );
    assert.deepEqual(settings.exchangeRates, { HKD: 7.8 });
    assert.deepEqual(problems.map((p) => p.entry).sort(), ['CNY', 'EUR', 'GBP', 'JPY', 'USD']);
  });
});

describe('costs at the limits the settings allow', () => {
  const extremeAssumptions = fc.record({
    outputTokens: fc.constantFrom(0, 1, 10_000_000),
    reasoningTokens: fc.constantFrom(0, 10_000_000),
    cachedShare: fc.constantFrom(0, Number.MIN_VALUE, 0.5, 1),
    callsPerDay: fc.constantFrom(0, 1_000_000_000),
    batch: fc.boolean(),
    at: fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }),
    vendorDiscounts: fc.dictionary(fc.constantFrom(...catalogue.vendors.map((v) => v.id)), fc.constantFrom(0, Number.MIN_VALUE, 99.999, 100)),
    currency: currencyArb,
  }) as fc.Arbitrary<Assumptions>;

  test('never NaN, negative or infinite, per call and per month, with extreme rates, counts and dates', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: models.length - 1 }),
        fc.constantFrom(0, 1, 1_000_000_000),
        extremeAssumptions,
        fc.dictionary(currencyArb, userRateArb),
        (m, input, a, raw) => {
          const rates = withRateOverrides(table, acceptedOverrides(raw));
          const c = priceCall(models[m], input, a, rates);
          if ('unpriced' in c) return;
          for (const k of ['input', 'cacheRead', 'output', 'reasoning', 'total', 'low', 'high'] as const) {
            assert.ok(Number.isFinite(c[k]) && c[k] >= 0, `${models[m].id} ${k} = ${c[k]} (${JSON.stringify(raw)})`);
          }
          const perMonth = c.total * a.callsPerDay * 30;
          assert.ok(Number.isFinite(perMonth), `${models[m].id} per month = ${perMonth}`);
          assert.doesNotThrow(() => formatMoney(perMonth, c.currency, 'zh-cn'));
        },
      ),
      { numRuns: 600 },
    );
  });

  test('money is never shown as zero when it is not: any amount from 1e-18 up shows a non-zero digit', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-18, max: 1e15, noNaN: true }), currencyArb, fc.constantFrom('en', 'zh-cn'), (amount, c, locale) => {
        const text = formatMoney(amount, c, locale);
        assert.match(text, /[1-9]/, `${amount} ${c} shown as ${text}`);
        assert.doesNotMatch(text, /NaN|Infinity|e[+-]/);
      }),
      { numRuns: 600 },
    );
  });
});
