// Run once per measurement in a fresh process (bench/run.mjs starts it):
//   cold.js tokenizer <id>   load → first count time and memory of one tokenizer
//   cold.js pricing <via>    pricing a 10 KB selection across every model, cold then warm (via: thread | worker)
//   cold.js activate         require dist/extension.js and call activate() with a stub vscode API
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gc, median, corpus, DIST, ROOT } from './lib';

function memory(): { heapMB: number; rssMB: number; externalMB: number } {
  gc();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / 1048576, rssMB: m.rss / 1048576, externalMB: (m.external + m.arrayBuffers) / 1048576 };
}

async function tokenizer(id: string): Promise<unknown> {
  const { loadTokenizer } = await import('../src/core/tokenize/index');
  const before = memory();
  const t0 = performance.now();
  const tok = await loadTokenizer(id as never);
  const loaded = performance.now();
  tok.count('hello world');
  const firstCount = performance.now();
  const text = corpus('mixed', '10KB');
  const t1 = performance.now();
  const tokens = tok.count(text);
  const first10k = performance.now() - t1;
  const after = memory();
  return {
    id,
    loadMs: loaded - t0,
    loadToFirstCountMs: firstCount - t0,
    first10KBCountMs: first10k,
    tokens10KB: tokens,
    heapMB: after.heapMB - before.heapMB,
    rssMB: after.rssMB - before.rssMB,
    externalMB: after.externalMB - before.externalMB,
  };
}

/**
 * Prices 10 KB selections across every model with `compareText`: counted in this thread
 * (`thread`, as the CLI does) or through the count worker (`worker`, as the extension does).
 */
async function pricing(via: string): Promise<unknown> {
  const t0 = performance.now();
  const { compareText } = await import('../src/core/compare');
  const { loadBundledCatalogue } = await import('../src/core/pricing/catalogue');
  const { defaultAssumptions, DEFAULT_MODEL_ID } = await import('../src/core/defaults');
  type Counter = Parameters<typeof compareText>[4];
  let counter: Counter;
  let done = (): void => {};
  if (via === 'worker') {
    const { WorkerCounts } = await import('../src/node/tokenize/worker-counts');
    const { CountWorkerClient } = await import('../src/node/tokenize/worker-client');
    const counts = new WorkerCounts({
      createClient: () => new CountWorkerClient({ workerPath: join(DIST, 'count-worker.js') }),
      log: (line) => process.stderr.write(line + '\n'),
    });
    counter = async (text, ids) => {
      const r = await counts.count({ text, tokenizers: ids, input: true, key: 'pricing' });
      return { counts: new Map(r.counts.map((c) => [c.tokenizer, c])), ...(r.chat ? { chat: r.chat } : {}) };
    };
    done = () => counts.dispose();
  } else if (via !== 'thread') throw new Error(`pricing via ${via}?`);
  const catalogue = loadBundledCatalogue();
  const a = defaultAssumptions(new Date('2026-11-23T10:00:00Z'));
  const source = corpus('mixed', '1MB');
  const selection = (i: number): string => source.slice(i * 10_000, i * 10_000 + 10 * 1024);
  const first = await compareText(selection(0), catalogue, a, { currentModelId: DEFAULT_MODEL_ID }, counter);
  const coldMs = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const t = performance.now();
    await compareText(selection(i), catalogue, a, { currentModelId: DEFAULT_MODEL_ID }, counter);
    warm.push(performance.now() - t);
  }
  // The same selection again (the panel re-pricing after a settings change): served from the worker's block cache.
  const again: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await compareText(selection(20), catalogue, a, { currentModelId: DEFAULT_MODEL_ID }, counter);
    again.push(performance.now() - t);
  }
  done();
  const tokenizers = new Set(first.rows.map((r) => r.count.tokenizer));
  return {
    via,
    models: first.rows.length,
    tokenizers: tokenizers.size,
    coldMs,
    warmMedianMs: median(warm),
    warmMaxMs: Math.max(...warm),
    sameSelectionMedianMs: median(again),
  };
}

/**
 * A stand-in for the `vscode` module: each name @types/vscode exports is a callable that returns
 * another stand-in (bundlers copy a module's own keys, so the names must be listed).
 */
function stubVscode(): Record<string, object> {
  const handler: ProxyHandler<() => void> = {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : proxy),
    apply: () => proxy,
    construct: () => proxy,
  };
  const proxy: object = new Proxy(function stub() {}, handler);
  const types = readFileSync(join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set([...types.matchAll(/^\s+export (?:namespace|class|enum|const|function|let) (\w+)/gm)].map((m) => m[1]));
  return Object.fromEntries([...names].map((n) => [n, proxy]));
}

async function activate(): Promise<unknown> {
  const vscode = stubVscode();
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = (request, ...rest) => (request === 'vscode' ? vscode : load(request, ...rest));
  const context = { subscriptions: [] as unknown[], extensionPath: ROOT, extensionUri: vscode, globalState: vscode, workspaceState: vscode, extension: vscode };
  const t0 = performance.now();
  const ext = require(join(DIST, 'extension.js')) as { activate(c: unknown): unknown };
  const required = performance.now();
  ext.activate(context);
  const activated = performance.now();
  return { requireMs: required - t0, activateMs: activated - required, totalMs: activated - t0 };
}

async function main(): Promise<void> {
  const [mode, arg] = process.argv.slice(2);
  const result = mode === 'tokenizer' ? await tokenizer(arg) : mode === 'pricing' ? await pricing(arg) : mode === 'activate' ? await activate() : undefined;
  if (result === undefined) throw new Error(`unknown mode ${mode}`);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
