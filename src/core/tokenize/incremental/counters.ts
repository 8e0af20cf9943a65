/**
 * Turns a loaded tokenizer into an additive block measure for incremental counting.
 *
 * Exact tokenizers: a block's measure is its token count, the total is the sum. Calibrated
 * estimates round once over the whole text, so a sum of rounded block estimates would drift;
 * their blocks keep the integer script-class features instead, and the estimate is taken once
 * from the summed features — the same number `estimateTokens` gives for the whole text.
 */
import type { Tokenizer } from '../index';
import { isExactTokenizer, type EstimatedTokenizerId } from '../ids';
import { estimateFromFeatures } from '../estimate/estimate';
import { emptyFeatures, FEATURE_NAMES, textFeatures, type TextFeatures } from '../estimate/script-classes';

/** Token count (exact tokenizers) or script-class feature counts (estimates) of one block. */
export type BlockMeasure = number | TextFeatures;

export interface ChunkCounter {
  readonly id: string;
  readonly exact: boolean;
  measure(text: string): BlockMeasure;
  /** Tokens of the text made of blocks with these measures; `length` is its length. */
  total(measures: Iterable<BlockMeasure>, length: number): number;
}

function sumCounts(measures: Iterable<BlockMeasure>): number {
  let total = 0;
  for (const m of measures) total += m as number;
  return total;
}

export function exactChunkCounter(tokenizer: Pick<Tokenizer, 'id' | 'count'>): ChunkCounter {
  return { id: tokenizer.id, exact: true, measure: (text) => tokenizer.count(text), total: sumCounts };
}

export function estimateChunkCounter(id: EstimatedTokenizerId): ChunkCounter {
  return {
    id,
    exact: false,
    measure: (text) => textFeatures(text),
    total(measures, length) {
      if (length === 0) return 0;
      const sum = emptyFeatures();
      for (const m of measures) {
        const f = m as TextFeatures;
        for (const name of FEATURE_NAMES) sum[name] += f[name];
      }
      // Same rounding as estimateTokens (checked against it in test/unit/incremental.test.ts).
      return Math.max(1, Math.round(estimateFromFeatures(id, sum)));
    },
  };
}

export function chunkCounterFor(tokenizer: Tokenizer): ChunkCounter {
  return isExactTokenizer(tokenizer.id) ? exactChunkCounter(tokenizer) : estimateChunkCounter(tokenizer.id as EstimatedTokenizerId);
}
