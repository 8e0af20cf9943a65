// Shared by unit tests (not a test file itself): a small hand-made pricing file for one invented
// vendor, so tests of dated prices, retirement and checks do not depend on the bundled data,
// which the data work changes every month.
import assert from 'node:assert/strict';
import { parsePricingFile, type Catalogue } from '../../src/core/pricing/catalogue';
import type { Model, PricingFile } from '../../src/core/pricing/schema';

export const ACME_SOURCE = 'https://acme.example/pricing';

function acmeModel(id: string, name: string, input: number, output: number, qualityClass = 4): Model {
  return {
    id: `acme/${id}`,
    vendor: 'acme',
    name,
    apiId: id,
    region: 'global',
    tokenizer: 'o200k_base',
    contextWindow: 128_000,
    maxOutput: 16_000,
    capabilities: { vision: false, tools: true, reasoning: false, json: true },
    quality: { class: qualityClass, basis: 'test', date: '2026-11-01' },
    price: { currency: 'USD', per: 1_000_000, rates: { input, output } },
    source: ACME_SOURCE,
    checked: '2026-12-01',
  };
}

/** acme/big $2/$8, acme/mid $0.15/$0.60, acme/small $0.10/$0.40 per 1M tokens, all quality class 4. */
export function acmeFile(): PricingFile {
  return {
    version: 1,
    updated: '2026-12-01',
    vendors: [{ id: 'acme', name: 'Acme AI', nameZh: '艾克米', country: 'US', pricingPage: ACME_SOURCE }],
    models: [acmeModel('big', 'Acme Big', 2, 8), acmeModel('mid', 'Acme Mid', 0.15, 0.6), acmeModel('small', 'Acme Small', 0.1, 0.4)],
    plans: [],
    exchangeRates: { base: 'USD', date: '2026-12-01', source: 'test', rates: { USD: 1, CNY: 7.1 } },
  };
}

/** The acme file after `edit`, validated as the extension would. */
export function acmeCatalogue(edit: (data: PricingFile) => void = () => {}): Catalogue {
  const data = acmeFile();
  edit(data);
  const { catalogue, errors } = parsePricingFile(data, 'acme.json');
  assert.deepEqual(errors, []);
  return catalogue!;
}

export function acmeModelOf(data: PricingFile, id: string): Model {
  const m = data.models.find((x) => x.id === id);
  assert.ok(m, `${id} not in the acme file`);
  return m;
}
