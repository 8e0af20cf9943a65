// `token-spend usage` on the fixture folders of every source (test/fixtures/usage/), through the
// CLI's `usage` command (runUsage; test/unit/cli.test.ts runs the built dist/cli.js), with prices pinned by the fixture overlay. Totals worked out by hand:
//   claude-code  input 137   output 383  cache read 8000  cache write 1500          $0.011565 + 10 tokens unpriced
//   codex        input 3300  output 600  cache read 1700  reasoning 100             $0.01276
//   gemini-cli   input 2700  output 300  cache read 400   reasoning 50              $0.00242
//   cline        input 60    output 600  cache read 3000  cache write 2000          $0.01172 (10100 + 1620 per 1M)
//   roo-code     input 4000  output 1000 (DeepSeek Flash, Friday 15:30 Beijing: peak, ¥2/¥8)  ¥0.016 = $0.016/7
//   continue     input 1700  output 350                                             $0.0075 + 550 tokens unpriced
//   copilot      input 2000  output 400  cache read 1000                            $0.0077 (4000 + 500 + 3200 per 1M)
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { captureUsage } from './usage-run';
import { repoRoot } from './support';

const fixtures = join(repoRoot(), 'test', 'fixtures', 'usage');
const ALL_SOURCES = ['claude-code', 'codex', 'gemini-cli', 'cline', 'roo-code', 'continue', 'copilot'].flatMap((s) => [
  '--source',
  `${s}=${join(fixtures, s)}`,
]);
const PINNED = ['--no-local', '--pricing', join(fixtures, 'pricing.json'), '--region', 'cn', '--tz', 'UTC'];

const USD_TOTAL = 0.011565 + 0.01276 + 0.00242 + 0.01172 + 0.016 / 7 + 0.0075 + 0.0077;

