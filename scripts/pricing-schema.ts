// Writes the JSON Schemas of the pricing format from the zod schemas (src/core/pricing/schema.ts),
// the one source of truth, so editors validate and complete pricing files:
//   pricing/pricing.schema.json          the bundled file (its "$schema" points here)
//   pricing/pricing-overlay.schema.json  a user's own file, e.g. .vscode/token-spend-pricing.json
// `--check` only compares and exits 1 when a file is out of date (run by npm run pricing:check).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pricingJsonSchemas } from '../src/core/pricing/jsonSchema';

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, schema } of pricingJsonSchemas()) {
  const path = join('pricing', file);
  const text = JSON.stringify(schema, null, 2) + '\n';
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing: written below, or reported as out of date
  }
  if (current === text) continue;
  if (check) {
    console.error(`${path} is out of date with src/core/pricing/schema.ts: run npm run pricing:build`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`${path} written`);
  }
}
if (check && !stale) console.log('pricing JSON schemas are up to date');
process.exitCode = stale ? 1 : 0;
