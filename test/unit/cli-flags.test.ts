import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { nearestOption } from '../../src/cli/options';
import { parseBudget } from '../../src/cli/common';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const prompt = join(root, 'test', 'fixtures', 'prompt-en.txt');

describe('item 7: CLI numeric flags have the settings ranges and strictness', () => {
  test('hex, exponents, bare %, overflow, out-of-range rates and invalid dates are refused with the flag named', () => {
    const refused: [string[], RegExp][] = [
      [['--output', '99999999999999999999999'], /--output expects a whole number of tokens from 0 to 10,000,000/],
      [['--calls', '1e308'], /--calls expects a number of calls a day from 0 to 1,000,000,000/],
      [['--calls', '0x10'], /--calls expects/],
      [['--cached', '0x1'], /--cached expects a share/],
      [['--cached', '%'], /--cached expects a share/],
      [['--rate', 'CNY=1e-320'], /--rate CNY expects units per 1 USD from 0.000001 to 1,000,000/],
      [['--rate', 'CNY=1e308'], /--rate CNY expects/],
      [['--rate', 'CNY=0x10'], /--rate CNY expects/],
      [['--discount', 'deepseek=1e1'], /--discount deepseek expects a percentage from 0 to 100/],
      [['--at', '2026-02-30T10:00:00Z'], /--at expects an ISO 8601 time/],
      [['--at', '2026-11-23T24:30:00Z'], /--at expects an ISO 8601 time/],
    ];
    for (const [args, message] of refused) {
      assert.throws(
        () => parseCliArgs(['p.txt', ...args]),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        args.join(' '),
      );
    }
  });

  test('what the settings accept still parses to the same values', () => {
    const o = parseCliArgs([
      'p.txt',
      '--output',
      '10_000_000',
      '--calls',
      '2.5',
      '--cached',
      '30%',
      '--rate',
      'CNY=0.000001',
      '--discount',
      'deepseek=10%',
      '--at',
      '2024-02-29T23:59:59+08:00',
    ]);
    assert.equal(o.outputTokens, 10_000_000);
    assert.equal(o.callsPerDay, 2.5);
    assert.equal(o.cachedShare, 0.3);
    assert.equal(o.rates.CNY, 0.000001);
    assert.equal(o.discounts.deepseek, 10);
    assert.equal(o.at?.toISOString(), '2024-02-29T15:59:59.000Z');
  });

  test('the CLI exits 1 with one line and no Infinity error', () => {
    const r = spawnSync(process.execPath, [cli, prompt, '--rate', 'CNY=1e308', '--currency', 'CNY'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--rate CNY expects/);
    assert.doesNotMatch(r.stderr, /Infinity/);
  });
});

describe('item 9: --budget does not depend on the locale', () => {
  const run = (lang: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, prompt, '--model', 'openai/gpt-6.2-astra', ...args], {
      encoding: 'utf8',
      env: { ...process.env, LANG: lang, LC_ALL: '' },
    });

  test('the same command gives the same exit code under en_US, zh_CN, zh_TW and zh_HK', () => {
    // One call costs about USD 0.02 (CNY 0.14): USD 0.05 fits, CNY 0.05 does not, whatever the locale.
    for (const [budget, expected] of [
      ['0.05', 0],
      ['0.05USD', 0],
      ['0.05CNY', 2],
      ['0.001', 2],
    ] as const) {
      const codes = ['en_US.UTF-8', 'zh_CN.UTF-8', 'zh_TW.UTF-8', 'zh_HK.UTF-8'].map((lang) => run(lang, '--budget', budget).status);
      assert.deepEqual(codes, [expected, expected, expected, expected], budget);
    }
  });

  test('--currency names the budget currency; zh_TW and zh_HK are not Simplified Chinese', () => {
    assert.equal(run('en_US.UTF-8', '--budget', '0.05', '--currency', 'CNY').status, 2);
    const tw = run('zh_TW.UTF-8', '--budget', '0.001');
    assert.match(tw.stderr, /over budget: .* costs \$/);
    const cn = run('zh_CN.UTF-8', '--budget', '0.001');
    assert.match(cn.stderr, /超出预算.*¥0\.14.*¥.*\(\$0\.001\)|超出预算.*\$0\.001/);
  });
});

