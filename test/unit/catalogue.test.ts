import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, findModel, loadBundledCatalogue, matchModels, nearModelIds, parsePricingFile } from '../../src/core/pricing/catalogue';
import { looseCopy, type LooseJson } from './support';

const bundled = loadBundledCatalogue();

/** A deep copy of the bundled file, to break on purpose. */
function bundledCopy(): LooseJson {
  return looseCopy(bundled.data);
}

describe('bundled catalogue', () => {
  test('loads, validates and indexes the shipped pricing file', () => {
    assert.ok(bundled.models.length > 20, `only ${bundled.models.length} models`);
    const gpt4o = bundled.model('openai/gpt-4o');
    assert.ok(gpt4o);
    assert.equal(gpt4o.vendor, 'openai');
    assert.equal(bundled.vendor('deepseek')?.nameZh, '深度求索');
    assert.equal(bundled.model('no/such-model'), undefined);
  });
});

describe('parsePricingFile', () => {
  test('a negative rate is reported with the file and the JSON path of the rate', () => {
    const file = bundledCopy();
    const index = file.models.findIndex((m: LooseJson) => m.id === 'openai/gpt-4o');
    file.models[index].price.rates.input = -1;
    const { catalogue, errors } = parsePricingFile(file, 'my-prices.json');
    assert.equal(catalogue, undefined);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, 'my-prices.json');
    assert.equal(errors[0].path, `models[${index}].price.rates.input`);
  });

  test('an unknown time zone in a time window is an error, not a crash when pricing later', () => {
    const file = bundledCopy();
    const index = file.models.findIndex((m: LooseJson) => m.id === 'deepseek/deepseek-flash@cn');
    file.models[index].price.timeWindows[0].timezone = 'Asia/Beijing';
    const { catalogue, errors } = parsePricingFile(file, 'p.json');
    assert.equal(catalogue, undefined);
    assert.deepEqual(
      errors.map((e) => e.path),
      [`models[${index}].price.timeWindows[0].timezone`],
    );
    assert.match(errors[0].message, /Asia\/Beijing/);
  });

  test('not a pricing file at all', () => {
    const { catalogue, errors } = parsePricingFile({ hello: 1 }, 'x.json');
    assert.equal(catalogue, undefined);
    assert.ok(errors.length > 0);
    assert.ok(errors.every((e) => e.file === 'x.json'));
  });
});

