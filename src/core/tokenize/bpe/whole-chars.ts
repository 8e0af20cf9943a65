/**
 * Which characters byte-pair merging may start as one token instead of as their UTF-8 bytes.
 *
 * A Chinese character is three bytes, and BPE spends two merges per character before it gets to
 * the merges that decide the count; starting such a character as its token removes two thirds of
 * the merges and shrinks the quadratic scan. Starting character c (its bytes a token, R the
 * highest rank among the merges that build it from its bytes alone) whole gives the same tokens
 * as starting from bytes when:
 * 1. no token joining a strict part of c's bytes to the bytes actually next to c ranks below R.
 *    Such a token is never valid UTF-8, so only the vocabulary's few binary tokens are looked at,
 *    and which of them can apply depends on the neighbours: o200k_base ranks " \xE9" (a space and
 *    the lead byte of 需) at 3348, below 需's 23183, so 需 starts as bytes after a space and whole
 *    after 求. Then nothing reaches across c's edges before c is whole, since one of c's own
 *    merges, ranked at most R, is always waiting.
 * 2. no token longer than c that starts or ends with c ranks below R (cl100k_base ranks "参数"
 *    33765, below 参's 74843): then no merge of the whole c with a neighbour can overtake, in the
 *    character-level run, a merge the byte-level run makes while c is still in pieces.
 * Other characters start as bytes. Tested against BPE from bytes over every CJK and two-byte
 * character and every non-ASCII token of both vocabularies in test/unit/rank-merge.test.ts.
 */
import { NONE, type PairRanks } from './pair-ranks';
import { decodeUtf8, latin1, sequenceLength, utf8OfCodePoint } from './utf8-bytes';

/** The tokens that reach across a character edge, by what they share with the character. */
interface EdgeIndex {
  /** Binary tokens that end with these bytes (Latin-1) and have more before them: [bytes before, rank]. */
  endingWithBytes: Map<string, [string, number][]>;
  /** Binary tokens that start with these bytes and have more after them: [bytes after, rank]. */
  startingWithBytes: Map<string, [string, number][]>;
  /** Tokens longer than one character that end with it, by its code point. */
  endingWithChar: Map<number, number>;
  /** Tokens longer than one character that start with it, by its code point. */
  startingWithChar: Map<number, number>;
}

/** How a character may start: its token, unless a neighbour's bytes could merge with part of it first. */
interface CharStart {
  rank: number;
  /** Bytes that, ending right before the character, form a token with its first bytes ranked below its own merges. */
  before: string[];
  /** Bytes that, starting right after it, form such a token with its last bytes. */
  after: string[];
}

function addTo(map: Map<string, [string, number][]>, key: string, entry: [string, number]): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function keepLowest<K>(map: Map<K, number>, key: K, rank: number): void {
  const old = map.get(key);
  if (old === undefined || rank < old) map.set(key, rank);
}

/** The merge of a character's bytes on their own: parts left and the highest rank merged. */
export type MergeAlone = (bytes: string) => { parts: number; highestRank: number };

/**
 * True when some threat can be the bytes next to the character: `neighbour` is the adjacent
 * character's bytes. A threat longer than it reaches further, to bytes not looked at: it counts
 * when it agrees with `neighbour` as far as it goes.
 */
function threatens(threats: readonly string[], neighbour: string, before: boolean): boolean {
  for (const t of threats) {
    // The shorter of the two must be the end (before the character) or the start (after it) of the longer.
    const short = t.length <= neighbour.length ? t : neighbour;
    const long = short === t ? neighbour : t;
    if (before ? long.endsWith(short) : long.startsWith(short)) return true;
  }
  return false;
}

export class WholeChars {
  private index: EdgeIndex | undefined;
  /** How each character met so far may start; null: always as bytes. */
  private readonly decided = new Map<number, CharStart | null>();

  constructor(
    private readonly pairs: PairRanks,
    private readonly mergeAlone: MergeAlone,
  ) {}

