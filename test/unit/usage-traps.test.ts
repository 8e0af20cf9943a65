// The traps real agent logs hold, each checked against the format its agent writes (read from the
// agent's own source): a byte-order mark, CRLF line ends, times without a zone, Gemini CLI's JSONL
// checkpoints and one-line legacy records, a Codex subagent's replay of its parent's history, a
// file rotated under the scanner. Every expected number is worked out by hand in the comments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  claudeCodeParser,
  codexParser,
  copilotOtelParser,
  describeProblems,
  fromExport,
  USAGE_MESSAGES,
  geminiChatLineParser,
  ModelMatcher,
  parseClineTask,
  parseGeminiChat,
  parseTime,
  priceRecord,
  toExport,
  uniqueRecords,
  type UsageRecord,
} from '../../src/core/usage';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { readFixture } from './support';
import { UsageScanner } from '../../src/node/usage/scanner';
import { defaultLocations } from '../../src/node/usage/locations';

function sum(records: UsageRecord[]) {
  const t = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  for (const r of records) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}

function claudeLine(id: string, input: number, output: number, ts = '2026-12-01T10:00:00.000Z'): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: ts,
    requestId: `req_${id}`,
    sessionId: 's1',
    message: { id: `msg_${id}`, model: 'claude-sonnet-5', usage: { input_tokens: input, output_tokens: output } },
  });
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
    const gemini = parseGeminiChat(
      '\uFEFF' +
        JSON.stringify({
          sessionId: 'g',
          projectHash: 'h',
          messages: [
            {
              id: 'm1',
              type: 'gemini',
              timestamp: '2026-12-01T10:00:00Z',
              model: 'gemini-3-pro',
              tokens: { input: 100, output: 10, cached: 0, thoughts: 0, tool: 0, total: 110 },
            },
          ],
        }),
      { path: 'x/chats/session-g.json' },
    );
    assert.deepEqual([gemini.records.length, gemini.bad], [1, 0]);
    const cline = parseClineTask(
      '\uFEFF' +
        JSON.stringify([
          {
            ts: 1796000000000,
            type: 'say',
            say: 'api_req_started',
            text: JSON.stringify({ tokensIn: 5, tokensOut: 6, cacheWrites: 0, cacheReads: 0, cost: 0.001 }),
          },
        ]),
      undefined,
      { path: 't/1/ui_messages.json' },
      'cline',
    );
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
  const msg = (id: string, input: number, output: number) => ({
    id,
    type: 'gemini',
    timestamp: '2026-12-01T10:00:00Z',
    model: 'gemini-3-pro',
    content: [{ text: 'answer' }],
    tokens: { input, output, cached: 0, thoughts: 0, tool: 0, total: input + output },
  });
  const feed = (lines: unknown[]) => {
    const p = geminiChatLineParser({ path: 'tmp/abc/chats/session-x.jsonl' });
    const out: UsageRecord[] = [];
    const outcomes = lines.map((l) => p.line(JSON.stringify(l), out));
    return { records: uniqueRecords(out), outcomes };
  };

  test('a whole legacy record on one line (header and messages) yields its messages', () => {
    const { records } = feed([{ sessionId: 'x', projectHash: 'h', startTime: '2026-12-01T09:00:00Z', messages: [msg('m1', 100, 10), msg('m2', 200, 20)] }]);
    assert.deepEqual(sum(records), { input: 300, output: 30, cacheRead: 0, cacheWrite: 0, reasoning: 0 });
    assert.deepEqual(
      records.map((r) => r.session),
      ['x', 'x'],
    );
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
        last_token_usage: {
          input_tokens: last[0],
          cached_input_tokens: last[1],
          output_tokens: last[2],
          reasoning_output_tokens: last[3],
          total_tokens: last[0] + last[2],
        },
        total_token_usage: {
          input_tokens: total[0],
          cached_input_tokens: total[1],
          output_tokens: total[2],
          reasoning_output_tokens: total[3],
          total_tokens: total[0] + total[2],
        },
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
      {
        timestamp: '2026-12-01T08:03:00Z',
        type: 'session_meta',
        payload: { id: 'child-abc', cwd: '/w/app', source: { subagent: { thread_spawn: { parent_thread_id: 'parent-xyz' } } } },
      },
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
    assert.deepEqual(
      unique.filter((r) => r.at >= Date.parse('2026-12-01T08:04:00Z')).map((r) => r.session),
      ['child-abc', 'child-abc'],
    );
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

describe('Claude Code', () => {
  const parse = (path: string, lines: object[]) => {
    const p = claudeCodeParser({ path });
    const out: UsageRecord[] = [];
    for (const l of lines) p.line(JSON.stringify(l), out);
    return out;
  };
  const line = (over: object, usage: object, message: object = {}) => ({
    type: 'assistant',
    timestamp: '2026-11-30T10:00:00.000Z',
    sessionId: 's1',
    ...over,
    message: { id: 'msg_p', model: 'claude-sonnet-5', ...message, usage },
  });

  test('a sidechain replaying a parent message under a new request id gives way to the parent line, read before or after it', () => {
    // /btw side question under subagents/: the parent's msg_p again (with its own, larger cache read), then its own answer msg_s.
    const side = parse('p/s1/subagents/agent-a.jsonl', [
      line({ requestId: 'req_9', isSidechain: true }, { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 1200 }),
      line({ requestId: 'req_10', isSidechain: true }, { input_tokens: 3, output_tokens: 4 }, { id: 'msg_s' }),
    ]);
    const parent = parse('p/s1.jsonl', [line({ requestId: 'req_1' }, { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 1000 })]);
    // msg_p once, as the parent logged it (10 + 5 + 1000 cache read), and msg_s (3 + 4)
    for (const order of [
      [...side, ...parent],
      [...parent, ...side],
    ]) {
      assert.deepEqual(sum(uniqueRecords(order)), { input: 13, output: 9, cacheRead: 1000, cacheWrite: 0, reasoning: 0 });
    }
  });

  test('fast mode (usage.speed "fast") is a model of its own: unpriced unless the catalogue lists it, never at the standard price', () => {
    const [r] = parse('p/s1.jsonl', [line({ requestId: 'req_1' }, { input_tokens: 10, output_tokens: 5, speed: 'fast' })]);
    assert.equal(r.model, 'claude-sonnet-5-fast');
  });

  test('writes to the 1-hour cache at the 1-hour price, the rest of the writes at the 5-minute price', () => {
    const { catalogue } = applyOverlay(loadBundledCatalogue(), JSON.parse(readFixture('usage/pricing.json')), 'pricing.json');
    const [r] = parse('p/s1.jsonl', [
      line(
        { requestId: 'req_1' },
        {
          input_tokens: 100,
          output_tokens: 10,
          cache_creation_input_tokens: 3000,
          cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
        },
      ),
    ]);
    assert.deepEqual([r.cacheWrite, r.cacheWrite1h], [3000, 2000]);
    const model = new ModelMatcher(catalogue, { region: 'cn' }).match(r.model)!;
    const cost = priceRecord(model, r, 'USD', catalogue.exchangeRates);
    // Fixture Sonnet 5 before 2026-12-01: 100 × $2 + 1000 × $2.50 + 2000 × $4 + 10 × $10 per 1M = $0.0108
    assert.ok('cost' in cost && Math.abs(cost.cost - 0.0108) < 1e-12, JSON.stringify(cost));
    // From 2026-12-01 (the fixture's dated price): 100 × $3 + 1000 × $3.75 + 2000 × $6 + 10 × $15 = $0.0162
    const later = priceRecord(model, { ...r, at: Date.parse('2026-12-02T10:00:00Z') }, 'USD', catalogue.exchangeRates);
    assert.ok('cost' in later && Math.abs(later.cost - 0.0162) < 1e-12, JSON.stringify(later));
    // A model without a 1-hour write price: unpriced, with the reason.
    const gpt = new ModelMatcher(catalogue, { region: 'cn' }).match('gpt-5.4')!;
    const none = priceRecord(gpt, r, 'USD', catalogue.exchangeRates);
    assert.ok('unpriced' in none && /1-hour cache/.test(none.unpriced), JSON.stringify(none));
    // An export keeps the split and the sidechain mark.
    const back = fromExport(JSON.parse(JSON.stringify(toExport([{ ...r, copy: true }], new Date('2026-12-06T00:00:00Z')))));
    assert.ok('records' in back);
    assert.deepEqual([back.records[0].cacheWrite1h, back.records[0].copy], [2000, true]);
  });
});

describe('model names from Cline, Kilo Code and Copilot', () => {
  const catalogue = loadBundledCatalogue();
  const m = new ModelMatcher(catalogue, { region: 'cn' });
  test('Claude versions written with a dot (OpenRouter style) are the maker model', () => {
    assert.equal(m.match('anthropic/claude-opus-5.5', 'kilo-code')?.id, 'anthropic/claude-opus-5-5');
    assert.equal(m.match('claude-sonnet-5.5', 'cline')?.id, 'anthropic/claude-sonnet-5-5');
    // gpt-5.4 keeps its dot: only Claude names are rewritten.
    assert.equal(m.match('gpt-5.4', 'codex')?.id, 'openai/gpt-5.4');
  });
  test("a name only Copilot's entry spells that way: Copilot's entry for Copilot's logs, the maker's API for the others", () => {
    assert.equal(m.match('claude-haiku-4.5', 'cline')?.id, 'anthropic/claude-haiku-4-5');
    assert.equal(m.match('claude-haiku-4.5', 'copilot')?.id, 'github-copilot/claude-haiku-4.5');
    assert.equal(m.match('github-copilot/claude-haiku-4.5', 'continue')?.id, 'github-copilot/claude-haiku-4.5');
  });
});

describe('Cline, Roo Code, Kilo Code: tokensIn with OpenAI-style APIs holds the cache', () => {
  const req = (ts: number, info: object, extra: object = {}) => ({ ts, type: 'say', say: 'api_req_started', text: JSON.stringify(info), ...extra });
  test("Roo Code's apiProtocol 'openai': cache reads taken out of tokensIn; 'anthropic' left as is", () => {
    const ui = JSON.stringify([
      req(1796000000000, { tokensIn: 5000, tokensOut: 100, cacheWrites: 0, cacheReads: 4000, cost: 0.001, apiProtocol: 'openai' }),
      req(1796000060000, { tokensIn: 300, tokensOut: 50, cacheWrites: 100, cacheReads: 2000, cost: 0.002, apiProtocol: 'anthropic' }),
    ]);
    const { records } = parseClineTask(ui, undefined, { path: 'tasks/t1/ui_messages.json' }, 'roo-code');
    // 5000 − 4000 = 1000 at the input price, and 300 as logged
    assert.deepEqual(
      records.map((r) => [r.input, r.cacheRead, r.cacheWrite]),
      [
        [1000, 4000, 0],
        [300, 2000, 100],
      ],
    );
  });
  test("Cline: the task's provider decides (task_metadata.json model_usage, or the message's modelInfo)", () => {
    const metadata = JSON.stringify({ model_usage: [{ ts: 1795999000000, model_id: 'qwen3-coder-plus', model_provider_id: 'qwen', mode: 'act' }] });
    const ui = JSON.stringify([
      // DashScope through Cline's qwen provider: prompt 3000 = 2000 hits + 1000 misses, all three logged.
      req(1796000000000, { tokensIn: 3000, tokensOut: 100, cacheWrites: 1000, cacheReads: 2000, cost: 0.001 }),
      // Then Anthropic (modelInfo on the message): disjoint counts.
      req(
        1796000060000,
        { tokensIn: 300, tokensOut: 50, cacheWrites: 100, cacheReads: 2000, cost: 0.002 },
        { modelInfo: { providerId: 'anthropic', modelId: 'claude-sonnet-5', mode: 'act' } },
      ),
    ]);
    const { records } = parseClineTask(ui, metadata, { path: 'tasks/t2/ui_messages.json' }, 'cline');
    assert.deepEqual(
      records.map((r) => [r.model, r.input, r.cacheRead, r.cacheWrite]),
      [
        ['qwen3-coder-plus', 0, 2000, 1000],
        ['claude-sonnet-5', 300, 2000, 100],
      ],
    );
  });
});

describe('the read-problem lines', () => {
  test('singular and plural in English, the same facts in Chinese', () => {
    const en = (s: string, ...a: (string | number)[]) => s.replace(/\{(\d)\}/g, (_, i) => String(a[Number(i)]));
    const p = { badLines: 1, filesWithBadLines: 1, incompleteLines: 1, unreadable: [] };
    assert.deepEqual(describeProblems(p, en), [
      'One line could not be read (corrupt, cut off or too long); it is not counted.',
      'One file ends in a line still being written; it is read once complete.',
    ]);
    assert.deepEqual(describeProblems({ ...p, badLines: 3, incompleteLines: 2 }, en), [
      '3 lines of one file could not be read (corrupt, cut off or too long); they are not counted.',
      '2 files end in a line still being written; it is read once complete.',
    ]);
    assert.deepEqual(describeProblems({ ...p, badLines: 3, filesWithBadLines: 2, incompleteLines: 0 }, en), [
      '3 lines of 2 files could not be read (corrupt, cut off or too long); they are not counted.',
    ]);
    const zh = JSON.parse(readFixture('../../l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
    for (const key of ['linesUnreadOneFile', 'lineUnread', 'incompleteOne'] as const) assert.ok(zh[USAGE_MESSAGES[key]], key);
  });
});

describe('Copilot', () => {
  test("the CLI's file exporter path ($COPILOT_OTEL_FILE_EXPORTER_PATH) is a default location", () => {
    const found = defaultLocations({ COPILOT_OTEL_FILE_EXPORTER_PATH: '/home/u/otel/copilot.jsonl' }, '/home/u', 'linux').filter((l) => l.source === 'copilot');
    assert.deepEqual(found, [{ source: 'copilot', path: '/home/u/otel/copilot.jsonl', explicit: false }]);
    assert.deepEqual(
      defaultLocations({}, '/home/u', 'linux').filter((l) => l.source === 'copilot'),
      [],
    );
  });
  test('cache writes and thinking under their other attribute names (cache_write, reasoning_tokens)', () => {
    const span = {
      traceId: 't',
      spanId: 's',
      name: 'chat claude-sonnet-5',
      startTimeUnixNano: '1796000000000000000',
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.response.model': 'claude-sonnet-5',
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.output_tokens': 300,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.cache_write.input_tokens': 100,
        'gen_ai.usage.reasoning_tokens': 50,
      },
    };
    const out: UsageRecord[] = [];
    copilotOtelParser().line(JSON.stringify(span), out);
    // input 1000 holds 600 read + 100 written: 300 at the input price; output 300 holds 50 thinking
    assert.deepEqual(
      out.map((r) => [r.input, r.cacheRead, r.cacheWrite, r.output, r.reasoning]),
      [[300, 600, 100, 250, 50]],
    );
  });
});

describe('an over-long line', () => {
  test('still being written when a scan ends: counted once, and its tail is not read as a line of its own later', () => {
    const dir = tempDir();
    const file = join(dir, 's.jsonl');
    const limits = { maxLineBytes: 1_000_000, maxDocumentBytes: 1e9, maxDepth: 5, maxFiles: 100 };
    writeFileSync(file, claudeLine('a', 1, 1) + '\n' + '{"x":"' + 'y'.repeat(3_000_000));
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }], limits);
    scanner.scan();
    assert.equal(scanner.problems().badLines, 1);
    appendFileSync(file, 'y"}\n' + claudeLine('b', 2, 2) + '\n');
    scanner.scan();
    // one over-long line (3 MB), two requests
    assert.deepEqual([scanner.problems().badLines, scanner.records().length], [1, 2]);
  });
});

