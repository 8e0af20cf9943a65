// The compact o200k_base and cl100k_base vocabularies (scripts/compact-vocab.mjs → dist/vocab, counted
// by vendors/openai.ts with our own merge) against js-tiktoken, the reference, on real text from many
// scripts, random text and long runs.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { countRankChunk, clearFastPathCaches } from '../../src/core/tokenize/vendors/tiktoken';
import { loadTokenizer } from '../../src/core/tokenize';
import { countWithReference } from './tiktoken-reference';

const root = join(__dirname, '..', '..', '..');
const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;

/** Real text: the tokenizer and estimate fixtures (13 scripts, base64, JSON, emoji), the README, sources, the Chinese bundle. */
function corpus(): { name: string; text: string }[] {
  const files = [
    ...['test/fixtures/tokenize', 'test/fixtures/estimate'].flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f))),
    'README.md',
    'l10n/bundle.l10n.zh-cn.json',
    'src/core/tokenize/bpe/rank-merge.ts',
    'pricing/vendors/deepseek.json',
  ];
  return files.filter((f) => statSync(join(root, f)).isFile()).map((f) => ({ name: f, text: readFileSync(join(root, f), 'utf8') }));
}

/** Pieces from many scripts and the pre-tokenizer's edge cases. */
const PIECES = [
  'a',
  'Z',
  'the',
  ' word',
  ' ',
  '  ',
  '\n',
  '\r\n',
  '\t',
  '1',
  '2024',
  '١٢٣',
  "'s",
  "'LL",
  "'Re",
  '.',
  ',',
  '!!',
  '...',
  '—',
  '’',
  '/',
  '汉字',
  '。',
  '，',
  'かな',
  'カナ',
  '한국어',
  'Ελληνικά',
  'русский',
  'עברית',
  'العربية',
  'हिन्दी',
  'ไทย',
  'ქართული',
  'é',
  'e\u0301',
  'A\u030A',
  '👍',
  '👨‍👩‍👧',
  '🇫🇷',
  '\u200D',
  '\uFEFF',
  '\u00A0',
  '\u3000',
  '\uD800',
  '\uDFFF',
  '<|endoftext|>',
  '<|im_start|>',
  '{"a": [1, 2]}',
  'QmFzZTY0+/=',
  '0xdeadBEEF',
  '£',
  '€',
];
const randomText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('compact OpenAI vocabularies: counts identical to js-tiktoken', () => {
  for (const encoding of ENCODINGS) {
    test(`${encoding}: every corpus file, cold and with warm caches`, () => {
      const files = corpus();
      assert.ok(files.length >= 20, `${files.length} files`);
      for (const pass of ['cold', 'warm']) {
        if (pass === 'cold') clearFastPathCaches();
        for (const { name, text } of files) assert.equal(countRankChunk(encoding, text), countWithReference(encoding, text), `${pass} ${name}`);
      }
    });

    test(`${encoding}: random text from many scripts, graphemes and binary strings`, () => {
      fc.assert(
        fc.property(randomText, (text) => countRankChunk(encoding, text) === countWithReference(encoding, text)),
        { numRuns: 1500 },
      );
    });

    test(`${encoding}: long runs through the registry's tokenizer`, async () => {
      const tok = await loadTokenizer(encoding);
      // Under bpe/long-runs.ts's LONG_RUN characters each run is counted whole, so exactly.
      const text = `${'x'.repeat(900)} ${'汉'.repeat(500)} ${'1'.repeat(700)} ${'ab=+/'.repeat(150)}\n${' '.repeat(400)}${'🎉'.repeat(200)}\n${readFileSync(join(root, 'test/fixtures/tokenize/zh.md'), 'utf8')}`;
      assert.equal(tok.count(text), countWithReference(encoding, text));
    });
  }
});
