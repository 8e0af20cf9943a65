import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { nextPriceChange, priceAt, priceInForce, sameTimeOn } from '../../src/core/pricing/schedule';
import { isRetired, retirementWarning } from '../../src/core/pricing/lifecycle';
import { priceCall } from '../../src/core/cost';
import { compareText } from '../../src/core/compare';
import { describeRule } from '../../src/core/format/rules';
import { describePriceChange, describePriceChangeShort } from '../../src/core/format/changes';
import { priceNotices } from '../../src/core/pricing/notices';
import type { Model } from '../../src/core/pricing/schema';
import { assumptionsAt } from './support';
import { ACME_SOURCE as SOURCE, acmeCatalogue, acmeFile, acmeModelOf } from './acme-pricing';

const acme = acmeCatalogue();
const MINI = 'acme/mid';

/** acme/mid at $0.15/$0.60 per 1M, with a promotion at half price until 2026-12-10 and a doubling from 2027-01-01. */
function scheduledMini(): Model {
  const base = acmeModelOf(acmeFile(), MINI);
  if (!('rates' in base.price)) throw new Error('acme/mid is priced');
  return {
    ...base,
    schedule: [
      { until: '2026-12-10', price: { ...base.price, rates: { input: 0.075, output: 0.3 } }, note: 'launch promotion', source: SOURCE },
      { from: '2027-01-01', price: { ...base.price, rates: { input: 0.3, output: 1.2 } }, note: 'announced increase', source: SOURCE },
    ],
  } as Model;
}

const catalogueWith = acmeCatalogue;

const rates = (m: Model, at: string) => {
  const p = priceAt(m, new Date(at));
  return 'rates' in p ? [p.rates.input, p.rates.output] : p.unpriced;
};

describe('priceInForce', () => {
  const m = scheduledMini();
  test('an entry applies from 00:00 UTC of "from" up to, not including, 00:00 UTC of "until"', () => {
    assert.deepEqual(rates(m, '2026-12-09T23:59:59Z'), [0.075, 0.3]);
    assert.deepEqual(rates(m, '2026-12-10T00:00:00Z'), [0.15, 0.6]);
    assert.deepEqual(rates(m, '2026-12-31T23:59:59Z'), [0.15, 0.6]);
    assert.deepEqual(rates(m, '2027-01-01T00:00:00Z'), [0.3, 1.2]);
    assert.equal(priceInForce(m, new Date('2027-03-01T00:00:00Z')).entry?.note, 'announced increase');
    assert.equal(priceInForce(m, new Date('2026-12-20T00:00:00Z')).entry, undefined);
  });
  test('a model without a schedule keeps its price; an invalid instant is refused', () => {
    const plain = acme.model(MINI)!;
    assert.equal(priceAt(plain, new Date('2030-01-01T00:00:00Z')), plain.price);
    assert.throws(() => priceAt(m, new Date('nonsense')), /not a valid date/);
  });
});

describe('nextPriceChange', () => {
  const m = scheduledMini();
  test('the end of a promotion: back to the list price, with the promotion as the reason', () => {
    const change = nextPriceChange(m, new Date('2026-12-06T08:00:00Z'))!;
    assert.equal(change.date, '2026-12-10');
    assert.deepEqual(change.before, { kind: 'priced', currency: 'USD', per: 1_000_000, input: 0.075, output: 0.3 });
    assert.deepEqual(change.after, { kind: 'priced', currency: 'USD', per: 1_000_000, input: 0.15, output: 0.6 });
    assert.deepEqual(change.factor, { input: 2, output: 2 });
    assert.equal(change.note, 'launch promotion');
  });
  test('an announced increase, from the day after the promotion ended', () => {
    const change = nextPriceChange(m, new Date('2026-12-10T00:00:00Z'))!;
    assert.equal(change.date, '2027-01-01');
    assert.deepEqual(change.factor, { input: 2, output: 2 });
    assert.equal(change.note, 'announced increase');
    assert.equal(nextPriceChange(m, new Date('2027-01-01T00:00:00Z')), undefined);
  });
  test('rates in another unit are compared per token', () => {
    const perK = {
      ...m,
      schedule: [
        {
          from: '2027-01-01',
          price: { currency: 'USD' as const, per: 1000 as const, rates: { input: 0.00015, output: 0.0003 } },
          note: 'output halves',
          source: SOURCE,
        },
      ],
    };
    assert.deepEqual(nextPriceChange(perK, new Date('2026-12-06T00:00:00Z'))!.factor, { input: 1, output: 0.5 });
  });
  test('an entry that repeats the price in force is no change', () => {
    const same = { ...m, schedule: [{ from: '2027-01-01', price: structuredClone(m.price), note: 'confirmed', source: SOURCE }] };
    assert.equal(nextPriceChange(same, new Date('2026-12-06T00:00:00Z')), undefined);
  });
});

