/**
 * Token counting with each vendor's own tokenizer where one can be had offline (exact), a
 * calibrated estimate otherwise. Vocabularies load lazily on first use, are cached, and can be
 * released. Pure TypeScript: no `vscode` here.
 */
import type { TokenCountResult } from '../types';
import { isExactTokenizer, TOKENIZER_IDS, type EstimatedTokenizerId, type TokenizerId } from './ids';
import { countRankChunk, loadRankVocabulary, releaseRankVocabulary } from './vendors/tiktoken';
import { loadHfBpe, releaseHfBpe } from './vendors/hf-bpe';
import { estimateTokens } from './estimate/estimate';
import { countGuarded } from './bpe/long-runs';

export { TOKENIZER_INFO, groupCounts, tokenizerLabel } from './info';
export type { CountGroup } from './info';
export type { TokenizerInfo } from './info';

export interface Tokenizer {
  readonly id: TokenizerId;
  readonly exact: boolean;
  /** Tokens of `text` read as ordinary text (special-token strings included); never throws. */
  count(text: string): number;
}

const loaded = new Map<TokenizerId, Tokenizer>();
const loading = new Map<TokenizerId, Promise<Tokenizer>>();

function isKnownTokenizer(id: unknown): id is TokenizerId {
  return typeof id === 'string' && (TOKENIZER_IDS as readonly string[]).includes(id);
}

function build(id: TokenizerId): Tokenizer {
  switch (id) {
    case 'o200k_base':
    case 'cl100k_base':
    case 'tekken': {
      loadRankVocabulary(id);
      return { id, exact: true, count: (text) => countGuarded(text, (part) => countRankChunk(id, part)) };
    }
    case 'qwen3':
    case 'deepseek_v3': {
      const counter = loadHfBpe(id);
      return { id, exact: true, count: (text) => countGuarded(text, counter.count) };
    }
    default: {
      const estId: EstimatedTokenizerId = id;
      return { id: estId, exact: false, count: (text) => estimateTokens(estId, text) };
    }
  }
}

/**
 * The tokenizer `id`, loading its vocabulary on first use. Concurrent calls share one load; a
 * failed load is not cached, so a later call tries again.
 */
export function loadTokenizer(id: TokenizerId): Promise<Tokenizer> {
  if (!isKnownTokenizer(id)) {
    return Promise.reject(new Error(`unknown tokenizer "${String(id)}"; known: ${TOKENIZER_IDS.join(', ')}`));
  }
  const ready = loaded.get(id);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(id);
  if (!pending) {
    // Deferred by one tick so a caller can show progress before the synchronous vocabulary load.
    pending = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => loaded.get(id) ?? build(id))
      .then(
        (tok) => {
          if (loading.get(id) === pending) {
            loaded.set(id, tok);
            loading.delete(id);
          }
          return tok;
        },
        (err: unknown) => {
          if (loading.get(id) === pending) loading.delete(id);
          const reason = err instanceof Error ? err.message : String(err);
          throw new Error(`could not load tokenizer "${id}": ${reason}`);
        },
      );
    loading.set(id, pending);
  }
  return pending;
}

/** Whether `id` is loaded now (so a count will not wait for a vocabulary). */
export function isTokenizerLoaded(id: TokenizerId): boolean {
  return loaded.has(id);
}

/**
 * Drops cached tokenizers (all when `ids` is omitted) so their memory can be reclaimed; the next
 * `loadTokenizer` loads again. Tokenizer objects already handed out keep working while referenced.
 */
export function releaseTokenizers(ids?: TokenizerId[]): void {
  for (const id of ids ?? [...loaded.keys()]) {
    if (!loaded.delete(id)) continue;
    if (id === 'o200k_base' || id === 'cl100k_base' || id === 'tekken') releaseRankVocabulary(id);
    else if (id === 'qwen3' || id === 'deepseek_v3') releaseHfBpe(id);
  }
}

export async function countText(text: string, id: TokenizerId): Promise<TokenCountResult> {
  const tokenizer = await loadTokenizer(id);
  return { tokenizer: id, tokens: tokenizer.count(text), exact: tokenizer.exact };
}

export { isExactTokenizer };
export { estimateErrorBoundOfText } from './estimate/estimate';
export { ESTIMATE_PROFILES } from './estimate/calibration';

export { countChat, countInput, parseChat } from './chat';
export type { ChatFormat, ChatInput, ChatMessage } from './chat';
