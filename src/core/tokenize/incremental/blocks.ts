/**
 * Incremental exact counting: a document is held as blocks cut at safe positions
 * (cuts.ts), each block's count is kept per tokenizer, and an edit re-splits and
 * recounts only the one or two blocks it touches. The sum of block counts equals the count of
 * the whole text (tested on random edits in test/unit/incremental.test.ts).
 */
import { splitIntoBlocks, isSafeCut } from './cuts';
import type { BlockMeasure, ChunkCounter } from './counters';

export type { BlockMeasure, ChunkCounter } from './counters';

/** One edit, with the field names of VS Code's `TextDocumentContentChangeEvent` (UTF-16 offsets). */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface Block {
  readonly text: string;
  /** Measure (token count, or features for estimates) of `text` per tokenizer id, filled as blocks get counted. */
  readonly counts: Map<string, BlockMeasure>;
}

function newBlocks(text: string): Block[] {
  return splitIntoBlocks(text).map((t) => ({ text: t, counts: new Map<string, BlockMeasure>() }));
}

/** The text of a document as a list of blocks, edited in place. */
export class BlockDocument {
  private blocks: Block[];
  private totalLength: number;

  constructor(text: string) {
    this.blocks = newBlocks(text);
    this.totalLength = text.length;
  }

  get length(): number {
    return this.totalLength;
  }

  get blockList(): readonly Block[] {
    return this.blocks;
  }

  getText(): string {
    return this.blocks.map((b) => b.text).join('');
  }

  /** Text between two offsets, without joining the whole document. */
  slice(start: number, end: number): string {
    const parts: string[] = [];
    let offset = 0;
    for (const b of this.blocks) {
      const bEnd = offset + b.text.length;
      if (bEnd > start && offset < end) parts.push(b.text.slice(Math.max(0, start - offset), Math.min(b.text.length, end - offset)));
      if (bEnd >= end) break;
      offset = bEnd;
    }
    return parts.join('');
  }

  /** Applies one edit; only the blocks around it are replaced (and lose their counts). */
  applyChange(change: TextChange): void {
    const { rangeOffset, rangeLength, text } = change;
    if (
      !Number.isInteger(rangeOffset) ||
      !Number.isInteger(rangeLength) ||
      rangeOffset < 0 ||
      rangeLength < 0 ||
      rangeOffset + rangeLength > this.totalLength
    ) {
      throw new RangeError(`Edit range ${rangeOffset}+${rangeLength} is outside the document (length ${this.totalLength})`);
    }
    const end = rangeOffset + rangeLength;
    const blocks = this.blocks;

    // First block holding the edit start, and the offset where it begins.
    let lo = 0;
    let loStart = 0;
    while (lo < blocks.length - 1 && loStart + blocks[lo].text.length <= rangeOffset) {
      loStart += blocks[lo].text.length;
      lo++;
    }
    // Last block holding the edit end (an empty range stays in `lo`).
    let hi = lo;
    let hiEnd = loStart + blocks[lo].text.length;
    while (hi < blocks.length - 1 && hiEnd < end) {
      hi++;
      hiEnd += blocks[hi].text.length;
    }

    let region = '';
    for (let k = lo; k <= hi; k++) region += blocks[k].text;
    region = region.slice(0, rangeOffset - loStart) + text + region.slice(end - loStart);

    // Grow the region until the cuts on both sides are still safe with the new text around them.
    for (;;) {
      let grew = false;
      if (lo > 0) {
        const prev = blocks[lo - 1].text;
        const after = region + (hi + 1 < blocks.length ? blocks[hi + 1].text : '');
        if (!isSafeCut(prev.slice(-1) + after, 1)) {
          region = prev + region;
          lo--;
          grew = true;
        }
      }
      if (hi + 1 < blocks.length) {
        const next = blocks[hi + 1].text;
        const before = (lo > 0 ? blocks[lo - 1].text.slice(-1) : '') + region;
        if (!isSafeCut(before + next, before.length)) {
          region += next;
          hi++;
          grew = true;
        }
      }
      if (!grew) break;
    }

    blocks.splice(lo, hi - lo + 1, ...(region.length > 0 ? newBlocks(region) : []));
    if (blocks.length === 0) blocks.push(...newBlocks(''));
    this.totalLength += text.length - rangeLength;
  }
}

/**
 * Counts of blocks by block text, for one tokenizer, bounded by the total length of the texts it
 * keeps (least recently used first out). Lets a selection or an undo reuse earlier counts.
 */
export class BlockCountCache {
  private readonly entries = new Map<string, BlockMeasure>();
  private chars = 0;

  constructor(private readonly maxChars = 32 * 1024 * 1024) {}

  get(text: string): BlockMeasure | undefined {
    const n = this.entries.get(text);
    if (n !== undefined) {
      this.entries.delete(text);
      this.entries.set(text, n);
    }
    return n;
  }

  set(text: string, tokens: BlockMeasure): void {
    if (text.length > this.maxChars) return;
    if (this.entries.has(text)) this.entries.delete(text);
    else this.chars += text.length;
    this.entries.set(text, tokens);
    for (const [oldest] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A tokenizer together with its block cache. */
export class CachedCounter {
  readonly cache: BlockCountCache;

  constructor(
    readonly counter: ChunkCounter,
    maxCachedChars?: number,
  ) {
    this.cache = new BlockCountCache(maxCachedChars);
  }

  get id(): string {
    return this.counter.id;
  }

  /** Counts one block if it has no count for this tokenizer yet. */
  countBlock(block: Block): void {
    if (block.counts.has(this.counter.id)) return;
    let n = this.cache.get(block.text);
    if (n === undefined) {
      n = this.counter.measure(block.text);
      this.cache.set(block.text, n);
    }
    block.counts.set(this.counter.id, n);
  }
}

/**
 * Counts the blocks of `doc` that have no count yet, until `shouldYield()` says to stop.
 * Returns the total when every block is counted, `undefined` when it stopped early.
 */
export function countPending(doc: BlockDocument, counter: CachedCounter, shouldYield: () => boolean = () => false): number | undefined {
  const measures: BlockMeasure[] = [];
  for (const block of doc.blockList) {
    let m = block.counts.get(counter.id);
    if (m === undefined) {
      if (shouldYield()) return undefined;
      counter.countBlock(block);
      m = block.counts.get(counter.id) as BlockMeasure;
    }
    measures.push(m);
  }
  return counter.counter.total(measures, doc.length);
}

/** Synchronous incremental counter of one document with one tokenizer (used by tests and the CLI). */
export class IncrementalCounter {
  private readonly doc: BlockDocument;
  private readonly counter: CachedCounter;

  constructor(tokenizer: ChunkCounter, text: string) {
    this.doc = new BlockDocument(text);
    this.counter = new CachedCounter(tokenizer);
  }

  applyChange(change: TextChange): number {
    this.doc.applyChange(change);
    return this.total();
  }

  total(): number {
    return countPending(this.doc, this.counter) as number;
  }

  get document(): BlockDocument {
    return this.doc;
  }
}
