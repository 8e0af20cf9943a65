// The log parsers of src/core/usage, on fixtures written to each agent's format (no real user
// data). Every expected number is worked out by hand from the fixture lines, in the comments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture } from './support';
import {
  claudeCodeParser,
  codexParser,
  continueParser,
  copilotOtelParser,
  geminiChatLineParser,
  modelStampsOf,
  parseClineTask,
  parseGeminiChat,
  uniqueRecords,
  type LineOutcome,
  type LineParser,
  type UsageRecord,
} from '../../src/core/usage';

function feed(parser: LineParser, text: string): { records: UsageRecord[]; outcomes: LineOutcome[] } {
  const records: UsageRecord[] = [];
  const outcomes = text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => parser.line(l, records));
  return { records, outcomes };
}

function sum(records: UsageRecord[]) {
  const t = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  for (const r of records) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}

const CLAUDE = 'usage/claude-code/projects/-home-dev-shop/';

describe('Claude Code', () => {
  test('one record per message id, across lines and files; the final (largest) usage wins', () => {
    const a = feed(claudeCodeParser({ path: CLAUDE + 'sess-a.jsonl' }), readFixture(CLAUDE + 'sess-a.jsonl'));
    const b = feed(claudeCodeParser({ path: CLAUDE + 'sess-b.jsonl' }), readFixture(CLAUDE + 'sess-b.jsonl'));
    // sess-a: user line skip, msg_01 partial, msg_01 final, corrupt, msg_02, msg_03, <synthetic> skip, truncated last line.
    assert.deepEqual(a.outcomes, ['skip', 'record', 'record', 'bad', 'record', 'record', 'skip', 'bad']);
    const unique = uniqueRecords([...a.records, ...b.records]);
    assert.deepEqual(
      unique.map((r) => r.key),
      ['claude-code:msg_01', 'claude-code:msg_02', 'claude-code:msg_03', 'claude-code:msg_04'],
    );
    const first = unique[0];
    assert.equal(first.output, 200, 'the streamed line with 50 output tokens gives way to the final one with 200');
    assert.equal(first.loggedCostUsd, 0.0051);
    assert.equal(first.project, 'shop');
    assert.equal(first.session, 'sess-a');
    // input 100+10+7+20, output 200+100+3+80, cache reads 2000+5000+1000, cache writes 1000+500
    assert.deepEqual(sum(unique), { input: 137, output: 383, cacheRead: 8000, cacheWrite: 1500, reasoning: 0 });
  });

  test('never keeps the text of a message', () => {
    const { records } = feed(claudeCodeParser({ path: CLAUDE + 'sess-a.jsonl' }), readFixture(CLAUDE + 'sess-a.jsonl'));
    const kept = JSON.stringify(records);
    assert.ok(!kept.includes('Done.') && !kept.includes('cart badge'), kept);
  });

  test('negative or fractional counts and impossible times are bad lines, not zeros', () => {
    const p = claudeCodeParser({ path: 'p/s.jsonl' });
    const out: UsageRecord[] = [];
    const line = (usage: string, ts = '2026-12-01T00:00:00Z') => `{"type":"assistant","timestamp":"${ts}","message":{"id":"m","model":"x","usage":${usage}}}`;
    assert.equal(p.line(line('{"input_tokens":-1,"output_tokens":5}'), out), 'bad');
    assert.equal(p.line(line('{"input_tokens":1.5,"output_tokens":5}'), out), 'bad');
    assert.equal(p.line(line('{"input_tokens":"12","output_tokens":5}'), out), 'bad');
    assert.equal(p.line(line('{"input_tokens":1,"output_tokens":5}', 'yesterday'), out), 'bad');
    assert.equal(out.length, 0);
  });
});

describe('Codex', () => {
  const path = 'usage/codex/sessions/2026/12/02/rollout-2026-12-02T08-00-00-0193a1b2.jsonl';
  test('per-request usage from last_token_usage, a repeated running total skipped, a missing last_token_usage recovered from the difference', () => {
    const { records, outcomes } = feed(codexParser({ path }), readFixture(path));
    assert.deepEqual(outcomes, ['skip', 'skip', 'skip', 'skip', 'record', 'skip', 'record', 'skip', 'record', 'record']);
    assert.deepEqual(
      records.map((r) => [r.model, r.input, r.cacheRead, r.output, r.reasoning]),
      [
        ['gpt-5.4', 800, 200, 200, 100], // 1000 input of which 200 cached; 300 output of which 100 thinking
        ['gpt-5.4', 1000, 1000, 200, 0], // last_token_usage 2000 / 1000 cached / 200, not the running 3000
        ['deepseek-flash', 1000, 0, 100, 0], // no last_token_usage: 4000-3000 input, 1200-1200 cached, 600-500 output
        ['deepseek-flash', 500, 500, 100, 0],
      ],
    );
    // Summing the running totals instead would give 1000+1000+3000+4000+5000 input tokens.
    assert.deepEqual(sum(records), { input: 3300, output: 600, cacheRead: 1700, cacheWrite: 0, reasoning: 100 });
    assert.equal(records[0].session, '0193a1b2-sess');
    assert.equal(records[0].project, 'api');
  });

  test('the same session read twice (a resumed copy) gives the same keys', () => {
    const once = feed(codexParser({ path }), readFixture(path)).records;
    const again = feed(codexParser({ path: path.replace('0193a1b2', 'copy') }), readFixture(path)).records;
    assert.equal(uniqueRecords([...once, ...again]).length, 4);
  });

  test('a running total that falls (a restarted count) starts a new request rather than a negative one', () => {
    const p = codexParser({ path: 'rollout-x.jsonl' });
    const out: UsageRecord[] = [];
    const tc = (input: number, output: number, t: string) =>
      `{"timestamp":"${t}","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":${input},"cached_input_tokens":0,"output_tokens":${output},"reasoning_output_tokens":0,"total_tokens":${input + output}}}}}`;
    p.line(tc(5000, 500, '2026-12-01T00:00:00Z'), out);
    p.line(tc(300, 30, '2026-12-01T00:01:00Z'), out);
    assert.deepEqual(
      out.map((r) => [r.input, r.output]),
      [
        [5000, 500],
        [300, 30],
      ],
    );
  });
});

