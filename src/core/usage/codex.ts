import { looksLikeObject } from './claudeCode';
import {
  baseName,
  cleanName,
  objectAt,
  parseObject,
  parseTime,
  tokenCount,
  type FileContext,
  type LineOutcome,
  type LineParser,
  type UsageRecord,
} from './types';

interface Totals {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

function readTotals(value: Record<string, unknown> | undefined): Totals | undefined | 'bad' {
  if (!value) return undefined;
  const input = tokenCount(value.input_tokens);
  const cached = tokenCount(value.cached_input_tokens);
  const output = tokenCount(value.output_tokens);
  const reasoning = tokenCount(value.reasoning_output_tokens);
  if (input === undefined || cached === undefined || output === undefined || reasoning === undefined) return 'bad';
  const total = typeof value.total_tokens === 'number' && Number.isFinite(value.total_tokens) ? value.total_tokens : input + output;
  return { input, cached, output, reasoning, total };
}

function sameTotals(a: Totals, b: Totals): boolean {
  return a.input === b.input && a.cached === b.cached && a.output === b.output && a.reasoning === b.reasoning;
}

/**
 * OpenAI Codex CLI: `~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl`. `session_meta` names the
 * session and its cwd (a spawned subagent's or a forked session's file starts with its own
 * session_meta, then the parent's session_meta and history, token counts included, all stamped
 * with the second of the copy), `turn_context` the model of the turns that follow, and each
 * `event_msg` of type `token_count` carries `info.total_token_usage` (running total of the
 * session) and `info.last_token_usage` (the request just made). Codex repeats a token_count
 * with unchanged totals (for rate-limit updates): that is not a new request. Running totals are
 * never added up; a request is `last_token_usage`, or the difference of two running totals when
 * an older version wrote no `last_token_usage`.
 * In Codex's usage, `input_tokens` includes `cached_input_tokens` and `output_tokens` includes
 * `reasoning_output_tokens` (its own blended total is non-cached input + output).
 */
export function codexParser(file: FileContext): LineParser {
  let session = baseName(file.path).replace(/^rollout-/, '');
  let project = '';
  let model = 'unknown';
  let previous: Totals | undefined;
  /** The id of the file's first session_meta: the session the file is the log of. */
  let own: string | undefined;
  /** While another session's history is being copied in: the end of the second the copy was written in. */
  let replayUntil: number | undefined;
  return {
    line(text: string, out: UsageRecord[]): LineOutcome {
      const kind = /"type"\s*:\s*"(session_meta|turn_context|token_count)"/.exec(text)?.[1];
      if (!kind) return looksLikeObject(text) ? 'skip' : 'bad';
      const entry = parseObject(text);
      if (!entry) return 'bad';
      const payload = objectAt(entry, 'payload');
      if (!payload) return 'skip';
      if (entry.type === 'session_meta') {
        const id = cleanName(payload.id);
        const at = parseTime(entry.timestamp);
        if (own === undefined) {
          own = id ?? session;
          session = own;
          const cwd = cleanName(payload.cwd, 1000);
          if (cwd) project = cwd.split(/[\\/]/).filter(Boolean).pop() ?? cwd;
        } else if (id && id !== own && at !== undefined) {
          // Another session's history copied in (a spawned subagent or a fork): its requests
          // keep that session's keys, so they count once with the file they came from.
          session = id;
          replayUntil = Math.floor(at / 1000) * 1000 + 1000;
        }
        return 'skip';
      }
      if (entry.type === 'turn_context') {
        model = cleanName(payload.model) ?? model;
        const cwd = cleanName(payload.cwd, 1000);
        if (cwd && !project) project = cwd.split(/[\\/]/).filter(Boolean).pop() ?? cwd;
        return 'skip';
      }
      if (entry.type !== 'event_msg' || payload.type !== 'token_count') return 'skip';
      // Codex before TokenCountEvent (mid-2025) flattened one response's TokenUsage into the event:
      // {"type":"token_count","input_tokens":…,"output_tokens":…}, a request of its own (its TUI added them up).
      const info = objectAt(payload, 'info') ?? (typeof payload.input_tokens === 'number' ? { last_token_usage: payload } : undefined);
      if (!info) return 'skip'; // a rate-limit update before the first request
      // Some versions name the model on the token count itself (info.model, payload.model): it wins over turn_context.
      const named = cleanName(info.model) ?? cleanName(info.model_name) ?? cleanName(payload.model) ?? cleanName(payload.model_name);
      if (named) model = named;
      const total = readTotals(objectAt(info, 'total_token_usage'));
      const last = readTotals(objectAt(info, 'last_token_usage'));
      const at = parseTime(entry.timestamp);
      if (total === 'bad' || last === 'bad' || at === undefined || (!total && !last)) return 'bad';
      if (replayUntil !== undefined && at >= replayUntil && own !== undefined) {
        // The copied history is written in the second the copy was made; later requests are this session's own.
        session = own;
        replayUntil = undefined;
      }
      if (total && previous && sameTotals(total, previous)) return 'skip';
      let request: Totals | undefined = last;
      if (!request && total) {
        const base = previous ?? { input: 0, cached: 0, output: 0, reasoning: 0, total: 0 };
        request = {
          input: total.input - base.input,
          cached: total.cached - base.cached,
          output: total.output - base.output,
          reasoning: total.reasoning - base.reasoning,
          total: total.total - base.total,
        };
        // A running total that went down means a new count started (a fresh process on the same file).
        if (request.input < 0 || request.cached < 0 || request.output < 0 || request.reasoning < 0) request = total;
      }
      if (total) previous = total;
      if (!request) return 'skip';
      const cached = Math.min(request.cached, request.input);
      const reasoning = Math.min(request.reasoning, request.output);
      if (request.input + request.output === 0) return 'skip';
      out.push({
        source: 'codex',
        // The session's running total is different after every request: with the session id it names the request.
        key: `codex:${session}:${total ? `${total.input}:${total.output}` : `${at}:${request.input}:${request.output}`}`,
        at,
        model,
        session,
        project,
        input: request.input - cached,
        output: request.output - reasoning,
        cacheRead: cached,
        cacheWrite: 0,
        reasoning,
      });
      return 'record';
    },
  };
}
