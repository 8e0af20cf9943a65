// More traps of real agent logs, each read from the writer's own source: Anthropic's 1-hour cache
// writes on models whose catalogue entry has no 1-hour price; Roo Code's and Kilo Code's tokensIn,
// which holds the cache since late 2025; Cline's ~/.cline/data and the sessions of Cline 4.1 and later
// (on the Cline SDK); Roo Code's and Kilo Code's model, named only in each prompt. Every expected
// number is worked out by hand in the comments. Also: a record glued after a cut-off one on the same line.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { UsageScanner } from '../../src/node/usage/scanner';
import { isSourceFile } from '../../src/node/usage/locations';
import {
  claudeCodeParser,
  codexParser,
  copilotOtelParser,
  modelStampsOf,
  parseClineTask,
  priceRecords,
  summarize,
  uniqueRecords,
  type PricingContext,
  type UsageRecord,
} from '../../src/core/usage';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { near } from './support';
import { captureUsage } from './usage-run';

const catalogue = loadBundledCatalogue();
const usd: PricingContext = { catalogue, currency: 'USD', rates: catalogue.exchangeRates, region: 'intl', timeZone: 'UTC' };

function claude(path: string, lines: object[]): UsageRecord[] {
  const p = claudeCodeParser({ path });
  const out: UsageRecord[] = [];
  for (const l of lines) p.line(JSON.stringify(l), out);
  return out;
}

function assistant(id: string, model: string, usage: object, ts = '2026-12-01T10:00:00.000Z'): object {
  return { type: 'assistant', timestamp: ts, sessionId: 's1', requestId: `req_${id}`, message: { id: `msg_${id}`, model, usage } };
}

describe('Claude Code: writes to the 1-hour cache', () => {
  test("on a model whose entry lists no 1-hour price: Anthropic's rule, twice the input price", () => {
    // Claude Sonnet 4.5's entry has input $3, 5-minute write $3.75, read $0.30, output $15 and no cacheWrite1h.
    const records = claude('p/s1.jsonl', [
      assistant('a', 'claude-sonnet-4-5-20250929', {
        input_tokens: 10,
        output_tokens: 120,
        cache_creation_input_tokens: 1000,
        cache_read_input_tokens: 5000,
        cache_creation: { ephemeral_5m_input_tokens: 600, ephemeral_1h_input_tokens: 400 },
      }),
    ]);
    const report = summarize(priceRecords(records, usd), 'model', usd);
    // 10 × 3 + 600 × 3.75 + 400 × 6 + 5000 × 0.30 + 120 × 15 = 30 + 2250 + 2400 + 1500 + 1800 = 7980 per 1M
    near(report.totals.cost ?? undefined, 0.00798, 'cost');
    assert.deepEqual(report.unpricedModels, []);
  });

  test('a line with the split (cache_creation) but without cache_creation_input_tokens: the writes are the sum of the split', () => {
    const records = claude('p/s1.jsonl', [
      assistant('d', 'claude-sonnet-4-5-20250929', {
        input_tokens: 10,
        output_tokens: 20,
        cache_creation: { ephemeral_5m_input_tokens: 600, ephemeral_1h_input_tokens: 400 },
      }),
    ]);
    assert.deepEqual([records[0].cacheWrite, records[0].cacheWrite1h], [1000, 400]);
    // 10 × 3 + 600 × 3.75 + 400 × 6 + 20 × 15 = 30 + 2250 + 2400 + 300 = 4980 per 1M
    near(summarize(priceRecords(records, usd), 'model', usd).totals.cost ?? undefined, 0.00498, 'cost');
  });

  test('on a model of another vendor without a 1-hour price: unpriced, listed as a known model without a price', () => {
    const records = claude('p/s1.jsonl', [
      assistant('b', 'gpt-5.4', { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 100, cache_creation: { ephemeral_1h_input_tokens: 100 } }),
      assistant('c', 'claude-mystery-9', { input_tokens: 1, output_tokens: 2 }),
    ]);
    const report = summarize(priceRecords(records, usd), 'model', usd);
    assert.equal(report.totals.cost, null);
    assert.deepEqual(report.unpricedModels, [
      { model: 'gpt-5.4', tokens: 115, requests: 1, listed: true },
      { model: 'claude-mystery-9', tokens: 3, requests: 1, listed: false },
    ]);
  });
});

