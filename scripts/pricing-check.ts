// `npm run pricing:check [-- file.json …]`: checks the bundled pricing/pricing.json, then every file
// named on the command line (a complete pricing file or a user overlay such as
// .vscode/token-spend-pricing.json). Exit code 1 when any file has errors; warnings never fail.
//   --quiet          print errors and the summary only
//   --now=YYYY-MM-DD check staleness as of that day instead of today
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkPricingFile, checkPricingJson, formatCheckReport, isRealDate, parseJsonText, type CheckReport } from '../src/core/pricing/check';
import { BUNDLED_PRICING_FILE, loadBundledCatalogue } from '../src/core/pricing/catalogue';

function main(argv: string[]): number {
  const quiet = argv.includes('--quiet');
  const nowArg = argv.find((a) => a.startsWith('--now='))?.slice('--now='.length);
  if (nowArg !== undefined && !isRealDate(nowArg)) {
    console.error(`--now expects a date as YYYY-MM-DD, got "${nowArg}"`);
    return 2;
  }
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--quiet' && !a.startsWith('--now='));
  if (unknown.length) {
    console.error(`unknown option ${unknown.join(', ')}; usage: pricing-check [--quiet] [--now=YYYY-MM-DD] [file.json …]`);
    return 2;
  }
  const now = nowArg ? new Date(`${nowArg}T12:00:00Z`) : new Date();
  const files = [BUNDLED_PRICING_FILE, ...argv.filter((a) => !a.startsWith('--'))];

  let base;
  try {
    base = loadBundledCatalogue();
  } catch {
    base = undefined; // reported below, through the check of the bundled file itself
  }
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolve(file), 'utf8');
    } catch (err) {
      console.error(`${file}: cannot read it (${err instanceof Error ? err.message : String(err)})`);
      failed = true;
      continue;
    }
    const parsed = parseJsonText(text, file);
    let result: CheckReport;
    if ('error' in parsed) {
      result = { file, kind: 'file', errors: [parsed.error], warnings: [] };
    } else if (file === BUNDLED_PRICING_FILE) {
      result = checkPricingFile(parsed.json, file, { now });
    } else if (!base) {
      console.error(`${file}: not checked, because the bundled pricing file it would be layered over is invalid`);
      failed = true;
      continue;
    } else {
      result = checkPricingJson(parsed.json, file, { now, base });
    }
    const lines = formatCheckReport(quiet ? { ...result, warnings: [] } : result);
    if (quiet && result.warnings.length)
      lines[lines.length - 1] = `  ${result.errors.length} errors, ${result.warnings.length} warnings (run without --quiet to list them)`;
    console.log(lines.join('\n'));
    if (result.errors.length) failed = true;
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
