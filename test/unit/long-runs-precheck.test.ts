import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LONG_RUN, RUN_PART, mayHaveLongRun, splitLongRuns } from '../../src/core/tokenize/bpe/long-runs';

// The exact definition the guard uses (long-runs.ts): LONG_RUN code points of one class.
const EXACT = new RegExp(`[\\p{L}\\p{M}]{${LONG_RUN}}|\\s{${LONG_RUN}}|[^\\s\\p{L}\\p{M}\\p{N}]{${LONG_RUN}}`, 'u');
const EXACT_ALL = new RegExp(EXACT.source.replaceAll(`{${LONG_RUN}}`, `{${LONG_RUN},}`), 'gu');

/** splitLongRuns as it was before the pre-check pointed at stretches: the exact regex over the whole text. */
function cutWithWholeTextRegex(t: string): string[] | undefined {
  const runs = [...t.matchAll(EXACT_ALL)];
  if (runs.length === 0) return undefined;
  const parts: string[] = [];
  let last = 0;
  for (const m of runs) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (start > last) parts.push(t.slice(last, start));
    for (let at = start; at < end;) {
      let next = Math.min(end, at + RUN_PART);
      if (next < end && t.charCodeAt(next) >= 0xdc00 && t.charCodeAt(next) <= 0xdfff) next++;
      parts.push(t.slice(at, next));
      at = next;
    }
    last = end;
  }
  if (last < t.length) parts.push(t.slice(last));
  return parts;
}

// Characters of every class, in and out of the ranges the quick scan knows.
const SAMPLES = [
  'a',
  'Z',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '1',
  '9',
  '.',
  '-',
  '/',
  '\u0000',
  '\u007f',
  '中',
  '文',
  '鿿',
  '一',
  '한',
  '힣',
  '，',
  '。',
  '、',
  '：',
  '！',
  '１',
  'Ａ',
  'ｚ',
  '＄',
  '～',
  '\u3000',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\uFEFF',
  '\u0301',
  '😀',
  '𠀀',
  '٣',
  'ⅷ',
  'カ',
  'ー',
  '々',
  '〇',
  '\ud800',
];
const piece = fc.tuple(fc.constantFrom(...SAMPLES), fc.integer({ min: 1, max: 700 })).map(([c, n]) => c.repeat(n));
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((ps) => ps.join(''));

describe('quick pre-check for pathological runs', () => {
  test('never misses a run the exact pattern finds (random runs of every character class)', () => {
    fc.assert(
      fc.property(text, (t) => {
        if (EXACT.test(t) && !mayHaveLongRun(t)) throw new Error(`missed a long run in ${JSON.stringify(t.slice(0, 80))}…`);
      }),
      { numRuns: 2000 },
    );
  });

  test('cuts exactly where the whole-text pattern would, though it only runs where the pre-check points', () => {
    let withRuns = 0;
    fc.assert(
      fc.property(text, (t) => {
        const want = cutWithWholeTextRegex(t);
        if (want) withRuns++;
        assert.deepEqual(splitLongRuns(t), want);
      }),
      { numRuns: 1000 },
    );
    assert.ok(withRuns > 50, `${withRuns} of 1000 texts had a long run`);
  });

  test('passes ordinary English, Chinese and code without the exact test, and still catches real runs', () => {
    const english = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
    const chinese = '价格战中，各家厂商纷纷降价。豆包主力模型每千个词元零点零零零八元，'.repeat(200);
    const code = 'export function f(x: number): number {\n  return x * 2;\n}\n'.repeat(200);
    for (const t of [english, chinese, code]) assert.equal(mayHaveLongRun(t), false);
    for (const t of [
      'a'.repeat(LONG_RUN),
      '中'.repeat(LONG_RUN),
      ' '.repeat(LONG_RUN),
      '，'.repeat(LONG_RUN),
      'é'.repeat(LONG_RUN),
      '中a'.repeat(LONG_RUN / 2),
    ]) {
      assert.equal(mayHaveLongRun(t), true, JSON.stringify(t.slice(0, 4)));
      assert.ok(splitLongRuns(t), 'and the guard cuts it');
    }
  });
});

describe('runs of millions of one character (issue 13, item 1)', () => {
  // Below the 12-million-character input limit; the old `{1000,}` pattern overflowed V8's regex stack on each.
  const runs: Record<string, string> = {
    letters: 'a'.repeat(6_000_000),
    spaces: ' '.repeat(6_000_000),
    dashes: '-'.repeat(6_000_000),
    'Chinese 的': '的'.repeat(4_000_000),
  };
  for (const [name, run] of Object.entries(runs)) {
    test(`${name}: cut into parts of RUN_PART that rejoin to the text`, () => {
      const text = `before1${run}2after`; // digits end every run
      const parts = splitLongRuns(text);
      assert.ok(parts);
      assert.equal(parts.length, 2 + run.length / RUN_PART);
      assert.equal(parts.join('').length, text.length);
      assert.equal(parts[1], run.slice(0, RUN_PART));
    });
  }

  const long = fc.tuple(fc.constantFrom('a', ' ', '-', '的', '😀', '1', 'é', '\u0301'), fc.integer({ min: 1, max: 9000 }));
  test('cuts where the whole-text pattern does on runs it can still match (across the pattern steps of 4096)', () => {
    fc.assert(
      fc.property(fc.array(long, { minLength: 1, maxLength: 4 }), (pieces) => {
        const t = pieces.map(([c, n]) => c.repeat(n)).join('');
        assert.deepEqual(splitLongRuns(t), cutWithWholeTextRegex(t));
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });
});
