/**
 * Per-vendor constants of the estimated tokenizers (estimate.ts). Every number names its
 * source; CALIBRATION.md explains the method and the measurements behind each one.
 *
 * Method: tokens ≈ Σ weight × feature (script-classes.ts), weights fitted by non-negative least
 * squares on relative error to a reference tokenizer over a fit corpus of 21 scripts, code and
 * data, and checked on a separate held-out corpus (scripts/calibrate-estimates.mjs). Gemini uses
 * weights fitted to Gemma 3; vendors without a public tokenizer use the o200k_base fit, with the
 * weight per Chinese character replaced by the vendor's published figure where there is one.
 */
import type { EstimatedTokenizerId } from '../ids';
import type { FeatureName, ScriptGroup } from './script-classes';

export type FeatureWeights = Record<FeatureName, number>;
/** Largest held-out error (fraction) per script group, against the profile's reference tokenizer. */
export type ErrorBounds = Record<ScriptGroup, number>;

export interface EstimateProfile {
  /** Model family as users know it, for labels such as "Kimi (Moonshot AI, estimate)". */
  family: string;
  vendor: string;
  weights: FeatureWeights;
  /** Where the constants come from, in one or two sentences (shown to users as the basis). */
  basis: string;
  /** The vendor's own tokenizer the weights were fitted to, and their held-out error against it. */
  measured?: { reference: string; bounds: ErrorBounds };
}

/**
 * Fitted to exact o200k_base on the fit corpus (scripts/calibrate-estimates.mjs fit; CALIBRATION.md):
 * within ±10 % of the exact count on every held-out file (15 languages in 10 scripts, code and data).
 */
export const GENERIC_WEIGHTS: FeatureWeights = {
  cjk: 0.7906,
  kana: 0.7364,
  hangul: 0.7887,
  hangulWords: 0,
  latin: 0.158,
  latinWords: 0.3971,
  latinAccented: 1.5651,
  cyrillic: 0.2252,
  cyrillicWords: 0.5855,
  cyrillicRare: 1.6512,
  greek: 0.4729,
  greekWords: 0,
  arabic: 0.4403,
  arabicWords: 0,
  hebrew: 0.5439,
  hebrewWords: 0,
  indic: 0.4541,
  indicWords: 0,
  thai: 0.4634,
  emoji: 3.9256,
  digits: 0.6707,
  base64: 0.6925,
  hex: 0.5998,
  lineBreaks: 0.2885,
  spaceRuns: 2.0988,
  punctuation: 0.4785,
  other: 3.5689,
};

/** Held-out error of GENERIC_WEIGHTS against o200k_base per script group (fraction, rounded up). */
export const GENERIC_BOUNDS: ErrorBounds = {
  latin: 0.08,
  cyrillic: 0.05,
  greek: 0.02,
  arabic: 0.02,
  hebrew: 0.02,
  indic: 0.08,
  thai: 0.04,
  hangul: 0.03,
  kana: 0.02,
  cjk: 0.04,
  emoji: 0.02,
  digits: 0.09,
  encoded: 0.06,
  symbols: 0.04,
};

/** Fitted to Gemma 3's vocabulary (Google: the tokenizer of Gemini 2.0) on the same fit corpus. */
export const GEMMA3_WEIGHTS: FeatureWeights = {
  cjk: 0.6635,
  kana: 0.4485,
  hangul: 0.7317,
  hangulWords: 0,
  latin: 0.0827,
  latinWords: 0.761,
  latinAccented: 1.8078,
  cyrillic: 0.265,
  cyrillicWords: 0.2275,
  cyrillicRare: 1.1824,
  greek: 0.4722,
  greekWords: 0,
  arabic: 0.4386,
  arabicWords: 0.0099,
  hebrew: 0.5933,
  hebrewWords: 0,
  indic: 0.3167,
  indicWords: 0.1124,
  thai: 0.375,
  emoji: 2.6413,
  digits: 1.2431,
  base64: 0.7047,
  hex: 0.9083,
  lineBreaks: 0.7225,
  spaceRuns: 2.449,
  punctuation: 0.5231,
  other: 3.9019,
};

/** Held-out error of GEMMA3_WEIGHTS against Gemma 3's tokenizer per script group. */
export const GEMMA3_BOUNDS: ErrorBounds = {
  latin: 0.06,
  cyrillic: 0.04,
  greek: 0.02,
  arabic: 0.02,
  hebrew: 0.02,
  indic: 0.06,
  thai: 0.04,
  hangul: 0.02,
  kana: 0.02,
  cjk: 0.04,
  emoji: 0.02,
  digits: 0.06,
  encoded: 0.02,
  symbols: 0.04,
};

/**
 * Hunyuan: fitted to a stand-in for Tencent's vocabulary (scripts/calibration-references.ts,
 * hunyuanProxyCounter), because hy.tiktoken itself cannot be had offline. Tencent built that
 * vocabulary from tiktoken's 100K cl100k_base tokens plus 28K Chinese tokens and splits digits one at a
 * time, so the stand-in counts text between Han runs with cl100k_base's ranks and Hunyuan's
 * pattern, and Han runs with Qwen3 (whose vocabulary extends cl100k_base with Chinese the same way).
 * English letters, whitespace and punctuation keep the o200k_base weights (cl100k_base counts
 * English, code and data within 1-6 % of it); the other features are fitted. Not measured against
 * hy.tiktoken itself (CALIBRATION.md).
 */
