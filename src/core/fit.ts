import type { Model } from './pricing/schema';
import type { Assumptions } from './types';

/** How much of a model's context window one call of this request takes. */
export interface ContextFit {
  /** Input tokens plus the expected output (and thinking, for models that think). */
  needed: number;
  /** The model's context window in tokens. */
  window: number;
  /** `needed` as a percent of `window`, rounded to a whole number (0 for an empty window is never produced). */
  percent: number;
  /** The request fits: `needed <= window`. */
  fits: boolean;
  /** The window is the input window VS Code's Language Model API states for the model the user picked
   *  from their own models (for Copilot, what is left after its own prompt): only the input counts
   *  against it, the answer has its own limit. Absent for the catalogue's window. */
  inputWindow?: true;
}

/** Tokens a call generates under the assumptions: the expected output, plus thinking when the model thinks. */
export function generatedTokens(model: Model, a: Pick<Assumptions, 'outputTokens' | 'reasoningTokens'>): number {
  return a.outputTokens + (model.capabilities.reasoning ? a.reasoningTokens : 0);
}

/** Whether `inputTokens` plus the expected answer fit the window, and how full it is. */
export function contextFit(inputTokens: number, generated: number, window: number): ContextFit {
  const needed = inputTokens + generated;
  const percent = window > 0 ? Math.round((needed / window) * 100) : needed > 0 ? Infinity : 0;
  return { needed, window, percent, fits: needed <= window };
}

/**
 * The same for a model under the assumptions. With `languageModelWindow` (the `maxInputTokens` the
 * Language Model API states for the model the user picked from their own models) the input is
 * measured against that window, the one the user really has; otherwise input and answer against the
 * catalogue's context window. A window that is not a positive whole number is ignored.
 */
export function modelFit(
  model: Model,
  inputTokens: number,
  a: Pick<Assumptions, 'outputTokens' | 'reasoningTokens'>,
  languageModelWindow?: number,
): ContextFit {
  if (languageModelWindow !== undefined && Number.isInteger(languageModelWindow) && languageModelWindow > 0) {
    return { ...contextFit(inputTokens, 0, languageModelWindow), inputWindow: true };
  }
  return contextFit(inputTokens, generatedTokens(model, a), model.contextWindow);
}

/**
 * A context window as vendors name it: 128000 and 131072 are both "128K", 1048576 is "1M",
 * 1050000 "1.05M", 2000000 "2M", 8192 "8K", 32768 "32K".
 */
export function formatWindow(tokens: number): string {
  const MI = 1024 * 1024;
  if (tokens >= 1_000_000) {
    const m = tokens % MI === 0 && tokens % 1_000_000 !== 0 ? tokens / MI : tokens / 1_000_000;
    return `${Math.round(m * 100) / 100}M`;
  }
  if (tokens >= 1000) {
    const k = tokens % 1024 === 0 && tokens % 1000 !== 0 ? tokens / 1024 : tokens / 1000;
    return `${Math.round(k)}K`;
  }
  return String(tokens);
}

/** A window at least this full is worth mentioning next to the count (the status bar shows it from here). */
export const NEARLY_FULL_PERCENT = 80;
