// Shared helpers of the benchmark sections (bundled by bench/run.mjs into out/bench/).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

// Bundled into bench/results/build/ (git-ignored; not out/, which test builds wipe).
export const ROOT = join(__dirname, '..', '..', '..');
export const OUT = join(ROOT, 'bench', 'results');
/** The build under test: a copy of dist/ made by run.mjs right after building, so a concurrent `node esbuild.mjs` (which empties dist/) cannot pull it away mid-run. */
export const DIST = process.env.BENCH_DIST ?? join(ROOT, 'dist');
export const CORPORA = ['en', 'zh', 'code', 'mixed'] as const;
export type Corpus = (typeof CORPORA)[number];
export const SIZES = { '10KB': 10 * 1024, '1MB': 1024 * 1024, '10MB': 10 * 1024 * 1024 } as const;
export type Size = keyof typeof SIZES;

/** A corpus cut to a size (written by bench/run.mjs). */
export function corpus(name: Corpus, size: Size): string {
  return readFileSync(join(OUT, 'corpora', `${name}-${size}.txt`), 'utf8');
}

export function megabytes(text: string): number {
  return Buffer.byteLength(text) / (1024 * 1024);
}

export function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function writeResult(section: string, data: unknown): void {
  mkdirSync(join(OUT, 'data'), { recursive: true });
  writeFileSync(join(OUT, 'data', `${section}.json`), JSON.stringify(data, null, 1));
}

const started = performance.now();
export function log(line: string): void {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
}
