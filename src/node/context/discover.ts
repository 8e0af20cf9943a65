import { lstatSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isInstructionPath, type WorkspaceFile } from '../../core/context';

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

/**
 * The instruction files under `root` that an agent may send (core `isInstructionPath`), read as
 * UTF-8. Symbolic links are not followed; every read is bounded (DISCOVERY_LIMITS).
 */
export function discoverInstructionFiles(root: string): Discovery {
  const files: WorkspaceFile[] = [];
  const problems: string[] = [];
  let entries = 0;
  let total = 0;
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
      if (!entry.isFile()) continue; // symbolic links, sockets: not followed
      const path = relative(root, full).split(sep).join('/');
      if (!isInstructionPath(path)) continue;
      try {
        const size = lstatSync(full).size;
        if (size > DISCOVERY_LIMITS.fileBytes) {
          problems.push(
            `${path}: ${size.toLocaleString('en')} bytes, over the ${DISCOVERY_LIMITS.fileBytes.toLocaleString('en')}-byte limit for an instruction file; not counted`,
          );
          continue;
        }
        if (total + size > DISCOVERY_LIMITS.totalBytes) {
          problems.push(`${path}: the instruction files together pass ${DISCOVERY_LIMITS.totalBytes.toLocaleString('en')} bytes; not counted`);
          continue;
        }
        total += size;
        files.push({ path, text: readFileSync(full, 'utf8') });
      } catch (err) {
        problems.push(`${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
    }
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return { files, problems };
}