describe('token-spend usage', () => {
  test('--json on every source gives the hand-computed totals, cost null beside the unpriced tokens', async () => {
    const r = captureUsage([...PINNED, ...ALL_SOURCES, '--json', '--by', 'agent']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.currency, 'USD');
    const t = out.totals;
    assert.deepEqual([t.inputTokens, t.outputTokens, t.cacheReadTokens, t.cacheWriteTokens, t.reasoningTokens], [13897, 3633, 14100, 3500, 150]);
    assert.equal(t.cost, null);
    assert.equal(t.unpricedTokens, 560);
    assert.ok(Math.abs(t.pricedCost - USD_TOTAL) < 1e-12, `${t.pricedCost} vs ${USD_TOTAL}`);
    const byAgent = Object.fromEntries(
      out.rows.map((row: { key: string; cost: number | null; pricedCost: number }) => [row.key, row.cost === null ? null : Number(row.cost.toFixed(8))]),
    );
    assert.deepEqual(byAgent, {
      'claude-code': null,
      codex: 0.01276,
      'gemini-cli': 0.00242,
      cline: 0.01172,
      'roo-code': 0.00228571,
      continue: null,
      copilot: 0.0077,
    });
    // Cline logged $0.0061 + $0.0016 against our $0.01172: more than 5% apart, and said so.
    assert.deepEqual(
      out.loggedCostDiffers.map((d: { key: string }) => d.key),
      ['cline', 'roo-code'],
    );
    // One corrupt Claude Code line, one Gemini message with -5 tokens, one cut-off Cline request; the
    // unterminated last Claude Code line is waiting, not counted as bad.
    assert.deepEqual([out.problems.badLines, out.problems.filesWithBadLines, out.problems.incompleteLines], [3, 3, 1]);
    assert.match(r.stderr, /3 lines of 3 files could not be read/);
  });

  test('in CNY: the DeepSeek request keeps its yuan price, USD prices convert at the fixture rate of 7', async () => {
    const out = JSON.parse(captureUsage([...PINNED, ...ALL_SOURCES, '--json', '--by', 'agent', '--currency', 'CNY']).stdout);
    const roo = out.rows.find((row: { key: string }) => row.key === 'roo-code');
    assert.equal(roo.cost.toFixed(6), '0.016000');
    assert.equal(out.totals.pricedCost.toFixed(6), (USD_TOTAL * 7).toFixed(6));
  });

  test('--since/--until by day, --csv, and the table in Chinese', async () => {
    const day = JSON.parse(captureUsage([...PINNED, ...ALL_SOURCES, '--json', '--by', 'day', '--since', '2026-12-02', '--until', '2026-12-03']).stdout);
    // Codex (4 requests on 12-02), Gemini (2) and Continue (2) on 12-03.
    assert.deepEqual(
      day.rows.map((r: { key: string; requests: number }) => [r.key, r.requests]),
      [
        ['2026-12-02', 4],
        ['2026-12-03', 4],
      ],
    );
    const csv = captureUsage([...PINNED, ...ALL_SOURCES, '--csv', '--by', 'model']).stdout;
    assert.match(csv, /^model,currency,requests,inputTokens/);
    assert.match(csv, /\r\nclaude-mystery-9,USD,1,7,3,0,0,0,,0,10,\r\n/);
    const zh = captureUsage([...PINNED, ...ALL_SOURCES, '--lang', 'zh-cn', '--by', 'agent']);
    assert.match(zh.stdout, /智能体/);
    assert.match(zh.stdout, /合计/);
    assert.match(zh.stderr, /3 个文件中有 3 行无法读取/);
  });

  test('--budget: exit 2 over budget, 0 under it', async () => {
    assert.equal(captureUsage([...PINNED, ...ALL_SOURCES, '--budget', '0.05']).code, 2);
    const under = captureUsage([...PINNED, ...ALL_SOURCES, '--budget', '1']);
    assert.equal(under.code, 0);
    assert.match(under.stderr, /560 tokens are unpriced/);
  });

  test('--budget gives the same exit code under every locale (USD unless named); --rate and --budget are range-checked', async () => {
    const spent = JSON.parse(captureUsage([...PINNED, ...ALL_SOURCES, '--json', '--currency', 'USD']).stdout).totals.pricedCost as number;
    // Between the spend in USD and the same number in CNY: the locale used to decide the exit code.
    const budget = String(Number((spent * 2).toPrecision(3)));
    for (const [arg, expected] of [
      [budget, 0],
      [`${budget}CNY`, 2],
    ] as const) {
      const codes = [];
      for (const LANG of ['en_US.UTF-8', 'zh_CN.UTF-8', 'zh_TW.UTF-8', 'zh_HK.UTF-8'])
        codes.push(captureUsage([...PINNED, ...ALL_SOURCES, '--budget', arg], { LANG }).code);
      assert.deepEqual(codes, [expected, expected, expected, expected], arg);
    }
    for (const bad of [
      ['--rate', 'CNY=1e-320'],
      ['--rate', 'CNY=0x10'],
      ['--budget', '1e308'],
      ['--budget', '0x10'],
    ]) {
      const r = captureUsage([...PINNED, ...ALL_SOURCES, ...bad]);
      assert.equal(r.code, 1, bad.join(' '));
      assert.match(r.stderr, new RegExp(`${bad[0]} expects`));
    }
  });

  test('--export then --import from two "machines": overlapping requests counted once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-export-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    assert.equal(captureUsage([...PINNED, '--source', `codex=${join(fixtures, 'codex')}`, '--export', a]).code, 0);
    assert.equal(
      captureUsage([...PINNED, '--source', `codex=${join(fixtures, 'codex')}`, '--source', `gemini-cli=${join(fixtures, 'gemini-cli')}`, '--export', b]).code,
      0,
    );
    assert.ok(!readFileSync(b, 'utf8').includes('esbuild'), 'no answer text in the export');
    const merged = JSON.parse(captureUsage([...PINNED, '--import', a, '--import', b, '--import', a, '--json']).stdout);
    assert.equal(merged.totals.requests, 6);
    assert.equal(merged.totals.inputTokens, 3300 + 2700);
  });

  test('bad options and files: a clear message and exit 1, never a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['--source', 'cursor=/tmp'], /NAME one of claude-code/],
      [['--by', 'week'], /--by expects one of day, model/],
      [['--since', '2026-02-30'], /YYYY-MM-DD/],
      [['--since', '2026-12-05', '--until', '2026-12-01'], /before --since/],
      [['--tz', 'Mars/Olympus'], /IANA time zone/],
      [['--import', join(fixtures, 'pricing.json')], /not a token-spend usage export/],
    ];
    for (const [args, message] of cases) {
      const r = captureUsage(['--no-local', ...args]);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
    const missing = captureUsage(['--no-local', '--source', 'codex=/nonexistent/codex', '--json']);
    assert.equal(missing.code, 0);
    assert.match(missing.stderr, /Could not read \/nonexistent\/codex: no longer there|Could not read \/nonexistent\/codex/);
  });

  test('the built CLI routes `usage` to the command (dist/cli.js)', () => {
    const cli = join(repoRoot(), 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'usage', ...PINNED, '--source', `codex=${join(fixtures, 'codex')}`, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C' },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).totals.cost.toFixed(5), '0.01276');
  });

  test('defaults follow CODEX_HOME and CLAUDE_CONFIG_DIR', async () => {
    const home = mkdtempSync(join(tmpdir(), 'usage-home-'));
    const env = { LANG: 'C', HOME: home, CODEX_HOME: join(fixtures, 'codex'), CLAUDE_CONFIG_DIR: join(fixtures, 'claude-code') };
    const out = JSON.parse(captureUsage(['--pricing', join(fixtures, 'pricing.json'), '--region', 'cn', '--json', '--by', 'agent'], env).stdout);
    assert.deepEqual(out.rows.map((r: { key: string; requests: number }) => [r.key, r.requests]).sort(), [
      ['claude-code', 4],
      ['codex', 4],
    ]);
  });
});

