import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPricingFile,
  checkPricingJson,
  checkPricingOverlay,
  formatCheckReport,
  isRealDate,
  looksLikeOverlay,
  parseJsonText,
  type CheckFinding,
} from '../../src/core/pricing/check';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { freshnessSummary } from '../../src/core/pricing/freshness';
import { STALE_AFTER_DAYS } from '../../src/core/pricing/freshness';
import { looseCopy, type LooseJson } from './support';

const bundled = loadBundledCatalogue();
/** The day the bundled file says it was last updated: staleness is judged as of then. */
const asOfUpdate = new Date(`${bundled.data.updated}T12:00:00Z`);

function copy(): LooseJson {
  return looseCopy(bundled.data);
}
function indexOf(file: LooseJson, id: string): number {
  const i = file.models.findIndex((m: LooseJson) => m.id === id);
  assert.ok(i >= 0, `${id} is not in the bundled file`);
  return i;
}
const about = (findings: CheckFinding[], rule: string, subject?: string) =>
  findings.filter((f) => f.rule === rule && (subject === undefined || f.subject === subject));

describe('pricing check of the bundled file', () => {
  const report = checkPricingFile(bundled.data, 'pricing/pricing.json', { now: asOfUpdate });

  test('has no errors', () => {
    assert.deepEqual(
      report.errors.map((e) => `${e.path}: ${e.message}`),
      [],
    );
    assert.ok(report.stats && report.stats.models === bundled.models.length);
    assert.deepEqual(report.stats.currencies, ['CNY', 'USD']);
  });

  test('old prices are warnings, not errors', () => {
    const gpt4o = bundled.model('openai/gpt-4o')!;
    const stale = about(report.warnings, 'stale', 'openai/gpt-4o');
    const ageDays = Math.floor((asOfUpdate.getTime() - Date.parse(`${gpt4o.checked}T00:00:00Z`)) / 86_400_000);
    assert.equal(stale.length, ageDays > STALE_AFTER_DAYS ? 1 : 0);
    if (stale.length) assert.match(stale[0].message, new RegExp(`${gpt4o.checked}, ${ageDays} days ago`));
    // As of the day it was checked, the same price is fresh.
    const thatDay = checkPricingFile(bundled.data, 'p.json', { now: new Date(`${gpt4o.checked}T12:00:00Z`) });
    assert.equal(about(thatDay.warnings, 'stale', 'openai/gpt-4o').length, 0);
  });

  test('the text report starts with a summary and ends with the counts', () => {
    const lines = formatCheckReport(report);
    assert.match(lines[0], new RegExp(`^pricing/pricing.json \\(pricing file\\): ${bundled.vendors.length} vendors, ${bundled.models.length} models`));
    assert.equal(lines[lines.length - 1], `  0 errors, ${report.warnings.length} warnings`);
  });
});