describe('Gemini CLI', () => {
  const path = 'usage/gemini-cli/tmp/9f2c4e1a7b3d5f60aa11/chats/session-2026-12-03T08-00-5e1f.json';
  test('per-message tokens: cached taken out of input, tool-use prompt added to it, thoughts as reasoning', () => {
    const { records, bad } = parseGeminiChat(readFixture(path), { path });
    assert.equal(bad, 1, 'the message with -5 input tokens');
    assert.deepEqual(
      records.map((r) => [r.input, r.cacheRead, r.output, r.reasoning]),
      [
        [600, 400, 200, 50],
        [2100, 0, 100, 0],
      ],
    );
    assert.equal(records[0].project, '9f2c4e1a7b3d');
    assert.equal(records[0].session, '5e1f-gemini-sess');
  });

  test('a document that is not JSON is one bad entry; the line-per-message form reads the same records', () => {
    assert.deepEqual(parseGeminiChat('{"sessionId": "x", "messages": [', { path }), { records: [], bad: 1 });
    const doc = JSON.parse(readFixture(path));
    const lines = [JSON.stringify({ sessionId: doc.sessionId, projectHash: doc.projectHash }), ...doc.messages.map((m: unknown) => JSON.stringify(m))].join(
      '\n',
    );
    const { records, outcomes } = feed(geminiChatLineParser({ path: path + 'l' }), lines);
    assert.deepEqual(outcomes, ['skip', 'skip', 'record', 'record', 'bad']);
    assert.deepEqual(sum(records), { input: 2700, output: 300, cacheRead: 400, cacheWrite: 0, reasoning: 50 });
  });
});

describe('Cline, Roo Code, Kilo Code', () => {
  const dir = 'usage/cline/tasks/1764400000000/';
  test('api_req_started messages with their logged cost; cancelled requests skipped, a cut-off one counted bad; model from task_metadata', () => {
    const { records, bad } = parseClineTask(
      readFixture(dir + 'ui_messages.json'),
      readFixture(dir + 'task_metadata.json'),
      { path: dir + 'ui_messages.json' },
      'cline',
    );
    assert.equal(bad, 1);
    assert.deepEqual(
      records.map((r) => [r.model, r.input, r.output, r.cacheWrite, r.cacheRead, r.loggedCostUsd]),
      [
        ['claude-sonnet-5', 50, 500, 2000, 0, 0.0061],
        ['claude-sonnet-5', 10, 100, 0, 3000, 0.0016],
      ],
    );
    assert.equal(records[0].session, '1764400000000');
    assert.ok(!JSON.stringify(records).includes('Refactor'), 'the request text is not kept');
  });

  test("Roo Code: the model from the prompt's environment details in the task's API history; no metadata file needed", () => {
    const path = 'usage/roo-code/tasks/1764900000000/ui_messages.json';
    const stamps = modelStampsOf(readFixture('usage/roo-code/tasks/1764900000000/api_conversation_history.json'));
    const { records } = parseClineTask(readFixture(path), undefined, { path }, 'roo-code', stamps);
    assert.deepEqual(
      records.map((r) => [r.source, r.model, r.input, r.output]),
      [['roo-code', 'deepseek-flash', 4000, 1000]],
    );
  });

  test('without any model information the request keeps its tokens under "unknown"', () => {
    const text = JSON.stringify([{ ts: 1764400000000, say: 'api_req_started', text: JSON.stringify({ tokensIn: 5, tokensOut: 6 }) }]);
    const { records } = parseClineTask(text, undefined, { path: 'kilo/tasks/t1/ui_messages.json' }, 'kilo-code');
    assert.deepEqual(
      records.map((r) => [r.model, r.input, r.output]),
      [['unknown', 5, 6]],
    );
  });
});

describe('Continue and Copilot', () => {
  test('Continue: prompt and generated tokens per event', () => {
    const { records } = feed(continueParser(), readFixture('usage/continue/dev_data/0.2.0/tokensGenerated.jsonl'));
    assert.deepEqual(
      records.map((r) => [r.model, r.input, r.output]),
      [
        ['gpt-5.4', 1200, 300],
        ['qwen-local-7b', 500, 50],
      ],
    );
  });

  test('Copilot OTel: chat spans only (the invoke_agent span repeats their sum); cached input taken out of input', () => {
    const { records } = feed(copilotOtelParser(), readFixture('usage/copilot/otel-traces.jsonl'));
    assert.deepEqual(
      records.map((r) => [r.model, r.input, r.cacheRead, r.output, r.session]),
      [['gpt-4.1-2025-04-14', 2000, 1000, 400, 'conv-1']],
    );
    assert.equal(records[0].at, Date.parse('2026-12-04T09:00:01Z'));
  });
});
