import { withoutBom, cleanName, objectAt, parentName, parseObject, parseTime, tokenCount, type DocumentResult, type FileContext, type UsageRecord, type UsageSource } from './types';

export type ClineFamily = Extract<UsageSource, 'cline' | 'roo-code' | 'kilo-code'>;

/** The model in use from a given time on, from task_metadata.json's `model_usage`. */
interface ModelSpan {
  from: number;
  model: string;
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
    if (from !== undefined && model) spans.push({ from, model });
  }
  return spans.sort((a, b) => a.from - b.from);
}

function modelAt(spans: readonly ModelSpan[], at: number): string | undefined {
  let found: string | undefined;
  for (const s of spans) if (s.from <= at) found = s.model;
  return found ?? spans[0]?.model;
}

/**
 * Cline, Roo Code and Kilo Code: `<globalStorage>/<extension id>/tasks/<task id>/ui_messages.json`,
 * a JSON array of the task's messages. Each request is a message `say: "api_req_started"` whose
 * `text` is a JSON string with `tokensIn` (input at the full price), `tokensOut`, `cacheWrites`,
 * `cacheReads` and `cost` (USD, the extension's own estimate). Only those fields are read from it:
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
    if (m === null || typeof m !== 'object' || (m as Record<string, unknown>).say !== 'api_req_started') continue;
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
    const model = cleanName(objectAt(message, 'modelInfo')?.modelId) ?? modelAt(spans, at) ?? 'unknown';
    const record: UsageRecord = { source, key: `${source}:${task}:${at}`, at, model, session: task, project: '', input, output, cacheRead, cacheWrite, reasoning: 0 };
    if (typeof info.cost === 'number' && Number.isFinite(info.cost) && info.cost >= 0) record.loggedCostUsd = info.cost;
    records.push(record);
  }
  return { records, bad };
}
