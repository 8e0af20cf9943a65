/**
 * Messages between the extension host (worker-client.ts) and the count worker (worker.ts).
 * Documents live in the worker as blocks; the host sends edits as ranges, never the whole text
 * again. Every message is a plain object (structured clone).
 */
import type { TokenCountResult } from '../types';
import type { TokenizerId } from './ids';
import type { TextChange } from './incremental';

export interface OffsetRange {
  start: number;
  end: number;
}

export type ToWorker =
  | { type: 'open'; uri: string; version: number; text: string }
  | { type: 'edit'; uri: string; version: number; changes: TextChange[] }
  | { type: 'close'; uri: string }
  /** Count an open document, or a range of it (a selection) as it is when the request arrives. */
  | { type: 'countDocument'; requestId: number; uri: string; tokenizers: TokenizerId[]; range?: OffsetRange }
  | { type: 'countText'; requestId: number; text: string; tokenizers: TokenizerId[] }
  | { type: 'cancel'; requestId: number }
  /** Vocabularies unused this long are released (their block counts are kept). */
  | { type: 'configure'; releaseIdleAfterMs: number };

export type FromWorker =
  /** `version` is the document version the counts are for (absent for `countText`). */
  | { type: 'result'; requestId: number; version?: number; counts: TokenCountResult[] }
  | { type: 'error'; requestId: number; message: string };
