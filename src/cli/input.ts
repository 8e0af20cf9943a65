import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeText, refuseNonText } from '../core/decodeText';
import { CLI_INPUT_LIMITS } from '../core/limits';
import { printableName } from './files';

export { decodeText };

const MILLION_CHARS = (CLI_INPUT_LIMITS.chars / 1e6).toLocaleString('en');

function overLimit(name: string): Error {
  return new Error(
    `${name} is over the input limit of ${MILLION_CHARS} million characters ` +
      `(${(CLI_INPUT_LIMITS.bytes / 1e6).toLocaleString('en')} MB of UTF-8); count a part of it`,
  );
}

/** Bytes to text, refusing text over the character limit (a file under the byte limit may still hold more characters). */
function decodeWithinLimit(bytes: Uint8Array, name: string): string {
  const text = decodeText(bytes, name);
  if (text.length > CLI_INPUT_LIMITS.chars) throw overLimit(name);
  return text;
}

function readError(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'ELOOP'
            ? 'a symbolic link loop'
            : code === 'ENAMETOOLONG'
              ? 'the name is too long'
              : code === 'ENOTDIR'
                ? 'a part of the path is not a folder'
                : code === 'ENXIO'
                  ? 'a socket or a device that cannot be read'
                  : (err as Error).message;
  return new Error(`cannot read ${path}: ${why}`);
}

/**
 * Reads at most CLI_INPUT_LIMITS.bytes + 1 bytes of `path`: a file, a pipe or a device such as
 * /dev/zero, whose size the file system does not know, stops there with a clear message.
 */
export function readFileText(path: string): string {
  // Messages name the file as a terminal can show it: a newline in a name must not start a forged line.
  const name = printableName(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw readError(name, err);
  }
  const limit = CLI_INPUT_LIMITS.bytes;
  let bytes: Buffer;
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('it is a directory'), { code: 'EISDIR' });
    bytes = Buffer.alloc(Math.min(limit + 1, info.size > 0 ? info.size + 1 : 1 << 16));
    let length = 0;
    for (;;) {
      if (length === bytes.length) {
        if (length > limit) {
          refuseNonText(bytes, name); // a binary file over the limit is named as binary
          throw overLimit(name);
        }
        const bigger = Buffer.alloc(Math.min(limit + 1, bytes.length * 2));
        bytes.copy(bigger);
        bytes = bigger;
      }
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    bytes = bytes.subarray(0, length);
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code === undefined ? err : readError(name, err);
  } finally {
    closeSync(fd);
  }
  return decodeWithinLimit(bytes, name);
}

/** Reads standard input up to CLI_INPUT_LIMITS.bytes; past it, stops reading and refuses. */
export async function readStdinText(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    chunks.push(bytes);
    if (length > CLI_INPUT_LIMITS.bytes) {
      refuseNonText(Buffer.concat(chunks), 'standard input');
      throw overLimit('standard input');
    }
  }
  return decodeWithinLimit(Buffer.concat(chunks), 'standard input');
}