export const HUNYUAN_WEIGHTS: FeatureWeights = {
  cjk: 0.6667,
  kana: 1.0402,
  hangul: 1.1976,
  hangulWords: 0,
  latin: 0.158,
  latinWords: 0.3971,
  latinAccented: 2.7336,
  cyrillic: 0.3706,
  cyrillicWords: 0.7415,
  cyrillicRare: 2.9529,
  greek: 1.1099,
  greekWords: 0,
  arabic: 0.7168,
  arabicWords: 0.8347,
  hebrew: 1.2431,
  hebrewWords: 0,
  indic: 1.4122,
  indicWords: 0,
  thai: 1.0123,
  emoji: 5.3339,
  digits: 1.216,
  base64: 0.7442,
  hex: 0.9161,
  lineBreaks: 0.2885,
  spaceRuns: 2.0988,
  punctuation: 0.4785,
  other: 7.4821,
};

/**
 * GLM: fitted to Qwen3's vocabulary as a stand-in for Zhipu's (CALIBRATION.md, "GLM's stand-in"):
 * GLM-4's tokenizer gives the same token ids as Qwen3 for common English words, or ids a few places
 * lower, as a Qwen-lineage vocabulary with some 300 tokens removed would. English letters,
 * whitespace and punctuation keep the o200k_base weights. Not measured against Zhipu's file.
 */
export const GLM_WEIGHTS: FeatureWeights = {
  cjk: 0.625,
  kana: 0.6848,
  hangul: 0.8953,
  hangulWords: 0,
  latin: 0.158,
  latinWords: 0.3971,
  latinAccented: 2.6275,
  cyrillic: 0.3195,
  cyrillicWords: 0.4118,
  cyrillicRare: 3.2462,
  greek: 1.057,
  greekWords: 0,
  arabic: 0.4447,
  arabicWords: 0.3101,
  hebrew: 0.5448,
  hebrewWords: 0,
  indic: 1.241,
  indicWords: 0,
  thai: 0.6417,
  emoji: 4.3126,
  digits: 1.2398,
  base64: 0.7441,
  hex: 0.916,
  lineBreaks: 0.2885,
  spaceRuns: 2.0988,
  punctuation: 0.4785,
  other: 1.4303,
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

/** Features of English, code and data: the ones a comparison on English text speaks for. */
const SCALED_WITH_ENGLISH = ['latin', 'latinWords', 'latinAccented', 'digits', 'base64', 'hex', 'lineBreaks', 'spaceRuns', 'punctuation'] as const;

/** Builds a profile from a vendor's published figures (exported so tests can check the method). */
export function profile(f: VendorFigures): EstimateProfile {
  const scale = f.nonCjkScale ?? 1;
  const w: FeatureWeights = { ...GENERIC_WEIGHTS };
  for (const k of SCALED_WITH_ENGLISH) w[k] = GENERIC_WEIGHTS[k] * scale;
  if (f.cjkTokensPerChar !== undefined) {
    // Kana and hangul move with the vendor's CJK efficiency, in proportion to o200k's.
    const r = f.cjkTokensPerChar / GENERIC_WEIGHTS.cjk;
    for (const k of ['kana', 'hangul', 'hangulWords'] as const) w[k] = GENERIC_WEIGHTS[k] * r;
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
    basis:
      "Claude 3+ tokenizer unpublished (exact counts only from Anthropic's count_tokens API). Non-Chinese text 1.25x o200k_base: a 2025 comparison of Claude 3.5 Sonnet with GPT-4o found 20-30% more tokens for the same input. Chinese 1.4x o200k_base, as measured here for the legacy Claude vocabulary.",
  }),
  gemini_est: {
    family: 'Gemini',
    vendor: 'Google',
    weights: GEMMA3_WEIGHTS,
    measured: { reference: 'Gemma 3', bounds: GEMMA3_BOUNDS },
    basis:
      "Weights fitted per script to Gemma 3's tokenizer, which Google states is Gemini 2.0's; newer Gemini models unconfirmed. Google: 1 token is about 4 characters.",
  },
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
  hunyuan_est: {
    family: 'Hunyuan',
    vendor: 'Tencent',
    weights: HUNYUAN_WEIGHTS,
    basis:
      "Tencent's vocabulary is tiktoken's cl100k_base (100K tokens) plus 28K Chinese tokens, with one token per digit; weights fitted to a stand-in built that way (cl100k_base for other scripts, Qwen3 for Chinese), not to Tencent's file, which cannot be had offline. Tencent's GetTokenCount API is the exact source.",
  },
  kimi_est: profile({
    family: 'Kimi',
    vendor: 'Moonshot AI',
    cjkTokensPerChar: 1 / 1.75,
    basis: `Moonshot docs: for ordinary Chinese text 1 token is about 1.5-2 Chinese characters (1.75 used); ${O200K_LIKE}.`,
  }),
  glm_est: {
    family: 'GLM',
    vendor: 'Zhipu AI',
    weights: GLM_WEIGHTS,
    basis:
      "GLM-4's vocabulary is of Qwen's lineage (the same or nearly the same token ids for the same words), so weights are fitted to Qwen3's counts as a stand-in, not to Zhipu's file, which cannot be had offline. Zhipu's pricing docs: tokens to Chinese characters about 1:1.6 (Qwen3: 1:1.5 on a Chinese article).",
  },
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