describe('pricing check finds broken data', () => {
  const check = (file: LooseJson) => checkPricingFile(file, 'broken.json', { now: asOfUpdate });

  test('cached input dearer than input is an error at the JSON path of the rate', () => {
    const file = copy();
    const i = indexOf(file, 'deepseek/deepseek-flash@cn');
    file.models[i].price.rates.cacheRead = 2; // input is 1 CNY per 1M
    const r = check(file);
    const found = about(r.errors, 'cache-above-input', 'deepseek/deepseek-flash@cn');
    assert.deepEqual(
      found.map((f) => f.path),
      [`models[${i}].price.rates.cacheRead`],
    );
    assert.equal(found[0].file, 'broken.json');
  });

  test('a per-1K unit slipped into a per-1M vendor is flagged twice: unit and 100× outlier', () => {
    const file = copy();
    const i = indexOf(file, 'alibaba/qwen-long');
    file.models[i].price.per = 1000; // 0.5 CNY per 1K instead of per 1M: 1000× too dear
    const r = check(file);
    assert.deepEqual(
      about(r.warnings, 'per-unit').map((f) => [f.subject, f.path]),
      [['alibaba/qwen-long', `models[${i}].price.per`]],
    );
    const outliers = about(r.warnings, 'outlier', 'alibaba/qwen-long');
    assert.ok(
      outliers.some((f) => f.path === `models[${i}].price.rates.input`),
      JSON.stringify(outliers),
    );
    assert.match(outliers[0].message, /above the median of quality-class-3 models/);
    assert.equal(about(check(copy()).warnings, 'outlier').length, 0, 'the real file has no 100× outliers');
  });

  test("a mainland-China model priced in USD while the vendor's other cn models are CNY", () => {
    const file = copy();
    const i = indexOf(file, 'bytedance/doubao-seed-1-6-flash-250828');
    file.models[i].price.currency = 'USD';
    const found = about(check(file).warnings, 'currency-mix');
    assert.deepEqual(
      found.map((f) => f.subject),
      ['bytedance/doubao-seed-1-6-flash-250828'],
    );
    assert.match(found[0].message, /priced in USD while bytedance's other mainland-China \(cn\) models are priced in CNY/);
  });

  test('a duplicate model id is a schema error naming the second occurrence', () => {
    const file = copy();
    const i = indexOf(file, 'openai/gpt-4o');
    file.models.push({ ...file.models[i] });
    const r = check(file);
    assert.equal(r.stats, undefined);
    assert.deepEqual(
      r.errors.map((e) => [e.rule, e.path, e.message]),
      [['schema', `models[${file.models.length - 1}]`, 'duplicate model id "openai/gpt-4o"']],
    );
  });

  test('dates: impossible days, checks newer than the file, dates in the future', () => {
    const file = copy();
    const a = indexOf(file, 'openai/gpt-4o');
    const b = indexOf(file, 'openai/gpt-4o-mini');
    file.models[a].checked = '2026-02-30';
    assert.deepEqual(
      check(file).errors.map((f) => [f.path, f.message]),
      [[`models[${a}].checked`, 'not a real calendar date']],
    );
    file.models[a].checked = bundled.data.models[a].checked;
    file.models[b].checked = '2099-01-01';
    const r = check(file);
    const order = about(r.errors, 'date-order', 'openai/gpt-4o-mini');
    assert.equal(order.length, 1);
    assert.match(order[0].message, /is in the future/);
    const later = copy();
    later.updated = '2026-01-01';
    const r2 = check(later);
    assert.ok(about(r2.errors, 'date-order').some((f) => /after the file's "updated" date 2026-01-01/.test(f.message)));
  });

  test('context brackets: "rates" must be the first bracket; a longer context getting cheaper is a warning', () => {
    const file = copy();
    const i = indexOf(file, 'alibaba/qwen-plus@cn');
    const price = file.models[i].price;
    price.rates.input = price.tiers.brackets[0].input * 2;
    price.tiers.brackets[2].output = price.tiers.brackets[1].output / 2;
    const r = check(file);
    assert.deepEqual(
      about(r.errors, 'tier-base').map((f) => f.path),
      [`models[${i}].price.rates`],
    );
    assert.deepEqual(
      about(r.warnings, 'tier-price-order').map((f) => f.path),
      [`models[${i}].price.tiers.brackets[2].output`],
    );
  });

  test('output priced below input is a warning for a second look', () => {
    const file = copy();
    const i = indexOf(file, 'moonshot/moonshot-v1-8k');
    file.models[i].price.rates.output = file.models[i].price.rates.input / 4;
    assert.deepEqual(
      about(check(file).warnings, 'output-below-input').map((f) => f.subject),
      ['moonshot/moonshot-v1-8k'],
    );
  });

  test('a quality class without a basis', () => {
    const file = copy();
    const i = indexOf(file, 'openai/gpt-4o');
    file.models[i].quality.basis = 'TBD';
    const found = about(check(file).warnings, 'quality-basis', 'openai/gpt-4o');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /no real basis/);
  });

  test('history: an open-ended entry followed by a later one, and entries out of order', () => {
    const file = copy();
    const i = indexOf(file, 'alibaba/qwen-turbo@cn');
    delete file.models[i].history[0].to;
    assert.deepEqual(
      about(check(file).errors, 'history').map((f) => f.path),
      [`models[${i}].history[0].to`],
    );
    file.models[i].history.reverse();
    assert.ok(about(check(file).errors, 'history').some((f) => /date order/.test(f.message)));
  });

  test('a currency without an exchange rate cannot be shown in other currencies', () => {
    const file = copy();
    delete file.exchangeRates.rates.CNY;
    const found = about(check(file).errors, 'currency-rate');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /prices in CNY but the USD-based exchange-rate table/);
  });

  test('an id ending in @cn must be a cn-region model', () => {
    const file = copy();
    const i = indexOf(file, 'zhipu/glm-4.7@cn');
    file.models[i].region = 'intl';
    assert.deepEqual(
      about(check(file).errors, 'region-suffix').map((f) => f.path),
      [`models[${i}].region`],
    );
  });
});

describe('pricing check of user files', () => {
  test('an override is checked against the whole catalogue, with paths inside the user file', () => {
    const overlay = {
      version: 1,
      priceOverrides: {
        // A reseller price typed per 1K instead of per 1M: 1000× too dear.
        'deepseek/deepseek-v4-pro@cn': { currency: 'CNY', per: 1000, rates: { input: 4.5, output: 13.5, cacheRead: 5 } },
      },
    };
    const r = checkPricingOverlay(overlay, 'team-prices.json', bundled, { now: asOfUpdate });
    assert.equal(r.kind, 'overlay');
    assert.deepEqual(
      r.errors.map((e) => e.path),
      ['priceOverrides["deepseek/deepseek-v4-pro@cn"].rates.cacheRead'],
    );
    const rules = new Set(r.warnings.map((w) => w.rule));
    assert.ok(rules.has('outlier') && rules.has('per-unit'), [...rules].join());
    assert.ok([...r.errors, ...r.warnings].every((f) => f.subject === 'deepseek/deepseek-v4-pro@cn' && f.path.startsWith('priceOverrides')));
  });

  test('a model added by the user is reported under its own index', () => {
    const gpt4o = bundled.model('openai/gpt-4o')!;
    const overlay = { version: 1, models: [{ ...gpt4o, id: 'openai/gpt-4o-azure-eu', checked: '2020-01-01', quality: { ...gpt4o.quality, basis: '?' } }] };
    const r = checkPricingOverlay(overlay, 'azure.json', bundled, { now: asOfUpdate });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings.map((w) => [w.rule, w.path]).sort(), [
      ['quality-basis', 'models[0].quality.basis'],
      ['stale', 'models[0].checked'],
    ]);
  });

  test('schema errors of a user file name the file and the JSON path', () => {
    const overlay = { version: 1, priceOverrides: { 'openai/gpt-4o': { currency: 'RMB', per: 1000000, rates: { input: 1, output: 2 } } } };
    const r = checkPricingJson(overlay, 'bad.json', { base: bundled, now: asOfUpdate });
    assert.deepEqual(
      r.errors.map((e) => [e.file, e.path]),
      [['bad.json', 'priceOverrides["openai/gpt-4o"].currency']],
    );
  });

  test('complete files and overlays are told apart', () => {
    assert.equal(looksLikeOverlay(bundled.data), false);
    assert.equal(looksLikeOverlay({ version: 1, priceOverrides: {} }), true);
    assert.equal(looksLikeOverlay({ version: 1, models: [] }), true);
  });

  test('JSON text: a byte-order mark is fine, broken JSON is an error with the file name', () => {
    assert.deepEqual(parseJsonText('\uFEFF{"version":1}', 'a.json'), { json: { version: 1 } });
    const broken = parseJsonText('{"version":1,}', 'b.json');
    assert.ok('error' in broken && broken.error.file === 'b.json' && /not valid JSON/.test(broken.error.message));
  });

  test('calendar dates', () => {
    assert.equal(isRealDate('2024-02-29'), true);
    assert.equal(isRealDate('2026-02-29'), false);
    assert.equal(isRealDate('2026-02-30'), false);
    assert.equal(isRealDate('2026-2-3'), false);
  });
});

