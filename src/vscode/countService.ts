import type * as vscode from 'vscode';
import { compareText, type CompareOptions } from '../core/compare';
import type { Catalogue } from '../core/pricing/catalogue';
import { loadTokenizer } from '../core/tokenize';
import type { TokenizerId } from '../core/tokenize/ids';
import type { Assumptions, Comparison, TokenCountResult } from '../core/types';

/**
 * Everything the front end needs from tokenization, behind one small interface, so counting can
 * move into a worker thread (with incremental counting) without touching the status bar or panel.
 */
export interface CountService extends vscode.Disposable {
  /**
   * Counts `text` with each tokenizer; rejects with a `Cancelled` error if `token` fires first.
   * `source` says where the text comes from: the whole of an open document at a version (a
   * service may then count only what changed since its last count) or a selection in it.
   */
  count(text: string, tokenizers: readonly TokenizerId[], token?: vscode.CancellationToken, source?: CountSource): Promise<Map<TokenizerId, TokenCountResult>>;
  /** True when counting this document version will be quick (only recent edits to recount), so no "counting…" is needed. */
  countsQuickly?(source: CountSource): boolean;
  /** Counts `text` with every tokenizer the compared models use and prices it (core `compareText`). */
  compare(text: string, catalogue: Catalogue, a: Assumptions, options: CompareOptions, token?: vscode.CancellationToken): Promise<Comparison>;
}

export interface CountSource {
  kind: 'document' | 'selection';
  uri: vscode.Uri;
  version: number;
}

export class Cancelled extends Error {
  constructor() {
    super('count cancelled');
  }
}

const CACHE_SIZE = 64;
/** Longer texts are not kept in the many-entry cache (memory); only the last one is remembered. */
const CACHEABLE_LENGTH = 200_000;

/**
 * Counts in the extension host, one tokenizer at a time with a yield between them, and remembers
 * recent results so the status bar and the panel do not count the same text twice.
 */
export class InProcessCountService implements CountService {
  private readonly cache = new Map<string, TokenCountResult>();
  private large: { text: string; results: Map<TokenizerId, TokenCountResult> } | undefined;

  async count(text: string, tokenizers: readonly TokenizerId[], token?: vscode.CancellationToken): Promise<Map<TokenizerId, TokenCountResult>> {
    const out = new Map<TokenizerId, TokenCountResult>();
    for (const id of new Set(tokenizers)) {
      if (token?.isCancellationRequested) throw new Cancelled();
      const key = id + '\u0000' + text;
      let result = text.length > CACHEABLE_LENGTH ? (this.large?.text === text ? this.large.results.get(id) : undefined) : this.cache.get(key);
      if (!result) {
        const tokenizer = await loadTokenizer(id);
        // Give queued editor events a turn before a possibly long count.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (token?.isCancellationRequested) throw new Cancelled();
        result = { tokenizer: id, tokens: tokenizer.count(text), exact: tokenizer.exact };
        this.remember(key, text, result);
      }
      out.set(id, result);
    }
    return out;
  }

  async compare(text: string, catalogue: Catalogue, a: Assumptions, options: CompareOptions, token?: vscode.CancellationToken): Promise<Comparison> {
    if (token?.isCancellationRequested) throw new Cancelled();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) throw new Cancelled();
    return compareText(text, catalogue, a, options);
  }

  private remember(key: string, text: string, result: TokenCountResult): void {
    if (text.length > CACHEABLE_LENGTH) {
      if (this.large?.text !== text) this.large = { text, results: new Map() };
      this.large.results.set(result.tokenizer, result);
      return;
    }
    this.cache.delete(key);
    this.cache.set(key, result);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
  }

  dispose(): void {
    this.cache.clear();
    this.large = undefined;
  }
}
