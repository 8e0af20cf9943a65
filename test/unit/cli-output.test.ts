import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const prompt = join(root, 'test', 'fixtures', 'prompt-en.txt');

function sh(command: string) {
  return spawnSync('bash', ['-c', command], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', NODE: process.execPath, CLI: cli, PROMPT: prompt },
  });
}

describe('CLI output errors (issue 13, item 12)', () => {
  test('a reader that stops early (--json | head -c 100): quiet exit 0, no stack trace', () => {
    const r = sh('"$NODE" "$CLI" "$PROMPT" --json | head -c 100 >/dev/null; echo "exit ${PIPESTATUS[0]}"');
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'exit 0\n');
  });

  test('a full disk (/dev/full): one line on standard error, exit 1', { skip: !existsSync('/dev/full') && 'no /dev/full' }, () => {
    const r = sh('"$NODE" "$CLI" "$PROMPT" > /dev/full; echo "exit $?"');
    assert.equal(r.stderr, 'token-spend: cannot write to standard output: ENOSPC (no space left on the device)\n');
    assert.equal(r.stdout, 'exit 1\n');
  });
});
