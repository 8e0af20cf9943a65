/**
 * Messages between the extension host (src/node/tokenize/worker-client.ts) and the count worker (src/node/tokenize/worker.ts).
 * Documents live in the worker as blocks; the host sends edits as ranges, never the whole text
 * again. Every message is a plain object (structured clone).
 *
 * A long text crosses in parts (`open` with `complete: false`, then `append`s): copying one
 * 10 MB string into a message holds the sending thread for tens of milliseconds, a part of
 * 256K characters for one or two, and the host gets a turn between parts.
 */
import type { TokenCountResult } from '../../types';
import type { ChatFormat } from '../chat';
import type { TokenizerId } from '../ids';
import type { TextChange } from './blocks';

export interface OffsetRange {
  start: number;
  end: number;
}

export type ToWorker =
  | { type: 'open'; uri: string; version: number; text: string; complete: boolean }
  | { type: 'append'; uri: string; text: string; complete: boolean }
  | { type: 'edit'; uri: string; version: number; changes: TextChange[] }
  | { type: 'close'; uri: string }
  /**
   * Count an open document, or a range of it (a selection) as it is when the request arrives.
   * `input`: a chat-message file (JSON) is counted as the request it encodes (core `countInput`).
   */
  | { type: 'countDocument'; requestId: number; uri: string; tokenizers: TokenizerId[]; range?: OffsetRange; input?: boolean }
  | { type: 'countText'; requestId: number; text: string; tokenizers: TokenizerId[]; input?: boolean }
  | { type: 'cancel'; requestId: number }
  /** Vocabularies unused this long are released (their block counts are kept). */
  | { type: 'configure'; releaseIdleAfterMs: number };

export type FromWorker =
  /** `version` is the document version the counts are for (absent for `countText`); `chat` when counted as a chat request. */
  | { type: 'result'; requestId: number; version?: number; counts: TokenCountResult[]; chat?: ChatFormat }
  | { type: 'error'; requestId: number; message: string };
