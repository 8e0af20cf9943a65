// npm run pricing:audit-cn [-- --observed=FILE --pricing=FILE --tolerance=PERCENT]
// Prints, for every model of the Chinese vendors that was read on a vendor page (or a named
// transcription of one), our figure beside the page's figure, and every disagreement above the
// tolerance (1% by default). Exit code 1 when any dimension disagrees or an observed model is
// missing or unpriced.
import { readFileSync } from 'node:fs';
import { PricingFileSchema } from '../src/core/pricing/schema';
import { audit, ObservedFileSchema } from './pricing-audit/audit';

function arg(name: string, fallback: string): string {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

function main(): number {
  const observedPath = arg('observed', 'test/fixtures/pricing-cn-observed.json');
  const pricingPath = arg('pricing', 'pricing/pricing.json');
  const tolerance = Number(arg('tolerance', '1'));
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    console.error(`--tolerance must be a percentage of 0 or more, not "${arg('tolerance', '')}"`);
    return 2;
  }
  let report;
  try {
    const file = PricingFileSchema.parse(JSON.parse(readFileSync(pricingPath, 'utf8')));
    const observed = ObservedFileSchema.parse(JSON.parse(readFileSync(observedPath, 'utf8')));
    report = audit(file, observed, tolerance);
    console.log(`Figures read ${observed.read} (${observed.observations.length} models) against ${pricingPath}, tolerance ${tolerance}%`);
  } catch (e) {
    console.error(`cannot audit: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return 2;
  }
  const fmt = (v: number | string): string => (typeof v === 'number' ? String(+v.toPrecision(6)) : v);
  let last = '';
  for (const r of report.rows) {
    const id = r.id === last ? '' : r.id;
    last = r.id;
    const diff = r.diffPercent === undefined ? '' : ` (${r.diffPercent === Infinity ? '∞' : r.diffPercent.toFixed(2)}%)`;
    console.log(`${r.ok ? '  ' : '✗ '}${id.padEnd(46)} ${r.field.padEnd(30)} ours ${fmt(r.ours).padEnd(12)} page ${fmt(r.page)}${diff}`);
  }
  console.log(
    `\n${report.rows.length} figures compared, ${report.disagreements.length} disagree (a figure by more than ${tolerance}%, or a first-party page not cited as such)`,
  );
  for (const r of report.disagreements) console.log(`  ✗ ${r.id} ${r.field}: ours ${fmt(r.ours)}, page ${fmt(r.page)}`);
  console.log(`${report.unobserved.length} models of these vendors were not re-read on that day: ${report.unobserved.join(', ')}`);
  return report.disagreements.length === 0 ? 0 : 1;
}

process.exitCode = main();
