// Complete Simplified Chinese (issue 15): every English message the code passes to vscode.l10n.t
// has a zh-CN entry, and the Chinese text uses full-width punctuation and the one term "Token".
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isTranslated } from '../../src/core/l10n';
import { repoRoot } from './support';

const root = repoRoot();
const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The literal first arguments of `l10n.t(…)` in a source file (template literals with slots are not keys). */
export function l10nKeys(code: string): string[] {
  const keys: string[] = [];
  for (const m of code.matchAll(/\bl10n\.t\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\$])*)`)/g)) {
    const raw = m[1] ?? m[2] ?? m[3];
    keys.push(raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)));
  }
  return keys;
}

test('the scanner reads single-, double- and back-quoted keys, with escapes', () => {
  assert.deepEqual(l10nKeys(`vscode.l10n.t('It\\'s {0}', x); l10n.t("a \\"b\\""); vscode.l10n.t(\`c\`)`), ["It's {0}", 'a "b"', 'c']);
});

test('every message the extension host passes to vscode.l10n.t has a Simplified Chinese entry', () => {
  const files = sources(join(root, 'src'));
  const used = new Map<string, string>();
  for (const f of files) for (const k of l10nKeys(readFileSync(f, 'utf8'))) used.set(k, f.slice(root.length + 1));
  assert.ok(used.size > 100, `found ${used.size} messages`);
  const missing = [...used].filter(([k]) => !isTranslated('zh-cn', k)).map(([k, f]) => `${f}: ${k}`);
  assert.deepEqual(missing, []);
});

const CJK = '[\\u3400-\\u9fff\\uf900-\\ufaff]';
const ASCII_NEXT_TO_CJK = new RegExp(`${CJK}\\s*[:,()]|[:,()]\\s*${CJK}`);
/** "tok", "token" or "tokens" as a word of its own (not tokenSpend.x or token-spend-pricing.json). */
const LOWER_CASE_TOKEN = /(?<![\w.-])tok(?:ens?)?(?![\w-])/;

test('Chinese text uses full-width punctuation next to Chinese characters, and the term "Token"', () => {
  const bad: string[] = [];
  for (const [name, entries] of [
    ['l10n bundle', bundle],
    ['package.nls.zh-cn.json', nls],
  ] as const) {
    for (const [key, value] of Object.entries(entries)) {
      // A language-model tool's description is read by the model, not the user: it stays English.
      if (key.endsWith('.modelDescription')) continue;
      if (ASCII_NEXT_TO_CJK.test(value)) bad.push(`${name} "${key}": ASCII punctuation beside Chinese: ${value}`);
      if (LOWER_CASE_TOKEN.test(value)) bad.push(`${name} "${key}": "tok"/"tokens" instead of "Token": ${value}`);
    }
  }
  assert.deepEqual(bad, []);
});

test('the checks catch what issue 15 found', () => {
  assert.ok(ASCII_NEXT_TO_CJK.test('各分词器的 Token 数:'));
  assert.ok(ASCII_NEXT_TO_CJK.test('免费, 节省'));
  assert.ok(!ASCII_NEXT_TO_CJK.test('免费，节省 $0.01 (USD)'));
  assert.ok(LOWER_CASE_TOKEN.test('百万 tokens'));
  assert.ok(LOWER_CASE_TOKEN.test('1,284 tok'));
  assert.ok(!LOWER_CASE_TOKEN.test('设置 tokenSpend.model 与 .vscode/token-spend-pricing.json 的百万 Token'));
});

test("the bundled pricing file's plan descriptions, Chinese vendors' plan names, free-quota notes, dated-price notes, time-window labels and exchange-rate source are translated", () => {
  const pricing = JSON.parse(readFileSync(join(root, 'pricing', 'pricing.json'), 'utf8')) as {
    plans: { vendor: string; name: string; includes: string }[];
    models: { price: { freeQuota?: { note: string }; timeWindows?: { label: string }[] }; schedule?: { note: string }[] }[];
    exchangeRates: { source: string };
  };
  // Brand names (ChatGPT Plus, GLM Coding Plan Lite) stay as they are; a name with words in brackets,
  // or one of the products with an official Chinese name (阿里云百炼, 火山方舟, 千帆), is translated.
  const translatedName = /\(|Model Studio|Volcano Engine|Qianfan/;
  const texts = [
    ...pricing.plans.map((p) => p.includes),
    ...pricing.plans.filter((p) => translatedName.test(p.name)).map((p) => p.name),
    pricing.exchangeRates.source,
    ...pricing.models.flatMap((m) => (m.price.freeQuota ? [m.price.freeQuota.note] : [])),
    // Shown in the tooltip's price rules and the panel's 'next price change' line.
    ...pricing.models.flatMap((m) => (m.schedule ?? []).map((e) => e.note)),
    ...pricing.models.flatMap((m) => (m.price.timeWindows ?? []).map((w) => w.label)),
  ];
  assert.deepEqual(
    texts.filter((s) => !isTranslated('zh-cn', s)),
    [],
  );
});
