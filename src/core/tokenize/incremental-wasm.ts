/**
 * o200k_base / cl100k_base blocks that are mostly CJK are counted with tiktoken's WebAssembly
 * BPE: on Chinese text it is 2–3x faster than gpt-tokenizer, on English and code it is slower
 * (bench/RESULTS.md), so each block goes to whichever is faster for its content. Same vocabulary
 * (js-tiktoken's rank files, already shipped), same pre-tokenizer pattern.
 *
 * Exactness against js-tiktoken (the reference) holds where Rust's regex classes agree with
 * JavaScript's. They differ on U+0085 (whitespace to Rust, not to JavaScript) and U+FEFF (the
 * reverse), and on lone surrogates (the WebAssembly side sees U+FFFD); Unicode-version
 * differences could only touch recently assigned astral characters. Blocks holding any of these
 * (astral characters other than emoji) stay on the JavaScript path. Tested against js-tiktoken in
 * test/unit/incremental.test.ts.
 */
import { countGuarded } from './long-runs';
import type { OpenAiEncoding } from './openai';

interface WasmEncoder {
  encode_ordinary(text: string): Uint32Array;
  free(): void;
}

interface RanksModule {
  bpe_ranks: string;
  special_tokens: Record<string, number>;
  pat_str: string;
}

type WasmTiktoken = new (ranks: string, specialTokens: Record<string, number>, pattern: string) => WasmEncoder;

const encoders = new Map<OpenAiEncoding, WasmEncoder>();
/** Set when the WebAssembly module could not be loaded: every block then takes the JavaScript path. */
let unavailable = false;

// Literal requires inside functions: the ranks are split into dist/vocab/ by esbuild.mjs and load
// on first use; tiktoken/lite is small glue that reads tiktoken_bg.wasm (copied next to the bundle).
function requireRanks(encoding: OpenAiEncoding): RanksModule {
  const mod = encoding === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
  return (mod.default ?? mod) as RanksModule;
}

function encoder(encoding: OpenAiEncoding): WasmEncoder | undefined {
  if (unavailable) return undefined;
  let enc = encoders.get(encoding);
  if (!enc) {
    try {
      const { Tiktoken } = require('tiktoken/lite') as { Tiktoken: WasmTiktoken };
      const ranks = requireRanks(encoding);
      enc = new Tiktoken(ranks.bpe_ranks, ranks.special_tokens, ranks.pat_str);
    } catch {
      unavailable = true;
      return undefined;
    }
    encoders.set(encoding, enc);
  }
  return enc;
}

/** Share of CJK characters above which a block goes to the WebAssembly BPE. */
const CJK_SHARE = 0.3;

function isCjk(c: number): boolean {
  // CJK symbols and punctuation, kana, ideographs (with extension A), Hangul, full-width forms.
  return (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff00 && c <= 0xffef);
}

/**
 * True when `text` is mostly CJK and holds nothing on which the two regex engines could disagree
 * (see the module comment): only emoji may be astral.
 */
export function suitsWasm(text: string): boolean {
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x85) continue;
    if (c === 0x85 || c === 0xfeff) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      // Emoji planes only (U+1F000–U+1FFFF: high surrogate D83C–D83F), as a whole pair.
      const low = text.charCodeAt(i + 1);
      if (c < 0xd83c || c > 0xd83f || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++;
      continue;
    }
    if (isCjk(c)) cjk++;
  }
  return cjk > text.length * CJK_SHARE;
}

/** The count of `text` with the WebAssembly BPE, or undefined when it cannot be loaded. */
export function countWithWasm(encoding: OpenAiEncoding, text: string): number | undefined {
  const enc = encoder(encoding);
  if (!enc) return undefined;
  return countGuarded(text, (part) => enc.encode_ordinary(part).length);
}

/** Frees the WebAssembly encoders of these encodings (their memory is not the JS heap's). */
export function releaseWasm(encodings: readonly string[]): void {
  for (const encoding of encodings) {
    const enc = encoders.get(encoding as OpenAiEncoding);
    if (!enc) continue;
    encoders.delete(encoding as OpenAiEncoding);
    enc.free();
  }
}
