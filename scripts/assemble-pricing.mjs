// Assembles pricing/pricing.json (the file the extension and CLI bundle) from one file per vendor
// under pricing/vendors/ plus pricing/meta.json. Editing one vendor never touches another's file.
//   node scripts/assemble-pricing.mjs          write pricing/pricing.json
//   node scripts/assemble-pricing.mjs --check  exit 1 if pricing/pricing.json is out of date
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'pricing');
const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
const order = meta.vendorOrder ?? [];
const files = readdirSync(join(dir, 'vendors')).filter((f) => f.endsWith('.json'));
const parts = files.map((f) => {
  const part = JSON.parse(readFileSync(join(dir, 'vendors', f), 'utf8'));
  if (!part.vendor || !Array.isArray(part.models)) throw new Error(`pricing/vendors/${f}: expected { "vendor": {...}, "models": [...], "plans"?: [...] }`);
  return part;
});
const rank = (id) => (order.includes(id) ? order.indexOf(id) : order.length);
parts.sort((a, b) => rank(a.vendor.id) - rank(b.vendor.id) || a.vendor.id.localeCompare(b.vendor.id));

const assembled = {
  $schema: './pricing.schema.json',
  version: meta.version,
  updated: meta.updated,
  exchangeRates: meta.exchangeRates,
  vendors: parts.map((p) => p.vendor),
  models: parts.flatMap((p) => p.models),
  plans: parts.flatMap((p) => p.plans ?? []),
};
const text = JSON.stringify(assembled, null, 2) + '\n';
const target = join(dir, 'pricing.json');
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as out of date */
  }
  if (current !== text) {
    console.error('pricing/pricing.json is out of date: run `npm run pricing:build`');
    process.exit(1);
  }
  console.log(`pricing/pricing.json is up to date (${assembled.vendors.length} vendors, ${assembled.models.length} models)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote pricing/pricing.json: ${assembled.vendors.length} vendors, ${assembled.models.length} models, ${assembled.plans.length} plans`);
}
