/**
 * Calibrated token estimates for vendors whose current tokenizer cannot be run offline:
 * tokens ≈ Σ weight(feature) × count(feature) over the script-class features of the text
 * (script-classes.ts), with per-vendor weights from calibration.ts. Always labelled exact: false.
 */
import type { EstimatedTokenizerId } from '../ids';
import { ESTIMATE_PROFILES } from './calibration';
import { FEATURE_NAMES, textFeatures, type TextFeatures } from './script-classes';

export function estimateFromFeatures(id: EstimatedTokenizerId, features: TextFeatures): number {
  const { weights } = ESTIMATE_PROFILES[id];
  let tokens = 0;
  for (const name of FEATURE_NAMES) tokens += features[name] * weights[name];
  return tokens;
}

export function estimateTokens(id: EstimatedTokenizerId, text: string): number {
  if (text.length === 0) return 0;
  return Math.max(1, Math.round(estimateFromFeatures(id, textFeatures(text))));
}
