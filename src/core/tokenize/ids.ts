/**
 * Every tokenizer a model in the pricing file may name. Exact ones run the vendor's own
 * vocabulary offline; the `*_est` ones are calibrated per-script estimates for vendors whose
 * current tokenizer is not published (see estimate calibration in this folder).
 */
export const EXACT_TOKENIZER_IDS = ['o200k_base', 'cl100k_base', 'qwen3', 'deepseek_v3', 'tekken'] as const;

export const ESTIMATED_TOKENIZER_IDS = [
  'claude_est',
  'gemini_est',
  'grok_est',
  'mistral_est',
  'doubao_est',
  'ernie_est',
  'hunyuan_est',
  'kimi_est',
  'glm_est',
  'minimax_est',
  'step_est',
  'baichuan_est',
  'yi_est',
  'spark_est',
] as const;

export const TOKENIZER_IDS = [...EXACT_TOKENIZER_IDS, ...ESTIMATED_TOKENIZER_IDS] as const;

export type ExactTokenizerId = (typeof EXACT_TOKENIZER_IDS)[number];
export type EstimatedTokenizerId = (typeof ESTIMATED_TOKENIZER_IDS)[number];
export type TokenizerId = (typeof TOKENIZER_IDS)[number];

export function isExactTokenizer(id: TokenizerId): id is ExactTokenizerId {
  return (EXACT_TOKENIZER_IDS as readonly string[]).includes(id);
}
