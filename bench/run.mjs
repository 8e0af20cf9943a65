// npm run bench: builds the extension and the benchmark, assembles the corpora, runs every
// section in its own process and prints the figures. `--write` also writes bench/RESULTS.md;
// `--quick` skips the 10 MB sizes and most repetitions (a smoke run of a couple of minutes);
// `--vocab` measures only the cold load and memory of each tokenizer, this build and the baseline,
// and prints that section (never writes bench/RESULTS.md).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { loadCorpora, cutToBytes, CORPUS_NAMES } from './corpora.mjs';
import { TOKENIZER_IDS, coldReport, report } from './report.mjs';
import { BASELINE_REF, buildBaseline, cliSection } from './baseline.mjs';
import { usageSection } from './usage-run.mjs';
import { compactVocabularies } from '../scripts/vocab-plugin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', 'results');
const build = join(out, 'build');
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const started = Date.now();
const loadAtStart = loadavg()[0];

function step(label) {
  process.stderr.write(`\n== ${label} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

// The build under test is a copy of dist/: other work in the same checkout may rebuild (and first
// empty) dist/ while the benchmark runs.
const distCopy = join(out, 'dist');

function node(script, extra = [], opts = {}) {
  const env = { ...process.env, BENCH_DIST: distCopy };
  const r = spawnSync(process.execPath, ['--expose-gc', join(build, script), ...extra], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
    ...opts,
  });
  if (r.status !== 0) throw new Error(`${script} ${extra.join(' ')} failed (exit ${r.status})`);
  return r.stdout;
}

function readResult(section) {
  return JSON.parse(readFileSync(join(out, 'data', `${section}.json`), 'utf8'));
}

step('build (node esbuild.mjs) and bundle the benchmark');
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
rmSync(distCopy, { recursive: true, force: true });
cpSync(join(root, 'dist'), distCopy, { recursive: true });
rmSync(join(out, 'data'), { recursive: true, force: true });
mkdirSync(join(out, 'data'), { recursive: true });
await esbuild.build({
  entryPoints: ['bench/throughput.ts', 'bench/edits.ts', 'bench/cold.ts', 'bench/usage.ts'].map((p) => join(root, p)),
  outdir: build,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  // The compact vocabularies are files of the build under test, not packages.
  plugins: [compactVocabularies(distCopy)],
});

step('corpora');
const corpora = loadCorpora();
const SIZES = { '10KB': 10 * 1024, '1MB': 1024 * 1024, '10MB': 10 * 1024 * 1024 };
for (const name of CORPUS_NAMES) {
  for (const [size, bytes] of Object.entries(SIZES)) writeFileSync(join(out, 'corpora', `${name}-${size}.txt`), cutToBytes(corpora[name].text, bytes));
}

step('cold load and memory of each tokenizer (one fresh process each)');
const cold = TOKENIZER_IDS.map((id) => JSON.parse(node('cold.js', ['tokenizer', id])));

const baselineArg = process.argv.find((a) => a.startsWith('--baseline='))?.slice('--baseline='.length);
step(`baseline ${baselineArg ?? BASELINE_REF}: build, and the cold load of each of its tokenizers`);
const baseline = await buildBaseline({ root, out, ref: baselineArg });
const coldBaseline = baseline.error
  ? { error: baseline.error }
  : Object.fromEntries(
      TOKENIZER_IDS.map((id) => {
        const r = spawnSync(process.execPath, ['--expose-gc', baseline.cold, 'tokenizer', id], {
          cwd: root,
          env: { ...process.env, BENCH_DIST: join(baseline.dir, 'dist') },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        if (r.status !== 0 && /unknown tokenizer/.test(r.stderr)) return [id, { error: 'not in the baseline' }];
        if (r.status !== 0) process.stderr.write(r.stderr);
        return [id, r.status === 0 ? JSON.parse(r.stdout) : { error: `exit ${r.status}` }];
      }),
    );

if (args.has('--vocab')) {
  const at = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  const loadAverage = [loadAtStart, loadavg()[0]].map((x) => Math.round(x * 10) / 10);
  process.stdout.write(coldReport({ machine: { date: at, loadAverage }, cold, coldBaseline }) + '\n');
  process.exit(0);
}

step('the CLI on a 600-character prompt across every model, this build and the baseline');
const cli = cliSection({ root, out, dist: distCopy, baseline, prompt: [...corpora.en.text].slice(0, 600).join(''), runs: quick ? 2 : 5 });
step('activation (stub vscode API) and pricing a 10 KB selection across every model');
const activation = [];
for (let i = 0; i < 5; i++) activation.push(JSON.parse(node('cold.js', ['activate'])));
const pricing = {};
for (const via of ['thread', 'worker']) {
  try {
    pricing[via] = JSON.parse(node('cold.js', ['pricing', via]));
  } catch (err) {
    pricing[via] = { error: String(err.message) };
  }
}

step('edit latency through the worker, and main-thread stalls');
node('edits.js', quick ? ['--quick'] : []);
const edits = readResult('edits');

step('full-count throughput, side by side');
node('throughput.js', quick ? ['--quick'] : []);
const throughput = readResult('throughput');

step(`agent logs: ${quick ? '100 MB' : '1 GB'} of Claude Code and Codex logs, ours and ccusage side by side`);
const usage = await usageSection({ root, out, build, dist: distCopy, quick });

step('estimate error per script and vendor family on held-out text, now and with the previous weights');
// Needs the reference vocabularies in .calib/ (CALIBRATION.md); the corpora are rebuilt when absent.
let estimates;
try {
  if (!existsSync(join(root, '.calib', 'corpus', 'held'))) {
    execFileSync(process.execPath, ['scripts/estimate-corpus.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  estimates = {
    table: execFileSync(process.execPath, ['scripts/calibrate-estimates.mjs', 'table', '--md'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  };
} catch (err) {
  estimates = { error: String(err.message).split('\n')[0] };
}

step('.vsix size');
// Packaged from a staging folder holding what .vscodeignore lets in, with the dist/ copy.
let vsix;
const stage = join(out, 'package');
const vsixPath = join(out, 'token-spend.vsix');
try {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const f of [
    'package.json',
    '.vscodeignore',
    'package.nls.json',
    'package.nls.zh-cn.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'l10n',
    'media',
    'pricing',
  ]) {
    try {
      cpSync(join(root, f), join(stage, f), { recursive: true });
    } catch {
      // optional files
    }
  }
  cpSync(distCopy, join(stage, 'dist'), { recursive: true });
  // The build under test is already in dist/: the manifest's prepublish step (node esbuild.mjs) has no sources here.
  const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  delete manifest.scripts?.['vscode:prepublish'];
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
  // --no-rewrite-relative-links: the README's links stay relative, as in the .vsix npm run package makes.
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsixPath],
    { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  vsix = { bytes: statSync(vsixPath).size };
} catch (err) {
  vsix = { error: String(err.message).split('\n')[0] };
}

const cpuinfo = (() => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1];
  } catch {
    return undefined;
  }
})();
const machine = {
  cpu: cpuinfo ?? cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 1024 ** 3),
  os: `${platform()} ${release()}`,
  node: process.version,
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  benchSeconds: Math.round((Date.now() - started) / 1000),
  // Other work on the machine during the run (1-minute load average at start and end; 2 = both cores busy on a 2-core machine).
  loadAverage: [loadAtStart, loadavg()[0]].map((x) => Math.round(x * 10) / 10),
  quick,
};
const all = {
  machine,
  corpora: Object.fromEntries(CORPUS_NAMES.map((n) => [n, corpora[n].sources])),
  cold,
  coldBaseline,
  cli,
  activation,
  pricing,
  edits,
  throughput,
  usage,
  estimates,
  vsix,
};
writeFileSync(join(out, 'data', 'all.json'), JSON.stringify(all, null, 1));
const markdown = report(all);
process.stdout.write(markdown + '\n');
if (args.has('--write')) {
  writeFileSync(join(root, 'bench', 'RESULTS.md'), markdown + '\n');
  process.stderr.write('wrote bench/RESULTS.md\n');
}
