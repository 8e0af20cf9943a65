/**
 * Counts the features of a text that drive token counts, by script class. Used by the calibrated
 * estimates for vendors without a public offline tokenizer (estimate.ts). Each script has its own
 * features because vocabularies differ most there (one Arabic letter costs o200k a third of a
 * token and Gemma 3 a fifth; a Devanagari letter costs both more than a Latin one).
 */

export interface TextFeatures {
  /** Han ideographs plus CJK/full-width punctuation (what vendors mean by "Chinese characters"). */
  cjk: number;
  /** Hiragana and katakana (with the prolonged-sound mark). */
  kana: number;
  /** Hangul syllables and jamo, and runs of them (words). */
  hangul: number;
  hangulWords: number;
  /** Letters (with their combining marks) and runs of letters, per spaced alphabet. */
  latin: number;
  latinWords: number;
  /** Latin letters outside ASCII (accents cost English-centric vocabularies extra tokens). */
  latinAccented: number;
  cyrillic: number;
  cyrillicWords: number;
  /** Cyrillic letters outside the Russian alphabet (Ukrainian, Serbian…: rarer in vocabularies). */
  cyrillicRare: number;
  greek: number;
  greekWords: number;
  arabic: number;
  arabicWords: number;
  hebrew: number;
  hebrewWords: number;
  /** Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala. */
  indic: number;
  indicWords: number;
  /** Thai and Lao (written without spaces between words). */
  thai: number;
  /** Emoji sequences, each one unit: ZWJ families, skin-tone modifiers, flags, keycaps, tags. */
  emoji: number;
  /** Decimal digits outside base64/hex runs. */
  digits: number;
  /** Characters of base64 runs (24+ characters mixing cases and digits) and of hex runs (16+). */
  base64: number;
  hex: number;
  /** Whitespace runs that contain a line break. */
  lineBreaks: number;
  /** Runs of two or more spaces/tabs, alone or ending a line break run (indentation, alignment). */
  spaceRuns: number;
  /** ASCII and other punctuation and symbols that are not CJK punctuation. */
  punctuation: number;
  /** Everything else: other scripts, control characters, lone surrogates. */
  other: number;
}

export type FeatureName = keyof TextFeatures;
export const FEATURE_NAMES: readonly FeatureName[] = [
  'cjk',
  'kana',
  'hangul',
  'hangulWords',
  'latin',
  'latinWords',
  'latinAccented',
  'cyrillic',
  'cyrillicWords',
  'cyrillicRare',
  'greek',
  'greekWords',
  'arabic',
  'arabicWords',
  'hebrew',
  'hebrewWords',
  'indic',
  'indicWords',
  'thai',
  'emoji',
  'digits',
  'base64',
  'hex',
  'lineBreaks',
  'spaceRuns',
  'punctuation',
  'other',
];

/** Script classes a character falls in; the letter classes carry their [chars, words] features. */
export const enum Cls {
  Cjk,
  Kana,
  Hangul,
  Latin,
  Cyrillic,
  Greek,
  Arabic,
  Hebrew,
  Indic,
  Thai,
  Emoji,
  EmojiJoiner,
  Regional,
  Mark,
  Digit,
  Newline,
  Space,
  Punct,
  Other,
}

const LETTER_FEATURES: Partial<Record<Cls, readonly [FeatureName, FeatureName]>> = {
  [Cls.Hangul]: ['hangul', 'hangulWords'],
  [Cls.Latin]: ['latin', 'latinWords'],
  [Cls.Cyrillic]: ['cyrillic', 'cyrillicWords'],
  [Cls.Greek]: ['greek', 'greekWords'],
  [Cls.Arabic]: ['arabic', 'arabicWords'],
  [Cls.Hebrew]: ['hebrew', 'hebrewWords'],
  [Cls.Indic]: ['indic', 'indicWords'],
};

