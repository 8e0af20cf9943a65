/**
 * Per-vendor constants of the estimated tokenizers (estimate.ts). Every number names its
 * source; CALIBRATION.md explains the method and the measurements behind each one.
 *
 * Method: tokens ≈ Σ weight × feature (script-classes.ts). A generic weight set is fitted by
 * non-negative least squares to exact o200k_base counts (scripts/calibrate-estimates.mjs, 1,443
 * chunks of English docs, TypeScript, Chinese/Japanese/Korean man pages); a vendor profile then
 * replaces the weight per Chinese character with the vendor's published figure and scales the
 * other weights where a public comparison says how the vendor's tokenizer differs on English.
 */
import type { EstimatedTokenizerId } from '../ids';
import type { FeatureName } from './script-classes';

export type FeatureWeights = Record<FeatureName, number>;

export interface EstimateProfile {
  /** Model family as users know it, for labels such as "Kimi (Moonshot AI, estimate)". */
  family: string;
  vendor: string;
  weights: FeatureWeights;
  /** Where the constants come from, in one or two sentences (shown to users as the basis). */
  basis: string;
}

/**
 * Fitted to exact o200k_base (scripts/calibrate-estimates.mjs fit o200k_base …): within ±1.5 % of
 * the exact count on each calibration corpus. `other` (scripts and symbols absent from the
 * corpora: emoji, Thai, Arabic…) is set to 1 token per character, a deliberately cautious prior.
 */
export const GENERIC_WEIGHTS: FeatureWeights = {
  cjk: 0.74,
  kanaHangul: 0.739,
  letters: 0.0987,
  words: 0.634,
  digits: 1.052,
  lineBreaks: 1.941,
  spaceRuns: 1.791,
  punctuation: 0.371,
  other: 1,
};

export interface VendorFigures {
  family?: string;
  vendor: string;
  /** Tokens per Chinese character (1 / "Chinese characters per token"). */
  cjkTokensPerChar?: number;
  /** Multiplier on the non-CJK weights relative to o200k_base (1 = like o200k). */
  nonCjkScale?: number;
  basis: string;
}

/** Builds a profile from a vendor's published figures (exported so tests can check the method). */
export function profile(f: VendorFigures): EstimateProfile {
  const scale = f.nonCjkScale ?? 1;
  const w: FeatureWeights = { ...GENERIC_WEIGHTS };
  for (const k of ['letters', 'words', 'digits', 'lineBreaks', 'spaceRuns', 'punctuation'] as const) w[k] = GENERIC_WEIGHTS[k] * scale;
  if (f.cjkTokensPerChar !== undefined) {
    // Kana and hangul move with the vendor's CJK efficiency, in proportion to o200k's.
    w.kanaHangul = GENERIC_WEIGHTS.kanaHangul * (f.cjkTokensPerChar / GENERIC_WEIGHTS.cjk);
    w.cjk = f.cjkTokensPerChar;
  }
  return { family: f.family ?? f.vendor, vendor: f.vendor, weights: w, basis: f.basis };
}

const O200K_LIKE = 'English, code and other scripts weighted like o200k_base';

