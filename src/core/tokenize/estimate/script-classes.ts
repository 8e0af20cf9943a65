/**
 * Counts the features of a text that drive token counts, by script class. Used by the calibrated
 * estimates for vendors without a public offline tokenizer (estimate.ts).
 */

export interface TextFeatures {
  /** Han ideographs plus CJK/full-width punctuation (what vendors mean by "Chinese characters"). */
  cjk: number;
  /** Hiragana, katakana and hangul characters. */
  kanaHangul: number;
  /** Letters of alphabetic scripts written with spaces (Latin, Greek, Cyrillic). */
  letters: number;
  /** Runs of such letters (words; camelCase counts as one run). */
  words: number;
  /** Decimal digits. */
  digits: number;
  /** Whitespace runs that contain a line break. */
  lineBreaks: number;
  /** Runs of two or more spaces/tabs without a line break (indentation, alignment). */
  spaceRuns: number;
  /** ASCII and other punctuation and symbols that are not CJK punctuation. */
  punctuation: number;
  /** Everything else: other scripts, emoji, control characters, lone surrogates. */
  other: number;
}

export type FeatureName = keyof TextFeatures;
export const FEATURE_NAMES: readonly FeatureName[] = ['cjk', 'kanaHangul', 'letters', 'words', 'digits', 'lineBreaks', 'spaceRuns', 'punctuation', 'other'];

const enum Cls {
  Cjk,
  KanaHangul,
  Letter,
  Digit,
  Newline,
  Space,
  Punct,
  Other,
}

const HAN = /\p{Script=Han}/u;
const KANA_HANGUL = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u;
const SPACED_LETTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}]/u;
const DIGIT = /\p{Nd}/u;
const WHITESPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;

// Non-ASCII classification is cached per code point: real text reuses few thousand characters.
const cache = new Map<number, Cls>();
const CACHE_LIMIT = 50_000;

function isCjkPunctuation(cp: number): boolean {
  return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0xfe30 && cp <= 0xfe4f) || cp === 0x2014 || cp === 0x2026 || (cp >= 0x2018 && cp <= 0x201d);
}

function classifyNonAscii(cp: number): Cls {
  let cls = cache.get(cp);
  if (cls !== undefined) return cls;
  if (cp >= 0xd800 && cp <= 0xdfff) return Cls.Other; // lone surrogate
  const ch = String.fromCodePoint(cp);
  if (HAN.test(ch)) cls = Cls.Cjk;
  else if (KANA_HANGUL.test(ch)) cls = Cls.KanaHangul;
  else if (SPACED_LETTER.test(ch)) cls = Cls.Letter;
  else if (DIGIT.test(ch)) cls = Cls.Digit;
  else if (cp === 0x2028 || cp === 0x2029 || cp === 0x85) cls = Cls.Newline;
  else if (WHITESPACE.test(ch)) cls = Cls.Space;
  else if (isCjkPunctuation(cp)) cls = Cls.Cjk;
  else if (PUNCT.test(ch)) cls = Cls.Punct;
  else cls = Cls.Other;
  if (cache.size < CACHE_LIMIT) cache.set(cp, cls);
  return cls;
}

function classifyAscii(c: number): Cls {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return Cls.Letter;
  if (c >= 48 && c <= 57) return Cls.Digit;
  if (c === 10 || c === 13) return Cls.Newline;
  if (c === 32 || c === 9 || c === 11 || c === 12) return Cls.Space;
  if (c < 32 || c === 127) return Cls.Other;
  return Cls.Punct;
}

export function emptyFeatures(): TextFeatures {
  return { cjk: 0, kanaHangul: 0, letters: 0, words: 0, digits: 0, lineBreaks: 0, spaceRuns: 0, punctuation: 0, other: 0 };
}

/** One pass over the text by code point; never throws (lone surrogates count as `other`). */
export function textFeatures(text: string): TextFeatures {
  const f = emptyFeatures();
  let prevWasLetter = false;
  // Whitespace run state: length of the current run and whether it holds a line break.
  let wsLen = 0;
  let wsBreak = false;
  const endWhitespaceRun = (): void => {
    if (wsLen === 0) return;
    if (wsBreak) f.lineBreaks++;
    else if (wsLen >= 2) f.spaceRuns++;
    wsLen = 0;
    wsBreak = false;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const cls = cp < 128 ? classifyAscii(cp) : classifyNonAscii(cp);
    if (cls === Cls.Newline || cls === Cls.Space) {
      wsLen++;
      if (cls === Cls.Newline) wsBreak = true;
      prevWasLetter = false;
      continue;
    }
    endWhitespaceRun();
    switch (cls) {
      case Cls.Cjk: f.cjk++; break;
      case Cls.KanaHangul: f.kanaHangul++; break;
      case Cls.Letter:
        f.letters++;
        if (!prevWasLetter) f.words++;
        break;
      case Cls.Digit: f.digits++; break;
      case Cls.Punct: f.punctuation++; break;
      default: f.other++;
    }
    prevWasLetter = cls === Cls.Letter;
  }
  endWhitespaceRun();
  return f;
}
