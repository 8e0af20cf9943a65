/**
 * The tokens of a rank vocabulary that are text, held as one string (the tokens concatenated in
 * rank order) with an open-addressing table of ranks keyed by each token's UTF-16 units. Loading
 * makes no string per token and no 200,000-entry Map: building that Map of o200k_base's tokens
 * took V8 340-870 ms on the shared 2-core machine, this table a few milliseconds.
 */
const EMPTY = -1;

/** FNV-1a over the UTF-16 units text[start..end). */
function hashUnits(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class TextRanks {
  /** By rank: where the token starts in `text`, -1 for a token that is not text. */
  private readonly starts: Int32Array;
  private readonly lengths: Uint8Array;
  /** Ranks by hash slot, EMPTY where free. */
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Token strings made so far, by rank. */
  private readonly made: (string | undefined)[] = [];

  /** `lengths`: one per rank, the token's length in `text` (UTF-16 units), 0 for a token that is not text. */
  constructor(
    readonly text: string,
    lengths: Uint8Array,
  ) {
    this.lengths = lengths;
    this.starts = new Int32Array(lengths.length);
    let at = 0;
    let count = 0;
    for (let rank = 0; rank < lengths.length; rank++) {
      if (lengths[rank] === 0) {
        this.starts[rank] = -1;
        continue;
      }
      this.starts[rank] = at;
      at += lengths[rank];
      count++;
    }
    if (at !== text.length) throw new Error(`token lengths add up to ${at}, not to the ${text.length} units of the text`);
    let slots = 1;
    while (slots < count * 2) slots <<= 1;
    this.mask = slots - 1;
    this.table = new Int32Array(slots).fill(EMPTY);
    for (let rank = 0; rank < lengths.length; rank++) {
      const start = this.starts[rank];
      if (start < 0) continue;
      let i = hashUnits(text, start, start + lengths[rank]) & this.mask;
      while (this.table[i] !== EMPTY) i = (i + 1) & this.mask;
      this.table[i] = rank;
    }
  }

  /** Rank of the token whose text is `s`, or undefined. */
  rankOf(s: string): number | undefined {
    const { table, mask, text, starts, lengths } = this;
    const n = s.length;
    if (n === 0 || n > 255) return undefined;
    for (let i = hashUnits(s, 0, n) & mask; ; i = (i + 1) & mask) {
      const rank = table[i];
      if (rank === EMPTY) return undefined;
      if (lengths[rank] !== n) continue;
      const start = starts[rank];
      let k = 0;
      while (k < n && text.charCodeAt(start + k) === s.charCodeAt(k)) k++;
      if (k === n) return rank;
    }
  }

  /** The token's text, or undefined when the token is not text. */
  textOf(rank: number): string | undefined {
    let s = this.made[rank];
    if (s === undefined) {
      const start = this.starts[rank];
      if (start === undefined || start < 0) return undefined;
      s = this.text.slice(start, start + this.lengths[rank]);
      this.made[rank] = s;
    }
    return s;
  }

  /** Calls `visit` with every text token: it is `text[start..end)`. */
  forEach(visit: (text: string, start: number, end: number, rank: number) => void): void {
    for (let rank = 0; rank < this.starts.length; rank++) {
      const start = this.starts[rank];
      if (start >= 0) visit(this.text, start, start + this.lengths[rank], rank);
    }
  }
}
