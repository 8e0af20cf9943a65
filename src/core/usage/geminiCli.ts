import { looksLikeObject } from './claudeCode';
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
  type LineOutcome,
  type LineParser,
  type UsageRecord,
} from './types';

/**
 * Gemini CLI: `~/.gemini/tmp/<project hash>/chats/session-*.json`, one JSON document per session
 * (`sessionId`, `projectHash`, `messages`). Each reply of type `gemini` carries `model` and
 * `tokens` {input, output, cached, thoughts, tool, total}, the API's usage metadata: `input` is
 * the whole prompt with `cached` inside it, `tool` is the tool-use prompt (billed as input),
 * `thoughts` the thinking tokens. Newer versions write the same records one per line (.jsonl):
 * a header line (sessionId, projectHash), then each message, written again when it changes (its
 * tokens arrive after it), `{"$set": {...}}` updates (one with `messages` rebuilds the
 * conversation), `{"$rewindTo": id}` (the requests after it were billed all the same), and a
 * legacy .json session resumed is copied whole into a .jsonl beside it (same session id and
 * message ids, so counted once).
 */
function messageRecord(message: Record<string, unknown>, session: string, project: string): UsageRecord | 'skip' | 'bad' {
  if (message.type !== 'gemini') return 'skip';
  const tokens = objectAt(message, 'tokens');
  if (!tokens) return 'skip';
  const input = tokenCount(tokens.input);
  const output = tokenCount(tokens.output);
  const cached = tokenCount(tokens.cached);
  const thoughts = tokenCount(tokens.thoughts);
  const tool = tokenCount(tokens.tool);
  const at = parseTime(message.timestamp);
  if (input === undefined || output === undefined || cached === undefined || thoughts === undefined || tool === undefined || at === undefined) return 'bad';
  if (input + output + thoughts + tool === 0) return 'skip';
  const cacheRead = Math.min(cached, input);
  const id = cleanName(message.id);
  return {
    source: 'gemini-cli',
    key: `gemini-cli:${session}:${id ?? `${at}:${input}:${output}`}`,
    at,
    model: cleanName(message.model) ?? 'unknown',
    session,
    project,
    input: input - cacheRead + tool,
    output,
    cacheRead,
    cacheWrite: 0,
    reasoning: thoughts,
  };
}

function projectOf(doc: Record<string, unknown>, file: FileContext): string {
  // The folder above chats/ is the project hash; 12 characters tell projects apart.
  const hash = cleanName(doc.projectHash) ?? parentName(file.path, 2);
  return hash.slice(0, 12);
}

export function parseGeminiChat(text: string, file: FileContext): DocumentResult {
  const doc = parseObject(text);
  if (!doc || !Array.isArray(doc.messages)) return { records: [], bad: 1 };
  const session = cleanName(doc.sessionId) ?? baseName(file.path);
  const project = projectOf(doc, file);
  const records: UsageRecord[] = [];
  let bad = 0;
  for (const message of doc.messages) {
    if (message === null || typeof message !== 'object') {
      bad++;
      continue;
    }
    const r = messageRecord(message as Record<string, unknown>, session, project);
    if (r === 'bad') bad++;
    else if (r !== 'skip') records.push(r);
  }
  return { records, bad };
}

/** The records of a list of messages on one line: 'bad' only when some failed and none was read. */
function messagesOf(messages: unknown[], session: string, project: string, out: UsageRecord[]): LineOutcome {
  let found = 0;
  let bad = 0;
  for (const message of messages) {
    const r = message !== null && typeof message === 'object' ? messageRecord(message as Record<string, unknown>, session, project) : 'bad';
    if (r === 'bad') bad++;
    else if (r !== 'skip') {
      out.push(r);
      found++;
    }
  }
  return found ? 'record' : bad ? 'bad' : 'skip';
}

/** The line-per-record form: a first line with the session header, then one message per line. */
export function geminiChatLineParser(file: FileContext): LineParser {
  let session = baseName(file.path);
  let project = parentName(file.path, 2).slice(0, 12);
  return {
    line(text: string, out: UsageRecord[]): LineOutcome {
      if (!text.includes('"tokens"') && !text.includes('"sessionId"')) return looksLikeObject(text) ? 'skip' : 'bad';
      const entry = parseObject(text);
      if (!entry) return 'bad';
      if (typeof entry.sessionId === 'string' && entry.type === undefined) {
        session = cleanName(entry.sessionId) ?? session;
        project = projectOf(entry, file);
        // A whole legacy record written on one line carries its messages.
        return Array.isArray(entry.messages) ? messagesOf(entry.messages, session, project, out) : 'skip';
      }
      // A checkpoint, {"$set": {"messages": [...]}}, lists the conversation again: duplicates share their key.
      const set = objectAt(entry, '$set');
      if (set) return Array.isArray(set.messages) ? messagesOf(set.messages, session, project, out) : 'skip';
      const r = messageRecord(entry, session, project);
      if (r === 'bad' || r === 'skip') return r;
      out.push(r);
      return 'record';
    },
  };
}
