// `npm run pricing:diff [-- options]`: sets our pricing file against the public machine-readable
// price lists kept as snapshots in pricing/upstream/ (fetched by `npm run pricing:snapshots`).
// Prints, per list: the models they list that we lack (vendors we cover), prices that differ by
// more than 1%, and models they mark deprecated that we still suggest. Offline; never fails on a
// finding (a person reads the report); exit code 1 only when it cannot run at all.
//   --dir=DIR          where the snapshots are (default pricing/upstream)
//   --pricing=FILE     our pricing file (default pricing/pricing.json)
//   --now=YYYY-MM-DD   the day prices are compared at (default today)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PricingFileSchema } from '../src/core/pricing/schema';
import { isRealDate } from '../src/core/pricing/check';
import { diffList, formatListDiff } from './pricing-diff/diff';
import { LIST_IDS, LIST_INFO, parseList } from './pricing-diff/lists';

/** Largest snapshot read (LiteLLM's list is about 1.5 MB; models.dev's a few MB). */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

function option(argv: string[], name: string): string | undefined {
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function readJson(file: string, what: string): unknown {
  const size = statSync(file).size;
  if (size > MAX_SNAPSHOT_BYTES) throw new Error(`${what} ${file} is ${size} bytes, more than the ${MAX_SNAPSHOT_BYTES} this diff reads`);
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new Error(`${what} ${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** The download date and address pricing:snapshots recorded, when it did. */
function snapshotLabel(dir: string, file: string): string {
  const sources = join(dir, 'sources.json');
  if (existsSync(sources)) {
    try {
      const all = readJson(sources, 'snapshot record') as Record<string, { downloaded?: string; from?: string }>;
      const s = all[file];
      if (s?.downloaded) return `snapshot of ${s.downloaded}${s.from ? ` from ${s.from}` : ''}`;
    } catch {
      // an unreadable record only loses the label
    }
  }
  return `snapshot file ${file}, date unknown`;
}

function main(argv: string[]): number {
  const known = ['--dir=', '--pricing=', '--now='];
  const unknown = argv.filter((a) => !known.some((k) => a.startsWith(k)));
  if (unknown.length) {
    console.error(`unknown option ${unknown.join(', ')}; usage: pricing-diff [--dir=DIR] [--pricing=FILE] [--now=YYYY-MM-DD]`);
    return 1;
  }
  const dir = resolve(option(argv, 'dir') ?? 'pricing/upstream');
  const pricingFile = resolve(option(argv, 'pricing') ?? 'pricing/pricing.json');
  const nowArg = option(argv, 'now');
  if (nowArg !== undefined && !isRealDate(nowArg)) {
    console.error(`--now expects a date as YYYY-MM-DD, got "${nowArg}"`);
    return 1;
  }
  const now = nowArg ? new Date(`${nowArg}T12:00:00Z`) : new Date();
  let data;
  try {
    const parsed = PricingFileSchema.safeParse(readJson(pricingFile, 'pricing file'));
    if (!parsed.success) throw new Error(`${pricingFile} is not a valid pricing file; run npm run pricing:check`);
    data = parsed.data;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const ratesDate = data.exchangeRates?.date ?? '(none)';
  const out = [`Pricing diff of ${pricingFile} (${data.models.length} models, updated ${data.updated}) as of ${now.toISOString().slice(0, 10)}`, ''];
  const totals = { read: 0, missing: 0, differ: 0, deprecated: 0 };
  for (const list of LIST_IDS) {
    const info = LIST_INFO[list];
    const file = join(dir, info.file);
    if (!existsSync(file)) {
      out.push(`== ${info.title}: no snapshot at ${file}. Run npm run pricing:snapshots on a machine with network.`, '');
      continue;
    }
    try {
      const diff = diffList(data, parseList(list, readJson(file, 'snapshot'), now), now);
      out.push(...formatListDiff(diff, info.title, snapshotLabel(dir, info.file), ratesDate));
      totals.read++;
      totals.missing += Object.values(diff.missing).reduce((n, ids) => n + ids.length, 0);
      totals.differ += diff.priceDifferences.length;
      totals.deprecated += diff.deprecatedSuggested.length;
    } catch (err) {
      out.push(`== ${info.title}: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, '');
    }
  }
  out.push(
    `${totals.read} of ${LIST_IDS.length} lists read: ${totals.missing} models they list that we lack, ${totals.differ} prices differing by more than 1%, ${totals.deprecated} models they mark deprecated that we still suggest.`,
  );
  out.push("These lists are a cross-check, never a source: confirm every finding on the vendor's own page before changing pricing/vendors/.");
  console.log(out.join('\n'));
  return totals.read === 0 && !existsSync(dir) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