describe('applyOverlay', () => {
  const gpt4o = bundled.model('openai/gpt-4o')!;

  test('overrides one price by id and leaves the rest of the model and catalogue alone', () => {
    const overlay = {
      version: 1,
      priceOverrides: { 'openai/gpt-4o': { currency: 'USD', per: 1000000, rates: { input: 1, output: 4 } } },
    };
    const { catalogue, errors } = applyOverlay(bundled, overlay, 'team.json');
    assert.deepEqual(errors, []);
    const overridden = catalogue.model('openai/gpt-4o')!;
    assert.deepEqual(overridden.price, { currency: 'USD', per: 1000000, rates: { input: 1, output: 4 } });
    assert.equal(overridden.contextWindow, gpt4o.contextWindow);
    assert.ok(catalogue.overlaid.has('openai/gpt-4o'));
    assert.equal(catalogue.models.length, bundled.models.length);
    assert.notDeepEqual(bundled.model('openai/gpt-4o')!.price, overridden.price, 'the base catalogue must not change');
  });

  test('adds a vendor and a model, and merges exchange rates', () => {
    const overlay = {
      version: 1,
      vendors: [{ id: 'acme', name: 'Acme AI', nameZh: '阿克米', country: 'US', pricingPage: 'https://acme.example/pricing' }],
      models: [{ ...gpt4o, id: 'acme/acme-1', vendor: 'acme', name: 'Acme 1', apiId: 'acme-1' }],
      exchangeRates: { base: 'USD', date: '2026-11-20', source: 'my bank', rates: { EUR: 0.9 } },
    };
    const { catalogue, errors } = applyOverlay(bundled, overlay, 'acme.json');
    assert.deepEqual(errors, []);
    assert.equal(catalogue.models.length, bundled.models.length + 1);
    assert.equal(catalogue.vendor('acme')?.name, 'Acme AI');
    assert.equal(catalogue.exchangeRates.rates.EUR, 0.9);
    assert.equal(catalogue.exchangeRates.date, '2026-11-20');
  });

  test('an invalid overlay changes nothing and names the file and path', () => {
    const overlay = {
      version: 1,
      priceOverrides: { 'openai/gpt-4o': { currency: 'USD', per: 1000000, rates: { input: 'cheap', output: 4 } } },
    };
    const { catalogue, errors } = applyOverlay(bundled, overlay, 'bad.json');
    assert.equal(catalogue, bundled);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, 'bad.json');
    assert.equal(errors[0].path, 'priceOverrides["openai/gpt-4o"].rates.input');
  });

  test('overriding a model that does not exist is an error', () => {
    const overlay = { version: 1, priceOverrides: { 'openai/gpt-9': { unpriced: 'not public' } } };
    const { catalogue, errors } = applyOverlay(bundled, overlay, 'o.json');
    assert.equal(catalogue, bundled);
    assert.deepEqual(
      errors.map((e) => e.path),
      ['priceOverrides["openai/gpt-9"]'],
    );
  });

  test('a price override with an unknown time zone is an error', () => {
    const deepseek = bundled.model('deepseek/deepseek-flash@cn')!;
    assert.ok('rates' in deepseek.price && deepseek.price.timeWindows);
    const price = { ...deepseek.price, timeWindows: [{ ...deepseek.price.timeWindows[0], timezone: 'Beijing' }] };
    const { catalogue, errors } = applyOverlay(bundled, { version: 1, priceOverrides: { [deepseek.id]: price } }, 'o.json');
    assert.equal(catalogue, bundled);
    assert.deepEqual(
      errors.map((e) => e.path),
      ['priceOverrides["deepseek/deepseek-flash@cn"].timeWindows[0].timezone'],
    );
  });

  test('a model of an unknown vendor is an error', () => {
    const overlay = { version: 1, models: [{ ...gpt4o, id: 'nobody/x', vendor: 'nobody' }] };
    const { catalogue, errors } = applyOverlay(bundled, overlay, 'o.json');
    assert.equal(catalogue, bundled);
    assert.deepEqual(
      errors.map((e) => e.path),
      ['models[0].vendor'],
    );
  });
});

describe('findModel', () => {
  test('by id, by API name and by display name, case-insensitively', () => {
    assert.equal(findModel(bundled, 'openai/gpt-4o')?.id, 'openai/gpt-4o');
    assert.equal(findModel(bundled, 'OpenAI/GPT-4o')?.id, 'openai/gpt-4o');
    assert.equal(findModel(bundled, 'gpt-4o')?.id, 'openai/gpt-4o');
    const haiku = bundled.model('anthropic/claude-haiku-4-5')!;
    assert.equal(findModel(bundled, haiku.name.toUpperCase())?.id, haiku.id);
  });

  test('an API name served in two regions is ambiguous, not silently one of them', () => {
    assert.equal(findModel(bundled, 'deepseek-flash'), undefined);
    assert.deepEqual(
      matchModels(bundled, 'deepseek-flash')
        .map((m) => m.id)
        .sort(),
      ['deepseek/deepseek-flash@cn', 'deepseek/deepseek-flash@intl'],
    );
    assert.equal(findModel(bundled, 'deepseek/deepseek-flash@cn')?.id, 'deepseek/deepseek-flash@cn');
  });

  test('unknown ids find nothing and get near suggestions', () => {
    assert.equal(findModel(bundled, 'gpt-4oo'), undefined);
    assert.equal(findModel(bundled, ''), undefined);
    assert.ok(nearModelIds(bundled, 'gpt-4oo').includes('openai/gpt-4o'));
    assert.ok(nearModelIds(bundled, 'claude-haiku').some((id) => id.startsWith('anthropic/claude-haiku')));
    assert.deepEqual(nearModelIds(bundled, 'zzzzzzzzzzzzzzzzzzzzzzzz'), []);
  });
});
