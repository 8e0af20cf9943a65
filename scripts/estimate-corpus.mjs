// Builds the calibration corpora of the estimated tokenizers into .calib/corpus/{fit,held}/
// (git-ignored): one fit file and one held-out file per script class, code and data, each cut
// from different sources so the held-out text is never seen by the fit. See CALIBRATION.md.
//
//   node scripts/estimate-corpus.mjs
//
// Natural-language text: the gettext translations of this Debian system (/usr/share/locale,
// each .mo file under its own package's licence, used locally and never committed); the .mo
// files of a language are split alternately between fit and held-out. Code: this project's
// src/ (fit) and zod's sources in node_modules (held-out, MIT). Data is generated here.
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, '.calib', 'corpus');
const MAX = 24_000; // characters per file: enough for a stable ratio, quick to count

/** msgid/msgstr pairs of a GNU .mo file (little- or big-endian). */
function readMo(file) {
  const b = readFileSync(file);
  const magic = b.readUInt32LE(0);
  const le = magic === 0x950412de;
  const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const n = u32(8);
  const origOff = u32(12);
  const transOff = u32(16);
  const pairs = [];
  for (let i = 0; i < n; i++) {
    const s = (tab) => {
      const len = u32(tab + i * 8);
      const off = u32(tab + i * 8 + 4);
      return b.subarray(off, off + len).toString('utf8');
    };
    const id = s(origOff);
    if (!id) continue; // header
    pairs.push([id.split('\0')[0], s(transOff).split('\0')[0]]);
  }
  return pairs;
}

function moText(lang, part, pick) {
  const dir = `/usr/share/locale/${lang}/LC_MESSAGES`;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.mo'))
    .sort();
  let text = '';
  files.forEach((f, i) => {
    if (i % 2 !== part) return;
    for (const p of readMo(join(dir, f))) {
      const s = pick(p).trim();
      if (s.length > 3 && text.length < MAX * 3) text += s + '\n';
    }
  });
  return text;
}

/** Deterministic pseudo-random numbers (mulberry32) so the corpora are reproducible. */
function rng(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(dir, ext, acc = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, ext, acc);
    else if (ext.some((x) => e.name.endsWith(x))) acc.push(p);
  }
  return acc.sort();
}

function codeText(dir) {
  let t = '';
  for (const f of walk(dir, ['.ts'])) {
    if (t.length > MAX * 2) break;
    t += readFileSync(f, 'utf8') + '\n';
  }
  return t;
}

function packageJsons(part) {
  const dirs = readdirSync(join(root, 'node_modules'))
    .filter((d) => !d.startsWith('.') && !d.startsWith('@'))
    .sort();
  return dirs
    .filter((_, i) => i % 2 === part)
    .map((d) => join(root, 'node_modules', d, 'package.json'))
    .filter(existsSync)
    .map((f) => JSON.parse(readFileSync(f, 'utf8')));
}

function yaml(v, indent = '') {
  if (Array.isArray(v)) return v.map((x) => `${indent}- ${typeof x === 'object' && x ? '\n' + yaml(x, indent + '  ') : JSON.stringify(x)}`).join('\n');
  if (v && typeof v === 'object') {
    return Object.entries(v)
      .map(([k, x]) =>
        x && typeof x === 'object'
          ? `${indent}${k}:\n${yaml(x, indent + '  ')}`
          : `${indent}${k}: ${typeof x === 'string' && /^[\w .,/-]*$/.test(x) ? x : JSON.stringify(x)}`,
      )
      .join('\n');
  }
  return indent + JSON.stringify(v);
}

