/**
 * Exact counts for vocabularies in tiktoken's form (token ranks and a pre-tokenizer pattern):
 * OpenAI's o200k_base and cl100k_base, and Mistral's Tekken, which Mistral builds on tiktoken.
 * Each is a compact vocabulary built at build time (scripts/compact-vocab.mjs): the pattern, and
 * the tokens in rank order. Pieces are merged by our own code (openai-pieces.ts,
 * bpe/rank-merge.ts); counts equal js-tiktoken's `encode(text, [], []).length` on the same ranks
 * (test/unit/openai-compact.test.ts, tokenize-openai.test.ts, rank-merge.test.ts, tekken.test.ts):
 * special-token strings (`<|endoftext|>`, `[INST]`) are counted as ordinary text.
 *
 * `countRankChunk` counts one chunk of text on its own, so incremental counting can reuse it.
 */
import { RankMerger, type Vocabulary } from '../bpe/rank-merge';
import { TextRanks } from '../bpe/text-ranks';
import { forgetModule } from './modules';
import { pieceCounter, type PieceCounter } from './openai-pieces';

export type OpenAiEncoding = 'o200k_base' | 'cl100k_base';
export type RankVocabularyId = OpenAiEncoding | 'tekken';

/** What scripts/compact-vocab.mjs writes for a tiktoken rank file. */
interface CompactRanks {
  format: number;
  kind: string;
  name: string;
  pattern: string;
  /** The tokens that are valid UTF-8, concatenated in rank order. */
  text: string;
  /** One character per rank, of code 32 + the token's length in `text`; 32 for a token that is not UTF-8. */
  lengths: string;
  /** The tokens that are not valid UTF-8: [rank, bytes as a Latin-1 string]. */
  binary: [number, string][];
}

/** An encoding ready to count. */
interface LoadedEncoding {
  pieces: PieceCounter;
  merger: RankMerger;
}

const encodings = new Map<RankVocabularyId, LoadedEncoding>();

/* eslint-disable @typescript-eslint/no-require-imports -- lazy: esbuild turns each literal require into a require of dist/vocab/<name>.js at first count */
function requireCompact(id: RankVocabularyId): CompactRanks {
  // Literal module names: esbuild maps each to dist/vocab/<name>.js (scripts/compact-vocab.mjs).
  if (id === 'o200k_base') return require('token-spend-vocab/o200k_base') as CompactRanks;
  if (id === 'cl100k_base') return require('token-spend-vocab/cl100k_base') as CompactRanks;
  return require('token-spend-vocab/tekken') as CompactRanks;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Characters of codes 0-255 as bytes, each less `offset`. */
function bytesOf(s: string, offset = 0): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < out.length; i++) out[i] = s.charCodeAt(i) - offset;
  return out;
}

/** The vocabulary of a compact rank file, as the merger reads it. */
function vocabularyOf(v: CompactRanks): { vocabulary: Vocabulary; texts: TextRanks } {
  if (v.format !== 2 || v.kind !== 'ranks') throw new Error(`dist/vocab/${v.name}.js is not a compact rank file of format 2`);
  const texts = new TextRanks(v.text, bytesOf(v.lengths, 32));
  const bytesByRank = new Map<number, Uint8Array>();
  const binary: [Uint8Array, number][] = v.binary.map(([rank, latin1]) => {
    const bytes = bytesOf(latin1);
    bytesByRank.set(rank, bytes);
    return [bytes, rank];
  });
  const vocabulary: Vocabulary = {
    rankOfText: (text) => texts.rankOf(text),
    token: (rank) => texts.textOf(rank) ?? bytesByRank.get(rank),
    binaryTokens: () => binary,
    forEachTextToken: (visit) => texts.forEach(visit),
  };
  return { vocabulary, texts };
}

function loaded(encoding: RankVocabularyId): LoadedEncoding {
  let enc = encodings.get(encoding);
  if (!enc) {
    const v = requireCompact(encoding);
    if (v.name !== encoding) throw new Error(`dist/vocab/${encoding}.js holds ${String(v.name)}`);
    const { vocabulary, texts } = vocabularyOf(v);
    const merger = new RankMerger(vocabulary);
    enc = { merger, pieces: pieceCounter(v.pattern, (piece) => texts.rankOf(piece) !== undefined, merger) };
    encodings.set(encoding, enc);
  }
  return enc;
}

/** Loads the vocabulary. */
export function loadRankVocabulary(id: RankVocabularyId): void {
  loaded(id);
}

/** The vocabulary's merger (for tests: BPE of one string taken as a single piece). */
export function rankMerger(id: RankVocabularyId): RankMerger {
  return loaded(id).merger;
}

/** Empties the piece caches (the benchmark starts every measurement alike). */
export function clearFastPathCaches(): void {
  for (const enc of encodings.values()) enc.pieces.clear();
}

/**
 * Exact token count of one chunk of text, identical to js-tiktoken's
 * `encode(text, [], []).length` on the same ranks. Chunks must be cut where the pre-tokenizer would cut anyway
 * for the sum over chunks to equal the count of the whole.
 */
export function countRankChunk(id: RankVocabularyId, text: string): number {
  return loaded(id).pieces.count(text);
}

/** Drops the loaded vocabulary so its memory can be reclaimed. */
export function releaseRankVocabulary(id: RankVocabularyId): void {
  if (!encodings.delete(id)) return;
  if (id === 'o200k_base') forgetModule(() => require.resolve('token-spend-vocab/o200k_base'));
  else if (id === 'cl100k_base') forgetModule(() => require.resolve('token-spend-vocab/cl100k_base'));
  else forgetModule(() => require.resolve('token-spend-vocab/tekken'));
}
