import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countRankChunk, rankMerger, type OpenAiEncoding } from '../../src/core/tokenize/vendors/tiktoken';
import { countWithReference, referenceEncoder } from './tiktoken-reference';
import { decodeUtf8, isUtf8, latin1 } from '../../src/core/tokenize/bpe/utf8-bytes';

const utf8 = new TextEncoder();

/**
 * tiktoken's BPE of one string taken as a single piece, done plainly on js-tiktoken's rank map
 * (bytes joined with ',' → rank): merge the leftmost adjacent pair of lowest rank until none is a token.
 */
function mergedAsOnePiece(encoding: OpenAiEncoding, piece: string): number {
  const ranks = (referenceEncoder(encoding) as unknown as { rankMap: Map<string, number> }).rankMap;
  const parts = Array.from(utf8.encode(piece), (b) => String(b));
  for (;;) {
    let lowest = Infinity;
    let at = -1;
    for (let i = 0; i < parts.length - 1; i++) {
      const r = ranks.get(parts[i] + ',' + parts[i + 1]);
      if (r !== undefined && r < lowest) {
        lowest = r;
        at = i;
      }
    }
    if (at < 0) return parts.length;
    parts.splice(at, 2, parts[at] + ',' + parts[at + 1]);
  }
}

/** Every token of the vocabulary that is valid UTF-8, as text (js-tiktoken's rank → bytes map). */
function textTokens(encoding: OpenAiEncoding): string[] {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const out: string[] = [];
  for (const bytes of (referenceEncoder(encoding) as unknown as { textMap: Map<number, Uint8Array> }).textMap.values()) {
    try {
      out.push(strict.decode(bytes));
    } catch {
      // not UTF-8: no text token
    }
  }
  return out;
}

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
// Every CJK unified ideograph of the BMP, CJK punctuation, kana, full-width forms and a slice of Hangul.
const CJK = [...range(0x4e00, 0x9fff), ...range(0x3000, 0x30ff), ...range(0xff00, 0xffef), ...range(0xac00, 0xad00)];
// Two-byte characters (Latin-1, Latin Extended, Greek, Cyrillic): many of them merge with a
// neighbour before they are whole (" £" ranks below £'s own merge in both vocabularies).
const TWO_BYTE = range(0xa0, 0x52f);
// Neighbours whose bytes can merge with part of a character: spaces, punctuation, other scripts.
const NEIGHBOURS = [' ', '  ', '，', '。', '：', '“', '”', '(', '、', '\u3000', 'a', 'The', '1', '😀', 'é', 'д', 'ж', 'α', '\u00a0', '\uD800', '\n'];

for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
  describe(`${encoding}: merging on ranks`, () => {
    const merger = rankMerger(encoding);

    test("every CJK and two-byte character alone, after a space and doubled gives js-tiktoken's count", () => {
      const wrong: string[] = [];
      for (const c of [...CJK, ...TWO_BYTE]) {
        for (const piece of [c, ' ' + c, c + c]) {
          if (merger.count(piece) !== countWithReference(encoding, piece)) wrong.push(piece);
        }
      }
      assert.deepEqual(wrong.slice(0, 10), []);
    });

    const char = fc.oneof(fc.constantFrom(...CJK), fc.constantFrom(...TWO_BYTE), fc.constantFrom(...NEIGHBOURS));

    test("random runs of CJK characters and their neighbours, merged as one piece, give BPE's count", () => {
      // Strings the pre-tokenizer would split: whole-character starts next to any bytes at all.
      fc.assert(
        fc.property(fc.array(char, { minLength: 1, maxLength: 14 }), (chars) => {
          const piece = chars.join('');
          assert.equal(merger.count(piece), mergedAsOnePiece(encoding, piece), JSON.stringify(piece));
        }),
        { numRuns: 3000 },
      );
    });

    test("the same texts counted whole give js-tiktoken's count", () => {
      fc.assert(
        fc.property(fc.array(char, { minLength: 1, maxLength: 40 }), (chars) => {
          const text = chars.join('');
          assert.equal(countRankChunk(encoding, text), countWithReference(encoding, text), JSON.stringify(text));
        }),
        { numRuns: 1000 },
      );
    });

    test("every non-ASCII token of the vocabulary, and its overlapping doubles, merged as one piece, give BPE's count", () => {
      // Characters next to the very bytes their tokens share with neighbours: the contexts where a
      // whole-character start could go wrong (o200k_base's "რრო" did, before the check of what
      // follows a character).
      const wrong: string[] = [];
      let checked = 0;
      for (const t of textTokens(encoding)) {
        // eslint-disable-next-line no-control-regex -- the range is "not ASCII", which starts at \x00
        if (!/[^\x00-\x7f]/.test(t)) continue;
        for (const piece of [t, t.slice(0, -1) + t, t + t.slice(1)]) {
          checked++;
          if (merger.count(piece) !== mergedAsOnePiece(encoding, piece)) wrong.push(piece);
        }
      }
      assert.ok(checked > 10_000, `${checked} pieces checked`);
      assert.deepEqual(wrong.slice(0, 10), []);
    });

    test('the same counts after the learnt pairs and characters are forgotten', () => {
      const text = '中文文本的分词测试需求说明';
      const before = merger.count(text);
      merger.clear();
      assert.equal(merger.count(text), before);
      assert.equal(before, countWithReference(encoding, text));
    });
  });
}

test('most Chinese characters start whole; one after a space whose lead byte joins the space first does not', () => {
  const merger = rankMerger('o200k_base');
  const cp = (s: string): number => s.codePointAt(0)!;
  // 中 is one token and nothing around it ranks below its own merges.
  assert.ok(merger.wholeStart(cp('中')) >= 0);
  assert.ok(merger.wholeStart(cp('需'), cp('求')) >= 0);
  // o200k_base has " \xE9" (space + the lead byte of 需) ranked 3348, below 需's own 23183:
  // after a space 需 has to start as bytes.
  assert.equal(merger.wholeStart(cp('需'), cp(' ')), -1);
  assert.equal(merger.count(' 需求说明'), countWithReference('o200k_base', ' 需求说明'));
  // " £" ranks 8989, below £'s own merge (18943): £ never starts whole, whatever is around it.
  assert.equal(merger.wholeStart(cp('£')), -1);
  // Tokens that start with the whole character count as well: cl100k_base ranks "参数" at 33765,
  // below 参's own merges (74843), so 参 starts as bytes there.
  const cl100k = rankMerger('cl100k_base');
  assert.equal(cl100k.wholeStart(cp('参')), -1);
  assert.equal(cl100k.count('参数'), countWithReference('cl100k_base', '参数'));
  assert.ok(cl100k.wholeStart(cp('中')) >= 0);
  // What follows counts too: "რო" ranks below რ's own merges, so რ before რ starts as bytes.
  assert.ok(merger.wholeStart(cp('რ')) >= 0);
  assert.equal(merger.wholeStart(cp('რ'), -1, cp('რ')), -1);
});

describe('UTF-8 bytes held as Latin-1 strings', () => {
  test('isUtf8 and decodeUtf8 agree with a fatal TextDecoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    // Bytes biased to the lead and continuation ranges, where the edge cases are.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 8 }), (bytes) => {
        let want: string | undefined;
        try {
          want = strict.decode(Uint8Array.from(bytes));
        } catch {
          want = undefined;
        }
        const held = latin1(bytes);
        assert.equal(isUtf8(held), want !== undefined);
        assert.equal(decodeUtf8(held), want);
      }),
      { numRuns: 5000 },
    );
  });
});
