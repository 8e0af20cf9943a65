/**
 * What the count worker does, independent of the thread it runs on (src/node/tokenize/worker.ts wires it to
 * `parentPort`; tests drive it directly). It keeps every open document as blocks with per-block
 * counts, applies edits as they arrive, and works through count requests in short slices so a
 * newer edit or request is taken in between: an edit made while a document is being counted
 * replaces only the blocks it touches, and the count then finishes on the newest version.
 */
import type { TokenCountResult } from '../../types';
import type { TokenizerId } from '../ids';
import type { Tokenizer } from '../index';
import { countChat, parseChat, type ChatFormat } from '../chat';
import { BlockDocument, CachedCounter, countPending } from './blocks';
import { chunkCounterFor } from './counters';
import type { FromWorker, ToWorker } from './protocol';

export interface ServiceHost {
  loadTokenizer(id: TokenizerId): Promise<Tokenizer>;
  releaseTokenizers(ids: TokenizerId[]): void;
  post(message: FromWorker): void;
  now(): number;
}

/** Longest stretch of counting before the worker looks at its message queue again. */
const SLICE_MS = 8;
export const DEFAULT_RELEASE_IDLE_AFTER_MS = 5 * 60_000;

interface OpenDocument {
  doc: BlockDocument;
  version: number;
}

interface Job {
  requestId: number;
  tokenizers: TokenizerId[];
  /** Count a chat-message file as the request it encodes (decided once, on the first slice). */
  input?: boolean;
  chat?: { format: ChatFormat; count(tokenizer: Tokenizer): number } | null;
  /** An open document (counted at its newest version) or a snapshot of text. */
  uri?: string;
  snapshot?: BlockDocument;
  version?: number;
}

export class IncrementalCountService {
  private readonly docs = new Map<string, OpenDocument>();
  /** Documents whose text is still arriving in parts. */
  private readonly opening = new Map<string, { version: number; parts: string[] }>();
  private readonly counters = new Map<TokenizerId, { counter: CachedCounter; tokenizer: Tokenizer }>();
  private readonly lastUsed = new Map<TokenizerId, number>();
  private readonly jobs: Job[] = [];
  private running = false;
  private releaseIdleAfterMs = DEFAULT_RELEASE_IDLE_AFTER_MS;