describe('Roo Code and Kilo Code: tokensIn holds the cache since Roo Code 3.29.5 (2025-11-01) and Kilo Code 4.119.0 (2025-11-12)', () => {
  const req = (iso: string, info: object) => ({ ts: Date.parse(iso), type: 'say', say: 'api_req_started', text: JSON.stringify(info) });
  // An Anthropic-style request: 300 uncached + 2000 cache reads + 10000 cache writes.
  const whole = { tokensIn: 12300, tokensOut: 50, cacheWrites: 10000, cacheReads: 2000, cost: 0.04, apiProtocol: 'anthropic' };
  const remainder = { ...whole, tokensIn: 300 };
  const rows = (source: 'roo-code' | 'kilo-code', messages: object[]) =>
    parseClineTask(JSON.stringify(messages), undefined, { path: 'tasks/t1/ui_messages.json' }, source).records.map((r) => [r.input, r.cacheRead, r.cacheWrite]);

  test('Roo Code: the whole prompt after the release, the remainder before it or whenever tokensIn is below the cache', () => {
    assert.deepEqual(rows('roo-code', [req('2026-03-02T10:00:00Z', whole), req('2026-03-02T10:01:00Z', remainder), req('2025-10-20T10:00:00Z', whole)]), [
      [300, 2000, 10000], // 12300 − 2000 − 10000
      [300, 2000, 10000], // below the cache: already the remainder
      [12300, 2000, 10000], // Roo Code 3.29.4 and before: the uncached input as logged
    ]);
  });

  test('Kilo Code took the change eleven days later', () => {
    assert.deepEqual(rows('kilo-code', [req('2025-11-05T10:00:00Z', whole), req('2025-11-13T10:00:00Z', whole)]), [
      [12300, 2000, 10000],
      [300, 2000, 10000],
    ]);
  });
});

