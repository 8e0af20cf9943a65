import { looksLikeObject } from './claudeCode';
import { cleanName, objectAt, parseObject, tokenCount, type LineOutcome, type LineParser, type UsageRecord } from './types';

/**
 * GitHub Copilot Chat and Copilot CLI write no usage log of their own; with OpenTelemetry
 * enabled and the file exporter chosen (`github.copilot.chat.otel.exporterType: "file"` and
 * `...otel.outfile`, or the CLI's file exporter) they write spans that follow the OpenTelemetry
 * GenAI conventions. One `chat` span is one model request: `gen_ai.usage.input_tokens` (cache
 * reads and writes included, per the conventions), `gen_ai.usage.output_tokens`,
 * `gen_ai.usage.cache_read.input_tokens`, `gen_ai.usage.cache_creation.input_tokens`,
 * `gen_ai.response.model`. `invoke_agent` spans repeat the sum of their chat spans and are not
 * counted. Lines are OTLP JSON (`resourceSpans`) or one span or log record per line (the JS SDK's
 * own form, which Copilot Chat's file exporter writes): its `gen_ai.client.inference.operation.details`
 * event repeats a chat span's usage under the same `gen_ai.response.id` and counts once with it
 * (vscode-copilot-chat's OpenTelemetry guide, "Events"); `copilot_chat.agent.turn` events, which
 * carry no operation name, are not counted.
 */

type Attributes = Map<string, unknown>;

function otlpValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ('intValue' in o) return typeof o.intValue === 'string' ? Number(o.intValue) : o.intValue;
  if ('doubleValue' in o) return o.doubleValue;
  if ('stringValue' in o) return o.stringValue;
  return undefined;
}

function attributesOf(span: Record<string, unknown>): Attributes {
  const attrs = new Map<string, unknown>();
  const raw = span.attributes;
  if (Array.isArray(raw)) {
    for (const a of raw) if (a && typeof a.key === 'string') attrs.set(a.key, otlpValue(a.value));
  } else if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw)) attrs.set(k, v);
  }
  return attrs;
}

/** Start of a span in epoch ms: OTLP nanoseconds (string or number), hrtime [s, ns] or the JS SDK's microseconds. */
function startOf(span: Record<string, unknown>): number | undefined {
  const nanos = span.startTimeUnixNano;
  if (typeof nanos === 'string' && /^\d{1,20}$/.test(nanos)) return Number(BigInt(nanos) / 1_000_000n);
  if (typeof nanos === 'number') return Math.floor(nanos / 1e6);
  // Spans carry startTime, log records (the JS SDK's file form) hrTime, both [seconds, nanoseconds].
  const hr = span.startTime ?? span.hrTime;
  if (Array.isArray(hr) && typeof hr[0] === 'number') return hr[0] * 1000 + Math.floor((hr[1] ?? 0) / 1e6);
  if (typeof span.timestamp === 'number') return Math.floor(span.timestamp / 1000);
  return undefined;
}

function* spansOf(entry: Record<string, unknown>): Generator<Record<string, unknown>> {
  const resourceSpans = entry.resourceSpans;
  if (!Array.isArray(resourceSpans)) {
    yield entry;
    return;
  }
  for (const rs of resourceSpans) {
    const scopeSpans = rs?.scopeSpans;
    if (!Array.isArray(scopeSpans)) continue;
    for (const ss of scopeSpans) if (Array.isArray(ss?.spans)) for (const span of ss.spans) if (span && typeof span === 'object') yield span;
  }
}

export function copilotOtelParser(): LineParser {
  return {
    line(text: string, out: UsageRecord[]): LineOutcome {
      if (!text.includes('gen_ai.usage.input_tokens')) return looksLikeObject(text) ? 'skip' : 'bad';
      const entry = parseObject(text);
      if (!entry) return 'bad';
      let found = 0;
      let bad = 0;
      for (const span of spansOf(entry)) {
        const attrs = attributesOf(span);
        if (!attrs.has('gen_ai.usage.input_tokens')) continue;
        const operation = attrs.get('gen_ai.operation.name');
        const name = typeof span.name === 'string' ? span.name : '';
        if (operation !== undefined ? operation !== 'chat' : !name.startsWith('chat')) continue;
        const inputAll = tokenCount(attrs.get('gen_ai.usage.input_tokens'));
        const outputAll = tokenCount(attrs.get('gen_ai.usage.output_tokens'));
        const cacheRead = tokenCount(attrs.get('gen_ai.usage.cache_read.input_tokens'));
        // Copilot CLI has written cache writes and thinking under either name.
        const cacheWrite = tokenCount(attrs.get('gen_ai.usage.cache_creation.input_tokens') ?? attrs.get('gen_ai.usage.cache_write.input_tokens'));
        const reasoning = tokenCount(attrs.get('gen_ai.usage.reasoning.output_tokens') ?? attrs.get('gen_ai.usage.reasoning_tokens'));
        const at = startOf(span);
        if (
          inputAll === undefined ||
          outputAll === undefined ||
          cacheRead === undefined ||
          cacheWrite === undefined ||
          reasoning === undefined ||
          at === undefined
        ) {
          bad++;
          continue;
        }
        const cached = Math.min(inputAll, cacheRead + cacheWrite);
        const read = Math.min(cacheRead, cached);
        const thinking = Math.min(reasoning, outputAll);
        const context = objectAt(span, 'spanContext');
        const traceId = cleanName(span.traceId) ?? cleanName(context?.traceId) ?? '';
        const spanId = cleanName(span.spanId) ?? cleanName(span.id) ?? cleanName(context?.spanId) ?? `${at}`;
        // Copilot Chat also logs each call as a gen_ai.client.inference.operation.details event (operation
        // "chat", the same usage and response id) beside its chat span, in the same file: the response id
        // names the call, so the two count once.
        const responseId = cleanName(attrs.get('gen_ai.response.id'));
        const model = cleanName(attrs.get('gen_ai.response.model')) ?? cleanName(attrs.get('gen_ai.request.model')) ?? 'unknown';
        out.push({
          source: 'copilot',
          key: responseId ? `copilot:response:${responseId}` : `copilot:${traceId}:${spanId}`,
          at,
          model,
          session: cleanName(attrs.get('gen_ai.conversation.id')) ?? traceId,
          project: '',
          input: inputAll - cached,
          output: outputAll - thinking,
          cacheRead: read,
          cacheWrite: cached - read,
          reasoning: thinking,
        });
        found++;
      }
      if (bad && !found) return 'bad';
      return found ? 'record' : 'skip';
    },
  };
}