const EMOJI = [
  '😀',
  '😂',
  '🥹',
  '🙏',
  '👍',
  '👍🏽',
  '👋🏻',
  '🎉',
  '🔥',
  '❤️',
  '✅',
  '🚀',
  '🤔',
  '😅',
  '👨‍👩‍👧',
  '👩🏾‍💻',
  '🏳️‍🌈',
  '🇫🇷',
  '🇯🇵',
  '🇧🇷',
  '☕',
  '🍕',
  '1️⃣',
  '✨',
  '🙌',
  '😭',
  '🤝',
  '🧑‍🍳',
  '🐛',
  '📦',
];
const WORDS =
  'ok sure lol see you soon thanks great idea meeting moved to friday did you push the fix yes deploy done coffee later who is in happy birthday congrats nice work weekend plans ship it'.split(
    ' ',
  );
function emojiChat(seed) {
  const r = rng(seed);
  const names = ['ana', 'li', 'sam', 'omar', 'kim'];
  let t = '';
  while (t.length < MAX / 2) {
    let line = `${names[Math.floor(r() * names.length)]}: `;
    const n = 1 + Math.floor(r() * 6);
    for (let i = 0; i < n; i++) line += (r() < 0.45 ? EMOJI[Math.floor(r() * EMOJI.length)] : WORDS[Math.floor(r() * WORDS.length)]) + (r() < 0.7 ? ' ' : '');
    t += line.trim() + '\n';
  }
  return t;
}

