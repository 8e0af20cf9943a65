// Text shared by the tests that hold a compact vocabulary to its reference library
// (openai-compact.test.ts, hf-bpe.test.ts): real files from many scripts, and random text built from
// pieces that sit on the pre-tokenizers' edges.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

const root = join(__dirname, '..', '..', '..');

/** Real text: the tokenizer and estimate fixtures (13 scripts, base64, JSON, emoji), the README, sources, the Chinese bundle. */
export function vocabCorpus(): { name: string; text: string }[] {
  const files = [
    ...['test/fixtures/tokenize', 'test/fixtures/estimate'].flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f))),
    'README.md',
    'l10n/bundle.l10n.zh-cn.json',
    'src/core/tokenize/bpe/rank-merge.ts',
    'pricing/vendors/deepseek.json',
  ];
  return files.filter((f) => statSync(join(root, f)).isFile()).map((f) => ({ name: f, text: readFileSync(join(root, f), 'utf8') }));
}

/** Pieces from many scripts and the pre-tokenizers' edge cases (contractions, digits, newlines, lone surrogates, added and control tokens). */
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
  '<think>',
  '</think>',
  '<tool_call>',
  '<｜User｜>',
  '<｜Assistant｜>',
  '<｜begin▁of▁sentence｜>',
  'QmFzZTY0',
  '$x',
  '#',
  '@',
];

/** Joined pieces, graphemes and binary strings. */
export const randomVocabText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((a) => a.join('')),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
