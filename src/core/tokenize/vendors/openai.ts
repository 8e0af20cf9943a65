/**
 * Exact OpenAI counts (o200k_base, cl100k_base).
 *
 * Hot path: gpt-tokenizer's vocabulary and pre-tokenizer pattern, with each piece merged by our
 * own code (openai-pieces.ts, bpe/rank-merge.ts). gpt-tokenizer gives the same token IDs as js-tiktoken
 * on every text except around U+FEFF (byte-order mark): its pattern turns a BOM into two tokens
 * where tiktoken has one. Text containing a BOM is therefore cut at safe piece
 * boundaries (see openai-bom.ts) and only the regions holding a BOM are counted with js-tiktoken, the
 * exactness reference. Special-token strings (`<|endoftext|>`) are counted as ordinary text.
 *
 * `countOpenAiChunk` counts one chunk of text on its own, so incremental counting can reuse it.
 */
import { splitAtBomRegions } from './openai-bom';
import { forgetModule } from './modules';
import { pieceCounter, type PieceCounter } from './openai-pieces';

export type OpenAiEncoding = 'o200k_base' | 'cl100k_base';

/** The part of a gpt-tokenizer encoding module we use. */
interface FastEncoding {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

/** The part of js-tiktoken's `Tiktoken` we use. */
interface ReferenceEncoder {
  encode(text: string, allowedSpecial: string[], disallowedSpecial: string[]): number[];
}

interface RanksModule {
  pat_str: string;
}

const NO_SPECIAL_TOKENS = new Set<string>();

const fastEncodings = new Map<OpenAiEncoding, FastEncoding>();
/** Our piece counter over gpt-tokenizer's vocabulary (openai-pieces.ts); absent if its internals changed. */
const pieceCounters = new Map<OpenAiEncoding, PieceCounter | undefined>();
const referenceEncoders = new Map<OpenAiEncoding, { encoder: ReferenceEncoder; pieces: RegExp }>();

// Each `require` names its module literally: esbuild's split-heavy-modules plugin turns it into a
// lazy require of dist/vocab/<name>.js, so nothing heavy loads before the first count.
/* eslint-disable @typescript-eslint/no-require-imports -- lazy: esbuild turns each literal require into a require of dist/vocab/<name>.js at first count */
function requireFast(encoding: OpenAiEncoding): FastEncoding {
  return encoding === 'o200k_base'
    ? (require('gpt-tokenizer/encoding/o200k_base') as FastEncoding)
    : (require('gpt-tokenizer/encoding/cl100k_base') as FastEncoding);
}

function requireRanks(encoding: OpenAiEncoding): RanksModule {
  const mod = encoding === 'o200k_base'
    ? require('js-tiktoken/ranks/o200k_base')
    : require('js-tiktoken/ranks/cl100k_base');
  return (mod.default ?? mod) as RanksModule;
}
/* eslint-enable @typescript-eslint/no-require-imports */

function fast(encoding: OpenAiEncoding): FastEncoding {
  let enc = fastEncodings.get(encoding);
  if (!enc) {
    enc = requireFast(encoding);
    fastEncodings.set(encoding, enc);
    pieceCounters.set(encoding, pieceCounter(enc));
  }
  return enc;
}

function reference(encoding: OpenAiEncoding): { encoder: ReferenceEncoder; pieces: RegExp } {
  let ref = referenceEncoders.get(encoding);
  if (!ref) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: the reference encoder loads only if a BOM is met (and in tests)
    const { Tiktoken } = require('js-tiktoken/lite') as { Tiktoken: new (ranks: RanksModule) => ReferenceEncoder };
    const ranks = requireRanks(encoding);
    // The same pre-tokenizer pattern js-tiktoken itself compiles (with the same flags).
    ref = { encoder: new Tiktoken(ranks), pieces: new RegExp(ranks.pat_str, 'ug') };
    referenceEncoders.set(encoding, ref);
  }
  return ref;
}

/** Loads the fast encoding (the reference one loads only if a BOM is ever met). */
export function loadOpenAiEncoding(encoding: OpenAiEncoding): void {
  fast(encoding);
}

/** Counts with js-tiktoken alone: the exactness reference, used for BOM regions and by tests. */
export function countWithReference(encoding: OpenAiEncoding, text: string): number {
  return reference(encoding).encoder.encode(text, [], []).length;
}

/** Counts with the fast path alone (no BOM handling): our piece counter, or gpt-tokenizer's countTokens without it; exported for tests. */
export function countWithFastPath(encoding: OpenAiEncoding, text: string): number {
  const enc = fast(encoding);
  const pieces = pieceCounters.get(encoding);
  return pieces ? pieces.count(text) : enc.countTokens(text, { disallowedSpecial: NO_SPECIAL_TOKENS });
}

/** Empties the piece caches of the fast path (the benchmark starts every measurement alike). */
export function clearFastPathCaches(): void {
  for (const pieces of pieceCounters.values()) pieces?.clear();
}

/**
 * Exact token count of one chunk of text, identical to js-tiktoken's
 * `encode(text, [], []).length`. Chunks must be cut where the pre-tokenizer would cut anyway
 * for the sum over chunks to equal the count of the whole.
 */
export function countOpenAiChunk(encoding: OpenAiEncoding, text: string): number {
  if (!text.includes('\uFEFF')) return countWithFastPath(encoding, text);
  let total = 0;
  for (const region of splitAtBomRegions(text, reference(encoding).pieces)) {
    total += region.hasBom ? countWithReference(encoding, region.text) : countWithFastPath(encoding, region.text);
  }
  return total;
}

/** Drops the loaded vocabularies of `encoding` so their memory can be reclaimed. */
export function releaseOpenAiEncoding(encoding: OpenAiEncoding): void {
  pieceCounters.delete(encoding);
  if (fastEncodings.delete(encoding)) {
    if (encoding === 'o200k_base') forgetModule(() => require.resolve('gpt-tokenizer/encoding/o200k_base'));
    else forgetModule(() => require.resolve('gpt-tokenizer/encoding/cl100k_base'));
  }
  if (referenceEncoders.delete(encoding)) {
    if (encoding === 'o200k_base') forgetModule(() => require.resolve('js-tiktoken/ranks/o200k_base'));
    else forgetModule(() => require.resolve('js-tiktoken/ranks/cl100k_base'));
  }
}
