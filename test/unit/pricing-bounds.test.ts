import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOverlay, loadBundledCatalogue, parsePricingFile } from '../../src/core/pricing/catalogue';
import { checkPricingFile, checkPricingJson } from '../../src/core/pricing/check';
import { evaluateUpdate, fetchPricingUpdate, type FetchLike } from '../../src/core/pricing/update';
import { LIMITS, PRICE_LIMITS } from '../../src/core/limits';
import { looseCopy, recheck, type LooseJson } from './support';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const bundledCatalogue = loadBundledCatalogue();
const bundled = bundledCatalogue.data;
const copy = (): LooseJson => looseCopy(bundled);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const laterNow = new Date(`${dayAfter(bundled.updated)}T12:00:00Z`);
/** The bundled file one day newer, changed by `edit`. */
function newer(edit: (file: LooseJson) => void): LooseJson {
  const file = copy();
  file.updated = dayAfter(bundled.updated);
  edit(file);
  return file;
}
const serve =
  (json: unknown): FetchLike =>
  async () => ({ ok: true, status: 200, headers: new Headers(), body: new Response(JSON.stringify(json)).body });

describe('item 4: every rate is bounded to what can be priced', () => {
  test('a finite but huge rate (1e308) is refused with the JSON path', () => {
    for (const edit of [
      (f: LooseJson) => (f.models[0].price.rates.input = 1e308),
      (f: LooseJson) => (f.models[0].price.tiers.brackets[1].output = PRICE_LIMITS.rate.max * 2),
    ]) {
      const file = copy();
      edit(file);
      const r = parsePricingFile(file, 'huge.json');
      assert.equal(r.catalogue, undefined);
      assert.match(r.errors[0].path, /^models\[0\]\.price\.(rates\.input|tiers\.brackets\[1\]\.output)$/);
      assert.match(r.errors[0].message, /a rate above 1,000,000 cannot be priced/);
    }
    const ok = copy();
    ok.models[0].price.rates.output = PRICE_LIMITS.rate.max;
    assert.equal(parsePricingFile(ok, 'max.json').errors.length, 0);
  });

  test('exchange-rate tables and plan amounts are bounded too', () => {
    const rate = copy();
    rate.exchangeRates.rates.CNY = 1e300;
    assert.equal(parsePricingFile(rate, 'f.json').errors[0]?.path, 'exchangeRates.rates.CNY');
    const tiny = copy();
    tiny.exchangeRates.rates.CNY = 1e-300;
    assert.equal(parsePricingFile(tiny, 'f.json').errors[0]?.path, 'exchangeRates.rates.CNY');
    const plan = copy();
    plan.plans[0].amount = 1e308;
    assert.equal(parsePricingFile(plan, 'f.json').errors[0]?.path, 'plans[0].amount');
  });

  test('pricing:check reports a huge rate as an error instead of crashing in the outlier check', () => {
    const file = copy();
    file.models[0].price.rates.input = 1e308;
    const full = checkPricingFile(file, 'huge.json', { now: laterNow });
    assert.equal(full.errors[0]?.path, 'models[0].price.rates.input');
    const overlay = { version: 1, priceOverrides: { [bundled.models[1].id]: { currency: 'USD', per: 1000000, rates: { input: 1e308, output: 1 } } } };
    const over = checkPricingJson(overlay, 'ov.json', { now: laterNow, base: bundledCatalogue });
    assert.equal(over.errors[0]?.path, `priceOverrides["${bundled.models[1].id}"].rates.input`);
  });

  test('the CLI names the file and path of a huge override, with no Infinity error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-bounds-'));
    const file = join(dir, 'huge.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, priceOverrides: { [bundled.models[0].id]: { ...bundled.models[0].price, rates: { input: 1e308, output: 1 } } } }),
    );
    const r = spawnSync(process.execPath, [cli, '-', '--pricing', file], { input: 'hello', encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.stderr.includes('huge.json') && r.stderr.includes(`priceOverrides["${bundled.models[0].id}"].rates.input`), r.stderr);
    assert.doesNotMatch(r.stderr, /Infinity|at .*\.js:\d+/);
  });

  test('fetchPricingUpdate never throws on a huge price: the update is refused with the reason', async () => {
    const file = newer((f) => (f.models[0].price.rates.input = 1e308));
    const r = await fetchPricingUpdate(bundled, 'https://prices.example.com/p.json', { fetch: serve(file), now: laterNow });
    assert.ok(r.status === 'invalid' && r.reason.includes('models[0].price.rates.input'), JSON.stringify(r));
  });
});