describe("Cline's own data folder (~/.cline/data): classic tasks and the SDK's sessions", () => {
  test('tasks/ and sessions/ (a session and its subagent) are read by default, the cache taken out of the SDK inputTokens', () => {
    const home = mkdtempSync(join(tmpdir(), 'usage-cline-'));
    const data = join(home, '.cline', 'data');
    const session = join(data, 'sessions', 'sess_1');
    mkdirSync(session, { recursive: true });
    const model = { id: 'claude-sonnet-4-6', provider: 'anthropic' };
    const ts = (iso: string) => Date.parse(iso);
    writeFileSync(
      join(session, 'sess_1.messages.json'),
      JSON.stringify({
        version: 1,
        updated_at: '2026-12-01T10:05:00.000Z',
        agent: 'lead',
        sessionId: 'sess_1',
        messages: [
          { id: 'u1', role: 'user', content: [{ type: 'text', text: 'hi' }] },
          // An earlier assistant message of the turn: model, no metrics (not a request of its own).
          { id: 'a1', role: 'assistant', content: [{ type: 'text', text: '…' }], ts: ts('2026-12-01T10:00:00Z'), modelInfo: model },
          // 12300 = 300 uncached + 2000 read + 10000 written
          {
            id: 'a2',
            role: 'assistant',
            content: [],
            ts: ts('2026-12-01T10:00:05Z'),
            modelInfo: model,
            metrics: { inputTokens: 12300, outputTokens: 50, cacheReadTokens: 2000, cacheWriteTokens: 10000, cost: 0.04689 },
          },
          {
            id: 'a3',
            role: 'assistant',
            content: [],
            ts: ts('2026-12-01T10:01:00Z'),
            modelInfo: model,
            metrics: { inputTokens: 5000, outputTokens: 100, cacheReadTokens: 4800, cacheWriteTokens: 0, cost: 0.003 },
          },
        ],
      }),
    );
    writeFileSync(
      join(session, 'agent_7.messages.json'),
      JSON.stringify({
        version: 1,
        agent: 'subagent',
        sessionId: 'sess_1__agent_7',
        messages: [
          {
            id: 'b1',
            role: 'assistant',
            content: [],
            ts: ts('2026-12-01T10:02:00Z'),
            modelInfo: model,
            metrics: { inputTokens: 1000, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, cost: 0.0045 },
          },
        ],
      }),
    );
    // A classic task left by the CLI before the SDK: tokensIn already the uncached part.
    const task = join(data, 'tasks', '1764583200000');
    mkdirSync(task, { recursive: true });
    writeFileSync(
      join(task, 'ui_messages.json'),
      JSON.stringify([
        {
          ts: ts('2026-12-01T11:00:00Z'),
          type: 'say',
          say: 'api_req_started',
          text: JSON.stringify({ tokensIn: 100, tokensOut: 10, cacheWrites: 0, cacheReads: 0, cost: 0.00045 }),
        },
      ]),
    );
    writeFileSync(
      join(task, 'task_metadata.json'),
      JSON.stringify({ model_usage: [{ ts: ts('2026-12-01T10:59:00Z'), model_id: 'claude-sonnet-4-6', model_provider_id: 'anthropic', mode: 'act' }] }),
    );
    const { code, stdout } = captureUsage(['--json', '--by', 'session', '--tz', 'UTC'], { LANG: 'C', HOME: home });
    assert.equal(code, 0);
    const out = JSON.parse(stdout);
    // input 300 + 200 + 1000 + 100, output 50 + 100 + 10 + 10, reads 2000 + 4800, writes 10000
    const t = out.totals;
    assert.deepEqual([t.requests, t.inputTokens, t.outputTokens, t.cacheReadTokens, t.cacheWriteTokens], [4, 1600, 170, 6800, 10000]);
    // Sonnet 4.6: 1600 × 3 + 170 × 15 + 6800 × 0.30 + 10000 × 3.75 = 4800 + 2550 + 2040 + 37500 = 46890 per 1M
    near(t.cost, 0.04689, 'cost');
    // The subagent's request belongs to its root session.
    assert.deepEqual(out.rows.map((r: { key: string; requests: number }) => [r.key, r.requests]).sort(), [
      ['cline:1764583200000', 1],
      ['cline:sess_1', 3],
    ]);
  });
});

describe('Codex before TokenCountEvent: the usage flattened into the token_count payload', () => {
  test('each such event is one response (the TUI of that time added them up), split into uncached, cached, output and reasoning', () => {
    const p = codexParser({ path: 'sessions/2025/08/20/rollout-2025-08-20T10-00-00-old.jsonl' });
    const out: UsageRecord[] = [];
    const tc = (ts: string, i: number, c: number, o: number, r: number) =>
      JSON.stringify({
        timestamp: ts,
        type: 'event_msg',
        payload: { type: 'token_count', input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: r, total_tokens: i + o },
      });
    for (const line of [
      JSON.stringify({ timestamp: '2025-08-20T10:00:00.000Z', type: 'session_meta', payload: { id: 'old-1', cwd: '/home/u/api' } }),
      JSON.stringify({ timestamp: '2025-08-20T10:00:01.000Z', type: 'turn_context', payload: { model: 'gpt-5', cwd: '/home/u/api' } }),
      tc('2025-08-20T10:00:10.000Z', 10000, 8000, 500, 300),
      tc('2025-08-20T10:01:10.000Z', 12000, 10000, 200, 0),
    ])
      p.line(line, out);
    // 10000 − 8000 and 12000 − 10000 uncached; 500 − 300 and 200 visible output
    assert.deepEqual(
      out.map((r) => [r.model, r.input, r.cacheRead, r.output, r.reasoning]),
      [
        ['gpt-5', 2000, 8000, 200, 300],
        ['gpt-5', 2000, 10000, 200, 0],
      ],
    );
    // GPT-5 $1.25 in, $0.125 cached, $10 out: 4000 × 1.25 + 18000 × 0.125 + 700 × 10 = 5000 + 2250 + 7000 = 14250 per 1M
    near(summarize(priceRecords(out, usd), 'model', usd).totals.cost ?? undefined, 0.01425, 'cost');
  });
});

