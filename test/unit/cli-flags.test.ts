import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseCliArgs, UsageError } from '../../src/cli/args';

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
