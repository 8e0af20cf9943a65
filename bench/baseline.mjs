// Today's figures beside the previous version's in the same run: the baseline commit's sources
// (git archive; nothing committed) are built in bench/results/baseline/ with this checkout's
// node_modules, then its CLI and its tokenizers' cold load are measured as ours are.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { compactVocabularies } from '../scripts/vocab-plugin.mjs';

/** main before issue 19 (compact vocabularies, quick CLI): the figures the issue was filed against. */
export const BASELINE_REF = '5986221';

/** Builds the baseline in out/baseline; returns its folder, or an error message (no history in a shallow clone). */
export async function buildBaseline({ root, out, ref = BASELINE_REF }) {
  const dir = join(out, 'baseline');
  try {
    const sha = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
    const stamp = join(dir, '.baseline-sha');
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== sha) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const tar = execFileSync('git', ['archive', '--format=tar', sha], { cwd: root, maxBuffer: 1 << 30 });
      execFileSync('tar', ['-x', '-C', dir], { input: tar });
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
      writeFileSync(stamp, sha);
    }
    // Its own cold.ts, bundled two folders below bench/results so that it reads this run's corpora.
    await esbuild.build({
      entryPoints: [join(dir, 'bench', 'cold.ts')],
      outdir: join(out, 'build-baseline'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      // A baseline with compact vocabularies reads them from its own dist/vocab.
      plugins: [compactVocabularies(join(dir, 'dist'))],
    });
    return { dir, sha: sha.slice(0, 7), cold: join(out, 'build-baseline', 'cold.js') };
  } catch (err) {
    return { error: `baseline ${ref} could not be built: ${String(err.message).split('\n')[0]}` };
  }
}

/** One CLI run: wall time from spawn to exit and the process's peak RSS (bench/peak-rss.cjs). */
function runCli({ root, out, cli, args }) {
  const peakFile = join(out, 'data', 'cli-peak.txt');
  rmSync(peakFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', join(root, 'bench', 'peak-rss.cjs'), cli, ...args], {
    cwd: root,
    env: { ...process.env, BENCH_PEAK_FILE: peakFile, LANG: 'C', LC_ALL: '' },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cli} ${args.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}`);
  return { wallMs, peakMB: Number(readFileSync(peakFile, 'utf8')) / 1024 };
}

/** Median wall time and highest peak of `runs` runs. */
function measure(opts, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(runCli(opts));
  const walls = all.map((r) => r.wallMs).sort((a, b) => a - b);
  return { wallMs: walls[walls.length >> 1], peakMB: all.reduce((m, r) => Math.max(m, r.peakMB), 0), runs };
}

/**
 * The CLI on a 600-character prompt across every model: this build, this build limited with
 * --tokenizers, several files in one run, and the baseline's CLI. Errors become rows, not a failed bench.
 */
export function cliSection({ root, out, dist, baseline, prompt, runs }) {
  const promptFile = join(out, 'cli-prompt.txt');
  writeFileSync(promptFile, prompt);
  const files = [1, 2, 3, 4, 5].map((i) => {
    const p = join(out, `cli-prompt-${i}.txt`);
    writeFileSync(p, prompt.slice(i * 50) + prompt.slice(0, i * 50));
    return p;
  });
  const common = ['--at', '2026-11-23T12:00:00Z', '--json'];
  const cli = join(dist, 'cli.js');
  const rows = [];
  const add = (label, fn) => {
    try {
      rows.push({ label, ...fn() });
    } catch (err) {
      rows.push({ label, error: String(err.message).split('\n')[0] });
    }
  };
  if (baseline.error) rows.push({ label: 'baseline: every model', error: baseline.error });
  else
    add(`baseline ${baseline.sha}: every model`, () => measure({ root, out, cli: join(baseline.dir, 'dist', 'cli.js'), args: [promptFile, ...common] }, runs));
  add('this build: every model', () => measure({ root, out, cli, args: [promptFile, ...common] }, runs));
  add('this build: --tokenizers o200k_base (OpenAI models only)', () =>
    measure({ root, out, cli, args: [promptFile, '--model', 'gpt-4o', '--tokenizers', 'o200k_base', ...common] }, runs),
  );
  add('this build: 5 files in one run, every model', () => measure({ root, out, cli, args: [...files, ...common] }, runs));
  return { promptChars: [...prompt].length, rows };
}
