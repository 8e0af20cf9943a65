/**
 * What the editor front end counts, and what it says instead when it does not count. Pure: it
 * sees only facts about a document (its URI scheme, its length, a sample of its text), so the
 * rules can be tested without VS Code. Messages are worded by the caller (localized there).
 */

/**
 * Longest text counted (UTF-16 code units, what `TextDocument.offsetAt` measures): twelve million
 * characters, so a 10 MB document is still counted. Counting happens in a worker and, after the
 * first count, only around each edit, so the editor never waits; but the first count of such a text
 * with the slowest exact vocabulary (Qwen3, about 0.55 MB/s measured here) takes tens of seconds,
 * and no model's context window is anywhere near it. Above it the status bar says the text is too
 * large, and a smaller selection inside it is still counted.
 */
export const MAX_COUNTED_LENGTH = 12_000_000;

/**
 * VS Code does not hand files over 50 MB to extensions at all (no TextDocument exists for them);
 * such a file shows as a text tab with no editor, and its size comes from the file system.
 */
export const EDITOR_SYNC_LIMIT_BYTES = 50 * 1024 * 1024;

/** How much of a text is inspected for binary content: more than git's 8,000 bytes and VS Code's 512. */
export const SNIFF_LENGTH = 65_536;

/** Control characters above this share of the inspected text mean binary data, not prose or code. */
export const BINARY_CONTROL_SHARE = 0.1;
/** ... but only once there are at least this many, so a short selection with one odd character still counts. */
export const BINARY_CONTROL_MIN = 8;

/**
 * Panes that are text editors to VS Code but not documents a prompt is written in: the output
 * and debug-console panes, comment threads, source-control input, walkthrough snippets and our
 * own pricing-sources view. For these the last real document stays counted.
 */
export const PANE_SCHEMES: ReadonlySet<string> = new Set(['output', 'debug', 'vscode-terminal', 'comment', 'vscode-scm', 'walkThroughSnippet', 'token-spend']);

/** Notebook cells are documents of their own with this scheme; they are counted like any text. */
export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

export function isPaneScheme(scheme: string): boolean {
  return PANE_SCHEMES.has(scheme);
}

export type TextVerdict =
  /** Count it. `replacementCharacters`: U+FFFD in the text, a sign it was decoded with the wrong encoding. */
  | { kind: 'count'; replacementCharacters: number }
  /** Binary data: a NUL, many control characters, or a file VS Code itself would not open as text. */
  | { kind: 'binary'; reason: 'nul' | 'controls' | 'notText' }
  /** Over the limit: UTF-16 code units of a document or selection, or bytes of a file VS Code did not open as a document. */
  | { kind: 'tooLarge'; length: number; limit: number; unit: 'characters' | 'bytes' }
  /** A text file VS Code has not handed to extensions: still opening, or held back as very large until the user opens it anyway. */
  | { kind: 'waiting'; sizeBytes: number | undefined };

/** Control characters that do not occur in text: C0 except tab, line feed, vertical tab, form feed, carriage return and escape (ANSI colours in logs), plus DEL. */
function isBinaryControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1b) || code === 0x7f;
}

/** Verdict on a text about to be counted (a document's or a selection's), from its length alone. */
export function checkLength(length: number, limit = MAX_COUNTED_LENGTH): TextVerdict | undefined {
  return length > limit ? { kind: 'tooLarge', length, limit, unit: 'characters' } : undefined;
}

/**
 * Verdict on the text itself. `sample` is the start of the text (at least `SNIFF_LENGTH` code
 * units of it, or all of it); NUL is looked for in the sample only, like git and VS Code do.
 */
export function inspectText(sample: string): TextVerdict {
  const end = Math.min(sample.length, SNIFF_LENGTH);
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < end; i++) {
    const code = sample.charCodeAt(i);
    if (code === 0) return { kind: 'binary', reason: 'nul' };
    if (isBinaryControl(code)) controls++;
    else if (code === 0xfffd) replacements++;
  }
  if (controls >= BINARY_CONTROL_MIN && controls / Math.max(end, 1) > BINARY_CONTROL_SHARE) return { kind: 'binary', reason: 'controls' };
  // Beyond the sample only replacement characters are counted, for the encoding warning.
  for (let i = sample.indexOf('\uFFFD', end); i !== -1; i = sample.indexOf('\uFFFD', i + 1)) replacements++;
  return { kind: 'count', replacementCharacters: replacements };
}

/**
 * A text tab VS Code opened without giving extensions a document: over its sync limit, shown as
 * "binary or unsupported encoding", held back as very large, or still opening. `sizeBytes` from
 * the file system (undefined when unknown); `start` the file's first SNIFF_LENGTH characters,
 * undefined when the file could not be read.
 */
export function verdictWithoutDocument(sizeBytes: number | undefined, start?: string): TextVerdict {
  if (sizeBytes !== undefined && sizeBytes > EDITOR_SYNC_LIMIT_BYTES)
    return { kind: 'tooLarge', length: sizeBytes, limit: EDITOR_SYNC_LIMIT_BYTES, unit: 'bytes' };
  // Binary only when the file's own first characters say so (the rule of inspectText); a text
  // file without a document is one VS Code is still opening or holds back, never "binary".
  if (start === undefined) return { kind: 'binary', reason: 'notText' };
  const verdict = inspectText(start);
  return verdict.kind === 'binary' ? verdict : { kind: 'waiting', sizeBytes };
}

/** Millions of characters or megabytes (MiB), one decimal, rounded down so a limit is never shown as reached when it is not. */
export function inMillions(n: number, unit: 'characters' | 'bytes'): string {
  const million = unit === 'bytes' ? 1024 * 1024 : 1_000_000;
  return (Math.floor((n / million) * 10) / 10).toFixed(1);
}

/**
 * A message for a VS Code notification with every Markdown link disarmed. Notifications turn
 * `[title](command:…)`, `(https://…)` and `(file:…)` into clickable links, and our messages quote
 * values the user did not necessarily write (a workspace's settings, a pricing file's keys): a
 * zero-width space between `]` and `(` keeps the text as it reads and makes it plain text.
 */
export function withoutLinks(message: string): string {
  return message.replace(/\]\s*\(/g, (m) => m.slice(0, 1) + '\u200B' + m.slice(1));
}
