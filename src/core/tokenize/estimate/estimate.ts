/**
 * Calibrated token estimates for vendors whose current tokenizer cannot be run offline:
 * tokens ≈ Σ weight(feature) × count(feature) over the script-class features of the text
 * (script-classes.ts), with per-vendor weights from calibration.ts. Always labelled exact: false.
 */
import type { EstimatedTokenizerId } from '../ids';
import { ESTIMATE_BOUND_SAMPLE_CHARS } from '../../limits';
import { ESTIMATE_PROFILES } from './calibration';
import { FEATURE_NAMES, SCRIPT_GROUPS, textFeatures, type ScriptGroup, type TextFeatures } from './script-classes';

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

/**
 * How far off the estimate can be for this text's script mix: the held-out error of each script
 * group present, weighted by the group's share of the estimated tokens (fraction, e.g. 0.04).
 * Undefined when nothing measured the error against the vendor's own tokenizer (not public, or not
 * obtainable offline: CALIBRATION.md).
 */
export function estimateErrorBound(id: EstimatedTokenizerId, features: TextFeatures): number | undefined {
  const { weights, measured } = ESTIMATE_PROFILES[id];
  if (!measured) return undefined;
  const total = estimateFromFeatures(id, features);
  if (total <= 0) return undefined;
  let bound = 0;
  for (const g of Object.keys(SCRIPT_GROUPS) as ScriptGroup[]) {
    let part = 0;
    for (const n of SCRIPT_GROUPS[g]) part += features[n] * weights[n];
    bound += (part / total) * measured.bounds[g];
  }
  return bound;
}

/** The error bound of a text's estimate, judged on its first characters (a fair sample of its mix). */
export function estimateErrorBoundOfText(id: EstimatedTokenizerId, text: string): number | undefined {
  return estimateErrorBound(id, textFeatures(text.slice(0, ESTIMATE_BOUND_SAMPLE_CHARS)));
}
