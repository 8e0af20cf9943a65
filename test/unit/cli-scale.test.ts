import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable } from '../../src/cli/table';
import { errorLines, MAX_ERRORS_SHOWN } from '../../src/cli/common';
import { maxOf, minOf } from '../../src/core/extremes';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import bundled from '../../pricing/pricing.json';

describe('pricing files with hundreds of thousands of models (issue 13, item 13)', () => {
  test('the table renders 175,936 rows (before: Math.max(...) over every row overflowed the stack)', () => {
    const rows = Array.from({ length: 175_936 }, (_, i) => [`acme/model-${i}`, String(i)]);
    const table = renderTable(['Model', 'Tokens'], rows, new Set([1]));
    const lines = table.split('\n');
    assert.equal(lines.length, 175_936 + 2);
    assert.equal(lines[2], `${'acme/model-0'.padEnd('acme/model-175935'.length)}  ${'0'.padStart('Tokens'.length)}`);
  });

  test('140,000 time-zone errors are collected and shown as the first 20 and "… and 139,980 more"', () => {
    const model = bundled.models.find((m) => 'timeWindows' in m.price)!;
    const models = Array.from({ length: 140_000 }, (_, i) => ({
      ...model,
      id: `acme/tz-${i}`,
      price: { ...model.price, timeWindows: [{ ...(model.price as { timeWindows: object[] }).timeWindows[0], timezone: 'Mars/Olympus' }] },
    }));
    const { errors } = applyOverlay(loadBundledCatalogue(), { version: 1, models }, 'huge.json');
    assert.equal(errors.length, 140_000);
    const lines = errorLines(errors).split('\n');
    assert.equal(lines.length, MAX_ERRORS_SHOWN + 1);
    assert.equal(lines[0], '  models[0].price.timeWindows[0].timezone: unknown IANA time zone "Mars/Olympus"');
    assert.equal(lines[MAX_ERRORS_SHOWN], '  … and 139,980 more');
    assert.equal(errorLines(errors.slice(0, 2)).split('\n').length, 2);
  });

  test('largest and smallest of 500,000 numbers without spreading them', () => {
    const values = Array.from({ length: 500_000 }, (_, i) => (i * 7919) % 500_000);
    assert.equal(maxOf(values), 499_999);
    assert.equal(minOf(values), 0);
    assert.equal(maxOf([], 0), 0);
    assert.ok(Number.isNaN(maxOf([1, NaN, 2])));
  });
});
