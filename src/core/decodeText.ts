// File bytes to text the way every front end reads a prompt: UTF-8 only, binary refused.
/** Reads the prompt as UTF-8 text; binary or non-UTF-8 content is refused rather than counted as garbage. */
export function decodeText(bytes: Uint8Array, name: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new Error(`${name} is UTF-16 text; save it as UTF-8 first`);
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new Error(`${name} looks like a binary file (it contains NUL bytes); give a text file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${name} is not UTF-8 text; convert it to UTF-8 first`);
  }
  // Editors drop a leading byte-order mark when they open a file; so do we.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