  /** Forgets the characters met so far (the edge index, built from the vocabulary alone, stays). */
  clear(): void {
    this.decided.clear();
  }

  /**
   * The rank to start code point `cp` with, between code points `prev` and `next` of the same
   * piece (-1: none), or -1 when it must start as its bytes.
   */
  startOf(cp: number, prev: number, next: number): number {
    let start = this.decided.get(cp);
    if (start === undefined) {
      start = this.decide(cp);
      this.decided.set(cp, start);
    }
    if (start === null) return -1;
    if (prev >= 0 && start.before.length > 0 && threatens(start.before, utf8OfCodePoint(prev), true)) return -1;
    if (next >= 0 && start.after.length > 0 && threatens(start.after, utf8OfCodePoint(next), false)) return -1;
    return start.rank;
  }

  private decide(cp: number): CharStart | null {
    const char = String.fromCodePoint(cp);
    const token = this.pairs.vocabulary.rankOfText(char);
    if (token === undefined) return null;
    const bytes = utf8OfCodePoint(cp);
    const alone = this.mergeAlone(bytes);
    if (alone.parts !== 1) return null;
    const highest = alone.highestRank;
    const index = this.index ?? this.buildIndex();
    if ((index.startingWithChar.get(cp) ?? NONE) <= highest) return null;
    if ((index.endingWithChar.get(cp) ?? NONE) <= highest) return null;
    const before: string[] = [];
    const after: string[] = [];
    for (let k = 1; k < bytes.length; k++) {
      for (const [outside, rank] of index.endingWithBytes.get(bytes.slice(0, k)) ?? []) if (rank <= highest) before.push(outside);
      for (const [outside, rank] of index.startingWithBytes.get(bytes.slice(k)) ?? []) if (rank <= highest) after.push(outside);
    }
    return { rank: token, before, after };
  }

  private buildIndex(): EdgeIndex {
    const index: EdgeIndex = { endingWithBytes: new Map(), startingWithBytes: new Map(), endingWithChar: new Map(), startingWithChar: new Map() };
    const vocabulary = this.pairs.vocabulary;
    vocabulary.forEachTextToken((t, start, end, rank) => {
      // Only non-ASCII characters are ever started whole: most tokens need no entry.
      const firstUnit = t.charCodeAt(start);
      const lastUnit = t.charCodeAt(end - 1);
      if (firstUnit < 0x80 && lastUnit < 0x80) return;
      const first = t.codePointAt(start) as number;
      if (end - start <= (first > 0xffff ? 2 : 1)) return;
      if (firstUnit >= 0x80) keepLowest(index.startingWithChar, first, rank);
      if (lastUnit >= 0x80)
        keepLowest(index.endingWithChar, lastUnit >= 0xdc00 && lastUnit <= 0xdfff && end - start >= 2 ? (t.codePointAt(end - 2) as number) : lastUnit, rank);
    });
    for (const [raw, rank] of this.pairs.vocabulary.binaryTokens()) {
      const bytes = latin1(raw);
      // Strict parts of a character are at most three bytes.
      for (let k = 1; k <= 3 && k < bytes.length; k++) {
        addTo(index.endingWithBytes, bytes.slice(-k), [bytes.slice(0, -k), rank]);
        addTo(index.startingWithBytes, bytes.slice(0, k), [bytes.slice(k), rank]);
      }
      // A whole character at either end of a binary token.
      const n = sequenceLength(bytes.charCodeAt(0));
      const head = n > 1 && n < bytes.length ? decodeUtf8(bytes.slice(0, n)) : undefined;
      if (head !== undefined) keepLowest(index.startingWithChar, head.codePointAt(0) as number, rank);
      for (let m = 2; m <= 4 && m < bytes.length; m++) {
        const tail = bytes.slice(-m);
        const last = sequenceLength(tail.charCodeAt(0)) === m ? decodeUtf8(tail) : undefined;
        if (last !== undefined) keepLowest(index.endingWithChar, last.codePointAt(0) as number, rank);
      }
    }
    this.index = index;
    return index;
  }
}
