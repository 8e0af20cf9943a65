/**
 * Byte-pair merging on an explicit merge list (HuggingFace's BPE model): a pair of tokens merges
 * only if the list names that pair, and the pair listed first merges first. Counting only needs
 * the pair → (priority, merged token) table, held in one Int32Array with open addressing.
 */
const EMPTY = -1;
const NONE = 0x7fffffff;

export class MergeTable {
  /** [left, right, priority, merged] at 4 × slot. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private parts = new Int32Array(256);
  private priorities = new Int32Array(256);

  /** `merges`: (left, right, merged) triples in priority order. */
  constructor(merges: Int32Array) {
    const count = merges.length / 3;
    let slots = 1;
    while (slots < count * 2) slots <<= 1;
    this.table = new Int32Array(slots * 4).fill(EMPTY);
    this.mask = slots - 1;
    for (let p = 0; p < count; p++) this.put(merges[p * 3], merges[p * 3 + 1], p, merges[p * 3 + 2]);
  }

  private slot(a: number, b: number): number {
    return (Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b) >>> 7) & this.mask;
  }

  private put(a: number, b: number, priority: number, merged: number): void {
    const t = this.table;
    let i = this.slot(a, b);
    while (t[i * 4] !== EMPTY) {
      // A pair listed twice keeps its first (highest) priority, as HuggingFace's loader does.
      if (t[i * 4] === a && t[i * 4 + 1] === b) return;
      i = (i + 1) & this.mask;
    }
    t[i * 4] = a;
    t[i * 4 + 1] = b;
    t[i * 4 + 2] = priority;
    t[i * 4 + 3] = merged;
  }

  /** Index of the pair's slot × 4, or -1 when the pair is not a merge. */
  private find(a: number, b: number): number {
    const t = this.table;
    let i = this.slot(a, b);
    for (;;) {
      const k = t[i * 4];
      if (k === EMPTY) return -1;
      if (k === a && t[i * 4 + 1] === b) return i * 4;
      i = (i + 1) & this.mask;
    }
  }

  private priority(a: number, b: number): number {
    const at = this.find(a, b);
    return at < 0 ? NONE : this.table[at + 2];
  }

  /** Tokens left after merging the token ids `ids[0..n)` (lowest priority first, leftmost on ties). */
  count(ids: ArrayLike<number>, n: number): number {
    if (n < 2) return n;
    if (this.parts.length < n) {
      this.parts = new Int32Array(n + 64);
      this.priorities = new Int32Array(n + 64);
    }
    const { parts, priorities: prio } = this;
    for (let i = 0; i < n; i++) parts[i] = ids[i];
    for (let i = 0; i < n - 1; i++) prio[i] = this.priority(parts[i], parts[i + 1]);
    let len = n;
    while (len > 1) {
      let lowest = NONE;
      let at = -1;
      for (let i = 0; i < len - 1; i++) {
        if (prio[i] < lowest) {
          lowest = prio[i];
          at = i;
        }
      }
      if (at < 0) break;
      parts[at] = this.table[this.find(parts[at], parts[at + 1]) + 3];
      for (let i = at + 1; i < len - 1; i++) {
        parts[i] = parts[i + 1];
        prio[i] = prio[i + 1];
      }
      len--;
      prio[at] = at + 1 < len ? this.priority(parts[at], parts[at + 1]) : NONE;
      if (at > 0) prio[at - 1] = this.priority(parts[at - 1], parts[at]);
    }
    return len;
  }
}
