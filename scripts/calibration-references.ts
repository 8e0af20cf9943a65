// Reference tokenizers read from files a developer copies into the git-ignored .calib/refs/ (never
// committed, never shipped): the vocabularies the Chinese vendors publish with their open-weight models,
// for scripts/calibrate-estimates.mjs to fit and measure that vendor's estimate against. Each is counted
// with the library its vendor's own code uses: OpenAI's tiktoken core (npm `tiktoken`, the same Rust
// code as Python's tiktoken) for tiktoken-format rank files, HuggingFace's `tokenizers` for
// tokenizer.json. A file that is not there is reported as "not measured: … missing", never an error.
// Where each file comes from, its licence and what was found offline: src/core/tokenize/estimate/CALIBRATION.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tiktoken } from 'tiktoken/lite';
import { Tokenizer } from 'tokenizers';

/** Counts the tokens of a text (ordinary text: special-token strings are not special). */
export type ReferenceCount = (text: string) => Promise<number>;

export interface FileReference {
  /** Key in the fit output and the table. */
  name: string;
  /** The estimated tokenizer whose weights this reference measures. */
  profile: string;
  /** Column title, e.g. "Kimi (tiktoken.model)". */
  label: string;
  /** Path under .calib/refs/. */
  file: string;
  kind: 'tiktoken' | 'tokenizer.json';
  /** Pre-tokenizer pattern of a tiktoken-format file (tokenizer.json carries its own). */
  pattern?: string;
  /** Where the vendor publishes the file (and any licence condition), for the "missing" message. */
  source: string;
}

/**
 * Moonshot's pre-tokenizer for Kimi K2 (tokenization_kimi.py beside tiktoken.model in its open model
 * repositories): Han runs apart, letter runs without Han (class intersection, which the Rust regex
 * engine of tiktoken supports), digits in threes, punctuation runs, whitespace.
 */
export const KIMI_PATTERN = [
  '[\\p{Han}]+',
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}&&[^\\p{Han}]]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
  '\\p{N}{1,3}',
  ' ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*',
  '\\s*[\\r\\n]+',
  '\\s+(?!\\S)',
  '\\s+',
].join('|');

/** Tencent's pre-tokenizer for Hunyuan (PAT_STR of tokenization_hy.py beside hy.tiktoken): one digit per piece. */
export const HUNYUAN_PATTERN =
  "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** The vendor vocabularies the estimates would be measured against, when a developer has the file. */
export const FILE_REFERENCES: FileReference[] = [
  {
    name: 'kimi',
    profile: 'kimi_est',
    label: 'Kimi (tiktoken.model)',
    file: 'kimi/tiktoken.model',
    kind: 'tiktoken',
    pattern: KIMI_PATTERN,
    source: 'Hugging Face moonshotai/Kimi-K2-Instruct',
  },
  {
    name: 'hunyuan',
    profile: 'hunyuan_est',
    label: 'Hunyuan (hy.tiktoken)',
    file: 'hunyuan/hy.tiktoken',
    kind: 'tiktoken',
    pattern: HUNYUAN_PATTERN,
    source: 'Hugging Face tencent/Hunyuan-A13B-Pretrain; Tencent Hunyuan Community Licence, calibration only',
  },
  {
    name: 'glm',
    profile: 'glm_est',
    label: 'GLM (tokenizer.json)',
    file: 'glm/tokenizer.json',
    kind: 'tokenizer.json',
    source: 'Hugging Face zai-org/GLM-4.5',
  },
  {
    name: 'minimax',
    profile: 'minimax_est',
    label: 'MiniMax (tokenizer.json)',
    file: 'minimax/tokenizer.json',
    kind: 'tokenizer.json',
    source: 'Hugging Face MiniMaxAI/MiniMax-M2',
  },
  {
    name: 'seed',
    profile: 'doubao_est',
    label: 'Doubao (Seed-OSS tokenizer.json)',
    file: 'seed/tokenizer.json',
    kind: 'tokenizer.json',
    source: 'Hugging Face ByteDance-Seed/Seed-OSS-36B-Instruct',
  },
];

/** A tiktoken-format rank file ("<base64 token> <rank>" per line) counted by tiktoken's core with `pattern`. */
export function tiktokenFileCounter(ranks: string, pattern: string): ReferenceCount {
  const enc = new Tiktoken(ranks, {}, pattern);
  return async (text) => enc.encode(text).length;
}

/**
 * A tokenizer.json counted by HuggingFace's `tokenizers`, without the special tokens a template adds
 * (its added tokens, e.g. `<|im_end|>`, still match whole as the library does; the corpora hold none).
 */
export function tokenizerJsonCounter(path: string): ReferenceCount {
  const tok = Tokenizer.fromFile(path);
  return async (text) => (await tok.encode(text, null, { addSpecialTokens: false })).getIds().length;
}

/** Runs of Han characters (the Chinese part Hunyuan adds to cl100k_base), and everything between them. */
const HAN_RUNS = /\p{Script=Han}+/gu;

/**
 * A stand-in for Hunyuan's vocabulary while hy.tiktoken cannot be had: Tencent built it from tiktoken's
 * 100K cl100k_base tokens plus 28K Chinese tokens (Hunyuan-Large report) and splits text with
 * HUNYUAN_PATTERN (127,957 ordinary ranks before its special tokens, tokenization_hy.py). So text
 * between Han runs is counted with cl100k_base's ranks (the tiktoken package's copy) and Hunyuan's
 * pattern, and each Han run with `countHan`: Qwen3's vocabulary, which extends cl100k_base with
 * Chinese tokens the same way.
 */
export function hunyuanProxyCounter(countHan: (run: string) => number): ReferenceCount {
  const cl100k = JSON.parse(readFileSync(require.resolve('tiktoken/encoders/cl100k_base.json'), 'utf8')) as { bpe_ranks: string };
  const enc = new Tiktoken(cl100k.bpe_ranks, {}, HUNYUAN_PATTERN);
  return async (text) => {
    let tokens = 0;
    let last = 0;
    for (const m of text.matchAll(HAN_RUNS)) {
      if (m.index > last) tokens += enc.encode(text.slice(last, m.index)).length;
      tokens += countHan(m[0]);
      last = m.index + m[0].length;
    }
    if (last < text.length) tokens += enc.encode(text.slice(last)).length;
    return tokens;
  };
}

/** The counter of one reference in `refsDir`, or the sentence saying why it is not measured. */
export function loadFileReference(refsDir: string, ref: FileReference): { count: ReferenceCount } | { missing: string } {
  const path = join(refsDir, ref.file);
  if (!existsSync(path)) return { missing: `not measured: ${ref.label} missing (from ${ref.source}; copy it to .calib/refs/${ref.file})` };
  try {
    if (ref.kind === 'tiktoken') return { count: tiktokenFileCounter(readFileSync(path, 'utf8'), ref.pattern ?? '') };
    return { count: tokenizerJsonCounter(path) };
  } catch (err) {
    return { missing: `not measured: ${ref.label} unreadable at .calib/refs/${ref.file} (${String((err as Error).message ?? err).split('\n')[0]})` };
  }
}
