/**
 * Exact o200k_base / cl100k_base counts: the encoding's pre-tokenizer pattern cuts the text into
 * pieces, a piece that is a token counts 1, any other is merged on token ranks (bpe/rank-merge.ts).
 * Each piece costs one lookup in a map from piece to token count. The sum is what js-tiktoken's
 * `encode(text, [], []).length` gives: special-token strings count as text.
 */
import type { RankMerger } from '../bpe/rank-merge';

/** Pieces kept before the cache starts over. */
const MAX_CACHED_PIECES = 200_000;

export interface PieceCounter {
  count(text: string): number;
  clear(): void;
}

/**
 * A counter over pieces of `pattern` (the encoding's pre-tokenizer, compiled with the `u` flag as
 * js-tiktoken does); `isToken` tells a piece that is one token.
 */
export function pieceCounter(pattern: string, isToken: (piece: string) => boolean, merger: RankMerger): PieceCounter {
  // Read with exec(): on 10 MB of code that is 20 % faster than matchAll's iterator.
  const re = new RegExp(pattern, 'ug');
  let counts = new Map<string, number>();
  return {
    count(text: string): number {
      let total = 0;
      re.lastIndex = 0;
      for (let match = re.exec(text); match !== null; match = re.exec(text)) {
        const piece = match[0];
        if (piece.length === 0) {
          re.lastIndex++; // never with today's patterns; without it an empty match would loop forever
          continue;
        }
        let n = counts.get(piece);
        if (n === undefined) {
          n = isToken(piece) ? 1 : merger.count(piece);
          if (counts.size >= MAX_CACHED_PIECES) counts = new Map();
          counts.set(piece, n);
        }
        total += n;
      }
      return total;
    },
    clear(): void {
      counts = new Map();
      merger.clear();
    },
  };
}
