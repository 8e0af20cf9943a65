import {
  baseName,
  cleanName,
  objectAt,
  parentName,
  parseObject,
  parseTime,
  tokenCount,
  type FileContext,
  type LineOutcome,
  type LineParser,
  type UsageRecord,
} from './types';

/**
 * Claude Code: `~/.claude/projects/<project>/<session>.jsonl`, one JSON object per line. Assistant
 * lines carry `message.usage` (input_tokens, output_tokens, cache_creation_input_tokens,
 * cache_read_input_tokens), `message.id`, `message.model`, `requestId`, `timestamp`, `sessionId`,
 * `cwd` and, in older versions, `costUSD`. One API response is written as several lines (one per
 * content block, output_tokens growing while it streams) and again in other files when a session
 * is resumed or branched: one message id is one request. A sidechain (`isSidechain: true`, the
 * /btw side questions under `subagents/`) replays parent messages under new request ids: those
 * copies give way to the parent's line. `usage.cache_creation` splits the cache writes into
 * `ephemeral_5m_input_tokens` and `ephemeral_1h_input_tokens` (priced apart); `usage.speed:
 * "fast"` marks fast mode, billed at its own price.
 */
export function claudeCodeParser(file: FileContext): LineParser {
  const fallbackSession = baseName(file.path);
  const fallbackProject = parentName(file.path);
  return {
    line(text: string, out: UsageRecord[]): LineOutcome {
      // Most lines (prompts, tool results) carry no usage: skip them without parsing.
      if (!text.includes('"usage"')) return looksLikeObject(text) ? 'skip' : 'bad';
      const entry = parseObject(text);
      if (!entry) return 'bad';
      const message = objectAt(entry, 'message');
      const usage = objectAt(message, 'usage');
      if (!message || !usage) return 'skip';
      const model = cleanName(message.model);
      if (model === '<synthetic>') return 'skip'; // Claude Code's own placeholder replies, not billed
      const input = tokenCount(usage.input_tokens);
      const output = tokenCount(usage.output_tokens);
      // cache_creation splits the writes by lifetime; a line may carry the split without the total (ccusage sums the split then).
      const split = objectAt(usage, 'cache_creation');
      const write5m = tokenCount(split?.ephemeral_5m_input_tokens);
      const write1h = tokenCount(split?.ephemeral_1h_input_tokens);
      const writeTotal = tokenCount(usage.cache_creation_input_tokens);
      const cacheWrite = writeTotal === undefined || write5m === undefined || write1h === undefined ? undefined : Math.max(writeTotal, write5m + write1h);
      const cacheRead = tokenCount(usage.cache_read_input_tokens);
      const at = parseTime(entry.timestamp);
      if (input === undefined || output === undefined || cacheWrite === undefined || cacheRead === undefined || at === undefined) return 'bad';
      if (input + output + cacheWrite + cacheRead === 0) return 'skip';
      const messageId = cleanName(message.id);
      const session = cleanName(entry.sessionId) ?? fallbackSession;
      const cwd = cleanName(entry.cwd, 1000);
      const record: UsageRecord = {
        source: 'claude-code',
        // The API gives every response its own message id; the same id under another requestId is a replay.
        key: messageId ? `claude-code:${messageId}` : `claude-code:${session}:${at}:${input}:${output}:${cacheRead}:${cacheWrite}`,
        at,
        // Fast mode bills at its own (higher) price: a name of its own, unpriced unless the catalogue lists it.
        model: model === undefined ? 'unknown' : usage.speed === 'fast' ? `${model}-fast` : model,
        session,
        project: cwd ? (cwd.split(/[\\/]/).filter(Boolean).pop() ?? cwd) : fallbackProject,
        input,
        output,
        cacheRead,
        cacheWrite,
        reasoning: 0, // Claude bills thinking as output and counts it in output_tokens
      };
      if (write1h) record.cacheWrite1h = write1h;
      if (entry.isSidechain === true) record.copy = true;
      const cost = entry.costUSD;
      if (typeof cost === 'number' && Number.isFinite(cost) && cost >= 0) record.loggedCostUsd = cost;
      out.push(record);
      return 'record';
    },
  };
}

/** A cheap check for lines skipped unparsed: a JSON object starts with { and ends with }. */
export function looksLikeObject(text: string): boolean {
  const t = text.trim();
  return t === '' || (t.startsWith('{') && t.endsWith('}'));
}
