/**
 * rank(A ++ B) for two tokens given by rank: the one question byte-pair merging asks, answered
 * from an integer hash table of the pairs met so far, and from the vocabulary on a miss.
 */
import { decodeUtf8, latin1 } from './utf8-bytes';

/** The vocabulary as the merger reads it. */
export interface Vocabulary {
  /** Rank of the token whose bytes are the UTF-8 of `text`. */
  rankOfText(text: string): number | undefined;
  /** A token: its text when its bytes are valid UTF-8, else its bytes. */
  token(rank: number): string | ArrayLike<number> | undefined;
  /** Every token whose bytes are not valid UTF-8, with its rank. */
  binaryTokens(): Iterable<readonly [ArrayLike<number>, number]>;
  /** Calls `visit` with every token whose bytes are valid UTF-8: its text is `text[start..end)`. */
  forEachTextToken(visit: (text: string, start: number, end: number, rank: number) => void): void;
}

/** Rank of a pair that is no token. */
export const NONE = 0x7fffffff;
const EMPTY = -1;
const INITIAL_SLOTS = 1 << 14;
/** The table starts over beyond this many pairs (16 MB at twice as many slots). */
const MAX_PAIRS = 1 << 19;
const JOIN_BITS = 23;
const encoder = new TextEncoder();

function joinHash(u: number, v: number): number {
  return (Math.imul(u, 0x9e3779b1) ^ Math.imul(v, 0x85ebca6b)) >>> (32 - JOIN_BITS);
}

export class PairRanks {
  /** Open addressing, [a, b, rank(a ++ b), unused] at 4 × slot: one array, so a probe touches one cache line. */
  private table = new Int32Array(0);
  private slots = 0;
  private shift = 32;
  private used = 0;
  /** Ranks of the tokens that are not valid UTF-8, by their bytes as a Latin-1 string. */
  private readonly binaryRanks = new Map<string, number>();
  /** 1 at x << 8 | y when some binary token has byte y right after byte x. */
  private readonly binaryJoins = new Uint8Array(1 << 16);
  /** Bytes of tokens met so far, as Latin-1 strings. */
  private readonly tokenBytes = new Map<number, string>();
  /**
   * One bit per hash of two adjacent UTF-16 units (not both ASCII) found in some text token:
   * A ++ B can be a text token only if (last unit of A, first unit of B) is marked. Most pairs
   * of adjacent Chinese characters are not, which spares them a lookup of the joined string (V8
   * flattens and hashes a new string, then probes a 200,000-entry map). Built on first need.
   */
  private joins: Int32Array | undefined;

  constructor(readonly vocabulary: Vocabulary) {
    for (const [bytes, rank] of vocabulary.binaryTokens()) {
      this.binaryRanks.set(latin1(bytes), rank);
      for (let i = 1; i < bytes.length; i++) this.binaryJoins[(bytes[i - 1] << 8) | bytes[i]] = 1;
    }
    this.clear();
  }

  /** Rank of the token whose bytes are these (Latin-1-held) bytes, or undefined. */
  rankOfBytes(bytes: string): number | undefined {
    const text = decodeUtf8(bytes);
    return text === undefined ? this.binaryRanks.get(bytes) : this.vocabulary.rankOfText(text);
  }

  /** Bytes of the token of a rank, as a Latin-1 string. */
  bytesOf(rank: number): string {
    let bytes = this.tokenBytes.get(rank);
    if (bytes === undefined) {
      const t = this.vocabulary.token(rank);
      bytes = typeof t === 'string' ? latin1(encoder.encode(t)) : latin1(t ?? []);
      this.tokenBytes.set(rank, bytes);
    }
    return bytes;
  }

  /** Forgets the pairs met so far. */
  clear(): void {
    // Refill a small table rather than allocate one: the benchmark clears before every measurement.
    if (this.slots === INITIAL_SLOTS) {
      this.table.fill(EMPTY);
      this.used = 0;
    } else this.reset(INITIAL_SLOTS);
    this.tokenBytes.clear();
  }

  private reset(slots: number): void {
    this.table = new Int32Array(slots * 4).fill(EMPTY);
    this.slots = slots;
    this.shift = 32 - Math.log2(slots);
    this.used = 0;
  }

  private slot(a: number, b: number): number {
    // The high bits of a multiplicative hash (its low bits depend only on the inputs' low bits).
    return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b) >>> this.shift;
  }

  /** Rank of the token made of the tokens of ranks a and b, or NONE. */
  rank(a: number, b: number): number {
    const table = this.table;
    const last = table.length - 4;
    let i = this.slot(a, b) << 2;
    for (;;) {
      const k = table[i];
      if (k === EMPTY) break;
      if (k === a && table[i + 1] === b) return table[i + 2];
      i = i === last ? 0 : i + 4;
    }
    const r = this.lookUp(a, b);
    if (this.used >= MAX_PAIRS) this.reset(INITIAL_SLOTS);
    else if ((this.used + 1) * 2 > this.slots) this.grow();
    this.put(a, b, r);
    return r;
  }

  /** rank(A ++ B) from the vocabulary: on the texts when both are UTF-8 (no encoding), else on the bytes. */
  private lookUp(a: number, b: number): number {
    const x = this.vocabulary.token(a);
    const y = this.vocabulary.token(b);
    if (typeof x === 'string' && typeof y === 'string') {
      const u = x.charCodeAt(x.length - 1);
      const v = y.charCodeAt(0);
      // Two ASCII characters: short strings, cheap to look up without the filter.
      if ((u >= 0x80 || v >= 0x80) && !this.mayJoin(u, v)) return NONE;
      return this.vocabulary.rankOfText(x + y) ?? NONE;
    }
    const head = this.bytesOf(a);
    const tail = this.bytesOf(b);
    const joined = head + tail;
    const text = decodeUtf8(joined);
    if (text !== undefined) return this.vocabulary.rankOfText(text) ?? NONE;
    // Not UTF-8: only one of the few binary tokens can match, and only one holding this byte pair.
    if (this.binaryJoins[(head.charCodeAt(head.length - 1) << 8) | tail.charCodeAt(0)] === 0) return NONE;
    return this.binaryRanks.get(joined) ?? NONE;
  }

  private mayJoin(u: number, v: number): boolean {
    const joins = this.joins ?? this.markJoins();
    const h = joinHash(u, v);
    return (joins[h >>> 5] & (1 << (h & 31))) !== 0;
  }

  private markJoins(): Int32Array {
    const joins = new Int32Array((1 << JOIN_BITS) >>> 5);
    this.vocabulary.forEachTextToken((t, start, end) => {
      for (let i = start + 1; i < end; i++) {
        const u = t.charCodeAt(i - 1);
        const v = t.charCodeAt(i);
        if (u < 0x80 && v < 0x80) continue; // not asked (see lookUp)
        const h = joinHash(u, v);
        joins[h >>> 5] |= 1 << (h & 31);
      }
    });
    this.joins = joins;
    return joins;
  }

  private put(a: number, b: number, r: number): void {
    const table = this.table;
    const last = table.length - 4;
    let i = this.slot(a, b) << 2;
    while (table[i] !== EMPTY) i = i === last ? 0 : i + 4;
    table[i] = a;
    table[i + 1] = b;
    table[i + 2] = r;
    this.used++;
  }

  private grow(): void {
    const old = this.table;
    this.reset(this.slots * 2);
    for (let i = 0; i < old.length; i += 4) if (old[i] !== EMPTY) this.put(old[i], old[i + 1], old[i + 2]);
  }
}
