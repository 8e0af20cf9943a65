import {
  withoutBom,
  cleanName,
  objectAt,
  parentName,
  parseObject,
  parseTime,
  tokenCount,
  type DocumentResult,
  type FileContext,
  type UsageRecord,
  type UsageSource,
} from './types';

export type ClineFamily = Extract<UsageSource, 'cline' | 'roo-code' | 'kilo-code'>;

/** The model in use from a given time on, from task_metadata.json's `model_usage`. */
export interface ModelSpan {
  from: number;
  model: string;
  provider?: string;
}

/**
 * Cline providers whose usage (in Cline's src/api/providers/<id>.ts before its SDK rework) puts
 * the API's `prompt_tokens` in tokensIn, cache hits and misses included, and the hits (and, for
 * DeepSeek-style APIs, the misses) again in cacheReads and cacheWrites: Cline prices them with
 * calculateApiCostOpenAI, which takes the cache out of the input. Every other provider logs
 * disjoint counts (Anthropic's style, or prompt_tokens minus the cached tokens).
 */
const CLINE_CACHE_INSIDE_INPUT = new Set(['openai', 'qwen', 'zai', 'doubao', 'xai', 'litellm', 'fireworks']);

/**
 * From these dates Roo Code and Kilo Code write the whole prompt in tokensIn, cache reads and writes
 * included, whatever the API protocol: Roo Code 3.29.5 of 2025-11-01 (RooCodeInc/Roo-Code#8954,
 * "Fix cost and token tracking between provider styles": `tokensIn: costResult.totalInputTokens`,
 * input + cacheWrites + cacheReads for Anthropic-style APIs, src/shared/cost.ts), taken by Kilo Code
 * 4.119.0 (its CHANGELOG entry, committed 2025-11-12). Before, Anthropic-style requests logged the
 * uncached remainder. The record carries no version: a tokensIn below cacheReads + cacheWrites is
 * always the remainder, an Anthropic-style request before the release is the remainder, and any
 * other is the whole prompt.
 */
const WHOLE_PROMPT_SINCE: Partial<Record<ClineFamily, number>> = {
  'roo-code': Date.parse('2025-11-01T00:00:00Z'),
  'kilo-code': Date.parse('2025-11-12T00:00:00Z'),
};

/** Whether tokensIn of this request holds its cache reads and writes (to be taken out of it). */
function cacheInsideInput(
  source: ClineFamily,
  at: number,
  info: Record<string, unknown>,
  provider: string | undefined,
  counts: { input: number; cached: number },
): boolean {
  if (counts.input < counts.cached) return false;
  if (source === 'cline')
    return info.apiProtocol === 'openai' || (info.apiProtocol === undefined && provider !== undefined && CLINE_CACHE_INSIDE_INPUT.has(provider));
  return info.apiProtocol === 'openai' || at >= (WHOLE_PROMPT_SINCE[source] ?? Infinity);
}

/**
 * Cline's `task_metadata.json` lists the models a task used, with the time each was chosen
 * (`model_usage`: {ts, model_id, model_provider_id, mode}).
 */
export function parseTaskModels(text: string | undefined): ModelSpan[] {
  if (text === undefined) return [];
  const doc = parseObject(text);
  const list = doc?.model_usage;
  if (!Array.isArray(list)) return [];
  const spans: ModelSpan[] = [];
  for (const item of list) {
    const from = parseTime(item?.ts);
    const model = cleanName(item?.model_id);
    const provider = cleanName(item?.model_provider_id);
    if (from !== undefined && model) spans.push(provider ? { from, model, provider } : { from, model });
  }
  return spans.sort((a, b) => a.from - b.from);
}

/** Longest model id read from a `<model>` tag; anything longer is not one. */
const MAX_MODEL_TAG = 200;

/** The model ids in `<model>…</model>` tags of `text`, with the position after each. */
function* modelTags(text: string): Generator<{ model: string; end: number }> {
  let from = 0;
  for (;;) {
    const open = text.indexOf('<model>', from);
    if (open === -1) return;
    const close = text.indexOf('</model>', open + 7);
    if (close === -1) return;
    from = close + 8;
    const model = cleanName(text.slice(open + 7, close));
    if (model && close - open - 7 <= MAX_MODEL_TAG) yield { model, end: from };
  }
}

/**
 * Roo Code and Kilo Code log no model in ui_messages.json. Each request's prompt names it in its
 * environment details, `<model>${modelId}</model>` (Roo Code src/core/environment/getEnvironmentDetails.ts,
 * since 2025-04-14), and that prompt is the user message of `api_conversation_history.json` that
 * Roo Code stamps with `ts` when it adds it (src/core/task/Task.ts addToApiConversationHistory:
 * `{ ...message, ts: Date.now() }`, the key after the content). Each tag is paired with the first
 * `"ts":` key after it, read as text: the file holds every prompt and answer, so it is scanned,
 * never parsed, and only the model ids and times are kept.
 */
export function modelStampsOf(history: string): ModelSpan[] {
  const stamps: ModelSpan[] = [];
  let noMoreTimes = false;
  for (const { model, end } of modelTags(history)) {
    if (noMoreTimes) break;
    const key = history.indexOf('"ts":', end);
    if (key === -1) {
      noMoreTimes = true;
      continue;
    }
    const m = /^\s*(\d{10,16})/.exec(history.slice(key + 5, key + 30));
    const from = m ? parseTime(Number(m[1])) : undefined;
    if (from !== undefined) stamps.push({ from, model });
  }
  return stamps.sort((a, b) => a.from - b.from);
}