describe('the reader', () => {
  test('a rescan reads only appended lines; a line still being written is read once complete', async () => {
    const { UsageScanner } = await import('../../src/node/usage/scanner');
    const dir = mkdtempSync(join(tmpdir(), 'usage-scan-'));
    mkdirSync(join(dir, 'p'));
    const file = join(dir, 'p', 's.jsonl');
    const line = (id: string, output: number) =>
      JSON.stringify({
        type: 'assistant',
        sessionId: 's',
        timestamp: '2026-12-01T00:00:00Z',
        requestId: `r${id}`,
        message: { id: `m${id}`, model: 'claude-sonnet-5', usage: { input_tokens: 1, output_tokens: output } },
      });
    writeFileSync(file, line('1', 10) + '\n' + line('2', 20).slice(0, 40));
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }]);
    scanner.scan();
    assert.equal(scanner.records().length, 1);
    assert.equal(scanner.problems().incompleteLines, 1);
    appendFileSync(file, line('2', 20).slice(40) + '\n');
    const stats = scanner.scan();
    assert.equal(stats.bytesRead, Buffer.byteLength(line('2', 20)) + 1, 'the rescan starts at the incomplete line');
    assert.deepEqual(
      scanner
        .records()
        .map((r) => r.output)
        .sort(),
      [10, 20],
    );
    assert.equal(scanner.problems().incompleteLines, 0);
    assert.equal(scanner.scan().filesRead, 0, 'nothing changed, nothing read');
    // Rotation: the file replaced by a shorter one is read from the start, its old records dropped.
    writeFileSync(file, line('3', 30) + '\n');
    scanner.scan();
    assert.deepEqual(
      scanner.records().map((r) => r.output),
      [30],
    );
  });

  test('an over-long line is skipped and counted without being held; a symlink loop is reported, not followed', async () => {
    const { UsageScanner } = await import('../../src/node/usage/scanner');
    const { symlinkSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'usage-long-'));
    const ok = JSON.stringify({
      type: 'assistant',
      timestamp: '2026-12-01T00:00:00Z',
      message: { id: 'm', model: 'x', usage: { input_tokens: 5, output_tokens: 6 } },
    });
    writeFileSync(join(dir, 'long.jsonl'), `{"usage":"${'x'.repeat(3000)}"}\n${ok}\n`);
    symlinkSync(dir, join(dir, 'loop'));
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }], {
      maxLineBytes: 1000,
      maxDocumentBytes: 1 << 20,
      maxDepth: 10,
      maxFiles: 100,
    });
    scanner.scan();
    assert.deepEqual(
      scanner.records().map((r) => [r.input, r.output]),
      [[5, 6]],
    );
    const p = scanner.problems();
    assert.equal(p.badLines, 1);
    assert.ok(
      p.unreadable.some((u) => u.reason === 'symbolic link loop'),
      JSON.stringify(p.unreadable),
    );
  });
});
