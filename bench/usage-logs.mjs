// Synthetic Claude Code and Codex logs for the usage benchmark: the shapes of the real formats
// (tool results and reasoning lines that carry no usage, one response written on two lines,
// Codex's running totals and repeated token_count events), with made-up text. Deterministic: the
// same size gives the same files, so the token totals are the same on every run.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'the of function return const value file line test build error import export module type string number array object async await promise request response token cost model cache input output'.split(
    ' ',
  );

function text(rand, bytes) {
  let s = '';
  while (s.length < bytes) s += WORDS[Math.floor(rand() * WORDS.length)] + (rand() < 0.1 ? '\\n' : ' ');
  return s;
}

function writer(path) {
  const stream = createWriteStream(path);
  let pending = [];
  let size = 0;
  return {
    line(s) {
      pending.push(s);
      size += s.length + 1;
      if (pending.length >= 256) this.flush();
    },
    flush() {
      if (pending.length) stream.write(pending.join('\n') + '\n');
      pending = [];
    },
    end() {
      this.flush();
      return new Promise((resolve) => stream.end(resolve));
    },
    get size() {
      return size;
    },
  };
}

const START = Date.parse('2026-11-01T00:00:00Z');
const SPAN = 35 * 86_400_000;

async function claudeSessions(dir, bytes, rand) {
  let written = 0;
  let session = 0;
  let message = 0;
  const truth = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  while (written < bytes) {
    const project = `-home-dev-project${session % 12}`;
    mkdirSync(join(dir, 'projects', project), { recursive: true });
    const id = `sess-${String(session).padStart(6, '0')}`;
    const w = writer(join(dir, 'projects', project, `${id}.jsonl`));
    let t = START + Math.floor(rand() * SPAN);
    const model = session % 2 ? 'claude-sonnet-4-5-20250929' : 'claude-sonnet-5';
    const turns = 40 + Math.floor(rand() * 80);
    for (let i = 0; i < turns && written + w.size < bytes; i++) {
      t += 5000 + Math.floor(rand() * 60000);
      const ts = new Date(t).toISOString();
      w.line(
        JSON.stringify({
          parentUuid: null,
          isSidechain: false,
          userType: 'external',
          cwd: `/home/dev/project${session % 12}`,
          sessionId: id,
          version: '2.1.0',
          type: 'user',
          message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: `toolu_${message}`, content: text(rand, 1500 + Math.floor(rand() * 4000)) }] },
          uuid: `u${message}`,
          timestamp: ts,
        }),
      );
      const usage = {
        input_tokens: 1 + Math.floor(rand() * 50),
        cache_creation_input_tokens: Math.floor(rand() * 3000),
        cache_read_input_tokens: 10_000 + Math.floor(rand() * 90_000),
        output_tokens: 20 + Math.floor(rand() * 1500),
      };
      const base = {
        parentUuid: `u${message}`,
        isSidechain: false,
        userType: 'external',
        cwd: `/home/dev/project${session % 12}`,
        sessionId: id,
        version: '2.1.0',
        requestId: `req_${message}`,
        type: 'assistant',
        timestamp: ts,
      };
      // One response, two lines (thinking, then the tool call), the same usage on both.
      w.line(
        JSON.stringify({
          ...base,
          message: {
            id: `msg_${message}`,
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'thinking', thinking: text(rand, 300), signature: 'sig' }],
            stop_reason: null,
            usage,
          },
          uuid: `a${message}`,
        }),
      );
      w.line(
        JSON.stringify({
          ...base,
          message: {
            id: `msg_${message}`,
            type: 'message',
            role: 'assistant',
            model,
            content: [{ type: 'tool_use', id: `toolu_${message + 1}`, name: 'Read', input: { file_path: '/home/dev/src/index.ts' } }],
            stop_reason: 'tool_use',
            usage,
          },
          uuid: `b${message}`,
        }),
      );
      truth.input += usage.input_tokens;
      truth.output += usage.output_tokens;
      truth.cacheRead += usage.cache_read_input_tokens;
      truth.cacheWrite += usage.cache_creation_input_tokens;
      message++;
    }
    written += w.size;
    await w.end();
    session++;
  }
  return { files: session, requests: message, truth };
}

