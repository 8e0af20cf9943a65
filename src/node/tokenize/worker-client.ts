/**
 * The extension host's side of the count worker (dist/count-worker.js). Nothing heavy happens
 * here: no tokenizer is loaded on this thread, the worker starts on the first count request, and
 * after that only edits (ranges) and small requests cross the thread boundary; a document's text
 * is sent once, when the worker does not hold it at the right version yet, and a long text is
 * sent in parts with a turn for the host's other work between them (core/tokenize/incremental/protocol.ts).
 *
 * A newer request with the same key supersedes the older one: the older promise rejects with
 * `CountSupersededError` and the worker drops its work. Edits never wait for a count.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { TokenCountResult } from '../../core/types';
import type { ChatFormat } from '../../core/tokenize/chat';
import type { TokenizerId } from '../../core/tokenize/ids';
import type { TextChange } from '../../core/tokenize/incremental/blocks';
import type { FromWorker, OffsetRange, ToWorker } from '../../core/tokenize/incremental/protocol';

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
  /** Set when the text was counted as a chat request (`input` requests only). */
  chat?: ChatFormat;
}

export interface CountOptions {
  /** Requests with the same key supersede each other (the default key depends on the call). */
  key?: string;
  /** Aborting rejects the request with `CountSupersededError` and stops the worker's work on it. */
  signal?: AbortSignal;
  /** Count a chat-message file as the request it encodes (core `countInput`), not as plain text. */
  input?: boolean;
}

export class CountSupersededError extends Error {
  constructor(message = 'superseded by a newer count request') {
    super(message);
    this.name = 'CountSupersededError';
  }
}

