import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { standInForVscode } from './vscode-stand-in';

// modelPicker.ts reads QuickPickItemKind and l10n from vscode: enough of both for modelItems.
standInForVscode({
  QuickPickItemKind: { Separator: -1, Default: 0 },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
});
const { modelItems } = require('../../src/vscode/modelPicker') as typeof import('../../src/vscode/modelPicker');
const { literalIcons } = require('../../src/vscode/iconText') as typeof import('../../src/vscode/iconText');

test('icon codes in names from a pricing file are escaped for VS Code labels', () => {
  assert.equal(literalIcons('$(rocket) Fast $(x)'), '\\$(rocket) Fast \\$(x)');
  assert.equal(literalIcons('GPT-4o mini ($0.15)'), 'GPT-4o mini ($0.15)');
  const base = loadBundledCatalogue();
  const template = base.models.find((m) => m.id === 'openai/gpt-4o-mini')!;
  const overlay = {
    version: 1,
    vendors: [{ id: 'icons-test', name: '$(flame) Vendor', nameZh: '$(flame) 厂商', country: 'US', pricingPage: 'https://example.com/pricing' }],
    models: [{ ...template, id: 'icons-test/model', vendor: 'icons-test', name: '$(rocket) Fast', apiId: 'model' }],
  };
  const { catalogue, errors } = applyOverlay(base, overlay, 'icons.json');
  assert.deepEqual(errors, []);
  const items = modelItems(catalogue, 'icons-test/model', 'en');
  assert.ok(
    items.some((i) => i.label === '\\$(flame) Vendor'),
    'vendor separator',
  );
  // Our own check mark stays an icon; the user's code does not.
  assert.ok(items.some((i) => i.modelId === 'icons-test/model' && i.label === '$(check) \\$(rocket) Fast'));
  assert.ok(items.some((i) => i.modelId === 'openai/gpt-4o-mini' && i.label === template.name));
});
