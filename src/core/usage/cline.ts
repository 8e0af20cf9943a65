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
interface ModelSpan {
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
 * its `request` field (the prompt) is dropped with the parsed string. The model comes from the
 * message's `modelInfo.modelId` (newer Cline) or the task's `task_metadata.json`.
 */
export function parseClineTask(uiMessages: string, metadata: string | undefined, file: FileContext, source: ClineFamily): DocumentResult {
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
  for (const m of messages) {
    const say = m !== null && typeof m === 'object' ? (m as Record<string, unknown>).say : undefined;
    if (say !== 'api_req_started' && say !== 'deleted_api_reqs') continue;
    const message = m as Record<string, unknown>;
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
    const model = cleanName(modelInfo?.modelId) ?? span?.model ?? 'unknown';
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
