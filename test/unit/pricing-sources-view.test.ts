// Show Pricing Sources as a page (issue 15): per vendor, each model's price, date checked, source
// address and secondary/stale/your-file marks, the stale count, the user's files with their
// problems in plain words; in English and Simplified Chinese. And the page's message protocol.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTranslated } from '../../src/core/l10n';
import { SOURCES_MESSAGES, pricingSourcesView } from '../../src/core/pricing/sourcesView';
import { SourcesHostMessageSchema, SourcesWebviewMessageSchema } from '../../src/webview/sources/protocol';
import { ACME_SOURCE, acmeCatalogue } from './acme-pricing';

// acme's prices were checked 2026-12-01; on 2027-01-15 that is 45 days ago, past the 30-day limit.
const LATER = new Date('2027-01-15T12:00:00Z');
const catalogue = () =>
  acmeCatalogue((d) => {
    d.models[0].secondary = true;
    d.models[2].checked = '2027-01-10';
  });
const catalogueNamed = (nameZh: string) =>
  acmeCatalogue((d) => {
    d.vendors[0].nameZh = nameZh;
  });

test('one section per vendor with every model: price, date, source, secondary and stale marks, and the stale count', () => {
  const c = catalogue();
  const view = pricingSourcesView(c, c.exchangeRates, 'en', LATER);
  assert.equal(view.vendors.length, 1);
  const acme = view.vendors[0];
  assert.equal(acme.name, 'Acme AI');
  assert.equal(acme.pricingPage, ACME_SOURCE);
  assert.deepEqual(acme.models[0], {
    name: 'Acme Big',
    input: '$2 / 1M tokens',
    output: '$8 / 1M tokens',
    checked: '2026-12-01',
    stale: '45 days ago',
    secondary: true,
    yours: false,
    source: ACME_SOURCE,
  });
  assert.equal(acme.models[2].stale, undefined, 'checked 5 days before: not stale');
  assert.equal(view.staleCount, 2);
  assert.equal(view.stale, '2 of 3 prices checked more than 30 days ago');
  assert.equal(view.rates, 'Exchange rates (per 1 USD) of 2026-12-01: test — USD 1 · CNY 7.1');
  assert.match(view.summary[0], /^Bundled pricing file updated 2026-12-01: 3 models from 1 vendors\.$/);
});

test("in Chinese: the vendor's Chinese name first, the marks and counts translated", () => {
  const c = catalogue();
  const view = pricingSourcesView(c, c.exchangeRates, 'zh-cn', LATER);
  // The Chinese name, with the English one beside it only when it differs (no 'OpenAI（OpenAI）').
  assert.equal(view.vendors[0].name, '艾克米');
  assert.equal(view.vendors[0].alias, 'Acme AI');
  assert.equal(pricingSourcesView(catalogueNamed('Acme AI'), c.exchangeRates, 'zh-cn', LATER).vendors[0].alias, undefined);
  assert.equal(view.vendors[0].models[0].stale, '45 天前');
  assert.equal(view.stale, '3 个价格中有 2 个的核对已超过 30 天');
  assert.equal(view.text.secondary, '次级来源');
  const untranslated = Object.values(SOURCES_MESSAGES).filter((m) => !isTranslated('zh-cn', m));
  assert.deepEqual(untranslated, []);
});

test("the user's pricing files: status and each problem in plain words", () => {
  const c = catalogue();
  const files = [
    {
      label: '.vscode/token-spend-pricing.json',
      status: 'invalid' as const,
      errors: [{ file: 'x', path: 'version', message: 'Invalid input: expected 1', detail: { kind: 'values' as const, values: ['1'] } }],
    },
  ];
  const view = pricingSourcesView(c, c.exchangeRates, 'en', LATER, files);
  assert.deepEqual(view.files, [
    { label: '.vscode/token-spend-pricing.json', status: 'not applied: 1 problem', errors: ['"version": must be 1. A valid value: "version": 1'] },
  ]);
  assert.ok(SourcesHostMessageSchema.safeParse({ type: 'data', view }).success, "the host's message passes the page's validation");
});

test("the page may only send the protocol's messages", () => {
  const ok = [{ type: 'ready' }, { type: 'openLink', url: ACME_SOURCE }, { type: 'openFile', index: 0 }, { type: 'rendered', vendors: 1, rows: 3 }];
  for (const m of ok) assert.ok(SourcesWebviewMessageSchema.safeParse(m).success, JSON.stringify(m));
  const bad = [
    { type: 'openLink' },
    { type: 'openLink', url: 'x'.repeat(2001) },
    { type: 'openFile', index: -1 },
    { type: 'openFile', index: 1.5 },
    { type: 'ready', extra: 1 },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    null,
    'ready',
  ];
  for (const m of bad) assert.ok(!SourcesWebviewMessageSchema.safeParse(m).success, JSON.stringify(m));
});
