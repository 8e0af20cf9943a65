// pricing/pricing.schema.json and pricing-overlay.schema.json: generated from the zod schema,
// kept up to date, and saying what the zod schema says about a file's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pricingJsonSchemas } from '../../src/core/pricing/jsonSchema';
import { repoRoot } from './support';

const root = repoRoot();
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
type Node = {
  properties: Record<string, Node>;
  required?: string[];
  items: Node;
  additionalProperties?: boolean;
  anyOf?: Node[];
  pattern?: string;
  format?: string;
};

test('the committed schemas are what the zod schema generates (npm run pricing:build)', () => {
  for (const { file, schema } of pricingJsonSchemas()) assert.deepEqual(read(`pricing/${file}`), JSON.parse(JSON.stringify(schema)), file);
});

test("the bundled file's $schema resolves, and the contribution points at the overlay schema", () => {
  const pricing = read('pricing/pricing.json');
  assert.equal(pricing.$schema, './pricing.schema.json');
  assert.ok(existsSync(join(root, 'pricing', pricing.$schema)));
  const contribution = read('package.json').contributes.jsonValidation;
  assert.deepEqual(contribution[0].fileMatch.includes('**/.vscode/token-spend-pricing.json'), true);
  assert.equal(contribution[0].url, './pricing/pricing-overlay.schema.json');
  assert.ok(readFileSync(join(root, '.vscodeignore'), 'utf8').includes('!pricing/pricing-overlay.schema.json'), 'shipped in the .vsix');
});

test('the file schema: draft 7, strict objects, the dated-price and retirement fields', () => {
  const s = read('pricing/pricing.schema.json') as Node & { $schema: string };
  assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.deepEqual(s.required, ['version', 'updated', 'vendors', 'models']);
  const model = s.properties.models.items;
  assert.equal(model.additionalProperties, false);
  assert.ok(model.required!.includes('checked') && !model.required!.includes('schedule') && !model.required!.includes('secondary'));
  for (const key of ['schedule', 'secondary', 'deprecated', 'retires', 'replacedBy']) assert.ok(key in model.properties, key);
  const entry = model.properties.schedule.items;
  assert.deepEqual(entry.required, ['price', 'note', 'source']);
  assert.equal(entry.properties.until.pattern, '^\\d{4}-\\d{2}-\\d{2}$');
  assert.equal(model.properties.source.format, 'uri');
});

test('the overlay schema: every part optional but "version", and priceOverrides keyed by model id', () => {
  const o = read('pricing/pricing-overlay.schema.json') as Node;
  assert.deepEqual(o.required, ['version']);
  assert.ok('priceOverrides' in o.properties);
  assert.equal(o.additionalProperties, false);
});
