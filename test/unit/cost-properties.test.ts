import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { isInTimeWindow, priceCall } from '../../src/core/cost';
import { CURRENCY_CODES, type TimeWindow } from '../../src/core/pricing/schema';
import type { Assumptions, CostBreakdown } from '../../src/core/types';

const catalogue = loadBundledCatalogue();
const models = catalogue.models;

const assumptionsArb = fc.record({
  outputTokens: fc.integer({ min: 0, max: 200_000 }),
  reasoningTokens: fc.integer({ min: 0, max: 200_000 }),
  cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
  callsPerDay: fc.integer({ min: 0, max: 1_000_000 }),
  batch: fc.boolean(),
  at: fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
  vendorDiscounts: fc.dictionary(fc.constantFrom(...catalogue.vendors.map((v) => v.id)), fc.double({ min: 0, max: 100, noNaN: true })),
  currency: fc.constantFrom(...CURRENCY_CODES),
}) as fc.Arbitrary<Assumptions>;

function priced(modelIndex: number, input: number, a: Assumptions): CostBreakdown | undefined {
  const r = priceCall(models[modelIndex], input, a, catalogue.exchangeRates);
  return 'unpriced' in r ? undefined : r;
}

describe('priceCall properties over every bundled model', () => {
  const modelArb = fc.integer({ min: 0, max: models.length - 1 });
  const inputArb = fc.integer({ min: 0, max: 2_000_000 });

  test('never NaN, negative or infinite; low ≤ total ≤ high; parts add up', () => {
    fc.assert(
      fc.property(modelArb, inputArb, assumptionsArb, (m, input, a) => {
        const c = priced(m, input, a);
        if (!c) return;
        for (const k of ['input', 'cacheRead', 'output', 'reasoning', 'total', 'low', 'high'] as const) {
          assert.ok(Number.isFinite(c[k]) && c[k] >= 0, `${models[m].id} ${k} = ${c[k]}`);
        }
        assert.ok(c.low <= c.total && c.total <= c.high);
        assert.ok(Math.abs(c.input + c.cacheRead + c.output + c.reasoning - c.total) <= c.total * 1e-12);
        assert.equal(c.currency, a.currency);
      }),
      { numRuns: 2000 },
    );
  });

  test('more input, more output or less cache never makes a call cheaper', () => {
    fc.assert(
      fc.property(
        modelArb,
        inputArb,
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        assumptionsArb,
        (m, input, extraIn, extraOut, a) => {
          const base = priced(m, input, a);
          if (!base) return;
          const tolerance = base.total * 1e-12;
          assert.ok(priced(m, input + extraIn, a)!.total >= base.total - tolerance, `${models[m].id}: more input was cheaper`);
          assert.ok(
            priced(m, input, { ...a, outputTokens: a.outputTokens + extraOut })!.total >= base.total - tolerance,
            `${models[m].id}: more output was cheaper`,
          );
          assert.ok(priced(m, input, { ...a, cachedShare: 0 })!.total >= base.total - tolerance, `${models[m].id}: caching made it dearer`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a model that is not free never prices a non-empty request at 0; free ones always do', () => {
    fc.assert(
      fc.property(modelArb, fc.integer({ min: 1, max: 1_000_000 }), assumptionsArb, (m, input, a) => {
        const c = priced(m, input, { ...a, vendorDiscounts: {} });
        if (!c) return;
        const free = 'free' in models[m].price && models[m].price.free === true;
        if (free) assert.equal(c.total, 0);
        else assert.ok(c.total > 0, `${models[m].id} priced ${input} tokens at 0`);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('time windows follow daylight saving in their own zone', () => {
  test('09:00–17:00 in Los Angeles across the March 2026 change', () => {
    const office: TimeWindow = { label: 'office hours', timezone: 'America/Los_Angeles', start: '09:00', end: '17:00', rates: {} };
    // Friday 2026-03-06 is PST (UTC−8): 16:30 UTC = 08:30 local, outside.
    assert.equal(isInTimeWindow(office, new Date('2026-03-06T16:30:00Z')), false);
    // Monday 2026-03-09 is PDT (UTC−7): 16:30 UTC = 09:30 local, inside.
    assert.equal(isInTimeWindow(office, new Date('2026-03-09T16:30:00Z')), true);
  });
});
