// The estimate as shipped before the per-script classes (commit 5986221): nine features and
// o200k-fitted weights, kept here only so the calibration table and `npm run bench` can show
// today's figures next to the previous ones on the same held-out files.
const W = { cjk: 0.74, kanaHangul: 0.739, letters: 0.0987, words: 0.634, digits: 1.052, lineBreaks: 1.941, spaceRuns: 1.791, punctuation: 0.371, other: 1 };
const PROFILES = {
  grok_est: W,
  gemini_est: {
    ...Object.fromEntries(Object.entries(W).map(([k, v]) => [k, ['cjk', 'kanaHangul', 'other'].includes(k) ? v : v * 1.14])),
    cjk: W.cjk * 0.9,
    kanaHangul: W.kanaHangul * 0.9,
  },
};

/** The estimated tokenizers the previous weights are kept for (the others had no measured reference). */
export const PREVIOUS_IDS = Object.keys(PROFILES);

const CJK_PUNCT = (cp) =>
  (cp >= 0x3000 && cp <= 0x303f) ||
  (cp >= 0xff00 && cp <= 0xffef) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  cp === 0x2014 ||
  cp === 0x2026 ||
  (cp >= 0x2018 && cp <= 0x201d);

function cls(ch) {
  const cp = ch.codePointAt(0);
  if (/\p{Script=Han}/u.test(ch)) return 'cjk';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]/u.test(ch)) return 'kanaHangul';
  if (/[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}]/u.test(ch)) return 'letter';
  if (/\p{Nd}/u.test(ch)) return 'digits';
  if (ch === '\n' || ch === '\r' || cp === 0x2028 || cp === 0x2029 || cp === 0x85) return 'nl';
  if (/\s/u.test(ch)) return 'sp';
  if (CJK_PUNCT(cp)) return 'cjk';
  if (/[\p{P}\p{S}]/u.test(ch)) return 'punctuation';
  return 'other';
}

export function previousEstimate(id, text) {
  const f = { cjk: 0, kanaHangul: 0, letters: 0, words: 0, digits: 0, lineBreaks: 0, spaceRuns: 0, punctuation: 0, other: 0 };
  let prevLetter = false;
  let ws = 0;
  let br = false;
  const end = () => {
    if (ws) {
      if (br) f.lineBreaks++;
      else if (ws >= 2) f.spaceRuns++;
    }
    ws = 0;
    br = false;
  };
  for (const ch of text) {
    const c = cls(ch);
    if (c === 'nl' || c === 'sp') {
      ws++;
      if (c === 'nl') br = true;
      prevLetter = false;
      continue;
    }
    end();
    if (c === 'letter') {
      f.letters++;
      if (!prevLetter) f.words++;
    } else f[c]++;
    prevLetter = c === 'letter';
  }
  end();
  const w = PROFILES[id];
  return Math.max(1, Math.round(Object.keys(f).reduce((s, k) => s + f[k] * w[k], 0)));
}
