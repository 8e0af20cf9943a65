import { appendAll } from '../../core/extremes';
import { closeSync, openSync, readSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { addUnique } from '../../core/usage/dedupe';
import { claudeCodeParser } from '../../core/usage/claudeCode';
import { codexParser } from '../../core/usage/codex';
import { continueParser } from '../../core/usage/continueDev';
import { copilotOtelParser } from '../../core/usage/copilot';
import { geminiChatLineParser, parseGeminiChat } from '../../core/usage/geminiCli';
import { modelStampsOf, parseClineTask } from '../../core/usage/cline';
import { parseClineSession } from '../../core/usage/clineSessions';
import type { DocumentResult, FileContext, LineParser, UsageRecord, UsageSource } from '../../core/usage/types';
import { isSourceFile, type SourceLocation } from './locations';

/** Limits on what is read, so a hostile or broken log cannot exhaust memory or time. */
export interface ScanLimits {
  /** A longer line is skipped (counted) without being held in memory. */
  maxLineBytes: number;
  /** A JSON document (Gemini chat, Cline task) larger than this is skipped and reported. */
  maxDocumentBytes: number;
  /** Folder depth walked below a location. */
  maxDepth: number;
  /** Files read per location; more are reported, not read. */
  maxFiles: number;
}

export const DEFAULT_LIMITS: ScanLimits = { maxLineBytes: 16 * 1024 * 1024, maxDocumentBytes: 256 * 1024 * 1024, maxDepth: 10, maxFiles: 200_000 };

const CHUNK_BYTES = 4 * 1024 * 1024;
/** A Roo Code or Kilo Code API history larger than this is not scanned for model names (its requests stay 'unknown'). */
const MAX_HISTORY_MB = 128;
/** Distinct model, session and project names kept for sharing; past this, names are kept as read. */
const MAX_INTERNED_NAMES = 100_000;
/** Folder listings kept between scans; past this the cache starts again. */
const MAX_CACHED_LISTINGS = 50_000;
const NEWLINE = 0x0a;

/** A file or folder that could not be read, and why (in words a user can act on). */
export interface Unreadable {
  path: string;
  reason: string;
}

export interface ScanProblems {
  /** Lines (or document entries) that are not valid usage: corrupt, too long, impossible values. */
  badLines: number;
  /** Files holding at least one of them. */
  filesWithBadLines: number;
  /** Files whose last line is still being written: read on a later scan once complete. */
  incompleteLines: number;
  unreadable: Unreadable[];
}

export interface ScanStats {
  files: number;
  /** Files read (in part or whole) by this scan. */
  filesRead: number;
  bytesRead: number;
  ms: number;
}

interface LineFileState {
  kind: 'lines';
  source: UsageSource;
  size: number;
  mtimeMs: number;
  ino: number;
  /** Bytes read and parsed: the next scan starts here. */
  offset: number;
  parser: LineParser;
  records: UsageRecord[];
  bad: number;
  incomplete: boolean;
  /** The scan ended inside an over-long line (already counted): the next scan skips to its end. */
  skipping: boolean;
}

interface DocumentFileState {
  kind: 'document';
  source: UsageSource;
  size: number;
  mtimeMs: number;
  ino: number;
  /** Size and time of the side file it depends on (Cline's task_metadata.json, Roo Code's and Kilo Code's API history). */
  sideKey: string;
  records: UsageRecord[];
  bad: number;
}

type FileState = LineFileState | DocumentFileState;

interface DirEntry {
  path: string;
  isDir: boolean;
}

/** What a folder held when it was last listed, and the stat that said so. */
interface DirListing {
  /** Device and inode: the same folder reached by two paths has the same identity. */
  identity: string;
  mtimeMs: number;
  source: UsageSource;
  entries: DirEntry[];
  /** Links in it that could not be followed, reported on every scan. */
  problems: Unreadable[];
}

function isDocument(source: UsageSource, path: string): boolean {
  return source === 'cline' || source === 'roo-code' || source === 'kilo-code' || (source === 'gemini-cli' && path.endsWith('.json'));
}

function lineParserFor(source: UsageSource, file: FileContext): LineParser {
  switch (source) {
    case 'claude-code':
      return claudeCodeParser(file);
    case 'codex':
      return codexParser(file);
    case 'gemini-cli':
      return geminiChatLineParser(file);
    case 'continue':
      return continueParser();
    case 'copilot':
      return copilotOtelParser();
    default:
      throw new Error(`internal error: ${source} is not a line-oriented log`);
  }
}

/** Lines without any of these strings carry no usage for the source and are not decoded. */
const NEEDLES: Partial<Record<UsageSource, Buffer[]>> = {
  'claude-code': [Buffer.from('"usage"')],
  codex: ['token_count', 'turn_context', 'session_meta'].map((s) => Buffer.from(s)),
  continue: [Buffer.from('promptTokens')],
  copilot: [Buffer.from('gen_ai.usage.input_tokens')],
};

function describeError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      return 'no longer there (moved or rotated while reading)';
    case 'EISDIR':
      return 'a folder where a file was expected';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

/** The path with `/` separators, as the core parsers expect. */
function slashed(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Reads the usage logs of coding agents incrementally. The first scan reads every file; later
 * scans read only what was appended since (by file size, modification time, inode and byte
 * offset), re-read a file from the start when it shrank or was replaced (rotation), and drop
 * files that disappeared. Lines are read in 4 MB chunks: memory holds the usage records, never a
 * whole log. Requests are deduplicated across all files by their key.
 */
export class UsageScanner {
  private readonly files = new Map<string, FileState>();
  private byKey = new Map<string, UsageRecord>();
  private unreadable: Unreadable[] = [];
  private readonly buffer: Buffer;
  private readonly names = new Map<string, string>();
  private readonly listings = new Map<string, DirListing>();

  constructor(
    private locations: SourceLocation[],
    private readonly limits: ScanLimits = DEFAULT_LIMITS,
  ) {
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  }

  /** Replaces the locations (a setting changed); the next scan drops files no longer under any. */
  setLocations(locations: SourceLocation[]): void {
    this.locations = locations;
  }

  /** Finds the files of every location and reads what is new in them. */
  scan(): ScanStats {
    const started = performance.now();
    this.unreadable = [];
    const found = this.discover();
    let rebuild = false;
    const fresh: UsageRecord[] = [];
    for (const path of [...this.files.keys()]) {
      if (!found.has(path)) {
        this.files.delete(path);
        rebuild = true;
      }
    }
    let filesRead = 0;
    let bytesRead = 0;
    for (const [path, source] of found) {
      const r = this.readFile(path, source, fresh);
      if (r.read) filesRead++;
      bytesRead += r.bytes;
      if (r.replaced) rebuild = true;
    }
    if (rebuild) {
      this.byKey = new Map();
      for (const state of this.files.values()) for (const rec of state.records) addUnique(this.byKey, rec);
    } else {
      for (const rec of fresh) addUnique(this.byKey, rec);
    }
    return { files: found.size, filesRead, bytesRead, ms: performance.now() - started };
  }

  /**
   * The record with its model, session and project names shared with earlier records: JSON.parse
   * gives every line its own copies, and a gigabyte of logs holds a few hundred thousand requests
   * but only a few hundred distinct names.
   */
  private interned(record: UsageRecord): UsageRecord {
    record.model = this.intern(record.model);
    record.session = this.intern(record.session);
    record.project = this.intern(record.project);
    return record;
  }

  private intern(value: string): string {
    const known = this.names.get(value);
    if (known !== undefined) return known;
    if (this.names.size < MAX_INTERNED_NAMES) this.names.set(value, value);
    return value;
  }

  /** Every request once (the order is not defined). */
  records(): UsageRecord[] {
    return [...this.byKey.values()];
  }

  problems(): ScanProblems {
    let badLines = 0;
    let filesWithBadLines = 0;
    let incompleteLines = 0;
    for (const state of this.files.values()) {
      badLines += state.bad;
      if (state.bad > 0) filesWithBadLines++;
      if (state.kind === 'lines' && state.incomplete) incompleteLines++;
    }
    return { badLines, filesWithBadLines, incompleteLines, unreadable: [...this.unreadable] };
  }

  private discover(): Map<string, UsageSource> {
    const found = new Map<string, UsageSource>();
    for (const loc of this.locations) {
      let stats: Stats;
      try {
        stats = statSync(loc.path);
      } catch (err) {
        if (loc.explicit || (err as NodeJS.ErrnoException).code !== 'ENOENT') this.unreadable.push({ path: loc.path, reason: describeError(err) });
        continue;
      }
      if (stats.isFile()) {
        found.set(loc.path, loc.source);
        continue;
      }
      const visited = new Set<string>();
      let count = 0;
      const walk = (dir: string, depth: number) => {
        const listing = this.list(dir, loc.source);
        if (!listing) return;
        // A folder reached again (a link back into the tree) is not walked twice.
        if (visited.has(listing.identity)) {
          this.unreadable.push({ path: dir, reason: 'symbolic link loop' });
          return;
        }
        visited.add(listing.identity);
        for (const problem of listing.problems) this.unreadable.push(problem);
        for (const entry of listing.entries) {
          if (entry.isDir) {
            if (depth < this.limits.maxDepth) walk(entry.path, depth + 1);
          } else {
            if (count++ >= this.limits.maxFiles) {
              if (count === this.limits.maxFiles + 1)
                this.unreadable.push({ path: loc.path, reason: `more than ${this.limits.maxFiles} log files: the rest are not read` });
              continue;
            }
            if (!found.has(entry.path)) found.set(entry.path, loc.source);
          }
        }
      };
      walk(loc.path, 0);
    }
    return found;
  }

  /**
   * A folder's subfolders and log files, sorted by name. Kept between scans and read again only
   * when the folder's modification time changes (a file added, removed or renamed in it), so a
   * rescan of an unchanged tree costs one stat per folder instead of a listing.
   */
  private list(dir: string, source: UsageSource): DirListing | undefined {
    let stats: Stats;
    try {
      stats = statSync(dir);
    } catch (err) {
      this.unreadable.push({ path: dir, reason: describeError(err) });
      return undefined;
    }
    const identity = `${stats.dev}:${stats.ino}`;
    const cached = this.listings.get(dir);
    if (cached && cached.identity === identity && cached.mtimeMs === stats.mtimeMs && cached.source === source) return cached;
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      this.unreadable.push({ path: dir, reason: describeError(err) });
      return undefined;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const entries: DirEntry[] = [];
    const problems: Unreadable[] = [];
    for (const e of names) {
      const path = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const target = statSync(path);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (err) {
          problems.push({ path, reason: describeError(err) });
          continue;
        }
      }
      if (isDir) entries.push({ path, isDir: true });
      else if (isFile && isSourceFile(source, slashed(path))) entries.push({ path, isDir: false });
    }
    const listing: DirListing = { identity, mtimeMs: stats.mtimeMs, source, entries, problems };
    if (this.listings.size >= MAX_CACHED_LISTINGS) this.listings.clear();
    this.listings.set(dir, listing);
    return listing;
  }

  private readFile(path: string, source: UsageSource, fresh: UsageRecord[]): { read: boolean; bytes: number; replaced: boolean } {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (err) {
      this.unreadable.push({ path, reason: describeError(err) });
      const had = this.files.delete(path);
      return { read: false, bytes: 0, replaced: had };
    }
    const previous = this.files.get(path);
    if (isDocument(source, path)) return this.readDocument(path, source, stats, previous as DocumentFileState | undefined, fresh);
    let state = previous as LineFileState | undefined;
    if (state && state.size === stats.size && state.mtimeMs === stats.mtimeMs && state.ino === stats.ino) return { read: false, bytes: 0, replaced: false };
    let replaced = false;
    if (!state || stats.size < state.offset || state.ino !== stats.ino) {
      // New file, or one that shrank or was replaced (rotation): read it from the start.
      replaced = state !== undefined;
      state = {
        kind: 'lines',
        source,
        size: 0,
        mtimeMs: 0,
        ino: stats.ino,
        offset: 0,
        parser: lineParserFor(source, { path: slashed(path) }),
        records: [],
        bad: 0,
        incomplete: false,
        skipping: false,
      };
      this.files.set(path, state);
    }
    const before = state.records.length;
    let bytes = 0;
    try {
      bytes = this.readLines(path, state, stats.size);
    } catch (err) {
      this.unreadable.push({ path, reason: describeError(err) });
    }
    state.size = stats.size;
    state.mtimeMs = stats.mtimeMs;
    for (let i = before; i < state.records.length; i++) fresh.push(this.interned(state.records[i]));
    return { read: true, bytes, replaced };
  }

  /** Reads complete lines from `state.offset` up to `size`; an unterminated last line waits for the next scan. */
  private readLines(path: string, state: LineFileState, size: number): number {
    const fd = openSync(path, 'r');
    const needles = NEEDLES[state.source];
    const { maxLineBytes } = this.limits;
    let bytes = 0;
    try {
      let position = state.offset;
      if (
        position === 0 &&
        size >= 3 &&
        readSync(fd, this.buffer, 0, 3, 0) === 3 &&
        this.buffer[0] === 0xef &&
        this.buffer[1] === 0xbb &&
        this.buffer[2] === 0xbf
      ) {
        position = state.offset = 3; // a UTF-8 byte-order mark is not part of the first line
      }
      let carry: Buffer | undefined; // the start of a line that continues in the next chunk
      let skippingLongLine = state.skipping;
      while (position < size) {
        const n = readSync(fd, this.buffer, 0, Math.min(CHUNK_BYTES, size - position), position);
        if (n === 0) break; // truncated under us: the next scan sees the new size
        bytes += n;
        const chunk = this.buffer.subarray(0, n);
        let start = 0;
        for (;;) {
          const nl = chunk.indexOf(NEWLINE, start);
          if (nl === -1) break;
          if (skippingLongLine) {
            skippingLongLine = false;
          } else if (carry) {
            const line = Buffer.concat([carry, chunk.subarray(start, nl)]);
            carry = undefined;
            if (line.length > maxLineBytes) state.bad++;
            else this.parseLine(state, line, needles);
          } else if (nl - start > maxLineBytes) {
            state.bad++;
          } else {
            this.parseLine(state, chunk.subarray(start, nl), needles);
          }
          start = nl + 1;
          state.offset = position + start;
        }
        if (start < n && !skippingLongLine) {
          const rest = chunk.subarray(start);
          const length = (carry?.length ?? 0) + rest.length;
          if (length > maxLineBytes) {
            // Too long to be a usage line: drop what is held and skip to the next line break.
            state.bad++;
            carry = undefined;
            skippingLongLine = true;
          } else {
            carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
          }
        }
        position += n;
      }
      state.incomplete = false;
      state.skipping = skippingLongLine;
      if (skippingLongLine) {
        state.offset = position; // the whole over-long line was counted; do not count it again
      } else if (carry && carry.length) {
        // The last line has no line break yet. Parse it only if it is already a whole JSON object
        // (some agents end a file without a newline); otherwise wait for the writer to finish it.
        const text = carry.toString('utf8');
        if (isWholeJson(text)) {
          this.parseLine(state, carry, needles);
          state.offset = position;
        } else {
          state.incomplete = true;
        }
      }
    } finally {
      closeSync(fd);
    }
    return bytes;
  }

  private parseLine(state: LineFileState, line: Buffer, needles: Buffer[] | undefined): void {
    if (line.length === 0) return;
    if (needles && !needles.some((n) => line.indexOf(n) !== -1)) {
      // Not a usage line: only check that it looks like a JSON object ({ … }, allowing \r).
      let end = line.length - 1;
      while (end > 0 && (line[end] === 0x0d || line[end] === 0x20)) end--;
      if (line[0] !== 0x7b || line[end] !== 0x7d) state.bad++;
      return;
    }
    const text = line.toString('utf8');
    if (state.parser.line(text, state.records) !== 'bad') return;
    state.bad++;
    // A writer killed mid-line leaves a cut-off record (or a run of NUL bytes, ext4's trace of a lost
    // append) and its next append goes on the same line (anthropics/claude-code#52387, #49876;
    // github/copilot-cli#4098): the whole record after the fragment is still read.
    const glued = gluedObjectStart(text);
    if (glued > 0) state.parser.line(text.slice(glued), state.records);
  }

  private readDocument(
    path: string,
    source: UsageSource,
    stats: Stats,
    previous: DocumentFileState | undefined,
    fresh: UsageRecord[],
  ): { read: boolean; bytes: number; replaced: boolean } {
    // The side file: Cline's task_metadata.json (models by time); Roo Code's and Kilo Code's API history (the model in each prompt).
    const sidePath = join(dirname(path), source === 'cline' ? 'task_metadata.json' : 'api_conversation_history.json');
    const family = source === 'cline' || source === 'roo-code' || source === 'kilo-code';
    let sideKey = '';
    if (family && !path.endsWith('.messages.json')) {
      try {
        const s = statSync(sidePath);
        sideKey = `${s.size}:${s.mtimeMs}`;
      } catch {
        sideKey = 'none';
      }
    }
    if (previous && previous.size === stats.size && previous.mtimeMs === stats.mtimeMs && previous.ino === stats.ino && previous.sideKey === sideKey)
      return { read: false, bytes: 0, replaced: false };
    if (stats.size > this.limits.maxDocumentBytes) {
      this.unreadable.push({ path, reason: `larger than ${Math.round(this.limits.maxDocumentBytes / 1048576)} MB` });
      this.files.delete(path);
      return { read: false, bytes: 0, replaced: previous !== undefined };
    }
    let result: DocumentResult;
    try {
      const text = readFileSync(path, 'utf8');
      const file = { path: slashed(path) };
      if (family) {
        let side: string | undefined;
        try {
          if (statSync(sidePath).size <= (source === 'cline' ? 16 : MAX_HISTORY_MB) * 1024 * 1024) side = readFileSync(sidePath, 'utf8');
        } catch {
          side = undefined;
        }
        if (source === 'cline') {
          result = path.endsWith('.messages.json') ? parseClineSession(text, file) : parseClineTask(text, side, file, source);
        } else {
          // Scanned for its <model> tags and times only; the prompts in it go out of scope here.
          result = parseClineTask(text, undefined, file, source, side === undefined ? [] : modelStampsOf(side));
        }
      } else {
        result = parseGeminiChat(text, file);
      }
    } catch (err) {
      this.unreadable.push({ path, reason: describeError(err) });
      this.files.delete(path);
      return { read: false, bytes: 0, replaced: previous !== undefined };
    }
    for (const record of result.records) this.interned(record);
    this.files.set(path, {
      kind: 'document',
      source,
      size: stats.size,
      mtimeMs: stats.mtimeMs,
      ino: stats.ino,
      sideKey,
      records: result.records,
      bad: result.bad,
    });
    // A document is read whole: a changed one replaces its old records, so the deduplicated set is rebuilt.
    if (!previous) appendAll(fresh, result.records);
    return { read: true, bytes: stats.size, replaced: previous !== undefined };
  }
}

/** Starts of `{"` tried when looking for a whole record glued after a fragment. */
const MAX_GLUE_TRIES = 16;

/** Where a whole JSON object that runs to the end of `text` starts after its first character, or -1. */
function gluedObjectStart(text: string): number {
  let from = 1;
  for (let tries = 0; tries < MAX_GLUE_TRIES; tries++) {
    const i = text.indexOf('{"', from);
    if (i === -1) return -1;
    if (isWholeJson(text.slice(i))) return i;
    from = i + 2;
  }
  return -1;
}

function isWholeJson(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}
