import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileText, readStdinText } from '../../src/cli/input';
import { CLI_INPUT_LIMITS } from '../../src/core/limits';
import { inspectText, SNIFF_LENGTH } from '../../src/core/textPolicy';
import { decodeText } from '../../src/core/decodeText';
import { Readable } from 'node:stream';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'token-spend-input-'));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('CLI input limit (issue 13, item 11)', () => {
  test('/dev/zero stops at the limit and is named binary, in bounded time and memory', () => {
    const r = spawnSync(process.execPath, [cli, '/dev/zero'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, 'token-spend: /dev/zero looks like a binary file (it contains NUL bytes); give a text file\n');
  });

  test('valid UTF-8 past the byte limit is over the limit, not "not UTF-8"', () => {
    // A multi-byte character cut at the limit would be invalid UTF-8 if only the limit were read.
    const path = file('big-zh.txt', '价'.repeat(CLI_INPUT_LIMITS.bytes / 3 + 1));
    assert.throws(() => readFileText(path), /big-zh\.txt is over the input limit of 12 million characters \(36 MB of UTF-8\)/);
  });

  test('under the byte limit but over the character limit: over the limit too', () => {
    const path = file('big-en.txt', 'a'.repeat(CLI_INPUT_LIMITS.chars + 1));
    assert.throws(() => readFileText(path), /over the input limit/);
    assert.equal(readFileText(file('at-limit.txt', 'a'.repeat(CLI_INPUT_LIMITS.chars))).length, CLI_INPUT_LIMITS.chars);
  });

  test('standard input stops at the limit', async () => {
    let sent = 0;
    const chunk = Buffer.alloc(1 << 20, 'a');
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(chunk);
      },
    });
    await assert.rejects(readStdinText(endless), /standard input is over the input limit/);
    assert.ok(sent <= CLI_INPUT_LIMITS.bytes + 2 * chunk.length, `read ${sent} bytes`);
  });
});

describe('one binary rule for the CLI and the editor (issue 13, item 14)', () => {
  test('a NUL after the first 8 KB but within the first 64K characters is binary, as in the editor', () => {
    const text = 'x'.repeat(10_000) + '\u0000' + 'y'.repeat(10);
    assert.equal(inspectText(text).kind, 'binary');
    assert.throws(() => readFileText(file('late-nul.txt', text)), /looks like a binary file \(it contains NUL bytes\)/);
  });

  test('many control characters without a NUL are binary, as in the editor', () => {
    const text = 'ab\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f';
    assert.deepEqual(inspectText(text), { kind: 'binary', reason: 'controls' });
    assert.throws(() => decodeText(Buffer.from(text), 'f'), /f looks like a binary file \(it is full of control characters\)/);
  });

  test('the same verdict on the same prefix: a NUL past the first 64K characters of Chinese is text to both', () => {
    // 64K characters of Chinese are 192 KB of UTF-8: the CLI looks at characters, not bytes.
    const text = '价'.repeat(SNIFF_LENGTH - 1) + '\u0000';
    assert.equal(inspectText(text).kind, 'binary');
    assert.throws(() => decodeText(Buffer.from(text), 'f'), /binary/);
    const later = '价'.repeat(SNIFF_LENGTH) + '\u0000';
    assert.equal(inspectText(later).kind, 'count');
    assert.equal(decodeText(Buffer.from(later), 'f'), later);
    // Logs with ANSI colours, tabs and form feeds stay text for both.
    const log = '\u001b[31mred\u001b[0m\ttab\fpage\r\n'.repeat(100);
    assert.equal(inspectText(log).kind, 'count');
    assert.equal(decodeText(Buffer.from(log), 'f'), log);
  });
});

describe('token-spend usage reads --import and --pricing bounded, like the main command', () => {
  const usage = (...args: string[]) => spawnSync(process.execPath, [cli, 'usage', '--no-local', ...args], { encoding: 'utf8', timeout: 20_000 });

  test('--import /dev/zero or a folder is refused at once (before: /dev/zero was read until memory ran out)', () => {
    const started = Date.now();
    const zero = usage('--import', '/dev/zero');
    assert.equal(zero.status, 1);
    assert.equal(zero.stderr, 'token-spend usage: --import /dev/zero: not a file (a folder, device or socket)\n');
    assert.ok(Date.now() - started < 10_000);
    const folder = usage('--import', tmpdir());
    assert.equal(folder.stderr, `token-spend usage: --import ${tmpdir()}: not a file (a folder, device or socket)\n`);
  });

  test('--pricing goes through the same reader as the main command: /dev/zero named as binary, a key twice refused', () => {
    assert.equal(
      usage('--pricing', '/dev/zero').stderr,
      'token-spend usage: --pricing /dev/zero: /dev/zero looks like a binary file (it contains NUL bytes); give a text file\n',
    );
    const dup = join(mkdtempSync(join(tmpdir(), 'token-spend-usage-')), 'dup.json');
    writeFileSync(dup, '{"version":1,"version":1}');
    assert.equal(
      usage('--pricing', dup).stderr,
      `token-spend usage: ${dup} is not a valid pricing file:\n  version: the key "version" is written twice; JSON keeps only the last, so remove or rename one\n`,
    );
  });

  test('an export still imports (a regular file)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'token-spend-usage-')), 'e.json');
    assert.equal(usage('--export', file).status, 0);
    const r = usage('--import', file, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).totals.inputTokens, 0);
  });
});