describe('Codex archived sessions', () => {
  test('archived_sessions/ is read beside sessions/, and a session in both counts once', () => {
    const home = tempDir();
    const found = defaultLocations({ CODEX_HOME: home }, '/nowhere', 'linux').filter((l) => l.source === 'codex');
    assert.deepEqual(
      found.map((l) => l.path),
      [join(home, 'sessions'), join(home, 'archived_sessions')],
    );
    const lines =
      [
        { timestamp: '2026-12-01T08:00:00Z', type: 'session_meta', payload: { id: 'sess-1', cwd: '/w/app' } },
        { timestamp: '2026-12-01T08:00:00Z', type: 'turn_context', payload: { model: 'gpt-5.4' } },
        {
          timestamp: '2026-12-01T08:01:00Z',
          type: 'event_msg',
          payload: {
            type: 'token_count',
            info: {
              last_token_usage: { input_tokens: 1000, cached_input_tokens: 200, output_tokens: 50, reasoning_output_tokens: 0, total_tokens: 1050 },
              total_token_usage: { input_tokens: 1000, cached_input_tokens: 200, output_tokens: 50, reasoning_output_tokens: 0, total_tokens: 1050 },
            },
          },
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n';
    for (const dir of ['sessions/2026/12/01', 'archived_sessions']) {
      mkdirSync(join(home, dir), { recursive: true });
      writeFileSync(join(home, dir, 'rollout-2026-12-01T08-00-00-sess-1.jsonl'), lines);
    }
    const scanner = new UsageScanner(found);
    scanner.scan();
    assert.deepEqual(sum(scanner.records()), { input: 800, output: 50, cacheRead: 200, cacheWrite: 0, reasoning: 0 });
  });
});

describe('Codex model on the token count', () => {
  test('info.model names the model of that request (and the ones after it) when the file has no turn_context', () => {
    const p = codexParser({ path: 'sessions/2026/12/01/rollout-x.jsonl' });
    const out: UsageRecord[] = [];
    const tc = (ts: string, n: number, model?: string) =>
      JSON.stringify({
        timestamp: ts,
        type: 'event_msg',
        payload: {
          type: 'token_count',
          info: {
            ...(model ? { model } : {}),
            last_token_usage: { input_tokens: 100, cached_input_tokens: 0, output_tokens: 10, reasoning_output_tokens: 0, total_tokens: 110 },
            total_token_usage: { input_tokens: 100 * n, cached_input_tokens: 0, output_tokens: 10 * n, reasoning_output_tokens: 0, total_tokens: 110 * n },
          },
        },
      });
    p.line(JSON.stringify({ timestamp: '2026-12-01T08:00:00Z', type: 'session_meta', payload: { id: 's' } }), out);
    p.line(tc('2026-12-01T08:01:00Z', 1, 'gpt-5.4'), out);
    p.line(tc('2026-12-01T08:02:00Z', 2), out);
    assert.deepEqual(
      out.map((r) => r.model),
      ['gpt-5.4', 'gpt-5.4'],
    );
  });
});

describe('Cline checkpoint restore', () => {
  test("the deleted requests' sums (say: deleted_api_reqs) still count", () => {
    const ui = JSON.stringify([
      {
        ts: 1796000000000,
        type: 'say',
        say: 'api_req_started',
        text: JSON.stringify({ tokensIn: 100, tokensOut: 10, cacheWrites: 0, cacheReads: 0, cost: 0.001 }),
      },
      // Two later requests (200 + 300 in, 20 + 30 out) deleted by "Restore task", summed by Cline:
      {
        ts: 1796000300000,
        type: 'say',
        say: 'deleted_api_reqs',
        text: JSON.stringify({ tokensIn: 500, tokensOut: 50, cacheWrites: 0, cacheReads: 1000, cost: 0.004 }),
      },
    ]);
    const { records } = parseClineTask(ui, undefined, { path: 'tasks/t3/ui_messages.json' }, 'cline');
    assert.deepEqual(sum(records), { input: 600, output: 60, cacheRead: 1000, cacheWrite: 0, reasoning: 0 });
  });
});