describe("Roo Code and Kilo Code: the model, named only in each prompt's environment details", () => {
  const T1 = Date.parse('2026-12-01T10:00:00Z');
  const T2 = Date.parse('2026-12-01T10:05:00Z');
  const T3 = Date.parse('2026-12-01T10:09:00Z');
  const env = (model: string) => `<environment_details>\n# Current Mode\n<slug>code</slug>\n<name>Code</name>\n<model>${model}</model>\n</environment_details>`;
  // As Roo Code writes api_conversation_history.json: each prompt stamped with ts when added, after its api_req_started message.
  const history = JSON.stringify([
    {
      role: 'user',
      content: [
        { type: 'text', text: '<task>fix it</task>' },
        { type: 'text', text: env('claude-sonnet-4-5') },
      ],
      ts: T1 + 300,
    },
    { role: 'assistant', content: [{ type: 'text', text: 'done' }], ts: T1 + 9000 },
    { role: 'user', content: [{ type: 'text', text: env('gpt-5') }], ts: T2 + 200 },
  ]);
  const started = (ts: number, info: object) => ({ ts, type: 'say', say: 'api_req_started', text: JSON.stringify(info) });
  const ui = [
    // 12300 = 300 uncached + 2000 read + 10000 written (Roo Code ≥ 3.29.5)
    started(T1, { apiProtocol: 'anthropic', tokensIn: 12300, tokensOut: 50, cacheWrites: 10000, cacheReads: 2000, cost: 0.03975 }),
    started(T2, { apiProtocol: 'openai', tokensIn: 5000, tokensOut: 100, cacheWrites: 0, cacheReads: 4000, cost: 0.00275 }),
    // No prompt stamped after it (the history not yet written): the last model before it.
    started(T3, { apiProtocol: 'openai', tokensIn: 100, tokensOut: 10, cacheWrites: 0, cacheReads: 0, cost: 0.000225 }),
  ];

  test('each request takes the model of the prompt stamped after it; one without takes the last before it', () => {
    assert.deepEqual(modelStampsOf(history), [
      { from: T1 + 300, model: 'claude-sonnet-4-5' },
      { from: T2 + 200, model: 'gpt-5' },
    ]);
    const { records } = parseClineTask(JSON.stringify(ui), undefined, { path: 'tasks/t9/ui_messages.json' }, 'roo-code', modelStampsOf(history));
    assert.deepEqual(
      records.map((r) => r.model),
      ['claude-sonnet-4-5', 'gpt-5', 'gpt-5'],
    );
  });

  test("until Roo Code removed it (2025-10-17), the prompt was in the message's own request field", () => {
    const old = [
      started(Date.parse('2025-09-01T10:00:00Z'), { request: `<task>fix it</task>\n\n${env('claude-sonnet-4-5-20250929')}`, tokensIn: 10, tokensOut: 20 }),
    ];
    const { records } = parseClineTask(JSON.stringify(old), undefined, { path: 'tasks/t8/ui_messages.json' }, 'kilo-code');
    assert.deepEqual(
      records.map((r) => r.model),
      ['claude-sonnet-4-5-20250929'],
    );
  });

  test('the reader pairs a task with its API history and prices each request as its model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-roo-'));
    const task = join(dir, 'tasks', 'task-9');
    mkdirSync(task, { recursive: true });
    writeFileSync(join(task, 'ui_messages.json'), JSON.stringify(ui.slice(0, 2)));
    writeFileSync(join(task, 'api_conversation_history.json'), history);
    const { code, stdout } = captureUsage(['--no-local', '--source', `roo-code=${dir}`, '--json', '--by', 'model', '--tz', 'UTC'], { LANG: 'C', HOME: dir });
    assert.equal(code, 0);
    const out = JSON.parse(stdout);
    // Sonnet 4.5: 300 × 3 + 2000 × 0.30 + 10000 × 3.75 + 50 × 15 = 39750; GPT-5: 1000 × 1.25 + 4000 × 0.125 + 100 × 10 = 2750 (per 1M)
    assert.deepEqual(
      out.rows.map((r: { key: string; cost: number }) => [r.key, Math.round(r.cost * 1e6)]),
      [
        ['claude-sonnet-4-5', 39750],
        ['gpt-5', 2750],
      ],
    );
    near(out.totals.cost, 0.0425, 'total');
  });
});