const SCRIPT_TESTS: readonly (readonly [RegExp, Cls])[] = [
  [/\p{Script=Han}/u, Cls.Cjk],
  [/[\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u, Cls.Kana],
  [/\p{Script=Hangul}/u, Cls.Hangul],
  [/\p{Script=Latin}/u, Cls.Latin],
  [/\p{Script=Cyrillic}/u, Cls.Cyrillic],
  [/\p{Script=Greek}/u, Cls.Greek],
  [/\p{Script=Arabic}/u, Cls.Arabic],
  [/\p{Script=Hebrew}/u, Cls.Hebrew],
  [
    /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u,
    Cls.Indic,
  ],
  [/[\p{Script=Thai}\p{Script=Lao}]/u, Cls.Thai],
];
const EXT_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const MARK = /\p{M}/u;
const DIGIT = /\p{Nd}/u;
const WHITESPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;

// Non-ASCII classification is cached per code point: real text reuses few thousand characters.
const cache = new Map<number, Cls>();
const CACHE_LIMIT = 50_000;

function isCjkPunctuation(cp: number): boolean {
  return (
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    (cp >= 0x2018 && cp <= 0x201d)
  );
}

/** ZWJ, variation selectors, skin-tone modifiers, keycap and tag characters: they extend an emoji. */
function isEmojiJoiner(cp: number): boolean {
  return cp === 0x200d || cp === 0xfe0f || cp === 0xfe0e || cp === 0x20e3 || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f);
}

export function classifyCodePoint(cp: number): Cls {
  if (cp < 128) return classifyAscii(cp);
  let cls = cache.get(cp);
  if (cls !== undefined) return cls;
  if (cp >= 0xd800 && cp <= 0xdfff) return Cls.Other; // lone surrogate
  cls = classifyUncached(cp);
  if (cache.size < CACHE_LIMIT) cache.set(cp, cls);
  return cls;
}

function classifyUncached(cp: number): Cls {
  if (isEmojiJoiner(cp)) return Cls.EmojiJoiner;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return Cls.Regional;
  const ch = String.fromCodePoint(cp);
  for (const [re, cls] of SCRIPT_TESTS) if (re.test(ch)) return cls;
  if (isCjkPunctuation(cp)) return Cls.Cjk;
  if (EXT_PICTOGRAPHIC.test(ch)) return Cls.Emoji;
  if (MARK.test(ch)) return Cls.Mark; // inherited combining marks join the letter before them
  if (DIGIT.test(ch)) return Cls.Digit;
  if (cp === 0x2028 || cp === 0x2029 || cp === 0x85) return Cls.Newline;
  if (WHITESPACE.test(ch)) return Cls.Space;
  if (PUNCT.test(ch)) return Cls.Punct;
  return Cls.Other;
}

function classifyAscii(c: number): Cls {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return Cls.Latin;
  if (c >= 48 && c <= 57) return Cls.Digit;
  if (c === 10 || c === 13) return Cls.Newline;
  if (c === 32 || c === 9 || c === 11 || c === 12) return Cls.Space;
  if (c < 32 || c === 127) return Cls.Other;
  return Cls.Punct;
}

export function emptyFeatures(): TextFeatures {
  const f = {} as TextFeatures;
  for (const n of FEATURE_NAMES) f[n] = 0;
  return f;
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61 || c === 45 || c === 95;
}

/**
 * Length of the base64 or hex run starting at i, 0 if there is none. Runs are judged by their
 * make-up so that long identifiers and words are not taken for encoded data.
 */
function encodedRun(text: string, i: number): { len: number; hex: boolean } {
  let end = i;
  while (end < text.length && isBase64Char(text.charCodeAt(end))) end++;
  if (end - i < 16) return { len: 0, hex: false }; // most runs are short words: judged without a second look
  let j = i;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let nonHex = 0;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 48 && c <= 57) digits++;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) nonHex++;
    j++;
  }
  const len = j - i;
  if (len >= 16 && nonHex === 0 && digits > 0 && digits < len) return { len, hex: true };
  // Base64: both cases and digits, and no long lowercase words (a case change every few chars).
  if (len >= 24 && upper >= len / 8 && lower >= len / 8 && digits >= len / 40) return { len, hex: false };
  return { len: 0, hex: false };
}