async function codexSessions(dir, bytes, rand) {
  let written = 0;
  let session = 0;
  let requests = 0;
  // What was billed, once per request: input without the cached part, visible output, thinking apart.
  const truth = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 };
  while (written < bytes) {
    let t = START + Math.floor(rand() * SPAN);
    const day = new Date(t).toISOString().slice(0, 10).split('-');
    const folder = join(dir, 'sessions', ...day);
    mkdirSync(folder, { recursive: true });
    const id = `0193${String(session).padStart(8, '0')}-synthetic`;
    const w = writer(join(folder, `rollout-${new Date(t).toISOString().slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`));
    const model = session % 2 ? 'gpt-5-codex' : 'gpt-5.4';
    w.line(
      JSON.stringify({
        timestamp: new Date(t).toISOString(),
        type: 'session_meta',
        payload: {
          id,
          timestamp: new Date(t).toISOString(),
          cwd: `/home/dev/service${session % 8}`,
          originator: 'codex_cli_rs',
          cli_version: '0.98.0',
          instructions: null,
        },
      }),
    );
    w.line(
      JSON.stringify({
        timestamp: new Date(t).toISOString(),
        type: 'turn_context',
        payload: {
          cwd: `/home/dev/service${session % 8}`,
          approval_policy: 'on-request',
          sandbox_policy: { mode: 'workspace-write' },
          model,
          effort: 'medium',
          summary: 'auto',
        },
      }),
    );
    const total = { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
    const turns = 40 + Math.floor(rand() * 80);
    for (let i = 0; i < turns && written + w.size < bytes; i++) {
      t += 5000 + Math.floor(rand() * 60000);
      const ts = new Date(t).toISOString();
      w.line(
        JSON.stringify({
          timestamp: ts,
          type: 'response_item',
          payload: { type: 'function_call_output', call_id: `call_${requests}`, output: text(rand, 1500 + Math.floor(rand() * 3000)) },
        }),
      );
      w.line(
        JSON.stringify({
          timestamp: ts,
          type: 'response_item',
          payload: { type: 'reasoning', summary: [{ type: 'summary_text', text: text(rand, 200) }], encrypted_content: null },
        }),
      );
      const input = 10_000 + Math.floor(rand() * 60_000);
      const cached = Math.floor(input * rand() * 0.9);
      const reasoning = Math.floor(rand() * 400);
      const output = reasoning + 20 + Math.floor(rand() * 900);
      const last = {
        input_tokens: input,
        cached_input_tokens: cached,
        output_tokens: output,
        reasoning_output_tokens: reasoning,
        total_tokens: input + output,
      };
      for (const k of Object.keys(total)) total[k] += last[k];
      truth.input += input - cached;
      truth.cacheRead += cached;
      truth.output += output - reasoning;
      truth.reasoning += reasoning;
      const event = {
        timestamp: ts,
        type: 'event_msg',
        payload: {
          type: 'token_count',
          info: { total_token_usage: { ...total }, last_token_usage: last, model_context_window: 272000 },
          rate_limits: { primary: { used_percent: 10, window_minutes: 300 } },
        },
      };
      w.line(JSON.stringify(event));
      // Codex repeats the event when only the rate limits change: not a new request.
      if (rand() < 0.3) w.line(JSON.stringify({ ...event, timestamp: new Date(t + 500).toISOString() }));
      requests++;
    }
    written += w.size;
    await w.end();
    session++;
  }
  return { files: session, requests, truth };
}

/** Writes `totalBytes` of logs under `root` (60% Claude Code in root/claude, 40% Codex in root/codex). */
export async function writeUsageLogs(root, totalBytes) {
  rmSync(root, { recursive: true, force: true });
  const claude = await claudeSessions(join(root, 'claude'), Math.round(totalBytes * 0.6), random(18));
  const codex = await codexSessions(join(root, 'codex'), Math.round(totalBytes * 0.4), random(19));
  return { claude, codex };
}

/** Appends `bytes` of new requests to the last files of both agents (a live session going on). */
export async function appendUsage(root, bytes) {
  const { appendFileSync, readdirSync } = await import('node:fs');
  const rand = random(20);
  const projects = join(root, 'claude', 'projects', '-home-dev-project0');
  const file = join(projects, readdirSync(projects).sort().pop());
  let added = 0;
  let n = 0;
  const lines = [];
  while (added < bytes) {
    const ts = new Date(Date.parse('2026-12-05T12:00:00Z') + n * 1000).toISOString();
    const usage = { input_tokens: 3, cache_creation_input_tokens: 100, cache_read_input_tokens: 20_000, output_tokens: 300 };
    const line = JSON.stringify({
      parentUuid: null,
      cwd: '/home/dev/project0',
      sessionId: 'appended',
      type: 'assistant',
      requestId: `req_app_${n}`,
      timestamp: ts,
      message: { id: `msg_app_${n}`, role: 'assistant', model: 'claude-sonnet-5', content: [{ type: 'text', text: text(rand, 2000) }], usage },
    });
    lines.push(line);
    added += line.length + 1;
    n++;
  }
  appendFileSync(file, lines.join('\n') + '\n');
  return { requests: n, bytes: added };
}
