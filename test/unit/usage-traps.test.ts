// The traps real agent logs hold, each checked against the format its agent writes (read from the
// agent's own source): a byte-order mark, CRLF line ends, times without a zone, Gemini CLI's JSONL
// checkpoints and one-line legacy records, a Codex subagent's replay of its parent's history, a
// file rotated under the scanner. Every expected number is worked out by hand in the comments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { codexParser, geminiChatLineParser, parseClineTask, parseGeminiChat, parseTime, uniqueRecords, type UsageRecord } from '../../src/core/usage';
import { UsageScanner } from '../../src/node/usage/scanner';

function sum(records: UsageRecord[]) {
  const t = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  for (const r of records) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}

function claudeLine(id: string, input: number, output: number, ts = '2026-12-01T10:00:00.000Z'): string {
  return JSON.stringify({ type: 'assistant', timestamp: ts, requestId: `req_${id}`, sessionId: 's1', message: { id: `msg_${id}`, model: 'claude-sonnet-5', usage: { input_tokens: input, output_tokens: output } } });
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'usage-traps-'));
}

describe('bytes around the JSON', () => {
  test('a UTF-8 byte-order mark before the first line of a JSONL log is not a corrupt line', () => {
    const dir = tempDir();
    // Written by an editor or a Windows tool: BOM, then two requests of 10+5 and 20+7 tokens.
    writeFileSync(join(dir, 's.jsonl'), '\uFEFF' + claudeLine('a', 10, 5) + '\n' + claudeLine('b', 20, 7) + '\n');
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }]);
    scanner.scan();
    assert.deepEqual(sum(scanner.records()), { input: 30, output: 12, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    assert.equal(scanner.problems().badLines, 0);
  });

  test('a byte-order mark before a JSONL line that carries no usage is not counted as bad either', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.jsonl'), '\uFEFF{"type":"user","message":{"role":"user"}}\n' + claudeLine('a', 10, 5) + '\n');
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }]);
    scanner.scan();
    assert.equal(scanner.records().length, 1);
    assert.equal(scanner.problems().badLines, 0);
  });

  test('a byte-order mark before a whole JSON document (Gemini chat, Cline task)', () => {
    const gemini = parseGeminiChat('\uFEFF' + JSON.stringify({ sessionId: 'g', projectHash: 'h', messages: [{ id: 'm1', type: 'gemini', timestamp: '2026-12-01T10:00:00Z', model: 'gemini-3-pro', tokens: { input: 100, output: 10, cached: 0, thoughts: 0, tool: 0, total: 110 } }] }), { path: 'x/chats/session-g.json' });
    assert.deepEqual([gemini.records.length, gemini.bad], [1, 0]);
    const cline = parseClineTask('\uFEFF' + JSON.stringify([{ ts: 1796000000000, type: 'say', say: 'api_req_started', text: JSON.stringify({ tokensIn: 5, tokensOut: 6, cacheWrites: 0, cacheReads: 0, cost: 0.001 }) }]), undefined, { path: 't/1/ui_messages.json' }, 'cline');
    assert.deepEqual([cline.records.length, cline.bad], [1, 0]);
  });

  test('CRLF line ends, and a last line without any line end that is already whole', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.jsonl'), claudeLine('a', 10, 5) + '\r\n' + '{"type":"user"}\r\n' + claudeLine('b', 20, 7));
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }]);
    scanner.scan();
    assert.deepEqual(sum(scanner.records()), { input: 30, output: 12, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    assert.deepEqual([scanner.problems().badLines, scanner.problems().incompleteLines], [0, 0]);
  });
});

