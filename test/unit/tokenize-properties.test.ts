/**
 * Tokenizers on hostile text, beyond tokenize-hostile.test.ts: many more scripts and emoji
 * sequences, edits checked against a full recount for every exact vocabulary, and a 10 MB single
 * line checked exactly (its count must equal the sum over its parts, which are cut only where a
 * cut provably does not change a count).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTokenizer } from '../../src/core/tokenize/index';
import { EXACT_TOKENIZER_IDS, ESTIMATED_TOKENIZER_IDS, TOKENIZER_IDS } from '../../src/core/tokenize/ids';
import { countWithReference } from './tiktoken-reference';
import { isSafeCut } from '../../src/core/tokenize/incremental/cuts';
import { IncrementalCounter, type TextChange } from '../../src/core/tokenize/incremental/blocks';
import { chunkCounterFor } from '../../src/core/tokenize/incremental/counters';

/** Pieces from many scripts and Unicode corners that tokenize-hostile's alphabet does not have. */
const SCRIPT_PIECES = [
  'مرحبا',
  'بِسْمِ',
  '\u200F',
  '\u200E',
  'שָׁלוֹם',
  '\u202B',
  '\u202C', // Arabic with harakat, Hebrew with points, RTL/LTR marks and embeddings
  'नमस्ते',
  'क्षत्रिय',
  'สวัสดี',
  'ກາ',
  'မြန်မာ',
  '한',
  '한국어', // Devanagari conjuncts, Thai, Lao, Myanmar, decomposed and composed Hangul
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  '#️⃣',
  '🇨🇳🇺🇸',
  '👩🏾‍💻',
  '🧑‍🤝‍🧑',
  '❤️',
  '\uFE0F',
  '\u200C', // tag sequence, keycap, regional indicators, ZWJ with skin tone
  '\u0080',
  '\u009B',
  '\uFFFE',
  '\uFFFF',
  '\uE000',
  '\u{10FFFF}',
  '\u{1D400}',
  'Ａ１',
  '㍿', // C1 controls, noncharacters, private use, last code point, math bold, fullwidth, squared
  'ǅ',
  'ß',
  'İ',
  'ﬃ',
  'e\u0301\u0302\u0303',
  '\u0300', // titlecase digraph, sharp s, dotted I, ligature, stacked and orphan combining marks
  ' ',
  '\n',
  '\t',
  '  ',
  '\r\n',
  'a',
  '.',
  '1',
  '汉',
  '<|endoftext|>',
  '\uD800',
  '\uDFFF',
];
const scriptText = fc.array(fc.constantFrom(...SCRIPT_PIECES), { maxLength: 40 }).map((a) => a.join(''));

describe('tokenizers on text in many scripts', () => {
  test('every tokenizer: a whole number, 0 only for empty text, the same on a second count', async () => {
    const tokenizers = await Promise.all(TOKENIZER_IDS.map((id) => loadTokenizer(id)));
    fc.assert(
      fc.property(scriptText, (text) => {
        for (const tok of tokenizers) {
          const n = tok.count(text);
          assert.ok(Number.isInteger(n) && n >= 0, `${tok.id}: ${n}`);
          assert.equal(n === 0, text.length === 0, `${tok.id} on ${JSON.stringify(text)}: ${n}`);
          assert.equal(tok.count(text), n);
        }
      }),
      { numRuns: 150, seed: 4242 },
    );
  });

  test('exact OpenAI encodings equal js-tiktoken, the reference', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const cl100k = await loadTokenizer('cl100k_base');
    fc.assert(
      fc.property(scriptText, (text) => {
        assert.equal(o200k.count(text), countWithReference('o200k_base', text), JSON.stringify(text));
        assert.equal(cl100k.count(text), countWithReference('cl100k_base', text), JSON.stringify(text));
      }),
      { numRuns: 300, seed: 777 },
    );
  });

  test('random edits keep every exact vocabulary equal to a full recount', async () => {
    for (const id of EXACT_TOKENIZER_IDS) {
      const tok = await loadTokenizer(id);
      fc.assert(
        fc.property(scriptText, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), scriptText), { minLength: 1, maxLength: 6 }), (start, edits) => {
          let expected = start;
          const counter = new IncrementalCounter(chunkCounterFor(tok), expected);
          for (const [at, length, insert] of edits) {
            const offset = expected.length ? at % (expected.length + 1) : 0;
            const change: TextChange = { rangeOffset: offset, rangeLength: Math.min(length, expected.length - offset), text: insert };
            expected = expected.slice(0, change.rangeOffset) + change.text + expected.slice(change.rangeOffset + change.rangeLength);
            assert.equal(counter.applyChange(change), tok.count(expected), `${id} after ${JSON.stringify(change)}`);
          }
        }),
        { numRuns: 40, seed: 99 },
      );
    }
  });
});

describe('a 10 MB single line', () => {
  // Starts with a space and ends in an ASCII letter: the seam between two copies is a safe cut (a word start).
  const unit = ' The quick brown fox, 汉字与标点；jumps over 12345 lazy dogs. مرحبا بالعالم नमस्ते दुनिया 👨‍👩‍👧 end';
  const copies = Math.ceil(10_000_000 / unit.length);
  const line = unit.repeat(copies);

  test('has no line break, is over 10 million characters, and its seams are safe cuts', () => {
    assert.ok(!/[\n\r]/.test(line));
    assert.ok(line.length >= 10_000_000);
    assert.equal(isSafeCut(unit + unit, unit.length), true);
  });

  test('exact OpenAI encodings count it as exactly copies × the reference count of one copy', async () => {
    for (const id of ['o200k_base', 'cl100k_base'] as const) {
      const n = (await loadTokenizer(id)).count(line);
      assert.equal(n, copies * countWithReference(id, unit), id);
    }
  });

  test('Qwen3 and DeepSeek-V3 (slower vocabularies) count the first 1 MB of it exactly the same way', async () => {
    const part = unit.repeat(Math.ceil(1_000_000 / unit.length));
    for (const id of ['qwen3', 'deepseek_v3'] as const) {
      const tok = await loadTokenizer(id);
      assert.equal(tok.count(part), (part.length / unit.length) * tok.count(unit), id);
    }
  });

  test('every estimate counts it without throwing, within rounding of copies × one copy', async () => {
    for (const id of ESTIMATED_TOKENIZER_IDS) {
      const tok = await loadTokenizer(id);
      const n = tok.count(line);
      const perCopy = tok.count(unit);
      assert.ok(Number.isInteger(n) && Math.abs(n - copies * perCopy) <= copies, `${id}: ${n} vs ${copies} × ${perCopy}`);
    }
  });
});
