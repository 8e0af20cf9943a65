import * as vscode from 'vscode';
import { compareText, type CompareOptions } from '../core/compare';
import type { Catalogue } from '../core/pricing/catalogue';
import type { TokenizerId } from '../core/tokenize/ids';
import { CountSupersededError, CountWorkerClient } from '../node/tokenize/worker-client';
import { WorkerCounts, type CountClient, type CountRequest } from '../node/tokenize/worker-counts';
import type { Assumptions, Comparison, TokenCountResult } from '../core/types';
import { Cancelled, type CountService, type CountSource } from './countService';

/**
 * Counts on a worker thread (dist/count-worker.js), never on the extension host's main thread:
 * open documents are held there as blocks and kept current from the change events, so after an
 * edit only the blocks around it are recounted (core/tokenize/incremental/blocks.ts). The worker starts
 * with the first count, releases idle vocabularies itself, and falls back to counting here if it
 * dies twice (node/tokenize/worker-counts.ts).
 */
export class WorkerCountService implements CountService {
  private readonly counts: WorkerCounts;
  private readonly disposables: vscode.Disposable[] = [];
  private nextCompare = 1;

  constructor(log: (line: string) => void, createClient: () => CountClient = () => new CountWorkerClient()) {
    this.counts = new WorkerCounts({ createClient, log });
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.counts.documentChanged(e.document.uri.toString(), e.document.version, e.contentChanges);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.counts.documentClosed(d.uri.toString())),
    );
  }

  async count(
    text: string | (() => string),
    tokenizers: readonly TokenizerId[],
    token?: vscode.CancellationToken,
    source?: CountSource,
  ): Promise<Map<TokenizerId, TokenCountResult>> {
    const uri = source?.uri.toString();
    const readText = typeof text === 'string' ? () => text : text;
    // A getter, not a value: the worker already holds a tracked document's current version, and
    // reading a large document's text on this thread costs tens of milliseconds.
    const request = (signal: AbortSignal | undefined): CountRequest => {
      const where = source?.kind === 'document' ? { document: { uri: uri as string, version: source.version } } : { key: `selection\u0000${uri ?? ''}` };
      // input: a chat-message file is counted as the request it encodes, as compare() and the CLI count it,
      // so the status bar, the tooltip and the panel show one count.
      return {
        get text() {
          return readText();
        },
        tokenizers,
        ...where,
        input: true,
        ...(signal ? { signal } : {}),
      };
    };
    const { counts, chat } = await this.withCancellation(token, (signal) => this.counts.count(request(signal)));
    return new Map(counts.map((c) => [c.tokenizer, chat ? { ...c, chat } : c]));
  }

  countsQuickly(source: CountSource): boolean {
    return source.kind === 'document' && this.counts.isIncremental(source.uri.toString(), source.version);
  }

  async compare(text: string, catalogue: Catalogue, a: Assumptions, options: CompareOptions, token?: vscode.CancellationToken): Promise<Comparison> {
    if (token?.isCancellationRequested) throw new Cancelled();
    // Every comparison has its own key: the panel's and the tooltip's must not supersede each other.
    const key = `compare\u0000${this.nextCompare++}`;
    return this.withCancellation(token, (signal) =>
      compareText(text, catalogue, a, options, async (t, ids) => {
        const r = await this.counts.count({ text: t, tokenizers: ids, key, signal, input: true });
        return { counts: new Map(r.counts.map((c) => [c.tokenizer, c])), ...(r.chat ? { chat: r.chat } : {}) };
      }),
    );
  }

  /** Runs `work` with an AbortSignal that follows `token`; a superseded or cancelled count becomes `Cancelled`. */
  private async withCancellation<T>(token: vscode.CancellationToken | undefined, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    if (token?.isCancellationRequested) throw new Cancelled();
    const abort = token ? new AbortController() : undefined;
    const listener = token?.onCancellationRequested(() => abort?.abort());
    try {
      return await work(abort?.signal);
    } catch (err) {
      if (err instanceof CountSupersededError) throw new Cancelled();
      throw err;
    } finally {
      listener?.dispose();
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.counts.dispose();
  }
}
