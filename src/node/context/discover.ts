import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { instructionFileText, isInstructionPath, type WorkspaceFile } from '../../core/context';

/** Folders no agent reads instructions from, and which can be huge. */
const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  'target',
  'vendor',
  '.venv',
  'venv',
  '__pycache__',
  '.e2e',
  '.next',
  '.cache',
]);

export const DISCOVERY_LIMITS = Object.freeze({
  /** Folder depth below the workspace root. */
  depth: 16,
  /** Folder entries looked at in all. */
  entries: 100_000,
  /** One instruction file; a larger one is reported, not read. */
  fileBytes: 1_000_000,
  /** All instruction files together. */
  totalBytes: 20_000_000,
});

export interface Discovery {
  files: WorkspaceFile[];
  /** What could not be read, in plain words (permission, size, limits). */
  problems: string[];
}

/** Why a file cannot be opened, in plain words. */
function openProblem(code: string | undefined): string {
  if (code === 'ELOOP') return 'a symbolic link loop';
  if (code === 'ENOENT') return 'a symbolic link to nothing';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? 'cannot be read';
}

/**
 * At most `limit` + 1 bytes of `full`, which must be a regular file: /dev/zero or a FIFO behind a
 * symbolic link would otherwise be read for ever.
 */
function readBounded(full: string, limit: number): { bytes: Buffer; size: number } | { problem: string } {
  // Non-blocking, so that opening a FIFO with no writer returns at once (and is then refused) instead of waiting.
  const fd = openSync(full, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { problem: 'not a regular file (a device, pipe or socket)' };
    if (info.size > limit)
      return { problem: `${info.size.toLocaleString('en')} bytes, over the ${limit.toLocaleString('en')}-byte limit for an instruction file` };
    const bytes = Buffer.alloc(Math.min(info.size, limit) + 1);
    let length = 0;
    for (let n; length < bytes.length && (n = readSync(fd, bytes, length, bytes.length - length, null)) > 0;) length += n;
    if (length > limit) return { problem: `more than ${limit.toLocaleString('en')} bytes (it grew while being read), over the limit for an instruction file` };
    return { bytes: bytes.subarray(0, length), size: length };
  } finally {
    closeSync(fd);
  }
}

/**
 * The instruction files under `root` that an agent may send (core `isInstructionPath`), read as
 * UTF-8. Folders behind symbolic links are not entered; a symbolic link to a file is followed
 * only to a regular file inside `root` (CLAUDE.md -> AGENTS.md is common), never to a device or
 * out of the folder. Every read is bounded (DISCOVERY_LIMITS); binary files are not counted.
 */
export function discoverInstructionFiles(root: string): Discovery {
  const files: WorkspaceFile[] = [];
  const problems: string[] = [];
  let entries = 0;
  let total = 0;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  while (queue.length) {
    const { dir, depth } = queue.shift()!;
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problems.push(`${relative(root, dir) || '.'}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      continue;
    }
    for (const entry of list) {
      if (++entries > DISCOVERY_LIMITS.entries) {
        problems.push(`stopped after ${DISCOVERY_LIMITS.entries.toLocaleString('en')} folder entries; instruction files further down were not looked for`);
        return { files, problems };
      }
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && depth + 1 <= DISCOVERY_LIMITS.depth) queue.push({ dir: full, depth: depth + 1 });
        continue;
      }
      const path = relative(root, full).split(sep).join('/');
      if (!isInstructionPath(path)) continue;
      if (!entry.isFile() && !entry.isSymbolicLink()) {
        problems.push(`${path}: not a regular file (a device, pipe or socket); not counted`);
        continue;
      }
      try {
        if (entry.isSymbolicLink()) {
          let target: string;
          try {
            target = realpathSync(full);
          } catch (err) {
            problems.push(`${path}: ${openProblem((err as NodeJS.ErrnoException).code)}; not counted`);
            continue;
          }
          if (!target.startsWith(realRoot + sep)) {
            problems.push(`${path}: a symbolic link to ${target}, outside ${realRoot}; not counted`);
            continue;
          }
        }
        const read = readBounded(full, DISCOVERY_LIMITS.fileBytes);
        if ('problem' in read) {
          problems.push(`${path}: ${read.problem}; not counted`);
          continue;
        }
        if (total + read.size > DISCOVERY_LIMITS.totalBytes) {
          problems.push(`${path}: the instruction files together pass ${DISCOVERY_LIMITS.totalBytes.toLocaleString('en')} bytes; not counted`);
          continue;
        }
        const decoded = instructionFileText(read.bytes, path);
        if ('problem' in decoded) {
          problems.push(decoded.problem);
          continue;
        }
        total += read.size;
        files.push({ path, text: decoded.text });
      } catch (err) {
        problems.push(`${path}: ${openProblem((err as NodeJS.ErrnoException).code)}; not counted`);
      }
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems };
}