describe('user pricing file errors name the file, the JSON path and what is wrong', () => {
  const gpt4o = bundled.model('openai/gpt-4o')!;
  const override = (price: unknown) => ({ version: 1, priceOverrides: { 'openai/gpt-4o': price } });
  const cases: [string, unknown, string, RegExp][] = [
    [
      'a unit that is neither 1K nor 1M',
      override({ currency: 'USD', per: 100, rates: { input: 1, output: 4 } }),
      'priceOverrides["openai/gpt-4o"].per',
      /expected 1000 or 1000000/,
    ],
    [
      'a currency code that is not supported',
      override({ currency: 'RMB', per: 1000000, rates: { input: 1, output: 4 } }),
      'priceOverrides["openai/gpt-4o"].currency',
      /"CNY"/,
    ],
    [
      'a mistyped rate name',
      override({ currency: 'USD', per: 1000000, rates: { input: 1, ouput: 4 } }),
      'priceOverrides["openai/gpt-4o"].rates',
      /Unrecognized key: "ouput"/,
    ],
    [
      'brackets out of order',
      override({
        currency: 'USD',
        per: 1000000,
        rates: { input: 1, output: 4 },
        tiers: {
          mode: 'request',
          brackets: [
            { upTo: 200000, input: 1, output: 4 },
            { upTo: 100000, input: 2, output: 8 },
            { upTo: null, input: 3, output: 9 },
          ],
        },
      }),
      'priceOverrides["openai/gpt-4o"].tiers.brackets[1].upTo',
      /increasing order/,
    ],
    [
      'all-zero rates without "free"',
      override({ currency: 'USD', per: 1000000, rates: { input: 0, output: 0 } }),
      'priceOverrides["openai/gpt-4o"].free',
      /set "free": true/,
    ],
    [
      'the same new model twice',
      {
        version: 1,
        models: [
          { ...gpt4o, id: 'acme/x', vendor: 'openai' },
          { ...gpt4o, id: 'acme/x', vendor: 'openai' },
        ],
      },
      'models[1].id',
      /duplicate model id "acme\/x"/,
    ],
    [
      'a day that does not exist',
      { version: 1, models: [{ ...gpt4o, id: 'openai/gpt-4o-eu', checked: '2026-02-30' }] },
      'models[0].checked',
      /not a real calendar date/,
    ],
    [
      'a plan covering an unknown model',
      {
        version: 1,
        plans: [
          {
            id: 'team-plan',
            vendor: 'openai',
            name: 'Team',
            kind: 'subscription',
            currency: 'USD',
            amount: 25,
            period: 'month',
            includes: 'seats',
            models: ['openai/gpt-9'],
            source: 'https://openai.com/chatgpt/pricing',
            checked: '2026-11-01',
          },
        ],
      },
      'plans[0].models[0]',
      /unknown model "openai\/gpt-9"/,
    ],
  ];
  for (const [what, overlay, path, message] of cases) {
    test(what, () => {
      const { catalogue, errors } = applyOverlay(bundled, overlay, '.vscode/token-spend-pricing.json');
      assert.equal(catalogue, bundled, 'an invalid file changes nothing: the bundled prices keep working');
      assert.ok(errors.length > 0 && errors.every((e) => e.file === '.vscode/token-spend-pricing.json'));
      assert.ok(
        errors.some((e) => e.path === path && message.test(e.message)),
        JSON.stringify(errors),
      );
    });
  }
});

