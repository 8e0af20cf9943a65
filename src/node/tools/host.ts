// The cost tools' reads on Node (MCP server, CLI): bounded file reads and folder discovery, paths
// resolved against a base folder.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAbsolute, resolve, sep } from 'node:path';
import { decodeText } from '../../core/decodeText';
import { TOOL_LIMITS } from '../../core/limits';
import type { Catalogue } from '../../core/pricing/catalogue';
import type { FolderFiles, ToolHost } from '../../core/tools';
import { discoverInstructionFiles } from '../context/discover';

/** UTF-8 is at most 4 bytes a character; a file larger than this cannot be within the limit. */
const MAX_FILE_BYTES = TOOL_LIMITS.textChars * 4;

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
}

/** Reads a text file, refusing folders, binary files and anything over TOOL_LIMITS.textChars. */
export async function readToolFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    // Non-blocking: a FIFO with no writer would otherwise hold the request (and a thread) for ever.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const info = await handle.stat();
      if (info.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
      // A device or pipe has no size: /dev/zero was read as an empty file and priced as 0 tokens.
      if (!info.isFile()) throw new Error('not a regular file (a device, pipe or socket)');
      if (info.size > MAX_FILE_BYTES) throw new Error(`${info.size.toLocaleString('en')} bytes is over the ${MAX_FILE_BYTES.toLocaleString('en')}-byte limit`);
      bytes = Buffer.alloc(info.size);
      const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw new Error(`cannot read ${path}: ${why(err)}`, { cause: err });
  }
  const text = decodeText(bytes, path);
  if (text.length > TOOL_LIMITS.textChars)
    throw new Error(`${path} has ${text.length.toLocaleString('en')} characters, over the ${TOOL_LIMITS.textChars.toLocaleString('en')}-character limit`);
  return text;
}

/** Instruction files of `folder`; `file` must lie inside it. */
export async function discoverFolder(folder: string, file: string | undefined): Promise<FolderFiles> {
  let isDir: boolean;
  try {
    isDir = (await stat(folder)).isDirectory();
  } catch (err) {
    throw new Error(`cannot read ${folder}: ${why(err)}`, { cause: err });
  }
  if (!isDir) throw new Error(`${folder} is not a folder`);
  const root = resolve(folder);
  let currentFile: string | undefined;
  if (file !== undefined) {
    const full = resolve(root, file);
    if (full === root || !full.startsWith(root + sep)) throw new Error(`file ${file} is not inside ${folder}`);
    currentFile = full
      .slice(root.length + 1)
      .split(sep)
      .join('/');
  }
  const found = discoverInstructionFiles(root);
  return { folder: root, currentFile, ...found };
}

/** A ToolHost whose relative paths are relative to `base` (the server's working folder). */
export function nodeToolHost(catalogue: Catalogue, base: string): ToolHost {
  const at = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    catalogue,
    readText: (path) => readToolFile(at(path)),
    discover: (folder, file) => discoverFolder(at(folder), file),
  };
}