  constructor(private readonly host: ServiceHost) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'open':
        this.docs.delete(message.uri);
        this.opening.set(message.uri, { version: message.version, parts: [message.text] });
        if (message.complete) this.finishOpen(message.uri);
        break;
      case 'append': {
        const opening = this.opening.get(message.uri);
        if (!opening) break; // closed meanwhile
        opening.parts.push(message.text);
        if (message.complete) this.finishOpen(message.uri);
        break;
      }
      case 'edit': {
        const open = this.docs.get(message.uri);
        if (!open) break; // the client re-opens a document it has not opened here
        try {
          for (const change of message.changes) open.doc.applyChange(change);
          open.version = message.version;
        } catch {
          // An edit that does not fit means the client's view diverged: forget the document so
          // the next count request re-sends its text.
          this.docs.delete(message.uri);
        }
        break;
      }
      case 'close':
        this.docs.delete(message.uri);
        this.opening.delete(message.uri);
        break;
      case 'countDocument': {
        const open = this.docs.get(message.uri);
        if (!open) {
          this.host.post({ type: 'error', requestId: message.requestId, message: `document ${message.uri} is not open in the count worker` });
          break;
        }
        if (message.range) {
          const { start, end } = message.range;
          if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= open.doc.length)) {
            this.host.post({
              type: 'error',
              requestId: message.requestId,
              message: `range ${start}..${end} is outside the document (length ${open.doc.length})`,
            });
            break;
          }
          this.enqueue({
            requestId: message.requestId,
            tokenizers: message.tokenizers,
            input: message.input,
            snapshot: new BlockDocument(open.doc.slice(start, end)),
            version: open.version,
          });
        } else {
          this.enqueue({ requestId: message.requestId, tokenizers: message.tokenizers, input: message.input, uri: message.uri });
        }
        break;
      }
      case 'countText':
        this.enqueue({ requestId: message.requestId, tokenizers: message.tokenizers, input: message.input, snapshot: new BlockDocument(message.text) });
        break;
      case 'cancel': {
        const i = this.jobs.findIndex((j) => j.requestId === message.requestId);
        if (i >= 0) this.jobs.splice(i, 1);
        break;
      }
      case 'configure':
        this.releaseIdleAfterMs = message.releaseIdleAfterMs;
        break;
    }
  }

  private finishOpen(uri: string): void {
    const opening = this.opening.get(uri);
    if (!opening) return;
    this.opening.delete(uri);
    this.docs.set(uri, { doc: new BlockDocument(opening.parts.join('')), version: opening.version });
  }

  /** Releases vocabularies not used for the configured time; block counts stay. */
  releaseIdle(): TokenizerId[] {
    const now = this.host.now();
    const idle = [...this.lastUsed].filter(([, t]) => now - t >= this.releaseIdleAfterMs).map(([id]) => id);
    for (const id of idle) {
      this.counters.delete(id);
      this.lastUsed.delete(id);
    }
    if (idle.length) this.host.releaseTokenizers(idle);
    return idle;
  }

  get loadedTokenizers(): TokenizerId[] {
    return [...this.counters.keys()];
  }

  /** Resolves when every queued request has been answered (for tests and the benchmark). */
  async idle(): Promise<void> {
    while (this.running || this.jobs.length) await new Promise((r) => setImmediate(r));
  }

  private enqueue(job: Job): void {
    this.jobs.push(job);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.run());
    }
  }

  private async counterFor(id: TokenizerId): Promise<{ counter: CachedCounter; tokenizer: Tokenizer }> {
    let entry = this.counters.get(id);
    if (!entry) {
      const tokenizer = await this.host.loadTokenizer(id);
      entry = this.counters.get(id) ?? { counter: new CachedCounter(chunkCounterFor(tokenizer)), tokenizer };
      this.counters.set(id, entry);
    }
    this.lastUsed.set(id, this.host.now());
    return entry;
  }

  /** Works on the newest request for one slice, then yields so new messages are handled. */
  private async run(): Promise<void> {
    const job = this.jobs[this.jobs.length - 1];
    if (!job) {
      this.running = false;
      return;
    }
    try {
      const done = await this.step(job);
      if (done && this.jobs.includes(job)) {
        this.jobs.splice(this.jobs.indexOf(job), 1);
        this.host.post(done);
      }
    } catch (err) {
      const i = this.jobs.indexOf(job);
      if (i >= 0) this.jobs.splice(i, 1);
      this.host.post({ type: 'error', requestId: job.requestId, message: err instanceof Error ? err.message : String(err) });
    }
    setImmediate(() => void this.run());
  }

  private async step(job: Job): Promise<FromWorker | undefined> {
    const deadline = this.host.now() + SLICE_MS;
    const shouldYield = (): boolean => this.host.now() >= deadline;
    const counts: TokenCountResult[] = [];
    for (const id of job.tokenizers) {
      const { counter, tokenizer } = await this.counterFor(id);
      if (!this.jobs.includes(job)) return undefined; // cancelled while a vocabulary loaded
      const open = job.uri !== undefined ? this.docs.get(job.uri) : undefined;
      const doc = job.snapshot ?? open?.doc;
      if (!doc) throw new Error(`document ${job.uri} was closed before it was counted`);
      if (job.input && job.chat === undefined) job.chat = chatOf(doc);
      const tokens = job.chat ? job.chat.count(tokenizer) : countPending(doc, counter, shouldYield);
      if (tokens === undefined) return undefined;
      counts.push({ tokenizer: id, tokens, exact: tokenizer.exact });
    }
    const version = job.snapshot ? job.version : this.docs.get(job.uri as string)?.version;
    const chat = job.chat ? { chat: job.chat.format } : {};
    return version === undefined
      ? { type: 'result', requestId: job.requestId, counts, ...chat }
      : { type: 'result', requestId: job.requestId, version, counts, ...chat };
  }
}

/** The chat request a document encodes, if it is chat-message JSON (see chat.ts); null otherwise. */
function chatOf(doc: BlockDocument): Job['chat'] {
  const head = doc.slice(0, 256).trimStart();
  if (head && head[0] !== '{' && head[0] !== '[') return null;
  const chat = parseChat(doc.getText());
  return chat ? { format: chat.format, count: (tokenizer) => countChat(chat, tokenizer) } : null;
}