describe('freshness summary per vendor', () => {
  const summary = freshnessSummary(bundled.data, asOfUpdate);
  const ageOf = (date: string) => Math.floor((asOfUpdate.getTime() - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);

  test('every vendor, with its oldest and newest check and the ids past the limit', () => {
    assert.deepEqual(
      summary.vendors.map((v) => v.id),
      bundled.vendors.map((v) => v.id),
    );
    for (const v of summary.vendors) {
      const models = bundled.models.filter((m) => m.vendor === v.id);
      const plans = bundled.plans.filter((p) => p.vendor === v.id);
      const dated = [...models.map((m) => [m.id, m.checked]), ...plans.map((p) => [p.id, p.checked])];
      const dates = dated.map(([, d]) => d).sort();
      assert.equal(v.oldestChecked, dates[0], v.id);
      assert.equal(v.newestChecked, dates[dates.length - 1], v.id);
      assert.deepEqual(
        v.staleIds,
        dated.filter(([, d]) => ageOf(d) > STALE_AFTER_DAYS).map(([id]) => id),
        v.id,
      );
      assert.equal(v.stale, v.staleIds.length > 0);
      assert.ok(v.sources.every((s) => s.startsWith('http')));
      assert.equal(new Set(v.sources).size, v.sources.length);
    }
    assert.equal(
      summary.staleCount,
      summary.vendors.reduce((n, v) => n + v.staleIds.length, 0),
    );
  });

  test('the exchange-rate table has its own age', () => {
    const rates = bundled.data.exchangeRates!;
    assert.deepEqual(summary.exchangeRates, {
      date: rates.date,
      source: rates.source,
      ageDays: ageOf(rates.date),
      stale: ageOf(rates.date) > STALE_AFTER_DAYS,
    });
  });

  test('a vendor checked on the day of the summary is fresh', () => {
    const fresh = freshnessSummary(bundled.data, new Date(`${bundled.data.models[0].checked}T08:00:00Z`));
    const vendor = fresh.vendors.find((v) => v.id === bundled.data.models[0].vendor)!;
    assert.equal(vendor.models.find((m) => m.id === bundled.data.models[0].id)!.stale, false);
    assert.equal(vendor.models.find((m) => m.id === bundled.data.models[0].id)!.ageDays, 0);
  });
});

describe('checked is the source copy date (pricing/SOURCES.md)', () => {
  const stated = (notes: string | undefined) => [...(notes ?? '').matchAll(/Source copy dated (\d{4}-\d{2}-\d{2})/g)].map((x) => x[1]);
  const undated = (notes: string | undefined) =>
    [...(notes ?? '').matchAll(/Source copy undated \((.*?)\); checked is the day it was read\./gs)].map((x) => x[1]);

  test('in the bundled file no model is checked later (or earlier) than the copy date its notes state', () => {
    const withDate = bundled.models.filter((m) => stated(m.notes).length > 0);
    // 68 entries state their copy's date (stated, a known commit's, or an upper bound) after the pass of
    // 2026-12-06 that moved 122 lower-bound dates to "undated" and 14 to an upper bound; more may be
    // added, none may disagree.
    assert.ok(withDate.length >= 68, `${withDate.length} models state a source copy date`);
    assert.deepEqual(
      withDate
        .filter((m) => stated(m.notes).length !== 1 || stated(m.notes)[0] !== m.checked)
        .map((m) => `${m.id}: checked ${m.checked}, copy ${stated(m.notes).join(', ')}`),
      [],
    );
    // Grok Build 0.1's source (whatmodel.sh's read of xAI's page) states 2026-09-25.
    assert.equal(bundled.model('xai/grok-build-0.1')!.checked, '2026-09-25');
    // Upper bounds: the pricing-page copy lists Fable 5.1 and not Fable 5.2 (released 2026-11-09), so it predates that day.
    assert.equal(bundled.model('anthropic/claude-opus-4-8')!.checked, '2026-11-09');
    assert.match(bundled.model('anthropic/claude-opus-4-8')!.notes ?? '', /Source copy dated 2026-11-09 \(.*predates that day\)\./);
    // A model read on 2026-12-06 in a copy with no provable date says so.
    for (const m of bundled.models.filter((x) => x.checked === '2026-12-06')) {
      assert.match(m.notes ?? '', /Source copy (undated|dated 2026-12-06)/, m.id);
    }
  });

  test('a copy known only to be no older than a date is undated and checked on the day it was read, never on that lower bound', () => {
    // Gemini 4 Argon's source (LiteLLM discussion #46238) only reports the launch of 2026-10-13: it was 2026-10-13 until this pass.
    const argon = bundled.model('google/gemini-4-argon')!;
    assert.equal(argon.checked, '2026-12-06');
    assert.match(
      argon.notes ?? '',
      /Source copy undated \(LiteLLM discussion #46238 reports the paid API launch of 2026-10-13\); checked is the day it was read\.$/,
    );
    const withUndated = bundled.models.filter((m) => undated(m.notes).length > 0);
    assert.ok(withUndated.length >= 134, `${withUndated.length} models say their copy is undated`);
    assert.deepEqual(
      withUndated.filter((m) => (undated(m.notes)[0].match(/\d{4}-\d{2}-\d{2}/g) ?? []).some((d) => d > m.checked)).map((m) => m.id),
      [],
    );
    // No "dated" sentence rests on a lower bound alone (the phrases the old rule used for them), unless it names an upper bound.
    const lowerOnly = /commit date not known|whose date is not known|the model was released|\bundated\b/;
    assert.deepEqual(
      bundled.models
        .filter((m) => stated(m.notes).length > 0)
        .filter((m) => {
          const sentence = (m.notes ?? '').slice((m.notes ?? '').indexOf('Source copy dated'));
          return lowerOnly.test(sentence) && !/predates|older than/.test(sentence);
        })
        .map((m) => m.id),
      [],
    );
  });

  test('an undated copy checked earlier than a date its sentence gives is an error that names both dates', () => {
    const file = copy();
    const i = indexOf(file, 'google/gemini-4-argon');
    file.models[i].checked = '2026-09-30';
    const found = about(checkPricingFile(file, 'p.json', { now: asOfUpdate }).errors, 'date-order', 'google/gemini-4-argon');
    assert.equal(found.length, 1);
    assert.equal(found[0].path, `models[${i}].checked`);
    assert.match(found[0].message, /checked 2026-09-30 is earlier than 2026-10-13, which the "Source copy undated" sentence gives/);
    // The day it was read, or any day not before the sentence's dates, is accepted.
    for (const day of ['2026-12-06', '2026-10-13']) {
      file.models[i].checked = day;
      assert.equal(about(checkPricingFile(file, 'p.json', { now: asOfUpdate }).errors, 'date-order', 'google/gemini-4-argon').length, 0, day);
    }
  });

  test('notes that call the copy both dated and undated are an error', () => {
    const file = copy();
    const i = indexOf(file, 'google/gemini-4-argon');
    file.models[i].notes += ' Source copy dated 2026-12-06 (another list).';
    const found = about(checkPricingFile(file, 'p.json', { now: asOfUpdate }).errors, 'date-order', 'google/gemini-4-argon');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /both dated \(2026-12-06\) and undated/);
  });

  test('a checked date later than the stated copy date is an error that names both dates', () => {
    const file = copy();
    const i = indexOf(file, 'anthropic/claude-opus-4-8');
    file.models[i].checked = '2026-12-06';
    const r = checkPricingFile(file, 'p.json', { now: asOfUpdate });
    const found = about(r.errors, 'date-order', 'anthropic/claude-opus-4-8');
    assert.equal(found.length, 1);
    assert.equal(found[0].path, `models[${i}].checked`);
    assert.match(found[0].message, /checked 2026-12-06 is later than the source copy's date 2026-11-09/);
    // Without the stated date the same file has no such error: nothing to compare with.
    file.models[i].notes = 'Read on the pricing page.';
    assert.equal(about(checkPricingFile(file, 'p.json', { now: asOfUpdate }).errors, 'date-order', 'anthropic/claude-opus-4-8').length, 0);
  });

  test('two stated copy dates are an error: checked must follow the cited source', () => {
    const file = copy();
    const i = indexOf(file, 'xai/grok-build-0.1');
    file.models[i].notes += ' Source copy dated 2026-11-01 (another list).';
    const found = about(checkPricingFile(file, 'p.json', { now: asOfUpdate }).errors, 'date-order', 'xai/grok-build-0.1');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /more than one source copy date \(2026-09-25, 2026-11-01\)/);
  });
});
