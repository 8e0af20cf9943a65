import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isSafeCut, splitIntoBlocks } from '../../src/core/tokenize/incremental/cuts';
import { BlockDocument, CachedCounter, IncrementalCounter, countPending, type TextChange } from '../../src/core/tokenize/incremental/blocks';
import { chunkCounterFor } from '../../src/core/tokenize/incremental/counters';
import { loadTokenizer, type Tokenizer } from '../../src/core/tokenize/index';
import { countWithReference } from './tiktoken-reference';
import { estimateTokens } from '../../src/core/tokenize/estimate/estimate';
import type { TokenizerId } from '../../src/core/tokenize/ids';

const root = join(__dirname, '..', '..', '..');
const realDocuments = ['demo/prompt-en.md', 'demo/prompt-zh.md', 'demo/chat-openai.json', 'src/core/pricing/schema.ts'].map((p) => ({
  name: p,
  text: readFileSync(join(root, p), 'utf8'),
}));

// Characters and strings where pre-tokenizers and estimates behave specially.
const EDGE_PIECES = [
  'a',
  'Z',
  'word',
  'Hello',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '/',
  '//',
  '!',
  '.',
  '(',
  '}',
  "'s",
  "'LL",
  '1',
  '2024',
  '中',
  '文字',
  '。',
  '，',
  '\uFEFF',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u0301',
  '\u200b',
  '😀',
  '👍🏽',
  'カ',
  '한',
  'é',
  'ﬁ',
  '<|endoftext|>',
  '<think>',
  '<｜User｜>',
  '\ud800',
  'x ',
  ' y',
  '\n/',
  'a\n',
  '\n  ',
  ' \n',
  'e\u0301',
];
const edgeText = fc.array(fc.constantFrom(...EDGE_PIECES), { minLength: 0, maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(edgeText, fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 30 }));

const EXACT: TokenizerId[] = ['o200k_base', 'cl100k_base', 'qwen3', 'deepseek_v3'];
const ESTIMATED: TokenizerId[] = ['claude_est', 'doubao_est'];

async function tokenizers(ids: TokenizerId[]): Promise<Tokenizer[]> {
  return Promise.all(ids.map((id) => loadTokenizer(id)));
}