describe('a record glued after a cut-off one on the same line', () => {
  test('a writer killed mid-line (or a run of NUL bytes from a lost append) then appending again: the fragment is one bad line, the whole record after it counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'usage-glued-'));
    mkdirSync(join(dir, 'p'));
    const line = (id: string, input: number, output: number) =>
      JSON.stringify(assistant(id, 'claude-sonnet-4-5', { input_tokens: input, output_tokens: output }));
    writeFileSync(
      join(dir, 'p', 's.jsonl'),
      [
        line('a', 100, 10),
        // anthropics/claude-code#52387: "{"type":"pr-link","sessionId":"…","prNu{"parentUuid"…" — here the cut-off record is a request too.
        '{"type":"assistant","timestamp":"2026-12-01T10:00:01.000Z","message":{"id":"msg_b","usage":{"input_tok' + line('c', 200, 20),
        '\u0000'.repeat(300) + line('d', 300, 30),
        '',
      ].join('\n'),
    );
    const scanner = new UsageScanner([{ source: 'claude-code', path: dir, explicit: true }]);
    scanner.scan();
    // a, c and d: 100 + 200 + 300 in, 10 + 20 + 30 out; the two fragments are the bad lines
    const records = scanner.records();
    assert.deepEqual([records.length, records.reduce((n, r) => n + r.input, 0), records.reduce((n, r) => n + r.output, 0)], [3, 600, 60]);
    assert.equal(scanner.problems().badLines, 2);
  });
});

describe("Copilot Chat's file exporter: spans and log records in one file", () => {
  test('the gen_ai.client.inference.operation.details event repeats its chat span (same response id): counted once; agent.turn events are not requests', () => {
    const p = copilotOtelParser();
    const out: UsageRecord[] = [];
    const usage = (i: number, o: number) => ({ 'gen_ai.usage.input_tokens': i, 'gen_ai.usage.output_tokens': o });
    for (const record of [
      // The JS SDK's own form, as the file exporter writes it: a chat span …
      {
        traceId: 't1',
        spanId: 'chat1',
        name: 'chat gpt-4o',
        kind: 2,
        startTime: [1796000000, 0],
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.response.id': 'chatcmpl-1', ...usage(1500, 250) },
      },
      // … the event logged after the same call, in the context of the agent's span …
      {
        hrTime: [1796000003, 500000000],
        spanContext: { traceId: 't1', spanId: 'agent1' },
        attributes: {
          'event.name': 'gen_ai.client.inference.operation.details',
          'gen_ai.operation.name': 'chat',
          'gen_ai.response.id': 'chatcmpl-1',
          ...usage(1500, 250),
        },
        _body: 'GenAI inference: gpt-4o',
      },
      // … a turn event with the same tokens, and the agent span with the sum of its calls.
      {
        hrTime: [1796000003, 600000000],
        spanContext: { traceId: 't1', spanId: 'agent1' },
        attributes: { 'event.name': 'copilot_chat.agent.turn', 'turn.index': 0, ...usage(1500, 250) },
      },
      {
        traceId: 't1',
        spanId: 'agent1',
        name: 'invoke_agent copilot',
        startTime: [1795999999, 0],
        attributes: { 'gen_ai.operation.name': 'invoke_agent', ...usage(1500, 250) },
      },
      // A second call logged only as an event (spans not exported): counted, at its hrTime.
      {
        hrTime: [1796000100, 0],
        spanContext: { traceId: 't1', spanId: 'agent1' },
        attributes: {
          'event.name': 'gen_ai.client.inference.operation.details',
          'gen_ai.operation.name': 'chat',
          'gen_ai.response.id': 'chatcmpl-2',
          ...usage(700, 30),
        },
      },
    ])
      p.line(JSON.stringify(record), out);
    const once = uniqueRecords(out);
    // 1500 + 700 in, 250 + 30 out, in two requests
    assert.deepEqual(
      once.map((r) => [r.at, r.input, r.output]),
      [
        [1796000000000, 1500, 250],
        [1796000100000, 700, 30],
      ],
    );
  });
});