/**
 * The model of a Roo Code or Kilo Code request started at `at` (the next one at `next`): the prompt
 * it sent is stamped after its api_req_started message (the environment details are gathered
 * after that message is shown), so the first stamp from `at` until the next request; else the
 * last one before it.
 */
function stampedModel(stamps: readonly ModelSpan[], at: number, next: number): string | undefined {
  let before: string | undefined;
  for (const s of stamps) {
    if (s.from < at) before = s.model;
    else return s.from < next ? s.model : before;
  }
  return before;
}

/** The model named last in a prompt's text (its environment details come after the user's words). */
function lastModelTag(request: unknown): string | undefined {
  if (typeof request !== 'string') return undefined;
  let last: string | undefined;
  for (const { model } of modelTags(request)) last = model;
  return last;
}

function spanAt(spans: readonly ModelSpan[], at: number): ModelSpan | undefined {
  let found: ModelSpan | undefined;
  for (const s of spans) if (s.from <= at) found = s;
  return found ?? spans[0];
}

/**
 * Cline, Roo Code and Kilo Code: `<globalStorage>/<extension id>/tasks/<task id>/ui_messages.json`,
 * a JSON array of the task's messages. Each request is a message `say: "api_req_started"` whose
 * `text` is a JSON string with `tokensIn`, `tokensOut`, `cacheWrites`, `cacheReads` and `cost`
 * (USD, the extension's own estimate). tokensIn is the input at the full price, except with
 * OpenAI-style APIs (Roo Code and Kilo Code write `apiProtocol: "openai"`; for Cline, the
 * providers above) and in Roo Code and Kilo Code since late 2025 (above), where it holds the cache
 * reads and writes as well: they are taken out.
 * Restoring a checkpoint deletes the later messages and writes their requests' sums as one
 * `say: "deleted_api_reqs"` message (same fields), so that spend is not lost: it counts as one
 * record at the time of the restore. Only those fields are read from it:
 * its `request` field (the prompt) is dropped with the parsed string, once the model named in it
 * is read. The model comes from the message's `modelInfo.modelId` (newer Cline), for Roo Code and
 * Kilo Code from the prompt's `<model>` tag (`stamps`, from the task's API history), or from the
 * task's `task_metadata.json`.
 */
export function parseClineTask(
  uiMessages: string,
  metadata: string | undefined,
  file: FileContext,
  source: ClineFamily,
  stamps: readonly ModelSpan[] = [],
): DocumentResult {
  let messages: unknown;
  try {
    messages = JSON.parse(withoutBom(uiMessages));
  } catch {
    return { records: [], bad: 1 };
  }
  if (!Array.isArray(messages)) return { records: [], bad: 1 };
  const spans = parseTaskModels(metadata);
  const task = parentName(file.path);
  const records: UsageRecord[] = [];
  let bad = 0;
  const requests = messages.filter((m): m is Record<string, unknown> => {
    const say = m !== null && typeof m === 'object' ? (m as Record<string, unknown>).say : undefined;
    return say === 'api_req_started' || say === 'deleted_api_reqs';
  });
  for (let i = 0; i < requests.length; i++) {
    const message = requests[i];
    const at = parseTime(message.ts);
    const info = typeof message.text === 'string' ? parseObject(message.text) : undefined;
    if (!info || at === undefined) {
      bad++;
      continue;
    }
    const input = tokenCount(info.tokensIn);
    const output = tokenCount(info.tokensOut);
    const cacheWrite = tokenCount(info.cacheWrites);
    const cacheRead = tokenCount(info.cacheReads);
    if (input === undefined || output === undefined || cacheWrite === undefined || cacheRead === undefined) {
      bad++;
      continue;
    }
    if (input + output + cacheWrite + cacheRead === 0) continue; // cancelled before the API answered
    const modelInfo = objectAt(message, 'modelInfo');
    const span = spanAt(spans, at);
    // Roo Code and Kilo Code: the prompt's environment details name the model (in the message's
    // `request` until Roo Code 3.28.18 removed it on 2025-10-17, RooCodeInc/Roo-Code#8696; in the API history since).
    const model =
      cleanName(modelInfo?.modelId) ??
      (source === 'cline' ? undefined : (lastModelTag(info.request) ?? stampedModel(stamps, at, parseTime(requests[i + 1]?.ts) ?? Infinity))) ??
      span?.model ??
      'unknown';
    // Roo Code and Kilo Code: their version (by date) and apiProtocol say how tokensIn counts; Cline's provider tells it.
    const provider = cleanName(modelInfo?.providerId) ?? span?.provider;
    const cacheInside = cacheInsideInput(source, at, info, provider, { input, cached: cacheRead + cacheWrite });
    const uncached = cacheInside ? input - cacheRead - cacheWrite : input;
    const record: UsageRecord = {
      source,
      key: `${source}:${task}:${at}`,
      at,
      model,
      session: task,
      project: '',
      input: uncached,
      output,
      cacheRead,
      cacheWrite,
      reasoning: 0,
    };
    if (typeof info.cost === 'number' && Number.isFinite(info.cost) && info.cost >= 0) record.loggedCostUsd = info.cost;
    records.push(record);
  }
  return { records, bad };
}
