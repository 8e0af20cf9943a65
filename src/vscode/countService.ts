import type * as vscode from 'vscode';
import type { CompareOptions } from '../core/compare';
import type { Catalogue } from '../core/pricing/catalogue';
import type { TokenizerId } from '../core/tokenize/ids';
import type { Assumptions, Comparison, TokenCountResult } from '../core/types';

/**
 * Everything the front end needs from tokenization, behind one small interface. The extension
 * uses WorkerCountService (workerCountService.ts): counts on a worker thread, incremental per document.
 */
export interface CountService extends vscode.Disposable {
  /**
   * Counts `text` with each tokenizer; rejects with a `Cancelled` error if `token` fires first.
   * `source` says where the text comes from: the whole of an open document at a version (a
   * service may then count only what changed since its last count) or a selection in it.
   */
  /** `text` may be a function: a tracked document's text is then read only if the counter does not hold that version. */
  count(
    text: string | (() => string),
    tokenizers: readonly TokenizerId[],
    token?: vscode.CancellationToken,
    source?: CountSource,
  ): Promise<Map<TokenizerId, TokenCountResult>>;
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
