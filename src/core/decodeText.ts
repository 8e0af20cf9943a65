// File bytes to text the way every front end reads a prompt: UTF-8 only, binary refused.
import { inspectText, SNIFF_LENGTH } from './textPolicy';

/** UTF-8 bytes that always decode to at least SNIFF_LENGTH UTF-16 code units when there are that many. */
const SNIFF_BYTES = SNIFF_LENGTH * 4;

/**
 * Throws when the first bytes of `bytes` show UTF-16 or binary data (the whole need not be there).
 * Binary is what the editor calls binary (textPolicy.inspectText: a NUL or many control characters
 * in the first SNIFF_LENGTH characters), judged before the strict decode so a binary file is named
 * as binary rather than as "not UTF-8".
 */
export function refuseNonText(bytes: Uint8Array, name: string): void {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error(`${name} is UTF-16 text; save it as UTF-8 first`);
  }
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES)).slice(0, SNIFF_LENGTH);
  const verdict = inspectText(start);
  if (verdict.kind === 'binary') {
    const why = verdict.reason === 'nul' ? 'it contains NUL bytes' : 'it is full of control characters';
    throw new Error(`${name} looks like a binary file (${why}); give a text file`);
  }
}

/**
 * Reads the prompt as UTF-8 text; binary or non-UTF-8 content is refused rather than counted as garbage.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  refuseNonText(bytes, name);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${name} is not UTF-8 text; convert it to UTF-8 first`);
  }
  // Editors drop a leading byte-order mark when they open a file; so do we.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
