/**
 * Byte-pair merging on token ranks, for counting.
 *
 * tiktoken's BPE starts a piece as single bytes and repeatedly merges the leftmost adjacent pair
 * whose concatenation has the lowest rank in the vocabulary. Every part is a vocabulary token at
 * every step, and the rank of a merged part is the rank of the pair that formed it, so the merge
 * runs on ranks alone, asking `PairRanks` for rank(A ++ B). gpt-tokenizer instead looks each byte
 * range up anew (testing it for valid UTF-8, decoding it, or binary-searching the non-UTF-8
 * tokens), which made Chinese text 2x slower there than in tiktoken's WebAssembly build. Most
 * CJK characters start as one token rather than three bytes (whole-chars.ts).
 */
import { NONE, PairRanks, type Vocabulary } from './pair-ranks';
import { WholeChars } from './whole-chars';

export type { Vocabulary } from './pair-ranks';

export class RankMerger {
  private readonly byteRanks = new Int32Array(256);
  private readonly pairs: PairRanks;
  private readonly wholeChars: WholeChars;
  private parts = new Int32Array(256);
  private pairRanks = new Int32Array(256);
  private codePoints = new Int32Array(256);
  /** Highest rank merged by the last `merge`. */
  private highestMerged = -1;

  constructor(vocabulary: Vocabulary) {
    this.pairs = new PairRanks(vocabulary);
    for (let b = 0; b < 256; b++) {
      const r = this.pairs.rankOfBytes(String.fromCharCode(b));
      // Byte-level vocabularies hold every single byte; without that, merging on ranks is not BPE.
      if (r === undefined) throw new Error(`vocabulary has no token for byte ${b}`);
      this.byteRanks[b] = r;
    }
    // Its own arrays: it runs while count() is filling this.parts.
    const aloneParts = new Int32Array(4);
    const alonePairs = new Int32Array(4);
    this.wholeChars = new WholeChars(this.pairs, (bytes) => {
      for (let i = 0; i < bytes.length; i++) aloneParts[i] = this.byteRanks[bytes.charCodeAt(i)];
      const parts = this.merge(aloneParts, alonePairs, bytes.length);
      return { parts, highestRank: this.highestMerged };
    });
  }

  /** The rank code point `cp` starts as between `prev` and `next` (-1: none), or -1 when it starts as bytes. */
  wholeStart(cp: number, prev = -1, next = -1): number {
    return this.wholeChars.startOf(cp, prev, next);
  }

  /** Forgets what was learnt from the text so far (pairs met, characters decided). */
  clear(): void {
    this.pairs.clear();
    this.wholeChars.clear();
  }

  private ensureRoom(n: number): void {
    if (this.parts.length < n) {
      this.parts = new Int32Array(n + 64);
      this.pairRanks = new Int32Array(n + 64);
      this.codePoints = new Int32Array(n + 64);
    }
  }

  /** Number of tokens BPE makes of `piece` (one pre-tokenizer piece). */
  count(piece: string): number {
    // At most three bytes per UTF-16 unit (a surrogate pair makes four bytes of two units).
    this.ensureRoom(piece.length * 3);
    const { parts, byteRanks, codePoints } = this;
    let m = 0;
    for (let i = 0; i < piece.length; i++) {
      const u = piece.charCodeAt(i);
      let cp = u;
      if (u >= 0xd800 && u <= 0xdfff) {
        const low = piece.charCodeAt(i + 1);
        if (u <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          cp = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
          i++;
        } else cp = 0xfffd; // a lone surrogate is encoded as U+FFFD, as TextEncoder does
      }
      codePoints[m++] = cp;
    }
    let n = 0;
    for (let j = 0; j < m; j++) {
      const cp = codePoints[j];
      if (cp < 0x80) {
        parts[n++] = byteRanks[cp];
        continue;
      }
      const whole = this.wholeChars.startOf(cp, j > 0 ? codePoints[j - 1] : -1, j + 1 < m ? codePoints[j + 1] : -1);
      if (whole >= 0) parts[n++] = whole;
      else n = this.pushBytes(cp, n);
    }
    return this.merge(parts, this.pairRanks, n);
  }

  private pushBytes(cp: number, n: number): number {
    const { parts, byteRanks } = this;
    if (cp < 0x800) {
      parts[n++] = byteRanks[0xc0 | (cp >> 6)];
    } else {
      if (cp < 0x10000) parts[n++] = byteRanks[0xe0 | (cp >> 12)];
      else {
        parts[n++] = byteRanks[0xf0 | (cp >> 18)];
        parts[n++] = byteRanks[0x80 | ((cp >> 12) & 0x3f)];
      }
      parts[n++] = byteRanks[0x80 | ((cp >> 6) & 0x3f)];
    }
    parts[n++] = byteRanks[0x80 | (cp & 0x3f)];
    return n;
  }

  /** Merges parts[0..n) to the end; returns how many parts are left (pairRanks: room for n). */
  private merge(parts: Int32Array, pairRanks: Int32Array, n: number): number {
    const pairs = this.pairs;
    this.highestMerged = -1;
    if (n < 2) return n;
    for (let i = 0; i < n - 1; i++) pairRanks[i] = pairs.rank(parts[i], parts[i + 1]);
    let len = n;
    let highest = -1;
    while (len > 1) {
      // The leftmost pair of lowest rank.
      let lowest = NONE;
      let at = -1;
      for (let i = 0; i < len - 1; i++) {
        if (pairRanks[i] < lowest) {
          lowest = pairRanks[i];
          at = i;
        }
      }
      if (at < 0) break;
      if (lowest > highest) highest = lowest;
      parts[at] = lowest;
      // Drop part at + 1 and pair at + 1 (a loop: copyWithin's call costs more on a few elements).
      for (let i = at + 1; i < len - 1; i++) {
        parts[i] = parts[i + 1];
        pairRanks[i] = pairRanks[i + 1];
      }
      len--;
      pairRanks[at] = at + 1 < len ? pairs.rank(parts[at], parts[at + 1]) : NONE;
      if (at > 0) pairRanks[at - 1] = pairs.rank(parts[at - 1], parts[at]);
    }
    this.highestMerged = highest;
    return len;
  }
}