describe('costs use the price in force', () => {
  const m = scheduledMini();
  test('priceCall before, during and after the schedule, and the rule it names', () => {
    const total = (at: string) => {
      const r = priceCall(m, 1_000_000, assumptionsAt({ outputTokens: 0, at: new Date(at) }), acme.exchangeRates);
      assert.ok(!('unpriced' in r));
      return r;
    };
    assert.equal(total('2026-12-09T12:00:00Z').total, 0.075);
    assert.equal(total('2026-12-20T12:00:00Z').total, 0.15);
    assert.equal(total('2027-02-01T12:00:00Z').total, 0.3);
    const rule = total('2026-12-09T12:00:00Z').rules!.find((r) => r.kind === 'scheduled')!;
    assert.deepEqual(rule, { kind: 'scheduled', note: 'launch promotion', until: '2026-12-10' });
    assert.equal(describeRule(rule, 'en'), 'dated price through 2026-12-09: launch promotion');
    assert.equal(describeRule(rule, 'zh-cn'), '限期价格（至 2026-12-09）：launch promotion');
    assert.equal(
      total('2026-12-20T12:00:00Z').rules!.some((r) => r.kind === 'scheduled'),
      false,
    );
  });
  test('a scheduled unpriced entry makes the call unpriced for that period', () => {
    const gone = { ...m, schedule: [{ from: '2027-01-01', price: { unpriced: 'withdrawn from sale' }, note: 'withdrawn', source: SOURCE }] };
    const r = priceCall(gone, 1000, assumptionsAt({ at: new Date('2027-01-02T00:00:00Z') }), acme.exchangeRates);
    assert.deepEqual(r, { unpriced: 'withdrawn from sale' });
  });
  test('compareText prices each row at the instant and carries the next change with the cost after it', async () => {
    const catalogue = catalogueWith((d) => {
      const i = d.models.findIndex((x) => x.id === MINI);
      d.models[i] = scheduledMini();
    });
    const at = new Date('2026-12-06T15:30:00Z');
    const c = await compareText('hello world', catalogue, assumptionsAt({ currency: 'USD', outputTokens: 1000, at }), {
      currentModelId: MINI,
      modelIds: [MINI],
    });
    const row = c.rows[0];
    const tokens = row.count.tokens;
    assert.ok(Math.abs(row.cost!.total - (tokens * 0.075 + 1000 * 0.3) / 1e6) < 1e-15);
    assert.equal(row.nextChange?.date, '2026-12-10');
    assert.ok(Math.abs(row.nextChange!.totalAfter! - (tokens * 0.15 + 1000 * 0.6) / 1e6) < 1e-15);
    assert.equal(sameTimeOn('2026-12-10', at).toISOString(), '2026-12-10T15:30:00.000Z');
  });
});

