import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkPricingFile, type CheckFinding } from '../../src/core/pricing/check';
import type { PricingFile, Price } from '../../src/core/pricing/schema';
import { ACME_SOURCE, acmeFile, acmeModelOf } from './acme-pricing';

const NOW = new Date('2026-12-06T12:00:00Z');
const usd = (input: number, output: number, per: 1000 | 1000000 = 1_000_000): Price => ({ currency: 'USD', per, rates: { input, output } });

function check(edit: (d: PricingFile) => void): CheckFinding[] {
  const d = acmeFile();
  edit(d);
  const r = checkPricingFile(d, 'acme.json', { now: NOW });
  return [...r.errors, ...r.warnings];
}
const rulesOf = (f: CheckFinding[], prefix: string) => f.filter((x) => x.rule.startsWith(prefix)).map((x) => `${x.severity} ${x.rule} ${x.path}`);

describe('pricing check: deprecated, retires, replacedBy', () => {
  test('a clean file has no lifecycle or schedule findings', () => {
    assert.deepEqual(
      rulesOf(
        check(() => {}),
        'lifecycle',
      ),
      [],
    );
    assert.deepEqual(
      rulesOf(
        check(() => {}),
        'schedule',
      ),
      [],
    );
  });
  test('retires before deprecated is an error; the same day is fine', () => {
    const f = check((d) => Object.assign(acmeModelOf(d, 'acme/small'), { deprecated: '2026-11-01', retires: '2026-10-31' }));
    assert.deepEqual(rulesOf(f, 'lifecycle'), ['error lifecycle models[2].retires']);
    assert.deepEqual(
      rulesOf(
        check((d) => Object.assign(acmeModelOf(d, 'acme/small'), { deprecated: '2026-11-01', retires: '2026-11-01' })),
        'lifecycle',
      ),
      [],
    );
  });
  test('replacedBy may not name the model itself, nor a retired model', () => {
    assert.deepEqual(
      rulesOf(
        check((d) => (acmeModelOf(d, 'acme/small').replacedBy = 'acme/small')),
        'lifecycle',
      ),
      ['error lifecycle models[2].replacedBy'],
    );
    const f = check((d) => {
      acmeModelOf(d, 'acme/small').replacedBy = 'acme/mid';
      acmeModelOf(d, 'acme/mid').retires = '2026-12-01';
    });
    assert.deepEqual(rulesOf(f, 'lifecycle'), ['error lifecycle models[2].replacedBy']);
    assert.match(f.find((x) => x.rule === 'lifecycle')!.message, /acme\/mid retired on 2026-12-01/);
    // A replacement that retires later (not yet) is fine.
    assert.deepEqual(
      rulesOf(
        check((d) => {
          acmeModelOf(d, 'acme/small').replacedBy = 'acme/mid';
          acmeModelOf(d, 'acme/mid').retires = '2027-06-01';
        }),
        'lifecycle',
      ),
      [],
    );
  });
});

describe('pricing check: dated schedules', () => {
  const entry = (from: string | undefined, until: string | undefined, price: Price) => ({
    ...(from ? { from } : {}),
    ...(until ? { until } : {}),
    price,
    note: 'test',
    source: ACME_SOURCE,
  });
  test('overlapping entries of one model are an error; touching ones are not', () => {
    const overlap = check(
      (d) => (acmeModelOf(d, 'acme/mid').schedule = [entry(undefined, '2027-01-10', usd(0.1, 0.4)), entry('2027-01-01', undefined, usd(0.3, 1.2))]),
    );
    assert.deepEqual(rulesOf(overlap, 'schedule-overlap'), ['error schedule-overlap models[1].schedule[1]']);
    const touching = check(
      (d) => (acmeModelOf(d, 'acme/mid').schedule = [entry(undefined, '2027-01-01', usd(0.1, 0.4)), entry('2027-01-01', undefined, usd(0.3, 1.2))]),
    );
    assert.deepEqual(rulesOf(touching, 'schedule'), []);
  });
  test('another currency is an error, another unit a warning', () => {
    const f = check((d) => {
      d.exchangeRates!.rates.CNY = 7.1;
      acmeModelOf(d, 'acme/mid').schedule = [
        entry('2027-01-01', '2027-02-01', { currency: 'CNY', per: 1_000_000, rates: { input: 1, output: 4 } }),
        entry('2027-02-01', undefined, usd(0.0003, 0.0012, 1000)),
      ];
    });
    assert.deepEqual(rulesOf(f, 'schedule'), [
      'error schedule-currency models[1].schedule[0].price.currency',
      'warning schedule-unit models[1].schedule[1].price.per',
    ]);
  });
  test('dated prices get the range checks of list prices', () => {
    const f = check(
      (d) =>
        (acmeModelOf(d, 'acme/mid').schedule = [
          entry('2027-01-01', undefined, { currency: 'USD', per: 1_000_000, rates: { input: 0.3, output: 0.2, cacheRead: 0.5 } }),
        ]),
    );
    assert.deepEqual(
      f
        .filter((x) => x.path.includes('schedule'))
        .map((x) => `${x.rule} ${x.path}`)
        .sort(),
      ['cache-above-input models[1].schedule[0].price.rates.cacheRead', 'output-below-input models[1].schedule[0].price.rates.output'],
    );
    // A per-1K figure entered as per-1M: 1000× the class median, flagged like a list price would be.
    const outlier = check((d) => (acmeModelOf(d, 'acme/mid').schedule = [entry('2027-01-01', undefined, usd(150, 600))]));
    assert.deepEqual(
      outlier
        .filter((x) => x.rule === 'outlier')
        .map((x) => x.path)
        .sort(),
      ['models[1].schedule[0].price.rates.input', 'models[1].schedule[0].price.rates.output'],
    );
  });
  test('an open-ended entry already in force should become the list price', () => {
    const f = check((d) => (acmeModelOf(d, 'acme/mid').schedule = [entry('2026-12-01', undefined, usd(0.3, 1.2))]));
    assert.deepEqual(rulesOf(f, 'schedule'), ['warning schedule-current models[1].schedule[0].from']);
  });
});

describe('pricing check: aliases', () => {
  test('an alias naming one model is clean; one that is the own API name or names another model is an error', () => {
    assert.deepEqual(
      rulesOf(
        check((d) => (acmeModelOf(d, 'acme/small').aliases = ['small-2603'])),
        'alias',
      ),
      [],
    );
    assert.deepEqual(
      rulesOf(
        check((d) => (acmeModelOf(d, 'acme/small').aliases = ['small'])),
        'alias',
      ),
      ['error alias models[2].aliases[0]'],
    );
    const f = check((d) => (acmeModelOf(d, 'acme/small').aliases = ['small-2603', 'mid']));
    assert.deepEqual(rulesOf(f, 'alias'), ['error alias models[2].aliases[1]']);
    assert.match(f.find((x) => x.rule === 'alias')!.message, /"mid" also names mid/);
    // Two models claiming one alias: both are flagged.
    const both = check((d) => {
      acmeModelOf(d, 'acme/small').aliases = ['acme-x'];
      acmeModelOf(d, 'acme/mid').aliases = ['acme-x'];
    });
    assert.deepEqual(rulesOf(both, 'alias').sort(), ['error alias models[1].aliases[0]', 'error alias models[2].aliases[0]']);
  });
});
