import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { formatMoney, formatTokens } from '../../src/core/format';
import type { Comparison } from '../../src/core/types';

// Built by `node esbuild.mjs --tests`, which also builds dist/.
const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const fixture = (name: string) => join(root, 'test', 'fixtures', name);
const catalogue = loadBundledCatalogue();
const o200k = getEncoding('o200k_base');
/** Monday 20:00 Beijing time: DeepSeek off-peak, so prices do not depend on when the test runs. */
const AT = '2026-11-23T12:00:00Z';

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The table line of a model id. */
function lineOf(out: string, id: string): string {
  const line = out.split('\n').find((l) => l.slice(2).startsWith(id + ' '));
  assert.ok(line, `no row for ${id} in:\n${out}`);
  return line;
}

describe('token-spend CLI', () => {
  test('English prompt: aligned table with real counts and prices, current model and cheaper equivalents', () => {
    const { code, out, err } = run([fixture('prompt-en.txt'), '--model', 'gpt-4o', '--vendors', 'openai,deepseek', '--at', AT]);
    assert.equal(code, 0, err);
    const n = o200k.encode(readFileSync(fixture('prompt-en.txt'), 'utf8')).length;
    // gpt-4o: $2.50 in / $10 out per 1M, 500 output tokens by default.
    const total = (n * 2.5 + 500 * 10) / 1e6;
    const gpt4o = lineOf(out, 'openai/gpt-4o');
    assert.ok(gpt4o.startsWith('▶ '), 'current model is marked');
    const cells = gpt4o
      .slice(2)
      .trim()
      .split(/\s{2,}/);
    assert.equal(cells[2], formatTokens(n));
    assert.equal(cells[5], formatMoney(total, 'USD'));
    assert.equal(cells[6], formatMoney(total * 100 * 30, 'USD'));
    // Columns line up: every row is as wide as the header rule.
    const lines = out.split('\n');
    const ruleWidth = lines[1].length;
    const lastRow = lines.slice(2).findIndex((l) => l === '') + 2;
    for (const l of lines.slice(2, lastRow)) assert.equal(l.length, ruleWidth, l);
    assert.ok(out.includes('Current model: GPT-4o (openai/gpt-4o)'));
    assert.match(out, /Cheaper equivalents[^\n]*\n {2}\S+ {2}\$[\d.]+ per call, saves \$[\d.]+ \(\d+%\)/);
    assert.ok(!lineOf(out, 'deepseek/deepseek-flash@cn').includes('≈'), 'DeepSeek counts are exact');
  });

  test('Chinese prompt in Chinese: yuan, vendor names in Chinese, unpriced and free rows, estimates marked', () => {
    const { code, out, err } = run([
      fixture('prompt-zh.txt'),
      '--lang',
      'zh-cn',
      '--model',
      'deepseek/deepseek-flash@cn',
      '--vendors',
      'deepseek,alibaba,zhipu,iflytek',
      '--at',
      AT,
    ]);
    assert.equal(code, 0, err);
    const flash = lineOf(out, 'deepseek/deepseek-flash@cn');
    assert.ok(flash.includes('深度求索'));
    assert.match(flash, /¥[\d.]+/);
    assert.ok(lineOf(out, 'alibaba/qwen4-max@cn').includes('未定价'));
    assert.ok(lineOf(out, 'zhipu/glm-4.7-flash').includes('免费'));
    assert.ok(lineOf(out, 'zhipu/glm-5.3@cn').includes('≈'), 'GLM counts are estimates');
    assert.ok(out.includes('当前模型：DeepSeek-V4.1-Flash'));
  });

  test('--json prints the comparison; - reads standard input', () => {
    const text = readFileSync(fixture('prompt-zh.txt'), 'utf8');
    const { code, out, err } = run(['-', '--json', '--model', 'openai/gpt-4o-mini', '--vendors', 'openai', '--currency', 'CNY', '--at', AT], text);
    assert.equal(code, 0, err);
    const c = JSON.parse(out) as Comparison;
    assert.equal(c.currentModelId, 'openai/gpt-4o-mini');
    assert.equal(c.characters, [...text].length);
    assert.equal(c.assumptions.currency, 'CNY');
    const mini = c.rows.find((r) => r.model.id === 'openai/gpt-4o-mini');
    assert.ok(mini?.cost, 'gpt-4o-mini is priced');
    const n = o200k.encode(text).length;
    assert.equal(mini.count.tokens, n);
    const cny = catalogue.exchangeRates.rates.CNY!;
    assert.ok(Math.abs(mini.cost.total - ((n * 0.15 + 500 * 0.6) / 1e6) * cny) < 1e-12);
    assert.equal(c.rows.length, catalogue.models.filter((m) => m.vendor === 'openai').length);
  });

  test('--models, --batch and --discount narrow and adjust the comparison', () => {
    const { code, out, err } = run([
      fixture('prompt-en.txt'),
      '--json',
      '--model',
      'gpt-4o',
      '--models',
      'gpt-4o-mini,deepseek/deepseek-flash@intl',
      '--batch',
      '--discount',
      'openai=10',
      '--at',
      AT,
    ]);
    assert.equal(code, 0, err);
    const c = JSON.parse(out) as Comparison;
    assert.deepEqual(c.rows.map((r) => r.model.id).sort(), ['deepseek/deepseek-flash@intl', 'openai/gpt-4o', 'openai/gpt-4o-mini']);
    const n = o200k.encode(readFileSync(fixture('prompt-en.txt'), 'utf8')).length;
    // gpt-4o list (n × 2.5 + 500 × 10)/1M, batch ×0.5, then 10 % off.
    const gpt4o = c.rows.find((r) => r.model.id === 'openai/gpt-4o');
    assert.ok(gpt4o?.cost, 'gpt-4o is priced');
    assert.ok(Math.abs(gpt4o.cost.total - ((n * 2.5 + 500 * 10) / 1e6) * 0.5 * 0.9) < 1e-12);
    assert.deepEqual(gpt4o.cost.applied, ['batch price ×0.5', 'vendor discount 10%']);
  });

  test('--regions keeps suggestions to models sold there', () => {
    const { code, out, err } = run([fixture('prompt-zh.txt'), '--json', '--model', 'deepseek/deepseek-flash@cn', '--regions', 'cn', '--at', AT]);
    assert.equal(code, 0, err);
    const c = JSON.parse(out) as Comparison;
    assert.ok(c.suggestions.length > 0);
    assert.ok(
      c.suggestions.every((r) => r.model.region === 'cn'),
      c.suggestions.map((r) => r.model.id).join(),
    );
    assert.equal(run([fixture('prompt-zh.txt'), '--regions', 'mars']).code, 1);
  });

  test('--budget: exit 2 with the reason when one call costs more, 0 when it fits', () => {
    const over = run([fixture('prompt-en.txt'), '--model', 'gpt-4o', '--vendors', 'openai', '--budget', '0.001', '--at', AT]);
    assert.equal(over.code, 2);
    assert.match(over.err, /over budget: one call of openai\/gpt-4o costs \$[\d.]+, more than the budget of \$0\.001/);
    const fits = run([fixture('prompt-en.txt'), '--model', 'gpt-4o', '--vendors', 'openai', '--budget', '1', '--at', AT]);
    assert.equal(fits.code, 0, fits.err);
  });

  test('bad input: exit 1 with a clear message', () => {
    const unknown = run([fixture('prompt-en.txt'), '--model', 'gpt-4oo']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /unknown model "gpt-4oo"; did you mean .*openai\/gpt-4o/);
    const binary = run([process.execPath]);
    assert.equal(binary.code, 1);
    assert.match(binary.err, /binary/);
    const utf16 = run(['-'], Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('价格', 'utf16le')]));
    assert.equal(utf16.code, 1);
    assert.match(utf16.err, /standard input is UTF-16 text/);
    const latin1 = run(['-'], Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    assert.equal(latin1.code, 1);
    assert.match(latin1.err, /not UTF-8/);
    const missing = run([join(root, 'no-such-file.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no such file/);
    const flag = run([fixture('prompt-en.txt'), '--cached', '1.5']);
    assert.equal(flag.code, 1);
    assert.match(flag.err, /--cached expects a share between 0 and 1/);
    const unknownFlag = run([fixture('prompt-en.txt'), '--modle', 'x']);
    assert.equal(unknownFlag.code, 1);
    assert.match(unknownFlag.err, /unknown option --modle/);
    const noFile = run([]);
    assert.equal(noFile.code, 1);
    assert.match(noFile.err, /give a file/);
  });

  test('--help and --version', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: token-spend <file\|glob\|-> \[more files or globs\] \[options\]/);
    const version = run(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.out.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});

describe('token-spend CLI: dated prices, retirement, secondary sources, freshness', () => {
  // acme/mid: $0.15/$0.60 per 1M from a secondary source, doubling on 2027-01-01, retiring 2027-01-31
  // (replaced by acme/big), checked 2026-10-01; acme/small retired on 2026-12-01. The others are
  // "checked" 2099-12-31 so that staleness, judged at the real today, counts acme/mid alone.
  const args = [
    fixture('prompt-en.txt'),
    '--pricing',
    fixture('pricing-notices.json'),
    '--vendors',
    'acme',
    '--model',
    'acme/mid',
    '--at',
    '2026-12-20T12:00:00Z',
  ];
  test('--json carries secondarySource, retired and the next change with the cost of a call after it', () => {
    const { code, out, err } = run([...args, '--json']);
    assert.equal(code, 0, err);
    const c = JSON.parse(out);
    const row = (id: string) => c.rows.find((r: { model: { id: string } }) => r.model.id === id);
    const n = o200k.encode(readFileSync(fixture('prompt-en.txt'), 'utf8')).length;
    assert.equal(row('acme/mid').secondarySource, true);
    assert.equal(row('acme/big').secondarySource, undefined);
    assert.equal(row('acme/small').retired, true);
    assert.equal(row('acme/mid').nextChange.date, '2027-01-01');
    assert.deepEqual(row('acme/mid').nextChange.factor, { input: 2, output: 2 });
    assert.ok(Math.abs(row('acme/mid').nextChange.totalAfter - (n * 0.3 + 500 * 1.2) / 1e6) < 1e-12);
    assert.deepEqual(
      c.suggestions.map((r: { model: { id: string } }) => r.model.id),
      [],
      'the only cheaper model is retired',
    );
    assert.deepEqual(c.freshness, { stale: 1, total: 3, limitDays: 30 });
  });
  test('the table marks and explains them', () => {
    const { code, out, err } = run(args);
    assert.equal(code, 0, err);
    assert.match(lineOf(out, 'acme/mid'), /^▶ acme\/mid ⚠ °/);
    assert.match(lineOf(out, 'acme/small'), /^ {2}acme\/small †/);
    assert.doesNotMatch(lineOf(out, 'acme/big'), /[⚠°†]/);
    assert.match(out, /Price from a secondary source, not the vendor's own page\./);
    assert.match(out, /⚠ Acme Mid retires on 2027-01-31 \(in 41 days\)\. Its replacement: Acme Big \(acme\/big\)\./);
    assert.match(
      out,
      /Announced price changes:\n {2}acme\/mid: price doubles on 2027-01-01: input \$0\.15 \/ 1M tokens → \$0\.3 \/ 1M tokens, output \$0\.6 \/ 1M tokens → \$1\.2 \/ 1M tokens \(announced increase\); one call \$[\d.]+ → \$[\d.]+/,
    );
    assert.match(out, /1 of 3 prices were checked more than 30 days ago/);
    const zh = run([...args, '--lang', 'zh-cn']);
    assert.match(zh.out, /2027-01-01 起价格翻倍/);
    assert.match(zh.out, /3 个价格中有 1 个的核对已超过 30 天/);
  });
});