describe('safe cuts', () => {
  test('every safe cut splits a count exactly, for every exact tokenizer', async () => {
    for (const tok of await tokenizers(EXACT)) {
      fc.assert(
        fc.property(anyText, (text) => {
          const whole = tok.count(text);
          for (let p = 1; p < text.length; p++) {
            if (!isSafeCut(text, p)) continue;
            const split = tok.count(text.slice(0, p)) + tok.count(text.slice(p));
            if (split !== whole) throw new Error(`${tok.id}: cut at ${p} of ${JSON.stringify(text)}: ${split} != ${whole}`);
          }
        }),
        { numRuns: 300 },
      );
    }
  });

  test('safe cuts of real documents agree with js-tiktoken, the exactness reference', () => {
    for (const doc of realDocuments) {
      const blocks = splitIntoBlocks(doc.text);
      for (const enc of ['o200k_base', 'cl100k_base'] as const) {
        const summed = blocks.reduce((n, b) => n + countWithReference(enc, b), 0);
        assert.equal(summed, countWithReference(enc, doc.text), `${enc} on ${doc.name}`);
      }
    }
  });

  test('no cut inside CRLF, before indentation, before "/", or at a line that ends the text', () => {
    assert.equal(isSafeCut('a\r\nb', 2), false);
    assert.equal(isSafeCut('a\r\nb', 3), true);
    assert.equal(isSafeCut('a\n  b', 2), false);
    assert.equal(isSafeCut('x!\n/y', 3), false);
    assert.equal(isSafeCut('word next', 4), true);
    assert.equal(isSafeCut('word  next', 4), false);
    assert.equal(isSafeCut('word ', 4), false);
    assert.equal(isSafeCut('a\n', 2), false);
  });

  test('blocks concatenate back to the text and are cut only at safe positions', () => {
    fc.assert(
      fc.property(
        fc.array(anyText, { maxLength: 400 }).map((a) => a.join('')),
        (text) => {
          const blocks = splitIntoBlocks(text);
          assert.equal(blocks.join(''), text);
          let p = 0;
          for (const b of blocks.slice(0, -1)) {
            p += b.length;
            assert.ok(isSafeCut(text, p), `unsafe cut at ${p}`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a document of real text is cut into several blocks, and the same content is cut the same way in a selection', () => {
    const text = realDocuments
      .map((d) => d.text)
      .join('\n')
      .repeat(3);
    const blocks = splitIntoBlocks(text);
    assert.ok(blocks.length > 3, `only ${blocks.length} blocks`);
    // A selection starting inside the second block re-synchronises with the document's cuts.
    const start = blocks[0].length + 100;
    const selectionBlocks = new Set(splitIntoBlocks(text.slice(start)));
    const shared = blocks.slice(3).filter((b) => selectionBlocks.has(b)).length;
    assert.ok(shared >= blocks.length - 5, `only ${shared} of ${blocks.length} blocks shared`);
  });
});

function applyToString(text: string, c: TextChange): string {
  return text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
}

describe('incremental counting', () => {
  test('after every random edit of a real document the count equals counting the whole text', async () => {
    const all = await tokenizers([...EXACT, ...ESTIMATED]);
    for (const doc of realDocuments) {
      const insertions = doc.text
        .split('\n')
        .slice(0, 50)
        .map((l) => l + '\n');
      const steps = fc.array(fc.tuple(fc.nat(), fc.nat(40), fc.oneof(fc.constantFrom('', ...EDGE_PIECES), fc.constantFrom(...insertions))), {
        minLength: 1,
        maxLength: 25,
      });
      for (const tok of all) {
        fc.assert(
          fc.property(steps, (edits) => {
            let expected = doc.text;
            const counter = new IncrementalCounter(chunkCounterFor(tok), expected);
            for (const [at, del, text] of edits) {
              const rangeOffset = at % (expected.length + 1);
              const change = { rangeOffset, rangeLength: Math.min(del, expected.length - rangeOffset), text };
              expected = applyToString(expected, change);
              const got = counter.applyChange(change);
              if (got !== tok.count(expected)) throw new Error(`${tok.id} on ${doc.name}: ${got} != ${tok.count(expected)} after ${JSON.stringify(change)}`);
            }
            assert.equal(counter.document.getText(), expected);
          }),
          { numRuns: tok.exact && (tok.id === 'qwen3' || tok.id === 'deepseek_v3') ? 15 : 40 },
        );
      }
    }
  });

  test('random edits of random edge-case texts keep exact counts, compared with js-tiktoken', async () => {
    const [o200k] = await tokenizers(['o200k_base']);
    fc.assert(
      fc.property(edgeText, fc.array(fc.tuple(fc.nat(), fc.nat(6), edgeText), { maxLength: 15 }), (start, edits) => {
        let expected = start.repeat(20);
        const counter = new IncrementalCounter(chunkCounterFor(o200k), expected);
        for (const [at, del, text] of edits) {
          const rangeOffset = at % (expected.length + 1);
          const change = { rangeOffset, rangeLength: Math.min(del, expected.length - rangeOffset), text };
          expected = applyToString(expected, change);
          assert.equal(counter.applyChange(change), countWithReference('o200k_base', expected));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('estimates built from block features equal the estimate of the whole text', async () => {
    for (const tok of await tokenizers(ESTIMATED)) {
      fc.assert(
        fc.property(
          fc.array(anyText, { maxLength: 200 }).map((a) => a.join('')),
          (text) => {
            const counter = new IncrementalCounter(chunkCounterFor(tok), text);
            assert.equal(counter.total(), estimateTokens(tok.id as 'claude_est', text));
          },
        ),
        { numRuns: 200 },
      );
    }
  });

  test('an edit recounts only the blocks around it', async () => {
    const [o200k] = await tokenizers(['o200k_base']);
    let calls = 0;
    const counting = chunkCounterFor({ ...o200k, count: (t: string) => (calls++, o200k.count(t)) });
    const text = realDocuments
      .map((d) => d.text)
      .join('\n')
      .repeat(8);
    const doc = new BlockDocument(text);
    const counter = new CachedCounter(counting);
    countPending(doc, counter);
    const blocks = doc.blockList.length;
    assert.ok(blocks > 20);
    calls = 0;
    doc.applyChange({ rangeOffset: Math.floor(text.length / 2), rangeLength: 0, text: 'x' });
    assert.equal(countPending(doc, counter), o200k.count(applyToString(text, { rangeOffset: Math.floor(text.length / 2), rangeLength: 0, text: 'x' })));
    assert.ok(calls <= 3, `${calls} blocks recounted of ${blocks}`);
  });

  test('an undo is answered from the block cache without counting', async () => {
    const [cl100k] = await tokenizers(['cl100k_base']);
    let calls = 0;
    const counting = chunkCounterFor({ ...cl100k, count: (t: string) => (calls++, cl100k.count(t)) });
    const text = realDocuments[1].text.repeat(4);
    const doc = new BlockDocument(text);
    const counter = new CachedCounter(counting);
    const before = countPending(doc, counter);
    doc.applyChange({ rangeOffset: 10, rangeLength: 0, text: '新的字' });
    countPending(doc, counter);
    calls = 0;
    doc.applyChange({ rangeOffset: 10, rangeLength: 3, text: '' });
    assert.equal(countPending(doc, counter), before);
    assert.equal(calls, 0);
  });

  test('deleting everything and typing again works, and bad ranges are refused with a clear message', async () => {
    const [o200k] = await tokenizers(['o200k_base']);
    const text = realDocuments[0].text;
    const counter = new IncrementalCounter(chunkCounterFor(o200k), text);
    assert.equal(counter.applyChange({ rangeOffset: 0, rangeLength: text.length, text: '' }), 0);
    assert.equal(counter.applyChange({ rangeOffset: 0, rangeLength: 0, text: 'hello world' }), 2);
    assert.throws(() => counter.applyChange({ rangeOffset: 5, rangeLength: 100, text: '' }), /outside the document \(length 11\)/);
    assert.throws(() => counter.applyChange({ rangeOffset: -1, rangeLength: 0, text: '' }), RangeError);
  });

  test('slice returns the text between two offsets across blocks', () => {
    const text = realDocuments.map((d) => d.text).join('\n');
    const doc = new BlockDocument(text);
    assert.ok(doc.blockList.length > 1);
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
        const [s, e] = a <= b ? [a, b] : [b, a];
        assert.equal(doc.slice(s, e), text.slice(s, e));
      }),
    );
  });
});

describe('CJK-heavy blocks (rank-merge.ts, whole-chars.ts)', () => {
  // CJK pieces mixed with characters that once needed care: U+0085, U+FEFF, lone surrogates, astral.
  const CJK_PIECES = [
    '中文',
    '价格战',
    '，',
    '。',
    '、',
    '（',
    '）',
    '「',
    '」',
    '　',
    'カタカナ',
    'ひらがな',
    '한국어',
    'ｆｕｌｌ',
    '１２３',
    '々',
    '〇',
    '\n',
    ' ',
    'a',
    'The ',
    '2024',
    '😀',
    '👍🏽',
    '𠀀',
    '\u0085',
    '\uFEFF',
    '\ud800',
    '\u00a0',
    '\u3000\u3000',
    '<|endoftext|>',
    "'s",
    '\r\n',
  ];
  const cjkText = fc.array(fc.constantFrom(...CJK_PIECES), { minLength: 1, maxLength: 200 }).map((p) => p.join(''));

  test('block counts equal js-tiktoken for both encodings', async () => {
    const counters = (await tokenizers(['o200k_base', 'cl100k_base'])).map((t) => chunkCounterFor(t));
    fc.assert(
      fc.property(cjkText, (text) => {
        for (const c of counters) {
          const want = countWithReference(c.id as 'o200k_base' | 'cl100k_base', text);
          if (c.measure(text) !== want) throw new Error(`${c.id}: ${String(c.measure(text))} != ${want} for ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 600 },
    );
  });
});