describe('retirement', () => {
  test('retired from 00:00 UTC of the retires day; warned within 60 days, naming the replacement', () => {
    const m = { ...acme.model(MINI)!, retires: '2027-01-15', replacedBy: 'acme/big' };
    assert.equal(isRetired(m, new Date('2027-01-14T23:59:59Z')), false);
    assert.equal(isRetired(m, new Date('2027-01-15T00:00:00Z')), true);
    const find = (id: string) => acme.model(id);
    assert.equal(retirementWarning(m, new Date('2026-11-15T00:00:00Z'), find), undefined, '61 days before: no warning');
    const w = retirementWarning(m, new Date('2026-11-16T00:00:00Z'), find)!;
    assert.equal(w.daysLeft, 60);
    assert.equal(w.retires, '2027-01-15');
    assert.equal(w.replacedBy?.id, 'acme/big');
    assert.equal(retirementWarning(m, new Date('2027-01-15T00:00:00Z'), find), undefined, 'already retired: marked, not warned');
  });
  test('a retired model is never suggested, though it stays in the comparison marked retired', async () => {
    const cheap = 'acme/small';
    const at = new Date('2026-12-06T12:00:00Z');
    const base = await compareText('hello world', acme, assumptionsAt({ currency: 'USD', at }), { currentModelId: 'acme/big', suggestionLimit: 50 });
    assert.ok(
      base.suggestions.some((r) => r.model.id === cheap),
      `${cheap} is a suggestion before it retires`,
    );
    const catalogue = catalogueWith((d) => {
      d.models.find((x) => x.id === cheap)!.retires = '2026-12-01';
    });
    const c = await compareText('hello world', catalogue, assumptionsAt({ currency: 'USD', at }), { currentModelId: 'acme/big', suggestionLimit: 50 });
    assert.equal(
      c.suggestions.some((r) => r.model.id === cheap),
      false,
    );
    assert.equal(c.rows.find((r) => r.model.id === cheap)?.retired, true);
    assert.equal(c.rows.find((r) => r.model.id === 'acme/mid')?.retired, undefined);
  });
});

describe('describePriceChange and priceNotices', () => {
  const m = scheduledMini();
  test('a doubling in English and Chinese, rates in the vendor unit', () => {
    const change = nextPriceChange(m, new Date('2026-12-20T00:00:00Z'))!;
    assert.equal(
      describePriceChange(change, 'en'),
      'price doubles on 2027-01-01: input $0.15 / 1M tokens → $0.3 / 1M tokens, output $0.6 / 1M tokens → $1.2 / 1M tokens (announced increase)',
    );
    assert.equal(
      describePriceChange(change, 'zh-cn'),
      '2027-01-01 起价格翻倍：输入 $0.15 / 百万 Token → $0.3 / 百万 Token，输出 $0.6 / 百万 Token → $1.2 / 百万 Token（announced increase）',
    );
    assert.equal(describePriceChangeShort(change, 'en'), 'price doubles on 2027-01-01');
    const rise = { ...change, factor: { input: 1.25, output: 1.25 } };
    assert.equal(describePriceChangeShort(rise, 'en'), 'price rises 25% on 2027-01-01');
    assert.equal(describePriceChangeShort({ ...change, factor: { input: 1.25, output: 2 } }, 'zh-cn'), '2027-01-01 起价格调整');
    assert.equal(describePriceChange({ ...change, after: { kind: 'free' } }, 'en'), 'becomes free on 2027-01-01 (announced increase)');
  });
  test('notices of the current model: secondary source, next change, retirement within 60 days, staleness', () => {
    const find = (id: string) => acme.model(id);
    const at = new Date('2026-12-20T00:00:00Z');
    const quiet = priceNotices(acme.model('acme/big')!, at, find, 30);
    assert.deepEqual(quiet, { secondarySource: false });
    const loud = priceNotices({ ...m, secondary: true, retires: '2027-02-01', replacedBy: 'acme/big', checked: '2026-10-01' }, at, find, 30);
    assert.equal(loud.secondarySource, true);
    assert.equal(loud.nextChange?.date, '2027-01-01');
    assert.equal(loud.retiresSoon?.daysLeft, 43);
    assert.equal(loud.retiresSoon?.replacedBy?.id, 'acme/big');
    assert.equal(loud.staleDays, 80);
    assert.equal(priceNotices({ ...m, retires: '2026-12-01' }, at, find).retiredOn, '2026-12-01');
  });
});
