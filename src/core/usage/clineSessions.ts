import {
  baseName,
  cleanName,
  objectAt,
  parentName,
  parseObject,
  parseTime,
  tokenCount,
  type DocumentResult,
  type FileContext,
  type UsageRecord,
} from './types';

/**
 * Cline 4.1 and later (its VS Code extension and CLI, both on the Cline SDK) no longer write
 * ui_messages.json: a session is `<cline data>/sessions/<session id>/<session id>.messages.json`,
 * a subagent's `<root session id>/<agent id>.messages.json` beside it (cline/cline,
 * sdk/packages/core/docs/messages-contract-v1.md and src/services/session-artifacts.ts). The file
 * is one JSON document, rewritten whole: `{version: 1, sessionId, messages: [...]}`. An assistant
 * message that ended a model call carries `ts` (epoch ms), `modelInfo: {id, provider}` and
 * `metrics: {inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, cost}`, that call's
 * usage (the difference of the agent's running totals, sdk/packages/agents/src/agent-runtime.ts
 * usageDelta). `inputTokens` is the whole prompt, cache reads and writes included ("SDK provider
 * usage reports inputTokens as the full request size", apps/vscode/src/sdk/message-translator.ts):
 * they are taken out. `cost` is Cline's own figure in USD.
 */
export function parseClineSession(text: string, file: FileContext): DocumentResult {
  const doc = parseObject(text);
  if (!doc || !Array.isArray(doc.messages)) return { records: [], bad: 1 };
  // A subagent's file sits in its root session's folder: the folder names the session.
  const session = parentName(file.path) || cleanName(doc.sessionId) || baseName(file.path);
  const stem = baseName(file.path).replace(/\.messages$/, '');
  const records: UsageRecord[] = [];
  let bad = 0;
  for (const m of doc.messages) {
    const message = m !== null && typeof m === 'object' ? (m as Record<string, unknown>) : undefined;
    if (message?.role !== 'assistant') continue;
    const metrics = objectAt(message, 'metrics');
    if (!metrics) continue;
    const inputAll = tokenCount(metrics.inputTokens);
    const outputAll = tokenCount(metrics.outputTokens);
    const cacheRead = tokenCount(metrics.cacheReadTokens);
    const cacheWrite = tokenCount(metrics.cacheWriteTokens);
    const reasoningAll = tokenCount(metrics.reasoningTokenCount);
    const at = parseTime(message.ts);
    if (
      inputAll === undefined ||
      outputAll === undefined ||
      cacheRead === undefined ||
      cacheWrite === undefined ||
      reasoningAll === undefined ||
      at === undefined
    ) {
      bad++;
      continue;
    }
    if (inputAll + outputAll + cacheRead + cacheWrite === 0) continue;
    // A prompt smaller than its cache cannot hold it: then it is already the uncached part.
    const input = inputAll >= cacheRead + cacheWrite ? inputAll - cacheRead - cacheWrite : inputAll;
    const reasoning = Math.min(reasoningAll, outputAll);
    const id = cleanName(message.id);
    const record: UsageRecord = {
      source: 'cline',
      key: `cline:${session}:${stem}:${id ?? `${at}:${inputAll}:${outputAll}`}`,
      at,
      model: cleanName(objectAt(message, 'modelInfo')?.id) ?? 'unknown',
      session,
      project: '',
      input,
      output: outputAll - reasoning,
      cacheRead,
      cacheWrite,
      reasoning,
    };
    if (typeof metrics.cost === 'number' && Number.isFinite(metrics.cost) && metrics.cost >= 0) record.loggedCostUsd = metrics.cost;
    records.push(record);
  }
  return { records, bad };
}