describe('Gemini CLI: subagent chats and $GEMINI_CLI_HOME', () => {
  test("a subagent's chat under chats/<parent session id>/ is read, and the default folder follows GEMINI_CLI_HOME", () => {
    const home = mkdtempSync(join(tmpdir(), 'usage-gemini-'));
    const chats = join(home, '.gemini', 'tmp', 'my-project', 'chats');
    mkdirSync(join(chats, 'parent-1'), { recursive: true });
    const message = (id: string, ts: string, tokens: object) =>
      JSON.stringify({ id, timestamp: ts, type: 'gemini', content: '', model: 'gemini-3-flash-preview', tokens });
    writeFileSync(
      join(chats, 'session-2026-12-03T08-00-parent-1.jsonl'),
      [
        JSON.stringify({ sessionId: 'parent-1', projectHash: 'my-project', startTime: '2026-12-03T08:00:00.000Z', kind: 'main' }),
        message('m1', '2026-12-03T08:00:05.000Z', { input: 10000, output: 500, cached: 4000, thoughts: 300, tool: 100, total: 10900 }),
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(chats, 'parent-1', 'sub-7.jsonl'),
      [
        JSON.stringify({ sessionId: 'sub-7', projectHash: 'my-project', startTime: '2026-12-03T08:01:00.000Z', kind: 'subagent' }),
        message('s1', '2026-12-03T08:01:05.000Z', { input: 2000, output: 100, cached: 0, thoughts: 0, tool: 0, total: 2100 }),
        '',
      ].join('\n'),
    );
    const empty = mkdtempSync(join(tmpdir(), 'usage-home-'));
    const { code, stdout } = captureUsage(['--json', '--tz', 'UTC'], { LANG: 'C', HOME: empty, GEMINI_CLI_HOME: home });
    assert.equal(code, 0);
    const t = JSON.parse(stdout).totals;
    // input 10000 − 4000 + 100 tool + 2000, read 4000, output 500 + 100, thinking 300
    assert.deepEqual([t.requests, t.inputTokens, t.cacheReadTokens, t.outputTokens, t.reasoningTokens], [2, 8100, 4000, 600, 300]);
    // Gemini 3 Flash Preview $0.50 in, $0.05 cached, $3 out: 4050 + 200 + 900 × 3 = 6950 per 1M
    near(t.cost, 0.00695, 'cost');
    // The subagent's file on its own (it was not a Gemini CLI log to the reader), and a checkpoint beside chats/ is still none.
    assert.equal(isSourceFile('gemini-cli', '/h/.gemini/tmp/my-project/chats/parent-1/sub-7.jsonl'), true);
    assert.equal(isSourceFile('gemini-cli', '/h/.gemini/tmp/my-project/checkpoint-tag.json'), false);
  });
});