describe('item 5: exchange rates in an update merge per currency and are range-checked', () => {
  test('an update holding only USD and CNY keeps the other currencies', () => {
    const file = newer((f) => (f.exchangeRates = { ...f.exchangeRates, date: dayAfter(bundled.updated), rates: { USD: 1, CNY: 7.1 } }));
    const d = evaluateUpdate(bundled, file, 'u.json', laterNow);
    assert.equal(d.status, 'accepted', JSON.stringify(d).slice(0, 300));
    if (d.status !== 'accepted') return;
    assert.equal(d.file.exchangeRates?.rates.CNY, 7.1);
    assert.equal(d.file.exchangeRates?.rates.EUR, bundled.exchangeRates?.rates.EUR);
    assert.deepEqual(Object.keys(d.file.exchangeRates!.rates).sort(), Object.keys(bundled.exchangeRates!.rates).sort());
  });

  test('an older rate table never overwrites newer rates, but fills currencies the newer lacks', () => {
    const file = newer((f) => (f.exchangeRates = { ...f.exchangeRates, date: '2020-01-01', rates: { USD: 1, CNY: 1 } }));
    const d = evaluateUpdate(bundled, file, 'u.json', laterNow);
    assert.ok(d.status === 'accepted' && d.file.exchangeRates?.rates.CNY === bundled.exchangeRates?.rates.CNY, JSON.stringify(d).slice(0, 300));
  });

  test('rates outside the settings range are refused with the path', () => {
    for (const value of [LIMITS.exchangeRate.min / 10, LIMITS.exchangeRate.max * 10]) {
      const file = newer((f) => (f.exchangeRates.rates.CNY = value));
      const d = evaluateUpdate(bundled, file, 'u.json', laterNow);
      assert.ok(d.status === 'invalid' && d.reason.includes('exchangeRates.rates.CNY'), JSON.stringify(d).slice(0, 300));
    }
  });
});

describe('item 8: priceOverrides keys that name Object.prototype', () => {
  test('__proto__ is rejected with the path (before: silently ignored); constructor and prototype are unknown models', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const overlay = JSON.parse(`{"version":1,"priceOverrides":{${JSON.stringify(key)}:{"unpriced":"x"}}}`);
      const r = applyOverlay(bundledCatalogue, overlay, 'mine.json');
      assert.equal(r.catalogue, bundledCatalogue, key);
      assert.ok(
        r.errors.some((e) => e.file === 'mine.json' && e.path === `priceOverrides.${key}`),
        `${key}: ${JSON.stringify(r.errors)}`,
      );
    }
  });
});

describe('item 6: an implausible update is refused and says why', () => {
  const priced = (f: LooseJson) => f.models.filter((m: LooseJson) => 'rates' in m.price && !m.price.free && !m.price.tiers);

  test('every model free: refused, naming how many prices jumped', () => {
    const file = newer((f) => {
      for (const m of priced(f)) {
        m.price = { currency: m.price.currency, per: m.price.per, rates: { input: 0, output: 0 }, free: true };
        recheck(m, f.updated);
      }
    });
    const d = evaluateUpdate(bundled, file, 'u.json', laterNow);
    assert.equal(d.status, 'invalid');
    if (d.status !== 'invalid') return;
    assert.match(d.reason, /changes \d+ of \d+ prices more than 10-fold or to or from free \(at most 25% may\)/);
    assert.ok(d.jumps && d.jumps.jumped === priced(bundled).length, JSON.stringify(d.jumps));
  });

  test('one model 1000 times dearer: refused, naming the model', () => {
    const file = newer((f) => {
      const m = priced(f)[0];
      m.price.rates.output *= 1000;
      recheck(m, f.updated);
    });
    const d = evaluateUpdate(bundled, file, 'u.json', laterNow);
    assert.ok(d.status === 'invalid' && d.reason.includes(`changes the price of ${priced(bundled)[0].id} 1,000-fold`), JSON.stringify(d).slice(0, 300));
  });

  test('ordinary changes pass: a few models halved or tripled, one made free', () => {
    const file = newer((f) => {
      const list = priced(f);
      list[0].price.rates.input /= 2;
      list[1].price.rates.output *= 3;
      list[2].price = { currency: list[2].price.currency, per: list[2].price.per, rates: { input: 0, output: 0 }, free: true };
    });
    const d = evaluateUpdate(bundled, file, 'u.json', laterNow);
    assert.equal(d.status, 'accepted', JSON.stringify(d).slice(0, 300));
  });
});
