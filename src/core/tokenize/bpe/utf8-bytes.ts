/**
 * UTF-8 bytes held as Latin-1 strings (one character per byte): such strings are cheap map keys
 * and concatenate without copies, which is all the merger needs of token bytes.
 */

/** Bytes as a Latin-1 string. */
export function latin1(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** UTF-8 bytes of one code point, as a Latin-1 string. */
export function utf8OfCodePoint(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** Byte length of the UTF-8 sequence a lead byte starts (0: not a lead byte of valid UTF-8). */
export function sequenceLength(b0: number): number {
  return b0 < 0x80 ? 1 : b0 >= 0xc2 && b0 < 0xe0 ? 2 : b0 >= 0xe0 && b0 < 0xf0 ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
}

/** True when Latin-1-held bytes are strictly valid UTF-8 (no truncation, overlong form, surrogate or code point past U+10FFFF). */
export function isUtf8(bytes: string): boolean {
  for (let i = 0; i < bytes.length;) {
    const b0 = bytes.charCodeAt(i);
    const n = sequenceLength(b0);
    if (n === 0 || i + n > bytes.length) return false;
    if (n > 1) {
      const b1 = bytes.charCodeAt(i + 1);
      if ((b1 & 0xc0) !== 0x80) return false;
      // Overlong forms, surrogates and code points past U+10FFFF show in the second byte.
      if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 >= 0xa0) || (b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 >= 0x90)) return false;
      for (let k = 2; k < n; k++) if ((bytes.charCodeAt(i + k) & 0xc0) !== 0x80) return false;
    }
    i += n;
  }
  return true;
}

/** The text of Latin-1-held UTF-8 bytes, or undefined when they are not valid UTF-8 (`isUtf8`). */
export function decodeUtf8(bytes: string): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b0 = bytes.charCodeAt(i);
    const n = sequenceLength(b0);
    let cp = n === 1 ? b0 : b0 & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes.charCodeAt(i + k) & 0x3f);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}
