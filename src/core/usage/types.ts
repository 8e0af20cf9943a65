/**
 * Usage records: what one billed request of a coding agent used, read from the agent's own log.
 * Only token counts, the model, the time and where the request came from are kept; prompts and
 * answers are never part of a record.
 */

export const USAGE_SOURCES = ['claude-code', 'codex', 'gemini-cli', 'cline', 'roo-code', 'kilo-code', 'continue', 'copilot'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

export function isUsageSource(name: string): name is UsageSource {
  return (USAGE_SOURCES as readonly string[]).includes(name);
}

/** One billed request. Token kinds are disjoint: their sum is every token the request was billed for. */
export interface UsageRecord {
  source: UsageSource;
  /** Identifies the request across files, rescans and machines (duplicates share it). */
  key: string;
  /** Epoch milliseconds (UTC) of the request. */
  at: number;
  /** The model name as the log spells it. */
  model: string;
  session: string;
  project: string;
  /** Input billed at the full input price (cache reads and writes not included). */
  input: number;
  /** Visible output (thinking not included). */
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Of `cacheWrite`, the tokens written to a 1-hour cache (Anthropic bills them above the 5-minute writes). */
  cacheWrite1h?: number;
  /** Thinking tokens, billed as output unless the vendor prices them apart. */
  reasoning: number;
  /** The cost the agent itself logged, in USD (Claude Code's costUSD, Cline's cost). */
  loggedCostUsd?: number;
  /** A request logged again by a side conversation that replays its parent (Claude Code's sidechains): it gives way to the original. */
  copy?: boolean;
}

/** How one line (or one document) of a log turned out. */
export type LineOutcome = 'record' | 'skip' | 'bad';

/** A parser of one file of a line-oriented log. Stateful: Codex needs earlier lines (model, running totals). */
export interface LineParser {
  /** Reads one complete line (no line break) and appends the records it holds to `out`. */
  line(text: string, out: UsageRecord[]): LineOutcome;
}

/** What a parser knows about the file it reads. */
export interface FileContext {
  /** Path of the file, with `/` separators; used for session and project names when the log has none. */
  path: string;
}

export const MAX_TOKENS_PER_REQUEST = 100_000_000;

/** A token count read from a log: a whole number from 0 to 100 million, or undefined when it is not one. */
export function tokenCount(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TOKENS_PER_REQUEST) return undefined;
  return value;
}

/** The last path segment without its extension. */
export function baseName(path: string): string {
  const last = path.split('/').pop() ?? path;
  return last.replace(/\.[^.]*$/, '');
}

/** The folder a file is in (last segment only). */
export function parentName(path: string, up = 1): string {
  const parts = path.split('/');
  return parts[parts.length - 1 - up] ?? '';
}

/** An ISO date and time without a zone ("2026-12-01T10:00:00", "2026-12-01 10:00:00.5"). */
const ZONELESS_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/;

/**
 * Epoch ms of an ISO time or epoch number, or undefined when it is not a plausible time
 * (1970–2200). A time without a zone is UTC, as the agents write their times (toISOString, Rust's
 * UTC timestamps): Date.parse alone would read it in the zone of the machine doing the reading.
 */
export function parseTime(value: unknown): number | undefined {
  let t: number;
  if (typeof value === 'number') t = value;
  else if (typeof value === 'string' && value.length <= 40) {
    const zoneless = ZONELESS_TIME.exec(value.trim());
    t = Date.parse(zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : value);
  } else return undefined;
  return Number.isFinite(t) && t > 0 && t < 7_258_118_400_000 ? t : undefined;
}

/** A short text from a log (model, session, project): bounded, control characters removed. */
export function cleanName(value: unknown, max = 200): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const s = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return s ? s.slice(0, max) : undefined;
}

/** The text without a leading byte-order mark (JSON.parse refuses one; editors and Windows tools write it). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON.parse of a line that must hold an object; undefined for anything else. */
export function parseObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(withoutBom(text));
  } catch {
    return undefined;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = (value as Record<string, unknown>)[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** What a parser of a whole JSON document (Gemini CLI chats, Cline task files) found. */
export interface DocumentResult {
  records: UsageRecord[];
  /** Entries that could not be read (or 1 when the document itself is not valid JSON). */
  bad: number;
}
