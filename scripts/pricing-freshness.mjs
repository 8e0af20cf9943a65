// Prints the figures README's price section quotes, from pricing/pricing.json:
//   node scripts/pricing-freshness.mjs [--now=YYYY-MM-DD]
// models, vendors, priced/free/unpriced, plans, history points, the share of priced models checked
// within 30 and 120 days of --now (default today, UTC), and each vendor's oldest and newest check.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = process.argv.find((a) => a.startsWith('--now='));
const now = arg ? arg.slice(6) : new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(now) || Number.isNaN(Date.parse(`${now}T00:00:00Z`))) {
  console.error(`--now takes a date as YYYY-MM-DD, not "${now}"`);
  process.exit(1);
}
const data = JSON.parse(readFileSync(join(root, 'pricing', 'pricing.json'), 'utf8'));
const days = (d) => Math.round((Date.parse(`${now}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / 86_400_000);
const isPriced = (m) => 'rates' in m.price;
const priced = data.models.filter((m) => isPriced(m) && !m.price.free);
const free = data.models.filter((m) => isPriced(m) && m.price.free);
const pct = (n, of) => `${n} of ${of} (${Math.round((100 * n) / of)} %)`;
console.log(
  `as of ${now}: ${data.models.length} models from ${data.vendors.length} vendors (${priced.length} priced, ${free.length} free, ${data.models.length - priced.length - free.length} unpriced), ${data.plans.length} plans, ${data.models.reduce((n, m) => n + (m.history?.length ?? 0), 0)} historic price points`,
);
console.log(
  `priced models checked within 30 days: ${pct(priced.filter((m) => days(m.checked) <= 30).length, priced.length)}; within 120 days: ${pct(priced.filter((m) => days(m.checked) <= 120).length, priced.length)}`,
);
console.log(`priced models from a secondary source: ${pct(priced.filter((m) => m.secondary).length, priced.length)}`);
for (const v of data.vendors) {
  const dates = data.models
    .filter((m) => m.vendor === v.id)
    .map((m) => m.checked)
    .sort();
  if (!dates.length) continue;
  const [oldest, newest] = [dates[0], dates[dates.length - 1]];
  console.log(`${v.name}: ${oldest === newest ? oldest : `${oldest} – ${newest}`}`);
}