export const ESTIMATE_PROFILES: Record<EstimatedTokenizerId, EstimateProfile> = {
  claude_est: profile({
    family: 'Claude',
    vendor: 'Anthropic',
    nonCjkScale: 1.25,
    cjkTokensPerChar: GENERIC_WEIGHTS.cjk * 1.4,
    basis: 'Claude 3+ tokenizer unpublished (exact counts only from Anthropic\'s count_tokens API). Non-Chinese text 1.25x o200k_base: a 2025 comparison of Claude 3.5 Sonnet with GPT-4o found 20-30% more tokens for the same input. Chinese 1.4x o200k_base, as measured here for the legacy Claude vocabulary.',
  }),
  gemini_est: profile({
    family: 'Gemini',
    vendor: 'Google',
    nonCjkScale: 1.14,
    cjkTokensPerChar: GENERIC_WEIGHTS.cjk * 0.9,
    basis: 'Gemma vocabulary measured here (Google ships Gemma with the Gemini SentencePiece tokenizer family): 1.11x o200k_base on English, 1.17x on code, 0.90x on Chinese. Google: 1 token is about 4 characters.',
  }),
  grok_est: profile({
    family: 'Grok',
    vendor: 'xAI',
    basis: `No published token/character figure (xAI's tokenize-text API is the exact source); ${O200K_LIKE}.`,
  }),
  mistral_est: profile({
    family: 'Mistral',
    vendor: 'Mistral AI',
    basis: `Mistral's Tekken tokenizer is public but not bundled; Mistral says it compresses text better than Llama 3's for ~85% of languages, and Llama 3 counts within 5% of o200k_base here, so ${O200K_LIKE}.`,
  }),
  doubao_est: profile({
    family: 'Doubao',
    vendor: 'ByteDance',
    cjkTokensPerChar: 1 / 1.5,
    basis: `ByteDance (Doubao launch, May 2024): 0.0008 CNY buys 1,000 tokens = about 1,500 Chinese characters, so 1.5 characters per token; ${O200K_LIKE}.`,
  }),
  ernie_est: profile({
    family: 'ERNIE',
    vendor: 'Baidu',
    cjkTokensPerChar: 1,
    basis: `Baidu Qianfan SDK local estimate: tokens = Chinese characters + 1.3 x English words (1.3 per word is within 2% of o200k_base on our English sample); ${O200K_LIKE}. Likely high for Chinese.`,
  }),
  hunyuan_est: profile({
    family: 'Hunyuan',
    vendor: 'Tencent',
    basis: `No published ratio (Tencent's GetTokenCount API is the exact source; its one example splits "你是谁" into 2 tokens); ${O200K_LIKE}, Chinese included.`,
  }),
  kimi_est: profile({
    family: 'Kimi',
    vendor: 'Moonshot AI',
    cjkTokensPerChar: 1 / 1.75,
    basis: `Moonshot docs: for ordinary Chinese text 1 token is about 1.5-2 Chinese characters (1.75 used); ${O200K_LIKE}.`,
  }),
  glm_est: profile({
    family: 'GLM',
    vendor: 'Zhipu AI',
    cjkTokensPerChar: 1 / 1.6,
    basis: `Zhipu pricing docs: tokens to Chinese characters about 1:1.6; ${O200K_LIKE}.`,
  }),
  minimax_est: profile({
    family: 'MiniMax',
    vendor: 'MiniMax',
    basis: `No published ratio (MiniMax's input_tokens API is the exact source); ${O200K_LIKE}, Chinese included.`,
  }),
  step_est: profile({
    family: 'Step',
    vendor: 'StepFun',
    cjkTokensPerChar: 0.61,
    basis: `StepFun token-count API example: two Chinese messages (119 Chinese characters and punctuation, plus "AI") = 85 tokens; less 11 tokens of chat framing and 1 for "AI", 0.61 tokens per Chinese character; ${O200K_LIKE}.`,
  }),
  baichuan_est: profile({
    family: 'Baichuan',
    vendor: 'Baichuan AI',
    cjkTokensPerChar: 1,
    basis: `Alibaba Model Studio billing page for Baichuan: 1 token is usually 1 Chinese character, or 3-4 English letters (within 2% of o200k_base on our English sample); ${O200K_LIKE}. Likely high for Chinese.`,
  }),
  yi_est: profile({
    family: 'Yi',
    vendor: '01.AI',
    cjkTokensPerChar: 1 / 1.5,
    basis: `01.AI API docs: the 200K-token context holds about 300,000 Chinese characters, so 1.5 characters per token; ${O200K_LIKE}.`,
  }),
  spark_est: profile({
    family: 'Spark',
    vendor: 'iFlytek',
    cjkTokensPerChar: 1 / 1.5,
    basis: `iFlytek Spark HTTP API docs: 1 token is about 1.5 Chinese characters or 0.8 English words (within 6% of o200k_base on our English sample); ${O200K_LIKE}.`,
  }),
};
