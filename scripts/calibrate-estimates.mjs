// Fits the per-feature weights of the estimated tokenizers (src/core/tokenize/estimate/estimate.ts)
// against an exact tokenizer, and reports how far the shipped profiles are from the exact
// tokenizers on a corpus. Used to derive and check the constants in CALIBRATION.md.
//
//   node scripts/calibrate-estimates.mjs fit <exact-id> <corpus files...>
//   node scripts/calibrate-estimates.mjs check <corpus files...>
//
// Corpus files are plain UTF-8 text (see CALIBRATION.md for the ones used); they are cut into
// ~2,000-character chunks so the fit sees many documents, not a few long ones.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Bundled inside the project so the bundle's requires resolve from node_modules.
mkdirSync(join(root, 'out'), { recursive: true });
const dir = mkdtempSync(join(root, 'out', 'calib-'));
await esbuild.build({
  stdin: {
    contents: `export * from './src/core/tokenize/index'; export { textFeatures, FEATURE_NAMES } from './src/core/tokenize/estimate/script-classes'; export { ESTIMATE_PROFILES } from './src/core/tokenize/estimate/calibration';`,
    resolveDir: root, loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'core.cjs'), packages: 'external', logLevel: 'error',
});
const core = createRequire(join(root, 'package.json'))(join(dir, 'core.cjs'));
rmSync(dir, { recursive: true, force: true });

function chunks(text, size = 2000) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Non-negative least squares by coordinate descent on the normal equations. */
function nnls(rows, ys) {
  const k = rows[0].length;
  const ata = Array.from({ length: k }, () => new Array(k).fill(0));
  const aty = new Array(k).fill(0);
  rows.forEach((r, n) => {
    for (let i = 0; i < k; i++) {
      aty[i] += r[i] * ys[n];
      for (let j = 0; j < k; j++) ata[i][j] += r[i] * r[j];
    }
  });
  const w = new Array(k).fill(0);
  for (let it = 0; it < 20000; it++) {
    let change = 0;
    for (let i = 0; i < k; i++) {
      if (ata[i][i] === 0) continue;
      let s = aty[i];
      for (let j = 0; j < k; j++) if (j !== i) s -= ata[i][j] * w[j];
      const next = Math.max(0, s / ata[i][i]);
      change = Math.max(change, Math.abs(next - w[i]));
      w[i] = next;
    }
    if (change < 1e-9) break;
  }
  return w;
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'fit') {
  const [id, ...files] = rest;
  const tok = await core.loadTokenizer(id);
  const rows = [];
  const ys = [];
  for (const f of files) {
    for (const c of chunks(readFileSync(f, 'utf8'))) {
      const feats = core.textFeatures(c);
      rows.push(core.FEATURE_NAMES.map((n) => feats[n]));
      ys.push(tok.count(c));
    }
  }
  const w = nnls(rows, ys);
  console.log(`weights fitted to ${id} on ${rows.length} chunks:`);
  core.FEATURE_NAMES.forEach((n, i) => console.log(`  ${n}: ${w[i].toFixed(4)}`));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const feats = core.textFeatures(text);
    const est = core.FEATURE_NAMES.reduce((s, n, i) => s + feats[n] * w[i], 0);
    const exact = tok.count(text);
    console.log(`  ${basename(f)}: exact ${exact}, fitted ${Math.round(est)} (${((est / exact - 1) * 100).toFixed(1)} %)`);
  }
} else if (mode === 'check') {
  const exactIds = ['o200k_base', 'cl100k_base', 'qwen3', 'deepseek_v3'];
  const ids = [...exactIds, ...Object.keys(core.ESTIMATE_PROFILES)];
  console.log(['file', 'chars', ...ids].join('\t'));
  for (const f of rest) {
    const text = readFileSync(f, 'utf8');
    const counts = [];
    for (const id of ids) counts.push((await core.countText(text, id)).tokens);
    console.log([basename(f), [...text].length, ...counts].join('\t'));
  }
} else {
  console.error('usage: calibrate-estimates.mjs fit <exact-id> <files...> | check <files...>');
  process.exit(2);
}
