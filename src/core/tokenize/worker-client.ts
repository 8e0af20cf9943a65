/**
 * The extension host's side of the count worker (dist/count-worker.js). Nothing heavy happens
 * here: no tokenizer is loaded on this thread, the worker starts on the first count request, and
 * after that only edits (ranges) and small requests cross the thread boundary; a document's text
 * is sent once, when the worker does not hold it at the right version yet.
 *
 * A newer request with the same key supersedes the older one: the older promise rejects with
 * `CountSupersededError` and the worker drops its work. Edits never wait for a count.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { TokenCountResult } from '../types';
import type { TokenizerId } from './ids';
import type { TextChange } from './incremental';
import type { FromWorker, OffsetRange, ToWorker } from './incremental-protocol';

/** The parts of a document the client needs (a VS Code TextDocument adapts in one line). */
export interface CountableDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface DocumentCounts {
  /** Document version the counts are for (absent for plain text). */
  version?: number;
  counts: TokenCountResult[];
}

export class CountSupersededError extends Error {
  constructor() {
    super('superseded by a newer count request');
    this.name = 'CountSupersededError';
  }
}

export interface CountWorkerClientOptions {
  /** Path of count-worker.js; defaults to the one next to the running bundle. */
  workerPath?: string;
  /** Vocabularies unused this long are released in the worker (default 5 minutes). */
  releaseIdleAfterMs?: number;
  /** Told when the first request starts waiting and when the last one is answered (spinner). */
  onBusyChange?: (busy: boolean) => void;
}

interface Pending {
  resolve(value: DocumentCounts): void;
  reject(error: Error): void;
  key?: string;
}

export class CountWorkerClient {
  private worker: Worker | undefined;
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly requestByKey = new Map<string, number>();
  /** Version of each document as the worker holds it. */
  private readonly heldVersions = new Map<string, number>();
  private disposed = false;

  constructor(private readonly options: CountWorkerClientOptions = {}) {}

  /** Forwards the edits of one change event (VS Code's `contentChanges`, in their order). */
  documentChanged(uri: string, version: number, changes: readonly TextChange[]): void {
    const held = this.heldVersions.get(uri);
    if (held === undefined || !this.worker) return; // not in the worker: sent whole on the next count
    if (version !== held + 1) {
      // A missed event: the worker's copy is stale, so let it go and re-send the text later.
      this.forget(uri);
      return;
    }
    const plain = changes.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text }));
    this.post({ type: 'edit', uri, version, changes: plain });
    this.heldVersions.set(uri, version);
  }

  documentClosed(uri: string): void {
    this.forget(uri);
    for (const [key, requestId] of this.requestByKey) if (key.endsWith(`\u0000${uri}`)) this.cancel(requestId);
  }

  /**
   * Counts a document, or the range of it given in `range` (UTF-16 offsets, e.g. a selection),
   * with each tokenizer. A newer call for the same document and kind (whole / range) or the same
   * `key` supersedes this one.
   */
  countDocument(doc: CountableDocument, tokenizers: TokenizerId[], options: { range?: OffsetRange; key?: string } = {}): Promise<DocumentCounts> {
    const worker = this.ensureWorker();
    if (this.heldVersions.get(doc.uri) !== doc.version) {
      this.post({ type: 'open', uri: doc.uri, version: doc.version, text: doc.getText() }, worker);
      this.heldVersions.set(doc.uri, doc.version);
    }
    const key = options.key ?? `${options.range ? 'range' : 'document'}\u0000${doc.uri}`;
    return this.request(key, (requestId) => ({ type: 'countDocument', requestId, uri: doc.uri, tokenizers, ...(options.range ? { range: options.range } : {}) }));
  }

  /** Counts a text that is not an open document. A newer call with the same `key` supersedes it. */
  async countText(text: string, tokenizers: TokenizerId[], key = 'text'): Promise<TokenCountResult[]> {
    this.ensureWorker();
    return (await this.request(`text\u0000${key}`, (requestId) => ({ type: 'countText', requestId, text, tokenizers }))).counts;
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.failAll(new Error('the count worker was disposed'));
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private request(key: string, build: (requestId: number) => ToWorker): Promise<DocumentCounts> {
    const older = this.requestByKey.get(key);
    if (older !== undefined) this.cancel(older);
    const requestId = this.nextRequestId++;
    this.requestByKey.set(key, requestId);
    return new Promise<DocumentCounts>((resolve, reject) => {
      const wasBusy = this.busy;
      this.pending.set(requestId, { resolve, reject, key });
      if (!wasBusy) this.busyChanged(true);
      this.post(build(requestId));
    });
  }

  private cancel(requestId: number): void {
    this.post({ type: 'cancel', requestId });
    this.settle(requestId)?.reject(new CountSupersededError());
  }

  /** Removes a request from the books and returns it. */
  private settle(requestId: number): Pending | undefined {
    const p = this.pending.get(requestId);
    if (!p) return undefined;
    this.pending.delete(requestId);
    if (p.key !== undefined && this.requestByKey.get(p.key) === requestId) this.requestByKey.delete(p.key);
    if (!this.busy) this.busyChanged(false);
    return p;
  }

  private busyChanged(busy: boolean): void {
    if (busy) this.worker?.ref();
    else this.worker?.unref();
    this.options.onBusyChange?.(busy);
  }

  private forget(uri: string): void {
    if (this.heldVersions.delete(uri)) this.post({ type: 'close', uri });
  }

  private post(message: ToWorker, worker = this.worker): void {
    worker?.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.disposed) throw new Error('the count worker was disposed');
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath ?? join(__dirname, 'count-worker.js'));
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const p = this.settle(message.requestId);
      if (!p) return; // superseded meanwhile
      if (message.type === 'result') p.resolve(message.version === undefined ? { counts: message.counts } : { version: message.version, counts: message.counts });
      else p.reject(new Error(message.message));
    });
    const lost = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.heldVersions.clear();
      this.failAll(new Error(`the count worker stopped: ${reason}`));
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    if (this.options.releaseIdleAfterMs !== undefined) this.post({ type: 'configure', releaseIdleAfterMs: this.options.releaseIdleAfterMs });
    return worker;
  }

  private failAll(error: Error): void {
    for (const requestId of [...this.pending.keys()]) this.settle(requestId)?.reject(error);
  }
}