/** The worker thread died (uncaught error, failed start, exit) while a request was waiting. */
export class CountWorkerLostError extends Error {
  /** `worker`: which worker of this client died (1 for the first one started), so one death is told apart from two. */
  constructor(
    reason: string,
    readonly worker: number,
  ) {
    super(`the count worker stopped: ${reason}`);
    this.name = 'CountWorkerLostError';
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

/** Texts longer than this (UTF-16 code units) cross to the worker in parts of this size. */
export const TRANSFER_PART = 256 * 1024;

interface Pending {
  resolve(value: DocumentCounts): void;
  reject(error: Error): void;
  key?: string;
  /** Runs when the request is settled, however (e.g. closes a temporary document). */
  cleanup?: () => void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class CountWorkerClient {
  private worker: Worker | undefined;
  private nextRequestId = 1;
  private nextTemporary = 1;
  private workersStarted = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly requestByKey = new Map<string, number>();
  /** Version of each document as the worker holds it (or will, once its text has arrived). */
  private readonly heldVersions = new Map<string, number>();
  /** Documents whose text is being sent in parts: resolves true when all of it was sent. */
  private readonly sending = new Map<string, { version: number; done: Promise<boolean> }>();
  private disposed = false;

  constructor(private readonly options: CountWorkerClientOptions = {}) {}

  /** Forwards the edits of one change event (VS Code's `contentChanges`, in their order). */
  documentChanged(uri: string, version: number, changes: readonly TextChange[]): void {
    const held = this.heldVersions.get(uri);
    if (held === undefined || !this.worker) return; // not in the worker: sent whole on the next count
    if (version !== held + 1 || this.sending.has(uri)) {
      // A missed event (or text still on its way): the worker's copy would be stale, so let it
      // go and send the text again on the next count.
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

  /** Whether the worker holds this document at this version (a count then only recounts what changed). */
  holds(uri: string, version: number): boolean {
    return !!this.worker && this.heldVersions.get(uri) === version;
  }

  /**
   * Counts a document, or the range of it given in `range` (UTF-16 offsets, e.g. a selection),
   * with each tokenizer. A newer call for the same document and kind (whole / range) or the same
   * `key` supersedes this one.
   */
  countDocument(doc: CountableDocument, tokenizers: TokenizerId[], options: CountOptions & { range?: OffsetRange } = {}): Promise<DocumentCounts> {
    this.ensureWorker();
    const key = options.key ?? `${options.range ? 'range' : 'document'}\u0000${doc.uri}`;
    const ready = this.heldVersions.get(doc.uri) === doc.version ? this.sending.get(doc.uri)?.done : this.sendText(doc.uri, doc.version, doc.getText());
    return this.request(
      key,
      options,
      (requestId) => ({
        type: 'countDocument',
        requestId,
        uri: doc.uri,
        tokenizers,
        ...(options.range ? { range: options.range } : {}),
        ...(options.input ? { input: true } : {}),
      }),
      ready,
    );
  }

  /** Counts a text that is not an open document. A newer call with the same `key` supersedes it. */
  async countText(text: string, tokenizers: TokenizerId[], options: CountOptions = {}): Promise<DocumentCounts> {
    this.ensureWorker();
    const key = `text\u0000${options.key ?? 'text'}`;
    const input = options.input ? { input: true } : {};
    if (text.length <= TRANSFER_PART) {
      const r = await this.request(key, options, (requestId) => ({ type: 'countText', requestId, text, tokenizers, ...input }));
      return r.chat ? { counts: r.counts, chat: r.chat } : { counts: r.counts };
    }
    // A long text goes over in parts as a temporary document, closed once answered.
    const uri = `token-spend-text:${this.nextTemporary++}`;
    const ready = this.sendText(uri, 0, text);
    const r = await this.request(
      key,
      options,
      (requestId) => ({ type: 'countDocument', requestId, uri, tokenizers, ...input }),
      ready,
      () => this.forget(uri),
    );
    return r.chat ? { counts: r.counts, chat: r.chat } : { counts: r.counts };
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

  /** Sends a document's text, in parts when long. Resolves false if it was forgotten meanwhile. */
  private sendText(uri: string, version: number, text: string): Promise<boolean> | undefined {
    this.heldVersions.set(uri, version);
    if (text.length <= TRANSFER_PART) {
      this.sending.delete(uri);
      this.post({ type: 'open', uri, version, text, complete: true });
      return undefined;
    }
    const worker = this.worker;
    const stillWanted = (): boolean => !this.disposed && this.worker === worker && this.heldVersions.get(uri) === version && this.sending.get(uri) === entry;
    const send = async (): Promise<boolean> => {
      for (let at = 0; at < text.length; at += TRANSFER_PART) {
        if (at > 0) {
          await nextTurn();
          if (!stillWanted()) return false;
        }
        const part = text.slice(at, at + TRANSFER_PART);
        const complete = at + TRANSFER_PART >= text.length;
        this.post(at === 0 ? { type: 'open', uri, version, text: part, complete } : { type: 'append', uri, text: part, complete });
      }
      this.sending.delete(uri);
      return true;
    };
    const entry = { version, done: send() };
    this.sending.set(uri, entry);
    return entry.done;
  }

  private request(
    key: string,
    options: CountOptions,
    build: (requestId: number) => ToWorker,
    ready?: Promise<boolean>,
    cleanup?: () => void,
  ): Promise<DocumentCounts> {
    const older = this.requestByKey.get(key);
    if (older !== undefined) this.cancel(older);
    const requestId = this.nextRequestId++;
    this.requestByKey.set(key, requestId);
    const { signal } = options;
    return new Promise<DocumentCounts>((resolve, reject) => {
      if (signal?.aborted) {
        cleanup?.();
        reject(new CountSupersededError('count cancelled'));
        return;
      }
      const wasBusy = this.busy;
      const onAbort = (): void => this.cancel(requestId, 'count cancelled');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(requestId, {
        resolve,
        reject,
        key,
        cleanup: () => {
          signal?.removeEventListener('abort', onAbort);
          cleanup?.();
        },
      });
      if (!wasBusy) this.busyChanged(true);
      if (!ready) {
        this.post(build(requestId));
        return;
      }
      void ready.then((sent) => {
        if (!this.pending.has(requestId)) return; // superseded or cancelled while the text was sent
        if (sent) this.post(build(requestId));
        // The text was dropped (a newer version or a lost worker): this count is out of date.
        else this.settle(requestId)?.reject(new CountSupersededError('the document changed while it was sent to the count worker'));
      });
    });
  }

  private cancel(requestId: number, reason?: string): void {
    this.post({ type: 'cancel', requestId });
    this.settle(requestId)?.reject(new CountSupersededError(reason));
  }

  /** Removes a request from the books and returns it. */
  private settle(requestId: number): Pending | undefined {
    const p = this.pending.get(requestId);
    if (!p) return undefined;
    this.pending.delete(requestId);
    if (p.key !== undefined && this.requestByKey.get(p.key) === requestId) this.requestByKey.delete(p.key);
    p.cleanup?.();
    if (!this.busy) this.busyChanged(false);
    return p;
  }

  private busyChanged(busy: boolean): void {
    if (busy) this.worker?.ref();
    else this.worker?.unref();
    this.options.onBusyChange?.(busy);
  }

  private forget(uri: string): void {
    this.sending.delete(uri);
    if (this.heldVersions.delete(uri)) this.post({ type: 'close', uri });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.disposed) throw new Error('the count worker was disposed');
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath ?? join(__dirname, 'count-worker.js'));
    const generation = ++this.workersStarted;
    worker.unref();
    worker.on('message', (message: FromWorker) => {
      const p = this.settle(message.requestId);
      if (!p) return; // superseded meanwhile
      if (message.type === 'result') {
        const { version, counts, chat } = message;
        p.resolve({ counts, ...(version === undefined ? {} : { version }), ...(chat ? { chat } : {}) });
      } else p.reject(new Error(message.message));
    });
    const lost = (reason: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.heldVersions.clear();
      this.sending.clear();
      this.failAll(new CountWorkerLostError(reason, generation));
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