/** One pass over the text by code point; never throws (lone surrogates count as `other`). */
export function textFeatures(text: string): TextFeatures {
  const f = emptyFeatures();
  let prev: Cls = Cls.Space; // class of the previous non-mark character
  let wsLen = 0;
  let wsBreak = false;
  let wsTail = 0; // spaces/tabs since the last line break of the run
  let pendingRegional = false; // a regional indicator waiting for its pair (a flag is one unit)
  let runChecked = -1; // index up to which a non-encoded alphanumeric run was already judged
  const endWhitespaceRun = (): void => {
    if (wsLen === 0) return;
    if (wsBreak) f.lineBreaks++;
    if (wsTail >= 2) f.spaceRuns++;
    wsLen = 0;
    wsTail = 0;
    wsBreak = false;
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 128 && i > runChecked && isBase64Char(cp) && cp !== 61 && (i === 0 || !isBase64Char(text.charCodeAt(i - 1)))) {
      const run = encodedRun(text, i);
      if (run.len > 0) {
        endWhitespaceRun();
        if (run.hex) f.hex += run.len;
        else f.base64 += run.len;
        i += run.len - 1;
        prev = Cls.Punct;
        continue;
      }
      runChecked = i + 1; // the rest of this run starts mid-run, so it is never judged again
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const cls = classifyCodePoint(cp);
    if (cls === Cls.Latin && cp < 128) {
      // The hot path: plain ASCII letters.
      endWhitespaceRun();
      f.latin++;
      if (prev !== Cls.Latin) f.latinWords++;
      prev = cls;
      pendingRegional = false;
      continue;
    }
    if (cls === Cls.Newline || cls === Cls.Space) {
      wsLen++;
      if (cls === Cls.Newline) {
        wsBreak = true;
        wsTail = 0;
      } else wsTail++;
      prev = cls;
      pendingRegional = false;
      continue;
    }
    endWhitespaceRun();
    if (cls === Cls.Mark) {
      const lf = LETTER_FEATURES[prev];
      if (lf) f[lf[0]]++;
      else if (prev !== Cls.Emoji) f.other++;
      continue;
    }
    if (cls === Cls.EmojiJoiner) {
      // ZWJ glues the next pictograph into the same unit; modifiers and selectors add nothing.
      if (prev === Cls.Emoji && cp === 0x200d) prev = Cls.EmojiJoiner;
      else if (prev !== Cls.Emoji && prev !== Cls.EmojiJoiner && prev !== Cls.Digit && prev !== Cls.Punct) f.other++;
      continue;
    }
    if (cls === Cls.Regional) {
      if (!pendingRegional) f.emoji++;
      pendingRegional = !pendingRegional;
      prev = Cls.Emoji;
      continue;
    }
    pendingRegional = false;
    const lf = LETTER_FEATURES[cls];
    if (lf) {
      f[lf[0]]++;
      if (prev !== cls) f[lf[1]]++;
      if (cls === Cls.Latin && cp >= 128) f.latinAccented++;
      else if (cls === Cls.Cyrillic && !(cp >= 0x410 && cp <= 0x44f) && cp !== 0x401 && cp !== 0x451) f.cyrillicRare++;
    } else {
      switch (cls) {
        case Cls.Cjk:
          f.cjk++;
          break;
        case Cls.Kana:
          f.kana++;
          break;
        case Cls.Thai:
          f.thai++;
          break;
        case Cls.Emoji:
          if (prev !== Cls.EmojiJoiner) f.emoji++;
          break;
        case Cls.Digit:
          f.digits++;
          break;
        case Cls.Punct:
          f.punctuation++;
          break;
        default:
          f.other++;
      }
    }
    prev = cls;
  }
  endWhitespaceRun();
  return f;
}

/** The script classes the error table reports on, and the features that make up each one. */
export const SCRIPT_GROUPS = {
  latin: ['latin', 'latinWords', 'latinAccented'],
  cyrillic: ['cyrillic', 'cyrillicWords', 'cyrillicRare'],
  greek: ['greek', 'greekWords'],
  arabic: ['arabic', 'arabicWords'],
  hebrew: ['hebrew', 'hebrewWords'],
  indic: ['indic', 'indicWords'],
  thai: ['thai'],
  hangul: ['hangul', 'hangulWords'],
  kana: ['kana'],
  cjk: ['cjk'],
  emoji: ['emoji'],
  digits: ['digits'],
  encoded: ['base64', 'hex'],
  symbols: ['punctuation', 'lineBreaks', 'spaceRuns', 'other'],
} as const satisfies Record<string, readonly FeatureName[]>;
export type ScriptGroup = keyof typeof SCRIPT_GROUPS;
