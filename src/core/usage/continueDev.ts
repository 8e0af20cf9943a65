import { looksLikeObject } from './claudeCode';
import { cleanName, parseObject, parseTime, tokenCount, type LineOutcome, type LineParser, type UsageRecord } from './types';

/**
 * Continue: `~/.continue/dev_data/0.2.0/tokensGenerated.jsonl` (and the older
 * `dev_data/tokens_generated.jsonl`), one event per request with `model`, `provider`,
 * `promptTokens`, `generatedTokens` and `timestamp`. Continue logs no cache or thinking split:
 * the prompt is counted as input at the full price.
 */
export function continueParser(): LineParser {
  return {
    line(text: string, out: UsageRecord[]): LineOutcome {
      if (!text.includes('"promptTokens"')) return looksLikeObject(text) ? 'skip' : 'bad';
      const entry = parseObject(text);
      if (!entry) return 'bad';
      const input = tokenCount(entry.promptTokens);
      const output = tokenCount(entry.generatedTokens);
      const at = parseTime(entry.timestamp);
      if (input === undefined || output === undefined || at === undefined) return 'bad';
      if (input + output === 0) return 'skip';
      const model = cleanName(entry.model) ?? 'unknown';
      out.push({
        source: 'continue',
        key: `continue:${at}:${model}:${input}:${output}`,
        at,
        model,
        session: '',
        project: '',
        input,
        output,
        cacheRead: 0,
        cacheWrite: 0,
        reasoning: 0,
      });
      return 'record';
    },
  };
}
