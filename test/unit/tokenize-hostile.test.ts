import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTokenizer } from '../../src/core/tokenize/index';
import { TOKENIZER_IDS } from '../../src/core/tokenize/ids';
import { countWithReference } from './tiktoken-reference';
import { LONG_RUN, RUN_PART, splitLongRuns } from '../../src/core/tokenize/bpe/long-runs';
import { IncrementalCounter } from '../../src/core/tokenize/incremental/blocks';
import { chunkCounterFor } from '../../src/core/tokenize/incremental/counters';

const HOSTILE: Record<string, string> = {
  empty: '',
  'lone high surrogate': 'a\uD800b',
  'lone low surrogate': '\uDC00',
  'reversed pair': '\uDC00\uD800',
  'emoji ZWJ family': '👨‍👩‍👧‍👦 and 🏳️‍🌈 and 👍🏽',
  'control characters': '\u0001\u0007\b\u001b[31mred\u001b[0m\u007f\u0085\u2028\u2029',
  NUL: 'a\u0000b\u0000\u0000',
  'combining marks': 'Z̷̢̛̖a̴͙̓l̵̰̈́g̸̱͝o̶̮̊',
  'special tokens': '<|endoftext|><|im_start|><｜begin▁of▁sentence｜><|fim_prefix|>',
  'object prototype names': 'hasOwnProperty toString __proto__ constructor valueOf',
  BOM: '\uFEFF\uFEFFtext\uFEFF',
};

describe('hostile text: every tokenizer returns a count and never throws', () => {
  for (const id of TOKENIZER_IDS) {
    test(id, async () => {
      const tok = await loadTokenizer(id);
      for (const [name, text] of Object.entries(HOSTILE)) {
        const n = tok.count(text);
        assert.ok(Number.isInteger(n) && n >= 0, `${name}: ${n}`);
        assert.equal(n === 0, text.length === 0, `${name}: ${n}`);
      }
    });
  }

  test('a 1 MB single line of one letter is counted (in parts) by every tokenizer', async () => {
    const line = 'a'.repeat(1_000_000);
    for (const id of TOKENIZER_IDS) {
      const n = (await loadTokenizer(id)).count(line);
      assert.ok(Number.isInteger(n) && n > 0, `${id}: ${n}`);
    }
    // o200k_base encodes runs of "a" 8 letters per token: 62.5 tokens per 500-letter part,
    // so the parts cost 63 each, 0.8 % above the whole run's 125,000.
    assert.equal((await loadTokenizer('o200k_base')).count(line), 2000 * 63);
  });

  test('1 MB single lines of ordinary text stay exact (no part is cut)', async () => {
    const line = 'The quick brown fox, 汉字与标点；jumps over 12345 lazy dogs. '.repeat(18_000);
    assert.equal(splitLongRuns(line), undefined);
    const tok = await loadTokenizer('o200k_base');
    const sample = line.slice(0, 20_000);
    assert.equal(tok.count(sample), countWithReference('o200k_base', sample));
  });

  test('long runs are cut into parts that rejoin to the text, without splitting surrogate pairs', () => {
    const text = 'start ' + '𠀀'.repeat(LONG_RUN) + ' middle ' + '-'.repeat(LONG_RUN + 7) + ' end';
    const parts = splitLongRuns(text);
    assert.ok(parts);
    assert.equal(parts.join(''), text);
    for (const p of parts) {
      assert.ok([...p].length <= RUN_PART + 8 || !/^[𠀀-]+$/u.test(p));
      assert.ok(!/^[\uDC00-\uDFFF]/.test(p), 'no part starts with a low surrogate');
    }
  });

  test('random strings (with surrogates, controls, BOMs) never throw, exact OpenAI equals js-tiktoken', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const cl100k = await loadTokenizer('cl100k_base');
    const qwen = await loadTokenizer('qwen3');
    const claude = await loadTokenizer('claude_est');
    const alphabet = fc.constantFrom(
      'a',
      'Z',
      ' ',
      '\n',
      '\t',
      '\uFEFF',
      '\uFEFF',
      '\r\n',
      '  ',
      '.',
      '\u0000',
      '\uD800',
      '\uDC00',
      '汉',
      'か',
      '한',
      '1',
      '!',
      '’',
      "'s",
      '<|endoftext|>',
      '👍',
      '\u200D',
      '\u0301',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        (text) => {
          assert.equal(o200k.count(text), countWithReference('o200k_base', text));
          assert.equal(cl100k.count(text), countWithReference('cl100k_base', text));
          assert.ok(qwen.count(text) >= 0);
          assert.ok(claude.count(text) >= 0);
        },
      ),
      { numRuns: 600, seed: 20261123 },
    );
  });
});

describe('runs of millions of one character count (issue 13, item 1)', () => {
  test('o200k and cl100k count 6,000,000 letters, spaces and dashes and 4,000,000 的, whole and incrementally', async () => {
    const texts = ['a'.repeat(6_000_000), ' '.repeat(6_000_000), '-'.repeat(6_000_000), '的'.repeat(4_000_000)];
    for (const id of ['o200k_base', 'cl100k_base'] as const) {
      const tok = await loadTokenizer(id);
      for (const text of texts) {
        // Each part is a run of RUN_PART characters, priced as js-tiktoken prices that part.
        const perPart = countWithReference(id, text.slice(0, RUN_PART));
        const n = tok.count(`1${text}`); // a digit ends every run
        assert.equal(n, countWithReference(id, '1') + (text.length / RUN_PART) * perPart, `${id} ${text[0]}`);
        assert.equal(new IncrementalCounter(chunkCounterFor(tok), `1${text}`).total(), n);
      }
    }
    // o200k_base: 8 letters a token, 63 for a part of 500 letters.
    assert.equal((await loadTokenizer('o200k_base')).count('a'.repeat(6_000_000)), 12_000 * 63);
  });

  test('ordinary text around a long run keeps its exact count (o200k, cl100k against js-tiktoken)', async () => {
    const prose = 'Token Spend prices 汉字与标点；every 12345 run.\n';
    for (const id of ['o200k_base', 'cl100k_base'] as const) {
      const tok = await loadTokenizer(id);
      const run = '-'.repeat(3 * RUN_PART);
      const parts = [prose, ...Array.from({ length: 3 }, () => run.slice(0, RUN_PART)), '\n' + prose];
      const want = parts.reduce((sum, p) => sum + countWithReference(id, p), 0);
      assert.equal(tok.count(prose + run + '\n' + prose), want);
      assert.equal(tok.count(prose.repeat(100)), countWithReference(id, prose.repeat(100)));
    }
  });
});