describe('flags a tester invents: repeats, near misses, unicode digits, out-of-range dates, empty input', () => {
  const refuses = (args: string[], message: RegExp) =>
    assert.throws(
      () => parseCliArgs(['p.txt', ...args]),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      args.join(' '),
    );

  test('a single-value flag given twice with different values is refused (before: the last one won without a word)', () => {
    refuses(['--output', '12', '--output', '13'], /^--output is given 2 times \("12", "13"\); give it once$/);
    refuses(['--model', 'openai/gpt-4o', '--model=deepseek/deepseek-flash@cn'], /^--model is given 2 times/);
    refuses(['--rate', 'CNY=7', '--rate', 'cny=8'], /^--rate CNY is given twice \(7, 8\); give it once$/);
    refuses(['--discount', 'openai=10', '--discount', 'OpenAI=20'], /^--discount openai is given twice \(10, 20\)/);
    // The same value twice, or --json twice, changes nothing and is accepted.
    assert.equal(parseCliArgs(['p.txt', '--output', '12', '--output', '12']).outputTokens, 12);
    assert.equal(parseCliArgs(['p.txt', '--rate', 'CNY=7', '--rate', 'CNY=7']).rates.CNY, 7);
    assert.equal(parseCliArgs(['p.txt', '--json', '--json']).format, 'json');
  });

  test('an unknown option close to a real one names it', () => {
    refuses(['--jsn'], /^unknown option --jsn \(did you mean --json\?\)$/);
    refuses(['--outptu', '5'], /\(did you mean --output\?\)/);
    refuses(['--output-tokens', '5'], /\(did you mean --output\?\)/);
    refuses(['--currancy', 'CNY'], /\(did you mean --currency\?\)/);
    refuses(['--xyz'], /^unknown option --xyz$/);
    assert.equal(nearestOption('--modle', ['model', 'models']), '--model');
  });

  test('full-width and Arabic-Indic digits, NaN, Infinity are refused; so are --at times before 1970 or after 2100', () => {
    for (const v of ['１２３', '١٢٣', 'NaN', 'Infinity', '']) refuses(['--output', v], /--output expects a whole number/);
    refuses(['--output', '-Infinity'], /^--output is missing its value; a value that starts with "-" is written --output=-VALUE$/);
    refuses(['--output=-Infinity'], /--output expects a whole number/);
    refuses(['--at', '0000-01-01'], /^--at expects a time from 1970-01-01 to 2100-12-31, got "0000-01-01"$/);
    refuses(['--at', '9999-12-31T23:59:59Z'], /from 1970-01-01 to 2100-12-31/);
    refuses(['--at', '1969-12-31T23:59:59Z'], /from 1970-01-01 to 2100-12-31/);
    assert.equal(parseCliArgs(['p.txt', '--at', '2101-01-01T00:30:00+01:00']).at?.toISOString(), '2100-12-31T23:30:00.000Z');
  });

  test('empty standard input or an empty file is priced and said on stderr, in English and Chinese; a symbolic-link loop is named', () => {
    const r = spawnSync(process.execPath, [cli, '-', '--models', 'openai/gpt-4o'], {
      input: '',
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C', LC_ALL: '' },
    });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, 'token-spend: standard input is empty: priced as 0 input tokens\n');
    const zh = spawnSync(process.execPath, [cli, '-', '--lang', 'zh-cn'], { input: '', encoding: 'utf8' });
    assert.equal(zh.stderr, 'token-spend: 标准输入 为空：按 0 个输入 Token 计价\n');
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-flags-'));
    symlinkSync('loop', join(dir, 'loop'));
    const loop = spawnSync(process.execPath, [cli, join(dir, 'loop')], { encoding: 'utf8' });
    assert.equal(loop.status, 1);
    assert.match(loop.stderr, /cannot read .*loop: a symbolic link loop\n$/);
  });

  test('token-spend context: the same strictness (repeats, near misses, empty --file or --model), and RMB as in the main command', () => {
    const ctx = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'context', join(root, 'test', 'fixtures', 'context', 'repo'), ...args], { encoding: 'utf8' });
    assert.match(ctx('--jsn').stderr, /^token-spend context: unknown option --jsn \(did you mean --json\?\)\n/);
    assert.match(ctx('--calls', '5', '--calls', '6').stderr, /--calls is given 2 times \("5", "6"\); give it once/);
    assert.match(ctx('--file', '').stderr, /--file expects the path of a file in the folder/);
    assert.match(ctx('--model', ' ').stderr, /--model expects a model id/);
    const rmb = ctx('--currency', 'rmb', '--json');
    assert.equal(rmb.status, 0, rmb.stderr);
    assert.equal(JSON.parse(rmb.stdout).currency ?? JSON.parse(rmb.stdout).assumptions?.currency, 'CNY');
  });

  test('--budget 0.5RMB is CNY, as --currency RMB is (before: "unknown currency RMB"); symbols and exponents are refused with an example', () => {
    assert.deepEqual(parseBudget('0.5RMB', 'USD'), { amount: 0.5, currency: 'CNY' });
    assert.deepEqual(parseBudget('0.5 rmb', 'USD'), { amount: 0.5, currency: 'CNY' });
    assert.deepEqual(parseBudget('0.5 usd', 'CNY'), { amount: 0.5, currency: 'USD' });
    for (const v of ['¥1', '$1', '0.5€', 'USD0.5', '1,5', '1e3', '']) {
      assert.throws(
        () => parseBudget(v, 'USD'),
        (e: unknown) => e instanceof UsageError && e.message === `--budget expects an amount such as 0.05 or 0.05USD (at most 1,000,000,000,000), got "${v}"`,
        v,
      );
    }
  });
});