function base64Text(seed) {
  const r = rng(seed);
  const bytes = Buffer.alloc(MAX / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(r() * 256);
  const b = bytes.toString('base64');
  return seed % 2 ? b.replace(/.{76}/g, '$&\n') : `data:image/png;base64,${b}`;
}

function hexText(seed) {
  const r = rng(seed);
  let t = '';
  while (t.length < MAX / 2) {
    let h = '';
    for (let i = 0; i < 40; i++) h += Math.floor(r() * 16).toString(16);
    t += seed % 2 ? `commit ${h}\n` : `"sha256": "${h}${h.slice(0, 24)}",\n`;
  }
  return t;
}

function digitsText(seed) {
  const r = rng(seed);
  let t = seed % 2 ? 'date,open,high,low,close,volume\n' : '';
  while (t.length < MAX / 2) {
    const d = `2026-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const v = () => (r() * 1000).toFixed(2);
    t += seed % 2 ? `${d},${v()},${v()},${v()},${v()},${Math.floor(r() * 1e7)}\n` : `${d} ${Math.floor(r() * 1e9)} ${v()}\n`;
  }
  return t;
}

/**
 * Names of languages and regions and full dates in a locale, from Node's ICU (Unicode CLDR data):
 * list-like text with many proper nouns, which tokenizes unlike prose. Fit and held-out take
 * disjoint halves of the codes, and both leave out the codes of test/fixtures/estimate.
 */
const FIXTURE_CODES = new Set([
  'en',
  'fr',
  'de',
  'es',
  'it',
  'pt',
  'ru',
  'ar',
  'he',
  'el',
  'hi',
  'bn',
  'ta',
  'th',
  'ko',
  'ja',
  'zh',
  'uk',
  'pl',
  'tr',
  'nl',
  'sv',
  'fi',
  'cs',
  'hu',
  'ro',
  'fa',
  'ur',
  'vi',
  'id',
  'ms',
  'sw',
  'US',
  'FR',
  'DE',
  'ES',
  'IT',
  'PT',
  'RU',
  'EG',
  'IL',
  'GR',
  'IN',
  'BD',
  'LK',
  'TH',
  'KR',
  'JP',
  'CN',
  'UA',
  'PL',
  'TR',
  'NL',
  'SE',
  'FI',
  'CZ',
  'HU',
  'RO',
  'IR',
  'PK',
  'VN',
  'ID',
  'MY',
  'KE',
  'BR',
  'MX',
  'CA',
  'AU',
]);
function cldrText(locale, part) {
  const A = 'abcdefghijklmnopqrstuvwxyz';
  let t = '';
  for (const type of ['language', 'region']) {
    const names = new Intl.DisplayNames([locale], { type, fallback: 'none' });
    const codes = [];
    for (const a of A) for (const b of A) codes.push(type === 'region' ? (a + b).toUpperCase() : a + b);
    const picked = codes
      .filter((c, i) => !FIXTURE_CODES.has(c) && i % 2 === part)
      .map((c) => names.of(c))
      .filter(Boolean);
    t += picked.join(', ') + '.\n';
  }
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full' });
  for (let d = 0; d < 60; d++) t += date.format(new Date(2020 + part, d % 12, 1 + ((d * 7) % 28))) + '\n';
  return t.slice(0, MAX / 6);
}

/** Prose of this system's translated man pages (zh_CN, ja, ko, ru, …), roff requests dropped; files alternate. */
function manText(lang, part) {
  const dir = `/usr/share/man/${lang}`;
  if (!existsSync(dir)) return '';
  let t = '';
  walk(dir, ['.gz']).forEach((f, i) => {
    if (i % 2 !== part || t.length > MAX) return;
    const roff = gunzipSync(readFileSync(f)).toString('utf8');
    t +=
      roff
        .split('\n')
        .filter((l) => !l.startsWith('.') && !l.startsWith("'"))
        .join('\n')
        .replace(/\\f[BIRP]|\\-|\\\(..|\\&/g, '') + '\n';
  });
  return t;
}

/**
 * Chinese and Japanese prose: the paragraphs of the Debian Reference translations (Debian packages
 * debian-reference-zh-cn and debian-reference-ja, GPL-2+, used locally) that are mostly CJK, hard
 * line breaks joined; paragraphs alternate between fit and held-out. The .mo files are short UI
 * strings, which tokenizers split more finely than prose, so prose needs files of its own. Empty when
 * the package is not installed (then the fit sees no CJK prose: CALIBRATION.md).
 */
function proseText(lang, part) {
  const file = `/usr/share/debian-reference/debian-reference.${lang}.txt.gz`;
  if (!existsSync(file)) return '';
  const paragraphs = gunzipSync(readFileSync(file))
    .toString('utf8')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .join(''),
    );
  const prose = paragraphs.filter((p) => {
    const s = p.replace(/\s/g, '');
    const cjk = (s.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu) || []).length;
    return s.length >= 40 && cjk / s.length >= 0.5;
  });
  return prose.filter((_, i) => i % 2 === part).join('\n');
}

const LANGS = {
  arabic: 'ar',
  hebrew: 'he',
  russian: 'ru',
  ukrainian: 'uk',
  greek: 'el',
  hindi: 'hi',
  bengali: 'bn',
  tamil: 'ta',
  thai: 'th',
  korean: 'ko',
  japanese: 'ja',
  chinese: 'zh_CN',
  french: 'fr',
};

for (const [part, name] of [
  [0, 'fit'],
  [1, 'held'],
]) {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const files = {};
  for (const [script, lang] of Object.entries(LANGS)) {
    const man = manText(lang, part).slice(0, MAX / 2);
    files[script] = man + moText(lang, part, (p) => p[1]).slice(0, (MAX * 5) / 6 - man.length) + '\n' + cldrText(lang.replace('_CN', ''), part);
  }
  for (const [script, lang] of [
    ['chinese-prose', 'zh-cn'],
    ['japanese-prose', 'ja'],
  ]) {
    const text = proseText(lang, part);
    if (text) files[script] = text;
  }
  files.english = moText('fr', part, (p) => p[0]);
  files.code = part === 0 ? codeText(join(root, 'src')) : codeText(join(root, 'node_modules', 'zod', 'src'));
  const pk = packageJsons(part);
  files.json = JSON.stringify(pk);
  files.yaml = yaml(pk);
  files.emoji = emojiChat(11 + part);
  files.base64 = base64Text(21 + part);
  files.hex = hexText(31 + part);
  files.digits = digitsText(41 + part);
  for (const [k, v] of Object.entries(files)) {
    const text = v.slice(0, MAX);
    if (text.length < 2048) throw new Error(`${name}/${k}: only ${text.length} characters`);
    writeFileSync(join(dir, `${k}.txt`), text);
  }
  console.log(`${dir}: ${Object.keys(files).length} files`);
}
