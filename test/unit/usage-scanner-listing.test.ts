// The scanner keeps each folder's listing between scans and lists a folder again only when its
// modification time changes: files added later, in old and in new folders, are still found.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageScanner } from '../../src/node/usage/scanner';

function assistantLine(id: string, input: number): string {
  return (
    JSON.stringify({
      type: 'assistant',
      timestamp: '2026-12-01T10:00:00Z',
      sessionId: 's',
      requestId: `req_${id}`,
      message: { id: `msg_${id}`, model: 'claude-sonnet-5', usage: { input_tokens: input, output_tokens: 1 } },
    }) + '\n'
  );
}

describe('usage scanner folder listings', () => {
  test('logs added to a known folder and to a new folder are found on the next scan; removed ones drop out', () => {
    const root = mkdtempSync(join(tmpdir(), 'ts-listing-'));
    try {
      const project = join(root, 'projects', 'app');
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'a.jsonl'), assistantLine('a', 10));
      const scanner = new UsageScanner([{ source: 'claude-code', path: root, explicit: true }]);
      assert.equal(scanner.scan().files, 1);
      writeFileSync(join(project, 'b.jsonl'), assistantLine('b', 20));
      mkdirSync(join(root, 'projects', 'api'));
      writeFileSync(join(root, 'projects', 'api', 'c.jsonl'), assistantLine('c', 30));
      assert.equal(scanner.scan().files, 3);
      writeFileSync(join(project, 'd.jsonl'), assistantLine('d', 40));
      assert.equal(scanner.scan().files, 4);
      assert.deepEqual(
        scanner
          .records()
          .map((r) => r.input)
          .sort((x, y) => x - y),
        [10, 20, 30, 40],
      );
      // A removed log and a removed folder drop out.
      rmSync(join(root, 'projects', 'api'), { recursive: true });
      assert.equal(scanner.scan().files, 3);
      assert.deepEqual(
        scanner
          .records()
          .map((r) => r.input)
          .sort((x, y) => x - y),
        [10, 20, 40],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('a link back into the tree is reported as a loop on every scan, also when the listing comes from the cache', () => {
    const root = mkdtempSync(join(tmpdir(), 'ts-listing-'));
    try {
      const project = join(root, 'projects', 'app');
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'a.jsonl'), assistantLine('a', 10));
      symlinkSync(root, join(project, 'back'));
      const scanner = new UsageScanner([{ source: 'claude-code', path: root, explicit: true }]);
      for (let i = 0; i < 2; i++) {
        assert.equal(scanner.scan().files, 1);
        assert.deepEqual(
          scanner.problems().unreadable.map((u) => u.reason),
          ['symbolic link loop'],
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
