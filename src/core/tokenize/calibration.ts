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
import type { EstimatedTokenizerId } from './ids';
import type { FeatureName } from './script-classes';

export type FeatureWeights = Record<FeatureName, number>;

export interface EstimateProfile {
  /** Vendor as users know it, for labels. */
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

interface VendorFigures {
  vendor: string;
  /** Tokens per Chinese character (1 / "Chinese characters per token"). */
  cjkTokensPerChar?: number;
  /** Multiplier on the non-CJK weights relative to o200k_base (1 = like o200k). */
  nonCjkScale?: number;
  basis: string;
}

function profile(f: VendorFigures): EstimateProfile {
  const scale = f.nonCjkScale ?? 1;
  const w: FeatureWeights = { ...GENERIC_WEIGHTS };
  for (const k of ['letters', 'words', 'digits', 'lineBreaks', 'spaceRuns', 'punctuation'] as const) w[k] = GENERIC_WEIGHTS[k] * scale;
  if (f.cjkTokensPerChar !== undefined) {
    // Kana and hangul move with the vendor's CJK efficiency, in proportion to o200k's.
    w.kanaHangul = GENERIC_WEIGHTS.kanaHangul * (f.cjkTokensPerChar / GENERIC_WEIGHTS.cjk);
    w.cjk = f.cjkTokensPerChar;
  }
  return { vendor: f.vendor, weights: w, basis: f.basis };
}

const GENERIC_BASIS = 'no published tokenizer or token/character figure found; generic estimate fitted to o200k_base';

export const ESTIMATE_PROFILES: Record<EstimatedTokenizerId, EstimateProfile> = {
  claude_est: profile({
    vendor: 'Anthropic',
    nonCjkScale: 1.27,
    cjkTokensPerChar: 0.74 * 1.4,
    basis: 'Claude 3+ tokenizer unpublished: English-side weights 1.27x o200k_base (public comparisons put Claude at 1.2-1.35x); Chinese 1.4x o200k_base, as measured for the legacy Claude vocabulary (research/tokenizers.md).',
  }),
  gemini_est: profile({ vendor: 'Google', basis: GENERIC_BASIS }),
  grok_est: profile({ vendor: 'xAI', basis: GENERIC_BASIS }),
  mistral_est: profile({ vendor: 'Mistral', basis: GENERIC_BASIS }),
  doubao_est: profile({ vendor: 'ByteDance Doubao', basis: GENERIC_BASIS }),
  ernie_est: profile({ vendor: 'Baidu ERNIE', basis: GENERIC_BASIS }),
  hunyuan_est: profile({ vendor: 'Tencent Hunyuan', basis: GENERIC_BASIS }),
  kimi_est: profile({ vendor: 'Moonshot Kimi', basis: GENERIC_BASIS }),
  glm_est: profile({ vendor: 'Zhipu GLM', basis: GENERIC_BASIS }),
  minimax_est: profile({ vendor: 'MiniMax', basis: GENERIC_BASIS }),
  step_est: profile({ vendor: 'StepFun', basis: GENERIC_BASIS }),
  baichuan_est: profile({ vendor: 'Baichuan', basis: GENERIC_BASIS }),
  yi_est: profile({ vendor: '01.AI Yi', basis: GENERIC_BASIS }),
  spark_est: profile({ vendor: 'iFlytek Spark', basis: GENERIC_BASIS }),
};