describe('times', () => {
  test('an ISO time without a zone is read as UTC, whatever the machine zone', (t) => {
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai'; // Node applies a TZ change at once
    t.after(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    assert.equal(parseTime('2026-12-01T10:00:00'), Date.parse('2026-12-01T10:00:00Z'));
    assert.equal(parseTime('2026-12-01T10:00:00.123'), Date.parse('2026-12-01T10:00:00.123Z'));
    assert.equal(parseTime('2026-12-01 10:00:00'), Date.parse('2026-12-01T10:00:00Z'));
    // With a zone it is kept.
    assert.equal(parseTime('2026-12-01T10:00:00+08:00'), Date.parse('2026-12-01T02:00:00Z'));
    assert.equal(parseTime(1796000000000), 1796000000000);
  });
});

describe('Gemini CLI JSONL (chatRecordingService: header line, message lines, $set and $rewindTo records)', () => {
  const msg = (id: string, input: number, output: number) => ({ id, type: 'gemini', timestamp: '2026-12-01T10:00:00Z', model: 'gemini-3-pro', content: [{ text: 'answer' }], tokens: { input, output, cached: 0, thoughts: 0, tool: 0, total: input + output } });
  const feed = (lines: unknown[]) => {
    const p = geminiChatLineParser({ path: 'tmp/abc/chats/session-x.jsonl' });
    const out: UsageRecord[] = [];
    const outcomes = lines.map((l) => p.line(JSON.stringify(l), out));
    return { records: uniqueRecords(out), outcomes };
  };

  test('a whole legacy record on one line (header and messages) yields its messages', () => {
    const { records } = feed([{ sessionId: 'x', projectHash: 'h', startTime: '2026-12-01T09:00:00Z', messages: [msg('m1', 100, 10), msg('m2', 200, 20)] }]);
    assert.deepEqual(sum(records), { input: 300, output: 30, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    assert.deepEqual(records.map((r) => r.session), ['x', 'x']);
  });

  test('a $set checkpoint that rebuilds the messages: its messages count once with the lines before it', () => {
    const { records, outcomes } = feed([
      { sessionId: 'x', projectHash: 'h' },
      msg('m1', 100, 10),
      { $set: { messages: [msg('m1', 100, 10), msg('m2', 200, 20)] } },
      { $rewindTo: 'm2' }, // the request of m2 was billed all the same
    ]);
    assert.deepEqual(outcomes, ['skip', 'record', 'record', 'skip']);
    // m1 100+10 once, m2 200+20
    assert.deepEqual(sum(records), { input: 300, output: 30, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
  });

  test('a message written again when its tokens arrive counts once, with its tokens', () => {
    const first = { ...msg('m1', 0, 0), tokens: null };
    const { records } = feed([{ sessionId: 'x', projectHash: 'h' }, first, msg('m1', 100, 10)]);
    assert.deepEqual(sum(records), { input: 100, output: 10, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
  });
});

describe('Codex', () => {
  const tc = (ts: string, last: [number, number, number, number], total: [number, number, number, number]) => ({
    timestamp: ts,
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: {
        last_token_usage: { input_tokens: last[0], cached_input_tokens: last[1], output_tokens: last[2], reasoning_output_tokens: last[3], total_tokens: last[0] + last[2] },
        total_token_usage: { input_tokens: total[0], cached_input_tokens: total[1], output_tokens: total[2], reasoning_output_tokens: total[3], total_tokens: total[0] + total[2] },
      },
    },
  });
  const run = (path: string, lines: unknown[]) => {
    const p = codexParser({ path });
    const out: UsageRecord[] = [];
    for (const l of lines) p.line(JSON.stringify(l), out);
    return out;
  };

  test('a spawned subagent replays its parent history (parent session_meta, parent token counts): counted once, with the parent', () => {
    const parent = run('sessions/2026/12/01/rollout-2026-12-01T08-00-00-parent.jsonl', [
      { timestamp: '2026-12-01T08:00:00Z', type: 'session_meta', payload: { id: 'parent-xyz', cwd: '/w/app' } },
      { timestamp: '2026-12-01T08:00:00Z', type: 'turn_context', payload: { model: 'gpt-5.4' } },
      tc('2026-12-01T08:01:00Z', [1000, 100, 200, 0], [1000, 100, 200, 0]),
      tc('2026-12-01T08:02:00Z', [500, 50, 100, 0], [1500, 150, 300, 0]),
    ]);
    const child = run('sessions/2026/12/01/rollout-2026-12-01T08-03-00-child.jsonl', [
      { timestamp: '2026-12-01T08:03:00Z', type: 'session_meta', payload: { id: 'child-abc', cwd: '/w/app', source: { subagent: { thread_spawn: { parent_thread_id: 'parent-xyz' } } } } },
      { timestamp: '2026-12-01T08:03:00Z', type: 'session_meta', payload: { id: 'parent-xyz', cwd: '/w/app' } },
      { timestamp: '2026-12-01T08:03:00Z', type: 'turn_context', payload: { model: 'gpt-5.4' } },
      tc('2026-12-01T08:03:00Z', [1000, 100, 200, 0], [1000, 100, 200, 0]),
      tc('2026-12-01T08:03:00Z', [500, 50, 100, 0], [1500, 150, 300, 0]),
      tc('2026-12-01T08:04:00Z', [100, 10, 20, 0], [100, 10, 20, 0]),
      tc('2026-12-01T08:05:00Z', [50, 5, 10, 0], [150, 15, 30, 0]),
    ]);
    const unique = uniqueRecords([...parent, ...child]);
    // parent 1000+500 input (150 cached), 300 output; the child's own 100+50 (15 cached), 30 output
    assert.deepEqual(sum(unique), { input: 1650 - 165, output: 330, cacheRead: 165, cacheWrite: 0, reasoning: 0 });
    assert.equal(unique.length, 4);
    assert.deepEqual(unique.filter((r) => r.at >= Date.parse('2026-12-01T08:04:00Z')).map((r) => r.session), ['child-abc', 'child-abc']);
  });
});

describe('a rotated file', () => {
  test('a log replaced by a new file under the same name is read from its start, the old requests kept once', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'p'));
    const file = join(dir, 'p', 's.jsonl');
    writeFileSync(file, claudeLine('a', 10, 5) + '\n' + claudeLine('b', 20, 7) + '\n');
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }]);
    scanner.scan();
    // Rotation: the old file moves aside (still under the folder), a new one starts with request c.
    renameSync(file, join(dir, 'p', 's.jsonl.1'));
    writeFileSync(file, claudeLine('c', 1, 1) + '\n');
    scanner.scan();
    // s.jsonl.1 is not a .jsonl name: a and b are gone from the folder's logs; c is new.
    assert.deepEqual(sum(scanner.records()), { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    // Rotated to a name still read (s-old.jsonl): a and b are the same requests, counted once.
    renameSync(join(dir, 'p', 's.jsonl.1'), join(dir, 'p', 's-old.jsonl'));
    scanner.scan();
    assert.deepEqual(sum(scanner.records()), { input: 31, output: 13, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
  });
});
